/**
 * A playground link that opens one exact run: the record's own hash (its
 * settings) followed by `run=` and the record as base64url JSON. The
 * playground replays it on opening (the classroom app's rows link there).
 */
import * as v from 'valibot';
import { reject, type RejectReason } from './reasons.js';
import { ExactRunSchema, firstIssue, type ExactRun } from './run.js';

/** The hash key that carries a run. */
export const RUN_PARAM = 'run';

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(value: string): string {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** The whole hash (without '#') of a playground link that opens `run`. */
export function runLinkHash(run: ExactRun): string {
  const param = `${RUN_PARAM}=${toBase64Url(JSON.stringify(run))}`;
  return run.hash ? `${run.hash}&${param}` : param;
}

/** Reads the value of a link's `run=`; never throws. */
export function readRunParam(value: string): { ok: true; run: ExactRun } | { ok: false; reason: RejectReason } {
  let json: unknown;
  try {
    json = JSON.parse(fromBase64Url(value));
  } catch {
    return { ok: false, reason: reject('damaged', 'The link’s run is damaged (it was cut or changed when copied).') };
  }
  const result = v.safeParse(ExactRunSchema, json);
  if (!result.success) {
    const { path, issue } = firstIssue(result.issues);
    return { ok: false, reason: reject('invalid', `The link’s run has a wrong value${path ? ` at ${path}` : ''}: ${issue}.`, { path, issue }) };
  }
  return { ok: true, run: result.output };
}
