/**
 * The Classes and Loss controls of the top bar, in English and Korean: three
 * classes turn TF's circle into rings and the data column into the four
 * data sets of several classes (drawn in the classes' colours), Spiral arms
 * is picked, and two classes bring TF's spiral back; a `loss=cross-entropy`
 * link shows in the Loss control, which only two classes offer; a teacher's
 * `classes_hide` and `loss_hide` hide them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from '../src/driver/index.js';
import { SHOTS, useBuiltApp } from '../src/session.js';
import { TF_DEFAULT_HASH, hashValue, openApp } from '../src/playground.js';
import { switchLanguage } from '../src/course.js';

const NAMES = {
  en: {
    classes: 'Classes',
    loss: 'Loss',
    crossEntropy: 'Cross-entropy (sigmoid)',
    squared: 'Squared error (tanh)',
    sets: { blobs: 'Data set: Blobs', arms: 'Data set: Spiral arms', rings: 'Data set: Rings', sectors: 'Data set: Sectors' },
    draw: 'Draw points',
    clear: 'Clear',
    drawClass: (n: number) => `Class ${n}`,
    drawCount: '3 points: class 1: 1, class 2: 0, class 3: 2',
  },
  ko: {
    classes: '클래스 수',
    loss: '손실 함수',
    crossEntropy: '교차 엔트로피 (sigmoid)',
    squared: '제곱 오차 (tanh)',
    sets: { blobs: '데이터 세트: 덩어리', arms: '데이터 세트: 나선 팔', rings: '데이터 세트: 고리', sectors: '데이터 세트: 부채꼴' },
    draw: '점 그리기',
    clear: '모두 지우기',
    drawClass: (n: number) => `클래스 ${n}`,
    drawCount: '점 3개: 클래스 1 1개, 클래스 2 0개, 클래스 3 2개',
  },
} as const;

/** The third class's colour (Okabe-Ito bluish green), which only a picture of 3 or more classes has. */
const THIRD_CLASS = [0x00, 0x9e, 0x73] as const;

/** Pixels of a canvas in the given colour. */
function pixelsOf(canvas: Locator, rgb: readonly [number, number, number]): Promise<number> {
  return canvas.evaluate((element, [r, g, b]) => {
    const c = element as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let count = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] === r && data[i + 1] === g && data[i + 2] === b) count++;
    return count;
  }, rgb);
}

describe('the Classes and Loss controls', () => {
  const app = useBuiltApp();
  let url: string;

  beforeAll(() => {
    url = app.url;
  });

  const combobox = (page: Page, name: string) => page.getByRole('combobox', { name, exact: true });

  it.each(['en', 'ko'] as const)('three classes show the four data sets of several classes; Spiral arms is picked (%s)', async (language) => {
    const names = NAMES[language];
    const page = await app.newPage();
    await openApp(page, url, TF_DEFAULT_HASH);
    await switchLanguage(page, language);
    const classes = combobox(page, names.classes);
    expect(await classes.inputValue()).toBe('2');
    expect(await combobox(page, names.loss).count()).toBe(1);
    // Two classes: TF's four data sets.
    for (const name of Object.values(names.sets)) expect(await page.getByRole('button', { name, exact: true }).count()).toBe(0);

    await classes.selectOption('3');
    await expect.poll(() => hashValue(page, 'classes')).toBe('3');
    // TF's circle became its kin of three classes.
    expect(await hashValue(page, 'dataset')).toBe('rings');
    for (const [set, name] of Object.entries(names.sets)) {
      const button = page.getByRole('button', { name, exact: true });
      expect(await button.count()).toBe(1);
      expect(await button.getAttribute('aria-pressed')).toBe(set === 'rings' ? 'true' : 'false');
      // Drawn with the classes' colours: the third class is there.
      await expect.poll(() => pixelsOf(button.locator('canvas'), THIRD_CLASS)).toBeGreaterThan(0);
    }
    expect(await page.getByTestId('dataset-circle').count()).toBe(0);
    // The loss is offered for two classes only.
    expect(await combobox(page, names.loss).count()).toBe(0);

    await page.getByRole('button', { name: names.sets.arms, exact: true }).click();
    await expect.poll(() => hashValue(page, 'dataset')).toBe('arms');
    expect(await page.getByRole('button', { name: names.sets.arms, exact: true }).getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: `${SHOTS}/classes-three-${language}.png` });

    // Drawing offers the three classes in their colours; new points carry the chosen class.
    await page.getByRole('button', { name: names.draw, exact: true }).click();
    const third = page.getByRole('radio', { name: names.drawClass(3), exact: true });
    expect(await page.getByRole('radio', { name: names.drawClass(1), exact: true }).count()).toBe(1);
    expect(await page.getByRole('radio', { name: names.drawClass(4), exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: names.clear, exact: true }).click();
    const map = page.getByTestId('draw-map');
    const box = (await map.boundingBox())!;
    const clickAt = (x: number, y: number) => map.click({ position: { x: ((x + 6) / 12) * box.width, y: ((6 - y) / 12) * box.height } });
    await third.click();
    await clickAt(2, 2);
    await clickAt(-2, 2);
    await page.getByRole('radio', { name: names.drawClass(1), exact: true }).click();
    await clickAt(0, -3);
    await expect.poll(() => page.getByTestId('draw-count').textContent()).toBe(names.drawCount);
    expect(await third.getAttribute('aria-checked')).toBe('false');
    await page.screenshot({ path: `${SHOTS}/classes-draw-${language}.png` });
    await page.getByRole('button', { name: names.draw, exact: true }).click();

    // Within 3..6 the data set stays; back to two it is TF's spiral again.
    await classes.selectOption('5');
    await expect.poll(() => hashValue(page, 'classes')).toBe('5');
    expect(await hashValue(page, 'dataset')).toBe('arms');
    await classes.selectOption('2');
    await expect.poll(() => hashValue(page, 'classes')).toBeUndefined();
    expect(await hashValue(page, 'dataset')).toBe('spiral');
    expect(await page.getByTestId('dataset-spiral').getAttribute('aria-pressed')).toBe('true');
    expect(await combobox(page, names.loss).count()).toBe(1);
  });

  it.each(['en', 'ko'] as const)('a loss=cross-entropy link shows in the Loss control (%s)', async (language) => {
    const names = NAMES[language];
    const page = await app.newPage();
    await openApp(page, url, `${TF_DEFAULT_HASH}&loss=cross-entropy`);
    await switchLanguage(page, language);
    const loss = combobox(page, names.loss);
    expect(await loss.inputValue()).toBe('cross-entropy');
    const options = await loss.evaluate((select) => Object.fromEntries([...(select as HTMLSelectElement).options].map((o) => [o.value, o.text])));
    expect(options).toEqual({ squared: names.squared, 'cross-entropy': names.crossEntropy });
    await page.screenshot({ path: `${SHOTS}/classes-loss-${language}.png` });
    // Back to TF's squared error: the link leaves the key out again.
    await loss.selectOption('squared');
    await expect.poll(() => hashValue(page, 'loss')).toBeUndefined();
  });

  it('hides both controls with classes_hide=true and loss_hide=true', async () => {
    const page = await app.newPage();
    await openApp(page, url, `${TF_DEFAULT_HASH}&classes_hide=true&loss_hide=true`);
    for (const testid of ['classes', 'loss']) {
      await expect.poll(() => page.getByTestId(testid).evaluate((e) => getComputedStyle(e.closest('label')!).display)).toBe('none');
    }
  });
});
