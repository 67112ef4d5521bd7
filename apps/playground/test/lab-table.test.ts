import { describe, expect, it } from 'vitest';
import { LECTURE_RATES, descend } from '../src/lib/course/bowl.js';
import { LabRun, type Frames } from '../src/lib/course/lab/run.svelte.js';
import {
  EMPTY_RECORD,
  MAX_GUESS_LENGTH,
  MAX_OWN,
  MAX_RUN,
  TABLE_STORAGE_KEY,
  parseRecord,
  serializeRecord,
  tableRows,
  withGuess,
  withOwn,
  withRun,
  withoutOwn,
  type TableRow,
} from '../src/lib/course/lab/table.js';
import { LabTable, type TableStorage } from '../src/lib/course/lab/table.svelte.js';

/** localStorage's behaviour on a Map. */
class MemoryStorage implements TableStorage {
  readonly map = new Map<string, string>();
  writes = 0;
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.writes++;
    this.map.set(key, String(value));
  }
}

/** Storage that refuses everything, as a blocked or full localStorage does. */
const brokenStorage: TableStorage = {
  getItem() {
    throw new Error('SecurityError');
  },
  setItem() {
    throw new Error('QuotaExceededError');
  },
};

/** What a row shows: '?' until run, else the update count (— unless converged) and the outcome. */
function shown(row: TableRow): [string, string, string] {
  if (row.result === undefined) return [row.text, '?', '?'];
  return [row.text, row.result.outcome === 'converged' ? String(row.result.steps) : '—', row.result.outcome];
}

/** The bowl's own figures for a rate, as the table should show them. */
function bowl(rate: number): [string, string, string] {
  const { steps, outcome } = descend(rate);
  return [String(rate), outcome === 'converged' ? String(steps) : '—', outcome];
}

describe('the table record', () => {
  it('starts with the lecture rates, every result "?"', () => {
    const rows = tableRows(EMPTY_RECORD, false);
    expect(rows.map((r) => r.rate)).toEqual(LECTURE_RATES);
    expect(rows.every((r) => r.result === undefined && r.guess === '' && !r.own)).toBe(true);
    expect(rows.map(shown)).toEqual(LECTURE_RATES.map((r) => [String(r), '?', '?']));
  });

  it('a row shows the bowl’s result once its rate was run, and only that row', () => {
    const record = withRun(withRun(EMPTY_RECORD, 0.1), 3.5);
    const rows = tableRows(record, false);
    for (const row of rows) {
      expect(shown(row), String(row.rate)).toEqual(row.rate === 0.1 || row.rate === 3.5 ? bowl(row.rate) : [row.text, '?', '?']);
    }
    expect(shown(rows[2]!)).toEqual(['0.1', '83', 'converged']);
    expect(shown(rows[8]!)).toEqual(['3.5', '—', 'diverged']);
  });

  it('filling the whole table shows every row as the bowl computes it', () => {
    const record = withOwn(EMPTY_RECORD, 3.2);
    if (typeof record === 'string') throw new Error(record);
    expect(tableRows(record, true).map(shown)).toEqual([...LECTURE_RATES, 3.2].map(bowl));
    expect(shown(tableRows(record, true).at(-1)!)).toEqual(['3.2', '—', 'not-converged']);
  });

  it('remembers a run once, newest last, at most MAX_RUN rates', () => {
    let record = withRun(EMPTY_RECORD, 0.3);
    expect(withRun(record, 0.3)).toBe(record);
    expect(withRun(record, Number.NaN)).toBe(record);
    expect(withRun(record, 0)).toBe(record);
    for (let k = 1; k <= MAX_RUN; k++) record = withRun(record, 5 + k / 1000);
    expect(record.run).toHaveLength(MAX_RUN);
    expect(record.run).not.toContain(0.3);
    expect(record.run.at(-1)).toBe(5.1);
  });

  it('keeps guesses as typed, drops blank ones, cuts long ones', () => {
    let record = withGuess(EMPTY_RECORD, 0.03, 'about 300 ');
    expect(record.guesses).toEqual({ '0.03': 'about 300 ' });
    expect(tableRows(record, false)[0]!.guess).toBe('about 300 ');
    record = withGuess(record, 0.03, '   ');
    expect(record.guesses).toEqual({});
    record = withGuess(record, 2.6, 'x'.repeat(100));
    expect(record.guesses['2.6']).toHaveLength(MAX_GUESS_LENGTH);
  });

  it('adds own rates after the lecture’s, refuses duplicates and more than MAX_OWN', () => {
    expect(withOwn(EMPTY_RECORD, 0.1)).toBe('duplicate');
    let record = withOwn(EMPTY_RECORD, 1.6);
    if (typeof record === 'string') throw new Error(record);
    expect(withOwn(record, 1.6)).toBe('duplicate');
    record = withGuess(record, 1.6, '1');
    expect(tableRows(record, false).at(-1)).toEqual({ rate: 1.6, text: '1.6', own: true, guess: '1' });
    for (let k = 1; record.own.length < MAX_OWN; k++) {
      const next = withOwn(record, 4 + k / 10);
      if (typeof next === 'string') throw new Error(next);
      record = next;
    }
    expect(withOwn(record, 9.9)).toBe('full');
    const removed = withoutOwn(record, 1.6);
    expect(removed.own).toHaveLength(MAX_OWN - 1);
    expect(removed.guesses).toEqual({});
    expect(withoutOwn(removed, 1.6)).toBe(removed);
    expect(withoutOwn(removed, 0.1)).toBe(removed);
  });

  it('reads back what it wrote', () => {
    let record = withOwn(EMPTY_RECORD, 1.6);
    if (typeof record === 'string') throw new Error(record);
    record = withGuess(withGuess(withRun(record, 0.8), 0.8, '8'), 1.6, '1');
    expect(parseRecord(serializeRecord(record))).toEqual(record);
  });

  it('ignores damaged storage, field by field, without throwing', () => {
    for (const raw of [null, '', '{not json', 'null', '42', '"text"', '[1,2]', '{}', '{"own":"x","run":{},"guesses":[]}']) {
      expect(parseRecord(raw), String(raw)).toEqual(EMPTY_RECORD);
    }
    const partly = parseRecord(
      JSON.stringify({
        own: [1.6, 1.6, 0.1, -1, 11, 'x', null, 5],
        run: [0.1, 'nope', 0.1, Number.NaN, 1e9, 2.6],
        guesses: { '0.1': 80, '0.3': '  ', '2.6': 'twelve', '1.6': '1', '7': 'not a row', '0.06': 'y'.repeat(99) },
      }),
    );
    expect(partly.own).toEqual([1.6, 5]);
    expect(partly.run).toEqual([0.1, 2.6]);
    expect(partly.guesses).toEqual({ '2.6': 'twelve', '1.6': '1', '0.06': 'y'.repeat(MAX_GUESS_LENGTH) });
  });
});

describe('the live table', () => {
  it('keeps guesses, own rates and runs in storage; a new table reads them back', () => {
    const storage = new MemoryStorage();
    const first = new LabTable({ storage });
    expect(first.rows(true).map(shown)).toEqual(LECTURE_RATES.map((r) => [String(r), '?', '?']));
    first.setGuess(0.03, '300');
    expect(first.add('2,2')).toEqual({ kind: 'added', rate: 2.2 });
    first.markRun(0.03);
    first.markRun(2.2);

    const stored = JSON.parse(storage.getItem(TABLE_STORAGE_KEY)!) as unknown;
    expect(stored).toEqual({ own: [2.2], run: [0.03, 2.2], guesses: { '0.03': '300' } });

    const second = new LabTable({ storage });
    const rows = second.rows(false);
    expect(rows.map(shown)).toEqual([
      bowl(0.03),
      ...LECTURE_RATES.slice(1).map((r): [string, string, string] => [String(r), '?', '?']),
      bowl(2.2),
    ]);
    expect(rows[0]!.guess).toBe('300');
    expect(rows.at(-1)!.own).toBe(true);
  });

  it('fills the whole table only while answers are shown, and not in storage', () => {
    const storage = new MemoryStorage();
    const table = new LabTable({ storage });
    table.filledAll = true;
    expect(table.rows(true).map(shown)).toEqual(LECTURE_RATES.map(bowl));
    expect(table.rows(false).every((r) => r.result === undefined)).toBe(true);
    expect(storage.writes).toBe(0);
    expect(new LabTable({ storage }).filledAll).toBe(false);
  });

  it('says why a rate was not added', () => {
    const table = new LabTable({ storage: null });
    expect(table.add('')).toEqual({ kind: 'problem', reason: 'empty' });
    expect(table.add('abc')).toEqual({ kind: 'problem', reason: 'not-a-number' });
    expect(table.add('-1')).toEqual({ kind: 'problem', reason: 'not-positive' });
    expect(table.add('11')).toEqual({ kind: 'problem', reason: 'too-large' });
    expect(table.add('0,1')).toEqual({ kind: 'duplicate', rate: 0.1 });
    expect(table.add('1.6')).toEqual({ kind: 'added', rate: 1.6 });
    expect(table.add('1.60')).toEqual({ kind: 'duplicate', rate: 1.6 });
    table.remove(1.6);
    expect(table.rows(true)).toHaveLength(LECTURE_RATES.length);
  });

  it('starts empty over damaged storage and writes a good record over it', () => {
    const storage = new MemoryStorage();
    storage.setItem(TABLE_STORAGE_KEY, '{"own": [1.6], "run": [0.1');
    const table = new LabTable({ storage });
    expect(table.record).toEqual(EMPTY_RECORD);
    table.markRun(0.1);
    expect(parseRecord(storage.getItem(TABLE_STORAGE_KEY))).toEqual({ own: [], run: [0.1], guesses: {} });
  });

  it('works on without storage when storage throws', () => {
    const table = new LabTable({ storage: brokenStorage });
    table.setGuess(0.3, '26');
    table.markRun(0.3);
    expect(shown(table.rows(false)[3]!)).toEqual(bowl(0.3));
    expect(table.rows(false)[3]!.guess).toBe('26');
  });

  it('a run in the lab that settles fills its row with what the run showed', () => {
    const table = new LabTable({ storage: null });
    const frames: Frames = { now: () => 0, request: () => 0, cancel: () => {} };
    const run = new LabRun({ rateText: '0,8', frames, onsettle: ({ rate }) => table.markRun(rate) });
    for (let k = 0; k < 7; k++) run.stepOnce();
    expect(run.outcome).toBeNull();
    expect(table.rows(false)[4]!.result).toBeUndefined();
    run.stepOnce();
    expect(run.outcome).toBe('converged');
    expect(table.rows(false)[4]!.result).toEqual({ steps: run.outcomeStep, outcome: run.outcome });
    expect(shown(table.rows(false)[4]!)).toEqual(['0.8', '8', 'converged']);
  });
});
