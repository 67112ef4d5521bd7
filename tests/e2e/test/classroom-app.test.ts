/**
 * The teacher's classroom app, built into the site's classroom/ folder: real
 * hand-in files (made in Node with the real Trainer and @nn/records) go in
 * through the file input with a tampered copy, a damaged file and a second
 * file from the same student; every row is trained again in the page's
 * workers and gets its status; the grades file holds every row; everything
 * reads in Korean too.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HandInRow } from '@nn/records';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  handInOf,
  homeworkSpecs,
  nodeTrainer,
  progressOf,
  statusCounts,
  tempFolder,
  trainRow,
  writeHandIn,
} from '../src/classroom-app.js';
import type { Page } from '../src/driver/index.js';
import { SHOTS, useBuiltApp } from '../src/session.js';

interface Made {
  folder: string;
  kim: HandInRow[];
  lee: HandInRow[];
  files: string[];
}

/** The class's files: two students, a tampered copy, a second file from Kim, a damaged file. */
async function makeFiles(): Promise<Made> {
  const trainer = await nodeTrainer();
  try {
    const kim = homeworkSpecs('0.31415').map((spec) => trainRow(trainer, spec));
    const lee = homeworkSpecs('0.27182', 1.5).map((spec) => trainRow(trainer, spec));
    const folder = tempFolder('nn-classroom-');
    // Park's file claims a better XOR test loss than the run gives (in the table and the run's final numbers).
    const park = JSON.parse(JSON.stringify(lee)) as { testLoss: number; run: { final: { testLoss: number } } }[];
    park[1]!.testLoss = 0.0123;
    park[1]!.run.final.testLoss = 0.0123;
    const files = [
      writeHandIn(folder, 'kim.nnhandin.json', handInOf({ name: '김민지', number: '20261234' }, kim)),
      writeHandIn(folder, 'lee.nnhandin.json', handInOf({ name: 'Lee Jun', number: '20261235' }, lee)),
      writeHandIn(folder, 'park.nnhandin.json', handInOf({ name: 'Park Seo', number: '20261236' }, park as unknown as HandInRow[])),
      writeHandIn(folder, 'kim-again.nnhandin.json', handInOf({ name: '김민지', number: '20261234' }, lee.slice(0, 1))),
    ];
    // Kim's file cut off in the middle, as a download stopped short.
    const damaged = join(folder, 'damaged.nnhandin.json');
    const text = readFileSync(files[0]!, 'utf8');
    writeFileSync(damaged, text.slice(0, Math.floor(text.length / 2)));
    files.push(damaged);
    return { folder, kim, lee, files };
  } finally {
    trainer.dispose();
  }
}

function upload(page: Page, paths: readonly string[]): Promise<void> {
  return page.getByTestId('add-files').setInputFiles(
    paths.map((path) => ({ name: path.slice(path.lastIndexOf('/') + 1), mimeType: 'application/json', buffer: readFileSync(path) })),
  );
}

/** The rows of one file, as the table shows them: status attribute and the status cell's text. */
async function rowsOf(page: Page, file: string): Promise<{ status: string; text: string; duplicate: string }[]> {
  return page.locator(`[data-testid="class-row"][data-file="${file}"]`).evaluateAll((rows) =>
    rows.map((row) => ({
      status: row.getAttribute('data-status') ?? '',
      text: row.querySelector('[data-testid="status"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
      duplicate: row.getAttribute('data-duplicate') ?? '',
    })),
  );
}

describe('the classroom app', () => {
  const app = useBuiltApp();
  let made: Made;

  beforeAll(async () => {
    made = await makeFiles();
  });
  afterAll(() => rmSync(made.folder, { recursive: true, force: true }));

  it('checks a class: verified, does not match, rejected, handed in twice, and the grades file holds every row', async () => {
    const page = await app.newPage();
    await page.goto(app.classroomUrl);
    await expect.poll(() => page.title()).toBe('Classroom: check the homework');
    const input = page.getByLabel('Add hand-in files');
    expect(await input.getAttribute('multiple')).not.toBeNull();

    await upload(page, made.files);
    // 4 + 4 + 4 + 1 rows and one row for the damaged file.
    await expect.poll(() => progressOf(page)).toEqual({ done: 14, total: 14 });
    expect(await page.getByRole('progressbar', { name: 'Verification progress' }).count()).toBe(1);
    expect(await page.getByTestId('progress-text').textContent()).toBe('14 of 14 rows checked');
    expect(await statusCounts(page)).toEqual({ verified: 12, mismatch: 1, rejected: 1 });

    // Kim's and Lee's rows are verified, with the losses trained again (not marked as claims).
    for (const row of await rowsOf(page, 'kim.nnhandin.json')) expect(row).toEqual({ status: 'verified', text: 'verified', duplicate: 'true' });
    for (const row of await rowsOf(page, 'lee.nnhandin.json')) expect(row).toEqual({ status: 'verified', text: 'verified', duplicate: 'false' });
    expect(await page.locator('.claimed').count()).toBe(0);
    const kimXor = page.locator('[data-testid="class-row"][data-file="kim.nnhandin.json"]').nth(1);
    const shown = (value: number): string => value.toLocaleString('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 4 });
    expect((await kimXor.getByTestId('test-loss').textContent())?.trim()).toBe(shown(made.kim[1]!.testLoss));
    // Each row's optimizer, from its run (these runs name none: TF's SGD); the damaged file's row has none.
    const optimizers = await page.getByTestId('optimizer').allTextContents();
    expect(optimizers.filter((text) => text.trim() === 'SGD')).toHaveLength(13);
    expect(await page.getByRole('button', { name: 'Optimizer' }).count()).toBe(1);

    // Park's tampered XOR row does not match, and says where it departs; the table shows the replayed loss, not the claim.
    const park = await rowsOf(page, 'park.nnhandin.json');
    expect(park.map((row) => row.status)).toEqual(['verified', 'mismatch', 'verified', 'verified']);
    expect(park[1]!.text).toBe(
      `does not match first departs at epoch ${made.lee[1]!.epochs}: test loss claimed 0.0123, replayed ${made.lee[1]!.testLoss}`,
    );
    const parkXor = page.locator('[data-testid="class-row"][data-file="park.nnhandin.json"][data-status="mismatch"]');
    expect(await parkXor.getByTestId('test-loss').textContent()).not.toContain('0.0123');

    // The damaged file is one refused row with the reason.
    expect(await rowsOf(page, 'damaged.nnhandin.json')).toEqual([
      { status: 'rejected', text: 'rejected The file ends too early: it was cut off while saving or copying.', duplicate: 'false' },
    ]);

    // Kim handed in twice: both of Kim's files are flagged, nobody else.
    expect(await page.getByTestId('duplicate').count()).toBe(5);
    expect((await rowsOf(page, 'kim-again.nnhandin.json'))[0]!.duplicate).toBe('true');
    expect(await page.getByTestId('duplicate').first().textContent()).toBe('handed in twice');

    // A row opens its run in the playground beside the app.
    const open = page.getByRole('link', { name: 'Open Lee Jun’s Spiral run in the playground' });
    const href = await open.getAttribute('href');
    expect(href).toMatch(/^\.\.\/index\.html#.*dataset=spiral.*&run=[A-Za-z0-9_-]+$/);

    // The pictures are there, with names.
    expect(await page.getByRole('img', { name: /^Test loss after training again, one dot per row, by data set/ }).count()).toBe(1);
    expect(await page.getByRole('img', { name: /^Test loss \(log scale\) against network size/ }).count()).toBe(1);

    // The grades file: a header and one line per row, Korean names intact.
    const grades = await page.download(() => page.getByRole('button', { name: 'Download grades (CSV)' }).click());
    expect(grades.name).toMatch(/^grades-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(grades.text.startsWith('\uFEFF')).toBe(true);
    const lines = grades.text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(15);
    expect(lines[0]).toMatch(/^Name,Student number,File,Data set,/);
    expect(lines.filter((line) => line.startsWith('김민지,20261234,'))).toHaveLength(5);
    expect(lines.filter((line) => line.includes(',verified,'))).toHaveLength(12);
    expect(lines.filter((line) => line.includes(',does not match,"first departs at epoch '))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('damaged.nnhandin.json') && line.includes(',rejected,'))).toHaveLength(1);

    await page.screenshot({ path: join(SHOTS, 'classroom-app.png'), fullPage: true });
  });

  it('sorts, filters and reads in Korean', async () => {
    const page = await app.newPage();
    await page.goto(app.classroomUrl);
    await upload(page, made.files);
    await expect.poll(() => progressOf(page)).toEqual({ done: 14, total: 14 });

    // Sorting by test loss: the header's button, aria-sort on its cell, the rows in order.
    await page.getByRole('button', { name: 'Test loss' }).click();
    const header = page.locator('thead th').filter({ hasText: /^Test loss/ });
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    const losses = async () =>
      page.getByTestId('test-loss').evaluateAll((cells) => cells.map((c) => c.textContent?.trim() ?? '').filter(Boolean).map(Number));
    const ascending = await losses();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await page.getByRole('button', { name: 'Test loss' }).click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    const descending = await losses();
    expect(descending).toEqual([...descending].sort((a, b) => b - a));

    // Filtering by status and by a student's name.
    await page.getByTestId('filter-status').selectOption('mismatch');
    await expect.poll(() => page.getByTestId('class-row').count()).toBe(1);
    await page.getByTestId('filter-status').selectOption('all');
    await page.getByTestId('filter-text').fill('lee');
    await expect.poll(() => page.getByTestId('class-row').count()).toBe(4);
    await page.getByTestId('filter-text').fill('');
    await expect.poll(() => page.getByTestId('class-row').count()).toBe(14);

    // 한국어: the same table in Korean, every key translated.
    await page.getByRole('button', { name: '한국어' }).click();
    await expect.poll(() => page.title()).toBe('교실: 과제 확인');
    expect(await page.getByLabel('제출 파일 추가').count()).toBe(1);
    expect(await page.getByTestId('progress-text').textContent()).toBe('전체 14행 중 14행 확인');
    const statuses = await page.getByTestId('status').allTextContents();
    expect(statuses.filter((s) => s.includes('확인됨'))).toHaveLength(12);
    expect(statuses.filter((s) => s.includes('일치하지 않음') && s.includes('처음 어긋난 곳'))).toHaveLength(1);
    expect(statuses.filter((s) => s.includes('거부됨') && s.includes('파일이 중간에 끊겼습니다'))).toHaveLength(1);
    expect(await page.getByTestId('duplicate').first().textContent()).toBe('두 번 제출');
    const grades = await page.download(() => page.getByRole('button', { name: '성적 내려받기 (CSV)' }).click());
    expect(grades.text.slice(1).split('\r\n')[0]).toMatch(/^이름,학번,파일,데이터 세트,/);
    expect(await page.evaluate(() => document.documentElement.dataset.i18nMissing)).toBeUndefined();
    await page.screenshot({ path: join(SHOTS, 'classroom-app-ko.png'), fullPage: true });
  });
});
