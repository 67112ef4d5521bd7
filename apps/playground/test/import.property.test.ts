/**
 * Property tests of the import of a user's points (@nn/datasets' parsePoints,
 * as the page calls it), with fast-check and fixed seeds: a failure prints
 * the seed and the shrunk counterexample, and runs the same way again.
 *
 * Whatever a file holds — random text, or a valid CSV or JSON file damaged in
 * any way — parsePoints either returns points that are all valid and that the
 * trainer loads, or throws a DatasetError that the page shows in English and
 * Korean; never anything else. A valid file reads back as exactly its points.
 * And the trainer, given points it refuses, keeps what it had loaded.
 */
import fc from 'fast-check';
import { COORD_LIMIT, DatasetError, MAX_IMPORT_POINTS, parsePoints, type Example2D, type ParsedPoints } from '@nn/datasets';
import { referenceEngine } from '@nn/engine';
import { Trainer, TrainerError, validateConfig, type ImportedData, type Snapshot, type TrainerConfig } from '@nn/trainer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeImportError, type MessageParam } from '../src/lib/panels/message.js';
import { defaultState, toTrainerConfig } from '../src/lib/state/hash.js';
import {
  badCellArb,
  csvDamageArb,
  csvFileArb,
  damageCsv,
  damageJson,
  damageText,
  exportedCsv,
  jsonDamageArb,
  jsonValueArb,
  pointSetArb,
  renderCsv,
  smallPointSetArb,
  renderJson,
  textDamageArb,
  type PointSet,
} from './support/files.js';
import { createRenderer, type Rendered } from './support/messages.js';

const RUNS = 10_000;
/** Generous: each property takes a few seconds; this only stops a runaway. */
const TIMEOUT = 120_000;

/** The codes of parsePoints' errors (see @nn/datasets' errors.ts). */
const IMPORT_CODES = new Set<string>([
  'missing',
  'notANumber',
  'tooLarge',
  'outside',
  'labelRange',
  'tooMany',
  'tooFew',
  'noPointsCsv',
  'noPointsJson',
  'headerColumn',
  'fieldCount',
  'fieldCountHeader',
  'jsonNotANumber',
  'notFinite',
  'invalidJson',
  'jsonNotArray',
  'itemLength',
  'notAPoint',
]);
/** Longest message that still reads as a sentence on the page (values in it are cut short). */
const MAX_MESSAGE = 400;

/** The page's settings (TF's defaults) with the user's points, as playground.svelte.ts sends them. */
const CONFIG: TrainerConfig = toTrainerConfig(defaultState('0.5'));

let render: (message: MessageParam) => Rendered;
let trainer: Trainer;

beforeAll(async () => {
  render = await createRenderer();
  trainer = new Trainer({ reference: async () => referenceEngine });
  await trainer.init();
});

afterAll(() => trainer.dispose());

const show = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
};

function imported(points: readonly Example2D[], problem: ParsedPoints['problem']): ImportedData {
  return { id: 'property-test', name: 'points.csv', problem, points };
}

// ---------------------------------------------------------------- the checks

/**
 * Valid points: finite, inside the square, labels of their problem, a count
 * the trainer takes, and the trainer's own check accepts them; with `load`,
 * a Trainer on the reference engine loads them too (a fraction of a
 * millisecond, so the property of valid files, which always succeed, checks
 * only the trainer's validation).
 */
function pointsProblems(parsed: ParsedPoints, load: boolean): string[] {
  const problems: string[] = [];
  const { points, problem } = parsed;
  if (problem !== 'classification' && problem !== 'regression') problems.push(`problem ${show(problem)}`);
  if (!Array.isArray(points) || points.length < 2 || points.length > MAX_IMPORT_POINTS) {
    problems.push(`${Array.isArray(points) ? points.length : show(points)} points`);
    return problems;
  }
  const inSquare = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= COORD_LIMIT;
  for (const [i, p] of points.entries()) {
    const label = p.label;
    const labelOk =
      problem === 'classification'
        ? label === -1 || label === 1
        : typeof label === 'number' && Number.isFinite(label) && label >= -1 && label <= 1;
    if (!inSquare(p.x) || !inSquare(p.y) || !labelOk || Object.keys(p).length !== 3) {
      problems.push(`point ${i + 1} is ${show(p)}`);
      break;
    }
  }
  if (problems.length > 0) return problems;
  const config: TrainerConfig = { ...CONFIG, imported: imported(points, problem) };
  try {
    if (load) trainer.load(config);
    else validateConfig(config);
  } catch (error) {
    problems.push(`the trainer refuses them: ${String(error)}`);
  }
  return problems;
}

/** A DatasetError with a known code, a short message, params the page can show, in English and Korean. */
function errorProblems(error: unknown): string[] {
  if (!(error instanceof DatasetError)) {
    return [`threw ${error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : show(error)}, not a DatasetError`];
  }
  const problems: string[] = [];
  const { code, message, params, line } = error;
  if (!IMPORT_CODES.has(code)) problems.push(`code ${code} is not an import error's`);
  if (typeof message !== 'string' || message.trim() === '') problems.push('no message');
  if (message.length > MAX_MESSAGE) problems.push(`a message of ${message.length} characters: ${show(message)}`);
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) problems.push(`param ${name} is ${show(value)}`);
  }
  if (line !== undefined && !(Number.isInteger(line) && line >= 1 && message.startsWith(`Line ${line}: `))) {
    problems.push(`line ${line} with the message ${show(message)}`);
  }
  const item = params['item'];
  if (item !== undefined && !(Number.isInteger(item) && (item as number) >= 1 && message.startsWith(`Item ${item}: `))) {
    problems.push(`item ${item} with the message ${show(message)}`);
  }
  const description = describeImportError(error);
  if (typeof description !== 'object') problems.push(`the page has no text for ${code}`);
  const { text, missing } = render(description);
  if (missing.length > 0) problems.push(`lacks translations: ${missing.join(', ')}`);
  if (text.en !== message) problems.push(`reads ${show(text.en)} in English, its message is ${show(message)}`);
  if (text.ko === message || text.ko === '') problems.push(`reads ${show(text.ko)} in Korean`);
  return problems;
}

/** Reads a file as the page does and checks the outcome; throws naming every problem. */
function importAndCheck(text: string, load = true): ParsedPoints | undefined {
  let parsed: ParsedPoints;
  try {
    parsed = parsePoints(text);
  } catch (error) {
    const problems = errorProblems(error);
    if (problems.length > 0) throw new Error(problems.join('\n'));
    return undefined;
  }
  const problems = pointsProblems(parsed, load);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return parsed;
}

function samePoints(actual: readonly Example2D[], expected: readonly Example2D[]): boolean {
  return (
    actual.length === expected.length &&
    actual.every((p, i) => p.x === expected[i]!.x && p.y === expected[i]!.y && p.label === expected[i]!.label)
  );
}

// ---------------------------------------------------------------- files

/** A valid file for a point set: the page's own export, a CSV variant, or JSON. */
const validFileArb: fc.Arbitrary<{ set: PointSet; text: string }> = pointSetArb.chain((set) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant(set).map((s) => ({ set: s, text: exportedCsv(s) })) },
    { weight: 3, arbitrary: csvFileArb(set).map((file) => ({ set, text: renderCsv(file) })) },
    { weight: 2, arbitrary: jsonValueArb(set).map(({ value, indent }) => ({ set, text: renderJson(value, indent) })) },
  ),
);

/** A valid file damaged: its cells, rows or JSON values first, then its text. */
const damagedFileArb: fc.Arbitrary<string> = pointSetArb.chain((set) =>
  fc.oneof(
    fc
      .tuple(csvFileArb(set), fc.array(csvDamageArb, { maxLength: 3 }), fc.array(textDamageArb, { maxLength: 2 }))
      .filter(([, structural, textual]) => structural.length + textual.length > 0)
      .map(([file, structural, textual]) => textual.reduce(damageText, renderCsv(structural.reduce(damageCsv, file)))),
    fc
      .tuple(jsonValueArb(set), fc.array(jsonDamageArb, { maxLength: 3 }), fc.array(textDamageArb, { maxLength: 2 }))
      .filter(([, structural, textual]) => structural.length + textual.length > 0)
      .map(([{ value, indent }, structural, textual]) => textual.reduce(damageText, renderJson(structural.reduce(damageJson, value), indent))),
    fc.array(textDamageArb, { minLength: 1, maxLength: 3 }).map((textual) => textual.reduce(damageText, exportedCsv(set))),
  ),
);

/** Random text: anything, text made of a CSV's or JSON's characters, random JSON, lines of random cells. */
const randomTextArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...'0123456789.-+eE,;\t\n\r" #xylabel'), maxLength: 80 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...'0123456789.-e,[]{}":xylabelpoints \n'), maxLength: 80 }) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 3 }) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.array(
          fc.array(
            fc.oneof(
              { weight: 1, arbitrary: badCellArb },
              { weight: 6, arbitrary: fc.double({ min: -7, max: 7, noNaN: true }).map(String) },
              { weight: 4, arbitrary: fc.constantFrom('-1', '0', '1', '0.5') },
            ),
            { minLength: 2, maxLength: 4 },
          ),
          { maxLength: 8 },
        ),
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\n', '\r\n'),
      )
      .map(([rows, separator, eol]) => rows.map((row) => row.join(separator)).join(eol)),
  },
);

// ---------------------------------------------------------------- the properties

describe('parsePoints, property tests', () => {
  it(
    `a valid file (the page's CSV export, CSV variants, JSON) reads back as exactly its points (${RUNS} files)`,
    () => {
      fc.assert(
        fc.property(validFileArb, ({ set, text }) => {
          const parsed = importAndCheck(text, false);
          if (!parsed) throw new Error('a valid file was refused');
          if (parsed.problem !== set.problem || !samePoints(parsed.points, set.points)) {
            throw new Error(`read as ${show(parsed)}, expected ${show({ problem: set.problem, points: set.points })}`);
          }
        }),
        { seed: 0x1a9_0001, numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    `random text: valid points the trainer loads, or an error the page shows in both languages (${RUNS} texts)`,
    () => {
      fc.assert(
        fc.property(randomTextArb, (text) => {
          importAndCheck(text);
        }),
        { seed: 0x1a9_0002, numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    `damaged valid files: valid points the trainer loads, or an error the page shows in both languages (${RUNS} files)`,
    () => {
      fc.assert(
        fc.property(damagedFileArb, (text) => {
          importAndCheck(text);
        }),
        { seed: 0x1a9_0003, numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});

// ---------------------------------------------------------------- the trainer keeps its data

/** Points the trainer must refuse, each a different way. */
const refusedArb: fc.Arbitrary<{ imported: unknown; percTrainData: number }> = fc
  .tuple(
    smallPointSetArb,
    fc.oneof(
      fc.record({ kind: fc.constant('point' as const), at: fc.nat(), field: fc.constantFrom('x', 'y', 'label'), value: fc.constantFrom<unknown>(NaN, Infinity, -Infinity, 6.5, -100, 1e308, '1', null, undefined, true, [], {}) }),
      fc.record({ kind: fc.constant('label' as const), at: fc.nat(), value: fc.constantFrom(0, 2, -2, 0.5, 1.5) }),
      fc.record({ kind: fc.constant('item' as const), at: fc.nat(), value: fc.constantFrom<unknown>(null, 7, 'x', [1, 2, 1], undefined) }),
      fc.record({ kind: fc.constant('count' as const), count: fc.constantFrom(0, 1, MAX_IMPORT_POINTS + 1) }),
      fc.record({ kind: fc.constant('problem' as const), value: fc.constantFrom<unknown>('clustering', undefined, null, 1) }),
      fc.record({ kind: fc.constant('whole' as const), value: fc.constantFrom<unknown>(null, 1, 'points', [], { id: 1 }, { id: 'a', problem: 'regression' }) }),
      // Valid points, but too few for the share of training data: none to train on.
      fc.record({ kind: fc.constant('noTraining' as const) }),
    ),
  )
  .map(([set, damage]) => {
    const points: unknown[] = set.points.map((p) => ({ ...p }));
    let problem: unknown = set.problem;
    let percTrainData = CONFIG.percTrainData;
    const at = (n: number): number => n % points.length;
    switch (damage.kind) {
      case 'point':
        (points[at(damage.at)] as Record<string, unknown>)[damage.field] = damage.value;
        break;
      case 'label':
        // Out of range for either problem, or not -1/1 for classification.
        (points[at(damage.at)] as Record<string, unknown>)['label'] = set.problem === 'classification' ? damage.value : damage.value * 3;
        if (set.problem === 'regression' && Math.abs(damage.value * 3) <= 1) (points[at(damage.at)] as Record<string, unknown>)['label'] = 7;
        break;
      case 'item':
        points[at(damage.at)] = damage.value;
        break;
      case 'count':
        points.length = 0;
        for (let i = 0; i < damage.count; i++) points.push({ x: 0, y: 0, label: 1 });
        problem = 'classification';
        break;
      case 'problem':
        problem = damage.value;
        break;
      case 'whole':
        return { imported: damage.value, percTrainData };
      case 'noTraining':
        points.length = Math.min(points.length, 9);
        percTrainData = 10;
        break;
    }
    return { imported: { id: 'refused', name: 'refused.csv', problem, points }, percTrainData };
  });

describe('the trainer, given points it refuses, keeps what it had', () => {
  it(
    `a refused load changes nothing: no new snapshot, and then the same training as a trainer that never saw it (${RUNS} refusals)`,
    async () => {
      const points: Example2D[] = Array.from({ length: 40 }, (_, i) => ({ x: (i % 13) - 6, y: ((i * 7) % 13) - 6, label: i % 3 === 0 ? 1 : -1 }));
      const config: TrainerConfig = { ...CONFIG, imported: imported(points, 'classification') };
      const subject = new Trainer({ reference: async () => referenceEngine });
      const twin = new Trainer({ reference: async () => referenceEngine });
      try {
        for (const t of [subject, twin]) {
          await t.init();
          t.load(config);
          t.step(3);
        }
        const before = subject.frame();
        twin.frame();
        expect(before?.train?.xs.length).toBe(20);
        const codes = new Set<string>();
        fc.assert(
          fc.property(refusedArb, ({ imported: bad, percTrainData }) => {
            try {
              subject.load({ ...config, percTrainData, imported: bad as ImportedData });
            } catch (error) {
              if (!(error instanceof TrainerError)) throw new Error(`threw ${String(error)}, not a TrainerError`);
              codes.add(error.code);
              const after = subject.frame();
              if (after !== undefined) throw new Error(`a new snapshot after a refused load (version ${after.version})`);
              return;
            }
            throw new Error('the trainer loaded points it should refuse');
          }),
          { seed: 0x1a9_0004, numRuns: RUNS },
        );
        expect([...codes].sort()).toEqual(['importPoint', 'importProblem', 'importSize', 'importUnreadable', 'noTrainingPoints']);
        // Same data, same weights, same epoch: both train on alike.
        for (const t of [subject, twin]) t.step(2);
        const a = subject.frame() as Snapshot;
        const b = twin.frame() as Snapshot;
        expect({ ...a, stats: [] }).toEqual({ ...b, stats: [] });
        expect(a.epoch).toBe(5);
      } finally {
        subject.dispose();
        twin.dispose();
      }
    },
    TIMEOUT,
  );
});
