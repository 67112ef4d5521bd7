/**
 * The network diagram beyond TF's limits, and the teacher's switch for the
 * network search: the "+" buttons grow the network to 10 hidden layers of 16
 * neurons and stop there; at that size nothing spills out of the page, every
 * node can be seen and reached (on a desktop and, scrolling the diagram
 * sideways, on a phone), and the layer controls stay clear of each other.
 * The classroom panel's "Hide the network search" writes `search_hide=true`,
 * and the student link has no search; in Korean too.
 */
import { join } from 'node:path';
import type { Context, Page } from '../src/driver/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, useBuiltApp } from '../src/session.js';
import { LOCALES, useFreshContexts } from '../src/course.js';
import { hashValue, openApp, overflowingElements, parseHashText, waitForSnapshot } from '../src/playground.js';

const LAYERS = 10;
const NEURONS = 16;
const DEEP = Array.from({ length: LAYERS }, () => NEURONS).join(',');

const TEXT = {
  en: { addLayer: 'Add a hidden layer', addNeuron: (l: number) => `Add a neuron to hidden layer ${l}`, neurons: `${NEURONS} neurons`, hideSearch: 'Hide the network search', panel: 'Share or use it in a classroom', search: 'Search networks' },
  ko: { addLayer: '히든 레이어 추가', addNeuron: (l: number) => `뉴런 추가: 히든 레이어 ${l}`, neurons: `뉴런 ${NEURONS}개`, hideSearch: '신경망 탐색 숨기기', panel: '공유하거나 수업에서 사용하기', search: '신경망 탐색' },
} as const;

/**
 * Nodes that cannot be seen: each node is scrolled into view (the page, and
 * the diagram's own box when it scrolls sideways), and the element at its
 * centre must be the node or inside it (not another node, a control or a
 * label), with the node inside the window.
 */
async function hiddenNodes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const nodes = document.querySelectorAll<HTMLElement>('.diagram .node');
    for (const node of nodes) {
      node.scrollIntoView({ block: 'center', inline: 'center' });
      const box = node.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      const top = document.elementFromPoint(x, y);
      const name = node.getAttribute('data-testid') ?? node.getAttribute('aria-label') ?? '?';
      if (!node.checkVisibility() || box.width < 20) out.push(`${name}: not drawn (${box.width} px)`);
      else if (box.left < 0 || box.right > document.documentElement.clientWidth) out.push(`${name}: outside the window`);
      else if (!top || !(top === node || node.contains(top))) out.push(`${name}: covered by ${top?.tagName}.${top?.className}`);
    }
    window.scrollTo(0, 0);
    return out;
  });
}

/** The layer controls' "+ / -" buttons that another element covers, and neuron counts that overlap each other. */
async function crowdedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const button of document.querySelectorAll<HTMLElement>('.neuron-controls button')) {
      button.scrollIntoView({ block: 'center', inline: 'center' });
      const box = button.getBoundingClientRect();
      const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (top !== button) out.push(`${button.getAttribute('aria-label')}: covered by ${top?.tagName}.${top?.className}`);
      if (box.width < 24 || box.height < 24) out.push(`${button.getAttribute('aria-label')}: ${box.width} x ${box.height} px`);
    }
    const counts = [...document.querySelectorAll<HTMLElement>('.neuron-count')].map((e) => e.getBoundingClientRect());
    for (let i = 1; i < counts.length; i++) {
      const [a, b] = [counts[i - 1]!, counts[i]!];
      if (a.right > b.left + 0.5 && a.bottom > b.top + 0.5 && b.bottom > a.top + 0.5) out.push(`neuron counts ${i} and ${i + 1} overlap`);
    }
    window.scrollTo(0, 0);
    return out;
  });
}

async function pageSpills(page: Page): Promise<{ document: number; viewport: number; elements: string[] }> {
  const widths = await page.evaluate(() => ({ document: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth }));
  return { ...widths, elements: await overflowingElements(page) };
}

describe('the network diagram at 10 x 16 and the search switch', () => {
  const app = useBuiltApp();
  const contexts = useFreshContexts();
  let phone: Context;

  beforeAll(async () => {
    phone = await app.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  });

  it('grows to 10 layers of 16 neurons with the buttons, and shows every node on a desktop', async () => {
    const page = await app.newPage();
    await openApp(page, app.url, 'seed=0.5&networkShape=1&x=true&y=true');
    const text = TEXT.en;
    const addLayer = page.getByRole('button', { name: text.addLayer, exact: true });
    while (Number(await page.getByTestId('layer-count').textContent()) < LAYERS) {
      expect(await addLayer.isDisabled()).toBe(false);
      const before = Number(await page.getByTestId('layer-count').textContent());
      await addLayer.click();
      await expect.poll(async () => Number(await page.getByTestId('layer-count').textContent())).toBe(before + 1);
    }
    // The limit: the button stops at 10.
    expect(await addLayer.isDisabled()).toBe(true);
    for (let layer = 1; layer <= LAYERS; layer++) {
      const add = page.getByRole('button', { name: text.addNeuron(layer), exact: true });
      const count = page.getByTestId(`neurons-${layer}`);
      while (!(await add.isDisabled())) {
        const before = await count.textContent();
        await add.click();
        await expect.poll(() => count.textContent()).not.toBe(before);
      }
      expect(await count.textContent()).toBe(text.neurons);
    }
    await expect.poll(() => hashValue(page, 'networkShape')).toBe(DEEP);
    await waitForSnapshot(page);
    expect(await page.locator('.diagram .network-node').count()).toBe(LAYERS * NEURONS + 1);
    // Links are drawn (under the nodes: the nodes' hit test below finds the nodes).
    expect(await page.locator('.links path').count()).toBe(2 * NEURONS + (LAYERS - 1) * NEURONS * NEURONS + NEURONS);

    const spills = await pageSpills(page);
    expect(spills.document).toBeLessThanOrEqual(spills.viewport);
    expect(spills.elements).toEqual([]);
    expect(await page.getByTestId('diagram-box').evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);
    expect(await hiddenNodes(page)).toEqual([]);
    expect(await crowdedControls(page)).toEqual([]);
    // A node is 24 px at least; each layer's column of 16 fits 16 rows of nodes and gaps.
    const sizes = await page.locator('.diagram .network-node').evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect().width));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(24);
    await page.locator('.network-column').screenshot({ path: join(SHOTS, 'diagram-10x16-desktop.png') });
  });

  it.each(['en', 'ko'] as const)('keeps 10 x 16 inside a phone’s column, scrolling the diagram sideways (%s)', async (language) => {
    const context = language === 'en' ? phone : await contexts.open(app.browser, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true, locale: LOCALES.ko });
    const page = await app.newPage(context);
    await openApp(page, app.url, `seed=0.5&networkShape=${DEEP}&x=true&y=true`);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
    expect(await page.getByTestId('neurons-10').textContent()).toBe(TEXT[language].neurons);
    expect(await page.locator('.network').getAttribute('data-orientation')).toBe('vertical');
    const spills = await pageSpills(page);
    expect(spills.document, 'the page scrolls sideways').toBeLessThanOrEqual(spills.viewport);
    expect(spills.elements).toEqual([]);
    // The diagram's own box scrolls instead, inside the column.
    const box = await page.getByTestId('diagram-box').evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth, right: e.getBoundingClientRect().right }));
    expect(box.scroll).toBeGreaterThan(box.client);
    expect(box.right).toBeLessThanOrEqual(390);
    expect(await hiddenNodes(page)).toEqual([]);
    expect(await crowdedControls(page)).toEqual([]);
    await page.getByTestId('diagram-box').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, `diagram-10x16-phone-${language}.png`) });
  });

  it.each(['en', 'ko'] as const)('builds a student link without the network search (%s)', async (language) => {
    const context = await contexts.open(app.browser, { viewport: { width: 1400, height: 900 }, locale: LOCALES[language] });
    const page = await app.newPage(context);
    const text = TEXT[language];
    await openApp(page, app.url, 'dataset=xor&seed=0.31415');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
    await page.getByText(text.panel).click();
    const hide = page.getByRole('checkbox', { name: text.hideSearch, exact: true });
    expect(await hide.isChecked()).toBe(false);
    const linkHash = async () => parseHashText(new URL(await page.getByTestId('share-link').inputValue()).hash);
    expect((await linkHash()).get('search_hide')).toBeUndefined();
    await hide.check();
    await expect.poll(async () => (await linkHash()).get('search_hide')).toBe('true');
    expect(await page.getByTestId('link-sees-not').textContent()).toContain(text.search);
    // The teacher's own page keeps its search.
    expect(await page.getByRole('button', { name: text.search, exact: true }).count()).toBe(1);
    await page.getByTestId('classroom-panel').screenshot({ path: join(SHOTS, `classroom-hide-search-${language}.png`) });
    const link = await page.getByTestId('share-link').inputValue();

    const student = await app.newPage(context);
    await openApp(student, app.url, new URL(link).hash);
    expect(await student.getByRole('button', { name: text.search, exact: true }).count()).toBe(0);
    expect(await student.locator('#search').count()).toBe(0);

    // Unticked, the flag leaves the link.
    await hide.uncheck();
    await expect.poll(async () => (await linkHash()).get('search_hide')).toBeUndefined();
  });
});
