/**
 * From a student to the teacher, on a school's plain-http server (an
 * insecure context): a student records the four homework rows in the
 * playground and downloads the hand-in file; the teacher adds it to the
 * classroom app with a tampered copy (one loss changed), a damaged file and
 * the same student's second hand-in: verified, does not match, rejected and
 * the "handed in twice" flag; the grades file holds the rows; a verified row
 * opens its run in the playground, replayed exactly.
 */
import { Buffer } from 'node:buffer';
import { join } from 'node:path';
import type { PreviewServer } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseHandIn, type HandIn } from '../../../packages/records/src/index.js';
import { currentBrowserName, launchBrowser, serveBuiltApp, watchErrors } from '../src/browser.js';
import { CLASSROOM_PATH, progressOf, statusCounts } from '../src/classroom-app.js';
import { openCourse } from '../src/course.js';
import type { Browser, Page } from '../src/driver/index.js';
import { recordHomeworkAndDownload } from '../src/handin.js';
import { readEpoch, readLosses } from '../src/playground.js';
import { DESKTOP, SHOTS } from '../src/session.js';

/** A name that resolves to 127.0.0.1 but is not localhost: plain http on a school server. */
const SCHOOL_HOST = 'school.test';
const STUDENT = { name: '김민지', number: '20261234' };

describe('a hand-in, from the student to the teacher', () => {
  let browser: Browser;
  let server: PreviewServer;
  let url: string;
  let opened: { page: Page; errors: string[] }[] = [];

  async function newPage(): Promise<Page> {
    const page = await browser.newPage(DESKTOP);
    opened.push({ page, errors: watchErrors(page) });
    return page;
  }

  beforeAll(async () => {
    const served = await serveBuiltApp({ allowedHosts: [SCHOOL_HOST] });
    server = served.server;
    url = served.url.replace('127.0.0.1', SCHOOL_HOST);
    browser = await launchBrowser(currentBrowserName(), { loopbackHosts: [SCHOOL_HOST] });
  });

  afterEach(async () => {
    const errors = opened.flatMap(({ errors }) => errors);
    await Promise.all(opened.map(({ page }) => page.close()));
    opened = [];
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is verified in the classroom app; a tampered copy, a damaged file and a second hand-in are caught; a row reopens its run exactly', async () => {
    // The student, in the playground.
    const student = await newPage();
    await openCourse(student, url);
    expect(await student.evaluate(() => window.isSecureContext)).toBe(false);
    const text = await recordHomeworkAndDownload(student, STUDENT);
    const parsed = parseHandIn(text);
    if (!parsed.ok) throw new Error(`the student's file was refused: ${parsed.reason.message}`);
    const handIn: HandIn = parsed.handIn;
    expect(handIn.rows.map((row) => row.dataset)).toEqual(['gauss', 'xor', 'circle', 'spiral']);

    // What reaches the teacher: the file, a copy with one loss changed, a damaged file, a second hand-in.
    const tampered = JSON.parse(text) as { rows: { testLoss: number }[] };
    tampered.rows[2]!.testLoss = Number((tampered.rows[2]!.testLoss / 2).toFixed(4));
    const again = JSON.parse(text) as { submittedAt: string };
    again.submittedAt = new Date(Date.parse(handIn.submittedAt) + 60_000).toISOString();
    const rowsAt = text.indexOf('"rows"');
    const damaged = `${text.slice(0, rowsAt)}${text.slice(rowsAt).replace('{', '!')}`;
    const files = [
      { name: 'kim.nnhandin.json', text },
      { name: 'kim-tampered.nnhandin.json', text: JSON.stringify(tampered) },
      { name: 'kim-damaged.nnhandin.json', text: damaged },
      { name: 'kim-again.nnhandin.json', text: JSON.stringify(again) },
    ];

    // The teacher, in the classroom app on the same server.
    const teacher = await newPage();
    await teacher.goto(`${url}${CLASSROOM_PATH}`);
    expect(await teacher.evaluate(() => window.isSecureContext)).toBe(false);
    await teacher.getByLabel('Add hand-in files').setInputFiles(
      files.map((file) => ({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) })),
    );
    await expect.poll(() => progressOf(teacher)).toEqual({ done: 13, total: 13 });
    expect(await statusCounts(teacher)).toEqual({ verified: 11, mismatch: 1, rejected: 1 });
    const row = (file: string, more = '') => teacher.locator(`[data-testid="class-row"][data-file="${file}"]${more}`);
    expect(await row('kim.nnhandin.json').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))).toEqual([
      'verified',
      'verified',
      'verified',
      'verified',
    ]);
    const mismatch = row('kim-tampered.nnhandin.json', '[data-status="mismatch"]');
    expect(await mismatch.getAttribute('data-dataset')).toBe('circle');
    expect(await mismatch.getByTestId('status').textContent()).toContain(
      `first departs at epoch ${handIn.rows[2]!.epochs}: test loss claimed ${tampered.rows[2]!.testLoss}, replayed ${handIn.rows[2]!.testLoss}`,
    );
    expect(await row('kim-damaged.nnhandin.json').getAttribute('data-status')).toBe('rejected');
    expect(await row('kim-damaged.nnhandin.json').getByTestId('status').textContent()).toContain('not readable');
    // The same student handed in three readable files: every one of their rows is flagged.
    expect(await teacher.getByTestId('duplicate').count()).toBe(12);

    // The grades file: a header and one line per row.
    const grades = await teacher.download(() => teacher.getByRole('button', { name: 'Download grades (CSV)' }).click());
    const lines = grades.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(14);
    expect(lines.filter((line) => line.startsWith('김민지,20261234,kim.nnhandin.json,') && line.includes(',verified,'))).toHaveLength(4);
    expect(lines.filter((line) => line.includes(',does not match,'))).toHaveLength(1);
    await teacher.screenshot({ path: join(SHOTS, 'handin-classroom.png'), fullPage: true });

    // A verified row opens its run in the playground beside the app, replayed exactly.
    const spiral = handIn.rows[3]!;
    const link = row('kim.nnhandin.json', '[data-dataset="spiral"]').getByRole('link');
    const href = await link.getAttribute('href');
    expect(href).toBeTruthy();
    const playground = await newPage();
    await playground.goto(new URL(href!, teacher.url()).href);
    const notices = playground.getByTestId('notice');
    await expect.poll(() => notices.filter({ hasText: 'Replayed exactly' }).count()).toBe(1);
    await expect.poll(() => readEpoch(playground)).toBe(spiral.epochs);
    expect(await readLosses(playground)).toEqual({
      train: Number(spiral.trainLoss.toFixed(3)),
      test: Number(spiral.testLoss.toFixed(3)),
    });
  });
});
