import { describe, expect, it } from 'vitest';
import { hashValue, openApp, readEpoch, readNumber, step } from '../src/playground.js';
import { useBuiltApp } from '../src/session.js';

/** Two clusters a straight line separates, as a user's CSV file. */
function clustersCsv(): string {
  const lines = ['x,y,label'];
  for (let i = 0; i < 80; i++) {
    const side = i % 2 ? 1 : -1;
    lines.push(`${(side * (2 + (i % 5) * 0.5)).toFixed(2)},${((i % 9) - 4).toFixed(2)},${side}`);
  }
  return lines.join('\n') + '\n';
}

describe('a user imports their own points', () => {
  const app = useBuiltApp();

  it('trains on an imported CSV, refuses a broken file without losing anything, and goes back', async () => {
    const page = await app.newPage();
    await openApp(page, app.url, 'dataset=spiral&seed=0.5&networkShape=3');
    const file = page.getByTestId('import-file');

    await file.setInputFiles({ name: 'clusters.csv', mimeType: 'text/csv', buffer: Buffer.from(clustersCsv()) });
    await expect.poll(() => page.getByTestId('imported').textContent()).toContain('clusters.csv, 80 points (classification)');
    expect(await page.getByTestId('dataset-spiral').getAttribute('aria-pressed')).toBe('false');
    expect(await page.getByTestId('noise').isDisabled()).toBe(true);
    expect(await readEpoch(page)).toBe(0);
    // 50% of 80 points train; the separable clusters are learned within a few dozen epochs
    // (how many depends on the first weights, which a new import draws at random).
    const accuracy = async () => parseFloat((await page.getByTestId('train-accuracy').textContent()) ?? '');
    for (let i = 0; i < 60 && (await accuracy()) <= 90; i++) await step(page);
    expect(await accuracy()).toBeGreaterThan(90);
    const epoch = await readEpoch(page);
    const loss = await readNumber(page, 'train-loss');

    // A broken file: a clear message with the line at fault; the run is untouched.
    await file.setInputFiles({
      name: 'broken.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('x,y,label\n1,2,1\n3,oops,-1\n'),
    });
    await expect.poll(() => page.getByTestId('notice').allTextContents()).toContainEqual(
      expect.stringMatching(/broken\.csv.*[Ll]ine 3.*Nothing was changed/),
    );
    expect(await readEpoch(page)).toBe(epoch);
    expect(await readNumber(page, 'train-loss')).toBe(loss);
    expect(await page.getByTestId('imported').textContent()).toContain('clusters.csv');

    // The points come back out as CSV and read back in as the same points.
    const download = await page.download(() => page.getByTestId('download-points').click());
    expect(download.name).toBe('clusters-points.csv');
    const saved = download.text;
    const rows = saved.trim().split('\n');
    expect(rows[0]).toBe('x,y,label');
    expect(rows).toHaveLength(81);
    const original = clustersCsv().trim().split('\n').slice(1).map((r) => r.split(',').map(Number).join(','));
    expect(rows.slice(1).map((r) => r.split(',').map(Number).join(',')).sort()).toEqual(original.sort());

    // A thumbnail brings back generated data.
    await page.getByTestId('dataset-circle').click();
    await expect.poll(() => page.getByTestId('imported').count()).toBe(0);
    expect(await hashValue(page, 'dataset')).toBe('circle');
    expect(await page.getByTestId('noise').isDisabled()).toBe(false);
  });
});
