/**
 * The playground on a desktop screen: it loads cleanly under its CSP, every
 * panel draws, and the training controls, the network editor and the engine
 * switch do what TensorFlow Playground's would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context, Page } from '../src/driver/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_DIR, watchErrors } from '../src/browser.js';
import { SHOTS, useBuiltApp } from '../src/session.js';
import {
  ALL_FEATURES,
  afterFrames,
  canvasStats,
  hashParams,
  hashValue,
  linkPoint,
  linkStrokeWidth,
  lossChartCanvas,
  measurePace,
  openApp,
  pause,
  play,
  playButton,
  pointsCanvas,
  readEpoch,
  readLosses,
  readNumber,
  step,
  waitForSnapshots,
} from '../src/playground.js';

describe('the playground on a desktop screen', () => {
  const app = useBuiltApp();
  let url: string;
  let context: Context;

  beforeAll(() => {
    ({ url, desktop: context } = app);
  });

  async function newPage(): Promise<{ page: Page }> {
    return { page: await app.newPage() };
  }

  it('ships a strict Content-Security-Policy without inline script, inline style or eval', async () => {
    const html = readFileSync(join(APP_DIR, 'dist/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(meta, 'dist/index.html has no CSP meta tag').not.toBeNull();
    const policy = meta![1]!.replace(/&#39;/g, "'").replace(/&quot;/g, '"');
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain("'unsafe-eval'");
    expect(policy).toMatch(/script-src 'self'/);
    expect(policy).toMatch(/style-src 'self'/);
    // The CSP must be the first thing in <head>, before any script or stylesheet.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));

    // The page itself runs under it.
    const { page } = await newPage();
    await openApp(page, url);
    const live = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(live).toBe(policy);

    // Canary: a violation does reach the error list the other tests check
    // (this page is not registered, so its expected errors stay out of afterEach).
    const probe = await context.newPage();
    const probeErrors = watchErrors(probe);
    await openApp(probe, url);
    await probe.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { outline: 1px solid red; }';
      document.head.append(style);
    });
    await expect.poll(() => probeErrors.join('\n')).toMatch(/Content Security Policy/);
    await probe.close();
  });

  it('loads without errors and every panel draws something', async () => {
    const { page } = await newPage();
    await openApp(page, url);
    expect(await readEpoch(page)).toBe(0);
    // A fresh page writes the defaults, with a seed, into the hash.
    const hash = await hashParams(page);
    expect(hash.get('dataset')).toBe('circle');
    expect(hash.get('networkShape')).toBe('4,2');
    expect(hash.get('seed')).toMatch(/^\d\.\d{5}$/);

    const map = await canvasStats(page.getByTestId('decision-map'));
    expect(map.width).toBe(100);
    expect(map.transparent).toBe(0);
    // The seed is random here, so the first map may be fairly flat; a blank one has a single colour.
    expect(map.colours, 'the decision map is blank').toBeGreaterThan(3);

    // Default network: 4 + 2 hidden neurons and the output node.
    const nodes = page.locator('[data-testid^="node-"] canvas');
    await expect.poll(() => nodes.count()).toBe(7);
    for (const canvas of await nodes.all()) {
      const stats = await canvasStats(canvas);
      expect(stats.transparent).toBe(0);
      expect(stats.colours, 'a node map is blank').toBeGreaterThan(3);
    }

    const features = page.locator('[data-testid^="feature-"] canvas');
    expect(await features.count()).toBe(7);
    for (const canvas of await features.all()) {
      expect((await canvasStats(canvas)).colours, 'a feature map is blank').toBeGreaterThan(5);
    }

    const datasets = page.locator('[data-testid^="dataset-"] canvas');
    expect(await datasets.count()).toBe(4);
    for (const canvas of await datasets.all()) {
      // White background and points of both colours (anti-aliasing may add a few more).
      expect((await canvasStats(canvas)).colours, 'a dataset thumbnail is blank').toBeGreaterThanOrEqual(3);
    }

    // The points over the decision map, and the chart's axes.
    const points = await canvasStats(pointsCanvas(page));
    expect(points.colours).toBeGreaterThan(2);
    const chart = await canvasStats(lossChartCanvas(page));
    expect(chart.colours, 'the loss chart is blank').toBeGreaterThan(2);

    for (const id of ['test-loss', 'train-loss']) {
      const loss = await readNumber(page, id);
      expect(loss).toBeGreaterThan(0);
      expect(loss).toBeLessThan(2);
    }
    await expect.poll(() => page.getByTestId('train-accuracy').textContent()).toMatch(/^\d+\.\d%$/);
  });

  it('plays spiral at full speed until the loss falls, pauses, and draws a training run', async () => {
    const { page } = await newPage();
    await openApp(page, url, `dataset=spiral&${ALL_FEATURES}&networkShape=8,8,8,8,8,8&seed=0.31415&speed=max`);
    expect(await page.getByTestId('speed').inputValue()).toBe('max');
    const start = await readLosses(page);
    expect(start.train).toBeGreaterThan(0.2);
    const chartBefore = await canvasStats(lossChartCanvas(page));

    await play(page);
    // Full speed trains many epochs for each snapshot the page draws (one epoch per frame is speed 1).
    // Counted on the page's own snapshots, not the clock, so a fast or a slow machine gives the same answer.
    const pace = await measurePace(page, 20);
    expect(pace.epochs / pace.snapshots, `${pace.epochs} epochs in ${pace.snapshots} snapshots`).toBeGreaterThan(2);
    await expect
      .poll(() => readNumber(page, 'train-loss'), { timeout: 60_000, message: 'spiral did not learn' })
      .toBeLessThan(start.train * 0.25);
    // While playing the page reports its redraw rate and the engine its speed.
    await expect.poll(() => page.getByTestId('draw-rate').textContent()).toMatch(/^\d+ fps$/);
    await expect.poll(async () => parseInt((await page.getByTestId('draw-rate').textContent()) ?? '', 10)).toBeGreaterThan(5);
    await expect.poll(() => readNumber(page, 'eps-wasm')).toBeGreaterThan(0);
    await expect.poll(async () => (await canvasStats(lossChartCanvas(page))).fingerprint).not.toBe(chartBefore.fingerprint);

    await pause(page);
    const stopped = await readEpoch(page);
    await afterFrames(page, 36);
    expect(await readEpoch(page)).toBe(stopped);
    expect(await page.getByTestId('draw-rate').textContent()).toBe('');
    expect(await readNumber(page, 'test-loss')).toBeLessThan(start.test);
    await page.screenshot({ path: join(SHOTS, 'desktop-1400x900.png') });
  });

  it('steps exactly one epoch at a time, and the loss chart moves only with the epoch', async () => {
    const { page } = await newPage();
    await openApp(page, url, 'seed=0.2718');
    const chart = lossChartCanvas(page);
    const fingerprint = async () => (await canvasStats(chart)).fingerprint;
    expect(await readEpoch(page)).toBe(0);

    let previous = await fingerprint();
    for (const expected of [1, 2, 3]) {
      expect(await step(page)).toBe(expected);
      // Stepping never starts play.
      expect(await playButton(page).getAttribute('aria-label')).toBe('Play');
      await expect.poll(fingerprint, { message: `the chart did not change after step ${expected}` }).not.toBe(previous);
      previous = await fingerprint();
    }
    await afterFrames(page, 18);
    previous = await fingerprint();

    // Hovering a node and discretizing redraw the maps but add no chart point.
    const mapBefore = await canvasStats(page.getByTestId('decision-map'));
    await page.getByTestId('node-1-1').hover();
    await expect.poll(() => page.getByTestId('decision-map').getAttribute('aria-label')).toBe('Map of hidden layer 1, neuron 1');
    await page.getByTestId('node-2-2').hover();
    await expect.poll(() => page.getByTestId('map-caption').textContent()).toContain('Showing hidden layer 2, neuron 2');
    await page.getByTestId('node-1-1').hover();
    await page.getByTestId('discretize').check();
    await expect
      .poll(async () => (await canvasStats(page.getByTestId('decision-map'))).fingerprint)
      .not.toBe(mapBefore.fingerprint);
    expect(await hashValue(page, 'discretize')).toBe('true');
    // A discretized map has only the two end colours.
    await page.mouse.move(5, 5);
    await expect.poll(() => page.getByTestId('decision-map').getAttribute('aria-label')).toBe('Decision map of the network output');
    await expect.poll(async () => (await canvasStats(page.getByTestId('decision-map'))).colours).toBe(2);
    await page.getByTestId('discretize').uncheck();
    await afterFrames(page, 18);
    expect(await fingerprint()).toBe(previous);
    expect(await readEpoch(page)).toBe(3);

    // Quick clicks are not lost or doubled: five clicks, five epochs.
    const stepButton = page.getByRole('button', { name: 'Step', exact: true });
    for (let k = 0; k < 5; k++) await stepButton.click({ delay: 0 });
    await expect.poll(() => readEpoch(page)).toBe(8);
    await afterFrames(page, 18);
    expect(await readEpoch(page)).toBe(8);
  });

  it('Reset draws new weights at epoch 0 with the same seed; Regenerate draws new points and keeps the epoch', async () => {
    const { page } = await newPage();
    await openApp(page, url, 'seed=0.4242&speed=10');
    const seed = await hashValue(page, 'seed');
    expect(seed).toBe('0.4242');
    const initial = await readLosses(page);

    await play(page);
    await expect.poll(() => readEpoch(page)).toBeGreaterThan(150);
    await pause(page);
    const trained = await readLosses(page);
    expect(trained.train).toBeLessThan(initial.train);

    const mapTrained = (await canvasStats(page.getByTestId('decision-map'))).fingerprint;
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect.poll(() => readEpoch(page)).toBe(0);
    await expect.poll(() => readNumber(page, 'train-loss')).not.toBe(trained.train);
    await expect.poll(async () => (await canvasStats(page.getByTestId('decision-map'))).fingerprint).not.toBe(mapTrained);
    expect(await hashValue(page, 'seed')).toBe(seed);
    // TF draws the reset weights from the continuing random stream: not the first weights again.
    const afterReset = await readLosses(page);
    expect(afterReset).not.toEqual(initial);

    // Regenerate: a few epochs first, so there is an epoch to keep.
    await step(page);
    await step(page);
    const points = (await canvasStats(pointsCanvas(page))).fingerprint;
    await page.getByRole('button', { name: 'Regenerate' }).click();
    await expect.poll(() => hashValue(page, 'seed')).not.toBe(seed);
    expect(await hashValue(page, 'seed')).toMatch(/^\d\.\d{5}$/);
    await expect.poll(async () => (await canvasStats(pointsCanvas(page))).fingerprint).not.toBe(points);
    expect(await readEpoch(page)).toBe(2);
  });

  it('adds and removes layers and neurons, and toggles features', async () => {
    const { page } = await newPage();
    await openApp(page, url, 'seed=0.777');
    const nodeCanvases = page.locator('[data-testid^="node-"] canvas');
    const shape = () => hashValue(page, 'networkShape');
    expect(await page.getByTestId('layer-count').textContent()).toBe('2');
    expect(await nodeCanvases.count()).toBe(7);

    await step(page);
    await page.getByRole('button', { name: 'Add a hidden layer' }).click();
    await expect.poll(() => page.getByTestId('layer-count').textContent()).toBe('3');
    await expect.poll(shape).toBe('4,2,2');
    await expect.poll(() => page.getByTestId('neurons-3').textContent()).toBe('2 neurons');
    await expect.poll(() => nodeCanvases.count()).toBe(9);
    // A new network starts again at epoch 0, and its new nodes draw.
    await expect.poll(() => readEpoch(page)).toBe(0);
    await expect.poll(async () => (await canvasStats(page.getByTestId('node-3-2').locator('canvas'))).colours).toBeGreaterThan(5);

    await page.getByRole('button', { name: 'Add a neuron to hidden layer 3' }).click();
    await expect.poll(() => page.getByTestId('neurons-3').textContent()).toBe('3 neurons');
    await expect.poll(shape).toBe('4,2,3');
    await expect.poll(() => nodeCanvases.count()).toBe(10);

    await page.getByRole('button', { name: 'Remove a neuron from hidden layer 1' }).click();
    await expect.poll(() => page.getByTestId('neurons-1').textContent()).toBe('3 neurons');
    await expect.poll(shape).toBe('3,2,3');
    await expect.poll(() => nodeCanvases.count()).toBe(9);
    // Links: 2 inputs x 3 + 3 x 2 + 2 x 3 + 3 x 1.
    await expect.poll(() => page.locator('path.link-hit').count()).toBe(21);

    await page.getByRole('button', { name: 'Remove a neuron from hidden layer 2' }).click();
    // One neuron is the least; the button then refuses.
    await expect.poll(() => page.getByTestId('neurons-2').textContent()).toBe('1 neuron');
    expect(await page.getByRole('button', { name: 'Remove a neuron from hidden layer 2' }).isDisabled()).toBe(true);
    await expect.poll(shape).toBe('3,1,3');

    await page.getByRole('button', { name: 'Remove a hidden layer' }).click();
    await expect.poll(() => page.getByTestId('layer-count').textContent()).toBe('2');
    await expect.poll(shape).toBe('3,1');
    await expect.poll(() => nodeCanvases.count()).toBe(5);
    expect(await page.getByTestId('neurons-3').count()).toBe(0);

    // Down to no hidden layer (inputs straight to the output) and back up to the most, ten (TF's six, lifted).
    const removeLayer = page.getByRole('button', { name: 'Remove a hidden layer' });
    const addLayer = page.getByRole('button', { name: 'Add a hidden layer' });
    await removeLayer.click();
    await expect.poll(shape).toBe('3');
    await removeLayer.click();
    await expect.poll(shape).toBe('');
    await expect.poll(() => page.getByTestId('layer-count').textContent()).toBe('0');
    await expect.poll(() => nodeCanvases.count()).toBe(1);
    await expect.poll(() => page.locator('path.link-hit').count()).toBe(2);
    expect(await removeLayer.isDisabled()).toBe(true);
    await expect.poll(async () => (await canvasStats(page.getByTestId('node-output').locator('canvas'))).colours).toBeGreaterThan(5);
    for (let k = 1; k <= 10; k++) {
      await addLayer.click();
      await expect.poll(() => page.getByTestId('layer-count').textContent()).toBe(String(k));
    }
    expect(await shape()).toBe('2,2,2,2,2,2,2,2,2,2');
    expect(await addLayer.isDisabled()).toBe(true);
    // At most sixteen neurons per layer (TF's eight, lifted).
    const addNeuron = page.getByRole('button', { name: 'Add a neuron to hidden layer 10' });
    for (let n = 3; n <= 16; n++) {
      await addNeuron.click();
      await expect.poll(() => page.getByTestId('neurons-10').textContent()).toBe(`${n} neurons`);
    }
    expect(await addNeuron.isDisabled()).toBe(true);
    expect(await shape()).toBe('2,2,2,2,2,2,2,2,2,16');
    await expect.poll(() => nodeCanvases.count()).toBe(9 * 2 + 16 + 1);
    for (let k = 10; k > 2; k--) await removeLayer.click();
    await expect.poll(shape).toBe('2,2');

    // Features: x off -> aria-pressed, hash, epoch 0, fewer links.
    await step(page);
    await step(page);
    const x = page.getByTestId('feature-x');
    expect(await x.getAttribute('aria-pressed')).toBe('true');
    await x.click();
    await expect.poll(() => x.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => hashValue(page, 'x')).toBe('false');
    await expect.poll(() => readEpoch(page)).toBe(0);
    await expect.poll(() => page.locator('path.link-hit').count()).toBe(1 * 2 + 2 * 2 + 2);

    const sinY = page.getByTestId('feature-sinY');
    await sinY.click();
    await expect.poll(() => sinY.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => hashValue(page, 'sinY')).toBe('true');
    await expect.poll(() => page.locator('path.link-hit').count()).toBe(2 * 2 + 2 * 2 + 2);

    // The last input cannot be switched off: y stays on and a notice says why.
    await sinY.click();
    await expect.poll(() => sinY.getAttribute('aria-pressed')).toBe('false');
    const y = page.getByTestId('feature-y');
    await y.click();
    await expect.poll(() => page.getByTestId('notice').allTextContents()).toEqual([expect.stringContaining('at least one input')]);
    expect(await y.getAttribute('aria-pressed')).toBe('true');
    expect(await hashValue(page, 'y')).toBe('true');
  });

  it('edits a weight with the pointer and a bias with the keyboard', async () => {
    const { page } = await newPage();
    await openApp(page, url, 'seed=0.1357');
    // The last weights lead into the output node, so an edit there must move the loss.
    const indices = await page.locator('path.link-hit').evaluateAll((paths) => paths.map((p) => Number(p.getAttribute('data-weight'))));
    expect(indices.length).toBe(2 * 4 + 4 * 2 + 2);
    const weight = Math.max(...indices);
    expect(weight).toBe(17);
    const point = await linkPoint(page, weight);
    expect(point, 'no free point on the first link to hover').toBeDefined();

    await page.mouse.move(point!.x, point!.y);
    const card = page.getByTestId('hover-value');
    await expect.poll(() => card.textContent()).toMatch(/^-?\d+(\.\d+)?(e[+-]?\d+)?$/);
    const shown = Number(await card.textContent());
    const widthBefore = await linkStrokeWidth(page, weight);
    const lossBefore = await readLosses(page);
    const mapBefore = (await canvasStats(page.getByTestId('decision-map'))).fingerprint;
    expect(Math.abs(shown)).toBeLessThan(3);

    await page.mouse.click(point!.x, point!.y);
    const editor = page.getByTestId('edit-value');
    await expect.poll(() => editor.count()).toBe(1);
    // The editor opens with the current value, focused.
    expect(Number(await editor.inputValue())).toBeCloseTo(shown, 6);
    expect(await editor.evaluate((e) => e === document.activeElement)).toBe(true);
    await editor.fill('3');
    // Applied live, before the editor closes.
    await expect.poll(() => linkStrokeWidth(page, weight)).toBeGreaterThan(widthBefore);
    await expect.poll(async () => (await readLosses(page)).train).not.toBe(lossBefore.train);
    await expect.poll(async () => (await canvasStats(page.getByTestId('decision-map'))).fingerprint).not.toBe(mapBefore);
    await editor.press('Enter');
    await expect.poll(() => editor.count()).toBe(0);
    await page.mouse.move(5, 5);
    await page.mouse.move(point!.x, point!.y);
    await expect.poll(() => card.textContent()).toBe('3.00');
    // Editing does not train.
    expect(await readEpoch(page)).toBe(0);

    // A bias edits the same way: click its square.
    const outputBias = page.getByTestId('bias-output');
    const outputColour = await outputBias.evaluate((e) => getComputedStyle(e).backgroundColor);
    await outputBias.click();
    await expect.poll(() => editor.count()).toBe(1);
    expect(await editor.getAttribute('aria-label')).toBe('Bias bias of the output node');
    await editor.fill('0.9');
    await expect.poll(() => outputBias.evaluate((e) => getComputedStyle(e).backgroundColor)).not.toBe(outputColour);
    await editor.press('Escape');
    await expect.poll(() => editor.count()).toBe(0);

    // Keyboard: focus a neuron, Enter opens its editor, change the bias.
    await page.mouse.move(5, 5);
    const biasSquare = page.getByTestId('bias-1-1');
    const colourBefore = await biasSquare.evaluate((e) => getComputedStyle(e).backgroundColor);
    await page.getByTestId('node-1-1').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /Edit neuron 1 of hidden layer 1/ });
    await expect.poll(() => dialog.count()).toBe(1);
    // Its bias and one weight per input (x and y).
    expect(await dialog.getByRole('spinbutton').count()).toBe(3);
    const bias = dialog.getByRole('spinbutton', { name: 'Bias' });
    await bias.focus();
    await bias.fill('-2.5');
    await bias.press('Tab');
    await expect.poll(() => bias.inputValue()).toBe('-2.50');
    await expect.poll(() => biasSquare.evaluate((e) => getComputedStyle(e).backgroundColor)).not.toBe(colourBefore);
    // Fully negative: the orange end of the scale.
    expect(await biasSquare.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(245, 147, 34)');
    await biasSquare.hover();
    await expect.poll(() => card.textContent()).toBe('-2.50');

    // An incoming weight from the same editor: exactly one link gets thicker.
    const widths = () => page.locator('path.link').evaluateAll((paths) => paths.map((p) => Number(p.getAttribute('stroke-width'))));
    const widthsBefore = await widths();
    const fromX = dialog.getByRole('spinbutton', { name: 'Weight from x1' });
    await fromX.fill('2.5');
    await fromX.press('Tab');
    await expect.poll(() => fromX.inputValue()).toBe('2.50');
    await expect
      .poll(async () => (await widths()).filter((w, k) => w !== widthsBefore[k]).length, { message: 'no single link changed' })
      .toBe(1);
    const changed = (await widths()).findIndex((w, k) => w !== widthsBefore[k]);
    expect((await widths())[changed]).toBeGreaterThan(widthsBefore[changed]!);

    // Escape on the neuron closes the editor.
    await page.getByTestId('node-1-1').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('keeps the neuron editor on an existing neuron when the network shrinks', async () => {
    const { page } = await newPage();
    await openApp(page, url, 'seed=0.2468');
    await page.getByTestId('node-2-2').focus();
    await page.keyboard.press('Enter');
    const stale = page.getByRole('dialog', { name: 'Edit neuron 2 of hidden layer 2' });
    await expect.poll(() => stale.count()).toBe(1);
    // Bias plus one weight from each of the 4 neurons of layer 1.
    expect(await stale.getByRole('spinbutton').count()).toBe(5);

    const outputBias = () => page.getByTestId('bias-output').evaluate((e) => getComputedStyle(e).backgroundColor);
    const outputBiasBefore = await outputBias();
    await page.getByRole('button', { name: 'Remove a neuron from hidden layer 2' }).click();
    await expect.poll(() => hashValue(page, 'networkShape')).toBe('4,1');
    await expect.poll(() => page.locator('[data-testid^="node-"]').count()).toBe(6);
    await afterFrames(page, 18);

    // Neuron 2 of layer 2 is gone, so no editor may still claim to edit it.
    expect.soft(await stale.count(), 'the editor of a removed neuron stayed open').toBe(0);
    // Whatever editor is still open must not write into another node's bias.
    const dialog = page.getByRole('dialog');
    if ((await dialog.count()) === 1 && !((await dialog.getAttribute('aria-label')) ?? '').includes('output')) {
      const bias = dialog.getByRole('spinbutton', { name: 'Bias' });
      await bias.fill('-3');
      await bias.press('Tab');
      await afterFrames(page, 24);
      expect(await outputBias(), 'editing a hidden neuron changed the output node bias').toBe(outputBiasBefore);
    }
  });

  it('lets the user type into the neuron editor while the network trains', async () => {
    const { page } = await newPage();
    await openApp(page, url, 'seed=0.1122&speed=1');
    await page.getByTestId('node-1-1').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Edit neuron 1 of hidden layer 1' });
    await expect.poll(() => dialog.count()).toBe(1);
    await play(page);

    const bias = dialog.getByRole('spinbutton', { name: 'Bias' });
    await bias.click();
    await bias.press('ControlOrMeta+a');
    // A person types a key every so often; the page draws several snapshots of the training meanwhile.
    await bias.pressSequentially('1.75', { between: () => waitForSnapshots(page, 6) });
    expect(await bias.inputValue(), 'the typed value was overwritten while typing').toBe('1.75');
    await bias.press('Tab');
    await pause(page);
    // The bias was applied (training since then moves it only a little).
    await page.getByTestId('bias-1-1').hover();
    await expect.poll(async () => Number(await page.getByTestId('hover-value').textContent())).toBeGreaterThan(1.4);
  });

  it('applies data and training settings the way TensorFlow Playground does', async () => {
    const { page } = await newPage();
    await openApp(page, url, 'seed=0.3333&speed=10');
    const seed = () => hashValue(page, 'seed');

    // Learning rate: applied to the running network, training goes on.
    await play(page);
    await expect.poll(() => readEpoch(page)).toBeGreaterThan(50);
    await page.getByTestId('learning-rate').selectOption('0.1');
    await expect.poll(() => hashValue(page, 'learningRate')).toBe('0.1');
    const afterRate = await readEpoch(page);
    await expect.poll(() => readEpoch(page)).toBeGreaterThan(afterRate + 30);
    expect(await playButton(page).getAttribute('aria-label')).toBe('Pause');

    // Step while playing pauses and trains one more epoch.
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe('Play');
    await play(page);
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe('Play');
    const paused = await readEpoch(page);
    await afterFrames(page, 18);
    expect(await readEpoch(page)).toBe(paused);

    // Reset while playing: epoch 0 and paused.
    await play(page);
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect.poll(() => readEpoch(page)).toBe(0);
    await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe('Play');
    expect(await seed()).toBe('0.3333');

    // Activation, regularization, batch size: new weights, same data.
    await step(page);
    await page.getByTestId('activation').selectOption('relu');
    await expect.poll(() => hashValue(page, 'activation')).toBe('relu');
    await expect.poll(() => readEpoch(page)).toBe(0);
    await page.getByTestId('regularization').selectOption('l2');
    await expect.poll(() => hashValue(page, 'regularization')).toBe('L2');
    await page.getByTestId('regularization-rate').selectOption('0.01');
    await expect.poll(() => hashValue(page, 'regularizationRate')).toBe('0.01');
    await step(page);
    await page.getByTestId('batch-size').fill('25');
    await expect.poll(() => hashValue(page, 'batchSize')).toBe('25');
    await expect.poll(() => readEpoch(page)).toBe(0);
    expect(await page.locator('label[for="batchSize"] output').textContent()).toBe('25');
    expect(await seed()).toBe('0.3333');

    // Noise, ratio and the data set draw new data with a new seed.
    const points = (await canvasStats(pointsCanvas(page))).fingerprint;
    await step(page);
    await page.getByTestId('noise').fill('20');
    await expect.poll(() => hashValue(page, 'noise')).toBe('20');
    await expect.poll(seed).not.toBe('0.3333');
    await expect.poll(() => readEpoch(page)).toBe(0);
    await expect.poll(async () => (await canvasStats(pointsCanvas(page))).fingerprint).not.toBe(points);
    const seedAfterNoise = await seed();
    await page.getByTestId('ratio').fill('80');
    await expect.poll(() => hashValue(page, 'percTrainData')).toBe('80');
    await expect.poll(seed).not.toBe(seedAfterNoise);
    // Sliders apply while they move (as in TF); quick moves end on the last value.
    await page.getByTestId('noise').focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => hashValue(page, 'noise')).toBe('35');
    expect(await page.locator('label[for="noise"] output').textContent()).toBe('35');
    await page.getByTestId('dataset-gauss').click();
    await expect.poll(() => page.getByTestId('dataset-gauss').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('dataset-circle').getAttribute('aria-pressed')).toBe('false');
    expect(await hashValue(page, 'dataset')).toBe('gauss');

    // Test data on the map.
    const withoutTest = (await canvasStats(pointsCanvas(page))).fingerprint;
    await page.getByTestId('show-test-data').check();
    await expect.poll(() => hashValue(page, 'showTestData')).toBe('true');
    await expect.poll(async () => (await canvasStats(pointsCanvas(page))).fingerprint).not.toBe(withoutTest);

    // Hovering a feature shows its map in the big view.
    await page.getByTestId('feature-y').hover();
    await expect.poll(() => page.getByTestId('decision-map').getAttribute('aria-label')).toBe('Map of feature x2');
    await page.mouse.move(5, 5);
    await expect.poll(() => page.getByTestId('decision-map').getAttribute('aria-label')).toBe('Decision map of the network output');

    // Regression: its two data sets, no accuracy.
    await page.getByTestId('problem').selectOption('regression');
    await expect.poll(() => hashValue(page, 'problem')).toBe('regression');
    await expect.poll(() => page.locator('[data-testid^="dataset-"]').count()).toBe(2);
    expect(await page.getByTestId('dataset-reg-plane').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('train-accuracy').count()).toBe(0);
    await page.getByTestId('dataset-reg-gauss').click();
    await expect.poll(() => hashValue(page, 'regDataset')).toBe('reg-gauss');
    // The classification choice is kept for later.
    expect(await hashValue(page, 'dataset')).toBe('gauss');
    await step(page);
    expect(await readNumber(page, 'train-loss')).toBeGreaterThan(0);
  });

  it('moves a trained network to the reference engine and back, and measures both', async () => {
    const { page } = await newPage();
    await openApp(page, url, `dataset=xor&seed=0.9876&speed=10`);
    await play(page);
    await expect.poll(() => readEpoch(page)).toBeGreaterThan(200);
    await expect.poll(() => readNumber(page, 'eps-wasm')).toBeGreaterThan(0);
    await pause(page);
    const epoch = await readEpoch(page);
    const losses = await readLosses(page);
    const mapWasm = await canvasStats(page.getByTestId('decision-map'));
    expect(await page.getByTestId('stats-wasm').getAttribute('class')).toContain('current');

    await page.getByTestId('engine-select').selectOption('reference');
    await expect.poll(() => page.getByTestId('stats-reference').getAttribute('class')).toContain('current');
    expect(await hashValue(page, 'engine')).toBe('reference');
    expect(await readEpoch(page)).toBe(epoch);
    const moved = await readLosses(page);
    expect(Math.abs(moved.train - losses.train)).toBeLessThanOrEqual(0.0011);
    expect(Math.abs(moved.test - losses.test)).toBeLessThanOrEqual(0.0011);
    // The same network draws (nearly) the same map.
    const mapReference = await canvasStats(page.getByTestId('decision-map'));
    expect(Math.abs(mapReference.colours - mapWasm.colours)).toBeLessThan(mapWasm.colours * 0.2);

    await step(page);
    await play(page);
    await expect.poll(() => readNumber(page, 'eps-reference')).toBeGreaterThan(0);
    await expect.poll(() => readEpoch(page)).toBeGreaterThan(epoch + 50);
    await pause(page);
    for (const id of ['eps-wasm', 'eps-reference', 'frame-ms-wasm', 'frame-ms-reference']) {
      const value = await readNumber(page, id);
      expect(value, `${id} shows no number`).toBeGreaterThan(0);
    }

    // And back to WASM with the reference engine's progress.
    const epochReference = await readEpoch(page);
    await page.getByTestId('engine-select').selectOption('wasm');
    await expect.poll(() => page.getByTestId('stats-wasm').getAttribute('class')).toContain('current');
    expect(await readEpoch(page)).toBe(epochReference);
    await step(page);
  });
});
