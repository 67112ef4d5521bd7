/** "Draw points": the drawing's state (add, erase, undo/redo, clear), the data it yields, and the page training on it. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DRAWN_ID_PREFIX, Drawing, ERASE_RADIUS, MAX_DRAWN_POINTS, MAX_UNDO, isDrawn } from '../src/lib/views/draw/drawing.js';
import { closeAll, installFrames, started, until } from './support/trainer-page.js';

describe('a drawing', () => {
  it('adds points clamped to the map, with the class as -1/+1 or the value clamped to -1..1', () => {
    const drawing = new Drawing('classification');
    drawing.add(1, 2, -1);
    drawing.add(9, -7, 1);
    drawing.add(0, 0, 0.3);
    expect(drawing.points).toEqual([
      { x: 1, y: 2, label: -1 },
      { x: 6, y: -6, label: 1 },
      { x: 0, y: 0, label: 1 },
    ]);
    const regression = new Drawing('regression');
    regression.add(-3, 3, 0.25);
    regression.add(0, 0, 4);
    expect(regression.points.map((p) => p.label)).toEqual([0.25, 1]);
    expect(regression.add(Number.NaN, 0, 0)).toBe(false);
    expect(regression.points).toHaveLength(2);
  });

  it('starts from given points (clamped, cut at the limit) with nothing to undo', () => {
    const many = Array.from({ length: MAX_DRAWN_POINTS + 5 }, (_, i) => ({ x: (i % 100) / 10 - 7, y: 0, label: i % 2 ? 1 : -1 }));
    const drawing = new Drawing('classification', many);
    expect(drawing.points).toHaveLength(MAX_DRAWN_POINTS);
    expect(Math.min(...drawing.points.map((p) => p.x))).toBe(-6);
    expect(drawing.canUndo).toBe(false);
    expect(drawing.full).toBe(true);
    expect(drawing.add(0, 0, 1)).toBe(false);
    expect(drawing.points).toHaveLength(MAX_DRAWN_POINTS);
  });

  it('erases the points within the radius only, a whole stroke as one undo step', () => {
    const drawing = new Drawing('classification');
    drawing.add(0, 0, 1);
    drawing.add(ERASE_RADIUS * 0.9, 0, -1);
    drawing.add(ERASE_RADIUS * 1.1, 0, 1);
    drawing.add(3, 3, -1);
    drawing.add(4, 4, 1);
    expect(drawing.eraseAt(0, 0)).toBe(2);
    expect(drawing.points.map((p) => p.x)).toEqual([ERASE_RADIUS * 1.1, 3, 4]);
    // A stroke over two places, and a stroke that hits nothing (no undo step).
    drawing.beginErase();
    drawing.eraseAt(3, 3);
    drawing.eraseAt(4, 4);
    drawing.endErase();
    drawing.beginErase();
    expect(drawing.eraseAt(-5, -5)).toBe(0);
    drawing.endErase();
    expect(drawing.points).toHaveLength(1);
    expect(drawing.undo()).toBe(true);
    expect(drawing.points.map((p) => p.x)).toEqual([ERASE_RADIUS * 1.1, 3, 4]);
    expect(drawing.undo()).toBe(true);
    expect(drawing.points).toHaveLength(5);
  });

  it('undoes and redoes adds, erases and clear in order; a new change drops the redo steps', () => {
    const drawing = new Drawing('classification');
    expect(drawing.undo()).toBe(false);
    drawing.add(1, 1, 1);
    drawing.add(2, 2, -1);
    drawing.clear();
    expect(drawing.points).toEqual([]);
    drawing.undo();
    expect(drawing.points).toHaveLength(2);
    drawing.undo();
    expect(drawing.points).toEqual([{ x: 1, y: 1, label: 1 }]);
    expect(drawing.canRedo).toBe(true);
    drawing.redo();
    expect(drawing.points).toHaveLength(2);
    drawing.redo();
    expect(drawing.points).toEqual([]);
    expect(drawing.redo()).toBe(false);
    drawing.undo();
    drawing.undo();
    drawing.add(5, 5, -1);
    expect(drawing.canRedo).toBe(false);
    expect(drawing.points).toEqual([
      { x: 1, y: 1, label: 1 },
      { x: 5, y: 5, label: -1 },
    ]);
    // Clearing an empty drawing is no step.
    const empty = new Drawing('regression');
    empty.clear();
    expect(empty.canUndo).toBe(false);
  });

  it('keeps at most MAX_UNDO steps', () => {
    const drawing = new Drawing('regression');
    for (let i = 0; i < MAX_UNDO + 10; i++) drawing.add(0, 0, 0);
    let undone = 0;
    while (drawing.undo()) undone++;
    expect(undone).toBe(MAX_UNDO);
    expect(drawing.points).toHaveLength(10);
  });

  it('says why it cannot be trained on: fewer than 2 points, or one class only', () => {
    const drawing = new Drawing('classification');
    expect(drawing.refusal()).toEqual({ kind: 'too-few', points: 0 });
    drawing.add(0, 0, 1);
    drawing.add(1, 0, 1);
    expect(drawing.refusal()).toEqual({ kind: 'one-class', label: 1 });
    drawing.add(2, 0, -1);
    expect(drawing.refusal()).toBeUndefined();
    expect(drawing.counts()).toEqual({ negative: 1, positive: 2 });
    const regression = new Drawing('regression', [{ x: 0, y: 0, label: 0.5 }]);
    expect(regression.refusal()).toEqual({ kind: 'too-few', points: 1 });
    regression.add(1, 1, 0.5);
    expect(regression.refusal()).toBeUndefined();
  });

  it('yields ImportedData whose id follows the points: the same drawing, the same id', () => {
    const a = new Drawing('classification');
    a.add(1, 2, 1);
    a.add(-1, -2, -1);
    const b = new Drawing('classification', [
      { x: 1, y: 2, label: 1 },
      { x: -1, y: -2, label: -1 },
    ]);
    const data = a.toImported('Drawn points');
    expect(data.name).toBe('Drawn points');
    expect(data.problem).toBe('classification');
    expect(data.points).toEqual(a.points);
    expect(data.id.startsWith(DRAWN_ID_PREFIX)).toBe(true);
    expect(isDrawn(data)).toBe(true);
    expect(isDrawn({ id: 'points.csv:2:abc' })).toBe(false);
    expect(b.toImported('other name').id).toBe(data.id);
    a.add(0, 0, 1);
    expect(a.toImported('Drawn points').id).not.toBe(data.id);
    a.undo();
    expect(a.toImported('Drawn points').id).toBe(data.id);
    // A moved point or a changed label is another set.
    const moved = new Drawing('classification', [
      { x: 1, y: 2.1, label: 1 },
      { x: -1, y: -2, label: -1 },
    ]);
    expect(moved.toImported('x').id).not.toBe(data.id);
  });
});

describe('the page training on drawn points', () => {
  beforeAll(installFrames);
  afterEach(closeAll);

  it('splits them by the ratio, keeps them out of the hash and puts them in the run journal', async () => {
    const { page } = await started('#seed=0.12345&percTrainData=70&noise=0');
    const hashBefore = page.hash;
    const drawing = new Drawing('classification');
    for (let i = 0; i < 10; i++) drawing.add(i - 5, 1, i % 2 ? 1 : -1);
    const data = drawing.toImported('Drawn points');
    expect(await page.useDrawnPoints(data)).toBe(true);
    await until(() => page.train?.xs.length === 7 && page.test?.xs.length === 3);
    const seen = [...page.train!.xs, ...page.test!.xs].sort((x, y) => x - y);
    expect(seen).toEqual([-5, -4, -3, -2, -1, 0, 1, 2, 3, 4]);
    expect(page.imported).toBe(data);
    // The hash has no points: only a new seed.
    expect(page.hash).not.toContain('Drawn');
    expect(page.hash.replace(/seed=[^&]*/, '')).toBe(hashBefore.replace(/seed=[^&]*/, ''));
    const journal = await page.journal();
    expect(journal?.run.config.imported?.id).toBe(data.id);
  });

  it('trains on them: the training loss falls', async () => {
    const { page } = await started('#seed=0.12345&percTrainData=50&batchSize=3&learningRate=0.1');
    const drawing = new Drawing('classification');
    for (let i = 0; i < 6; i++) drawing.add(-4 + (i % 3) * 0.5, i - 3, -1);
    for (let i = 0; i < 6; i++) drawing.add(4 - (i % 3) * 0.5, i - 3, 1);
    expect(await page.useDrawnPoints(drawing.toImported('Drawn points'))).toBe(true);
    await until(() => page.train?.xs.length === 6 && page.snapshot?.epoch === 0);
    const start = page.snapshot!.trainLoss;
    while (page.snapshot!.trainLoss >= start / 2) {
      expect(page.snapshot!.epoch).toBeLessThan(2000);
      await page.step();
    }
  });

  it('a recorded run on drawn points opens on them again', async () => {
    const { page } = await started('#seed=0.12345&percTrainData=50&batchSize=3');
    const drawing = new Drawing('classification');
    for (let i = 0; i < 8; i++) drawing.add(i - 4, i % 3, i % 2 ? 1 : -1);
    const data = drawing.toImported('Drawn points');
    await page.useDrawnPoints(data);
    for (let i = 0; i < 5; i++) await page.step();
    await until(() => page.snapshot?.epoch === 5);
    const journal = (await page.journal())!;
    await page.setDataset('circle');
    await until(() => page.imported === undefined && page.train?.xs.length === 250);
    const replayed = await page.openRun(page.state, journal.run);
    expect(replayed && 'run' in replayed ? replayed.run.epochs : undefined).toBe(5);
    expect(page.imported?.id).toBe(data.id);
    await until(() => page.train !== undefined && page.train.xs.length + (page.test?.xs.length ?? 0) === 8);
  });

  it('keeps the old data when the worker refuses the points', async () => {
    const { page } = await started('#seed=0.12345');
    await until(() => page.train !== undefined);
    const before = page.state;
    const bad = { id: `${DRAWN_ID_PREFIX}bad`, name: 'Drawn points', problem: 'classification' as const, points: [{ x: 0, y: 0, label: 1 }] };
    expect(await page.useDrawnPoints(bad)).toBe(false);
    expect(page.imported).toBeUndefined();
    expect(page.state).toBe(before);
  });
});
