/**
 * The log's version 3 (records with their exact run), the student's name
 * and number (storage and exports), and the hand-in file made from the log.
 */
import { HANDIN_FILE_EXTENSION, exactRunFrom, handInFileName, parseHandIn, serializeHandIn } from '@nn/records';
import type { RunJournal } from '@nn/trainer';
import { describe, expect, it } from 'vitest';
import {
  LOG_FORMAT,
  LOG_KEY,
  LOG_VERSION,
  STUDENT_KEY,
  buildHandIn,
  createLogStore,
  homeworkRows,
  homeworkToCsv,
  homeworkToMarkdown,
  logToCsv,
  missingStudentFields,
  parseLog,
  readStudent,
  recordFrom,
  rowExercise,
  serializeLog,
  writeStudent,
  type HomeworkWords,
  type RunRecord,
  type StorageLike,
} from '../src/lib/course/log.js';
import { defaultState, parseHash, serializeHash, toTrainerConfig, type PlaygroundState } from '../src/lib/state/hash.js';

class MemoryStorage implements StorageLike {
  readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, String(value));
  }
}

class FullStorage extends MemoryStorage {
  override setItem(): void {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  }
}

const NOW = new Date('2025-03-14T09:26:53.589Z');
const now = (): Date => NOW;

function stateWith(patch: Partial<PlaygroundState> = {}): PlaygroundState {
  return { ...defaultState('0.12345'), percTrainData: 70, noise: 20, ...patch };
}

/** A journal as the trainer gives one (numbers made up, shape real): a reset, a live learning-rate change, a Regenerate. */
function journalOf(state: PlaygroundState, { epochs = 300, trainLoss = 0.08, testLoss = 0.09 } = {}): RunJournal {
  const { stopBelow: _stop, pauseAt: _pause, ...config } = toTrainerConfig(state);
  return {
    run: {
      config: { ...config, learningRate: 0.03 },
      engine: state.engine,
      draws: 16,
      resets: 1,
      events: [
        { epoch: 10, kind: 'live', settings: { learningRate: state.learningRate, batchSize: state.batchSize, regularization: 'none', regularizationRate: 0 } },
        { epoch: 20, kind: 'regenerate', seed: '0.777' },
      ],
      epochs,
    },
    checkpoints: [1, 2, 4, 8, 16, 32, 64, 128, 256].map((epoch) => ({ epoch, trainLoss: 0.5 / epoch, testLoss: 0.6 / epoch })),
    engine: state.engine,
    trainLoss,
    testLoss,
    weights: [0.125, -0.25, 0.5, 0.0625],
    biases: [0.1, -0.1],
    diverged: false,
  };
}

/** A record of a run on `dataset` under the homework's conditions, with its exact run (unless `exact` is false). */
function recordOf(patch: Partial<PlaygroundState> = {}, losses = { epochs: 300, trainLoss: 0.08, testLoss: 0.09 }, exact = true): RunRecord {
  const state = stateWith(patch);
  const hash = serializeHash(state);
  const run = exact ? exactRunFrom(journalOf(state, losses), hash, NOW) : undefined;
  return recordFrom(state, { epoch: losses.epochs, trainLoss: losses.trainLoss, testLoss: losses.testLoss }, hash, NOW, run);
}

const WORDS: HomeworkWords = {
  columns: {
    name: 'Name',
    number: 'Student number',
    dataType: 'Data type',
    activation: 'Activation',
    batchSize: 'Batch size',
    hiddenLayers: '# hidden layers',
    neurons: '# neurons',
    epochs: 'Epochs',
    trainLoss: 'Training loss',
    testLoss: 'Test loss',
    meets: 'Both < 0.1',
    link: 'Link',
  },
  datasets: { gauss: 'Two blobs', xor: 'XOR', circle: 'Circle', spiral: 'Spiral' },
  open: 'Open',
  notes: { title: 'My observations', lesson: 'Lesson', task: 'Task', text: 'My observation' },
};

const KIM = { name: '김민지', number: '20231234' };

// ---------------------------------------------------------------- log version 3

describe('the log keeps each record’s exact run (version 3)', () => {
  it('recordFrom takes the run’s own epoch and losses, so the table never disagrees with the run', () => {
    const state = stateWith({ dataset: 'xor', learningRate: 0.1 });
    const hash = serializeHash(state);
    const run = exactRunFrom(journalOf(state, { epochs: 412, trainLoss: 0.07, testLoss: 0.085 }), hash, NOW);
    // The snapshot was read a moment before (the run played on).
    const record = recordFrom(state, { epoch: 400, trainLoss: 0.071, testLoss: 0.086 }, hash, NOW, run);
    expect(record).toMatchObject({ epochs: 412, trainLoss: 0.07, testLoss: 0.085, learningRate: 0.1, run });
    expect(recordFrom(state, { epoch: 400, trainLoss: 0.071, testLoss: 0.086 }, hash, NOW).run).toBeUndefined();
  });

  it('round trip: a record with its run survives the store, in a version 3 log', () => {
    const storage = new MemoryStorage();
    const log = createLogStore({ storage, now });
    const record = recordOf({ dataset: 'spiral' });
    const stored = log.add(record);
    const raw = JSON.parse(storage.getItem(LOG_KEY)!) as { format: string; version: number };
    expect(raw).toMatchObject({ format: LOG_FORMAT, version: 3 });
    expect(LOG_VERSION).toBe(3);
    const again = createLogStore({ storage, now });
    expect(again.reports).toEqual([]);
    expect(again.list()).toEqual([stored]);
    expect(again.list()[0]!.run).toEqual(record.run);
    // Bit for bit: the numbers come back as they were.
    expect(again.list()[0]!.run!.final.weights).toEqual([0.125, -0.25, 0.5, 0.0625]);
  });

  it('versions 1 and 2 are still read (their records have no run), and the next write makes version 3', () => {
    const old = { ...recordOf({ dataset: 'gauss' }, undefined, false), id: 1 };
    for (const version of [1, 2]) {
      const storage = new MemoryStorage();
      const notes = version === 2 ? { 'homework.1': 'first try' } : undefined;
      storage.setItem(LOG_KEY, JSON.stringify({ format: LOG_FORMAT, version, records: [old], ...(notes ? { notes } : {}) }));
      const log = createLogStore({ storage, now });
      expect(log.reports).toEqual([]);
      expect(log.list()).toEqual([old]);
      expect(log.list()[0]!.run).toBeUndefined();
      expect(log.notes()).toEqual(notes ?? {});
      log.add(recordOf({ dataset: 'xor' }));
      const raw = JSON.parse(storage.getItem(LOG_KEY)!) as { version: number; records: RunRecord[] };
      expect(raw.version).toBe(3);
      expect(raw.records.map((r) => r.run === undefined)).toEqual([true, false]);
    }
  });

  it('a damaged run fails its record (set aside, the others kept), checked by @nn/records’ schema', () => {
    const good = { ...recordOf({ dataset: 'gauss' }), id: 1 };
    const bad = { ...recordOf({ dataset: 'xor' }), id: 2 };
    const damaged = { ...bad, run: { ...bad.run!, format: 'something-else' } };
    const parsed = parseLog(JSON.stringify({ format: LOG_FORMAT, version: 3, records: [good, damaged] }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.reason).toBe('invalid-records');
    expect(parsed.invalid).toEqual([2]);
    expect(parsed.kept).toEqual([good]);
    expect(parsed.detail).toMatch(/record 2: run\.format/);
  });

  it('a version 4 log is not read (set aside by the store)', () => {
    const parsed = parseLog(JSON.stringify({ format: LOG_FORMAT, version: 4, records: [] }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toBe('newer-version');
    expect(parseLog(serializeLog([{ ...recordOf(), id: 1 }])).ok).toBe(true);
  });
});

// ---------------------------------------------------------------- run= in a link

describe('a link’s run= value', () => {
  it('is read apart from the settings (decoded, no notice) and never written back', () => {
    const hash = `${serializeHash(stateWith({ dataset: 'xor' }))}&run=eyJh%2Bb`;
    const parsed = parseHash(hash, () => 'new');
    expect(parsed.run).toBe('eyJh+b');
    expect(parsed.notices).toEqual([]);
    expect(parsed.state.dataset).toBe('xor');
    expect(serializeHash(parsed.state)).not.toContain('run=');
    expect(parseHash(serializeHash(parsed.state), () => 'new').run).toBeUndefined();
    // An empty value is no run; the key alone neither.
    expect(parseHash('seed=0.1&run=', () => 'new').run).toBeUndefined();
    expect(parseHash('seed=0.1&run', () => 'new').run).toBeUndefined();
  });
});

// ---------------------------------------------------------------- the student

describe('the student’s name and number', () => {
  it('are kept in storage apart from the log, and read back; nothing or garbage reads as empty', () => {
    const storage = new MemoryStorage();
    expect(readStudent(storage)).toEqual({ name: '', number: '' });
    expect(writeStudent(storage, KIM)).toBe(true);
    expect(readStudent(storage)).toEqual(KIM);
    expect(storage.map.has(STUDENT_KEY)).toBe(true);
    expect(storage.map.has(LOG_KEY)).toBe(false);
    storage.setItem(STUDENT_KEY, '{not json');
    expect(readStudent(storage)).toEqual({ name: '', number: '' });
    storage.setItem(STUDENT_KEY, JSON.stringify({ name: 7, number: 'x'.repeat(500) }));
    expect(readStudent(storage)).toEqual({ name: '', number: 'x'.repeat(40) });
    expect(writeStudent(new FullStorage(), KIM)).toBe(false);
    expect(readStudent(undefined)).toEqual({ name: '', number: '' });
  });

  it('a hand-in needs both (spaces alone do not count)', () => {
    expect(missingStudentFields({ name: ' ', number: '' })).toEqual(['name', 'number']);
    expect(missingStudentFields({ name: 'Kim', number: '' })).toEqual(['number']);
    expect(missingStudentFields({ name: '', number: '1' })).toEqual(['name']);
    expect(missingStudentFields(KIM)).toEqual([]);
  });
});

describe('the exports carry the name and the number', () => {
  const rows = homeworkRows([{ ...recordOf({ dataset: 'xor', activation: 'relu' }), id: 1 }]);

  it('CSV: as the first two columns of every row of the homework table', () => {
    const lines = homeworkToCsv(rows, WORDS, '', [], { name: ' Kim, Minji ', number: '2023-1234' }).split('\r\n');
    expect(lines[0]!.startsWith('Name,Student number,Data type,Activation,')).toBe(true);
    // Trimmed; a comma in the name is quoted.
    expect(lines[1]).toBe('"Kim, Minji",2023-1234,Two blobs,,,,,,,,,');
    expect(lines[2]!.startsWith('"Kim, Minji",2023-1234,XOR,ReLU,10,2,"4, 2",300,0.080,0.090,✓,')).toBe(true);
    expect(lines.filter((l) => l !== '')).toHaveLength(5);
  });

  it('CSV of the whole log: the last two columns', () => {
    const records = [{ ...recordOf({ dataset: 'xor' }), id: 1 }];
    const lines = logToCsv(records, KIM).split('\r\n');
    expect(lines[0]!.endsWith(',note,studentName,studentNumber')).toBe(true);
    expect(lines[1]!.endsWith(`,,${KIM.name},${KIM.number}`)).toBe(true);
    // The run itself is not a CSV column (it is in the hand-in file).
    expect(lines[0]).not.toContain('run');
  });

  it('Markdown: a line naming the student above the table; none when both are empty', () => {
    const md = homeworkToMarkdown(rows, WORDS, '', [], KIM).split('\n');
    expect(md[0]).toBe(`**Name**: ${KIM.name} · **Student number**: ${KIM.number}`);
    expect(md[1]).toBe('');
    expect(md[2]!.startsWith('| Data type | Activation |')).toBe(true);
    expect(homeworkToMarkdown(rows, WORDS, '', [], { name: '', number: ' ' }).startsWith('| Data type |')).toBe(true);
    // A pipe in a name cannot break the line.
    expect(homeworkToMarkdown(rows, WORDS, '', [], { name: 'a|b', number: '1' }).split('\n')[0]).toContain('a\\|b');
  });
});

// ---------------------------------------------------------------- the hand-in file

describe('the hand-in file made from the log', () => {
  const records: RunRecord[] = [
    { ...recordOf({ dataset: 'gauss', learningRate: 0.03 }, { epochs: 120, trainLoss: 0.02, testLoss: 0.03 }), id: 1 },
    // A worse gauss run: not the table's best, not handed in.
    { ...recordOf({ dataset: 'gauss' }, { epochs: 60, trainLoss: 0.2, testLoss: 0.3 }), id: 2 },
    { ...recordOf({ dataset: 'xor', learningRate: 0.1, xTimesY: true }, { epochs: 500, trainLoss: 0.05, testLoss: 0.07 }), id: 3 },
    // Spiral from an old log: no run.
    { ...recordOf({ dataset: 'spiral', networkShape: [8, 8, 4] }, { epochs: 900, trainLoss: 0.12, testLoss: 0.2 }, false), id: 4 },
    // Not under the homework's conditions: left out.
    { ...recordOf({ dataset: 'circle', noise: 0 }, { epochs: 50, trainLoss: 0.01, testLoss: 0.01 }), id: 5 },
  ];
  const notes = { 'homework.3': 'Two draws of the XOR data', 'overfitting.1': 'rose after epoch 40' };

  it('holds the student, the date, the table’s rows with their settings and runs, and the notes', () => {
    const built = buildHandIn(records, notes, { name: ' 김민지 ', number: '20231234 ' }, NOW);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const { handIn } = built;
    expect(handIn).toMatchObject({
      format: 'nn-playground-handin',
      version: 1,
      student: KIM,
      submittedAt: NOW.toISOString(),
      notes,
    });
    expect(handIn.rows.map((r) => r.dataset)).toEqual(['gauss', 'xor', 'spiral']);
    const table = homeworkRows(records);
    for (const row of handIn.rows) {
      const best = table.find((r) => r.dataset === row.dataset)!.best!;
      expect(row).toMatchObject({
        epochs: best.epochs,
        trainLoss: best.trainLoss,
        testLoss: best.testLoss,
        learningRate: best.learningRate,
        features: best.features,
        neurons: best.neurons,
        seed: best.seed,
      });
      expect(row.run).toEqual(best.run);
    }
    expect(handIn.rows[1]!.features).toEqual(['x', 'y', 'xTimesY']);
    expect(handIn.rows[1]!.learningRate).toBe(0.1);
    expect(handIn.rows[2]!.run).toBeUndefined();
    expect(built.settingsOnly).toEqual(['spiral']);

    // Written and read back by @nn/records: the same hand-in.
    const text = serializeHandIn(handIn);
    const parsed = parseHandIn(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.handIn).toEqual(handIn);
    expect(handInFileName(handIn.student, NOW).endsWith(HANDIN_FILE_EXTENSION)).toBe(true);
  });

  it('is refused without a name, a number or a row, and says which', () => {
    expect(buildHandIn(records, notes, { name: '', number: '' })).toEqual({ ok: false, problem: 'both' });
    expect(buildHandIn(records, notes, { name: 'Kim', number: ' ' })).toEqual({ ok: false, problem: 'number' });
    expect(buildHandIn(records, notes, { name: '', number: '1' })).toEqual({ ok: false, problem: 'name' });
    expect(buildHandIn([records[4]!], notes, KIM)).toEqual({ ok: false, problem: 'rows' });
    expect(buildHandIn([], {}, KIM)).toEqual({ ok: false, problem: 'rows' });
  });

  it('a row opens on its run’s settings; an old row on its own settings and seed', () => {
    const built = buildHandIn(records, notes, KIM, NOW);
    if (!built.ok) throw new Error('not built');
    const [gauss, xor, spiral] = built.handIn.rows;
    expect(rowExercise(gauss!).state).toEqual(parseHash(records[0]!.hash, () => 'x').state);
    expect(rowExercise(xor!).state.xTimesY).toBe(true);
    const old = rowExercise(spiral!);
    expect(old.notices).toEqual([]);
    expect(old.state).toMatchObject({
      dataset: 'spiral',
      networkShape: [8, 8, 4],
      seed: records[3]!.seed,
      percTrainData: 70,
      noise: 20,
      learningRate: records[3]!.learningRate,
    });
    expect(old.state.x && old.state.y && !old.state.xTimesY).toBe(true);
  });
});
