/**
 * Reading one of this product's JSON files (a hand-in, a model) from its
 * text, with the same named refusals for every kind: empty, too large, cut
 * short, not JSON, another kind of file, a newer format, or a wrong value
 * (with its path). Never throws.
 */
import * as v from 'valibot';
import { reject, type RejectReason } from './reasons.js';
import { firstIssue } from './run.js';

/** What tells one kind of file from another, and what this version reads of it. */
export interface FileKind<S extends v.GenericSchema> {
  /** The file's `format` field. */
  readonly format: string;
  /** What the messages call it: "hand-in", "model". */
  readonly noun: string;
  /** Longest text read, in characters. */
  readonly maxBytes: number;
  /** The newest format version this one reads. */
  readonly newestVersion: number;
  readonly schema: S;
}

/**
 * Whether JSON text stops in the middle: an object or array left open, or a
 * string not closed (what a download cut short looks like).
 */
export function looksTruncated(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return inString || depth > 0;
}

/** `text` read as a file of `kind`, or the reason it is refused. */
export function parseFile<S extends v.GenericSchema>(
  text: string,
  kind: FileKind<S>,
): { ok: true; value: v.InferOutput<S> } | { ok: false; reason: RejectReason } {
  const refused = (reason: RejectReason) => ({ ok: false as const, reason });
  if (typeof text !== 'string' || text.trim() === '') return refused(reject('empty', 'The file is empty.'));
  if (text.length > kind.maxBytes) {
    return refused(
      reject('too-large', `The file is too large for a ${kind.noun} (${text.length} characters; at most ${kind.maxBytes}).`, {
        size: text.length,
        max: kind.maxBytes,
      }),
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    const trimmed = text.trim();
    if ((trimmed.startsWith('{') || trimmed.startsWith('[')) && looksTruncated(trimmed)) {
      return refused(reject('truncated', 'The file stops in the middle: it was cut short (download or copy it again).'));
    }
    return refused(reject('damaged', 'The file is damaged: it is not readable JSON.'));
  }
  const format = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as { format?: unknown }).format : undefined;
  if (format !== kind.format) {
    const named = typeof format === 'string' ? format : '';
    return refused(
      reject('foreign', `This is not a ${kind.noun} file of this playground${named ? ` (it says it is "${named}")` : ''}.`, {
        format: named,
      }),
    );
  }
  const version = (value as { version?: unknown }).version;
  if (typeof version === 'number' && Number.isInteger(version) && version > kind.newestVersion) {
    const supported = kind.newestVersion;
    return refused(
      reject('future', `The file was written by a newer version (${kind.noun} format ${version}); this one reads format ${supported}.`, {
        version,
        supported,
      }),
    );
  }
  const result = v.safeParse(kind.schema, value);
  if (!result.success) {
    const { path, issue } = firstIssue(result.issues);
    return refused(reject('invalid', `The file has a wrong value${path ? ` at ${path}` : ''}: ${issue}.`, { path, issue }));
  }
  return { ok: true, value: result.output };
}
