/**
 * "Open model" in Node against a real trainer: a regression model saved on
 * one page opens on another with its settings, points, epoch and weights,
 * and the controls show them; a model the worker refuses changes nothing on
 * the page.
 */
import { modelFileFrom, parseModel, serializeModel, trainerModelOf } from '@nn/records';
import type { TrainerModel } from '@nn/trainer';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, installFrames, started, until } from './support/trainer-page.js';

beforeAll(installFrames);
afterEach(closeAll);

describe('opening a saved model on the page', () => {
  it('takes its settings, points, epoch and weights', async () => {
    const { page: saver } = await started('#seed=0.7&problem=regression&regDataset=reg-gauss&networkShape=3&x=true&y=true&sinY=true&learningRate=0.01&batchSize=4&engine=reference');
    for (let k = 0; k < 3; k++) await saver.step();
    const saved = (await saver.model())!;
    const text = serializeModel(modelFileFrom(saved));
    const parsed = parseModel(text);
    if (!parsed.ok) throw new Error(parsed.reason.message);

    const { page } = await started('#seed=0.9&dataset=circle&networkShape=2,2&activation=relu');
    expect(await page.openModel(trainerModelOf(parsed.model))).toBe(true);
    await until(() => page.snapshot?.epoch === 3);
    expect(page.state).toMatchObject({
      problem: 'regression',
      regDataset: 'reg-gauss',
      seed: '0.7',
      networkShape: [3],
      x: true,
      y: true,
      sinY: true,
      xSquared: false,
      learningRate: 0.01,
      batchSize: 4,
      activation: 'tanh',
      engine: 'reference',
    });
    expect(page.hash).toContain('regDataset=reg-gauss');
    expect(Array.from(page.snapshot!.weights)).toEqual(saved.state.weights);
    const reopened = (await page.model())!;
    expect(reopened.state).toEqual(saved.state);
  });

  it('changes nothing when the worker refuses the model', async () => {
    const { page } = await started('#seed=0.9&dataset=circle&networkShape=2,2');
    await page.step();
    const model = (await page.model())!;
    const before = { state: page.state, hash: page.hash, journal: (await page.journal())! };
    expect(before.journal.run.epochs).toBe(1);
    const wrong: TrainerModel = { ...model, state: { ...model.state, weights: model.state.weights.slice(1) } };
    const result = await page.openModel(wrong);
    expect(result).toMatchObject({ refused: expect.anything() });
    expect(page.state).toEqual(before.state);
    expect(page.hash).toBe(before.hash);
    expect(await page.journal()).toEqual(before.journal);
  });
});
