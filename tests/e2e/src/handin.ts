/**
 * A student's hand-in, driven in the built playground: the four homework
 * rows recorded (two blobs, XOR, circle and spiral at 70% / noise 20, from
 * the homework lesson's presets, trained a fixed number of epochs with Step
 * so the run never depends on speed or time), the name and number typed in,
 * and the hand-in file downloaded. Works in either language (test ids only),
 * so the classroom app's tests can start from a real student's file.
 */
import { expect } from 'vitest';
import type { Download, Page } from './driver/index.js';
import { download, lessonNumber, openLesson, presetOf, applyPreset, stepOnce } from './course.js';

/** The homework table's data sets, in the lecture's order. */
export const HOMEWORK_DATASETS = ['gauss', 'xor', 'circle', 'spiral'] as const;

export interface Student {
  readonly name: string;
  readonly number: string;
}

export interface HandInOptions {
  /** Epochs each row trains with Step (default 3): small, so the four rows take seconds. */
  readonly epochs?: number;
}

/** Records the current run with "Record" and waits until the log holds one more row. */
export async function recordRun(page: Page): Promise<void> {
  const before = await page.getByTestId('log-row').count();
  await expect.poll(() => page.getByTestId('record').isEnabled()).toBe(true);
  await page.getByTestId('record').click();
  await expect.poll(() => page.getByTestId('log-row').count()).toBe(before + 1);
}

/** Types the student's name and number into the homework view (kept in the browser). */
export async function typeStudent(page: Page, student: Student): Promise<void> {
  await page.getByTestId('handin-name').fill(student.name);
  await page.getByTestId('handin-number').fill(student.number);
}

/**
 * On a page showing the course (see openCourse), in any language: opens the
 * homework lesson and records one run per homework data set, each from its
 * preset and `epochs` presses of Step.
 */
export async function recordHomeworkRows(page: Page, { epochs = 3 }: HandInOptions = {}): Promise<void> {
  const homework = lessonNumber('homework');
  await openLesson(page, homework);
  for (const dataset of HOMEWORK_DATASETS) {
    await applyPreset(page, presetOf(homework, dataset));
    for (let k = 0; k < epochs; k++) await stepOnce(page);
    await recordRun(page);
    const row = page.locator(`[data-testid="homework-row"][data-dataset="${dataset}"]`);
    await expect.poll(() => row.getAttribute('data-meets')).not.toBe('none');
  }
}

/** Clicks "Download hand-in file" and returns the file the browser saved (its name and text). */
export function downloadHandIn(page: Page): Promise<Download> {
  return download(page, 'handin-download');
}

/**
 * Records the four homework rows, types the name and number, downloads the
 * hand-in file and returns its text. The page must show the course (after
 * openCourse), in either language.
 */
export async function recordHomeworkAndDownload(page: Page, student: Student, options: HandInOptions = {}): Promise<string> {
  await recordHomeworkRows(page, options);
  await typeStudent(page, student);
  const file = await downloadHandIn(page);
  return file.text;
}
