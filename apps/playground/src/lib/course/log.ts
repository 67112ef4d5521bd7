/**
 * The experiment log: runs a student chose to keep ("Record"), with the
 * settings, the epoch, both losses and the link that reopens the run; the
 * homework table built from them; CSV and Markdown exports.
 *
 * Pure TypeScript. The only outside world is a `Storage` passed in
 * (localStorage in the page, an in-memory one in tests), so the whole
 * behaviour, damaged data included, is testable in Node.
 *
 * Stored under LOG_KEY as `{ format: 'nn-playground-log', version: 1, records }`.
 * Saved data is never dropped silently: a stored value this version cannot
 * use (not JSON, another format, a newer or unknown version, a record that
 * fails the schema) is first copied as-is to a new key
 * `nn-playground.experiment-log.set-aside.<ISO time>`, and only then is the
 * log rewritten (keeping the records that pass). The store reports what it
 * did ({ key, reason, count, ... }) so the page can say so and offer the text
 * for download. Storage that throws (blocked, full) leaves the log working in
 * memory, and the store says it will not survive a reload.
 */
import * as v from 'valibot';
import { DATASET_NAMES, FEATURE_IDS, type DatasetName, type FeatureId, type Problem } from '@nn/datasets';
import type { Activation, Regularization } from '@nn/engine';
import {
  ACTIVATIONS,
  ENGINES,
  PROBLEMS,
  activeFeatures,
  datasetOf,
  type EngineName,
  type PlaygroundState,
} from '../state/hash.js';

// ---------------------------------------------------------------- records

/** One recorded run. Losses are kept at full precision; exports round them. */
export interface RunRecord {
  /** 1, 2, 3, ... in recording order ("run 7"); 0 on a record not stored yet. */
  readonly id: number;
  /** When it was recorded, ISO 8601 (`Date.prototype.toISOString`). */
  readonly recordedAt: string;
  readonly dataset: DatasetName;
  readonly problem: Problem;
  readonly activation: Activation;
  readonly batchSize: number;
  /** Number of hidden layers (= neurons.length). */
  readonly hiddenLayers: number;
  /** Neurons per hidden layer, input side first. */
  readonly neurons: readonly number[];
  /** The network's inputs (switched on and not hidden), in TF's order. */
  readonly features: readonly FeatureId[];
  readonly learningRate: number;
  readonly regularization: Regularization;
  readonly regularizationRate: number;
  /** 0..50 (percent). */
  readonly noise: number;
  /** 10..90 (percent of the points used for training). */
  readonly percTrainData: number;
  readonly epochs: number;
  readonly trainLoss: number;
  readonly testLoss: number;
  /** The data seed (part of `hash` too; kept apart for the CSV). */
  readonly seed: string;
  /** The URL hash that reopens the run's settings and data, without '#'. */
  readonly hash: string;
  readonly engine: EngineName;
  readonly note?: string;
}

/** What `recordFrom` needs of a snapshot. */
export interface LossReading {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly testLoss: number;
}

/**
 * A record of the current run (id 0: `LogStore.add` gives it its number).
 * `hash` is the playground's hash (a leading '#' is removed).
 */
export function recordFrom(
  state: PlaygroundState,
  snapshot: LossReading,
  hash: string,
  now: Date = new Date(),
): RunRecord {
  return {
    id: 0,
    recordedAt: now.toISOString(),
    dataset: datasetOf(state),
    problem: state.problem,
    activation: state.activation,
    batchSize: state.batchSize,
    hiddenLayers: state.networkShape.length,
    neurons: [...state.networkShape],
    features: activeFeatures(state),
    learningRate: state.learningRate,
    regularization: state.regularization,
    regularizationRate: state.regularizationRate,
    noise: state.noise,
    percTrainData: state.percTrainData,
    epochs: snapshot.epoch,
    trainLoss: snapshot.trainLoss,
    testLoss: snapshot.testLoss,
    seed: state.seed,
    hash: hash.startsWith('#') ? hash.slice(1) : hash,
    engine: state.engine,
  };
}

// ---------------------------------------------------------------- schema

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const nonNegative = v.pipe(v.number(), v.finite(), v.minValue(0));

/** One stored record. Losses must be finite: JSON has no NaN or Infinity. */
export const RunRecordSchema = v.pipe(
  v.object({
    id: v.pipe(v.number(), v.integer(), v.minValue(1)),
    recordedAt: v.pipe(v.string(), v.isoTimestamp()),
    dataset: v.picklist(DATASET_NAMES),
    problem: v.picklist(PROBLEMS),
    activation: v.picklist(ACTIVATIONS),
    batchSize: v.pipe(v.number(), v.integer(), v.minValue(1)),
    hiddenLayers: count,
    neurons: v.array(v.pipe(v.number(), v.integer(), v.minValue(1))),
    features: v.array(v.picklist(FEATURE_IDS)),
    learningRate: nonNegative,
    regularization: v.picklist(['none', 'l1', 'l2']),
    regularizationRate: nonNegative,
    noise: nonNegative,
    percTrainData: nonNegative,
    epochs: count,
    trainLoss: nonNegative,
    testLoss: nonNegative,
    seed: v.string(),
    hash: v.string(),
    engine: v.picklist(ENGINES),
    note: v.optional(v.string()),
  }),
  v.check((record) => record.hiddenLayers === record.neurons.length, 'hiddenLayers must equal the length of neurons'),
);

export const LOG_KEY = 'nn-playground.experiment-log';
export const SET_ASIDE_PREFIX = `${LOG_KEY}.set-aside.`;
export const LOG_FORMAT = 'nn-playground-log';
export const LOG_VERSION = 1;

export interface StoredLog {
  readonly format: typeof LOG_FORMAT;
  readonly version: typeof LOG_VERSION;
  readonly records: readonly RunRecord[];
}

/** Why a stored value was set aside. */
export type SetAsideReason =
  /** Not JSON at all (cut off, edited by hand, another program's data). */
  | 'invalid-json'
  /** JSON, but no `format` field: not a log of this app. */
  | 'not-a-log'
  /** JSON with another `format`. */
  | 'foreign-format'
  /** Our format, written by a newer version of the app. */
  | 'newer-version'
  /** Our format with a version that is not a positive whole number, or an older one this version does not read. */
  | 'unknown-version'
  /** Our format and version, but `records` is not a list. */
  | 'invalid-shape'
  /** Some records fail the schema (the valid ones are kept). */
  | 'invalid-records';

export type ParsedLog =
  | { readonly ok: true; readonly records: RunRecord[] }
  | {
      readonly ok: false;
      readonly reason: SetAsideReason;
      /** The records that can be kept (only for 'invalid-records'). */
      readonly kept: RunRecord[];
      /** How many records the text holds that are not kept (0 when it cannot be read as a list of records). */
      readonly count: number;
      /** 1-based positions of the failing records ('invalid-records'). */
      readonly invalid: number[];
      /** The version found ('newer-version', 'unknown-version'). */
      readonly version?: unknown;
      /** A technical sentence in English (first problem found), for the curious and for tests. */
      readonly detail: string;
    };

function isRecordObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a stored log's text. Never throws. */
export function parseLog(text: string): ParsedLog {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: 'invalid-json', kept: [], count: 0, invalid: [], detail };
  }
  const fail = (reason: SetAsideReason, detail: string, extra: { version?: unknown; count?: number } = {}): ParsedLog => ({
    ok: false,
    reason,
    kept: [],
    count: extra.count ?? 0,
    invalid: [],
    detail,
    ...(extra.version === undefined ? {} : { version: extra.version }),
  });
  if (!isRecordObject(data) || !('format' in data)) return fail('not-a-log', 'the value has no "format" field');
  const recordCount = Array.isArray(data['records']) ? data['records'].length : 0;
  if (data['format'] !== LOG_FORMAT) {
    return fail('foreign-format', `format is ${JSON.stringify(data['format'])}, not "${LOG_FORMAT}"`, { count: recordCount });
  }
  const version = data['version'];
  if (typeof version === 'number' && Number.isInteger(version) && version > LOG_VERSION) {
    return fail('newer-version', `version ${version} is newer than ${LOG_VERSION}`, { version, count: recordCount });
  }
  if (version !== LOG_VERSION) {
    return fail('unknown-version', `version is ${JSON.stringify(version) ?? 'missing'}, not ${LOG_VERSION}`, {
      version,
      count: recordCount,
    });
  }
  const list = data['records'];
  if (!Array.isArray(list)) return fail('invalid-shape', '"records" is not a list');

  const kept: RunRecord[] = [];
  const invalid: number[] = [];
  const problems: string[] = [];
  const ids = new Set<number>();
  list.forEach((item: unknown, index) => {
    const result = v.safeParse(RunRecordSchema, item);
    if (!result.success) {
      invalid.push(index + 1);
      const issue = result.issues[0];
      const path = v.getDotPath(issue);
      problems.push(`record ${index + 1}: ${path ? `${path}: ` : ''}${issue.message}`);
    } else if (ids.has(result.output.id)) {
      invalid.push(index + 1);
      problems.push(`record ${index + 1}: id ${result.output.id} appears twice`);
    } else {
      ids.add(result.output.id);
      kept.push(result.output as RunRecord);
    }
  });
  if (invalid.length === 0) return { ok: true, records: kept };
  return { ok: false, reason: 'invalid-records', kept, count: invalid.length, invalid, detail: problems.join('; ') };
}

export function serializeLog(records: readonly RunRecord[]): string {
  const log: StoredLog = { format: LOG_FORMAT, version: LOG_VERSION, records };
  return JSON.stringify(log);
}

// ---------------------------------------------------------------- store

/** What a store needs of `Storage` (localStorage has it all). */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

/** What the store did with a stored value it could not use. */
export interface SetAsideReport {
  /**
   * Where the original text now is (a new key; an older set-aside is never
   * overwritten). Undefined when even that copy could not be written: then
   * the stored value was left untouched and the log runs in memory.
   */
  readonly key: string | undefined;
  readonly reason: SetAsideReason;
  /** Records in the set-aside text that are not in the log (0 when the text is not readable as records). */
  readonly count: number;
  /** Records that passed and are in the log. */
  readonly kept: number;
  /** 1-based positions of the failing records ('invalid-records'). */
  readonly invalid: readonly number[];
  readonly version?: unknown;
  readonly detail: string;
  /** The original text, as found (for the download button). */
  readonly text: string;
  /** When it was set aside (ISO). */
  readonly at: string;
}

/** Why the log is in memory only. */
export type MemoryReason = 'no-storage' | 'read-failed' | 'write-failed';

export class LogError extends Error {
  override name = 'LogError';
}

export interface LogStoreOptions {
  /** Where the log lives; undefined = in memory only (no storage at all). */
  readonly storage: StorageLike | undefined;
  readonly key?: string;
  /** The clock (tests pass a fixed one). */
  readonly now?: () => Date;
}

/**
 * The log over a storage. Every change first re-reads the stored value (so a
 * record another tab added in between is kept), then writes the whole log.
 * `reload()` re-reads after another tab changed it (the 'storage' event).
 */
export class LogStore {
  private records: RunRecord[] = [];
  private readonly storage: StorageLike | undefined;
  private readonly key: string;
  private readonly now: () => Date;
  private listeners = new Set<() => void>();
  private reportList: SetAsideReport[] = [];
  /** Undefined while the log is stored; else why it is not. */
  private memory: MemoryReason | undefined;

  constructor({ storage, key = LOG_KEY, now = () => new Date() }: LogStoreOptions) {
    this.storage = storage;
    this.key = key;
    this.now = now;
    if (!storage) this.memory = 'no-storage';
    this.read();
  }

  /** The records, oldest first. */
  list(): readonly RunRecord[] {
    return this.records;
  }

  /** Whether the log survives a reload (false: storage blocked or full; the log lives in this tab). */
  get persistent(): boolean {
    return this.memory === undefined;
  }

  get memoryReason(): MemoryReason | undefined {
    return this.memory;
  }

  /** Stored values set aside since the store was made (and not dismissed), oldest first. */
  get reports(): readonly SetAsideReport[] {
    return this.reportList;
  }

  /** The store's storage key. */
  get storageKey(): string {
    return this.key;
  }

  dismissReport(report: SetAsideReport): void {
    this.reportList = this.reportList.filter((r) => r !== report);
    this.emit();
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Stores a record with the next number (highest stored id + 1); its `id`
   * is ignored. Throws a LogError for a record the schema refuses (e.g. a
   * loss that is not a finite number), which is then not stored.
   */
  add(record: RunRecord): RunRecord {
    this.read();
    const id = this.records.reduce((max, r) => Math.max(max, r.id), 0) + 1;
    const stored = this.validate({ ...record, id });
    this.records = [...this.records, stored];
    this.write();
    return stored;
  }

  /** Puts a removed record back under its own number (a new one if that is taken again). */
  restore(record: RunRecord): RunRecord {
    this.read();
    if (this.records.some((r) => r.id === record.id)) return this.add(record);
    const stored = this.validate(record);
    this.records = [...this.records, stored].sort((a, b) => a.id - b.id);
    this.write();
    return stored;
  }

  /** Removes the record with this id; false when there is none. */
  remove(id: number): boolean {
    this.read();
    const next = this.records.filter((r) => r.id !== id);
    if (next.length === this.records.length) return false;
    this.records = next;
    this.write();
    return true;
  }

  /** Removes every record (set-aside copies stay). */
  clear(): void {
    this.read();
    this.records = [];
    this.write();
  }

  /** Re-reads the stored log (another tab changed it). */
  reload(): void {
    this.read();
    this.emit();
  }

  private validate(record: RunRecord): RunRecord {
    const result = v.safeParse(RunRecordSchema, record);
    if (!result.success) {
      const issue = result.issues[0];
      const path = v.getDotPath(issue);
      throw new LogError(`This run cannot be recorded: ${path ? `${path}: ` : ''}${issue.message}`);
    }
    return result.output as RunRecord;
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }

  /** Reads the stored log into `records` (no-op in memory mode). */
  private read(): void {
    const storage = this.storage;
    if (!storage || this.memory) return;
    let text: string | null;
    try {
      text = storage.getItem(this.key);
    } catch {
      this.memory = 'read-failed';
      return;
    }
    if (text === null) {
      this.records = [];
      return;
    }
    const parsed = parseLog(text);
    if (parsed.ok) {
      this.records = parsed.records;
      return;
    }
    const key = this.setAside(storage, text);
    this.reportList = [
      ...this.reportList,
      {
        key,
        reason: parsed.reason,
        count: parsed.count,
        kept: parsed.kept.length,
        invalid: parsed.invalid,
        ...(parsed.version === undefined ? {} : { version: parsed.version }),
        detail: parsed.detail,
        text,
        at: this.now().toISOString(),
      },
    ];
    this.records = parsed.kept;
    if (key === undefined) {
      // The original could not be copied: leave it where it is and keep the log in memory.
      this.memory = 'write-failed';
      return;
    }
    this.write();
  }

  /** Copies `text` to a new set-aside key; undefined when storage refuses. */
  private setAside(storage: StorageLike, text: string): string | undefined {
    const base = `${SET_ASIDE_PREFIX}${this.now().toISOString()}`;
    try {
      let key = base;
      for (let n = 2; storage.getItem(key) !== null; n++) key = `${base}-${n}`;
      storage.setItem(key, text);
      return key;
    } catch {
      return undefined;
    }
  }

  /** Writes the log, or goes to memory mode when storage refuses; then tells the listeners. */
  private write(): void {
    if (this.storage && !this.memory) {
      try {
        this.storage.setItem(this.key, serializeLog(this.records));
      } catch {
        this.memory = 'write-failed';
      }
    }
    this.emit();
  }
}

export function createLogStore(options: LogStoreOptions): LogStore {
  return new LogStore(options);
}

// ---------------------------------------------------------------- number formats

/**
 * A loss as the app shows it: 3 decimals. The one exception: a loss just
 * under the homework target that 3 decimals would round up to it (0.0996 →
 * "0.100") gets 4 ("0.0996"), so "< 0.1" is never contradicted by the number.
 */
export function formatLoss(loss: number): string {
  if (!Number.isFinite(loss)) return String(loss);
  const text = loss.toFixed(3);
  if (loss < HOMEWORK.target && Number(text) >= HOMEWORK.target) return loss.toFixed(4);
  return text;
}

/** Neurons per layer as the lecture writes them: "6, 2" ("" with no hidden layer). */
export function formatNeurons(neurons: readonly number[]): string {
  return neurons.join(', ');
}

/** TF Playground's names of the activations. */
export const ACTIVATION_LABELS: Readonly<Record<Activation, string>> = {
  relu: 'ReLU',
  tanh: 'Tanh',
  sigmoid: 'Sigmoid',
  linear: 'Linear',
};

// ---------------------------------------------------------------- CSV

/** RFC 4180: a field with a comma, a double quote, CR or LF is quoted, inner quotes doubled. */
export function csvField(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows to CSV: fields joined by commas, lines ended by CRLF (RFC 4180), including the last. */
export function toCsv(rows: readonly (readonly (string | number | undefined)[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/** The log CSV's columns: every RunRecord field, in this order, named as in RunRecord. */
export const LOG_CSV_COLUMNS = [
  'id',
  'recordedAt',
  'dataset',
  'problem',
  'activation',
  'batchSize',
  'hiddenLayers',
  'neurons',
  'features',
  'learningRate',
  'regularization',
  'regularizationRate',
  'noise',
  'percTrainData',
  'epochs',
  'trainLoss',
  'testLoss',
  'seed',
  'hash',
  'engine',
  'note',
] as const satisfies readonly (keyof RunRecord)[];

/**
 * The whole log as CSV for a spreadsheet or a script: a header row with the
 * field names (English identifiers, the same in every language, so scripts
 * can rely on them), then one row per record, oldest first. Numbers are
 * written at full precision (JavaScript's shortest round-trip form, '.' as
 * decimal point): the CSV is the data, rounding is left to whoever reads it.
 * Lists (neurons, features) are joined with ", " and therefore quoted.
 * No byte-order mark here; the download adds one so that Excel reads UTF-8.
 */
export function logToCsv(records: readonly RunRecord[]): string {
  const rows = records.map((record) =>
    LOG_CSV_COLUMNS.map((column) => {
      const value = record[column];
      if (Array.isArray(value)) return value.join(', ');
      return value as string | number | undefined;
    }),
  );
  return toCsv([LOG_CSV_COLUMNS, ...rows]);
}

// ---------------------------------------------------------------- homework

/** The homework's conditions (lecture: ratio 70 %, noise 20 %, training and test loss < 0.1). */
export const HOMEWORK = { percTrainData: 70, noise: 20, target: 0.1 } as const;

/** The homework table's data sets, in the lecture's order. */
export const HOMEWORK_DATASETS = ['gauss', 'xor', 'circle', 'spiral'] as const satisfies readonly DatasetName[];
export type HomeworkDataset = (typeof HOMEWORK_DATASETS)[number];

export function isHomeworkDataset(name: DatasetName): name is HomeworkDataset {
  return (HOMEWORK_DATASETS as readonly string[]).includes(name);
}

/** Whether a record was made under the homework's conditions (on `dataset`, if given). */
export function qualifies(record: RunRecord, dataset?: HomeworkDataset): boolean {
  return (
    record.problem === 'classification' &&
    isHomeworkDataset(record.dataset) &&
    (dataset === undefined || record.dataset === dataset) &&
    record.percTrainData === HOMEWORK.percTrainData &&
    record.noise === HOMEWORK.noise
  );
}

/** The homework measure: both losses must be below the target, so the larger one counts. */
export function worstLoss(record: Pick<RunRecord, 'trainLoss' | 'testLoss'>): number {
  return Math.max(record.trainLoss, record.testLoss);
}

export function meetsTarget(record: Pick<RunRecord, 'trainLoss' | 'testLoss'>): boolean {
  return record.trainLoss < HOMEWORK.target && record.testLoss < HOMEWORK.target;
}

export interface HomeworkRow {
  readonly dataset: HomeworkDataset;
  /** The qualifying record with the lowest max(train, test) loss (the earliest on a tie); undefined if none. */
  readonly best: RunRecord | undefined;
  /** How many qualifying records this data set has. */
  readonly attempts: number;
  /** Both losses of `best` below the target; undefined without a record. */
  readonly meets: boolean | undefined;
}

/** One row per homework data set (lecture order), from the records that meet the conditions. */
export function homeworkRows(records: readonly RunRecord[]): HomeworkRow[] {
  return HOMEWORK_DATASETS.map((dataset) => {
    let best: RunRecord | undefined;
    let attempts = 0;
    for (const record of records) {
      if (!qualifies(record, dataset)) continue;
      attempts++;
      if (!best || worstLoss(record) < worstLoss(best)) best = record;
    }
    return { dataset, best, attempts, meets: best ? meetsTarget(best) : undefined };
  });
}

/** The words of the homework exports, in the reader's language (the page takes them from i18n). */
export interface HomeworkWords {
  readonly columns: {
    readonly dataType: string;
    readonly activation: string;
    readonly batchSize: string;
    readonly hiddenLayers: string;
    readonly neurons: string;
    readonly epochs: string;
    readonly trainLoss: string;
    readonly testLoss: string;
    readonly meets: string;
    readonly link: string;
  };
  readonly datasets: Readonly<Record<HomeworkDataset, string>>;
  /** The Markdown link's text. */
  readonly open: string;
}

/** The lecture's example row, as printed (for showing, not exporting). */
export const HOMEWORK_EXAMPLE = {
  activation: 'ReLU',
  batchSize: 30,
  hiddenLayers: 2,
  neurons: '6, 2',
  epochs: 156,
  trainLoss: '0.05',
  testLoss: '0.09',
} as const;

export const MEETS_MARK = '✓';
export const MISSES_MARK = '✗';

/** The link that reopens a record: `linkBase` (the page's address without '#') + '#' + its hash. */
export function recordLink(record: RunRecord, linkBase = ''): string {
  return `${linkBase}#${record.hash}`;
}

export function homeworkHeader(words: HomeworkWords): string[] {
  const c = words.columns;
  return [c.dataType, c.activation, c.batchSize, c.hiddenLayers, c.neurons, c.epochs, c.trainLoss, c.testLoss, c.meets, c.link];
}

/** A row's cells as text; a data set without a record has its name and empty cells. */
export function homeworkCells(row: HomeworkRow, words: HomeworkWords, linkBase = ''): string[] {
  const name = words.datasets[row.dataset];
  const r = row.best;
  if (!r) return [name, '', '', '', '', '', '', '', '', ''];
  return [
    name,
    ACTIVATION_LABELS[r.activation],
    String(r.batchSize),
    String(r.hiddenLayers),
    formatNeurons(r.neurons),
    String(r.epochs),
    formatLoss(r.trainLoss),
    formatLoss(r.testLoss),
    row.meets ? MEETS_MARK : MISSES_MARK,
    recordLink(r, linkBase),
  ];
}

/**
 * The homework table as CSV: the header in the words given, then one row per
 * data set (lecture order), losses to 3 decimals as the page shows them.
 */
export function homeworkToCsv(rows: readonly HomeworkRow[], words: HomeworkWords, linkBase = ''): string {
  return toCsv([homeworkHeader(words), ...rows.map((row) => homeworkCells(row, words, linkBase))]);
}

/** Text safe inside a Markdown table cell: backslashes and pipes escaped, line breaks as spaces. */
export function markdownCell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r\n|\r|\n/g, ' ');
}

/** A URL safe inside a Markdown link's parentheses (and a table cell). */
function markdownUrl(url: string): string {
  return url.replace(/[()|<> \\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * The homework table as a GitHub-flavoured Markdown table: the same columns
 * as the CSV, the link as `[open](url)`; the number columns right-aligned.
 */
export function homeworkToMarkdown(rows: readonly HomeworkRow[], words: HomeworkWords, linkBase = ''): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const header = homeworkHeader(words).map(markdownCell);
  const align = ['---', '---', '---:', '---:', '---', '---:', '---:', '---:', ':---:', '---'];
  const body = rows.map((row) => {
    const cells = homeworkCells(row, words, linkBase).map(markdownCell);
    if (row.best) cells[9] = `[${markdownCell(words.open).replaceAll(']', '\\]')}](${markdownUrl(recordLink(row.best, linkBase))})`;
    return line(cells);
  });
  return `${[line(header), line(align), ...body].join('\n')}\n`;
}
