/**
 * The live learning-rate table: the record of table.ts, read from
 * localStorage when the lab opens and written back after every change, so a
 * reload keeps the student's guesses, own rates and the rates they ran.
 * Storage that is blocked, full or damaged is never an error: the table then
 * lives as long as the page.
 */
import { parseRate, type RateProblem } from '../bowl.js';
import {
  EMPTY_RECORD,
  TABLE_STORAGE_KEY,
  parseRecord,
  serializeRecord,
  tableRows,
  withGuess,
  withOwn,
  withRun,
  withoutOwn,
  type TableRecord,
  type TableRow,
} from './table.js';

export type TableStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** What adding an own rate did. */
export type AddResult =
  | { readonly kind: 'problem'; readonly reason: RateProblem }
  | { readonly kind: 'duplicate'; readonly rate: number }
  | { readonly kind: 'full' }
  | { readonly kind: 'added'; readonly rate: number };

/** localStorage, or undefined where it cannot even be looked at (some private modes). */
function browserStorage(): TableStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export interface LabTableOptions {
  /** Default: the page's localStorage. `null`: keep nothing. */
  readonly storage?: TableStorage | null;
  readonly key?: string;
}

export class LabTable {
  record = $state.raw<TableRecord>(EMPTY_RECORD);
  /**
   * The teacher's "Fill the whole table" (not stored: a reload shows the
   * student's own runs again). Rows show it only while answers are shown.
   */
  filledAll = $state(false);

  readonly #storage: TableStorage | undefined;
  readonly #key: string;

  constructor(options: LabTableOptions = {}) {
    this.#storage = options.storage === null ? undefined : (options.storage ?? browserStorage());
    this.#key = options.key ?? TABLE_STORAGE_KEY;
    this.record = this.#read();
  }

  /** The rows, with results for the rates run (and all of them once filled, if `answers`). */
  rows(answers: boolean): TableRow[] {
    return tableRows(this.record, answers && this.filledAll);
  }

  /** Remembers that the run of `rate` settled in the lab. */
  markRun(rate: number): void {
    this.#change(withRun(this.record, rate));
  }

  setGuess(rate: number, text: string): void {
    this.#change(withGuess(this.record, rate, text));
  }

  /** Adds a rate the student typed (a point or a comma as the decimal sign). */
  add(text: string): AddResult {
    const check = parseRate(text);
    if (!check.ok) return { kind: 'problem', reason: check.reason };
    const next = withOwn(this.record, check.rate);
    if (next === 'duplicate') return { kind: 'duplicate', rate: check.rate };
    if (next === 'full') return { kind: 'full' };
    this.#change(next);
    return { kind: 'added', rate: check.rate };
  }

  remove(rate: number): void {
    this.#change(withoutOwn(this.record, rate));
  }

  #read(): TableRecord {
    try {
      return parseRecord(this.#storage?.getItem(this.#key) ?? null);
    } catch {
      return EMPTY_RECORD;
    }
  }

  #change(next: TableRecord): void {
    if (next === this.record) return;
    this.record = next;
    try {
      this.#storage?.setItem(this.#key, serializeRecord(next));
    } catch {
      // Storage may be blocked or full; the table stays for as long as the page does.
    }
  }
}
