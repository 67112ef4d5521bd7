/**
 * Opening a recorded run exactly (a record of the experiment log, a row of a
 * hand-in file, a link with `run=`): the playground takes the record's
 * settings, the worker replays the run to its epoch, and the replay is
 * compared with what the record says. What the student is told comes out as
 * messages (translation keys and values), so it follows a language switch.
 */
import { PRODUCT_VERSION, departureOf, versionNote, type Departure, type ExactRun, type RejectReason } from '@nn/records';
import type { Message, MessageParam } from '../panels/message.js';
import type { Playground } from '../playground.svelte.js';
import type { PlaygroundState } from '../state/hash.js';
import { describeFailure } from './failures.js';

/** How an open went. */
export type ReplayOutcome =
  /** Replayed; every checkpoint and the final numbers equal the record's. */
  | { readonly kind: 'exact'; readonly epoch: number }
  /** Replayed, but it departs from the record (the first place it does). */
  | { readonly kind: 'departed'; readonly departure: Departure }
  /** The record holds no run: its settings and seed were opened, from epoch 0. */
  | { readonly kind: 'settings-only' }
  /** The worker refused the run (why); its settings and seed were opened instead, from epoch 0. */
  | { readonly kind: 'refused'; readonly reason: MessageParam }
  /** No worker to replay in (it stopped; the page already says so). */
  | { readonly kind: 'lost' };

export interface OpenReport {
  readonly outcome: ReplayOutcome;
  /** What the record can reproduce here (see @nn/records' versionNote). */
  readonly note: 'exact' | 'other-version' | 'no-run';
  /** The product version the record was made with (when it has a run). */
  readonly recorded?: string;
}

/** A value of a departure as the notice shows it: numbers in full (a last-bit change must show). */
function shownValue(value: Departure['claimed']): MessageParam {
  return value === null ? { key: 'replay.missing' } : String(value);
}

/** Why a run (a link's `run=`, a file) was refused, in the reader's language. */
export function describeReject(reason: RejectReason): Message {
  const params: Record<string, MessageParam> = { format: '', version: '', supported: '', path: '', issue: '', message: '' };
  for (const [name, value] of Object.entries(reason.params)) params[name] = value;
  return { key: `replay.reasons.${reason.code}`, params };
}

/** What the student is told after opening a record: the version note first (if any), then how the replay went. */
export function openMessages(report: OpenReport): Message[] {
  const messages: Message[] = [];
  if (report.note === 'other-version') {
    messages.push({ key: 'replay.otherVersion', params: { recorded: report.recorded ?? '', current: PRODUCT_VERSION } });
  }
  const outcome = report.outcome;
  switch (outcome.kind) {
    case 'exact':
      messages.push({ key: 'replay.exact', params: { epoch: outcome.epoch } });
      break;
    case 'departed': {
      const d = outcome.departure;
      messages.push({
        key: 'replay.departed',
        params: {
          epoch: d.epoch,
          what: d.what === 'weights' || d.what === 'biases' ? { key: `replay.what.${d.what}`, params: { at: d.at ?? 0 } } : { key: `replay.what.${d.what}` },
          claimed: shownValue(d.claimed),
          replayed: shownValue(d.replayed),
        },
      });
      break;
    }
    case 'settings-only':
      messages.push({ key: 'replay.noRun' });
      break;
    case 'refused':
      messages.push({ key: 'replay.refused', params: { reason: outcome.reason } });
      break;
    case 'lost':
      break;
  }
  return messages;
}

/** Whether the messages of a report are good news (an exact replay) rather than a warning. */
export function isExact(report: OpenReport): boolean {
  return report.outcome.kind === 'exact' && report.note === 'exact';
}

/**
 * Opens a record in the playground: `exercise` (the record's settings, from
 * its hash) as openExercise does, keeping the session; with `run`, the
 * worker then replays it to its epoch and the replay is compared with it.
 */
export async function openExactRun(playground: Playground, exercise: PlaygroundState, run: ExactRun | undefined): Promise<OpenReport> {
  const note = versionNote(run);
  if (!run) {
    await playground.openExercise(exercise);
    return { outcome: { kind: 'settings-only' }, note };
  }
  const base = { note, recorded: run.product };
  const result = await playground.openRun(exercise, run.run);
  if (result === undefined) return { ...base, outcome: { kind: 'lost' } };
  if ('refused' in result) return { ...base, outcome: { kind: 'refused', reason: describeFailure(result.refused) } };
  const departure = departureOf(run, result);
  return { ...base, outcome: departure ? { kind: 'departed', departure } : { kind: 'exact', epoch: result.run.epochs } };
}
