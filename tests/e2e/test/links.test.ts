/**
 * The URL hash (TensorFlow Playground's format): links open with their
 * settings, share links reproduce a run exactly, bad values are reported,
 * hide flags hide controls; and a diverging run is stopped and recoverable.
 */
import type { Context, Page } from '../src/driver/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBuiltApp } from '../src/session.js';
import {
  TF_DEFAULT_HASH,
  TF_XOR_HASH,
  afterFrames,
  canvasStats,
  hashParams,
  hashValue,
  offScalePixels,
  openApp,
  parseHashText,
  play,
  playButton,
  pointsCanvas,
  readEpoch,
  step,
  readLosses,
  readNumber,
  waitForSnapshot,
} from '../src/playground.js';

/** What a page shows at a given moment, in enough detail to tell two runs apart. */
async function fingerprintRun(page: Page): Promise<Record<string, string | number>> {
  const out: Record<string, string | number> = {
    epoch: await readEpoch(page),
    trainLoss: (await page.getByTestId('train-loss').textContent()) ?? '',
    testLoss: (await page.getByTestId('test-loss').textContent()) ?? '',
    map: (await canvasStats(page.getByTestId('decision-map'))).fingerprint,
    points: (await canvasStats(pointsCanvas(page))).fingerprint,
  };
  // Every node's map depends on every weight before it.
  for (const node of await page.locator('[data-testid^="node-"]').all()) {
    out[(await node.getAttribute('data-testid'))!] = (await canvasStats(node.locator('canvas'))).fingerprint;
  }
  return out;
}

async function isVisible(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).isVisible();
}

describe('links, notices and divergence', () => {
  const app = useBuiltApp();
  let url: string;
  let context: Context;

  beforeAll(async () => {
    ({ url, desktop: context } = app);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  });

  const newPage = (): Promise<Page> => app.newPage();

  it("opens TensorFlow Playground's default link unchanged, and its share link reproduces epoch 0 exactly", async () => {
    const page = await newPage();
    await openApp(page, url, TF_DEFAULT_HASH);
    expect(await page.getByTestId('learning-rate').inputValue()).toBe('0.03');
    expect(await page.getByTestId('activation').inputValue()).toBe('tanh');
    expect(await page.getByTestId('regularization').inputValue()).toBe('none');
    expect(await page.getByTestId('regularization-rate').inputValue()).toBe('0');
    expect(await page.getByTestId('problem').inputValue()).toBe('classification');
    expect(await page.getByTestId('dataset-circle').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('ratio').inputValue()).toBe('50');
    expect(await page.getByTestId('noise').inputValue()).toBe('0');
    expect(await page.getByTestId('batch-size').inputValue()).toBe('10');
    expect(await page.getByTestId('neurons-1').textContent()).toBe('4 neurons');
    expect(await page.getByTestId('neurons-2').textContent()).toBe('2 neurons');
    expect(await page.getByTestId('show-test-data').isChecked()).toBe(false);
    expect(await page.getByTestId('discretize').isChecked()).toBe(false);
    for (const [feature, on] of Object.entries({ x: true, y: true, xSquared: false, ySquared: false, xTimesY: false, sinX: false, sinY: false })) {
      expect(await page.getByTestId(`feature-${feature}`).getAttribute('aria-pressed'), feature).toBe(String(on));
    }

    // The hash keeps every pair of the link and adds only this project's two keys.
    const given = parseHashText(TF_DEFAULT_HASH);
    const now = await hashParams(page);
    for (const [key, value] of given) expect(now.get(key), key).toBe(value);
    expect([...now.keys()].filter((key) => !given.has(key))).toEqual(['engine', 'speed']);

    await page.getByText('Share or use it in a classroom').click();
    const link = await page.getByTestId('share-link').inputValue();
    expect(link).toBe(page.url());
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Copied' }).count()).toBe(1);
    expect(await page.clipboardText()).toBe(link);
    const first = await fingerprintRun(page);
    expect(first.epoch).toBe(0);

    const again = await newPage();
    await again.goto(link);
    await waitForSnapshot(again);
    // Same data from the seed, same first weights after it: the same numbers and pictures.
    await expect.poll(() => fingerprintRun(again)).toEqual(first);
  });

  it('opens a ReLU/L2/XOR link with every value, and its share link trains the same way', async () => {
    const page = await newPage();
    await openApp(page, url, TF_XOR_HASH);
    expect(await page.getByTestId('activation').inputValue()).toBe('relu');
    expect(await page.getByTestId('regularization').inputValue()).toBe('l2');
    expect(Number(await page.getByTestId('regularization-rate').inputValue())).toBe(0.003);
    expect(Number(await page.getByTestId('learning-rate').inputValue())).toBe(0.3);
    expect(await page.getByTestId('dataset-xor').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('dataset-circle').getAttribute('aria-pressed')).toBe('false');
    expect(await page.getByTestId('noise').inputValue()).toBe('15');
    expect(await page.getByTestId('ratio').inputValue()).toBe('70');
    expect(await page.getByTestId('batch-size').inputValue()).toBe('3');
    expect(await page.getByTestId('layer-count').textContent()).toBe('2');
    expect(await page.getByTestId('neurons-1').textContent()).toBe('8 neurons');
    expect(await page.getByTestId('neurons-2').textContent()).toBe('5 neurons');
    for (const [feature, on] of Object.entries({ x: true, y: true, xSquared: true, ySquared: true, xTimesY: false, sinX: false, sinY: false })) {
      expect(await page.getByTestId(`feature-${feature}`).getAttribute('aria-pressed'), feature).toBe(String(on));
    }
    // The labels next to the sliders show the values as well.
    expect(await page.locator('label[for="noise"] output').textContent()).toBe('15');
    expect(await page.locator('label[for="percTrainData"] output').textContent()).toBe('70%');
    // 8 + 5 hidden neurons and the output; 4 inputs.
    expect(await page.locator('[data-testid^="node-"] canvas').count()).toBe(14);
    expect(await page.locator('path.link-hit').count()).toBe(4 * 8 + 8 * 5 + 5);

    const given = parseHashText(TF_XOR_HASH);
    const now = await hashParams(page);
    for (const [key, value] of given) expect(now.get(key), key).toBe(value);
    expect([...now.keys()].filter((key) => !given.has(key))).toEqual(['engine', 'speed']);

    await page.getByText('Share or use it in a classroom').click();
    const link = await page.getByTestId('share-link').inputValue();
    const first = await fingerprintRun(page);
    const again = await newPage();
    await again.goto(link);
    await waitForSnapshot(again);
    await expect.poll(() => fingerprintRun(again)).toEqual(first);

    // Both train identically, step by step (the same batches from the same stream).
    for (const p of [page, again]) {
      for (let k = 1; k <= 3; k++) {
        await p.getByRole('button', { name: 'Step', exact: true }).click();
        await expect.poll(() => readEpoch(p)).toBe(k);
      }
    }
    expect(await fingerprintRun(again)).toEqual(await fingerprintRun(page));
  });

  it('applies a link pasted into the address bar of an open page', async () => {
    const page = await newPage();
    await openApp(page, url, 'seed=0.5&speed=10');
    await play(page);
    await expect.poll(() => readEpoch(page)).toBeGreaterThan(20);
    await page.evaluate((hash) => {
      location.hash = hash;
    }, TF_XOR_HASH);
    await expect.poll(() => page.getByTestId('activation').inputValue()).toBe('relu');
    await expect.poll(() => readEpoch(page)).toBe(0);
    expect(await hashValue(page, 'seed')).toBe('0.12345');
    expect(await page.getByTestId('neurons-2').textContent()).toBe('5 neurons');
    expect(await playButton(page).getAttribute('aria-label')).toBe('Play');
  });

  it("opens with this project's own keys: engine and speed", async () => {
    const page = await newPage();
    await openApp(page, url, `${TF_DEFAULT_HASH}&engine=reference&speed=100`);
    expect(await page.getByTestId('engine-select').inputValue()).toBe('reference');
    expect(await page.getByTestId('speed').inputValue()).toBe('100');
    await expect.poll(() => page.getByTestId('stats-reference').getAttribute('class')).toContain('current');
    await play(page);
    // 100 epochs per frame: far ahead after a few frames.
    await expect.poll(() => readEpoch(page)).toBeGreaterThan(500);
    await expect.poll(() => readNumber(page, 'eps-reference')).toBeGreaterThan(0);
    expect(await page.getByTestId('eps-wasm').textContent()).toBe('–');
  });

  it('reports a bad hash value and keeps the good ones', async () => {
    const page = await newPage();
    await openApp(page, url, 'learningRate=abc&noise=35&dataset=xor&seed=0.5');
    const notices = page.getByTestId('notice');
    await expect.poll(() => notices.count()).toBe(1);
    const text = (await notices.textContent()) ?? '';
    expect(text).toContain('learningRate');
    expect(text).toContain('abc');
    expect(text).toContain('0.03');
    expect(await page.getByTestId('learning-rate').inputValue()).toBe('0.03');
    expect(await page.getByTestId('noise').inputValue()).toBe('35');
    expect(await page.getByTestId('dataset-xor').getAttribute('aria-pressed')).toBe('true');
    // The hash now says what the page uses.
    expect(await hashValue(page, 'learningRate')).toBe('0.03');
    expect(await hashValue(page, 'noise')).toBe('35');
    expect(await hashValue(page, 'seed')).toBe('0.5');
    // The page trains normally.
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => readEpoch(page)).toBe(1);

    await page.getByRole('button', { name: 'Dismiss this message' }).click();
    await expect.poll(() => notices.count()).toBe(0);

    // Several bad values: one notice each, naming its key.
    const other = await newPage();
    await openApp(other, url, 'networkShape=4,17&noise=80&activation=softmax&seed=0.5');
    const texts = await other.getByTestId('notice').allTextContents();
    expect(texts).toHaveLength(3);
    for (const key of ['networkShape', 'noise', 'activation']) {
      expect(texts.some((t) => t.includes(key)), `no notice about ${key}`).toBe(true);
    }
    expect(await other.getByTestId('neurons-1').textContent()).toBe('4 neurons');
    expect(await other.getByTestId('noise').inputValue()).toBe('0');
    expect(await other.getByTestId('activation').inputValue()).toBe('tanh');
  });

  it('hides the controls a link marks with _hide, and the classroom panel writes such links', async () => {
    const page = await newPage();
    await openApp(page, url, 'seed=0.5&learningRate_hide=true&noise_hide=true');
    expect(await isVisible(page, 'learning-rate')).toBe(false);
    expect(await isVisible(page, 'noise')).toBe(false);
    for (const id of ['activation', 'regularization', 'regularization-rate', 'problem', 'ratio', 'batch-size', 'play', 'step', 'reset']) {
      expect(await isVisible(page, id), `${id} should stay visible`).toBe(true);
    }
    expect(await page.getByRole('button', { name: 'Add a hidden layer' }).isVisible()).toBe(true);
    const hash = await hashParams(page);
    expect(hash.get('learningRate_hide')).toBe('true');
    expect(hash.get('noise_hide')).toBe('true');

    await page.getByText('Share or use it in a classroom').click();
    expect(await page.getByTestId('show-learningRate').isChecked()).toBe(false);
    expect(await page.getByTestId('show-noise').isChecked()).toBe(false);
    expect(await page.getByTestId('show-activation').isChecked()).toBe(true);

    // Hide the activation and the play button; show the learning rate again. The
    // link changes; the teacher's own page and its hash do not.
    await page.getByTestId('show-activation').uncheck();
    await page.getByTestId('show-playButton').uncheck();
    await page.getByTestId('show-learningRate').check();
    const shared = async (): Promise<Map<string, string>> =>
      parseHashText(new URL(await page.getByTestId('share-link').inputValue()).hash);
    await expect.poll(async () => (await shared()).get('activation_hide')).toBe('true');
    expect((await shared()).get('playButton_hide')).toBe('true');
    expect((await shared()).get('noise_hide')).toBe('true');
    expect((await shared()).has('learningRate_hide')).toBe(false);
    expect(await isVisible(page, 'activation')).toBe(true);
    expect(await isVisible(page, 'play')).toBe(true);
    expect(await isVisible(page, 'learning-rate')).toBe(false);
    expect(await hashValue(page, 'activation_hide')).toBeUndefined();
    expect(await hashValue(page, 'learningRate_hide')).toBe('true');
    // Building a link neither retrains nor resets.
    expect(await readEpoch(page)).toBe(0);
    // The panel says what the student will not see.
    const seesNot = await page.getByTestId('link-sees-not').textContent();
    expect(seesNot).toContain('Activation');
    expect(seesNot).toContain('Play button');
    expect(seesNot).toContain('Noise');
    expect(seesNot).not.toContain('Learning rate');

    const link = await page.getByTestId('share-link').inputValue();
    const student = await newPage();
    await student.goto(link);
    await waitForSnapshot(student);
    expect(await isVisible(student, 'activation')).toBe(false);
    expect(await isVisible(student, 'play')).toBe(false);
    expect(await isVisible(student, 'noise')).toBe(false);
    expect(await isVisible(student, 'learning-rate')).toBe(true);
    expect(await isVisible(student, 'step')).toBe(true);

    // hideText removes the title and the explanations.
    const bare = await newPage();
    await openApp(bare, url, 'seed=0.5&hideText=true');
    expect(await bare.getByRole('heading', { name: 'Neural network playground' }).count()).toBe(0);
    expect(await bare.getByRole('heading', { name: 'What you are looking at' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Neural network playground' }).count()).toBe(1);
  });

  it('hides each control TensorFlow Playground can hide, one link for all', async () => {
    const page = await newPage();
    // What each hide flag must hide.
    const controls: Record<string, () => ReturnType<Page['getByTestId']>[]> = {
      showTestData: () => [page.getByTestId('show-test-data')],
      discretize: () => [page.getByTestId('discretize')],
      playButton: () => [page.getByTestId('play')],
      stepButton: () => [page.getByTestId('step')],
      resetButton: () => [page.getByTestId('reset')],
      learningRate: () => [page.getByTestId('learning-rate')],
      activation: () => [page.getByTestId('activation')],
      regularization: () => [page.getByTestId('regularization')],
      regularizationRate: () => [page.getByTestId('regularization-rate')],
      problem: () => [page.getByTestId('problem')],
      dataset: () => [page.getByTestId('dataset-circle'), page.getByTestId('dataset-spiral')],
      percTrainData: () => [page.getByTestId('ratio')],
      noise: () => [page.getByTestId('noise')],
      batchSize: () => [page.getByTestId('batch-size')],
      numHiddenLayers: () => [
        page.getByRole('button', { name: 'Add a hidden layer' }),
        page.getByRole('button', { name: 'Remove a hidden layer' }),
      ],
      // Not in TF's list, but this app also hides one layer's +/- with numNodes<layer>_hide.
      numNodes1: () => [
        page.getByRole('button', { name: 'Add a neuron to hidden layer 1' }),
        page.getByRole('button', { name: 'Remove a neuron from hidden layer 1' }),
      ],
    };
    const flags = Object.keys(controls).map((id) => `${id}_hide=true`).join('&');
    await openApp(page, url, `seed=0.5&${flags}`);

    // The classroom panel agrees (numNodes1 is not in its list, as in TF).
    await page.getByText('Share or use it in a classroom').click();
    for (const id of Object.keys(controls).filter((id) => id !== 'numNodes1')) {
      expect(await page.getByTestId(`show-${id}`).isChecked(), `show-${id}`).toBe(false);
    }
    const stillShown: string[] = [];
    for (const [id, locate] of Object.entries(controls)) {
      for (const locator of locate()) {
        if ((await locator.isVisible()) && !stillShown.includes(id)) stillShown.push(id);
      }
    }
    expect(stillShown, 'controls whose _hide flag did not hide them').toEqual([]);
    // What is not hidable stays: layer 2's buttons, the epoch, the maps.
    expect(await page.getByRole('button', { name: 'Add a neuron to hidden layer 2' }).isVisible()).toBe(true);
    expect(await isVisible(page, 'epoch')).toBe(true);
    expect(await isVisible(page, 'decision-map')).toBe(true);
  });

  it('stops a run that diverges at learning rate 10, draws no broken maps, and recovers with Reset now', async () => {
    const page = await newPage();
    await openApp(page, url, 'problem=regression&regDataset=reg-plane&learningRate=10&seed=0.5');
    expect(await page.getByTestId('dataset-reg-plane').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('learning-rate').inputValue()).toBe('10');
    // Regression shows no accuracy.
    expect(await page.getByTestId('train-accuracy').count()).toBe(0);

    await page.getByRole('button', { name: 'Play', exact: true }).click();
    const message = page.getByTestId('diverged');
    await expect.poll(() => message.count(), { timeout: 15_000 }).toBe(1);
    expect(await message.textContent()).toContain('10');
    await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe('Play');
    expect(await playButton(page).isDisabled()).toBe(true);
    expect(await page.getByTestId('step').isDisabled()).toBe(true);
    const stopped = await readEpoch(page);
    await afterFrames(page, 30);
    expect(await readEpoch(page)).toBe(stopped);

    // Every map shows colours of the scale (here: the neutral grey), never garbage.
    const map = await offScalePixels(page.getByTestId('decision-map'));
    expect(map.off).toBe(0);
    for (const node of await page.locator('[data-testid^="node-"] canvas').all()) {
      expect((await offScalePixels(node)).off).toBe(0);
    }
    // The diverged network cannot move to the other engine; the refusal is a notice.
    await page.getByTestId('engine-select').selectOption('reference');
    await expect.poll(() => page.getByTestId('notice').allTextContents()).toEqual([expect.stringContaining('diverged')]);
    await expect.poll(() => page.getByTestId('engine-select').inputValue()).toBe('wasm');
    expect(await hashValue(page, 'engine')).toBe('wasm');

    await page.getByRole('button', { name: 'Reset now' }).click();
    await expect.poll(() => message.count()).toBe(0);
    await expect.poll(() => readEpoch(page)).toBe(0);
    const losses = await readLosses(page);
    expect(Number.isFinite(losses.train) && Number.isFinite(losses.test)).toBe(true);
    expect(await playButton(page).isDisabled()).toBe(false);
    expect((await offScalePixels(page.getByTestId('decision-map'))).neutral).toBeLessThan(10_000);

    // With a sensible learning rate the same setup trains.
    await page.getByTestId('learning-rate').selectOption('0.03');
    await expect.poll(() => hashValue(page, 'learningRate')).toBe('0.03');
    await page.getByTestId('speed').selectOption('10');
    await play(page);
    await expect.poll(() => readEpoch(page)).toBeGreaterThan(100);
    expect(await message.count()).toBe(0);
    expect(await readNumber(page, 'train-loss')).toBeLessThan(losses.train);
  });

  it('pauses a classification run whose loss blows up and stays up, and lets it go on', async () => {
    const page = await newPage();
    // Spiral with ReLU at learning rate 10: the loss jumps from about 0.5 to about 1 within a few epochs.
    await openApp(page, url, 'dataset=spiral&activation=relu&networkShape=8,8,8&learningRate=10&seed=0.1');
    await play(page);
    const message = page.getByTestId('blown-up');
    await expect.poll(() => message.count()).toBe(1);
    expect(await message.textContent()).toMatch(/not converging.*learning rate\s+10/s);
    await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe('Play');
    // Unlike an overflow, the run may go on: Step still trains.
    const epoch = await readEpoch(page);
    await step(page);
    expect(await readEpoch(page)).toBe(epoch + 1);
    await message.getByRole('button', { name: 'Reset now' }).click();
    await expect.poll(() => readEpoch(page)).toBe(0);
    await expect.poll(() => message.count()).toBe(0);

    // A run that learns is never paused: xor at 0.3 for a few hundred epochs.
    await openApp(page, url, 'dataset=xor&learningRate=0.3&seed=0.2&speed=10');
    await play(page);
    await expect.poll(() => readEpoch(page)).toBeGreaterThan(300);
    expect(await playButton(page).getAttribute('aria-label')).toBe('Pause');
    expect(await message.count()).toBe(0);
  });
});
