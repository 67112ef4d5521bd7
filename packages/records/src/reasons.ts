/**
 * Why a file or a row is refused, for people and for programs: a stable
 * `code` the apps translate (with `params`), and the same in English.
 */
export type RejectCode =
  /** The file is empty. */
  | 'empty'
  /** Larger than any hand-in could be. */
  | 'too-large'
  /** JSON that stops in the middle (a download cut short). */
  | 'truncated'
  /** Not JSON at all, or broken inside. */
  | 'damaged'
  /** JSON, but not this product's file of this kind ({format}). */
  | 'foreign'
  /** Written by a newer version than this one reads ({version, supported}). */
  | 'future'
  /** The right kind of file with a value that is wrong ({path, issue}). */
  | 'invalid'
  /** A row recorded before runs were kept exactly: nothing to replay. */
  | 'no-run'
  /** The run could not be trained again ({code, message}: the trainer's refusal). */
  | 'replay-failed';

export interface RejectReason {
  readonly code: RejectCode;
  /** The reason in English (the apps show their own translation of `code`). */
  readonly message: string;
  readonly params: Readonly<Record<string, string | number>>;
}

export function reject(code: RejectCode, message: string, params: Record<string, string | number> = {}): RejectReason {
  return { code, message, params };
}

/** The result of reading something that may be refused. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: RejectReason };
