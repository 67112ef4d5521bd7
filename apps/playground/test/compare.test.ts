/**
 * Two runs side by side: the table lists exactly the settings that differ
 * between A and B, with both values, and pinning keeps the output node's map.
 */
import { describe, expect, it } from 'vitest';
import { GRID_DENSITY } from '@nn/trainer';
import { parseHash } from '../src/lib/state/hash.js';
import { COMPARED, classesOf, differences, outputOf, settingValue } from '../src/lib/views/compare/compare.svelte.js';
import { outputScaleOf } from '../src/lib/components/outputScale.js';

const A = parseHash('dataset=xor&learningRate=0.03&networkShape=4,2&seed=0.5&x=true&y=true', () => '0.5').state;

describe('the comparison of A and B', () => {
  it('lists only the settings that differ, with both values', () => {
    expect(differences(A, A)).toEqual([]);
    const b = { ...A, learningRate: 0.3, networkShape: [4], xSquared: true };
    expect(differences(A, b)).toEqual([
      { key: 'features', a: 'x, y', b: 'x, y, xSquared' },
      { key: 'networkShape', a: '4, 2', b: '4' },
      { key: 'learningRate', a: '0.03', b: '0.3' },
    ]);
    expect(differences(A, { ...A, networkShape: [] }).map((row) => row.b)).toEqual(['–']);
    for (const key of COMPARED) expect(settingValue(A, key)).not.toBe('');
  });

  it('keeps the output node’s map: the last of a snapshot’s maps', () => {
    const cells = GRID_DENSITY * GRID_DENSITY;
    const grid = new Float32Array(3 * cells).map((_, i) => Math.floor(i / cells));
    const output = outputOf(grid);
    expect(output.length).toBe(cells);
    expect(output.every((v) => v === 2)).toBe(true);
    expect(outputOf(new Float32Array(0)).length).toBe(0);
  });

  it('keeps every class’s map of a softmax output, and draws A as the playground draws B', () => {
    const cells = GRID_DENSITY * GRID_DENSITY;
    // Two hidden maps, then three class maps.
    const grid = new Float32Array(5 * cells).map((_, i) => Math.floor(i / cells));
    const output = outputOf(grid, 3);
    expect(output.length).toBe(3 * cells);
    expect([output[0], output[cells], output[2 * cells]]).toEqual([2, 3, 4]);
    expect(outputOf(grid, 6).length).toBe(0);
    expect(outputScaleOf(3, undefined)).toEqual({ kind: 'classes', classes: 3 });
    expect(outputScaleOf(2, 'cross-entropy')).toEqual({ kind: 'probability' });
    expect(outputScaleOf(2, 'squared')).toEqual({ kind: 'signed' });
    expect(outputScaleOf(0, 'cross-entropy')).toEqual({ kind: 'signed' });
    expect(classesOf(A)).toBe(2);
    expect(classesOf({ ...A, problem: 'regression' })).toBe(0);
    expect(classesOf({ ...A, classes: 4 })).toBe(4);
  });
});
