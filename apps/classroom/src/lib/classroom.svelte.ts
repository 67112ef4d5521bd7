/**
 * The page's state: the class table's rows, and their checking. Files are
 * read and parsed as they come in; every row with a run goes to the pool of
 * training workers, which trains it again (`verifyRow` with a worker's
 * `replay`); the row's verdict replaces it as soon as it is known. The
 * progress counts rows checked out of rows to check.
 */
import { WorkerPool, type PoolMember, type ReplayResult, type RunReplay } from '@nn/trainer';
import { verifyRow, type HandInRow, type Verdict } from '@nn/records';
import { flagDuplicates, rowsOfFile, withVerdict, type ClassRow, type ReadFile } from './class.js';

/**
 * How often verdicts reach the table while a class is being checked. The
 * progress bar counts each verdict as it comes; redrawing the table and the
 * pictures is what costs, and on two cores it takes time from the workers.
 */
const FLUSH_MS = 1000;
/** How often the progress bar moves while a class is being checked (each move is a repaint). */
const PROGRESS_MS = 250;

/** Roughly how long a row's replay takes: epochs times the network's weights (0 without a run). */
export function replayCost(row: HandInRow): number {
  const run = row.run?.run;
  if (!run) return 0;
  const sizes = [run.config.features.length, ...run.config.networkShape, 1];
  let weights = 0;
  for (let i = 1; i < sizes.length; i++) weights += sizes[i - 1]! * sizes[i]!;
  return run.epochs * weights;
}

/** What the pool's workers must offer (a Comlink proxy of the training worker has it). */
export interface Replayer {
  replay(run: RunReplay): Promise<ReplayResult>;
}

export class Classroom {
  /** Every row, in intake order. */
  rows = $state.raw<ClassRow[]>([]);
  /** Files added so far. */
  files = $state(0);
  /** Verdicts in `pending` (counted by the progress bar before they reach the table). */
  private arrived = $state(0);
  /** Rows that were checked (verified, not matching or refused), and rows there are. */
  readonly done = $derived(this.rows.filter((row) => row.status !== 'waiting').length + this.arrived);
  readonly total = $derived(this.rows.length);
  /** Milliseconds from the first row of a batch to the last verdict (for the benchmark); undefined while checking. */
  lastBatchMs = $state<number | undefined>(undefined);
  /** Milliseconds the workers spent training runs again, summed over rows (for the benchmark). */
  replayMs = $state(0);

  /**
   * Verdicts not in `rows` yet. They are applied together at most every
   * FLUSH_MS: redrawing the table and the pictures for every single verdict
   * would keep the page's thread busy on a core the workers need.
   */
  private pending = new Map<number, Verdict>();
  private progressTimer: ReturnType<typeof setTimeout> | undefined;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;

  private pool: WorkerPool<Replayer> | undefined;
  private nextId = 0;
  private nextFile = 0;
  /** Bumped by clear(), so verdicts of rows cleared away are dropped. */
  private generation = 0;
  private batchStart: number | undefined;

  constructor(
    /** How many workers the pool may start. */
    readonly workers: number,
    private readonly startWorker: () => PoolMember<Replayer>,
  ) {}

  /** Adds the rows of `files` and starts checking them; resolves when all of them are checked. */
  async add(files: readonly ReadFile[]): Promise<void> {
    const added: ClassRow[] = [];
    for (const file of files) {
      const rows = rowsOfFile(file, this.nextFile++, this.nextId);
      this.nextId += rows.length;
      added.push(...rows);
    }
    if (added.length === 0) return;
    this.files += files.length;
    this.rows = flagDuplicates([...this.rows, ...added]);
    const generation = this.generation;
    if (this.batchStart === undefined) {
      this.batchStart = performance.now();
      this.lastBatchMs = undefined;
    }
    await Promise.all(
      added
        .filter((row) => row.status === 'waiting' && row.row)
        // Longest first, so the last tasks are short ones and no worker idles at the end.
        .sort((a, b) => replayCost(b.row!) - replayCost(a.row!))
        .map(async (row) => {
          const verdict = await verifyRow((run) => this.poolOf().run((api) => api.replay(run)), row.row!);
          if (generation !== this.generation) return;
          this.pending.set(row.id, verdict);
          this.progressTimer ??= setTimeout(() => {
            this.progressTimer = undefined;
            this.arrived = this.pending.size;
          }, PROGRESS_MS);
          this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
        }),
    );
    if (generation !== this.generation) return;
    const end = performance.now();
    this.flush();
    if (this.done === this.total && this.batchStart !== undefined) {
      this.lastBatchMs = end - this.batchStart;
      this.batchStart = undefined;
    }
  }

  /** Puts the verdicts that came in into the table. */
  private flush(): void {
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.size === 0) return;
    const pending = this.pending;
    this.pending = new Map();
    this.arrived = 0;
    if (this.progressTimer !== undefined) clearTimeout(this.progressTimer);
    this.progressTimer = undefined;
    let ms = 0;
    this.rows = this.rows.map((r) => {
      const verdict = pending.get(r.id);
      if (!verdict) return r;
      if (verdict.status !== 'rejected') ms += verdict.result.ms;
      return withVerdict(r, verdict);
    });
    this.replayMs += ms;
  }

  /** Empties the table (the workers stay for the next files). */
  clear(): void {
    this.generation++;
    this.dropPending();
    this.rows = [];
    this.files = 0;
    this.replayMs = 0;
    this.batchStart = undefined;
    this.lastBatchMs = undefined;
    // Rows still being trained again would hold the pool: start a fresh one.
    this.pool?.dispose();
    this.pool = undefined;
  }

  /** Workers started so far. */
  get started(): number {
    return this.pool?.started ?? 0;
  }

  private poolOf(): WorkerPool<Replayer> {
    this.pool ??= new WorkerPool(this.workers, this.startWorker);
    return this.pool;
  }

  private dropPending(): void {
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.pending.clear();
    this.arrived = 0;
    if (this.progressTimer !== undefined) clearTimeout(this.progressTimer);
    this.progressTimer = undefined;
  }

  dispose(): void {
    this.generation++;
    this.dropPending();
    this.pool?.dispose();
    this.pool = undefined;
  }
}
