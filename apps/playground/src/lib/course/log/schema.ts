/**
 * The stored log's format and its check: what a saved log looks like, and
 * reading one back without ever throwing, saying precisely what is wrong
 * with a value this version cannot use.
 *
 * Stored as `{ format: 'nn-playground-log', version: 3, records, notes }`.
 * Version 1 (no notes) and version 2 (no exact runs) are still read; a newer
 * version is refused as a whole (the store sets it aside), so an older app
 * never drops what it cannot read.
 */
import * as v from 'valibot';
import { DATASET_NAMES, FEATURE_IDS } from '@nn/datasets';
import { ExactRunSchema } from '@nn/records';
import { ACTIVATIONS, ENGINES, PROBLEMS } from '../../state/hash.js';
import type { RunRecord } from './records.js';

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
    /** The exact run (version 3 on), checked with @nn/records' own schema. */
    run: v.optional(ExactRunSchema),
  }),
  v.check((record) => record.hiddenLayers === record.neurons.length, 'hiddenLayers must equal the length of neurons'),
);

// ---------------------------------------------------------------- notes

/**
 * The student's observations, one per lesson task: `"<lesson id>.<task
 * number>"` (e.g. "overfitting.1") to the text typed into its note box.
 * Empty notes are not kept.
 */
export type Notes = Readonly<Record<string, string>>;

/** The longest note kept (a paragraph or two; the box says so by its maxlength). */
export const MAX_NOTE_LENGTH = 4000;

/** A lesson id, a dot and a task number from 1. */
const NOTE_KEY = /^[A-Za-z][A-Za-z0-9]*\.[1-9][0-9]?$/;

/** The key of a task's note. */
export function noteKey(lessonId: string, taskNumber: number): string {
  return `${lessonId}.${taskNumber}`;
}

export function isNoteKey(key: string): boolean {
  return NOTE_KEY.test(key);
}

const NoteSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_NOTE_LENGTH));

// ---------------------------------------------------------------- the stored value

export const LOG_FORMAT = 'nn-playground-log';
/** The version this app writes. */
export const LOG_VERSION = 3;
/** Versions this app reads (1 had no notes, 2 no exact runs). */
export const READABLE_LOG_VERSIONS: readonly number[] = [1, 2, 3];

export interface StoredLog {
  readonly format: typeof LOG_FORMAT;
  readonly version: typeof LOG_VERSION;
  readonly records: readonly RunRecord[];
  readonly notes: Notes;
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
  | 'invalid-records'
  /** The records are fine, but some notes are not (the valid ones are kept). */
  | 'invalid-notes';

export type ParsedLog =
  | { readonly ok: true; readonly records: RunRecord[]; readonly notes: Notes }
  | {
      readonly ok: false;
      readonly reason: SetAsideReason;
      /** The records that can be kept ('invalid-records', 'invalid-notes'). */
      readonly kept: RunRecord[];
      /** The notes that can be kept ('invalid-records', 'invalid-notes'). */
      readonly keptNotes: Notes;
      /** How many records (or, for 'invalid-notes', notes) the text holds that are not kept (0 when it cannot be read as a list). */
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

/** The valid notes of a stored `notes` value, and what is wrong with the others. */
function readNotes(value: unknown): { notes: Record<string, string>; problems: string[]; dropped: number } {
  const notes: Record<string, string> = {};
  if (value === undefined) return { notes, problems: [], dropped: 0 };
  if (!isRecordObject(value)) return { notes, problems: ['"notes" is not an object'], dropped: 1 };
  const problems: string[] = [];
  for (const [key, text] of Object.entries(value)) {
    if (!isNoteKey(key)) problems.push(`note ${JSON.stringify(key)}: not a lesson task`);
    else if (!v.is(NoteSchema, text)) problems.push(`note ${key}: not a text of 1 to ${MAX_NOTE_LENGTH} characters`);
    else notes[key] = text;
  }
  return { notes, problems, dropped: problems.length };
}

/** Reads a stored log's text. Never throws. */
export function parseLog(text: string): ParsedLog {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: 'invalid-json', kept: [], keptNotes: {}, count: 0, invalid: [], detail };
  }
  const fail = (reason: SetAsideReason, detail: string, extra: { version?: unknown; count?: number } = {}): ParsedLog => ({
    ok: false,
    reason,
    kept: [],
    keptNotes: {},
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
  if (typeof version !== 'number' || !READABLE_LOG_VERSIONS.includes(version)) {
    return fail('unknown-version', `version is ${JSON.stringify(version) ?? 'missing'}, not one of ${READABLE_LOG_VERSIONS.join(', ')}`, {
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
  // Version 1 had no notes; a later log without them has none yet. Records of
  // versions 1 and 2 have no `run`; one found there is checked all the same.
  const notes = readNotes(version === 1 ? undefined : data['notes']);
  if (invalid.length > 0) {
    return {
      ok: false,
      reason: 'invalid-records',
      kept,
      keptNotes: notes.notes,
      count: invalid.length,
      invalid,
      detail: [...problems, ...notes.problems].join('; '),
    };
  }
  if (notes.dropped > 0) {
    return {
      ok: false,
      reason: 'invalid-notes',
      kept,
      keptNotes: notes.notes,
      count: notes.dropped,
      invalid: [],
      detail: notes.problems.join('; '),
    };
  }
  return { ok: true, records: kept, notes: notes.notes };
}

export function serializeLog(records: readonly RunRecord[], notes: Notes = {}): string {
  const log: StoredLog = { format: LOG_FORMAT, version: LOG_VERSION, records, notes };
  return JSON.stringify(log);
}
