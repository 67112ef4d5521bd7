/**
 * A lesson's preset in WebKit: one click in the lesson panel sets the whole
 * playground (URL hash and every control) to the exercise, Back undoes it, and
 * the preset's link opens its lesson. The lessons and their English texts are
 * the app's own (imported from its source), so the test follows them.
 */
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../../apps/playground/src/lib/course/lessons.js';
import enLessons from '../../../apps/playground/src/lib/i18n/en/lessons.js';
import type { WebKitPage } from '../src/page.js';
import { parseHash } from '../src/page.js';
import { useWebKit } from '../src/session.js';
import { settingsOfHash as sharedSettingsOfHash } from '@nn/e2e/src/shared.js';

/** The homework lesson's spiral preset: it changes nearly every setting, and switches the stop condition on. */
const lesson = LESSONS.find((l) => l.id === 'homework')!;
const preset = lesson.presets.find((p) => p.key === 'spiral')!;
const label = enLessons.homework.presets.spiral;

/** What the playground's controls show, in the hash's spelling. */
async function shownSettings(page: WebKitPage): Promise<Record<string, string>> {
  return page.driver.executeScript<Record<string, string>>(() => {
    const value = (id: string): string =>
      (document.querySelector(`[data-testid="${id}"]`) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '';
    const layers = Number(document.querySelector('[data-testid="layer-count"]')?.textContent?.trim());
    const neurons: string[] = [];
    for (let l = 1; l <= layers; l++) {
      neurons.push((document.querySelector(`[data-testid="neurons-${l}"]`)?.textContent ?? '').replace(/\D+/g, ''));
    }
    const datasets = [...document.querySelectorAll('[data-testid^="dataset-"][aria-pressed="true"]')].map((b) =>
      b.getAttribute('data-testid')!.slice('dataset-'.length),
    );
    return {
      learningRate: value('learning-rate'),
      activation: value('activation'),
      regularization: value('regularization'),
      problem: value('problem'),
      speed: value('speed'),
      engine: value('engine-select'),
      percTrainData: value('ratio'),
      noise: value('noise'),
      batchSize: value('batch-size'),
      networkShape: neurons.join(','),
      dataset: datasets.join(' '),
    };
  });
}

/** The same settings as a hash gives them. */
/** The settings a preset's hash gives, with the engine, which this page's controls show too. */
function settingsOfHash(hash: string): Record<string, string> {
  return { ...sharedSettingsOfHash(hash), engine: parseHash(hash).get('engine') ?? '' };
}

describe('a lesson preset in WebKit (MiniBrowser)', () => {
  const webkit = useWebKit();

  it(`lesson ${lesson.number}'s "${label}" preset sets the hash and every control, and Back undoes it`, async () => {
    const page = await webkit.open();
    await page.goto(`${webkit.url}#seed=0.31415`);
    await page.waitForSnapshot();
    // Train one epoch first, so "epoch 0" below means the preset started afresh.
    await page.step();
    const before = await page.hashText();
    const settingsBefore = await shownSettings(page);
    expect(settingsBefore).toEqual(settingsOfHash(before));

    await (await page.byTestId(`lesson-${lesson.number}`)).click();
    await expect.poll(() => page.attribute('lesson', 'data-lesson')).toBe(lesson.id);
    expect(await page.text('lesson-title')).toBe(enLessons.homework.title);
    const button = await page.byTestId(`preset-${preset.key}`);
    expect((await button.getText()).trim()).toBe(label);

    // The button may sit below the fold of the lesson column, which scrolls on its own; WebKit's
    // driver does not scroll such an inner box to reach it, so bring it into view first.
    await page.driver.executeScript('arguments[0].scrollIntoView({ block: "center" })', button);
    await button.click();
    await expect.poll(() => page.hashText(), { message: 'the hash is not the preset’s' }).toBe(preset.hash);
    await expect.poll(() => page.text('preset-applied')).toContain(`“${label}”`);
    await expect.poll(() => page.epoch()).toBe(0);
    await page.waitForSnapshot();

    // Every control shows the preset's setting.
    const expected = settingsOfHash(preset.hash);
    expect(expected.dataset).toBe('spiral');
    await expect.poll(() => shownSettings(page)).toEqual(expected);
    // The homework presets switch "Pause when both losses are below" on, at the hash's value.
    const stopBelow = parseHash(preset.hash).get('stopBelow');
    expect(stopBelow).toBe('0.1');
    expect(await page.driver.executeScript<boolean>(() => (document.querySelector('[data-testid="stop-target"]') as HTMLInputElement).checked)).toBe(true);
    expect(await page.value('stop-value')).toBe(stopBelow);
    expect(await page.playLabel()).toBe('Play');

    // The maps are drawn for the preset's network: 6 + 2 hidden neurons and the output.
    const map = await page.decisionMap();
    expect(map.transparent).toBe(0);
    expect(map.colours, 'the decision map is blank').toBeGreaterThan(3);
    await expect.poll(async () => (await page.nodeMaps()).length).toBe(9);
    for (const [k, node] of (await page.nodeMaps()).entries()) expect(node.colours, `node map ${k} is blank`).toBeGreaterThan(3);

    // Back returns to the setup before the preset.
    await page.driver.navigate().back();
    await expect.poll(() => page.hashText()).toBe(before);
    await expect.poll(() => shownSettings(page)).toEqual(settingsBefore);
  });

  it('the preset’s link opens its lesson and its setup', async () => {
    const page = await webkit.open();
    await page.goto(`${webkit.url}#${preset.hash}`);
    await page.waitForSnapshot();
    expect(await page.attribute('lesson', 'data-lesson')).toBe(lesson.id);
    expect(await page.hashText()).toBe(preset.hash);
    expect(await shownSettings(page)).toEqual(settingsOfHash(preset.hash));
  });
});
