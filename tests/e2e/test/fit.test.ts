/**
 * The whole network in view: a network of six hidden layers of eight neurons
 * fits every common screen width with the lessons open or closed (its column
 * never scrolls sideways, every node and the output lie on screen and take
 * the pointer); its weights and biases reach screen readers and the
 * keyboard; the embed mode fills a slide's frame without scrollbars.
 */
import { join } from 'node:path';
import type * as Puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context, Page } from '../src/driver/index.js';
import {
  documentScrolling,
  networkColumnWidths,
  nodesNotUnderPointer,
  nodesOutsideWidth,
  placedNodes,
  playgroundFrame,
  serveFramingPage,
} from '../src/fit.js';
import { linkPoint, linkStrokeWidth, openApp } from '../src/playground.js';
import { currentBrowserName } from '../src/browser.js';
import { SHOTS, useBuiltApp } from '../src/session.js';

/** The deepest and widest network the controls allow. */
const DEEP = 'seed=0.5&networkShape=8,8,8,8,8,8&x=true&y=true&xSquared=true';
/** Its weights: 3 inputs into 8, five times 8 into 8, 8 into the output. */
const DEEP_WEIGHTS = 3 * 8 + 5 * 8 * 8 + 8;

const WIDTHS = [1280, 1400, 1024, 768, 390] as const;
const HEIGHT = { 1280: 800, 1400: 900, 1024: 768, 768: 1024, 390: 844 } as const;

/** Opens or closes the lesson panel with its switch (the choice is remembered, so check the state first). */
async function setLessons(page: Page, open: boolean): Promise<void> {
  const toggle = page.getByTestId('lessons-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== String(open)) await toggle.click();
  await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe(String(open));
}

/** Sets the viewport and waits until the page has laid itself out for it (the diagram follows its column's width). */
async function resize(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: HEIGHT[width as keyof typeof HEIGHT] ?? 800 });
  await expect.poll(() => page.evaluate(() => document.documentElement.clientWidth)).toBeLessThanOrEqual(width);
  await page.animationFrames(3);
}

describe('a six-layer network at every width', () => {
  const app = useBuiltApp();

  /** What must hold at any width: the page and the network column do not scroll sideways, every node is on screen and under the pointer. */
  async function expectWholeNetwork(page: Page, where: string): Promise<void> {
    await expect.poll(() => nodesOutsideWidth(page), { message: `${where}: nodes outside the screen` }).toEqual([]);
    const column = await networkColumnWidths(page);
    expect(column.scroll, `${where}: the network column scrolls sideways`).toBeLessThanOrEqual(column.client);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${where}: the page scrolls sideways`).toBeLessThanOrEqual(
      await page.evaluate(() => document.documentElement.clientWidth),
    );
    expect(await nodesNotUnderPointer(page), `${where}: nodes covered or off screen`).toEqual([]);
    // 7 features, 48 neurons and the output node.
    expect((await placedNodes(page.raw.mainFrame())).filter((n) => n.name.startsWith('node-')).length).toBe(49);
  }

  it('shows every layer, node and the output without sideways scrolling, lessons open or closed', async () => {
    const page = await app.newPage();
    await openApp(page, app.url, DEEP);
    for (const lessons of [true, false]) {
      await setLessons(page, lessons);
      for (const width of WIDTHS) {
        await resize(page, width);
        const where = `${width} px, lessons ${lessons ? 'open' : 'closed'}`;
        await expectWholeNetwork(page, where);
        if (lessons && width !== 1024) await page.screenshot({ path: join(SHOTS, `fit-${width}-lessons-en.png`) });
        if (lessons && width === 390) await page.locator('.network-column').screenshot({ path: join(SHOTS, 'fit-390-network-en.png') });
      }
    }
  });

  it('shows the whole network in projector mode too (its side columns are zoomed)', async () => {
    // A context of its own: projector mode is remembered, and the other tests expect it off.
    const page = await app.newPage(await app.browser.newContext({ viewport: { width: 1280, height: 800 } }));
    await openApp(page, app.url, DEEP);
    await setLessons(page, true);
    await page.getByTestId('projector').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.hasAttribute('data-projector'))).toBe(true);
    for (const width of [1280, 1400, 1024, 390]) {
      await resize(page, width);
      await expectWholeNetwork(page, `${width} px, projector mode`);
      if (width === 1280) await page.screenshot({ path: join(SHOTS, 'fit-1280-projector-en.png') });
    }
  });

  it('keeps the output map beside the network at 1280 and 1400 px with the lessons open', async () => {
    const page = await app.newPage();
    await openApp(page, app.url, DEEP);
    await setLessons(page, true);
    for (const width of [1280, 1400]) {
      await resize(page, width);
      const network = (await page.locator('.network-column').boundingBox())!;
      const map = (await page.getByTestId('decision-map').boundingBox())!;
      expect(map.x, `${width} px`).toBeGreaterThanOrEqual(network.x + network.width);
      // Side by side: the map starts level with the diagram, not under it.
      expect(map.y, `${width} px`).toBeLessThan(network.y + network.height);
      expect(map.x + map.width, `${width} px`).toBeLessThanOrEqual(width);
    }
  });

  it('still shows a node’s map on hover and edits a weight by click on the smallest picture', async () => {
    const page = await app.newPage();
    await openApp(page, app.url, DEEP);
    await setLessons(page, true);
    await resize(page, 1280);
    // The last neuron of the last layer: its map goes to the big view.
    await page.getByTestId('node-6-8').hover();
    await expect.poll(() => page.getByTestId('map-caption').textContent()).toBe('Showing hidden layer 6, neuron 8');

    // The last weight leads into the output node.
    const weight = DEEP_WEIGHTS - 1;
    const point = await linkPoint(page, weight);
    expect(point, 'no free point on the last link').toBeDefined();
    const before = await linkStrokeWidth(page, weight);
    await page.mouse.click(point!.x, point!.y);
    const editor = page.getByTestId('edit-value');
    await expect.poll(() => editor.count()).toBe(1);
    await editor.fill('4');
    await expect.poll(() => linkStrokeWidth(page, weight)).toBeGreaterThan(before);
    await editor.press('Enter');
    await expect.poll(() => editor.count()).toBe(0);
    // The value card stays inside the diagram (no sideways scrolling while it shows).
    await page.mouse.move(5, 5);
    await page.mouse.move(point!.x, point!.y);
    await expect.poll(() => page.getByTestId('hover-value').textContent()).toBe('4.00');
    const column = await networkColumnWidths(page);
    expect(column.scroll).toBeLessThanOrEqual(column.client);

    // On a phone the deep network runs downwards; a neuron's editor opens from the keyboard there too.
    await resize(page, 390);
    expect(await page.locator('.network').getAttribute('data-orientation')).toBe('vertical');
    await page.getByTestId('node-6-8').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Edit neuron 8 of hidden layer 6' });
    await expect.poll(() => dialog.count()).toBe(1);
    expect(await dialog.getByRole('spinbutton').count()).toBe(1 + 8);
  });

  describe('in Korean', () => {
    let korean: Context;
    beforeAll(async () => {
      korean = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ko-KR' });
    });

    it('fits the same, with the Korean labels', async () => {
      const page = await app.newPage(korean);
      await openApp(page, app.url, DEEP);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko');
      await setLessons(page, true);
      for (const width of [1280, 1400, 768, 390]) {
        await resize(page, width);
        await expectWholeNetwork(page, `${width} px, Korean`);
        await page.screenshot({ path: join(SHOTS, `fit-${width}-lessons-ko.png`) });
        if (width === 390) await page.locator('.network-column').screenshot({ path: join(SHOTS, 'fit-390-network-ko.png') });
      }
    });
  });
});

describe('weights and biases for screen readers and the keyboard', () => {
  const app = useBuiltApp();

  it('names every weight and bias with its value, one Tab stop per layer', async () => {
    const page = await app.newPage();
    // TF's default network: x1, x2 into 4, 4 into 2, 2 into the output.
    await openApp(page, app.url, 'seed=0.5');
    const weights = page.getByRole('button', { name: /^Weight from / });
    await expect.poll(() => weights.count()).toBe(2 * 4 + 4 * 2 + 2);
    const biases = page.getByRole('button', { name: /^Bias of / });
    expect(await biases.count()).toBe(4 + 2 + 1);
    // The value in the name is the value the hover card shows.
    const first = page.getByRole('button', { name: /^Weight from x1 to neuron 1 of hidden layer 1: -?\d/ });
    expect(await first.count()).toBe(1);
    const named = Number((await first.getAttribute('aria-label'))!.split(': ')[1]);
    await page.locator('path.link-hit[data-weight="0"]').hover();
    await expect.poll(async () => Number(await page.getByTestId('hover-value').textContent())).toBe(named);
    expect(
      await page.getByRole('button', { name: /^Weight from neuron 2 of hidden layer 2 to the output node: -?\d/ }).count(),
    ).toBe(1);
    expect(await page.getByRole('button', { name: /^Bias of the output node: -?\d/ }).count()).toBe(1);
    // Grouped by layer, each group one stop of the Tab key.
    for (const name of ['Weights and biases of hidden layer 1', 'Weights and biases of hidden layer 2', 'Weights and bias of the output node']) {
      expect(await page.getByRole('group', { name }).count(), name).toBe(1);
    }
    const stops = await page.locator('[data-param]').evaluateAll((elements) => elements.filter((e) => e.getAttribute('tabindex') === '0').length);
    expect(stops).toBe(3);
    // A bias is drawn small, but what takes the pointer is a 24 px square (WCAG 2.2's minimum target).
    const targets = await page.locator('[data-param^="b"]').evaluateAll((elements) =>
      elements.map((e) => [Math.round(e.getBoundingClientRect().width), Math.round(e.getBoundingClientRect().height)].join('x')),
    );
    expect(new Set(targets)).toEqual(new Set(['24x24']));

    if (currentBrowserName() === 'chromium') {
      // The browser's own accessibility tree (what a screen reader reads) has them too.
      const tree = await page.raw.accessibility.snapshot({ interestingOnly: true });
      const names: string[] = [];
      const walk = (node: Puppeteer.SerializedAXNode | null | undefined): void => {
        if (!node) return;
        if (node.role === 'button' && node.name) names.push(node.name);
        node.children?.forEach(walk);
      };
      walk(tree);
      expect(names.filter((name) => name.startsWith('Weight from ')).length).toBe(18);
      expect(names.filter((name) => name.startsWith('Bias of ')).length).toBe(7);
    }
  });

  it('moves between a layer’s weights with the arrow keys and edits one with Enter', async () => {
    const page = await app.newPage();
    await openApp(page, app.url, 'seed=0.5');
    const focused = (): Promise<string> => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    // From the last neuron of layer 1, Tab lands on layer 1's weights and biases: the first, neuron 1's bias.
    await page.getByTestId('node-1-4').focus();
    await page.keyboard.press('Tab');
    await expect.poll(focused).toMatch(/^Bias of neuron 1 of hidden layer 1: /);
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused).toMatch(/^Weight from x1 to neuron 1 of hidden layer 1: /);
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused).toMatch(/^Weight from x2 to neuron 1 of hidden layer 1: /);
    // The value card shows for the weight in focus.
    await expect.poll(() => page.getByTestId('hover-value').count()).toBe(1);
    // Tab leaves the layer's weights in one step: on to layer 2's first neuron.
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('node-2-1');
    // Shift+Tab comes back to the weight last in focus.
    await page.keyboard.press('Shift+Tab');
    await expect.poll(focused).toMatch(/^Weight from x2 to neuron 1 of hidden layer 1: /);

    const widthBefore = await linkStrokeWidth(page, 1);
    await page.keyboard.press('Enter');
    const editor = page.getByTestId('edit-value');
    await expect.poll(() => editor.count()).toBe(1);
    expect(await editor.getAttribute('aria-label')).toBe('Weight x2 → layer 1, neuron 1');
    // A decimal comma counts as a point; the arrow keys step by 0.1.
    await editor.fill('-4,5');
    await expect.poll(() => linkStrokeWidth(page, 1)).toBeGreaterThan(widthBefore);
    await editor.press('ArrowUp');
    await expect.poll(() => editor.inputValue()).toBe('-4.40');
    await page.keyboard.press('Escape');
    await expect.poll(() => editor.count()).toBe(0);
    // Focus is back on the weight, and its name tells the new value.
    await expect.poll(focused).toBe('Weight from x2 to neuron 1 of hidden layer 1: -4.40');
    await page.keyboard.press('End');
    await expect.poll(focused).toMatch(/^Weight from x2 to neuron 4 of hidden layer 1: /);
    await page.keyboard.press('Home');
    await expect.poll(focused).toMatch(/^Bias of neuron 1 of hidden layer 1: /);
  });

  describe('in Korean', () => {
    let korean: Context;
    beforeAll(async () => {
      korean = await app.browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'ko-KR' });
    });

    it('names them in Korean', async () => {
      const page = await app.newPage(korean);
      await openApp(page, app.url, 'seed=0.5');
      expect(await page.getByRole('button', { name: /^가중치 \(x1 → 히든 레이어 1 뉴런 1\): -?\d/ }).count()).toBe(1);
      expect(await page.getByRole('button', { name: /^편향 \(출력 노드\): -?\d/ }).count()).toBe(1);
      expect(await page.getByRole('group', { name: '히든 레이어 1 가중치와 편향' }).count()).toBe(1);
    });
  });
});

describe('the embed mode in a frame', () => {
  const app = useBuiltApp();
  const framing: { url: string; close: () => Promise<void> }[] = [];

  afterAll(async () => {
    await Promise.all(framing.map((f) => f.close()));
  });

  /** A student's embedded link: the learning rate and the layer count hidden by the teacher. */
  const FLAGS = 'learningRate_hide=true&numHiddenLayers_hide=true&classroom_hide=true&answers=hide';

  for (const { width, height, hash } of [
    { width: 800, height: 500, hash: `${DEEP}&embed=true&${FLAGS}` },
    { width: 1024, height: 640, hash: `seed=0.5&embed=true&${FLAGS}` },
    { width: 1024, height: 640, hash: `${DEEP}&embed=true&${FLAGS}` },
  ]) {
    const layers = hash.includes('networkShape=8,8,8,8,8,8') ? 6 : 2;
    it(`fills a ${width} x ${height} frame without scrollbars (${layers} hidden layers)`, async () => {
      const host = await serveFramingPage(width, height);
      framing.push(host);
      const page = await app.newPage();
      await page.setViewportSize({ width: width + 100, height: height + 100 });
      await page.goto(`${host.url}?src=${encodeURIComponent(`${app.url}#${hash}`)}`);
      const frame = await playgroundFrame(page, app.url);

      // Only the playground: no title, lessons, classroom panel or page footer.
      const present = await frame.evaluate(() => ({
        title: document.querySelector('header.title') !== null,
        lessons: document.querySelector('#lesson-column') !== null,
        footer: document.querySelector('footer') !== null,
        classroom: document.body.textContent!.includes('Share or use it in a classroom'),
      }));
      expect(present).toEqual({ title: false, lessons: false, footer: false, classroom: false });

      // No scrollbars: the content fits the frame both ways, once the zoom has settled.
      await expect
        .poll(async () => {
          const s = await documentScrolling(frame);
          return s.scrollWidth <= s.clientWidth && s.scrollHeight <= s.clientHeight;
        }, { message: 'the frame scrolls' })
        .toBe(true);
      const scrolling = await documentScrolling(frame);
      expect(scrolling.clientWidth).toBe(width);
      expect(scrolling.clientHeight).toBe(height);
      // Every node and the map inside the frame.
      const outside = (await placedNodes(frame)).filter((n) => n.left < -0.5 || n.right > width + 0.5 || n.top < -0.5 || n.bottom > height + 0.5);
      expect(outside.map((n) => n.name)).toEqual([]);
      const zoom = Number(await frame.evaluate(() => document.querySelector('.workspace')?.getAttribute('data-zoom')));
      expect(zoom).toBeGreaterThanOrEqual(0.6);
      expect(zoom).toBeLessThanOrEqual(1);

      // The teacher's hidden controls stay hidden, also after Reset and a step of training.
      const hidden = (): Promise<boolean[]> =>
        frame.evaluate(() =>
          ['[data-testid="learning-rate"]', '.ui-numHiddenLayers'].map((selector) => {
            const element = document.querySelector(selector);
            return element === null || !(element as HTMLElement).checkVisibility();
          }),
        );
      expect(await hidden()).toEqual([true, true]);
      await frame.click('[data-testid="step"]');
      await expect.poll(() => frame.evaluate(() => document.querySelector('[data-testid="epoch"]')?.textContent)).toBe('000,001');
      await frame.click('[data-testid="reset"]');
      await expect.poll(() => frame.evaluate(() => document.querySelector('[data-testid="epoch"]')?.textContent)).toBe('000,000');
      expect(await hidden()).toEqual([true, true]);

      await page.screenshot({ path: join(SHOTS, `fit-embed-${width}x${height}-${layers}-layers.png`) });
    });
  }
});
