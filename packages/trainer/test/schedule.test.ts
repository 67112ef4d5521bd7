import { describe, expect, it } from 'vitest';
import { MAX_BLIND_SLICE_EPOCHS, SLICE_MS, firstSliceEpochs, nextSliceEpochs } from '../src/schedule.js';

describe("the 'max' loop's slice", () => {
  it('aims at SLICE_MS, at most doubling from one slice to the next', () => {
    expect(nextSliceEpochs(100, 2 * SLICE_MS)).toBe(50);
    expect(nextSliceEpochs(100, SLICE_MS / 10)).toBe(200);
    expect(nextSliceEpochs(1, 1000)).toBe(1);
    expect(firstSliceEpochs(0)).toBe(1);
    expect(firstSliceEpochs(SLICE_MS / 40)).toBe(40);
  });

  it('stops growing at MAX_BLIND_SLICE_EPOCHS while the clock reads zero', () => {
    let epochs = 1;
    const seen = new Set<number>();
    for (let k = 0; k < 100; k++) {
      epochs = nextSliceEpochs(epochs, 0);
      seen.add(epochs);
    }
    expect(epochs).toBe(MAX_BLIND_SLICE_EPOCHS);
    expect(Math.max(...seen)).toBe(MAX_BLIND_SLICE_EPOCHS);
    // A slice sized from a real reading is kept, not cut, when the next reading is zero.
    expect(nextSliceEpochs(5000, 0)).toBe(5000);
  });
});
