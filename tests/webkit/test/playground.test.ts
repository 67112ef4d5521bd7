/**
 * The playground's core flows in WebKit (WebKitGTK's MiniBrowser, Safari's
 * engine): it mounts cleanly under the C locale, a TensorFlow Playground link
 * trains on the WASM core, and Play, Pause, Step and Reset do what TF's do.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOTS, useWebKit } from '../src/session.js';

/** TensorFlow Playground's default setup as its site writes the hash, with a fixed seed (as in tests/e2e). */
const TF_DEFAULT_HASH =
  'activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&seed=0.80146&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false';

/**
 * Animation frames to watch for "nothing moves": at one epoch per frame a
 * playing run would have advanced many epochs in that many frames.
 */
const QUIET_FRAMES = 60;

describe('the playground in WebKit (MiniBrowser)', () => {
  const webkit = useWebKit();

  it('mounts without errors, and the decision map, node maps and loss chart draw', async () => {
    const page = await webkit.open();
    await page.goto(webkit.url);
    await page.waitForSnapshot();
    expect(await page.epoch()).toBe(0);
    const hash = await page.hash();
    expect(hash.get('networkShape')).toBe('4,2');
    expect(hash.get('seed')).toMatch(/^\d\.\d{5}$/);

    const map = await page.decisionMap();
    expect(map.width).toBe(100);
    expect(map.transparent).toBe(0);
    // The seed is random here, so the first map may be fairly flat; a blank one has a single colour.
    expect(map.colours, 'the decision map is blank').toBeGreaterThan(3);

    // Default network: 4 + 2 hidden neurons and the output node, each with its map.
    await expect.poll(async () => (await page.nodeMaps()).length).toBe(7);
    for (const [k, node] of (await page.nodeMaps()).entries()) {
      expect(node.transparent, `node map ${k}`).toBe(0);
      expect(node.colours, `node map ${k} is blank`).toBeGreaterThan(3);
    }

    // The chart draws its axes and grid (and the first point) before any training.
    expect((await page.lossChart()).colours, 'the loss chart is blank').toBeGreaterThan(2);
    for (const loss of Object.values(await page.losses())) {
      expect(loss).toBeGreaterThan(0);
      expect(loss).toBeLessThan(2);
    }
  });

  it('falls back to English when WebKitGTK reports the C locale as the language', async () => {
    const page = await webkit.open();
    await page.goto(webkit.url);
    await page.waitForSnapshot();
    const languages = await page.driver.executeScript<{
      reported: string;
      reportedList: string[];
      seen: string;
      seenList: string[];
      intlRefusesReported: boolean;
    }>(() => {
      // The browser's own getters, past the page's guard (which shadows them on `navigator`).
      const language = Object.getOwnPropertyDescriptor(Navigator.prototype, 'language')!.get!.call(navigator) as string;
      const list = Object.getOwnPropertyDescriptor(Navigator.prototype, 'languages')!.get!.call(navigator) as string[];
      let intlRefusesReported = false;
      try {
        new Intl.NumberFormat(language);
      } catch {
        intlRefusesReported = true;
      }
      return { reported: language, reportedList: [...list], seen: navigator.language, seenList: [...navigator.languages], intlRefusesReported };
    });
    // WebKitWebDriver runs under C.UTF-8 (see browserEnv): WebKitGTK reports "C",
    // which Intl refuses; that used to stop the page with "invalid language tag: C".
    expect(languages.reported).toBe('C');
    expect(languages.reportedList).toEqual(['C']);
    expect(languages.intlRefusesReported).toBe(true);
    // The page's guard shows everything after it English instead.
    expect(languages.seen).toBe('en');
    expect(languages.seenList).toEqual(['en']);

    // And the page is in English.
    expect(await page.driver.executeScript<string>(() => document.documentElement.lang)).toBe('en');
    expect(await page.attribute('language-en', 'aria-pressed')).toBe('true');
    expect(await page.attribute('language-ko', 'aria-pressed')).toBe('false');
    expect(await page.driver.getTitle()).toBe('Neural network playground');
    expect(await page.text('lessons-toggle')).toBe('Hide lessons');
    expect(await (await page.byTestId('epoch')).getAccessibleName()).toBe('Epoch');
    for (const name of ['Reset', 'Play', 'Step']) await page.button(name);
    // Numbers are formatted in English too (the epoch counter's group separator).
    expect(await page.text('epoch')).toBe('000,000');
  });

  it('opens a TensorFlow Playground link and trains it on the WASM core: Play, the loss falls, Pause stops', async () => {
    const page = await webkit.open();
    await page.goto(`${webkit.url}#${TF_DEFAULT_HASH}`);
    await page.waitForSnapshot();
    // The link's settings are kept (TF's keys), with this app's engine and speed added.
    const hash = await page.hash();
    for (const [key, value] of [
      ['dataset', 'circle'],
      ['networkShape', '4,2'],
      ['seed', '0.80146'],
      ['learningRate', '0.03'],
      ['activation', 'tanh'],
      ['engine', 'wasm'],
      ['speed', '1'],
    ]) {
      expect(hash.get(key!), key).toBe(value);
    }
    // The engine selector shows the WASM core, and the figures table marks it as the one running.
    expect(await page.value('engine-select')).toBe('wasm');
    expect(await page.attribute('stats-wasm', 'class')).toMatch(/\bcurrent\b/);
    expect(await page.attribute('stats-reference', 'class')).not.toMatch(/\bcurrent\b/);
    expect(await page.epoch()).toBe(0);
    const start = await page.losses();
    const chartBefore = await page.lossChart();

    await page.play();
    await expect.poll(() => page.epoch(), { message: 'the epoch did not advance' }).toBeGreaterThan(20);
    await expect
      .poll(() => page.number('train-loss'), { timeout: 120_000, message: 'the training loss did not fall' })
      .toBeLessThan(start.train * 0.9);
    // While it plays the page shows the WASM core's measured speed and its own redraw rate.
    await expect.poll(() => page.number('eps-wasm')).toBeGreaterThan(0);
    await expect.poll(() => page.text('draw-rate')).toMatch(/^\d+ fps$/);
    await expect.poll(async () => (await page.lossChart()).fingerprint).not.toBe(chartBefore.fingerprint);

    await page.pause();
    const stopped = await page.epoch();
    await page.frames(QUIET_FRAMES);
    expect(await page.epoch(), 'training went on after Pause').toBe(stopped);
    expect(await page.playLabel()).toBe('Play');
    expect(await page.text('draw-rate')).toBe('');
    expect(await page.number('test-loss')).toBeLessThan(start.test);
    await page.screenshot(join(SHOTS, 'webkit-tf-default-trained.png'));
  });

  it('Step trains exactly one epoch per click and never starts play', async () => {
    const page = await webkit.open();
    await page.goto(`${webkit.url}#seed=0.2718`);
    await page.waitForSnapshot();
    expect(await page.epoch()).toBe(0);
    let chart = (await page.lossChart()).fingerprint;
    for (const expected of [1, 2, 3]) {
      expect(await page.step()).toBe(expected);
      expect(await page.playLabel()).toBe('Play');
      await expect.poll(async () => (await page.lossChart()).fingerprint, { message: `the chart did not move after step ${expected}` }).not.toBe(chart);
      chart = (await page.lossChart()).fingerprint;
    }
    // Nothing more happens on its own.
    await page.frames(QUIET_FRAMES);
    expect(await page.epoch()).toBe(3);

    // Clicks in a row are neither lost nor doubled: five clicks, five epochs.
    const step = await page.button('Step');
    for (let k = 0; k < 5; k++) await step.click();
    await expect.poll(() => page.epoch()).toBe(8);
    await page.frames(QUIET_FRAMES);
    expect(await page.epoch()).toBe(8);
    expect(await page.playLabel()).toBe('Play');
  });

  it('Reset goes back to epoch 0 with new weights and stops play', async () => {
    const page = await webkit.open();
    await page.goto(`${webkit.url}#seed=0.4242&speed=10`);
    await page.waitForSnapshot();
    const initial = await page.losses();

    await page.play();
    await expect.poll(() => page.epoch()).toBeGreaterThan(100);
    const trainedMap = (await page.decisionMap()).fingerprint;
    const trained = await page.losses();

    // Reset while playing.
    await (await page.button('Reset')).click();
    await expect.poll(() => page.epoch()).toBe(0);
    await expect.poll(() => page.playLabel(), { message: 'Reset did not stop play' }).toBe('Play');
    await expect.poll(async () => (await page.decisionMap()).fingerprint).not.toBe(trainedMap);
    await expect.poll(() => page.number('train-loss')).not.toBe(trained.train);
    // Same data (the seed stays), and TF draws the new weights from the continuing
    // random stream: not the first weights again.
    expect((await page.hash()).get('seed')).toBe('0.4242');
    expect(await page.losses()).not.toEqual(initial);
    await page.frames(QUIET_FRAMES);
    expect(await page.epoch(), 'training went on after Reset').toBe(0);
  });

  it('fails a test whose page threw: the error recorder hears uncaught errors, rejections and console errors', async () => {
    // This page's errors are expected: they are checked here, not by the hook.
    const page = await webkit.open({ checkErrors: false });
    await page.goto(webkit.url);
    await page.waitForSnapshot();
    await page.driver.executeScript(() => {
      setTimeout(() => {
        throw new Error('canary thrown');
      });
      void Promise.reject(new Error('canary rejected'));
      console.error('canary logged');
    });
    const heard = async (): Promise<string> => (await page.collectErrors()).join('\n');
    await expect.poll(heard).toContain('uncaught Error: canary thrown');
    await expect.poll(heard).toContain('unhandled rejection: Error: canary rejected');
    await expect.poll(heard).toContain('console.error: canary logged');
    // A CSP violation (inline style is not allowed) is heard too.
    await page.driver.executeScript(() => {
      const style = document.createElement('style');
      style.textContent = 'body { outline: 1px solid red; }';
      document.head.append(style);
    });
    await expect.poll(heard).toMatch(/Content Security Policy: style-src/);
  });
});
