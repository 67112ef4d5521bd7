/**
 * The log over a storage: localStorage in the page, an in-memory one in
 * tests, so the whole behaviour, damaged data included, is testable in Node.
 *
 * Saved data is never dropped silently: a stored value this version cannot
 * use (not JSON, another format, a newer or unknown version, a record or a
 * note that fails the schema) is first copied as-is to a new key
 * `nn-playground.experiment-log.set-aside.<ISO time>`, and only then is the
 * log rewritten (keeping what passes). The store reports what it did
 * ({ key, reason, count, ... }) so the page can say so and offer the text for
 * download. Storage that throws (blocked, full) leaves the log working in
 * memory, and the store says it will not survive a reload.
 */
import * as v from 'valibot';
import type { RunRecord } from './records.js';
import {
  MAX_NOTE_LENGTH,
  RunRecordSchema,
  isNoteKey,
  parseLog,
  serializeLog,
  type Notes,
  type SetAsideReason,
} from './schema.js';

export const LOG_KEY = 'nn-playground.experiment-log';
export const SET_ASIDE_PREFIX = `${LOG_KEY}.set-aside.`;

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
  /** Records (for 'invalid-notes': notes) in the set-aside text that are not in the log (0 when the text is not readable as records). */
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
  private noteMap: Notes = {};
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

  /** The student's observations by task (see `noteKey`). */
  notes(): Notes {
    return this.noteMap;
  }

  /**
   * Keeps `text` as the note of task `key` (an empty text removes it);
   * stored with the records. Throws a LogError for a key that names no
   * task or a text longer than MAX_NOTE_LENGTH, and stores nothing then.
   */
  setNote(key: string, text: string): void {
    if (!isNoteKey(key)) throw new LogError(`This note cannot be kept: ${JSON.stringify(key)} is not a lesson task.`);
    if (text.length > MAX_NOTE_LENGTH) throw new LogError(`This note cannot be kept: it is longer than ${MAX_NOTE_LENGTH} characters.`);
    this.read();
    const next: Record<string, string> = { ...this.noteMap };
    if (text === '') delete next[key];
    else next[key] = text;
    this.noteMap = next;
    this.write();
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

  /** Removes every record (set-aside copies and the notes stay). */
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
      this.noteMap = {};
      return;
    }
    const parsed = parseLog(text);
    if (parsed.ok) {
      this.records = parsed.records;
      this.noteMap = parsed.notes;
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
    this.noteMap = parsed.keptNotes;
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
        this.storage.setItem(this.key, serializeLog(this.records, this.noteMap));
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
