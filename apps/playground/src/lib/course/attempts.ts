/**
 * Counting a student's tries on one homework data set: how many draws of the
 * data (new points: the preset, Regenerate, a new noise or ratio) and how many
 * draws of first weights (the preset, Reset, a network change) the playground
 * has trained on since the homework preset was applied. The counts come from
 * the versions every snapshot carries, so nothing has to report its clicks.
 */
import type { Snapshot } from '@nn/trainer';

export interface DrawCounts {
  /** Data sets trained on, the preset's own included. */
  readonly data: number;
  /** Sets of first weights trained from, the preset's own included. */
  readonly weights: number;
}

/** Where a count stands: the totals and the versions last seen. */
export interface DrawTally extends DrawCounts {
  readonly dataVersion: number;
  readonly networkVersion: number;
}

type Versions = Pick<Snapshot, 'dataVersion' | 'networkVersion'>;

/**
 * A new count, starting from the snapshot on screen when the preset is
 * applied (undefined before the first one): the preset's own data and weights
 * arrive with the next versions and count as the first draw of each.
 */
export function startTally(current: Versions | undefined): DrawTally {
  return { data: 0, weights: 0, dataVersion: current?.dataVersion ?? -1, networkVersion: current?.networkVersion ?? -1 };
}

/**
 * The tally after `snapshot`. Versions only grow within one worker, and
 * several changes may arrive in one snapshot, so the count grows by the
 * difference; a restarted worker counts from 0 again, which is one draw.
 */
export function tally(previous: DrawTally, snapshot: Versions): DrawTally {
  const grew = (now: number, before: number): number => (now === before ? 0 : now > before ? now - before : 1);
  return {
    data: previous.data + grew(snapshot.dataVersion, previous.dataVersion),
    weights: previous.weights + grew(snapshot.networkVersion, previous.networkVersion),
    dataVersion: snapshot.dataVersion,
    networkVersion: snapshot.networkVersion,
  };
}
