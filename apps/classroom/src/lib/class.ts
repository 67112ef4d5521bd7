/**
 * The class table as data: one row per homework row of every file handed in
 * (one row for a file that was refused), what was found when its run was
 * trained again, and the sorting, filtering and duplicate flag the table
 * shows. Pure: no Svelte, no workers, no DOM (the tests run it in Node).
 *
 * A file is never trusted for its numbers: a row's losses count once the run
 * has been trained again here (`replayed`); until then they are claims.
 */
import { OPTIMIZERS } from '@nn/engine';
import type { DatasetName } from '@nn/datasets';
import {
  rowSettingsOf,
  HOMEWORK_DATASETS,
  meetsTarget,
  parseHandIn,
  qualifies,
  type Departure,
  type HandInRow,
  type RejectCode,
  type Student,
  type Verdict,
} from '@nn/records';
import type { EngineName, PointsSnapshot } from '@nn/trainer';

export type RowStatus = 'waiting' | 'verified' | 'mismatch' | 'rejected';
export const ROW_STATUSES: readonly RowStatus[] = ['verified', 'mismatch', 'rejected', 'waiting'];

/** Why a row is refused: the file's or row's reason from @nn/records, or the app's own. */
export interface RowReason {
  readonly code: RejectCode | 'read-failed';
  readonly message: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/** What training the run again here gave. */
export interface Replayed {
  readonly epochs: number;
  readonly trainLoss: number;
  readonly testLoss: number;
  readonly engine: EngineName;
  /** The output node's 100 x 100 map after the last epoch. */
  readonly output: Float32Array;
  readonly train: PointsSnapshot;
  readonly ms: number;
}

export interface ClassRow {
  /** Order of intake (also the last tie-break when sorting). */
  readonly id: number;
  /** Which file it came from (a folder's files keep their path inside it). */
  readonly file: string;
  /** Which file of this session (the same name may be added twice). */
  readonly fileId: number;
  /** Undefined for a refused file. */
  readonly student: Student | undefined;
  /** The row's place in its file's table (0 for a refused file). */
  readonly index: number;
  /** Undefined for a refused file. */
  readonly row: HandInRow | undefined;
  readonly status: RowStatus;
  readonly reason?: RowReason | undefined;
  readonly departure?: Departure | undefined;
  readonly replayed?: Replayed | undefined;
  /** The same student handed in more than one file. */
  readonly duplicate: boolean;
}

/** A file as it was read: its text, or that it could not be read. */
export type ReadFile = { readonly name: string; readonly text: string } | { readonly name: string; readonly error: 'read-failed' };

/**
 * The rows of one file: one per homework row, waiting to be checked (a row
 * with no exact run is refused at once); one refused row for a file that is
 * not a valid hand-in, with the reason.
 */
export function rowsOfFile(file: ReadFile, fileId: number, firstId: number): ClassRow[] {
  const refused = (reason: RowReason): ClassRow[] => [
    { id: firstId, file: file.name, fileId, student: undefined, index: 0, row: undefined, status: 'rejected', reason, duplicate: false },
  ];
  if ('error' in file) return refused({ code: 'read-failed', message: 'The browser could not read the file.', params: {} });
  const parsed = parseHandIn(file.text);
  if (!parsed.ok) return refused(parsed.reason);
  const { student, rows } = parsed.handIn;
  return rows.map((row, index) => ({
    id: firstId + index,
    file: file.name,
    fileId,
    student,
    index,
    row,
    ...(row.run
      ? { status: 'waiting' as const }
      : {
          status: 'rejected' as const,
          reason: {
            code: 'no-run' as const,
            message: 'This row was recorded before runs were kept exactly, so it cannot be checked.',
            params: {},
          },
        }),
    duplicate: false,
  }));
}

/** A row after its check: the verdict of `verifyRow`. */
export function withVerdict(row: ClassRow, verdict: Verdict): ClassRow {
  if (verdict.status === 'rejected') return { ...row, status: 'rejected', reason: verdict.reason, replayed: undefined };
  const { result } = verdict;
  const replayed: Replayed = {
    epochs: result.run.epochs,
    trainLoss: result.trainLoss,
    testLoss: result.testLoss,
    engine: result.engine,
    output: result.output,
    train: result.train,
    ms: result.ms,
  };
  return verdict.status === 'verified'
    ? { ...row, status: 'verified', replayed, departure: undefined }
    : { ...row, status: 'mismatch', replayed, departure: verdict.departure };
}

// ---------------------------------------------------------------------------
// Handed in twice

/** Who a student is across files: the number when there is one, else the name (case and spacing ignored); undefined when neither. */
export function studentKey(student: Student | undefined): string | undefined {
  if (!student) return undefined;
  const number = student.number.trim().toLowerCase().replace(/\s+/g, '');
  if (number !== '') return `number:${number}`;
  const name = student.name.trim().toLowerCase().replace(/\s+/g, ' ');
  return name === '' ? undefined : `name:${name}`;
}

/** Sets `duplicate` on every row of a student who handed in more than one file. */
export function flagDuplicates(rows: readonly ClassRow[]): ClassRow[] {
  const files = new Map<string, Set<number>>();
  for (const row of rows) {
    const key = studentKey(row.student);
    if (key === undefined) continue;
    const set = files.get(key) ?? new Set<number>();
    set.add(row.fileId);
    files.set(key, set);
  }
  return rows.map((row) => {
    const key = studentKey(row.student);
    const duplicate = key !== undefined && (files.get(key)?.size ?? 0) > 1;
    return duplicate === row.duplicate ? row : { ...row, duplicate };
  });
}

// ---------------------------------------------------------------------------
// What a row shows

/** A loss as the table shows it: trained again here, or only claimed by the file. */
export interface ShownLoss {
  readonly value: number;
  readonly claimed: boolean;
}

export function shownLosses(row: ClassRow): { train: ShownLoss; test: ShownLoss; epochs: ShownLoss } | undefined {
  if (row.replayed) {
    return {
      train: { value: row.replayed.trainLoss, claimed: false },
      test: { value: row.replayed.testLoss, claimed: false },
      epochs: { value: row.replayed.epochs, claimed: false },
    };
  }
  if (!row.row) return undefined;
  return {
    train: { value: row.row.trainLoss, claimed: true },
    test: { value: row.row.testLoss, claimed: true },
    epochs: { value: row.row.epochs, claimed: true },
  };
}

/**
 * "Both below 0.1": 'yes' or 'no' for a verified row under the homework's
 * conditions; 'not-homework' for a row under other conditions (70 % training
 * data, noise 20 are the homework's); 'unknown' until (or unless) it is verified.
 */
export type TargetState = 'yes' | 'no' | 'not-homework' | 'unknown';

export function targetOf(row: ClassRow): TargetState {
  if (!row.row) return 'unknown';
  if (!qualifies(row.row)) return 'not-homework';
  if (row.status !== 'verified' || !row.replayed) return 'unknown';
  return meetsTarget(row.replayed) ? 'yes' : 'no';
}

/** Nodes of the network: the sum of its hidden layers' neurons. */
export function nodesOf(row: HandInRow): number {
  return row.neurons.reduce((sum, n) => sum + n, 0);
}

// ---------------------------------------------------------------------------
// Sorting and filtering

export type SortColumn =
  | 'student'
  | 'dataset'
  | 'activation'
  | 'batchSize'
  | 'optimizer'
  | 'layers'
  | 'epochs'
  | 'trainLoss'
  | 'testLoss'
  | 'target'
  | 'status';

export const SORT_COLUMNS: readonly SortColumn[] = [
  'student',
  'dataset',
  'activation',
  'batchSize',
  'optimizer',
  'layers',
  'epochs',
  'trainLoss',
  'testLoss',
  'target',
  'status',
];

export interface Sort {
  readonly column: SortColumn;
  readonly direction: 'ascending' | 'descending';
}

const DATASET_ORDER: readonly string[] = [...HOMEWORK_DATASETS, 'reg-plane', 'reg-gauss'];
const TARGET_ORDER: readonly TargetState[] = ['yes', 'no', 'unknown', 'not-homework'];

type Key = number | string | undefined;

function keysOf(row: ClassRow, column: SortColumn): Key[] {
  const r = row.row;
  const losses = shownLosses(row);
  switch (column) {
    case 'student':
      return [row.student ? row.student.name : undefined, row.student?.number];
    case 'dataset':
      return [r ? DATASET_ORDER.indexOf(r.dataset) : undefined];
    case 'activation':
      return [r?.activation];
    case 'batchSize':
      return [r?.batchSize];
    case 'optimizer':
      return [r ? OPTIMIZERS.indexOf(rowSettingsOf(r).optimizer) : undefined];
    case 'layers':
      return [r ? nodesOf(r) : undefined, r?.hiddenLayers];
    case 'epochs':
      return [losses?.epochs.value];
    case 'trainLoss':
      return [finiteOr(losses?.train.value)];
    case 'testLoss':
      return [finiteOr(losses?.test.value)];
    case 'target':
      return [TARGET_ORDER.indexOf(targetOf(row))];
    case 'status':
      return [ROW_STATUSES.indexOf(row.status)];
  }
}

/** A diverged loss (NaN or infinite) sorts as the largest. */
function finiteOr(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
}

function compareKey(a: Key, b: Key, collator: Intl.Collator): number {
  if (a === b) return 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * The rows in `sort`'s order; rows without a value in that column (a refused
 * file has no data set) come last either way, and ties keep intake order.
 */
export function sortRows(rows: readonly ClassRow[], sort: Sort, locale = 'en'): ClassRow[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const keyed = rows.map((row) => ({ row, keys: keysOf(row, sort.column) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.keys.length; i++) {
      const x = a.keys[i];
      const y = b.keys[i];
      const missingX = x === undefined || x === -1;
      const missingY = y === undefined || y === -1;
      if (missingX !== missingY) return missingX ? 1 : -1;
      if (missingX) continue;
      const c = compareKey(x, y, collator);
      if (c !== 0) return sign * c;
    }
    return a.row.id - b.row.id;
  });
  return keyed.map(({ row }) => row);
}

export interface Filter {
  readonly status: RowStatus | 'all';
  readonly dataset: DatasetName | 'all';
  /** Words that must all appear in the student's name or number (or a refused file's name). */
  readonly text: string;
  readonly duplicatesOnly: boolean;
}

export const NO_FILTER: Filter = { status: 'all', dataset: 'all', text: '', duplicatesOnly: false };

export function filterRows(rows: readonly ClassRow[], filter: Filter): ClassRow[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (filter.status !== 'all' && row.status !== filter.status) return false;
    if (filter.dataset !== 'all' && row.row?.dataset !== filter.dataset) return false;
    if (filter.duplicatesOnly && !row.duplicate) return false;
    if (words.length > 0) {
      const haystack = (row.student ? `${row.student.name} ${row.student.number}` : row.file).toLowerCase();
      if (!words.every((word) => haystack.includes(word))) return false;
    }
    return true;
  });
}
