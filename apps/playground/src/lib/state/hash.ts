/**
 * The page's state as a URL hash, in TensorFlow Playground's format.
 *
 * TF keeps everything in `#key=value&key=value...`; a link copied from
 * playground.tensorflow.org opens here with the same settings, and a link
 * written here (minus this app's own keys: engine, speed, stopBelow and the
 * classroom's lesson, answers and embed, which TF ignores) opens there.
 * The classes (`classes=3..6`) and their data sets in TF's `dataset=` key
 * (blobs, arms, rings, sectors) are ours too: a data set of the wrong kind
 * for the link's classes is replaced by its counterpart, with a notice.
 * The state model itself is model.ts; hidden controls are hidden.ts.
 *
 * Parsing is forgiving: a value we cannot use falls back to its default and
 * yields a notice saying what was wrong, so the page can tell the user instead
 * of silently showing something else. Nothing in here throws on user input.
 */
import type { Regularization } from '@nn/engine';
import {
  ACTIVATIONS,
  ANSWERS_MODES,
  CLASSIFICATION_DATASETS,
  DEFAULT_STATE,
  ENGINES,
  FEATURE_FLAGS,
  LESSON_COUNT,
  MAX_BATCH_SIZE,
  MAX_HIDDEN_LAYERS,
  MAX_LEARNING_RATE,
  MAX_NEURONS,
  MAX_NOISE,
  MAX_PERC_TRAIN,
  MAX_REGULARIZATION_RATE,
  MAX_SEED_LENGTH,
  MAX_STOP_BELOW,
  MAX_PAUSE_AT,
  MAX_EPSILON,
  OPTIMIZER_NAMES,
  LOSS_NAMES,
  MAX_CLASSES,
  MIN_CLASSES,
  MULTI_CLASS_DATASETS,
  COUNTERPART_DATASETS,
  datasetFitsClasses,
  datasetForClasses,
  type ClassDataset,
  MIN_BATCH_SIZE,
  MIN_LEARNING_RATE,
  MIN_NOISE,
  MIN_PERC_TRAIN,
  PROBLEMS,
  REGRESSION_DATASETS,
  SPEEDS,
  activeFeatures,
  type PlaygroundState,
  type Speed,
} from './model.js';
import { HIDE_ID, HIDE_SUFFIX, withHidden } from './hidden.js';
import { FEATURE_IDS } from '@nn/datasets';

// The state model and the hidden controls, for the many callers that also read or write links.
export * from './model.js';
export * from './hidden.js';

// ---------------------------------------------------------------- value codecs

/**
 * What a notice says, for translation (one code per kind of sentence):
 * - `keyEncoding`: a key that is not valid percent-encoding (params: key);
 * - `valueEncoding`: a value that is not (params: key, value, fallback, fallbackKind);
 * - `invalidValue`: a value that is not what the key takes (params: key, value,
 *   fallback, fallbackKind, expected, and the expectation's own values);
 * - `unknownKey`: a pair whose key is no setting of this page (params: pair);
 * - `moreIgnored`: how many more pairs were ignored than are named (params: more);
 * - `noFeatures`: no input feature is on (no params);
 * - `hiddenFeatures`: every feature that is on is hidden (params: features).
 */
export type HashNoticeCode =
  | 'keyEncoding'
  | 'valueEncoding'
  | 'invalidValue'
  | 'unknownKey'
  | 'moreIgnored'
  | 'noFeatures'
  | 'hiddenFeatures';

/**
 * Most notices about pairs that are not a setting's value (a key that is not
 * valid percent-encoding or not a setting, a bad hide flag): a link may hold
 * any number of them, so past this many one `moreIgnored` notice counts the
 * rest. Each setting's own value always gets its notice.
 */
export const MAX_IGNORED_NOTICES = 5;

/**
 * What a key takes, for translation (`expected` of an `invalidValue` notice).
 * The values the English wording interpolates come in the notice's params:
 * `min` and `max`; `options` and `last` (a list, e.g. "relu, tanh, sigmoid"
 * and "linear"); `maxLayers` and `maxNeurons`; `maxLength`.
 */
export type HashExpectation =
  | 'activation'
  | 'regularization'
  | 'batchSize'
  | 'dataset'
  | 'regDataset'
  | 'learningRate'
  | 'regularizationRate'
  | 'noise'
  | 'networkShape'
  | 'seed'
  | 'boolean'
  | 'percTrainData'
  | 'tutorial'
  | 'problem'
  | 'engine'
  | 'speed'
  | 'stopBelow'
  | 'pauseAt'
  | 'lesson'
  | 'answers'
  | 'optimizer'
  | 'decay'
  | 'epsilon'
  | 'classes'
  | 'loss'
  | 'multiClassDataset';

/**
 * What the page uses instead (`fallbackKind`): the default `value` (in
 * `fallback`, as the link would write it), a new random `seed` (in
 * `fallback`), `noHiddenLayers` (an empty network shape), or `off` (no loss
 * target, no tutorial).
 */
export type HashFallbackKind = 'value' | 'seed' | 'noHiddenLayers' | 'off';

export interface HashNotice {
  /** The hash key the notice is about (`features` for the input-feature fallback, '' for `moreIgnored`). */
  readonly key: string;
  /** The value as found in the link (decoded when possible). */
  readonly value: string;
  /** A sentence for the user in English, e.g. `noise "80" is not a noise value from 0 to 50; using 0`. */
  readonly message: string;
  /** Which sentence `message` is (see HashNoticeCode). */
  readonly code: HashNoticeCode;
  /** The values the sentence interpolates, by name (see HashNoticeCode). */
  readonly params: Readonly<Record<string, string | number>>;
}

const REGULARIZATION_NAMES: Readonly<Record<Regularization, string>> = { none: 'none', l1: 'L1', l2: 'L2' };

/**
 * Plain decimal numbers, optionally with an exponent; no hex, no Infinity, no
 * blanks. Written so that each character can be matched one way only: with
 * `\d+\.?\d*` a long run of digits followed by anything else took quadratic
 * time (0.4 s for 20,000 digits, minutes for a megabyte).
 */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const SEED = /^[A-Za-z0-9._-]+$/;

function parseDecimal(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) return undefined;
  // "-0" is 0: the state holds what the link will write ("0"), so it reads back the same.
  return n === 0 ? 0 : n;
}

function numberIn(min: number, max: number, integer = false) {
  return (text: string): number | undefined => {
    const n = parseDecimal(text);
    if (n === undefined || n < min || n > max) return undefined;
    if (integer && !Number.isInteger(n)) return undefined;
    return n;
  };
}

/**
 * 0..10, but not a positive rate so small that f32 (the WASM core's numbers)
 * makes it 0 (below 1.4e-45): the engines refuse those, so the link does too.
 */
function regularizationRateOf(text: string): number | undefined {
  const n = numberIn(0, MAX_REGULARIZATION_RATE)(text);
  return n !== undefined && n !== 0 && Math.fround(n) === 0 ? undefined : n;
}

function oneOf<T extends string>(names: readonly T[]) {
  return (text: string): T | undefined => (names as readonly string[]).includes(text) ? (text as T) : undefined;
}

function parseBoolean(text: string): boolean | undefined {
  if (text === 'true') return true;
  if (text === 'false') return false;
  return undefined;
}

function parseShape(text: string): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(',');
  if (parts.length > MAX_HIDDEN_LAYERS) return undefined;
  const shape: number[] = [];
  for (const part of parts) {
    const n = numberIn(1, MAX_NEURONS, true)(part.trim());
    if (n === undefined) return undefined;
    shape.push(n);
  }
  return shape;
}

function parseRegularization(text: string): Regularization | undefined {
  if (text === 'none') return 'none';
  if (text === 'L1') return 'l1';
  if (text === 'L2') return 'l2';
  return undefined;
}

function parseSpeed(text: string): Speed | undefined {
  return SPEEDS.find((s) => String(s) === text);
}

function parseSeed(text: string): string | undefined {
  return text.length <= MAX_SEED_LENGTH && SEED.test(text) ? text : undefined;
}

/** Any text that a link can hold again: not one half of a surrogate pair alone, which encodeURIComponent refuses. */
function parseTutorial(text: string): string | undefined {
  try {
    encodeURIComponent(text);
    return text;
  } catch {
    return undefined;
  }
}

/** "a, b or c" as `options` "a, b" and `last` "c" (a translation puts its own "or" between them). */
function listParams(names: readonly string[]): { options: string; last: string } {
  return { options: names.slice(0, -1).join(', '), last: names[names.length - 1] ?? '' };
}

function orList(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  const { options, last } = listParams(names);
  return `${options} or ${last}`;
}

/** What a key takes: in English words, and as a code with the values the words interpolate. */
interface Expectation {
  readonly text: string;
  readonly code: HashExpectation;
  readonly params?: Readonly<Record<string, string | number>>;
}

/**
 * One hash key: how to read it (undefined = not valid), what a valid value
 * looks like, and how to write the state's value (undefined = omit).
 */
interface Field {
  readonly key: string;
  readonly read: (text: string) => unknown;
  readonly expected: Expectation;
  readonly write: (state: PlaygroundState) => string | undefined;
  /** Whether an empty value is a value (networkShape) rather than a missing key. */
  readonly emptyIsValue?: boolean;
}

function plain(key: keyof PlaygroundState, read: (text: string) => unknown, expected: Expectation): Field {
  return { key, read, expected, write: (s) => String(s[key]) };
}

const BOOLEAN: Expectation = { text: 'true or false', code: 'boolean' };

/** "an activation (relu, tanh, sigmoid or linear)": a noun and a list of names. */
function among(code: HashExpectation, noun: string, names: readonly string[]): Expectation {
  return { text: `${noun} (${orList(names)})`, code, params: listParams(names) };
}

/** "a noise value from 0 to 50": words around a range. */
function range(code: HashExpectation, text: (min: number, max: number) => string, min: number, max: number): Expectation {
  return { text: text(min, max), code, params: { min, max } };
}

const readClasses = numberIn(MIN_CLASSES, MAX_CLASSES, true);

/** What `dataset=` takes with two classes (TF's four) and with 3 or more (ours). */
const DATASET_EXPECTED = among('dataset', 'a classification data set', CLASSIFICATION_DATASETS);
const MULTI_CLASS_EXPECTED = among('multiClassDataset', 'a data set of several classes', MULTI_CLASS_DATASETS);

/** The classes a link asks for (its valid `classes=` value, else two), read before the data set it decides. */
function linkClasses(raw: ReadonlyMap<string, string | undefined>): number {
  const value = raw.get('classes');
  const text = value === undefined ? undefined : decode(value)?.trim();
  const classes = text === undefined || text === '' ? undefined : readClasses(text);
  return classes ?? DEFAULT_STATE.classes;
}

/** TF's keys in TF's serialization order, then ours. */
const FIELDS: readonly Field[] = [
  plain('activation', oneOf(ACTIVATIONS), among('activation', 'an activation', ACTIVATIONS)),
  {
    key: 'regularization',
    read: parseRegularization,
    expected: among('regularization', 'a regularization', ['none', 'L1', 'L2']),
    // TF stores "none" as null and leaves it out of the link; so do we, so TF links round-trip.
    write: (s) => (s.regularization === 'none' ? undefined : REGULARIZATION_NAMES[s.regularization]),
  },
  plain(
    'batchSize',
    numberIn(MIN_BATCH_SIZE, MAX_BATCH_SIZE, true),
    range('batchSize', (min, max) => `a batch size (a whole number from ${min} to ${max})`, MIN_BATCH_SIZE, MAX_BATCH_SIZE),
  ),
  // Checked against the link's classes in parseHash (a data set of 3 or more classes needs classes=3..6).
  plain('dataset', oneOf<ClassDataset>([...CLASSIFICATION_DATASETS, ...MULTI_CLASS_DATASETS]), DATASET_EXPECTED),
  plain('regDataset', oneOf(REGRESSION_DATASETS), among('regDataset', 'a regression data set', REGRESSION_DATASETS)),
  plain(
    'learningRate',
    numberIn(MIN_LEARNING_RATE, MAX_LEARNING_RATE),
    range('learningRate', (min, max) => `a learning rate from ${min} to ${max}`, MIN_LEARNING_RATE, MAX_LEARNING_RATE),
  ),
  plain(
    'regularizationRate',
    regularizationRateOf,
    range('regularizationRate', (min, max) => `a regularization rate from ${min} to ${max}`, 0, MAX_REGULARIZATION_RATE),
  ),
  plain('noise', numberIn(MIN_NOISE, MAX_NOISE), range('noise', (min, max) => `a noise value from ${min} to ${max}`, MIN_NOISE, MAX_NOISE)),
  {
    key: 'networkShape',
    read: parseShape,
    expected: {
      text: `a network shape (up to ${MAX_HIDDEN_LAYERS} comma-separated layer sizes, each a whole number from 1 to ${MAX_NEURONS})`,
      code: 'networkShape',
      params: { maxLayers: MAX_HIDDEN_LAYERS, maxNeurons: MAX_NEURONS },
    },
    write: (s) => s.networkShape.join(','),
    emptyIsValue: true,
  },
  {
    key: 'seed',
    read: parseSeed,
    expected: {
      text: `a seed (1 to ${MAX_SEED_LENGTH} letters, digits, '.', '-' or '_')`,
      code: 'seed',
      params: { maxLength: MAX_SEED_LENGTH },
    },
    // A parsed seed never needs escaping; one set in code might.
    write: (s) => encodeURIComponent(s.seed),
  },
  plain('showTestData', parseBoolean, BOOLEAN),
  plain('discretize', parseBoolean, BOOLEAN),
  plain(
    'percTrainData',
    numberIn(MIN_PERC_TRAIN, MAX_PERC_TRAIN),
    range(
      'percTrainData',
      (min, max) => `a ratio of training to test data from ${min} to ${max} (percent for training)`,
      MIN_PERC_TRAIN,
      MAX_PERC_TRAIN,
    ),
  ),
  ...FEATURE_FLAGS.map((id) => plain(id, parseBoolean, BOOLEAN)),
  plain('collectStats', parseBoolean, BOOLEAN),
  {
    key: 'tutorial',
    read: parseTutorial,
    expected: { text: 'a tutorial name', code: 'tutorial' },
    write: (s) => (s.tutorial === undefined || s.tutorial === '' ? undefined : encodeURIComponent(s.tutorial)),
  },
  plain('problem', oneOf(PROBLEMS), among('problem', 'a problem type', PROBLEMS)),
  plain('initZero', parseBoolean, BOOLEAN),
  plain('hideText', parseBoolean, BOOLEAN),
  plain('engine', oneOf(ENGINES), among('engine', 'an engine', ENGINES)),
  plain('speed', parseSpeed, among('speed', 'a speed', SPEEDS.map(String))),
  {
    key: 'stopBelow',
    read: (text: string) => {
      const value = numberIn(0, MAX_STOP_BELOW)(text);
      return value === undefined || value === 0 ? undefined : value;
    },
    expected: range('stopBelow', (min, max) => `a loss target above ${min} and at most ${max}`, 0, MAX_STOP_BELOW),
    // Off is not written, so links without a target (and TF's) round-trip.
    write: (s) => (s.stopBelow === null ? undefined : String(s.stopBelow)),
  },
  {
    key: 'pauseAt',
    read: numberIn(1, MAX_PAUSE_AT, true),
    expected: range('pauseAt', (min, max) => `an epoch to pause at (a whole number from ${min} to ${max})`, 1, MAX_PAUSE_AT),
    // Off is not written, like stopBelow.
    write: (s) => (s.pauseAt === null ? undefined : String(s.pauseAt)),
  },
  {
    key: 'lesson',
    read: numberIn(1, LESSON_COUNT, true),
    expected: range('lesson', (min, max) => `a lesson number from ${min} to ${max}`, 1, LESSON_COUNT),
    write: (s) => (s.lesson === null ? undefined : String(s.lesson)),
  },
  {
    key: 'answers',
    read: oneOf(ANSWERS_MODES),
    expected: { text: orList(ANSWERS_MODES), code: 'answers', params: listParams(ANSWERS_MODES) },
    // "show" is the default: links written before the key existed keep their meaning.
    write: (s) => (s.answers === 'show' ? undefined : s.answers),
  },
  {
    key: 'embed',
    read: parseBoolean,
    expected: BOOLEAN,
    write: (s) => (s.embed ? 'true' : undefined),
  },
  // Ours: the optimizer and its settings, each written only when not its default (TF's SGD),
  // so TF links and links made before optimizers keep their meaning.
  {
    key: 'optimizer',
    read: oneOf(OPTIMIZER_NAMES),
    expected: among('optimizer', 'an optimizer', OPTIMIZER_NAMES),
    write: (s) => (s.optimizer === DEFAULT_STATE.optimizer ? undefined : s.optimizer),
  },
  ...(['momentum', 'beta1', 'beta2'] as const).map(
    (key): Field => ({
      key,
      read: (text: string) => {
        const n = parseDecimal(text);
        // Below 1 also once rounded to f32, the WASM core's numbers.
        return n !== undefined && n >= 0 && n < 1 && Math.fround(n) < 1 ? n : undefined;
      },
      expected: { text: 'a decay from 0 to less than 1', code: 'decay', params: { min: 0, max: 1 } },
      write: (s) => (s[key] === DEFAULT_STATE[key] ? undefined : String(s[key])),
    }),
  ),
  {
    key: 'epsilon',
    read: (text: string) => {
      const n = parseDecimal(text);
      return n !== undefined && n > 0 && n <= MAX_EPSILON && Math.fround(n) > 0 ? n : undefined;
    },
    expected: range('epsilon', (min, max) => `an epsilon above ${min} and at most ${max}`, 0, MAX_EPSILON),
    write: (s) => (s.epsilon === DEFAULT_STATE.epsilon ? undefined : String(s.epsilon)),
  },
  // Ours: the classes and the two-class loss, each written only when not its default
  // (two classes, TF's squared error), so older links keep their meaning.
  {
    key: 'classes',
    read: readClasses,
    expected: range('classes', (min, max) => `a number of classes (a whole number from ${min} to ${max})`, MIN_CLASSES, MAX_CLASSES),
    write: (s) => (s.classes === DEFAULT_STATE.classes ? undefined : String(s.classes)),
  },
  {
    key: 'loss',
    read: oneOf(LOSS_NAMES),
    expected: among('loss', 'a loss', LOSS_NAMES),
    write: (s) => (s.loss === DEFAULT_STATE.loss ? undefined : s.loss),
  },
];
const FIELD_KEYS: ReadonlySet<string> = new Set(FIELDS.map((field) => field.key));

/**
 * The key of a recorded run in a link (`run=<base64url of an exact run>`,
 * made by @nn/records' runLinkHash): not a setting of the state, but read
 * once by the page, which replays the run. `serializeHash` never writes it.
 */
export const RUN_KEY = 'run';

// ---------------------------------------------------------------- parse

/**
 * The `key=value&...` part of what the user gave: a bare hash, one with a
 * leading '#', or a whole URL (whatever follows its first '#'; a URL without
 * '#' carries no state, except a `?key=value` query, which is read instead).
 */
export function extractHash(input: string): string {
  const text = input.trim();
  const hashAt = text.indexOf('#');
  if (hashAt >= 0) return text.slice(hashAt + 1);
  const queryAt = text.indexOf('?');
  if (queryAt >= 0) return text.slice(queryAt + 1);
  // "https://host/path" or "host.tld/path" without '#': no settings in it.
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text) || /^[^=&]*\//.test(text)) return '';
  return text;
}

/** A '%' that does not start an escape (two hex digits). */
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;

function decode(text: string): string | undefined {
  // The common cases without a try: nothing to decode, or an escape that is plainly broken
  // (a thrown error costs microseconds, and a long pasted link may hold thousands of them).
  if (!text.includes('%')) return text;
  if (BAD_ESCAPE.test(text)) return undefined;
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function shown(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}

function defaultText(key: string, value: unknown): string {
  if (key === 'regularization') return REGULARIZATION_NAMES[value as Regularization];
  if (Array.isArray(value)) return value.length === 0 ? '(no hidden layers)' : value.join(',');
  return String(value);
}

/**
 * Reads a TF Playground hash (or a whole link). Every key is optional: a
 * missing or empty one takes its default, a bad one its default plus a
 * notice; a missing or bad seed is replaced by `newSeed()`. Unknown keys are
 * ignored, with a notice; when a key repeats, its last value counts (as in TF).
 *
 * The notices come in this order: the settings' values, then the other pairs
 * (at most MAX_IGNORED_NOTICES of them, then one counting the rest), then the
 * input-feature fallback. `usable` is false when the link holds no setting of
 * this page at all (empty, or only unknown pairs): a page that is open keeps
 * what it has rather than start over from the defaults.
 */
export function parseHash(
  hash: string,
  newSeed: () => string,
): {
  state: PlaygroundState;
  notices: HashNotice[];
  usable: boolean;
  /** The `run` value (see RUN_KEY), percent-decoded and trimmed; undefined without one. Checking it is the caller's job. */
  run?: string;
} {
  const notices: HashNotice[] = [];
  /** Notices about the pairs that are not a setting's value: undecodable keys, then the others by first appearance. */
  const ignored: HashNotice[] = [];
  const notice = (
    key: string,
    value: string,
    message: string,
    code: HashNoticeCode,
    params: Readonly<Record<string, string | number>> = {},
    list: HashNotice[] = notices,
  ): void => {
    list.push({ key, value, message, code, params });
  };

  // key -> raw value (undefined when the pair had no '='); insertion order kept for the hide flags.
  const raw = new Map<string, string | undefined>();
  for (const pair of extractHash(hash).split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq >= 0 ? pair.slice(0, eq) : pair;
    const key = decode(rawKey);
    if (key === undefined) {
      notice(
        rawKey,
        eq >= 0 ? pair.slice(eq + 1) : '',
        `"${shown(rawKey)}" is not valid percent-encoding; this setting is ignored`,
        'keyEncoding',
        { key: shown(rawKey) },
        ignored,
      );
      continue;
    }
    raw.set(key.trim(), eq >= 0 ? pair.slice(eq + 1) : undefined);
  }

  // The data set's kind follows the classes: without a (fitting) data set, 3 or more
  // classes take the counterpart of TF's default circle.
  const classes = linkClasses(raw);
  const values: Record<string, unknown> = {
    ...DEFAULT_STATE,
    dataset: datasetForClasses(DEFAULT_STATE.dataset, classes),
  };
  let seed: string | undefined;

  for (const field of FIELDS) {
    if (!raw.has(field.key)) continue;
    const rawValue = raw.get(field.key);
    if (rawValue === undefined) continue;
    const decoded = decode(rawValue);
    /** What is used instead: in English words, and as params (see HashFallbackKind). */
    const fallback = (): { text: string; params: { fallback: string; fallbackKind: HashFallbackKind } } => {
      if (field.key === 'seed') {
        seed = newSeed();
        return { text: `a new random seed ${seed}`, params: { fallback: seed, fallbackKind: 'seed' } };
      }
      const value = values[field.key];
      // stopBelow's and pauseAt's null and tutorial's undefined: no target, no pause epoch, no tutorial.
      if (value === null || value === undefined) return { text: 'off', params: { fallback: '', fallbackKind: 'off' } };
      if (Array.isArray(value) && value.length === 0) {
        return { text: defaultText(field.key, value), params: { fallback: '', fallbackKind: 'noHiddenLayers' } };
      }
      const text = defaultText(field.key, value);
      return { text, params: { fallback: text, fallbackKind: 'value' } };
    };
    if (decoded === undefined) {
      const used = fallback();
      notice(
        field.key,
        rawValue,
        `${field.key} "${shown(rawValue)}" is not valid percent-encoding; using ${used.text}`,
        'valueEncoding',
        { key: field.key, value: shown(rawValue), ...used.params },
      );
      continue;
    }
    const text = decoded.trim();
    if (text === '' && !field.emptyIsValue) continue;
    const value = field.read(text);
    const misfit = field.key === 'dataset' && value !== undefined && !datasetFitsClasses(value as ClassDataset, classes);
    if (misfit) {
      // A data set of the other kind: its counterpart of the right kind keeps the picture's idea.
      const used = COUNTERPART_DATASETS[value as ClassDataset];
      const expected = classes > MIN_CLASSES ? MULTI_CLASS_EXPECTED : DATASET_EXPECTED;
      notice(
        field.key,
        decoded,
        `${field.key} "${shown(decoded)}" is not ${expected.text}; using ${used}`,
        'invalidValue',
        { key: field.key, value: shown(decoded), expected: expected.code, ...expected.params, fallback: used, fallbackKind: 'value' },
      );
      values[field.key] = used;
      continue;
    }
    if (value === undefined) {
      const used = fallback();
      const expected = field.key === 'dataset' && classes > MIN_CLASSES ? MULTI_CLASS_EXPECTED : field.expected;
      notice(
        field.key,
        decoded,
        `${field.key} "${shown(decoded)}" is not ${expected.text}; using ${used.text}`,
        'invalidValue',
        { key: field.key, value: shown(decoded), expected: expected.code, ...expected.params, ...used.params },
      );
      continue;
    }
    if (field.key === 'seed') seed = value as string;
    else values[field.key] = value;
  }

  // The other pairs: a recorded run, hide flags, and keys that are no setting.
  let run: string | undefined;
  const hidden: Record<string, boolean> = {};
  for (const [key, rawValue] of raw) {
    if (FIELD_KEYS.has(key)) continue;
    if (key === RUN_KEY) {
      // Kept as given (an undecodable value is passed on and refused by the reader, with its reason).
      if (rawValue !== undefined && rawValue.trim() !== '') run = (decode(rawValue) ?? rawValue).trim();
      continue;
    }
    const id = key.endsWith(HIDE_SUFFIX) ? key.slice(0, -HIDE_SUFFIX.length) : undefined;
    if (id === undefined || !HIDE_ID.test(id)) {
      const pair = shown(rawValue === undefined ? key : `${key}=${rawValue}`);
      notice(key, rawValue ?? '', `"${pair}" is not a setting of this page; it is ignored`, 'unknownKey', { pair }, ignored);
      continue;
    }
    if (rawValue === undefined) continue;
    const decoded = decode(rawValue);
    if (decoded === undefined) {
      notice(
        key,
        rawValue,
        `${key} "${shown(rawValue)}" is not valid percent-encoding; using false`,
        'valueEncoding',
        { key, value: shown(rawValue), fallback: 'false', fallbackKind: 'value' },
        ignored,
      );
      continue;
    }
    const text = decoded.trim();
    if (text === '') continue;
    const flag = parseBoolean(text);
    if (flag === undefined) {
      notice(
        key,
        decoded,
        `${key} "${shown(decoded)}" is not ${BOOLEAN.text}; using false`,
        'invalidValue',
        { key, value: shown(decoded), expected: BOOLEAN.code, fallback: 'false', fallbackKind: 'value' },
        ignored,
      );
      continue;
    }
    hidden[id] = flag;
  }
  values['hidden'] = hidden;
  values['seed'] = seed ?? newSeed();

  // A link may hold any number of such pairs; the page shows a few and counts the rest.
  if (ignored.length > MAX_IGNORED_NOTICES + 1) {
    const more = ignored.length - MAX_IGNORED_NOTICES;
    ignored.length = MAX_IGNORED_NOTICES;
    notice('', '', `${more} more settings of the link cannot be used and are ignored`, 'moreIgnored', { more }, ignored);
  }
  notices.push(...ignored);

  let state = values as unknown as PlaygroundState;

  // The network needs an input: fall back to TF's default pair, visible.
  if (activeFeatures(state).length === 0) {
    const on = FEATURE_IDS.filter((id) => state[id]);
    if (on.length === 0) {
      notice('features', '', 'no input feature is on; using x and y', 'noFeatures');
    } else {
      notice('features', on.join(','), `every input feature that is on is hidden (${on.join(', ')}); using x and y`, 'hiddenFeatures', {
        features: on.join(', '),
      });
    }
    state = withHidden(withHidden({ ...state, x: true, y: true }, 'x', false), 'y', false);
  }

  // Whether the link holds any setting of this page at all (a value that was
  // refused still counts: the link meant that setting), or only other pairs.
  const usable = [...raw.keys()].some(
    (key) => FIELD_KEYS.has(key) || (key.endsWith(HIDE_SUFFIX) && HIDE_ID.test(key.slice(0, -HIDE_SUFFIX.length))),
  );
  return run === undefined ? { state, notices, usable } : { state, notices, usable, run };
}

// ---------------------------------------------------------------- serialize

/**
 * The hash for `state`, without the leading '#': TF's keys in TF's order,
 * then `engine` and `speed`, then every hide flag in the state's order.
 */
export function serializeHash(state: PlaygroundState): string {
  const parts: string[] = [];
  for (const field of FIELDS) {
    const value = field.write(state);
    if (value !== undefined) parts.push(`${field.key}=${value}`);
  }
  for (const [id, flag] of Object.entries(state.hidden)) parts.push(`${id}${HIDE_SUFFIX}=${String(flag)}`);
  return parts.join('&');
}
