/**
 * The page's one count of homework tries (see attempts.ts): started when a
 * homework preset is applied, stopped by any other preset, and fed by every
 * snapshot whether or not the lesson panel is on screen.
 */
import { untrack } from 'svelte';
import type { Playground } from '../playground.svelte.js';
import { startTally, tally, type DrawTally } from './attempts.js';
import type { HomeworkDataset } from './log.js';

export class HomeworkAttempts {
  /** The data set whose preset started the count; undefined when none is counting. */
  dataset = $state<HomeworkDataset | undefined>(undefined);
  counts = $state.raw<DrawTally>(startTally(undefined));

  private stopWatching: (() => void) | undefined;

  /** Counts from now on, for the preset of `dataset` about to be applied to `playground`. */
  start(playground: Playground, dataset: HomeworkDataset): void {
    this.counts = startTally(playground.snapshot);
    this.dataset = dataset;
    this.stopWatching ??= $effect.root(() => {
      $effect(() => {
        const snapshot = playground.snapshot;
        if (!snapshot) return;
        untrack(() => {
          if (this.dataset !== undefined) this.counts = tally(this.counts, snapshot);
        });
      });
    });
  }

  /** Stops counting (another lesson's preset was applied). */
  stop(): void {
    this.dataset = undefined;
  }
}

export const homeworkAttempts = new HomeworkAttempts();
