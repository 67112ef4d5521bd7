/** A run on the user's own points (drawn or imported) is not a homework run, whatever its settings say. */
import { describe, expect, it } from 'vitest';
import { HOMEWORK, qualifies } from '../src/homework.js';

describe('homework runs', () => {
  const settings = { problem: 'classification', dataset: 'xor', percTrainData: HOMEWORK.percTrainData, noise: HOMEWORK.noise } as const;

  it('count on the homework data set, with or without a recorded run', () => {
    expect(qualifies(settings, 'xor')).toBe(true);
    expect(qualifies({ ...settings, run: { run: { config: {} } } }, 'xor')).toBe(true);
  });

  it('do not count on drawn or imported points', () => {
    const imported = { id: 'drawn:classification:2:0', name: 'Drawn points', problem: 'classification', points: [] };
    expect(qualifies({ ...settings, run: { run: { config: { imported } } } }, 'xor')).toBe(false);
    expect(qualifies({ ...settings, run: { run: { config: { imported } } } })).toBe(false);
  });
});
