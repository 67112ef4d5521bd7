import { describe, expect, it } from 'vitest';
import { LECTURE_RATES, MAX_STEPS, W_START, descend, gradientStep } from '../src/lib/course/bowl.js';
import { DEFAULT_RATE_TEXT, LabRun, stepsDue, type Frames, type Settled } from '../src/lib/course/lab/run.svelte.js';

/** Animation frames driven by hand: `advance(ms)` moves the clock and runs the frame that was asked for. */
class HandFrames implements Frames {
  time = 0;
  #pending: { handle: number; callback: (now: number) => void } | undefined;
  #next = 1;
  now(): number {
    return this.time;
  }
  request(callback: (now: number) => void): number {
    this.#pending = { handle: this.#next++, callback };
    return this.#pending.handle;
  }
  cancel(handle: number): void {
    if (this.#pending?.handle === handle) this.#pending = undefined;
  }
  get waiting(): boolean {
    return this.#pending !== undefined;
  }
  /** Moves the clock by `ms` and runs the frame asked for, if any; returns whether one ran. */
  advance(ms: number): boolean {
    this.time += ms;
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.callback(this.time);
    return pending !== undefined;
  }
}

function labRun(rateText?: string): { run: LabRun; frames: HandFrames; settled: Settled[] } {
  const frames = new HandFrames();
  const settled: Settled[] = [];
  const run = new LabRun({ frames, onsettle: (s) => settled.push(s), ...(rateText === undefined ? {} : { rateText }) });
  return { run, frames, settled };
}

/** Presses "Run to the end" and lets frames 16 ms apart run until the animation stops; returns the frames it took. */
function runToTheEnd(run: LabRun, frames: HandFrames): number {
  run.toggleRun();
  let count = 0;
  while (frames.advance(16)) count++;
  expect(run.running).toBe(false);
  return count;
}

describe('the lab run', () => {
  it('opens at w₀ with the default rate, nothing decided', () => {
    const { run, settled } = labRun();
    expect(run.rateText).toBe(DEFAULT_RATE_TEXT);
    expect(run.rate).toBe(0.1);
    expect(run.path).toEqual([W_START]);
    expect(run.step).toBe(0);
    expect(run.weight).toBe(W_START);
    expect(run.lastGradient).toBeUndefined();
    expect(run.outcome).toBeNull();
    expect(run.canStep).toBe(true);
    expect(run.canRun).toBe(true);
    expect(settled).toEqual([]);
  });

  it('one step is one update of gradient descent', () => {
    const { run } = labRun('0.1');
    run.stepOnce();
    expect(run.step).toBe(1);
    expect(run.weight).toBe(gradientStep(W_START, 0.1));
    expect(run.lastGradient).toBeCloseTo(-2.5, 12);
    run.stepOnce();
    expect(run.path).toEqual(descend(0.1).path.slice(0, 3));
  });

  it.each(LECTURE_RATES.map((rate) => [rate]))(
    'stepping %s by hand settles where the bowl says, and says so once',
    (rate) => {
      const { run, settled } = labRun(String(rate));
      const expected = descend(rate);
      while (run.outcome === null) {
        expect(settled).toEqual([]);
        run.stepOnce();
      }
      expect(run.outcome).toBe(expected.outcome);
      expect(run.outcomeStep).toBe(expected.steps);
      expect(run.path).toEqual(expected.path);
      expect(settled).toEqual([{ rate, outcome: expected.outcome, steps: expected.steps }]);
      // More updates after it converged say nothing new; a diverged run cannot go on.
      if (run.canStep) run.stepOnce();
      expect(settled).toHaveLength(1);
      expect(run.canRun).toBe(false);
    },
  );

  it('Run to the end animates to the outcome the bowl implies, over many frames', () => {
    for (const [text, rate] of [
      ['0.03', 0.03],
      ['2,6', 2.6],
      ['3.5', 3.5],
      ['3.2', 3.2],
    ] as const) {
      const { run, frames, settled } = labRun(text);
      const expected = descend(rate);
      const count = runToTheEnd(run, frames);
      expect(run.outcome, text).toBe(expected.outcome);
      expect(run.outcomeStep, text).toBe(expected.steps);
      expect(run.step, text).toBe(expected.steps);
      expect(settled, text).toEqual([{ rate, outcome: expected.outcome, steps: expected.steps }]);
      // The animation shows the run: never more updates in a frame than the schedule allows.
      expect(count, text).toBeGreaterThanOrEqual(Math.min(expected.steps, 5));
    }
  });

  it('the first frame of a run takes one update, and a frame only what is due', () => {
    const { run, frames } = labRun('0.03');
    run.toggleRun();
    expect(run.running).toBe(true);
    expect(run.step).toBe(0);
    frames.advance(0);
    expect(run.step).toBe(1);
    frames.advance(149);
    expect(run.step).toBe(1);
    frames.advance(1);
    expect(run.step).toBe(2);
  });

  it('Stop keeps the run where it is, unsettled; Run carries on from there', () => {
    const { run, frames, settled } = labRun('0.03');
    run.toggleRun();
    for (let k = 0; k < 20; k++) frames.advance(16);
    run.toggleRun();
    expect(run.running).toBe(false);
    expect(frames.waiting).toBe(false);
    const stoppedAt = run.step;
    expect(stoppedAt).toBeGreaterThan(0);
    expect(run.outcome).toBeNull();
    expect(settled).toEqual([]);
    runToTheEnd(run, frames);
    expect(run.outcomeStep).toBe(280);
    expect(settled).toHaveLength(1);
  });

  it('a new rate or Reset starts over from w₀ and may settle again', () => {
    const { run, frames, settled } = labRun('1.6');
    run.stepOnce();
    expect(run.outcome).toBe('converged');
    run.setRate('0,8');
    expect(run.rate).toBe(0.8);
    expect(run.path).toEqual([W_START]);
    expect(run.outcome).toBeNull();
    runToTheEnd(run, frames);
    run.reset();
    expect(run.step).toBe(0);
    run.stepOnce();
    expect(settled.map((s) => [s.rate, s.steps])).toEqual([
      [1.6, 1],
      [0.8, 8],
    ]);
    // Reset in the middle of a run stops it.
    run.setRate('0.03');
    run.toggleRun();
    frames.advance(16);
    run.reset();
    expect(run.running).toBe(false);
    expect(frames.waiting).toBe(false);
  });

  it('does nothing with a rate it cannot use', () => {
    for (const text of ['', 'abc', '0', '11', '1,000.5']) {
      const { run, frames, settled } = labRun(text);
      expect(run.rate, text).toBeUndefined();
      expect(run.canStep, text).toBe(false);
      expect(run.canRun, text).toBe(false);
      run.stepOnce();
      run.toggleRun();
      expect(frames.waiting, text).toBe(false);
      expect(run.path, text).toEqual([W_START]);
      expect(settled, text).toEqual([]);
    }
  });

  it('a rate too slow to converge runs to the maximum and settles as not converged', () => {
    const { run, frames, settled } = labRun('0.005');
    runToTheEnd(run, frames);
    expect(run.step).toBe(MAX_STEPS);
    expect(run.outcome).toBe('not-converged');
    expect(settled).toEqual([{ rate: 0.005, outcome: 'not-converged', steps: MAX_STEPS }]);
    expect(run.canStep).toBe(false);
  });
});

describe('stepsDue', () => {
  it('starts slowly, then speeds up, and always grows', () => {
    expect(stepsDue(0)).toBe(1);
    expect(stepsDue(149)).toBe(1);
    expect(stepsDue(150)).toBe(2);
    expect(stepsDue(749)).toBe(5);
    let last = 0;
    for (let ms = 0; ms < 6000; ms += 7) {
      const due = stepsDue(ms);
      expect(due).toBeGreaterThanOrEqual(last);
      last = due;
    }
    // The lecture's slowest rate (280 updates) ends in about 2.9 s, a whole run (1000) in about 4.8 s.
    const msFor = (steps: number): number => {
      let ms = 0;
      while (stepsDue(ms) < steps) ms++;
      return ms;
    };
    expect(msFor(280)).toBeGreaterThan(2500);
    expect(msFor(280)).toBeLessThan(3000);
    expect(msFor(MAX_STEPS)).toBeGreaterThan(4500);
    expect(msFor(MAX_STEPS)).toBeLessThan(5000);
  });
});
