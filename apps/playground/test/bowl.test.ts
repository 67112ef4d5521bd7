import { describe, expect, it } from 'vitest';
import {
  CONVERGED_FRACTION,
  DIVERGED_FACTOR,
  IDEAL_RATE,
  LECTURE_RATES,
  MAX_RATE,
  MAX_STEPS,
  START_DISTANCE,
  W_MIN,
  W_START,
  checkRate,
  descend,
  gradient,
  gradientStep,
  judge,
  loss,
  parseRate,
} from '../src/lib/course/bowl.js';

/** Steps to converge, derived by hand: the distance shrinks by |1 − rate/1.6| a step, until ≤ 0.5 % of the start. */
const EXPECTED_STEPS: [number, number][] = [
  [0.03, 280],
  [0.06, 139],
  [0.1, 83],
  [0.3, 26],
  [0.8, 8],
  [1.2, 4],
  [1.6, 1],
  [2.1, 5],
  [2.6, 12],
];

/** The first k ≥ 1 with |1 − rate/1.6|^k ≤ 0.005, in closed form. */
function stepsByFormula(rate: number): number {
  return Math.max(1, Math.ceil(Math.log(CONVERGED_FRACTION) / Math.log(Math.abs(1 - rate / IDEAL_RATE))));
}

describe('the bowl', () => {
  it('has its minimum at w* with loss 0, and starts to the left of it', () => {
    expect(W_MIN).toBe(2);
    expect(W_START).toBe(-2);
    expect(START_DISTANCE).toBe(4);
    expect(loss(W_MIN)).toBe(0);
    expect(gradient(W_MIN)).toBe(0);
    expect(W_START).toBeLessThan(W_MIN);
    expect(MAX_STEPS).toBe(1000);
  });

  it('is L(w) = (w − w*)² / (2 · 1.6) with gradient (w − w*) / 1.6', () => {
    expect(loss(W_START)).toBeCloseTo(5, 12);
    expect(gradient(W_START)).toBeCloseTo(-2.5, 12);
    for (const w of [-3, -1, 0.5, 2, 3.7, 10]) {
      expect(loss(w)).toBeCloseTo((w - 2) ** 2 / 3.2, 12);
      expect(gradient(w)).toBeCloseTo((w - 2) / 1.6, 12);
      // The gradient is the derivative of the loss.
      const h = 1e-6;
      expect((loss(w + h) - loss(w - h)) / (2 * h)).toBeCloseTo(gradient(w), 6);
    }
  });

  it('gradientStep is w − rate · dL/dw', () => {
    expect(gradientStep(W_START, 0.01)).toBeCloseTo(-2 + 0.025, 12);
    expect(gradientStep(W_START, 0.1)).toBeCloseTo(-1.75, 12);
    expect(gradientStep(5, 0.8)).toBeCloseTo(3.5, 12);
    expect(gradientStep(W_MIN, 3)).toBe(W_MIN);
  });

  it('the ideal rate 1.6 lands exactly on the minimum in one step, from anywhere', () => {
    expect(IDEAL_RATE).toBe(1.6);
    for (const w of [W_START, -3, 0, 1.9, 2.1, 7, 123.456]) {
      expect(Math.abs(gradientStep(w, IDEAL_RATE) - W_MIN)).toBeLessThan(1e-12);
    }
    expect(gradientStep(W_START, IDEAL_RATE)).toBe(W_MIN);
  });

  it('multiplies the distance to the minimum by (1 − rate/1.6) each step', () => {
    for (const rate of [0.03, 0.8, 2.1, 3.5]) {
      let w = W_START;
      for (let k = 0; k < 5; k++) {
        const next = gradientStep(w, rate);
        expect(next - W_MIN).toBeCloseTo((w - W_MIN) * (1 - rate / IDEAL_RATE), 10);
        w = next;
      }
    }
  });
});

describe('descend', () => {
  it('lists the lecture rates', () => {
    expect(LECTURE_RATES).toEqual([0.03, 0.06, 0.1, 0.3, 0.8, 1.2, 2.1, 2.6, 3.5]);
  });

  it.each(EXPECTED_STEPS)('rate %s converges in %i step(s)', (rate, steps) => {
    const run = descend(rate);
    expect(run.outcome).toBe('converged');
    expect(run.steps).toBe(steps);
    expect(run.steps).toBe(stepsByFormula(rate));
    expect(run.rate).toBe(rate);
  });

  it('converged means the first step within 0.5 % of the start distance', () => {
    for (const [rate] of EXPECTED_STEPS) {
      const { path, steps } = descend(rate);
      const limit = CONVERGED_FRACTION * START_DISTANCE;
      expect(Math.abs(path[steps]! - W_MIN)).toBeLessThanOrEqual(limit);
      for (let k = 0; k < steps; k++) expect(Math.abs(path[k]! - W_MIN)).toBeGreaterThan(limit);
    }
  });

  it('rates above 1.6 zig-zag across the minimum', () => {
    const { path } = descend(2.6);
    for (let k = 1; k < path.length; k++) {
      expect(Math.sign(path[k]! - W_MIN)).toBe(-Math.sign(path[k - 1]! - W_MIN));
    }
    const slow = descend(0.3).path;
    expect(slow.every((w) => w < W_MIN)).toBe(true);
  });

  it.each([
    [3.5, 41],
    [4, 18],
    [10, 5],
  ])('rate %s diverges (at step %i)', (rate, steps) => {
    const run = descend(rate);
    expect(run.outcome).toBe('diverged');
    expect(run.steps).toBe(steps);
    const last = run.path[run.steps]!;
    expect(Math.abs(last - W_MIN)).toBeGreaterThan(DIVERGED_FACTOR * START_DISTANCE);
    expect(Math.abs(run.path[run.steps - 1]! - W_MIN)).toBeLessThanOrEqual(DIVERGED_FACTOR * START_DISTANCE);
  });

  it('rate 3.2 oscillates for ever with factor −1: not converged after the maximum steps', () => {
    const run = descend(3.2);
    expect(run.outcome).toBe('not-converged');
    expect(run.steps).toBe(MAX_STEPS);
    expect(run.path[1]).toBeCloseTo(6, 12);
    expect(run.path[2]).toBeCloseTo(-2, 12);
    expect(run.path[MAX_STEPS]).toBeCloseTo(W_START, 9);
  });

  it('tiny rates are too slow: not converged', () => {
    for (const rate of [1e-5, 0.001, 0.008]) {
      const run = descend(rate);
      expect(run.outcome).toBe('not-converged');
      expect(run.steps).toBe(MAX_STEPS);
      expect(run.path.at(-1)!).toBeLessThan(W_MIN);
    }
    // Just fast enough.
    expect(descend(0.0085)).toMatchObject({ outcome: 'converged', steps: 995 });
  });

  it("the path's length is the step count + 1 and starts at w₀", () => {
    for (const rate of [...LECTURE_RATES, 1.6, 3.2, 4, 10, 1e-5]) {
      const run = descend(rate);
      expect(run.path).toHaveLength(run.steps + 1);
      expect(run.path[0]).toBe(W_START);
      for (let k = 1; k < run.path.length; k++) expect(run.path[k]).toBe(gradientStep(run.path[k - 1]!, rate));
    }
  });

  it('honours maxSteps', () => {
    expect(descend(0.03, { maxSteps: 100 })).toMatchObject({ outcome: 'not-converged', steps: 100 });
    expect(descend(0.03, { maxSteps: 280 })).toMatchObject({ outcome: 'converged', steps: 280 });
    expect(descend(0.03, { maxSteps: 279 })).toMatchObject({ outcome: 'not-converged', steps: 279 });
    expect(descend(1.6, { maxSteps: 0 })).toMatchObject({ outcome: 'not-converged', steps: 0, path: [W_START] });
    expect(descend(3.2, { maxSteps: -5 }).steps).toBe(0);
    expect(descend(3.2, { maxSteps: 12.7 }).steps).toBe(12);
    expect(descend(3.2, { maxSteps: Number.POSITIVE_INFINITY }).steps).toBe(MAX_STEPS);
    expect(descend(3.2, { maxSteps: Number.NaN }).steps).toBe(MAX_STEPS);
  });

  it('never throws on odd rates', () => {
    expect(descend(Number.NaN)).toMatchObject({ outcome: 'diverged', steps: 1 });
    expect(descend(Number.POSITIVE_INFINITY)).toMatchObject({ outcome: 'diverged', steps: 1 });
    expect(descend(-0.5).outcome).toBe('diverged');
    expect(descend(0)).toMatchObject({ outcome: 'not-converged', steps: MAX_STEPS });
  });
});

describe('judge', () => {
  it('applies the rules in order', () => {
    expect(judge(W_START, 0)).toBeNull();
    expect(judge(W_MIN, 0)).toBeNull(); // no step taken yet
    expect(judge(W_MIN, 1)).toBe('converged');
    // Exactly 0.5 % of 4 away (2.02 − 2 is 0.020000000000000018 in floating point).
    expect(judge(W_MIN + 0.02, 3)).toBe('converged');
    expect(judge(W_MIN - 0.02, 3)).toBe('converged');
    expect(judge(W_MIN - 0.0201, 3)).toBeNull();
    expect(judge(W_MIN + 4000, 7)).toBeNull(); // exactly 1000×: not beyond
    expect(judge(W_MIN + 4001, 7)).toBe('diverged');
    expect(judge(Number.NaN, 1)).toBe('diverged');
    expect(judge(Number.NEGATIVE_INFINITY, 1)).toBe('diverged');
    expect(judge(0, MAX_STEPS)).toBe('not-converged');
    expect(judge(W_MIN, MAX_STEPS)).toBe('converged');
    expect(judge(0, 10, 10)).toBe('not-converged');
  });
});

describe('rate validation', () => {
  it.each([
    ['0.03', 0.03],
    [' 0.1 ', 0.1],
    ['1.6', 1.6],
    ['3.5', 3.5],
    ['10', 10],
    ['.5', 0.5],
    ['2.', 2],
    ['+0.3', 0.3],
    ['1e-5', 0.00001],
    ['3E-1', 0.3],
    // A decimal comma, as many keyboards write it.
    ['0,3', 0.3],
    [' 1,6 ', 1.6],
    [',5', 0.5],
    ['2,5e-1', 0.25],
  ])('accepts %j', (text, rate) => {
    expect(parseRate(text)).toEqual({ ok: true, rate });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    [null, 'empty'],
    [undefined, 'empty'],
    ['abc', 'not-a-number'],
    ['0.3a', 'not-a-number'],
    ['1,000.5', 'not-a-number'],
    ['0,3,1', 'not-a-number'],
    ['0.3,1', 'not-a-number'],
    ['0x10', 'not-a-number'],
    ['Infinity', 'not-a-number'],
    ['NaN', 'not-a-number'],
    ['1/2', 'not-a-number'],
    ['.', 'not-a-number'],
    ['e5', 'not-a-number'],
    ['0', 'not-positive'],
    ['0.000', 'not-positive'],
    ['-0.5', 'not-positive'],
    ['-0', 'not-positive'],
    ['\u22120,3', 'not-positive'],
    ['1e-999', 'not-positive'],
    ['10.01', 'too-large'],
    ['11', 'too-large'],
    // Too large to be a finite number at all.
    ['1e999', 'not-a-number'],
  ])('refuses %j as %s', (text, reason) => {
    expect(parseRate(text)).toEqual({ ok: false, reason });
  });

  it('never throws, whatever it is given', () => {
    for (const odd of [{}, [], 42, Symbol.iterator, { toString: () => '0.5' }, Object.create(null), 10n]) {
      expect(() => parseRate(odd)).not.toThrow();
    }
    expect(parseRate(0.5)).toEqual({ ok: true, rate: 0.5 });
    expect(parseRate(42)).toEqual({ ok: false, reason: 'too-large' });
    expect(parseRate(Symbol.iterator)).toEqual({ ok: false, reason: 'not-a-number' });
    expect(parseRate(Object.create(null))).toEqual({ ok: false, reason: 'not-a-number' });
  });

  it('checks numbers the same way', () => {
    expect(MAX_RATE).toBe(10);
    expect(checkRate(0.3)).toEqual({ ok: true, rate: 0.3 });
    expect(checkRate(MAX_RATE)).toEqual({ ok: true, rate: MAX_RATE });
    expect(checkRate(Number.NaN)).toEqual({ ok: false, reason: 'not-a-number' });
    expect(checkRate(0)).toEqual({ ok: false, reason: 'not-positive' });
    expect(checkRate(-1)).toEqual({ ok: false, reason: 'not-positive' });
    expect(checkRate(Number.NEGATIVE_INFINITY)).toEqual({ ok: false, reason: 'not-positive' });
    expect(checkRate(Number.POSITIVE_INFINITY)).toEqual({ ok: false, reason: 'too-large' });
    expect(checkRate(10.5)).toEqual({ ok: false, reason: 'too-large' });
  });
});
