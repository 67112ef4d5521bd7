/**
 * The confusion matrices' figures: each cell's share of its row (the shading)
 * and the diagonal's share of all points (the accuracy the panel shows).
 */
import { describe, expect, it } from 'vitest';
import { confusionTable } from '../src/lib/components/confusion.js';
import { className, classNames } from '../src/lib/components/outputScale.js';

describe('a confusion matrix', () => {
  it('has rows of true classes with each cell’s share of its row, and the diagonal’s share as accuracy', () => {
    // 3 classes: row = true class, column = predicted.
    const m = Uint32Array.of(8, 2, 0, 1, 9, 0, 0, 5, 5);
    const table = confusionTable(m, 3);
    expect(table.ready).toBe(true);
    expect(table.counts).toEqual([
      [8, 2, 0],
      [1, 9, 0],
      [0, 5, 5],
    ]);
    expect(table.shares[0]).toEqual([0.8, 0.2, 0]);
    expect(table.shares[2]).toEqual([0, 0.5, 0.5]);
    expect(table.total).toBe(30);
    expect(table.accuracy).toBeCloseTo(22 / 30, 12);
  });

  it('shows an empty row as no shares, and a missing or misshapen matrix as not ready', () => {
    const table = confusionTable(Uint32Array.of(3, 1, 0, 0), 2);
    expect(table.shares[1]).toEqual([0, 0]);
    expect(table.accuracy).toBe(0.75);
    expect(confusionTable(undefined, 3).ready).toBe(false);
    expect(confusionTable(new Uint32Array(4), 3).ready).toBe(false);
    expect(confusionTable(new Uint32Array(9), 3).accuracy).toBeNaN();
  });

  it('names the classes: Class 1..k, or orange and blue for two', () => {
    expect(classNames(4)).toEqual(['Class 1', 'Class 2', 'Class 3', 'Class 4']);
    expect(className(0, 2)).toBe('Orange (−1)');
    expect(className(1, 2)).toBe('Blue (+1)');
  });
});
