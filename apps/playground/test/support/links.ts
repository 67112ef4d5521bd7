/**
 * What the property tests of the URL hash need besides the code under test:
 * random valid states, TF Playground links, garbage, and an independent
 * reading of a link's pairs (TF's format: `key=value` pairs joined by '&',
 * keys percent-decoded and trimmed, the last value of a repeated key counts).
 */
import fc from 'fast-check';
import { LESSONS } from '../../src/lib/course/lessons.js';
import {
  ANSWERS_MODES,
  OPTIMIZER_NAMES,
  LESSON_COUNT,
  ACTIVATIONS,
  CLASSIFICATION_DATASETS,
  DEFAULT_STATE,
  LOSS_NAMES,
  MULTI_CLASS_DATASETS,
  datasetFitsClasses,
  datasetForClasses,
  ENGINES,
  FEATURE_FLAGS,
  HIDABLE_CONTROLS,
  LEARNING_RATES,
  PROBLEMS,
  REGRESSION_DATASETS,
  REGULARIZATION_RATES,
  SPEEDS,
  activeFeatures,
  extractHash,
  type PlaygroundState,
} from '../../src/lib/state/hash.js';

// ---------------------------------------------------------------- the keys

/** Every key of TF's (and this app's) state, in the hash: the spec the parser is held to. */
export const FIELD_KEYS = [
  'activation',
  'regularization',
  'batchSize',
  'dataset',
  'regDataset',
  'learningRate',
  'regularizationRate',
  'noise',
  'networkShape',
  'seed',
  'showTestData',
  'discretize',
  'percTrainData',
  ...FEATURE_FLAGS,
  'collectStats',
  'tutorial',
  'problem',
  'initZero',
  'hideText',
  'engine',
  'speed',
  'stopBelow',
  'pauseAt',
  'lesson',
  'answers',
  'embed',
  'optimizer',
  'momentum',
  'beta1',
  'beta2',
  'epsilon',
  'classes',
  'loss',
] as const satisfies readonly (keyof PlaygroundState)[];
export type FieldKey = (typeof FIELD_KEYS)[number];
const FIELD_SET: ReadonlySet<string> = new Set(FIELD_KEYS);
export const isFieldKey = (key: string): key is FieldKey => FIELD_SET.has(key);

export const HIDE_SUFFIX = '_hide';
/** The ids a hide flag may carry (TF's are plain identifiers such as numNodes3). */
export const HIDE_ID = /^[A-Za-z][A-Za-z0-9]*$/;
const SEED = /^[A-Za-z0-9._-]{1,40}$/;

/** The id of a valid hide flag's key, or undefined. */
export function hideIdOf(key: string): string | undefined {
  if (!key.endsWith(HIDE_SUFFIX)) return undefined;
  const id = key.slice(0, -HIDE_SUFFIX.length);
  return HIDE_ID.test(id) ? id : undefined;
}

// ---------------------------------------------------------------- equality and validity

/** Deep equality of plain data, with Object.is for numbers (so -0 is not 0). */
export function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => same(v, b[i]));
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(b)) {
    const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
    const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
    return (
      ka.length === kb.length &&
      ka.every((k) => Object.hasOwn(b, k) && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return false;
}

/** The text a link's percent-encoding stands for, or undefined where it is not valid (the definition, not the page's fast path). */
export function decodes(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Whether a string can be written into a link (no lone surrogate). */
function writable(text: string): boolean {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

function numberIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0) && value >= min && value <= max;
}

const BOOLEAN_KEYS = ['showTestData', 'discretize', ...FEATURE_FLAGS, 'collectStats', 'initZero', 'hideText', 'embed'] as const;

/** What is wrong with a state: each field outside its domain, named (empty for a valid state). */
export function domainProblems(state: PlaygroundState): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string): void => {
    if (!ok) problems.push(`${what}: ${JSON.stringify((state as unknown as Record<string, unknown>)[what.split(' ')[0]!])}`);
  };
  for (const key of Object.keys(state)) check(key === 'hidden' || isFieldKey(key), `${key} is not a field`);
  for (const key of FIELD_KEYS) if (key !== 'tutorial') check(Object.hasOwn(state, key), `${key} is missing`);
  check(ACTIVATIONS.includes(state.activation), 'activation');
  check(['none', 'l1', 'l2'].includes(state.regularization), 'regularization');
  check(Number.isInteger(state.batchSize) && numberIn(state.batchSize, 1, 30), 'batchSize');
  check(
    [...CLASSIFICATION_DATASETS, ...MULTI_CLASS_DATASETS].includes(state.dataset) && datasetFitsClasses(state.dataset, state.classes),
    'dataset (of the kind its classes need)',
  );
  check(Number.isInteger(state.classes) && numberIn(state.classes, 2, 6), 'classes');
  check(LOSS_NAMES.includes(state.loss), 'loss');
  check((REGRESSION_DATASETS as readonly string[]).includes(state.regDataset), 'regDataset');
  check(numberIn(state.learningRate, 0.00001, 10), 'learningRate');
  check(
    numberIn(state.regularizationRate, 0, 10) && (state.regularizationRate === 0 || Math.fround(state.regularizationRate) > 0),
    'regularizationRate',
  );
  check(numberIn(state.noise, 0, 50), 'noise');
  check(numberIn(state.percTrainData, 10, 90), 'percTrainData');
  check(
    Array.isArray(state.networkShape) &&
      state.networkShape.length <= 6 &&
      state.networkShape.every((n) => Number.isInteger(n) && numberIn(n, 1, 8)),
    'networkShape',
  );
  check(typeof state.seed === 'string' && SEED.test(state.seed), 'seed');
  for (const key of BOOLEAN_KEYS) check(typeof state[key] === 'boolean', key);
  check(
    state.tutorial === undefined ||
      (typeof state.tutorial === 'string' && state.tutorial !== '' && state.tutorial.trim() === state.tutorial && writable(state.tutorial)),
    'tutorial',
  );
  check(PROBLEMS.includes(state.problem), 'problem');
  check(ENGINES.includes(state.engine), 'engine');
  check(SPEEDS.includes(state.speed), 'speed');
  check(state.stopBelow === null || (numberIn(state.stopBelow, 0, 10) && state.stopBelow > 0), 'stopBelow');
  check(state.pauseAt === null || (Number.isInteger(state.pauseAt) && numberIn(state.pauseAt, 1, 2 ** 32 - 1)), 'pauseAt');
  check(state.lesson === null || (Number.isInteger(state.lesson) && numberIn(state.lesson, 1, LESSON_COUNT)), 'lesson');
  check(ANSWERS_MODES.includes(state.answers), 'answers');
  check(OPTIMIZER_NAMES.includes(state.optimizer), 'optimizer');
  for (const key of ['momentum', 'beta1', 'beta2'] as const) check(numberIn(state[key], 0, 1) && Math.fround(state[key]) < 1, key);
  check(numberIn(state.epsilon, 0, 1) && Math.fround(state.epsilon) > 0, 'epsilon');
  check(
    state.hidden !== null &&
      typeof state.hidden === 'object' &&
      Object.getPrototypeOf(state.hidden) === Object.prototype &&
      Object.entries(state.hidden).every(([id, flag]) => HIDE_ID.test(id) && typeof flag === 'boolean'),
    'hidden',
  );
  check(activeFeatures(state).length > 0, 'hidden (no active input feature)');
  return problems;
}

// ---------------------------------------------------------------- reading a link's pairs

export interface LinkPairs {
  /** Decoded, trimmed key -> its last raw value (null: the last pair had no '='). */
  readonly last: ReadonlyMap<string, string | null>;
  /** Keys that are not valid percent-encoding, raw, in order. */
  readonly undecodable: readonly string[];
}

export function readLink(input: string): LinkPairs {
  const last = new Map<string, string | null>();
  const undecodable: string[] = [];
  for (const pair of extractHash(input).split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq >= 0 ? pair.slice(0, eq) : pair;
    const key = decodes(rawKey);
    if (key === undefined) undecodable.push(rawKey);
    else last.set(key.trim(), eq >= 0 ? pair.slice(eq + 1) : null);
  }
  return { last, undecodable };
}

/**
 * The value a link gives a key, decoded and trimmed: undefined when it gives
 * none (no pair, no '=', or an empty value, which means the default), null
 * when the value is not valid percent-encoding.
 */
export function givenValue(raw: string | null | undefined, emptyIsValue: boolean): string | null | undefined {
  if (raw === undefined || raw === null) return undefined;
  const decoded = decodes(raw);
  if (decoded === undefined) return null;
  const text = decoded.trim();
  return text === '' && !emptyIsValue ? undefined : text;
}

/** Whether state value `value` is what the link's text `text` says for `key`. */
export function means(key: FieldKey, text: string, value: unknown): boolean {
  switch (key) {
    case 'batchSize':
    case 'learningRate':
    case 'regularizationRate':
    case 'noise':
    case 'percTrainData':
    case 'stopBelow':
    case 'pauseAt':
    case 'lesson':
    case 'momentum':
    case 'beta1':
    case 'beta2':
    case 'epsilon':
    case 'classes':
      return Number(text) === value;
    case 'networkShape':
      return same(text === '' ? [] : text.split(',').map((part) => Number(part.trim())), value);
    case 'regularization':
      return ({ none: 'none', l1: 'L1', l2: 'L2' } as Record<string, string>)[String(value)] === text;
    default:
      return String(value) === text;
  }
}

/**
 * The state's value for a key the link does not set or sets to a value that
 * was refused. The data set's depends on the classes the state has: TF's
 * circle for two, its counterpart (rings) for 3 or more.
 */
export function defaultFor(key: FieldKey, newSeed: string, classes: number = DEFAULT_STATE.classes): unknown {
  if (key === 'dataset') return datasetForClasses(DEFAULT_STATE.dataset, classes);
  return key === 'seed' ? newSeed : (DEFAULT_STATE as Readonly<Record<string, unknown>>)[key];
}

// ---------------------------------------------------------------- arbitraries

const nice = (values: readonly number[], min: number, max: number): fc.Arbitrary<number> =>
  fc.oneof(
    fc.constantFrom(...values),
    // n + 0 turns -0 into 0: the state's numbers are as a link writes them.
    fc.double({ min, max, noNaN: true }).map((n) => n + 0),
  );

const steps = (from: number, to: number, step: number): number[] =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

/** Ids of hide flags: TF's controls, features, names that are also Object.prototype's, any identifier. */
export const hideIdArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    ...HIDABLE_CONTROLS.map((control) => control.id),
    ...FEATURE_FLAGS,
    'numNodes1',
    'numNodes6',
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
  ),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,10}$/),
);

/** TF tutorial names, or any text a link can carry (non-empty, trimmed). */
const tutorialArb = fc
  .oneof(
    fc.constantFrom('dp-reducing-overfitting', 'dp-neurons', 'tutorial name'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 16 }),
  )
  .filter((t) => t !== '' && t.trim() === t);

const flags = Object.fromEntries(FEATURE_FLAGS.map((id) => [id, fc.boolean()])) as Record<
  (typeof FEATURE_FLAGS)[number],
  fc.Arbitrary<boolean>
>;

/** Any valid state: every field anywhere in its domain, at least one input feature. */
export const validStateArb: fc.Arbitrary<PlaygroundState> = fc
  .record({
    activation: fc.constantFrom(...ACTIVATIONS),
    regularization: fc.constantFrom('none' as const, 'l1' as const, 'l2' as const),
    batchSize: fc.integer({ min: 1, max: 30 }),
    dataset: fc.constantFrom(...CLASSIFICATION_DATASETS, ...MULTI_CLASS_DATASETS),
    regDataset: fc.constantFrom(...REGRESSION_DATASETS),
    learningRate: nice(LEARNING_RATES, 0.00001, 10),
    // A positive rate must stay positive in f32 (at least 1.4e-45), as the engines need.
    regularizationRate: nice(REGULARIZATION_RATES, 0, 10).map((n) => (n !== 0 && Math.fround(n) === 0 ? 0 : n)),
    noise: nice(steps(0, 50, 5), 0, 50),
    networkShape: fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 6 }),
    seed: fc.oneof(
      fc.double({ min: 0, max: 1, noNaN: true }).map((n) => n.toFixed(5)),
      fc.stringMatching(/^[A-Za-z0-9._-]{1,40}$/),
    ),
    showTestData: fc.boolean(),
    discretize: fc.boolean(),
    percTrainData: nice(steps(10, 90, 10), 10, 90),
    ...flags,
    collectStats: fc.boolean(),
    tutorial: fc.option(tutorialArb, { nil: undefined, freq: 4 }),
    problem: fc.constantFrom(...PROBLEMS),
    initZero: fc.boolean(),
    hideText: fc.boolean(),
    engine: fc.constantFrom(...ENGINES),
    speed: fc.constantFrom(...SPEEDS),
    stopBelow: fc.option(nice([0.1, 0.05, 10], Number.MIN_VALUE, 10), { nil: null }),
    pauseAt: fc.option(fc.oneof(fc.constantFrom(1, 500, 2 ** 32 - 1), fc.integer({ min: 1, max: 2 ** 32 - 1 })), { nil: null }),
    lesson: fc.option(fc.integer({ min: 1, max: LESSON_COUNT }), { nil: null }),
    answers: fc.constantFrom(...ANSWERS_MODES),
    embed: fc.boolean(),
    optimizer: fc.constantFrom(...OPTIMIZER_NAMES),
    momentum: nice([0, 0.5, 0.9, 0.99], 0, 0.999999),
    beta1: nice([0, 0.8, 0.9], 0, 0.999999),
    beta2: nice([0.99, 0.999, 0.9999], 0, 0.999999),
    epsilon: nice([1e-8, 1e-7, 0.001, 1], 1e-30, 1),
    classes: fc.oneof(fc.constant(2), fc.integer({ min: 2, max: 6 })),
    loss: fc.constantFrom(...LOSS_NAMES),
    hidden: fc
      .uniqueArray(fc.tuple(hideIdArb, fc.boolean()), { selector: (entry) => entry[0], maxLength: 5 })
      .map((entries) => Object.fromEntries(entries)),
  })
  // The data set of the kind the classes need (TF's four for two, ours for more).
  .map(({ tutorial, ...rest }): PlaygroundState => {
    const state = { ...rest, dataset: datasetForClasses(rest.dataset, rest.classes) };
    return tutorial === undefined ? state : { ...state, tutorial };
  })
  .filter((state) => activeFeatures(state).length > 0);

/** Copied from playground.tensorflow.org (its default page). */
export const TF_DEFAULT =
  'activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&seed=0.80146&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false';

/** TF-format links: TF's default page, one with most settings changed and controls hidden, and the lessons' presets. */
export const TF_LINKS: readonly string[] = [
  TF_DEFAULT,
  'activation=relu&regularization=L2&batchSize=3&dataset=spiral&regDataset=reg-gauss&learningRate=0.3&regularizationRate=0.003&noise=35&networkShape=8,8,5&seed=0.59957&showTestData=true&discretize=true&percTrainData=70&x=false&y=false&xTimesY=false&xSquared=true&ySquared=false&cosX=false&sinX=true&cosY=false&sinY=false&collectStats=false&problem=regression&initZero=false&hideText=true&learningRate_hide=true&playButton_hide=true&noise_hide=false&numNodes2_hide=true',
  'activation=sigmoid&regularization=L1&batchSize=30&dataset=xor&regDataset=reg-plane&learningRate=0.00001&regularizationRate=10&noise=50&networkShape=&seed=0.00000&showTestData=false&discretize=true&percTrainData=10&x=true&y=true&xTimesY=true&xSquared=true&ySquared=true&cosX=true&sinX=true&cosY=true&sinY=true&collectStats=true&tutorial=dp-reducing-overfitting&problem=classification&initZero=true&hideText=false&showTestData_hide=true&activation_hide=true&problem_hide=true&dataset_hide=true',
  ...LESSONS.flatMap((lesson) => lesson.presets.map((preset) => preset.hash)),
];

/** One code unit of a surrogate pair, alone: not writable into a link. */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** Text built from the characters that matter to a parser of links or numbers. */
const tricky = (alphabet: string, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...alphabet), maxLength });

/** Garbage for a value (or a key): empty, huge, negative, NaN, unicode, percent-encoded junk, very long. */
export const junkArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '  \t',
      'NaN',
      '-NaN',
      'Infinity',
      '-Infinity',
      '1e400',
      '-1e400',
      '1e-400',
      '5e-324',
      '1.7976931348623157e308',
      '9'.repeat(400),
      '-1',
      '-0',
      '-0.0',
      '+0',
      '-0e5',
      '0',
      '0.',
      '.5',
      '1.',
      '0x10',
      '0b1',
      '1_000',
      '1,5',
      '4,,2',
      '4,2,',
      ',',
      '１',
      '٣',
      'true',
      'TRUE',
      'false ',
      'null',
      'undefined',
      'L1',
      'none',
      'max',
      '%',
      '%2',
      '%ZZ',
      '%E0%A4',
      '%ED%A0%80',
      '%C0%80',
      '%00',
      '%20',
      '%26',
      '%3D',
      '%23',
      '%25',
      '%2B',
      '+',
      '#',
      '?',
      '&',
      '=',
      '/',
      '..',
      '__proto__',
      'constructor',
      'hasOwnProperty',
      '\uD800',
      '\uDC00x',
      'a\uD83D',
      '\u0000',
      '\u200B',
      '\uFEFF',
      '\u00A0',
      '\u2028',
      '😀',
      'é',
      'e\u0301',
      '한국어',
      '{{key}}',
      '$t(hashNotices.off)',
      '<b>x</b>',
    ),
  },
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 3, arbitrary: tricky('0123456789.-+eE,%#&=? ', 12) },
  { weight: 2, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.array(fc.integer({ min: -10, max: 20 }), { maxLength: 9 }).map((a) => a.join(',')) },
  { weight: 1, arbitrary: loneSurrogate },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }).map(encodeURIComponent) },
  { weight: 1, arbitrary: repeated(20, 400) },
);

/** Something repeated: a long value, or (with '&' in it) many pairs. */
function repeated(min: number, max: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.oneof(fc.string({ minLength: 1, maxLength: 3 }), fc.constantFrom('%', '%&', 'a=b&', '9', 'x_hide=1&')), fc.integer({ min, max }))
    .map(([unit, times]) => unit.repeat(times));
}

/** A very long value (or run of pairs): 500 to 5,000 repetitions, up to about 45,000 characters. */
export const longJunkArb: fc.Arbitrary<string> = repeated(500, 5_000);

/** Keys a link may hold: TF's and ours, hide flags, misspellings, encoded names, garbage. */
export const keyArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...FIELD_KEYS) },
  { weight: 2, arbitrary: hideIdArb.map((id) => `${id}${HIDE_SUFFIX}`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '_hide',
      '1x_hide',
      'a-b_hide',
      'x_hide_hide',
      'x%5Fhide',
      'features',
      'numHiddenLayers',
      '__proto__',
      'constructor',
      'Noise',
      ' noise',
      'noise ',
      'n%6Fise',
      '%6E%6F%69%73%65',
      'noise%20',
      '%',
      '%ZZ',
      '%E0%A4',
      '',
      'tutorial%00',
      'seed\uD800',
      'x_hide',
      'y_hide',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);

/** The value of each key in a link written from a valid state (networkShape may be ''). */
export function pairValues(hash: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const pair of hash.split('&')) {
    const eq = pair.indexOf('=');
    if (eq > 0) values.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return values;
}

