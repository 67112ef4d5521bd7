/**
 * The Optimizer control in the top bar: on a TensorFlow Playground link,
 * choosing Adam shows its settings, training under it lowers the test loss,
 * the link carries `optimizer=adam` and a reload keeps it; in Korean the
 * control and its settings have their Korean names. Swish, one of the new
 * activations, trains and every map draws, in both languages.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../src/driver/index.js';
import { SHOTS, useBuiltApp } from '../src/session.js';
import { TF_DEFAULT_HASH, canvasStats, hashValue, offScalePixels, openApp, pause, play, playButton, readEpoch, readLosses } from '../src/playground.js';
import { TEXTS, switchLanguage } from '../src/course.js';

const NAMES = {
  en: { optimizer: 'Optimizer', momentum: 'Momentum', adam: 'Adam' },
  ko: { optimizer: '옵티마이저', momentum: '모멘텀', adam: 'Adam' },
} as const;

describe('the Optimizer control', () => {
  const app = useBuiltApp();
  let url: string;

  beforeAll(() => {
    url = app.url;
  });

  const select = (page: Page, language: 'en' | 'ko') => page.getByRole('combobox', { name: NAMES[language].optimizer, exact: true });

  it('trains a TF link with Adam, which the link keeps through a reload', async () => {
    const page = await app.newPage();
    await openApp(page, url, TF_DEFAULT_HASH);
    await switchLanguage(page, 'en');
    expect(await select(page, 'en').inputValue()).toBe('sgd');
    // SGD has no settings to show.
    expect(await page.getByRole('spinbutton', { name: 'beta1', exact: true }).count()).toBe(0);
    await select(page, 'en').selectOption('adam');
    await expect.poll(() => hashValue(page, 'optimizer')).toBe('adam');
    for (const name of ['beta1', 'beta2', 'epsilon']) expect(await page.getByRole('spinbutton', { name, exact: true }).count()).toBe(1);
    expect(await page.getByRole('spinbutton', { name: 'Momentum', exact: true }).count()).toBe(0);
    // A changed setting goes into the link; the defaults stay out of it.
    expect(await hashValue(page, 'beta2')).toBeUndefined();
    await page.getByRole('spinbutton', { name: 'beta2', exact: true }).fill('0.99');
    await page.getByRole('spinbutton', { name: 'beta2', exact: true }).press('Tab');
    await expect.poll(() => hashValue(page, 'beta2')).toBe('0.99');

    const before = (await readLosses(page)).test;
    await play(page);
    await expect.poll(async () => (await readLosses(page)).test, { timeout: 60_000 }).toBeLessThan(before - 0.05);
    await pause(page);
    await page.screenshot({ path: `${SHOTS}/optimizer-adam.png` });

    await page.reload();
    await expect.poll(() => select(page, 'en').inputValue()).toBe('adam');
    expect(await page.getByRole('spinbutton', { name: 'beta2', exact: true }).inputValue()).toBe('0.99');
    expect(await hashValue(page, 'optimizer')).toBe('adam');
  });

  it('has its Korean names, and shows Momentum only for momentum', async () => {
    const page = await app.newPage();
    await openApp(page, url, TF_DEFAULT_HASH);
    await switchLanguage(page, 'ko');
    await select(page, 'ko').selectOption('momentum');
    await expect.poll(() => hashValue(page, 'optimizer')).toBe('momentum');
    expect(await page.getByRole('spinbutton', { name: NAMES.ko.momentum, exact: true }).inputValue()).toBe('0.9');
    expect(await select(page, 'ko').locator('option[value="momentum"]').textContent()).toBe(NAMES.ko.momentum);
    expect(await page.getByRole('spinbutton', { name: 'beta1', exact: true }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/optimizer-momentum-ko.png` });
  });

  it('is hidden by optimizer_hide=true', async () => {
    const page = await app.newPage();
    await openApp(page, url, `${TF_DEFAULT_HASH}&optimizer_hide=true`);
    await expect.poll(() => page.getByTestId('optimizer-controls').evaluate((e) => getComputedStyle(e).display)).toBe('none');
  });

  it.each(['en', 'ko'] as const)('trains with swish and draws every map (%s)', async (language) => {
    const page = await app.newPage();
    await openApp(page, url, TF_DEFAULT_HASH);
    // The language is remembered from test to test: set it either way.
    await switchLanguage(page, language);
    const activation = page.getByTestId('activation');
    const names = await activation.evaluate((select) => Object.fromEntries([...(select as HTMLSelectElement).options].map((o) => [o.value, o.text])));
    expect(names).toMatchObject(
      language === 'en'
        ? { leakyrelu: 'Leaky ReLU', elu: 'ELU', swish: 'Swish (SiLU)', sine: 'Sine' }
        : { leakyrelu: '리키 ReLU', elu: 'ELU', swish: '스위시(SiLU)', sine: '사인' },
    );
    await activation.selectOption('swish');
    await expect.poll(() => hashValue(page, 'activation')).toBe('swish');
    const before = (await readLosses(page)).train;
    await playButton(page).click();
    await expect.poll(() => readEpoch(page)).toBeGreaterThan(30);
    await expect.poll(async () => (await readLosses(page)).train, { timeout: 60_000 }).toBeLessThan(before - 0.05);
    await playButton(page).click();
    await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe(TEXTS[language].common.topBar.play);
    const nodes = page.locator('[data-testid^="node-"] canvas');
    expect(await nodes.count()).toBe(4 + 2 + 1);
    for (const canvas of await nodes.all()) {
      const { total, off } = await offScalePixels(canvas);
      expect(total).toBe(50 * 50);
      expect(off).toBe(0);
      // Drawn: more than one colour, nothing left transparent.
      const stats = await canvasStats(canvas);
      expect(stats.transparent).toBe(0);
      expect(stats.colours).toBeGreaterThan(1);
    }
    await page.screenshot({ path: `${SHOTS}/activation-swish-${language}.png` });
  });
});
