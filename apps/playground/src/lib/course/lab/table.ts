/**
 * The learning-rate table's record (the lecture's fill-in exercise): the
 * rates the student added, the rates they have run in the lab to the end,
 * and their guesses, as kept in localStorage; and the rows the table shows
 * from it. Pure functions, no DOM; table.svelte.ts holds the live copy.
 *
 * A row's result (updates to converge, outcome) is the bowl's own
 * (`descend`), shown only once the rate is in `run` (or the teacher has
 * filled the whole table); before that the table has nothing of it.
 */
import { LECTURE_RATES, checkRate, descend, type Outcome } from '../bowl.js';

/** Where the table's record is kept (localStorage). */
export const TABLE_STORAGE_KEY = 'nn-playground.lab.table';

/** At most this many rates of the student's own in the table. */
export const MAX_OWN = 20;
/** At most this many rates remembered as run (the oldest are forgotten first). */
export const MAX_RUN = 100;
/** A guess is cut to this many characters. */
export const MAX_GUESS_LENGTH = 40;

/** What the table keeps. Rates are numbers; guesses are keyed by `rateKey`. */
export interface TableRecord {
  /** The student's own rates, in the order added (none of LECTURE_RATES). */
  readonly own: readonly number[];
  /** Rates the student ran in the lab until the run settled, oldest first. */
  readonly run: readonly number[];
  /** The student's guess per rate, as typed (never blank). */
  readonly guesses: Readonly<Record<string, string>>;
}

export const EMPTY_RECORD: TableRecord = { own: [], run: [], guesses: {} };

/** The key of a rate in `guesses` (its shortest decimal form, as the table prints it). */
export function rateKey(rate: number): string {
  return String(rate);
}

/** A usable rate from storage, or undefined. */
function storedRate(value: unknown): number | undefined {
  if (typeof value !== 'number') return undefined;
  const check = checkRate(value);
  return check.ok && Number.isFinite(check.rate) ? check.rate : undefined;
}

/** Rates from storage: usable, each once, in order, at most `max` (the last ones kept). */
function storedRates(value: unknown, max: number, skip: readonly number[] = []): number[] {
  if (!Array.isArray(value)) return [];
  const rates: number[] = [];
  for (const item of value as unknown[]) {
    const rate = storedRate(item);
    if (rate === undefined || skip.includes(rate) || rates.includes(rate)) continue;
    rates.push(rate);
  }
  return rates.slice(-max);
}

/**
 * A guess as kept: as typed (so the field never changes under the student's
 * fingers), cut to MAX_GUESS_LENGTH characters; undefined when blank.
 */
export function cleanGuess(text: string): string | undefined {
  return text.trim() === '' ? undefined : text.slice(0, MAX_GUESS_LENGTH);
}

/**
 * Reads the stored record. Whatever is wrong with it (not JSON, not an
 * object, a field of the wrong type, a rate out of range, a guess that is
 * not text) is left out, field by field; the rest is kept. Never throws.
 */
export function parseRecord(raw: string | null): TableRecord {
  if (raw === null) return EMPTY_RECORD;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return EMPTY_RECORD;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return EMPTY_RECORD;
  const fields = parsed as Record<string, unknown>;
  const own = storedRates(fields.own, MAX_OWN, LECTURE_RATES);
  const run = storedRates(fields.run, MAX_RUN);
  const guesses: Record<string, string> = {};
  const stored = fields.guesses;
  if (typeof stored === 'object' && stored !== null && !Array.isArray(stored)) {
    const known = new Set([...LECTURE_RATES, ...own].map(rateKey));
    for (const [key, value] of Object.entries(stored as Record<string, unknown>)) {
      if (!known.has(key) || typeof value !== 'string') continue;
      const guess = cleanGuess(value);
      if (guess !== undefined) guesses[key] = guess;
    }
  }
  return { own, run, guesses };
}

export function serializeRecord(record: TableRecord): string {
  return JSON.stringify({ own: record.own, run: record.run, guesses: record.guesses });
}

/** One row of the table as shown. */
export interface TableRow {
  readonly rate: number;
  /** The rate as the table prints it. */
  readonly text: string;
  /** Added by the student (removable). */
  readonly own: boolean;
  /** The student's guess ('' when none). */
  readonly guess: string;
  /** The bowl's result, once the row may show it. */
  readonly result?: { readonly steps: number; readonly outcome: Outcome };
}

/**
 * The rows: the lecture's rates, then the student's own. A row shows its
 * result when its rate has been run, or when `fillAll` (the teacher's "Fill
 * the whole table", only ever true when answers are shown).
 */
export function tableRows(record: TableRecord, fillAll: boolean): TableRow[] {
  const row = (rate: number, own: boolean): TableRow => {
    const shown = fillAll || record.run.includes(rate);
    const base = { rate, text: rateKey(rate), own, guess: record.guesses[rateKey(rate)] ?? '' };
    if (!shown) return base;
    const { steps, outcome } = descend(rate);
    return { ...base, result: { steps, outcome } };
  };
  return [...LECTURE_RATES.map((r) => row(r, false)), ...record.own.map((r) => row(r, true))];
}

/** The record after the run of `rate` settled (remembered once; the newest last). */
export function withRun(record: TableRecord, rate: number): TableRecord {
  if (storedRate(rate) === undefined || record.run.includes(rate)) return record;
  return { ...record, run: [...record.run, rate].slice(-MAX_RUN) };
}

/** The record with the guess for `rate` set (an empty guess removes it). */
export function withGuess(record: TableRecord, rate: number, text: string): TableRecord {
  const guesses = { ...record.guesses };
  const guess = cleanGuess(text);
  if (guess === undefined) delete guesses[rateKey(rate)];
  else guesses[rateKey(rate)] = guess;
  return { ...record, guesses };
}

/** Why an own rate was not added. */
export type AddRefusal = 'duplicate' | 'full';

/** The record with `rate` added to the student's own, or why not. */
export function withOwn(record: TableRecord, rate: number): TableRecord | AddRefusal {
  if (LECTURE_RATES.includes(rate) || record.own.includes(rate)) return 'duplicate';
  if (record.own.length >= MAX_OWN) return 'full';
  return { ...record, own: [...record.own, rate] };
}

/** The record without the own rate `rate` (and its guess). */
export function withoutOwn(record: TableRecord, rate: number): TableRecord {
  if (!record.own.includes(rate)) return record;
  const guesses = { ...record.guesses };
  delete guesses[rateKey(rate)];
  return { ...record, own: record.own.filter((r) => r !== rate), guesses };
}
