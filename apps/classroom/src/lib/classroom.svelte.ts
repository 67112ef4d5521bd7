/**
 * The page's state: the class table's rows, and their checking. Files are
 * read and parsed as they come in; every row with a run goes to the pool of
 * training workers, which trains it again (`verifyRow` with a worker's
 * `replay`); the row's verdict replaces it as soon as it is known. The
 * progress counts rows checked out of rows to check.
 */
import type { ReplayResult, RunReplay } from '@nn/trainer';
import { verifyRow } from '@nn/records';
import { flagDuplicates, rowsOfFile, withVerdict, type ClassRow, type ReadFile } from './class.js';
import { WorkerPool, type PoolMember } from './pool.js';

/** What the pool's workers must offer (a Comlink proxy of the training worker has it). */
export interface Replayer {
  replay(run: RunReplay): Promise<ReplayResult>;
}

export class Classroom {
  /** Every row, in intake order. */
  rows = $state.raw<ClassRow[]>([]);
  /** Files added so far. */
  files = $state(0);
  /** Rows that were checked (verified, not matching or refused), and rows there are. */
  readonly done = $derived(this.rows.filter((row) => row.status !== 'waiting').length);
  readonly total = $derived(this.rows.length);
  /** Milliseconds from the first row of a batch to the last verdict (for the benchmark); undefined while checking. */
  lastBatchMs = $state<number | undefined>(undefined);

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
        .map(async (row) => {
          const verdict = await verifyRow((run) => this.poolOf().run((api) => api.replay(run)), row.row!);
          if (generation !== this.generation) return;
          this.rows = this.rows.map((r) => (r.id === row.id ? withVerdict(r, verdict) : r));
        }),
    );
    if (generation === this.generation && this.done === this.total && this.batchStart !== undefined) {
      this.lastBatchMs = performance.now() - this.batchStart;
      this.batchStart = undefined;
    }
  }

  /** Empties the table (the workers stay for the next files). */
  clear(): void {
    this.generation++;
    this.rows = [];
    this.files = 0;
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

  dispose(): void {
    this.generation++;
    this.pool?.dispose();
    this.pool = undefined;
  }
}
