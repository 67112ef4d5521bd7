import { generatePlaygroundData, type DatasetName, type Example2D } from '@nn/datasets';
import { describe, expect, it } from 'vitest';
import { startTally, tally } from '../src/lib/course/attempts.js';
import { countFlipped, stallAdvice, type LossCurves } from '../src/lib/course/flips.js';
import {
  HOMEWORK,
  LOG_CSV_COLUMNS,
  LOG_FORMAT,
  LOG_KEY,
  LOG_VERSION,
  LogError,
  MAX_NOTE_LENGTH,
  SET_ASIDE_PREFIX,
  createLogStore,
  formatLoss,
  homeworkRows,
  homeworkToCsv,
  homeworkToMarkdown,
  logToCsv,
  markdownCell,
  parseLog,
  recordFrom,
  serializeLog,
  type HomeworkWords,
  type NoteLine,
  type RunRecord,
  type StorageLike,
} from '../src/lib/course/log.js';
import { defaultState, parseHash, serializeHash, type PlaygroundState } from '../src/lib/state/hash.js';

// ---------------------------------------------------------------- helpers

/** localStorage's behaviour on a Map. */
class MemoryStorage implements StorageLike {
  readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, String(value));
  }
  keys(): string[] {
    return [...this.map.keys()];
  }
  setAsideKeys(): string[] {
    return this.keys().filter((k) => k.startsWith(SET_ASIDE_PREFIX));
  }
}

/** Storage that refuses reading (blocked: sandboxed frame, disabled cookies). */
class BlockedStorage implements StorageLike {
  getItem(): string | null {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  }
  setItem(): void {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  }
}

/** Storage that reads but refuses every write (full). */
class FullStorage extends MemoryStorage {
  override setItem(): void {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  }
}

const NOW = new Date('2025-03-14T09:26:53.589Z');
const now = (): Date => NOW;

function stateWith(patch: Partial<PlaygroundState> = {}): PlaygroundState {
  return { ...defaultState('0.12345'), ...patch };
}

let nextSeed = 1;
/** A record (id 0, as recordFrom makes it) with the homework's conditions unless patched. */
function run(patch: Partial<RunRecord> = {}): RunRecord {
  const state = stateWith({ percTrainData: 70, noise: 20, seed: `0.${nextSeed++}` });
  const base = recordFrom(state, { epoch: 300, trainLoss: 0.08, testLoss: 0.09 }, serializeHash(state), NOW);
  return { ...base, ...patch };
}

function stored(records: readonly RunRecord[]): string {
  return serializeLog(records);
}

const WORDS: HomeworkWords = {
  columns: {
    name: 'name',
    number: 'student number',
    dataType: 'data type',
    activation: 'activation',
    batchSize: 'batch size',
    hiddenLayers: '# hidden layers',
    neurons: '# neurons',
    epochs: 'epochs',
    trainLoss: 'training loss',
    testLoss: 'test loss',
    meets: 'both < 0.1',
    link: 'link',
  },
  datasets: { gauss: 'two blobs', xor: 'XOR', circle: 'Circle', spiral: 'Spiral' },
  open: 'open',
  notes: { title: 'My observations', lesson: 'Lesson', task: 'Task', text: 'My observation' },
};

const NOTES: readonly NoteLine[] = [
  { lesson: 'Lesson 6: Generalization and overfitting', task: 'Task 1', text: 'The test loss went up, 0.36 → 0.77 | yes' },
  { lesson: 'Lesson 11: Homework', task: 'Task 3', text: 'Needed 4 draws, "lucky" one\nthen stopped' },
];

// ---------------------------------------------------------------- records

describe('recordFrom', () => {
  it('copies every setting, the epoch and both losses, and strips the hash sign', () => {
    const state = stateWith({
      activation: 'relu',
      batchSize: 30,
      networkShape: [6, 2],
      dataset: 'xor',
      learningRate: 0.3,
      regularization: 'l2',
      regularizationRate: 0.001,
      noise: 20,
      percTrainData: 70,
      xSquared: true,
      engine: 'reference',
    });
    const hash = serializeHash(state);
    const record = recordFrom(state, { epoch: 156, trainLoss: 0.0512345, testLoss: 0.0923456 }, `#${hash}`, NOW);
    expect(record).toEqual({
      id: 0,
      recordedAt: '2025-03-14T09:26:53.589Z',
      dataset: 'xor',
      problem: 'classification',
      activation: 'relu',
      batchSize: 30,
      hiddenLayers: 2,
      neurons: [6, 2],
      features: ['x', 'y', 'xSquared'],
      learningRate: 0.3,
      regularization: 'l2',
      regularizationRate: 0.001,
      noise: 20,
      percTrainData: 70,
      epochs: 156,
      trainLoss: 0.0512345,
      testLoss: 0.0923456,
      seed: '0.12345',
      hash,
      engine: 'reference',
    });
    // The hash reopens the same settings.
    expect(parseHash(record.hash, () => 'other').state).toEqual(state);
  });

  it('records the regression data set for a regression run, and an empty network', () => {
    const state = stateWith({ problem: 'regression', regDataset: 'reg-gauss', networkShape: [] });
    const record = recordFrom(state, { epoch: 0, trainLoss: 0.2, testLoss: 0.3 }, serializeHash(state), NOW);
    expect(record.dataset).toBe('reg-gauss');
    expect(record.hiddenLayers).toBe(0);
    expect(record.neurons).toEqual([]);
  });
});

// ---------------------------------------------------------------- store

describe('the log store', () => {
  it('adds, lists and removes; everything survives a new store over the same storage', () => {
    const storage = new MemoryStorage();
    const log = createLogStore({ storage, now });
    expect(log.list()).toEqual([]);
    expect(log.persistent).toBe(true);
    const a = log.add(run({ dataset: 'xor' }));
    const b = log.add(run({ dataset: 'circle' }));
    const c = log.add(run({ dataset: 'spiral' }));
    expect([a.id, b.id, c.id]).toEqual([1, 2, 3]);
    expect(log.remove(b.id)).toBe(true);
    expect(log.remove(99)).toBe(false);

    const raw = JSON.parse(storage.getItem(LOG_KEY)!) as { format: string; version: number; records: RunRecord[] };
    expect(raw.format).toBe(LOG_FORMAT);
    expect(raw.version).toBe(LOG_VERSION);

    const reloaded = createLogStore({ storage, now });
    expect(reloaded.list()).toEqual([a, c]);
    expect(reloaded.reports).toEqual([]);
    // Numbers keep going after the highest stored one.
    expect(reloaded.add(run()).id).toBe(4);
  });

  it('re-reads before each change, so a record added by another tab is kept', () => {
    const storage = new MemoryStorage();
    const tab1 = createLogStore({ storage, now });
    const tab2 = createLogStore({ storage, now });
    tab1.add(run());
    const second = tab2.add(run());
    expect(second.id).toBe(2);
    expect(tab2.list().map((r) => r.id)).toEqual([1, 2]);
    // tab1 learns of it through reload() (the 'storage' event), and tells its listeners.
    let told = 0;
    tab1.subscribe(() => told++);
    tab1.reload();
    expect(tab1.list().map((r) => r.id)).toEqual([1, 2]);
    expect(told).toBe(1);
  });

  it('clear empties the log; restore puts a removed record back under its number', () => {
    const storage = new MemoryStorage();
    const log = createLogStore({ storage, now });
    log.add(run());
    const two = log.add(run());
    log.add(run());
    log.remove(two.id);
    expect(log.restore(two)).toEqual(two);
    expect(log.list().map((r) => r.id)).toEqual([1, 2, 3]);
    log.clear();
    expect(createLogStore({ storage, now }).list()).toEqual([]);
  });

  it('refuses a record the schema refuses (a loss that is not a number) and stores nothing', () => {
    const storage = new MemoryStorage();
    const log = createLogStore({ storage, now });
    expect(() => log.add(run({ trainLoss: Number.NaN }))).toThrow(LogError);
    expect(() => log.add(run({ testLoss: Number.POSITIVE_INFINITY }))).toThrow(/testLoss/);
    expect(() => log.add(run({ hiddenLayers: 3 }))).toThrow(LogError);
    expect(log.list()).toEqual([]);
    expect(storage.getItem(LOG_KEY)).toBeNull();
  });
});

describe('the student’s observations (notes)', () => {
  it('are kept with the records, survive a new store and a cleared log, and an empty text removes one', () => {
    const storage = new MemoryStorage();
    const log = createLogStore({ storage, now });
    let told = 0;
    log.subscribe(() => told++);
    log.add(run());
    log.setNote('overfitting.1', 'the test loss rose from 0.357');
    log.setNote('homework.3', 'four draws');
    expect(told).toBe(3);
    expect(log.notes()).toEqual({ 'overfitting.1': 'the test loss rose from 0.357', 'homework.3': 'four draws' });
    const raw = JSON.parse(storage.getItem(LOG_KEY)!) as { version: number; notes: Record<string, string> };
    expect(raw.version).toBe(LOG_VERSION);
    expect(raw.notes['homework.3']).toBe('four draws');

    const reloaded = createLogStore({ storage, now });
    expect(reloaded.notes()).toEqual(log.notes());
    expect(reloaded.reports).toEqual([]);
    reloaded.clear();
    expect(reloaded.list()).toEqual([]);
    expect(createLogStore({ storage, now }).notes()['overfitting.1']).toBe('the test loss rose from 0.357');
    reloaded.setNote('overfitting.1', '');
    expect(createLogStore({ storage, now }).notes()).toEqual({ 'homework.3': 'four draws' });
  });

  it('another tab’s note is kept when this tab writes one', () => {
    const storage = new MemoryStorage();
    const tab1 = createLogStore({ storage, now });
    const tab2 = createLogStore({ storage, now });
    tab1.setNote('loss.1', 'large');
    tab2.setNote('loss.2', 'small');
    expect(createLogStore({ storage, now }).notes()).toEqual({ 'loss.1': 'large', 'loss.2': 'small' });
  });

  it('refuses a key that names no task and a text that is too long, and stores nothing', () => {
    const storage = new MemoryStorage();
    const log = createLogStore({ storage, now });
    expect(() => log.setNote('not a task', 'x')).toThrow(LogError);
    expect(() => log.setNote('loss.0', 'x')).toThrow(LogError);
    expect(() => log.setNote('loss.1', 'x'.repeat(MAX_NOTE_LENGTH + 1))).toThrow(/longer than/);
    expect(storage.getItem(LOG_KEY)).toBeNull();
  });

  it('a version 1 log (before notes) is read as it is, with no notes', () => {
    const records = [run({ id: 1 }), run({ id: 2 })];
    const storage = new MemoryStorage();
    storage.setItem(LOG_KEY, JSON.stringify({ format: LOG_FORMAT, version: 1, records }));
    const log = createLogStore({ storage, now });
    expect(log.reports).toEqual([]);
    expect(log.list()).toEqual(records);
    expect(log.notes()).toEqual({});
  });

  it('damaged notes are set aside with the whole text; the records and the good notes stay', () => {
    const storage = new MemoryStorage();
    const records = [run({ id: 1 })];
    const original = JSON.stringify({
      format: LOG_FORMAT,
      version: LOG_VERSION,
      records,
      notes: { 'loss.1': 'fine', 'loss.2': 42, '../etc': 'x', 'batch.1': '' },
    });
    storage.setItem(LOG_KEY, original);
    const log = createLogStore({ storage, now });
    expect(log.reports.map((r) => r.reason)).toEqual(['invalid-notes']);
    expect(log.reports[0]!.count).toBe(3);
    expect(storage.getItem(log.reports[0]!.key!)).toBe(original);
    expect(log.list()).toEqual(records);
    expect(log.notes()).toEqual({ 'loss.1': 'fine' });
    expect(createLogStore({ storage, now }).reports).toEqual([]);
    // Notes that are not an object at all count as one problem.
    expect(parseLog(JSON.stringify({ format: LOG_FORMAT, version: LOG_VERSION, records: [], notes: ['a'] }))).toMatchObject({
      ok: false,
      reason: 'invalid-notes',
      count: 1,
    });
  });
});

describe('stored data the log cannot use is set aside, never dropped', () => {
  function expectSetAside(original: string, reason: string) {
    const storage = new MemoryStorage();
    storage.setItem(LOG_KEY, original);
    const log = createLogStore({ storage, now });
    expect(log.reports).toHaveLength(1);
    const report = log.reports[0]!;
    expect(report.reason).toBe(reason);
    expect(report.key).toBe(`${SET_ASIDE_PREFIX}2025-03-14T09:26:53.589Z`);
    expect(storage.getItem(report.key!)).toBe(original);
    expect(report.text).toBe(original);
    // The log key now holds a valid log again, and a reload has nothing to report.
    expect(parseLog(storage.getItem(LOG_KEY)!).ok).toBe(true);
    const again = createLogStore({ storage, now });
    expect(again.reports).toEqual([]);
    return { storage, log, report, again };
  }

  it('text that is not JSON', () => {
    const { log, report } = expectSetAside('{"format":"nn-playground-log","version":1,"records":[', 'invalid-json');
    expect(log.list()).toEqual([]);
    expect(report.count).toBe(0);
    expect(log.persistent).toBe(true);
  });

  it('JSON of another program', () => {
    expectSetAside('[1,2,3]', 'not-a-log');
    const { report } = expectSetAside(JSON.stringify({ format: 'something-else', records: [{}, {}] }), 'foreign-format');
    expect(report.detail).toContain('something-else');
  });

  it('a log written by a newer version', () => {
    const text = JSON.stringify({ format: LOG_FORMAT, version: LOG_VERSION + 1, records: [run({ id: 1 }), run({ id: 2 })] });
    const { log, report } = expectSetAside(text, 'newer-version');
    expect(report.version).toBe(LOG_VERSION + 1);
    expect(report.count).toBe(2);
    expect(log.list()).toEqual([]);
  });

  it('a version that is not a version, and records that are not a list', () => {
    expectSetAside(JSON.stringify({ format: LOG_FORMAT, version: '1', records: [] }), 'unknown-version');
    expectSetAside(JSON.stringify({ format: LOG_FORMAT, version: 0, records: [] }), 'unknown-version');
    expectSetAside(JSON.stringify({ format: LOG_FORMAT, version: 1, records: {} }), 'invalid-shape');
  });

  it('one invalid record: the valid ones stay, the whole original text is set aside', () => {
    const good1 = run({ id: 1 });
    const good3 = run({ id: 3 });
    const bad = { ...run({ id: 2 }), activation: 'softmax' };
    const original = JSON.stringify({ format: LOG_FORMAT, version: 1, records: [good1, bad, good3] });
    const { log, report, again } = expectSetAside(original, 'invalid-records');
    expect(report.count).toBe(1);
    expect(report.kept).toBe(2);
    expect(report.invalid).toEqual([2]);
    expect(report.detail).toContain('activation');
    expect(log.list()).toEqual([good1, good3]);
    expect(again.list()).toEqual([good1, good3]);
  });

  it('a repeated id counts as an invalid record', () => {
    const original = stored([run({ id: 1 }), run({ id: 1 })]);
    const { log, report } = expectSetAside(original, 'invalid-records');
    expect(report.invalid).toEqual([2]);
    expect(log.list()).toHaveLength(1);
  });

  it('never overwrites an older set-aside copy', () => {
    const storage = new MemoryStorage();
    storage.setItem(LOG_KEY, 'first damage');
    createLogStore({ storage, now });
    storage.setItem(LOG_KEY, 'second damage');
    const log = createLogStore({ storage, now });
    const keys = storage.setAsideKeys().sort();
    expect(keys).toEqual([`${SET_ASIDE_PREFIX}2025-03-14T09:26:53.589Z`, `${SET_ASIDE_PREFIX}2025-03-14T09:26:53.589Z-2`]);
    expect(keys.map((k) => storage.getItem(k))).toEqual(['first damage', 'second damage']);
    expect(log.reports[0]!.key).toBe(keys[1]);
  });

  it('damage written by another tab is set aside on reload, and the report can be dismissed', () => {
    const storage = new MemoryStorage();
    const log = createLogStore({ storage, now });
    log.add(run());
    storage.setItem(LOG_KEY, 'garbage');
    log.reload();
    expect(log.reports.map((r) => r.reason)).toEqual(['invalid-json']);
    expect(log.list()).toEqual([]);
    log.dismissReport(log.reports[0]!);
    expect(log.reports).toEqual([]);
    expect(storage.setAsideKeys()).toHaveLength(1);
  });
});

describe('storage that throws', () => {
  it('blocked storage: the log works in memory and says it is not persistent', () => {
    const log = createLogStore({ storage: new BlockedStorage(), now });
    expect(log.persistent).toBe(false);
    expect(log.memoryReason).toBe('read-failed');
    const a = log.add(run());
    log.add(run());
    expect(log.list().map((r) => r.id)).toEqual([1, 2]);
    log.remove(a.id);
    expect(log.list().map((r) => r.id)).toEqual([2]);
  });

  it('full storage: the record is kept in memory; the stored log is left as it was', () => {
    const storage = new FullStorage();
    storage.map.set(LOG_KEY, stored([run({ id: 1 })]));
    const log = createLogStore({ storage, now });
    expect(log.persistent).toBe(true);
    const added = log.add(run());
    expect(added.id).toBe(2);
    expect(log.persistent).toBe(false);
    expect(log.memoryReason).toBe('write-failed');
    expect(log.list().map((r) => r.id)).toEqual([1, 2]);
    expect(parseLog(storage.getItem(LOG_KEY)!)).toMatchObject({ ok: true, records: [{ id: 1 }] });
  });

  it('full storage and damaged data: the original stays under the log key, untouched', () => {
    const storage = new FullStorage();
    storage.map.set(LOG_KEY, 'damaged');
    const log = createLogStore({ storage, now });
    expect(log.reports[0]).toMatchObject({ key: undefined, reason: 'invalid-json', text: 'damaged' });
    expect(log.persistent).toBe(false);
    log.add(run());
    expect(storage.getItem(LOG_KEY)).toBe('damaged');
  });

  it('no storage at all', () => {
    const log = createLogStore({ storage: undefined, now });
    expect(log.memoryReason).toBe('no-storage');
    expect(log.add(run()).id).toBe(1);
  });
});

// ---------------------------------------------------------------- homework

describe('homeworkRows', () => {
  it('picks, per data set in the lecture order, the qualifying record with the lowest max(train, test)', () => {
    const records = [
      run({ id: 1, dataset: 'xor', trainLoss: 0.05, testLoss: 0.15 }), // worst 0.15
      run({ id: 2, dataset: 'xor', trainLoss: 0.12, testLoss: 0.11 }), // worst 0.12: best
      run({ id: 3, dataset: 'xor', trainLoss: 0.01, testLoss: 0.02, percTrainData: 50 }), // other ratio
      run({ id: 4, dataset: 'xor', trainLoss: 0.01, testLoss: 0.02, noise: 0 }), // other noise
      run({ id: 5, dataset: 'circle', trainLoss: 0.06, testLoss: 0.08 }),
      run({ id: 6, dataset: 'circle', trainLoss: 0.07, testLoss: 0.08 }), // tie on 0.08: the earlier wins
      run({ id: 7, dataset: 'reg-plane', problem: 'regression', trainLoss: 0.001, testLoss: 0.001 }),
    ];
    const rows = homeworkRows(records);
    expect(rows.map((r) => r.dataset)).toEqual(['gauss', 'xor', 'circle', 'spiral']);
    expect(rows.map((r) => r.best?.id)).toEqual([undefined, 2, 5, undefined]);
    expect(rows.map((r) => r.attempts)).toEqual([0, 2, 2, 0]);
    expect(rows.map((r) => r.meets)).toEqual([undefined, false, true, undefined]);
  });

  it('meets needs both losses strictly below 0.1', () => {
    const meets = (trainLoss: number, testLoss: number) =>
      homeworkRows([run({ dataset: 'gauss', trainLoss, testLoss })])[0]!.meets;
    expect(HOMEWORK).toEqual({ percTrainData: 70, noise: 20, target: 0.1 });
    expect(meets(0.099, 0.0999)).toBe(true);
    expect(meets(0.1, 0.05)).toBe(false);
    expect(meets(0.05, 0.1)).toBe(false);
  });
});

describe('CSV', () => {
  it('the log: a header with every field, CRLF lines, RFC 4180 quoting, full precision', () => {
    const records = [
      run({ id: 1, neurons: [6, 2], hiddenLayers: 2, trainLoss: 0.051234567891, note: 'said "wow", then\nstopped' }),
      run({ id: 2, neurons: [], hiddenLayers: 0, features: ['x'] }),
    ];
    const csv = logToCsv(records);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(`${LOG_CSV_COLUMNS.join(',')},studentName,studentNumber`);
    expect(LOG_CSV_COLUMNS).toHaveLength(21);
    expect(lines[1]).toContain(',"6, 2","x, y",');
    expect(lines[1]).toContain(',0.051234567891,');
    expect(lines[1]).toContain(',"said ""wow"", then\nstopped"');
    expect(lines[2]).toContain('2,2025-03-14T09:26:53.589Z,circle,classification,tanh,10,0,,x,0.03,none,0,20,70,300,0.08,0.09,');
    // No note; no name or number typed in.
    expect(lines[2]!.endsWith(',wasm,,,')).toBe(true);
    // header, record 1 (its quoted note holds a bare line break, not CRLF), record 2, ''.
    expect(lines).toHaveLength(4);
  });

  it('the homework: the lecture columns in the words given, losses to 3 decimals, ✓/✗, the link', () => {
    const rows = homeworkRows([
      run({ id: 1, dataset: 'xor', activation: 'relu', batchSize: 30, neurons: [6, 2], hiddenLayers: 2, epochs: 156, trainLoss: 0.05123, testLoss: 0.0896 }),
      run({ id: 2, dataset: 'spiral', trainLoss: 0.2, testLoss: 0.31, hash: 'a=1&b=2' }),
    ]);
    const csv = homeworkToCsv(rows, WORDS, 'https://example.org/play/');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'name,student number,data type,activation,batch size,# hidden layers,# neurons,epochs,training loss,test loss,both < 0.1,link',
    );
    expect(lines[1]).toBe(',,two blobs,,,,,,,,,');
    // The link holds commas (networkShape=4,2), so it is quoted.
    expect(lines[2]).toBe(`,,XOR,ReLU,30,2,"6, 2",156,0.051,0.090,✓,"https://example.org/play/#${rows[1]!.best!.hash}"`);
    expect(lines[3]).toBe(',,Circle,,,,,,,,,');
    expect(lines[4]).toBe(',,Spiral,Tanh,10,2,"4, 2",300,0.200,0.310,✗,https://example.org/play/#a=1&b=2');
    expect(lines[5]).toBe('');
  });

  it('the homework with notes: the table, an empty line, then lesson, task and observation', () => {
    const rows = homeworkRows([]);
    const plain = homeworkToCsv(rows, WORDS);
    const csv = homeworkToCsv(rows, WORDS, '', NOTES);
    expect(csv.startsWith(plain)).toBe(true);
    const rest = csv.slice(plain.length).split('\r\n');
    expect(rest[0]).toBe('');
    expect(rest[1]).toBe('Lesson,Task,My observation');
    expect(rest[2]).toBe('Lesson 6: Generalization and overfitting,Task 1,"The test loss went up, 0.36 → 0.77 | yes"');
    expect(rest[3]).toBe('Lesson 11: Homework,Task 3,"Needed 4 draws, ""lucky"" one\nthen stopped"');
    expect(rest[4]).toBe('');
    expect(homeworkToCsv(rows, WORDS, '', [])).toBe(plain);
  });

  it('formatLoss never rounds a loss below 0.1 up to 0.100', () => {
    expect(formatLoss(0.12345)).toBe('0.123');
    expect(formatLoss(0.0996)).toBe('0.0996');
    expect(formatLoss(0.09949)).toBe('0.099');
    expect(formatLoss(0.1)).toBe('0.100');
  });
});

describe('Markdown', () => {
  /** Cells of a table line, splitting on pipes that are not escaped. */
  function cells(line: string): string[] {
    return line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
  }

  it('is a table with a header, an alignment row and one row per data set, all of the same width', () => {
    const rows = homeworkRows([run({ dataset: 'circle', trainLoss: 0.05, testLoss: 0.07 })]);
    const md = homeworkToMarkdown(rows, WORDS, 'https://example.org/');
    const lines = md.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    for (const line of lines) {
      expect(line.startsWith('| ')).toBe(true);
      expect(line.endsWith(' |')).toBe(true);
      expect(cells(line)).toHaveLength(10);
    }
    expect(cells(lines[1]!)).toEqual(['---', '---', '---:', '---:', '---', '---:', '---:', '---:', ':---:', '---']);
    const circle = cells(lines[4]!);
    expect(circle.slice(0, 9)).toEqual(['Circle', 'Tanh', '10', '2', '4, 2', '300', '0.050', '0.070', '✓']);
    expect(circle[9]).toBe(`[open](https://example.org/#${rows[2]!.best!.hash})`);
  });

  it('with notes: a heading and a second table of the observations after the homework table', () => {
    const rows = homeworkRows([]);
    const plain = homeworkToMarkdown(rows, WORDS);
    const md = homeworkToMarkdown(rows, WORDS, '', NOTES);
    expect(md.startsWith(plain)).toBe(true);
    const lines = md.slice(plain.length).split('\n');
    expect(lines.slice(0, 3)).toEqual(['', '## My observations', '']);
    expect(lines[3]).toBe('| Lesson | Task | My observation |');
    expect(lines[4]).toBe('| --- | --- | --- |');
    expect(cells(lines[5]!)).toEqual(['Lesson 6: Generalization and overfitting', 'Task 1', 'The test loss went up, 0.36 → 0.77 \\| yes']);
    expect(cells(lines[6]!)).toEqual(['Lesson 11: Homework', 'Task 3', 'Needed 4 draws, "lucky" one then stopped']);
    expect(homeworkToMarkdown(rows, WORDS, '', [])).toBe(plain);
  });

  it('escapes pipes and backslashes in cell text, and line breaks become spaces', () => {
    expect(markdownCell('a|b\\c\nd')).toBe('a\\|b\\\\c d');
    const words: HomeworkWords = { ...WORDS, columns: { ...WORDS.columns, dataType: 'data | type' }, open: 'op]en' };
    const md = homeworkToMarkdown(homeworkRows([run({ dataset: 'gauss', hash: 'x=(1)|2' })]), words);
    const lines = md.trimEnd().split('\n');
    expect(lines[0]!.startsWith('| data \\| type | ')).toBe(true);
    expect(cells(lines[0]!)).toHaveLength(10);
    expect(cells(lines[2]!)).toHaveLength(10);
    expect(lines[2]).toContain('[op\\]en](#x=%281%29%7C2)');
  });
});

// ---------------------------------------------------------------- homework draws

describe('counting the homework draws', () => {
  it('counts the preset’s own data and weights, then every Regenerate and Reset, from the versions of the snapshots', () => {
    let count = startTally({ dataVersion: 3, networkVersion: 5 });
    expect(count).toMatchObject({ data: 0, weights: 0 });
    count = tally(count, { dataVersion: 3, networkVersion: 5 }); // a frame of the old setup: nothing new
    expect(count).toMatchObject({ data: 0, weights: 0 });
    count = tally(count, { dataVersion: 4, networkVersion: 6 }); // the preset: new data, new weights
    expect(count).toMatchObject({ data: 1, weights: 1 });
    count = tally(count, { dataVersion: 4, networkVersion: 8 }); // two Resets before the next frame
    count = tally(count, { dataVersion: 5, networkVersion: 8 }); // Regenerate
    expect(count).toMatchObject({ data: 2, weights: 3 });
    count = tally(count, { dataVersion: 0, networkVersion: 0 }); // a restarted worker counts afresh: one draw
    expect(count).toMatchObject({ data: 3, weights: 4 });
  });

  it('before the first snapshot, the first one counts', () => {
    expect(tally(startTally(undefined), { dataVersion: 0, networkVersion: 0 })).toMatchObject({ data: 1, weights: 1 });
  });
});

// ---------------------------------------------------------------- flips

function points(list: readonly Example2D[]) {
  return {
    xs: Float32Array.from(list, (p) => p.x),
    ys: Float32Array.from(list, (p) => p.y),
    labels: Float32Array.from(list, (p) => p.label),
  };
}

function draw(dataset: DatasetName, noise: number, seed: string) {
  const data = generatePlaygroundData({ dataset, noise, trainRatio: 70, seed });
  return { train: points(data.train), test: points(data.test) };
}

describe('countFlipped', () => {
  it('finds no flipped label without noise', () => {
    for (const dataset of ['xor', 'circle'] as const) {
      for (const seed of ['0.1', '0.2', '0.3']) {
        const { train, test } = draw(dataset, 0, seed);
        expect(countFlipped(dataset, train)).toEqual({ flipped: 0, counted: 350 });
        expect(countFlipped(dataset, test)).toEqual({ flipped: 0, counted: 150 });
      }
    }
  });

  it('finds a few percent at noise 20 (XOR and circle)', () => {
    for (const dataset of ['xor', 'circle'] as const) {
      let flipped = 0;
      let counted = 0;
      for (let i = 0; i < 20; i++) {
        const { train, test } = draw(dataset, 20, String(0.1 + i / 100));
        for (const part of [train, test]) {
          const c = countFlipped(dataset, part);
          flipped += c.flipped;
          counted += c.counted;
        }
      }
      expect(counted).toBe(20 * 500);
      // Measured: 4.8 % (XOR), 5.8 % (circle).
      expect(flipped / counted).toBeGreaterThan(0.03);
      expect(flipped / counted).toBeLessThan(0.08);
    }
  });

  it('counts nothing where there is no clean rule, or no points', () => {
    const { train } = draw('spiral', 20, '0.5');
    expect(countFlipped('spiral', train)).toEqual({ flipped: 0, counted: 0 });
    expect(countFlipped('gauss', draw('gauss', 20, '0.5').test)).toEqual({ flipped: 0, counted: 0 });
    expect(countFlipped('xor', undefined)).toEqual({ flipped: 0, counted: 0 });
  });

  it('counts a hand-made flip', () => {
    const made = points([
      { x: 1, y: 1, label: 1 },
      { x: 1, y: -1, label: 1 }, // xor says -1
      { x: -2, y: -3, label: 1 },
    ]);
    expect(countFlipped('xor', made)).toEqual({ flipped: 1, counted: 3 });
  });
});

describe('stallAdvice', () => {
  /** A history with one point every 10 epochs up to `last`, losses from `loss(epoch)`. */
  function curves(last: number, loss: (epoch: number) => [number, number], from = 0): LossCurves {
    const epochs: number[] = [];
    const train: number[] = [];
    const test: number[] = [];
    for (let e = from; e <= last; e += 10) {
      const [a, b] = loss(e);
      epochs.push(e);
      train.push(a);
      test.push(b);
    }
    return { epochs, train, test };
  }
  const flat = (e: number): [number, number] => [0.08, 0.15 + 0.1 * Math.exp(-e / 50)];

  it('says nothing before 500 epochs', () => {
    expect(stallAdvice(curves(490, flat))).toBeUndefined();
  });

  it('stalls: 500+ epochs, the worse loss flat above 0.1 for the last 300', () => {
    const advice = stallAdvice(curves(800, flat));
    expect(advice).toBeDefined();
    expect(advice!.epoch).toBe(800);
    expect(advice!.best).toBeCloseTo(0.15, 4);
    expect(advice!.rule).toMatchObject({ target: 0.1, minEpochs: 500, window: 300, minImprovement: 0.01 });
    expect(advice!.nearTarget).toBe(true);
  });

  it('tells a stall near the target (the draw) from one far above it (the network)', () => {
    expect(stallAdvice(curves(800, () => [0.19, 0.12]))!.nearTarget).toBe(true);
    expect(stallAdvice(curves(800, () => [0.5, 0.5]))!.nearTarget).toBe(false);
  });

  it('does not stall while still improving by more than 1% over 300 epochs', () => {
    const slow = (e: number): [number, number] => [0.2 - e * 0.00005, 0.2 - e * 0.00005];
    expect(stallAdvice(curves(800, slow))).toBeUndefined();
  });

  it('does not stall once both losses are below the target', () => {
    expect(stallAdvice(curves(800, () => [0.05, 0.09]))).toBeUndefined();
    // The larger loss decides: one below is not enough.
    expect(stallAdvice(curves(800, () => [0.05, 0.11]))).toBeDefined();
  });

  it('needs history reaching 300 epochs back (after a reset or new data)', () => {
    expect(stallAdvice(curves(800, flat, 600))).toBeUndefined();
    expect(stallAdvice(curves(800, flat, 500))).toBeDefined();
    // `since`: the data changed at epoch 600; older points do not count.
    expect(stallAdvice(curves(800, flat), { since: 600 })).toBeUndefined();
    expect(stallAdvice(curves(1000, flat), { since: 600 })).toBeDefined();
  });

  it('skips losses that are not finite', () => {
    const history = curves(800, flat);
    const train = [...history.train];
    train[5] = Number.NaN;
    expect(stallAdvice({ ...history, train })).toBeDefined();
    expect(stallAdvice({ epochs: [], train: [], test: [] })).toBeUndefined();
  });
});
