/**
 * The page's one experiment log (localStorage), shared by the Record button,
 * the log table, the homework table and the lessons' note boxes, with
 * reactive copies of what they show; the student's name and number; opening
 * a record (replayed exactly when it holds its run). Also the small browser
 * helpers those components share (downloads).
 */
import type { HandInRow } from '@nn/records';
import { describeHashNotice } from '../panels/message.js';
import type { Playground } from '../playground.svelte.js';
import { openExactRun, type OpenReport } from '../playground/replay.js';
import { parseHash } from '../state/hash.js';
import {
  LOG_KEY,
  STUDENT_KEY,
  createLogStore,
  readStudent,
  rowExercise,
  writeStudent,
  type Student,
  type LogStore,
  type MemoryReason,
  type Notes,
  type RunRecord,
  type SetAsideReport,
  type StorageLike,
} from './log.js';

/** localStorage, or undefined where the browser blocks it (reading the property itself may throw). */
function browserStorage(): StorageLike | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** A LogStore with rune copies of its records, reports and storage state. */
export class ReactiveLog {
  /** Oldest first. */
  records = $state.raw<readonly RunRecord[]>([]);
  /** The student's observations by task (`noteKey(lesson, task)`). */
  notes = $state.raw<Notes>({});
  reports = $state.raw<readonly SetAsideReport[]>([]);
  persistent = $state(true);
  memoryReason = $state<MemoryReason | undefined>(undefined);

  readonly store: LogStore;

  constructor(store: LogStore) {
    this.store = store;
    this.sync();
    store.subscribe(() => this.sync());
  }

  private sync(): void {
    this.records = this.store.list();
    this.notes = this.store.notes();
    this.reports = this.store.reports;
    this.persistent = this.store.persistent;
    this.memoryReason = this.store.memoryReason;
  }

  add(record: RunRecord): RunRecord {
    return this.store.add(record);
  }

  /** Keeps a task's observation ('' removes it); throws a LogError for a note the log refuses. */
  setNote(key: string, text: string): void {
    this.store.setNote(key, text);
  }

  restore(record: RunRecord): RunRecord {
    return this.store.restore(record);
  }

  remove(id: number): boolean {
    return this.store.remove(id);
  }

  clear(): void {
    this.store.clear();
  }

  dismissReport(report: SetAsideReport): void {
    this.store.dismissReport(report);
  }

  /**
   * For a window 'storage' event: re-reads the log when another tab changed
   * it (event.key null means that tab cleared all of storage).
   */
  handleStorageEvent(event: StorageEvent): void {
    if (event.key === null || event.key === this.store.storageKey) this.store.reload();
  }
}

export const experimentLog = new ReactiveLog(createLogStore({ storage: browserStorage(), key: LOG_KEY }));

/** The student's name and number (localStorage, apart from the log), as the homework view shows them. */
export class ReactiveStudent {
  name = $state('');
  number = $state('');
  /** False when the browser refused to store them (they live in this tab). */
  persistent = $state(true);

  constructor(private readonly storage: StorageLike | undefined) {
    this.read();
  }

  get value(): Student {
    return { name: this.name, number: this.number };
  }

  set(patch: Partial<Student>): void {
    if (patch.name !== undefined) this.name = patch.name;
    if (patch.number !== undefined) this.number = patch.number;
    this.persistent = writeStudent(this.storage, this.value);
  }

  /** For a window 'storage' event: another tab changed them. */
  handleStorageEvent(event: StorageEvent): void {
    if (event.key === null || event.key === STUDENT_KEY) this.read();
  }

  private read(): void {
    const stored = readStudent(this.storage);
    this.name = stored.name;
    this.number = stored.number;
  }
}

export const student = new ReactiveStudent(browserStorage());

/**
 * Offers `text` as a file download: a Blob behind a temporary
 * `<a download>`. Navigating to a blob: URL of our own origin is allowed by
 * the page's CSP (it is not a fetch). `bom` prepends U+FEFF so that Excel
 * reads a UTF-8 CSV (Korean headers) correctly.
 */
export function downloadText(filename: string, text: string, type: string, { bom = false } = {}): void {
  const blob = new Blob(bom ? ['\uFEFF', text] : [text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers start the download after click() returns; give them a moment.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Today's date for file names, e.g. "2025-03-14" (local time). */
export function fileDate(date: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Reopens a recorded run: its settings and its data seed (as a link would),
 * then, when the record holds its exact run, the worker replays it to its
 * epoch and the replay is compared with the record. An imported file is left
 * behind: recorded runs are on generated data. The report says how it went
 * (see playground/replay.ts).
 */
export async function openRecord(playground: Playground, record: RunRecord): Promise<OpenReport> {
  const parsed = parseHash(record.hash, () => record.seed);
  for (const notice of parsed.notices) playground.notify('warning', describeHashNotice(notice));
  return openExactRun(playground, parsed.state, record.run);
}

/** Opens a row of a hand-in file as a record is opened (replayed exactly when it holds its run). */
export async function openHandInRow(playground: Playground, row: HandInRow): Promise<OpenReport> {
  const { state, notices } = rowExercise(row);
  for (const notice of notices) playground.notify('warning', describeHashNotice(notice));
  return openExactRun(playground, state, row.run);
}
