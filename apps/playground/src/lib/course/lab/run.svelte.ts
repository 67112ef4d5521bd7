/**
 * One run of the learning-rate lab: gradient descent over the bowl (bowl.ts)
 * from w₀ with the rate the student typed, one update at a time ("One step")
 * or animated to its end ("Run to the end"). The run settles at the first
 * update that decides its outcome (bowl.ts's `judge`), and says so once,
 * through `onsettle`; the table marks that rate as run.
 *
 * Changing the rate starts over from w₀, so the update count always means
 * "updates from the start with this rate", as in the table.
 */
import { MAX_STEPS, W_START, gradient, gradientStep, judge, parseRate, type Outcome, type RateCheck } from '../bowl.js';

/** The rate the lab opens with: visible updates, converges in 83 (the lecture's "0.1 works well"). */
export const DEFAULT_RATE_TEXT = '0.1';

/** How a run ended, the moment it did. */
export interface Settled {
  readonly rate: number;
  readonly outcome: Outcome;
  /** The update that decided it (MAX_STEPS for 'not-converged'). */
  readonly steps: number;
}

/** The animation clock: the browser's frames, or a hand-driven one in tests. */
export interface Frames {
  /** Milliseconds, monotonic. */
  now(): number;
  request(callback: (now: number) => void): number;
  cancel(handle: number): void;
}

/** The browser's animation frames (requestAnimationFrame and performance.now). */
export const browserFrames: Frames = {
  now: () => performance.now(),
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
};

/**
 * Updates a run should have taken `ms` after "Run to the end" was pressed:
 * the first 5 slowly (one every 150 ms, to see where they go), then 130 a
 * second up to update 300 (the lecture's slowest rate, 0.03, takes about
 * 2.9 s in all), then 400 a second up to MAX_STEPS (about 4.8 s for a whole
 * run). Never fewer than 1, so the first frame already moves.
 */
export function stepsDue(ms: number): number {
  const slowEnd = 750;
  const fastEnd = slowEnd + (300 - 5) / 0.13;
  if (ms < slowEnd) return Math.floor(Math.max(0, ms) / 150) + 1;
  if (ms < fastEnd) return 5 + Math.floor((ms - slowEnd) * 0.13);
  return 300 + Math.floor((ms - fastEnd) * 0.4);
}

export interface LabRunOptions {
  /** The text the rate field starts with (default DEFAULT_RATE_TEXT). */
  readonly rateText?: string;
  readonly frames?: Frames;
  /** Called once per run, at the update that decides its outcome. */
  readonly onsettle?: (settled: Settled) => void;
}

export class LabRun {
  /** What the rate field holds, as typed. */
  rateText = $state(DEFAULT_RATE_TEXT);
  readonly rateCheck: RateCheck = $derived(parseRate(this.rateText));
  /** The learning rate, or undefined while the field does not hold a usable one. */
  readonly rate: number | undefined = $derived(this.rateCheck.ok ? this.rateCheck.rate : undefined);

  /** The weights so far: w₀ … w_step. */
  path = $state<number[]>([W_START]);
  /** How the run ended, or null while it is going. */
  outcome = $state<Outcome | null>(null);
  /** The update that decided the outcome (0 while there is none). */
  outcomeStep = $state(0);
  /** Whether "Run to the end" is animating. */
  running = $state(false);

  /** Updates taken. */
  readonly step: number = $derived(this.path.length - 1);
  /** The current weight. */
  readonly weight: number = $derived(this.path[this.path.length - 1] ?? W_START);
  /** dL/dw where the last update was taken from (undefined before the first). */
  readonly lastGradient: number | undefined = $derived(
    this.step > 0 ? gradient(this.path[this.step - 1] ?? W_START) : undefined,
  );
  readonly canStep: boolean = $derived(
    this.rate !== undefined &&
      !this.running &&
      this.step < MAX_STEPS &&
      this.outcome !== 'diverged' &&
      this.outcome !== 'not-converged',
  );
  /** Whether the run button does anything (start, or stop while running). */
  readonly canRun: boolean = $derived(this.running || (this.rate !== undefined && this.outcome === null));

  readonly #frames: Frames;
  readonly #onsettle: ((settled: Settled) => void) | undefined;
  #frame = 0;
  #runStartTime = 0;
  #runStartStep = 0;

  constructor(options: LabRunOptions = {}) {
    this.rateText = options.rateText ?? DEFAULT_RATE_TEXT;
    this.#frames = options.frames ?? browserFrames;
    this.#onsettle = options.onsettle;
  }

  /**
   * One update of gradient descent; records the outcome (and reports it) the
   * first time there is one. A converged run may take more updates: they
   * stay at the minimum's side and change nothing of the outcome.
   */
  stepOnce = (): void => {
    const rate = this.rate;
    if (rate === undefined || this.step >= MAX_STEPS) return;
    const next = gradientStep(this.weight, rate);
    const step = this.step + 1;
    this.path.push(next);
    if (this.outcome === null) {
      const decided = judge(next, step);
      if (decided !== null) {
        this.outcome = decided;
        this.outcomeStep = step;
        this.#onsettle?.({ rate, outcome: decided, steps: step });
      }
    }
  };

  /** "Run to the end" (or "Stop" while it runs). */
  toggleRun = (): void => {
    if (this.running) {
      this.stop();
      return;
    }
    if (!this.canRun) return;
    this.running = true;
    this.#runStartTime = this.#frames.now();
    this.#runStartStep = this.step;
    this.#frame = this.#frames.request(this.#tick);
  };

  #tick = (now: number): void => {
    if (!this.running) return;
    const due = this.#runStartStep + stepsDue(now - this.#runStartTime);
    while (this.step < due && this.outcome === null && this.step < MAX_STEPS) this.stepOnce();
    if (this.outcome !== null || this.step >= MAX_STEPS) {
      this.running = false;
      return;
    }
    this.#frame = this.#frames.request(this.#tick);
  };

  /** Stops the animation where it is. */
  stop = (): void => {
    this.running = false;
    this.#frames.cancel(this.#frame);
  };

  /** Back to w₀ with the same rate. */
  reset = (): void => {
    this.stop();
    this.path = [W_START];
    this.outcome = null;
    this.outcomeStep = 0;
  };

  /** A new rate (as typed): starts over from w₀. */
  setRate = (text: string): void => {
    this.rateText = text;
    this.reset();
  };
}
