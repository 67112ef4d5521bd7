/**
 * The page's Classes and Loss commands against a real trainer (see
 * support/trainer-page.ts): the data set's kind follows the classes, the
 * network is built anew with k softmax outputs or a sigmoid, and imported
 * points of several classes reach the trainer with their number.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, installFrames, started, until } from './support/trainer-page.js';

beforeAll(installFrames);
afterEach(closeAll);

describe('classes and loss on the page', () => {
  it('switches to the kindred data set of 3..6 classes and back, with a network of k outputs', async () => {
    const { page } = await started('#seed=0.12345&dataset=spiral&engine=reference');
    expect(page.snapshot?.classes).toBe(2);
    await page.setClasses(3);
    expect([page.state.classes, page.state.dataset]).toEqual([3, 'arms']);
    expect(page.hash).toMatch(/dataset=arms&.*classes=3/);
    await until(() => page.snapshot?.classes === 3);
    expect(page.snapshot!.layerSizes.at(-1)).toBe(3);
    await until(() => page.train !== undefined && new Set(page.train.labels).size === 3);

    // Within 3..6 the data set stays; new points of 5 classes.
    await page.setClasses(5);
    expect(page.state.dataset).toBe('arms');
    await until(() => page.snapshot?.classes === 5 && page.snapshot.layerSizes.at(-1) === 5);

    await page.setClasses(2);
    expect([page.state.classes, page.state.dataset]).toEqual([2, 'spiral']);
    expect(page.hash).not.toContain('classes=');
    await until(() => page.snapshot?.classes === 2 && page.snapshot.layerSizes.at(-1) === 1);
  });

  it('builds a new network on the same points for another loss', async () => {
    const { page } = await started('#seed=0.12345&engine=reference');
    await page.step();
    await until(() => page.snapshot?.epoch === 1);
    const points = Array.from(page.train!.xs);
    await page.setLoss('cross-entropy');
    expect(page.hash).toMatch(/&loss=cross-entropy/);
    await until(() => page.snapshot?.epoch === 0);
    // A sigmoid output's map is a probability in [0, 1].
    const size = page.snapshot!.grid.length / page.snapshot!.layerSizes.slice(1).reduce((a, b) => a + b, 0);
    const output = page.snapshot!.grid.subarray(page.snapshot!.grid.length - size);
    expect(Math.min(...output)).toBeGreaterThanOrEqual(0);
    expect(page.train && Array.from(page.train.xs)).toEqual(points);
  });

  it('imports points labelled 0..k-1 with the page\'s classes, and refuses them with two', async () => {
    const { page } = await started('#seed=0.12345&classes=3&engine=reference');
    const csv = ['x,y,label', ...Array.from({ length: 30 }, (_, i) => `${(i % 10) - 5},${(i % 7) - 3},${i % 3}`)].join('\n');
    await page.importText('three.csv', csv);
    expect(page.imported).toMatchObject({ problem: 'classification', classes: 3 });
    await until(() => page.snapshot?.classes === 3 && page.train !== undefined && page.train.xs.length + (page.test?.xs.length ?? 0) === 30);

    const { page: two } = await started('#seed=0.12345&engine=reference');
    await two.importText('three.csv', csv);
    expect(two.imported).toBeUndefined();
    expect(two.notices.some((n) => n.key === 'notices.importFailed')).toBe(true);
  });
});
