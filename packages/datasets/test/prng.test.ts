import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { Prng, normalRandom, randUniform, randomSeed } from '../src/index.js';

// Seeds as TF makes them (toFixed(5)), plus edge cases of the key schedule:
// empty, one character, non-ASCII (UTF-16 code units > 255), longer than 256
// characters (the key wraps around).
const SEEDS = ['0.12345', '0.00000', '0.99999', '0.5', 'hello', '', 'x', 'é€😀 seed', 'a'.repeat(300), '1234567890'.repeat(40)];

describe('Prng', () => {
  it.each(SEEDS.map((s) => [s.length > 20 ? `${s.slice(0, 10)}… (${s.length} chars)` : JSON.stringify(s), s]))(
    'reproduces seedrandom(%s)() exactly for 1,000 values',
    (_name, seed) => {
      const ours = new Prng(seed);
      const theirs = seedrandom(seed);
      for (let i = 0; i < 1000; i++) {
        const a = ours.next();
        const b = theirs();
        if (a !== b) expect.fail(`value ${i} differs: ${a} !== ${b}`);
      }
    },
  );

  it('returns values in [0, 1) with a plausible mean', () => {
    const rng = new Prng('0.31415');
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const v = rng.next();
      expect(v >= 0 && v < 1).toBe(true);
      sum += v;
    }
    expect(sum / 20000).toBeCloseTo(0.5, 1);
  });

  it('same seed, same stream; other seed, other stream', () => {
    const a = new Prng('0.11111');
    const b = new Prng('0.11111');
    const c = new Prng('0.11112');
    const va = Array.from({ length: 10 }, () => a.next());
    expect(Array.from({ length: 10 }, () => b.next())).toEqual(va);
    expect(Array.from({ length: 10 }, () => c.next())).not.toEqual(va);
  });

  it('converts a number seed with String(n), unlike seedrandom (which appends "\\0")', () => {
    const a = new Prng(0.5);
    expect(a.seed).toBe('0.5');
    expect(a.next()).toBe(seedrandom('0.5')());
    expect(new Prng(0.5).next()).not.toBe(seedrandom('0.5\0')());
  });

  it('randUniform and normalRandom follow TF formulas on the same stream', () => {
    const ours = new Prng('0.24680');
    const ref = seedrandom('0.24680');
    for (let i = 0; i < 100; i++) {
      expect(randUniform(ours, -5, 5)).toBe(ref() * 10 + -5);
    }
    for (let i = 0; i < 100; i++) {
      let v1: number;
      let v2: number;
      let s: number;
      do {
        v1 = 2 * ref() - 1;
        v2 = 2 * ref() - 1;
        s = v1 * v1 + v2 * v2;
      } while (s > 1);
      const expected = 2 + Math.sqrt(0.5) * (Math.sqrt((-2 * Math.log(s)) / s) * v1);
      expect(normalRandom(ours, 2, 0.5)).toBe(expected);
    }
  });

  it('normalRandom has the requested mean and variance', () => {
    const rng = new Prng('0.55555');
    const n = 20000;
    const xs = Array.from({ length: n }, () => normalRandom(rng, -2, 4));
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    expect(mean).toBeCloseTo(-2, 1);
    expect(Math.abs(variance - 4)).toBeLessThan(0.2);
  });

  it('randomSeed makes TF-style seed strings, from the stream when given one', () => {
    expect(randomSeed()).toMatch(/^[01]\.\d{5}$/);
    const ref = seedrandom('0.12345');
    expect(randomSeed(new Prng('0.12345'))).toBe(ref().toFixed(5));
  });
});
