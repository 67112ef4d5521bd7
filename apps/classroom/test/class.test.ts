/**
 * The class table as data: rows from real hand-in files (made with the real
 * trainer), their verdicts from real replays, sorting, filtering and the
 * "handed in twice" flag.
 */
import { verifyRow, type HandInRow } from '@nn/records';
import { Trainer } from '@nn/trainer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NO_FILTER,
  filterRows,
  flagDuplicates,
  rowsOfFile,
  shownLosses,
  sortRows,
  studentKey,
  targetOf,
  withVerdict,
  type ClassRow,
  type ReadFile,
} from '../src/lib/class.js';
import { fileText, loaders, tampered, trainedRow } from './support.js';

let xor: HandInRow;
let gauss: HandInRow;
let noisy: HandInRow;
const trainer = new Trainer(loaders);

beforeAll(async () => {
  await trainer.init();
  xor = await trainedRow({}, 40);
  gauss = await trainedRow({ dataset: 'gauss', networkShape: [2], features: ['x', 'y'], seed: '0.27182' }, 30);
  // Not under the homework's conditions (noise 10).
  noisy = await trainedRow({ dataset: 'circle', noise: 10, networkShape: [3], seed: '0.5' }, 20);
});
afterAll(() => trainer.dispose());

const replay = async (run: Parameters<Trainer['replay']>[0]) => trainer.replay(run);

/** Every file's rows, numbered as the app numbers them, with the duplicate flag. */
function table(files: ReadFile[]): ClassRow[] {
  const rows: ClassRow[] = [];
  files.forEach((file, i) => rows.push(...rowsOfFile(file, i, rows.length)));
  return flagDuplicates(rows);
}

async function verified(rows: ClassRow[]): Promise<ClassRow[]> {
  return Promise.all(rows.map(async (row) => (row.status === 'waiting' && row.row ? withVerdict(row, await verifyRow(replay, row.row)) : row)));
}

describe('rows of a file', () => {
  it('gives one waiting row per homework row, with the student, and claims until checked', () => {
    const rows = rowsOfFile({ name: 'a.json', text: fileText({ name: 'Kim', number: '7' }, [xor, gauss]) }, 0, 10);
    expect(rows.map((r) => [r.id, r.index, r.status, r.student?.name, r.row?.dataset])).toEqual([
      [10, 0, 'waiting', 'Kim', 'xor'],
      [11, 1, 'waiting', 'Kim', 'gauss'],
    ]);
    // Before a replay the losses are the file's claims, and the target is not decided by them.
    expect(shownLosses(rows[0]!)?.test).toEqual({ value: xor.testLoss, claimed: true });
    expect(targetOf(rows[0]!)).toBe('unknown');
  });

  it('refuses a row without an exact run, and a file without rows, with their reasons', () => {
    const { run: _run, ...old } = xor;
    const rows = rowsOfFile({ name: 'old.json', text: fileText({ name: 'Kim', number: '7' }, [old as HandInRow]) }, 0, 0);
    expect(rows.map((r) => [r.status, r.reason?.code])).toEqual([['rejected', 'no-run']]);
    const none = rowsOfFile({ name: 'none.json', text: fileText({ name: 'Kim', number: '7' }, []) }, 0, 0);
    expect(none.map((r) => [r.status, r.reason?.code, r.reason?.params.path, r.student])).toEqual([['rejected', 'invalid', 'rows', undefined]]);
  });
});

describe('verdicts', () => {
  it('shows replayed losses once verified, and the departure of a tampered copy', async () => {
    const rows = await verified(table([{ name: 'a.json', text: fileText({ name: 'Kim', number: '7' }, [xor, tampered(gauss)]) }]));
    const [good, bad] = rows;
    expect(good!.status).toBe('verified');
    expect(shownLosses(good!)?.test).toEqual({ value: xor.testLoss, claimed: false });
    expect(targetOf(good!)).toBe(xor.trainLoss < 0.1 && xor.testLoss < 0.1 ? 'yes' : 'no');
    expect(bad!.status).toBe('mismatch');
    expect(bad!.departure).toMatchObject({ what: 'testLoss', epoch: 30, claimed: gauss.testLoss - 0.001, replayed: gauss.testLoss });
    // The replay's numbers, not the file's.
    expect(shownLosses(bad!)?.test).toEqual({ value: gauss.testLoss, claimed: false });
    expect(targetOf(bad!)).toBe('unknown');
  });

  it('says a row was not made under the homework conditions', async () => {
    const [row] = await verified(table([{ name: 'n.json', text: fileText({ name: 'Kim', number: '7' }, [noisy]) }]));
    expect(row!.status).toBe('verified');
    expect(targetOf(row!)).toBe('not-homework');
  });
});

describe('handed in twice', () => {
  it('is the same number, else the same name, on every row of each of their files', () => {
    const rows = table([
      { name: 'kim-1.json', text: fileText({ name: 'Kim Minji', number: '2026 1234' }, [xor, gauss]) },
      { name: 'lee.json', text: fileText({ name: 'Lee', number: '2' }, [xor]) },
      { name: 'kim-2.json', text: fileText({ name: 'kim minji ', number: '20261234' }, [gauss]) },
      { name: 'lee-other.json', text: fileText({ name: 'Lee', number: '3' }, [xor]) },
      { name: 'broken.json', text: '{' },
    ]);
    expect(rows.map((r) => [r.file, r.duplicate])).toEqual([
      ['kim-1.json', true],
      ['kim-1.json', true],
      ['lee.json', false],
      ['kim-2.json', true],
      ['lee-other.json', false],
      ['broken.json', false],
    ]);
    expect(studentKey({ name: ' Park  Seo ', number: '' })).toBe(studentKey({ name: 'park seo', number: '' }));
    expect(studentKey({ name: '', number: '' })).toBeUndefined();
  });
});

describe('sorting and filtering', () => {
  let rows: ClassRow[];
  beforeAll(async () => {
    rows = await verified(
      table([
        { name: 'lee.json', text: fileText({ name: 'Lee', number: '2' }, [xor, gauss]) },
        { name: 'broken.json', text: '{"format":' },
        { name: 'ahn.json', text: fileText({ name: 'Ahn', number: '1' }, [tampered(xor), noisy]) },
        { name: 'lee-2.json', text: fileText({ name: 'Lee', number: '2' }, [gauss]) },
      ]),
    );
  });
  const names = (list: ClassRow[]) => list.map((r) => `${r.student?.name ?? r.file}:${r.row?.dataset ?? '-'}`);

  it('sorts by student, ties in intake order, refused files last either way', () => {
    expect(names(sortRows(rows, { column: 'student', direction: 'ascending' }))).toEqual([
      'Ahn:xor',
      'Ahn:circle',
      'Lee:xor',
      'Lee:gauss',
      'Lee:gauss',
      'broken.json:-',
    ]);
    expect(names(sortRows(rows, { column: 'student', direction: 'descending' }))).toEqual([
      'Lee:xor',
      'Lee:gauss',
      'Lee:gauss',
      'Ahn:xor',
      'Ahn:circle',
      'broken.json:-',
    ]);
  });

  it('sorts by data set in the lecture order, by test loss, by status', () => {
    expect(names(sortRows(rows, { column: 'dataset', direction: 'ascending' }))).toEqual([
      'Lee:gauss',
      'Lee:gauss',
      'Lee:xor',
      'Ahn:xor',
      'Ahn:circle',
      'broken.json:-',
    ]);
    const byLoss = sortRows(rows, { column: 'testLoss', direction: 'ascending' })
      .filter((r) => r.row)
      .map((r) => shownLosses(r)!.test.value);
    expect(byLoss).toEqual([...byLoss].sort((a, b) => a - b));
    expect(sortRows(rows, { column: 'status', direction: 'ascending' }).map((r) => r.status)).toEqual([
      'verified',
      'verified',
      'verified',
      'verified',
      'mismatch',
      'rejected',
    ]);
  });

  it('filters by status, data set, words of the name or number, and duplicates', () => {
    expect(names(filterRows(rows, { ...NO_FILTER, status: 'mismatch' }))).toEqual(['Ahn:xor']);
    expect(names(filterRows(rows, { ...NO_FILTER, dataset: 'gauss' }))).toEqual(['Lee:gauss', 'Lee:gauss']);
    expect(names(filterRows(rows, { ...NO_FILTER, text: 'ah' }))).toEqual(['Ahn:xor', 'Ahn:circle']);
    expect(names(filterRows(rows, { ...NO_FILTER, text: '2' }))).toEqual(['Lee:xor', 'Lee:gauss', 'Lee:gauss']);
    expect(names(filterRows(rows, { ...NO_FILTER, text: 'broken' }))).toEqual(['broken.json:-']);
    expect(names(filterRows(rows, { ...NO_FILTER, duplicatesOnly: true }))).toEqual(['Lee:xor', 'Lee:gauss', 'Lee:gauss']);
    expect(filterRows(rows, NO_FILTER)).toHaveLength(rows.length);
  });
});
