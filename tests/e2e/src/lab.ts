/**
 * Helpers for the learning-rate lab (lessons 1 and 2): reading its table,
 * loading and running a rate, and what the bowl says each row should show
 * (computed here, in the test process, by the app's own bowl.ts).
 */
import type { Locator, Page } from './driver/index.js';
import { expect } from 'vitest';
import { LECTURE_RATES, descend, type Outcome } from '../../../apps/playground/src/lib/course/bowl.js';
import { TABLE_STORAGE_KEY } from '../../../apps/playground/src/lib/course/lab/table.js';
import { TEXTS, type Language } from './course.js';
import { readNumber } from './playground.js';

export { LECTURE_RATES, TABLE_STORAGE_KEY };

/** One row of the lab's table as the page shows it. */
export interface LabRow {
  rate: string;
  /** data-shown: whether the row shows its result. */
  shown: string;
  /** data-outcome ('' while not shown). */
  outcome: string;
  steps: string;
  word: string;
  guess: string;
}

/** The rows of the lab's table, top to bottom. */
export async function labRows(page: Page): Promise<LabRow[]> {
  return page.getByTestId('lab-row').evaluateAll((rows) =>
    rows.map((row) => ({
      rate: row.getAttribute('data-rate') ?? '',
      shown: row.getAttribute('data-shown') ?? '',
      outcome: row.getAttribute('data-outcome') ?? '',
      steps: (row.querySelector('[data-testid="lab-row-steps"]')?.textContent ?? '').trim(),
      word: (row.querySelector('[data-testid="lab-row-outcome"]')?.textContent ?? '').trim(),
      guess: (row.querySelector<HTMLInputElement>('[data-testid="lab-row-guess"]')?.value ?? ''),
    })),
  );
}

const OUTCOME_WORD = { converged: 'converged', diverged: 'diverged', 'not-converged': 'notConverged' } as const satisfies Record<Outcome, string>;

/** The row the bowl implies for `rate` once run: its update count (— unless converged) and outcome, in `language`. */
export function bowlRow(rate: number, language: Language, guess = ''): LabRow {
  const { steps, outcome } = descend(rate);
  return {
    rate: String(rate),
    shown: 'true',
    outcome,
    steps: outcome === 'converged' ? String(steps) : '—',
    word: TEXTS[language].lab.outcome[OUTCOME_WORD[outcome]],
    guess,
  };
}

/** A row not run yet: "?" and "?", no outcome in the page. */
export function unknownRow(rate: number, guess = ''): LabRow {
  return { rate: String(rate), shown: 'false', outcome: '', steps: '?', word: '?', guess };
}

/** The row of `rate` (as the table prints it). */
export function labRow(page: Page, rate: string): Locator {
  return page.locator(`[data-testid="lab-row"][data-rate="${rate}"]`);
}

/** Loads a rate into the lab with its row's button and waits until the lab starts over with it. */
export async function loadLabRate(page: Page, rate: string): Promise<void> {
  await labRow(page, rate).getByTestId('lab-row-load').click();
  await expect.poll(() => page.getByTestId('lab-rate').inputValue()).toBe(rate);
  await expect.poll(() => readNumber(page, 'lab-steps')).toBe(0);
}

/** Presses "Run to the end" and waits until the run has settled (the button has nothing left to do). */
export async function runLabToTheEnd(page: Page): Promise<void> {
  await page.getByTestId('lab-run').click();
  await expect.poll(() => page.getByTestId('lab-run').isEnabled(), { timeout: 15_000 }).toBe(false);
}

/** Presses "One step" once and waits for the update count to move by one. */
export async function labStep(page: Page): Promise<number> {
  const before = await readNumber(page, 'lab-steps');
  await page.getByTestId('lab-step').click();
  await expect.poll(() => readNumber(page, 'lab-steps')).toBe(before + 1);
  return before + 1;
}

/** Types a rate into the lab's "your own rate" box and presses Add. */
export async function addLabRate(page: Page, rate: string): Promise<void> {
  await page.getByTestId('lab-add-rate').fill(rate);
  await page.getByTestId('lab-add').click();
}
