/**
 * "Search networks", in English and Korean: locked until the student has
 * trained a while, then a small search on XOR set through the page runs on
 * the worker pool to the end, marks a network under lesson 7's target, and
 * its "Open" link opens that network, which trains. It can be stopped; a
 * teacher's `search_hide=true` (or `answers=hide`) link has no search at all.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { switchLanguage } from '../src/course.js';
import { SHOTS, useBuiltApp } from '../src/session.js';
import { hashValue, openApp, playButton, readEpoch, readLosses } from '../src/playground.js';

const XOR = 'dataset=xor&seed=0.20260&noise=0&networkShape=4,2&activation=tanh&learningRate=0.03&batchSize=10&speed=max';

const TEXT = {
  en: {
    toggle: 'Search networks',
    start: 'Start search',
    stop: 'Stop search',
    layers: 'Most hidden layers',
    neurons: 'Most neurons per layer',
    seeds: 'Seeds per network',
    epochs: 'Epochs each',
    drop: ['Sigmoid', 'Linear'],
    open: 'Open',
    tool: 'Open the network search',
  },
  ko: {
    toggle: '신경망 탐색',
    start: '탐색 시작',
    stop: '탐색 멈추기',
    layers: '최대 은닉층 수',
    neurons: '층마다 최대 뉴런 수',
    seeds: '신경망마다 시드 수',
    epochs: '실행마다 에포크',
    drop: ['Sigmoid', '선형'],
    open: '열기',
    tool: '신경망 탐색 열기',
  },
} as const;

describe.each(['en', 'ko'] as const)('the network search (%s)', (language) => {
  const app = useBuiltApp();
  const text = TEXT[language];

  it('opens after some training, finds a network under the target on XOR and opens it', async () => {
    const page = await app.newPage();
    await openApp(page, app.url, XOR);
    if (language === 'ko') await switchLanguage(page, 'ko');

    const toggle = page.getByRole('button', { name: text.toggle, exact: true });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    // Locked: the student has not tried yet.
    await page.getByTestId('search-locked').waitFor();
    expect(await page.getByRole('button', { name: text.start, exact: true }).count()).toBe(0);

    // Trying: train the page's network until the search opens.
    const idle = await playButton(page).getAttribute('aria-label');
    await playButton(page).click();
    await expect.poll(() => readEpoch(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(300);
    await playButton(page).click();
    await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe(idle);
    await page.getByTestId('search-locked').waitFor({ state: 'detached' });

    // A small space: one layer of 1 to 4 ReLU or tanh neurons, rate 0.1, two seeds, 300 epochs.
    await page.getByRole('combobox', { name: text.layers }).selectOption('1');
    await page.getByRole('combobox', { name: text.neurons }).selectOption('4');
    for (const name of text.drop) await page.getByRole('checkbox', { name, exact: true }).setChecked(false);
    for (const rate of ['0.03', '0.3']) await page.getByRole('checkbox', { name: rate, exact: true }).setChecked(false);
    await page.getByRole('combobox', { name: text.seeds }).selectOption('2');
    await page.getByRole('combobox', { name: text.epochs }).selectOption('300');
    const candidates = 1 + 4 * 2;

    await page.getByRole('button', { name: text.start, exact: true }).click();
    const progress = page.getByTestId('search-progress');
    expect(await progress.getAttribute('max')).toBe(String(candidates));
    await expect
      .poll(() => page.getByTestId('search-status').getAttribute('data-state'), { timeout: 300_000 })
      .toBe('finished');
    expect(await progress.evaluate((p) => (p as HTMLProgressElement).value)).toBe(candidates);
    expect(await page.getByTestId('search-dot').count()).toBe(candidates);
    expect(await page.getByTestId('search-smallest').count()).toBeGreaterThan(0);

    // The smallest network that reached lesson 7's 0.177 is marked and listed first.
    const row = page.getByTestId('search-result').first();
    expect(await row.getAttribute('data-smallest')).toBe('true');
    expect(Number(await row.getAttribute('data-loss'))).toBeLessThanOrEqual(0.177);
    const shape = (await row.getAttribute('data-shape')) ?? '';
    const activation = await row.getAttribute('data-activation');
    await page.screenshot({ path: join(SHOTS, `search-${language}.png`), fullPage: true });

    // Open it: the page has that network, and trains it.
    await row.getByRole('link', { name: text.open, exact: true }).click();
    await expect.poll(() => hashValue(page, 'networkShape')).toBe(shape);
    expect(await hashValue(page, 'activation')).toBe(activation);
    expect(await hashValue(page, 'learningRate')).toBe('0.1');
    await expect.poll(() => readEpoch(page)).toBe(0);
    await playButton(page).click();
    await expect.poll(() => readEpoch(page), { timeout: 60_000 }).toBeGreaterThan(50);
    await playButton(page).click();
    const losses = await readLosses(page);
    expect(Number.isFinite(losses.test)).toBe(true);
  });

  it('leaves the page’s network training, and stops when asked, keeping what finished', async () => {
    const page = await app.newPage();
    // A recorded run would also open it; here the page's own training does.
    await openApp(page, app.url, XOR);
    if (language === 'ko') await switchLanguage(page, 'ko');
    await page.getByRole('button', { name: text.toggle, exact: true }).click();
    await playButton(page).click();
    await expect.poll(() => readEpoch(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(300);
    // The default space, 1,000 epochs a run: long enough to watch it run.
    await page.getByRole('combobox', { name: text.epochs }).selectOption('1000');
    await page.getByRole('button', { name: text.start, exact: true }).click();
    const stopButton = page.getByRole('button', { name: text.stop, exact: true });
    await stopButton.waitFor();
    // The page's own worker keeps training while the pool searches.
    const before = await readEpoch(page);
    await expect.poll(() => readEpoch(page), { timeout: 60_000 }).toBeGreaterThan(before + 100);
    const progress = page.getByTestId('search-progress');
    await expect.poll(() => progress.evaluate((p) => (p as HTMLProgressElement).value), { timeout: 120_000 }).toBeGreaterThan(0);
    expect(await stopButton.count()).toBe(1);
    await stopButton.click();
    await expect.poll(() => page.getByTestId('search-status').getAttribute('data-state')).toBe('stopped');
    const total = Number(await progress.getAttribute('max'));
    const done = await progress.evaluate((p) => (p as HTMLProgressElement).value);
    expect(done).toBeLessThan(total);
    expect(await page.getByRole('button', { name: text.start, exact: true }).isDisabled()).toBe(false);
  });

  it('is offered in lesson 7, and not on the page under a teacher link with search_hide=true or answers=hide', async () => {
    // Lesson 7's card opens the panel.
    const page = await app.newPage();
    await openApp(page, app.url, `${XOR}&lesson=7`);
    if (language === 'ko') await switchLanguage(page, 'ko');
    await page.getByRole('button', { name: text.tool, exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: text.toggle, exact: true }).getAttribute('aria-expanded')).toBe('true');
    await page.getByTestId('search-locked').waitFor();

    for (const flag of ['search_hide=true', 'answers=hide']) {
      const hidden = await app.newPage();
      await openApp(hidden, app.url, `${XOR}&lesson=7&${flag}`);
      if (language === 'ko') await switchLanguage(hidden, 'ko');
      await hidden.getByTestId('lesson-next').waitFor();
      expect(await hidden.getByRole('button', { name: text.toggle, exact: true }).count()).toBe(0);
      expect(await hidden.locator('#search').count()).toBe(0);
      expect(await hidden.getByTestId('search-tool').count()).toBe(0);
    }
  });
});
