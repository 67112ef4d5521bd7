/**
 * Saved models, end to end (English and Korean): a TF link trained a few
 * epochs is downloaded as a model; after the data set and the network have
 * changed, "Open model" brings back the epoch, both losses and every weight
 * exactly, and training on gives the very numbers the original run reached;
 * a damaged file gets a notice with the reason and changes nothing; "Export
 * to Python" downloads a script with the network's weights.
 */
import { Buffer } from 'node:buffer';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import enModel from '../../../apps/playground/src/lib/i18n/en/model.js';
import koModel from '../../../apps/playground/src/lib/i18n/ko/model.js';
import { parseModel, type ModelFile } from '../../../packages/records/src/index.js';
import type { Page } from '../src/driver/index.js';
import { LOCALES, useFreshContexts, type Language } from '../src/course.js';
import { TF_XOR_HASH, hashValue, openApp, readEpoch, readNumber } from '../src/playground.js';
import { SHOTS, useBuiltApp } from '../src/session.js';

const WORDS = { en: enModel, ko: koModel } as const;

function model(text: string): ModelFile {
  const parsed = parseModel(text);
  if (!parsed.ok) throw new Error(`the model file was refused: ${parsed.reason.message}`);
  return parsed.model;
}

describe.each(['en', 'ko'] as const)('saved models (%s)', (language: Language) => {
  const contexts = useFreshContexts();
  const app = useBuiltApp();
  const words = WORDS[language];

  async function freshPage(): Promise<Page> {
    const context = await contexts.open(app.browser, { locale: LOCALES[language] });
    return app.newPage(context);
  }

  async function stepTo(page: Page, epoch: number): Promise<void> {
    while ((await readEpoch(page)) < epoch) {
      const before = await readEpoch(page);
      await page.getByTestId('step').click();
      await expect.poll(() => readEpoch(page)).toBe(before + 1);
    }
  }

  async function downloadModel(page: Page): Promise<{ name: string; text: string; file: ModelFile }> {
    const saved = await page.download(() => page.getByRole('button', { name: words.download, exact: true }).click());
    return { ...saved, file: model(saved.text) };
  }

  it('reopens a downloaded model exactly, trains on to the same numbers, and refuses a damaged file', async () => {
    const page = await freshPage();
    // TF's link with L2 and batches of 3 over 350 training points: a batch is in progress at every epoch's end.
    await openApp(page, app.url, TF_XOR_HASH);
    await stepTo(page, 3);
    const atThree = await downloadModel(page);
    expect(atThree.name).toMatch(/^model-xor-epoch-3-\d{4}-\d\d-\d\d\.nnmodel\.json$/);
    expect(atThree.file.epoch).toBe(3);
    expect(atThree.file.batch.count).toBe(350 % 3);
    expect(atThree.file.settings).toMatchObject({ learningRate: 0.3, batchSize: 3, regularization: 'l2', regularizationRate: 0.003 });
    const losses = { train: await readNumber(page, 'train-loss'), test: await readNumber(page, 'test-loss') };
    await stepTo(page, 5);
    const atFive = await downloadModel(page);

    // Another data set, another network, back to epoch 0.
    await page.getByTestId('dataset-circle').click();
    await expect.poll(() => hashValue(page, 'dataset')).toBe('circle');
    await expect.poll(() => readEpoch(page)).toBe(0);

    // Open the model of epoch 3: its epoch, losses, settings and weights are back.
    const input = page.getByTestId('model-open');
    await input.setInputFiles({ name: atThree.name, mimeType: 'application/json', buffer: Buffer.from(atThree.text) });
    await expect.poll(() => readEpoch(page)).toBe(3);
    await expect.poll(() => page.getByTestId('model-message').textContent()).toContain(atThree.name);
    expect(await readNumber(page, 'train-loss')).toBe(losses.train);
    expect(await readNumber(page, 'test-loss')).toBe(losses.test);
    expect(await hashValue(page, 'dataset')).toBe('xor');
    expect(await hashValue(page, 'seed')).toBe('0.12345');
    expect(await hashValue(page, 'networkShape')).toBe('8,5');
    const reopened = await downloadModel(page);
    expect(reopened.file.weights).toEqual(atThree.file.weights);
    expect(reopened.file.batch).toEqual(atThree.file.batch);
    await page.screenshot({ path: join(SHOTS, `model-opened-${language}.png`), fullPage: true });

    // Training on reaches the numbers the original run had at epoch 5, bit for bit.
    await stepTo(page, 5);
    const trainedOn = await downloadModel(page);
    expect(trainedOn.file.weights).toEqual(atFive.file.weights);
    expect(trainedOn.file.biases).toEqual(atFive.file.biases);
    expect(trainedOn.file.batch).toEqual(atFive.file.batch);

    // A damaged file: the reason, and nothing changes.
    const hash = new URL(page.url()).hash;
    const lossesBefore = { train: await readNumber(page, 'train-loss'), test: await readNumber(page, 'test-loss') };
    await input.setInputFiles({ name: 'broken.nnmodel.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "nn-playground-model", "weights": [0.1, ') });
    await expect.poll(() => page.getByTestId('model-message').textContent()).toContain('broken.nnmodel.json');
    const refusal = (await page.getByTestId('model-message').textContent()) ?? '';
    expect(refusal).toContain(words.reasons.truncated);
    expect(await page.getByTestId('model-message').getAttribute('role')).toBe('alert');
    // A foreign file (a CSV of points) says so.
    await input.setInputFiles({ name: 'points.csv', mimeType: 'text/csv', buffer: Buffer.from('x,y,label\n1,2,1\n') });
    await expect.poll(() => page.getByTestId('model-message').textContent()).toContain(words.reasons.damaged);
    await page.screenshot({ path: join(SHOTS, `model-refused-${language}.png`), fullPage: true });
    expect(await readEpoch(page)).toBe(5);
    expect(await readNumber(page, 'train-loss')).toBe(lossesBefore.train);
    expect(await readNumber(page, 'test-loss')).toBe(lossesBefore.test);
    expect(new URL(page.url()).hash).toBe(hash);
    expect((await downloadModel(page)).file.weights).toEqual(atFive.file.weights);
  });

  it('keeps an Adam run’s optimizer and state: reopened, it trains on to the same numbers', async () => {
    const page = await freshPage();
    await openApp(page, app.url, `${TF_XOR_HASH}&optimizer=adam&learningRate=0.01`);
    await stepTo(page, 2);
    const atTwo = await downloadModel(page);
    expect(atTwo.file.optimizer.name).toBe('adam');
    expect(atTwo.file.optimizer.settings).toEqual({ momentum: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
    // 350 training points in batches of 3: 116 updates an epoch.
    expect(atTwo.file.optimizer.state?.steps).toBe(2 * 116);
    await stepTo(page, 4);
    const atFour = await downloadModel(page);

    await page.getByTestId('dataset-circle').click();
    await expect.poll(() => readEpoch(page)).toBe(0);
    await page.getByTestId('model-open').setInputFiles({ name: atTwo.name, mimeType: 'application/json', buffer: Buffer.from(atTwo.text) });
    await expect.poll(() => readEpoch(page)).toBe(2);
    expect(await hashValue(page, 'optimizer')).toBe('adam');
    expect((await downloadModel(page)).file.optimizer).toEqual(atTwo.file.optimizer);
    await stepTo(page, 4);
    const trainedOn = await downloadModel(page);
    expect(trainedOn.file.weights).toEqual(atFour.file.weights);
    expect(trainedOn.file.biases).toEqual(atFour.file.biases);
    expect(trainedOn.file.optimizer).toEqual(atFour.file.optimizer);
  });

  it('exports a Python script with the weights, commented in the page’s language', async () => {
    const page = await freshPage();
    await openApp(page, app.url, TF_XOR_HASH);
    await stepTo(page, 2);
    const saved = await downloadModel(page);
    const script = await page.download(() => page.getByRole('button', { name: words.python, exact: true }).click());
    expect(script.name).toBe('model-xor-epoch-2.py');
    expect(script.text).toContain('import numpy as np');
    expect(script.text).toContain(String(saved.file.weights[0]));
    expect(script.text).toContain(String(saved.file.weights[saved.file.weights.length - 1]));
    expect(script.text).toContain(language === 'ko' ? '학습할 에포크 수' : 'Epochs to train');
    // "Open model" is the file input's accessible name.
    expect(await page.getByLabel(words.open, { exact: true }).getAttribute('data-testid')).toBe('model-open');
  });
});
