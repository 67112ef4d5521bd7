/**
 * The page's state as a URL hash, in TensorFlow Playground's format.
 *
 * TF keeps everything in `#key=value&key=value...`; a link copied from
 * playground.tensorflow.org opens here with the same settings, and a link
 * written here (minus our two extra keys, which TF ignores) opens there.
 *
 * Parsing is forgiving: a value we cannot use falls back to its default and
 * yields a notice saying what was wrong, so the page can tell the user instead
 * of silently showing something else. Nothing in here throws on user input.
 */
import { FEATURE_IDS } from '@nn/datasets';
import type { DatasetName, FeatureId, Problem } from '@nn/datasets';
import type { Activation, Regularization } from '@nn/engine';
import { ENGINE_NAMES, SPEEDS, type EngineName, type Speed, type TrainerConfig } from '@nn/trainer';

// ---------------------------------------------------------------- small types

/** Engines and speeds as the trainer protocol names them. */
export type { EngineName, Speed };
export { SPEEDS };
export const ENGINES: readonly EngineName[] = ENGINE_NAMES;

export type ClassificationDataset = 'circle' | 'xor' | 'gauss' | 'spiral';
export type RegressionDataset = 'reg-plane' | 'reg-gauss';

export const CLASSIFICATION_DATASETS = ['circle', 'xor', 'gauss', 'spiral'] as const satisfies readonly DatasetName[];
export const REGRESSION_DATASETS = ['reg-plane', 'reg-gauss'] as const satisfies readonly DatasetName[];
export const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'sigmoid', 'linear'];
export const PROBLEMS: readonly Problem[] = ['classification', 'regression'];

/** Every boolean feature flag TF keeps in the hash, in its serialization order. cosX/cosY are never inputs. */
export type FeatureFlag = FeatureId | 'cosX' | 'cosY';
export const FEATURE_FLAGS: readonly FeatureFlag[] = [
  'x',
  'y',
  'xTimesY',
  'xSquared',
  'ySquared',
  'cosX',
  'sinX',
  'cosY',
  'sinY',
];

// ---------------------------------------------------------------- limits

/** The learning rates TF's drop-down offers. */
export const LEARNING_RATES: readonly number[] = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
/** The regularization rates TF's drop-down offers. */
export const REGULARIZATION_RATES: readonly number[] = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const MAX_HIDDEN_LAYERS = 6;
export const MAX_NEURONS = 8;
export const MIN_BATCH_SIZE = 1;
export const MAX_BATCH_SIZE = 30;
export const MIN_NOISE = 0;
export const MAX_NOISE = 50;
export const NOISE_STEP = 5;
export const MIN_PERC_TRAIN = 10;
export const MAX_PERC_TRAIN = 90;
export const PERC_TRAIN_STEP = 10;
export const MIN_LEARNING_RATE = 0.00001;
export const MAX_LEARNING_RATE = 10;
export const MAX_REGULARIZATION_RATE = 10;
export const MAX_SEED_LENGTH = 40;

// ---------------------------------------------------------------- state

export interface PlaygroundState {
  readonly activation: Activation;
  /** Stored with the engine's names; written to the hash as none|L1|L2. */
  readonly regularization: Regularization;
  readonly batchSize: number;
  /** The classification generator (used when `problem` is classification). */
  readonly dataset: ClassificationDataset;
  /** The regression generator (used when `problem` is regression). */
  readonly regDataset: RegressionDataset;
  readonly learningRate: number;
  readonly regularizationRate: number;
  /** 0..50 (percent). */
  readonly noise: number;
  /** Neurons per hidden layer; [] is a network without hidden layers. */
  readonly networkShape: readonly number[];
  readonly seed: string;
  readonly showTestData: boolean;
  readonly discretize: boolean;
  /** 10..90 (percent of the points used for training). */
  readonly percTrainData: number;
  readonly x: boolean;
  readonly y: boolean;
  readonly xTimesY: boolean;
  readonly xSquared: boolean;
  readonly ySquared: boolean;
  /** Kept only so TF links round-trip; never an input. */
  readonly cosX: boolean;
  readonly sinX: boolean;
  /** Kept only so TF links round-trip; never an input. */
  readonly cosY: boolean;
  readonly sinY: boolean;
  readonly collectStats: boolean;
  /** TF's tutorial page name, passed through untouched. */
  readonly tutorial?: string;
  readonly problem: Problem;
  readonly initZero: boolean;
  readonly hideText: boolean;
  /** Ours: which engine trains. */
  readonly engine: EngineName;
  /** Ours: epochs per animation frame. */
  readonly speed: Speed;
  /**
   * `<id>_hide` flags in the order they were read or set. Only `true` hides;
   * `false` entries are kept because TF writes them too (a control hidden and
   * shown again), so such links round-trip.
   */
  readonly hidden: Readonly<Record<string, boolean>>;
}

export const DEFAULT_STATE: Readonly<Omit<PlaygroundState, 'seed'>> = Object.freeze({
  activation: 'tanh',
  regularization: 'none',
  batchSize: 10,
  dataset: 'circle',
  regDataset: 'reg-plane',
  learningRate: 0.03,
  regularizationRate: 0,
  noise: 0,
  networkShape: Object.freeze([4, 2]),
  showTestData: false,
  discretize: false,
  percTrainData: 50,
  x: true,
  y: true,
  xTimesY: false,
  xSquared: false,
  ySquared: false,
  cosX: false,
  sinX: false,
  cosY: false,
  sinY: false,
  collectStats: false,
  problem: 'classification',
  initZero: false,
  hideText: false,
  engine: 'wasm',
  speed: 1,
  hidden: Object.freeze({}),
} satisfies Omit<PlaygroundState, 'seed'>);

export function defaultState(seed: string): PlaygroundState {
  return { ...DEFAULT_STATE, seed };
}

/** TF's way of making a fresh seed: five decimals of a uniform number, e.g. "0.59957". */
export function randomSeed(): string {
  return Math.random().toFixed(5);
}

// ---------------------------------------------------------------- hidden controls

/** TF's "hide controls" checklist, in its order, with its labels. */
export const HIDABLE_CONTROLS: readonly { readonly id: string; readonly label: string }[] = [
  { id: 'showTestData', label: 'Show test data' },
  { id: 'discretize', label: 'Discretize output' },
  { id: 'playButton', label: 'Play button' },
  { id: 'stepButton', label: 'Step button' },
  { id: 'resetButton', label: 'Reset button' },
  { id: 'learningRate', label: 'Learning rate' },
  { id: 'activation', label: 'Activation' },
  { id: 'regularization', label: 'Regularization' },
  { id: 'regularizationRate', label: 'Regularization rate' },
  { id: 'problem', label: 'Problem type' },
  { id: 'dataset', label: 'Which dataset' },
  { id: 'percTrainData', label: 'Ratio train data' },
  { id: 'noise', label: 'Noise level' },
  { id: 'batchSize', label: 'Batch size' },
  { id: 'numHiddenLayers', label: '# of hidden layers' },
];

const HIDE_SUFFIX = '_hide';
/** Ids a hide flag may carry (TF's are plain identifiers such as `numNodes3`). */
const HIDE_ID = /^[A-Za-z][A-Za-z0-9]*$/;

export function isHidden(state: PlaygroundState, id: string): boolean {
  return Object.hasOwn(state.hidden, id) && state.hidden[id] === true;
}

/**
 * The state with control `id` hidden or shown. Showing removes the flag (a
 * shorter link) instead of writing `_hide=false`.
 */
export function withHidden(state: PlaygroundState, id: string, hidden: boolean): PlaygroundState {
  if (isHidden(state, id) === hidden && (hidden || !Object.hasOwn(state.hidden, id))) return state;
  const next: Record<string, boolean> = { ...state.hidden };
  if (hidden) next[id] = true;
  else delete next[id];
  return { ...state, hidden: next };
}

// ---------------------------------------------------------------- derived values

/** The network's input features: TF's input order, switched on and not hidden. */
export function activeFeatures(state: PlaygroundState): FeatureId[] {
  return FEATURE_IDS.filter((id) => state[id] && !isHidden(state, id));
}

export function problemOf(state: PlaygroundState): Problem {
  return state.problem;
}

/** The generator in use: `dataset` for classification, `regDataset` for regression. */
export function datasetOf(state: PlaygroundState): DatasetName {
  return state.problem === 'regression' ? state.regDataset : state.dataset;
}

/** What the trainer needs from the state (the rest is page-only). */
export function toTrainerConfig(state: PlaygroundState): TrainerConfig {
  return {
    dataset: datasetOf(state),
    noise: state.noise,
    percTrainData: state.percTrainData,
    seed: state.seed,
    features: activeFeatures(state),
    networkShape: [...state.networkShape],
    activation: state.activation,
    regularization: state.regularization,
    regularizationRate: state.regularizationRate,
    learningRate: state.learningRate,
    batchSize: state.batchSize,
    initZero: state.initZero,
  };
}

// ---------------------------------------------------------------- value codecs

export interface HashNotice {
  /** The hash key the notice is about (`features` for the input-feature fallback). */
  readonly key: string;
  /** The value as found in the link (decoded when possible). */
  readonly value: string;
  /** A sentence for the user, e.g. `noise "80" is not a noise level from 0 to 50; using 0`. */
  readonly message: string;
}

const REGULARIZATION_NAMES: Readonly<Record<Regularization, string>> = { none: 'none', l1: 'L1', l2: 'L2' };

/** Plain decimal numbers, optionally with an exponent; no hex, no Infinity, no blanks. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SEED = /^[A-Za-z0-9._-]+$/;

function parseDecimal(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

function numberIn(min: number, max: number, integer = false) {
  return (text: string): number | undefined => {
    const n = parseDecimal(text);
    if (n === undefined || n < min || n > max) return undefined;
    if (integer && !Number.isInteger(n)) return undefined;
    return n;
  };
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

function orList(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]!}`;
}

/**
 * One hash key: how to read it (undefined = not valid), what a valid value
 * looks like in words, and how to write the state's value (undefined = omit).
 */
interface Field {
  readonly key: string;
  readonly read: (text: string) => unknown;
  readonly expected: string;
  readonly write: (state: PlaygroundState) => string | undefined;
  /** Whether an empty value is a value (networkShape) rather than a missing key. */
  readonly emptyIsValue?: boolean;
}

function plain(key: keyof PlaygroundState, read: (text: string) => unknown, expected: string): Field {
  return { key, read, expected, write: (s) => String(s[key]) };
}

const BOOLEAN = 'true or false';

/** TF's keys in TF's serialization order, then ours. */
const FIELDS: readonly Field[] = [
  plain('activation', oneOf(ACTIVATIONS), `an activation (${orList(ACTIVATIONS)})`),
  {
    key: 'regularization',
    read: parseRegularization,
    expected: 'a regularization (none, L1 or L2)',
    // TF stores "none" as null and leaves it out of the link; so do we, so TF links round-trip.
    write: (s) => (s.regularization === 'none' ? undefined : REGULARIZATION_NAMES[s.regularization]),
  },
  plain('batchSize', numberIn(MIN_BATCH_SIZE, MAX_BATCH_SIZE, true), `a batch size (a whole number from ${MIN_BATCH_SIZE} to ${MAX_BATCH_SIZE})`),
  plain('dataset', oneOf(CLASSIFICATION_DATASETS), `a classification dataset (${orList(CLASSIFICATION_DATASETS)})`),
  plain('regDataset', oneOf(REGRESSION_DATASETS), `a regression dataset (${orList(REGRESSION_DATASETS)})`),
  plain('learningRate', numberIn(MIN_LEARNING_RATE, MAX_LEARNING_RATE), `a learning rate from ${MIN_LEARNING_RATE} to ${MAX_LEARNING_RATE}`),
  plain('regularizationRate', numberIn(0, MAX_REGULARIZATION_RATE), `a regularization rate from 0 to ${MAX_REGULARIZATION_RATE}`),
  plain('noise', numberIn(MIN_NOISE, MAX_NOISE), `a noise level from ${MIN_NOISE} to ${MAX_NOISE}`),
  {
    key: 'networkShape',
    read: parseShape,
    expected: `a network shape (up to ${MAX_HIDDEN_LAYERS} comma-separated layer sizes, each a whole number from 1 to ${MAX_NEURONS})`,
    write: (s) => s.networkShape.join(','),
    emptyIsValue: true,
  },
  {
    key: 'seed',
    read: parseSeed,
    expected: `a seed (1 to ${MAX_SEED_LENGTH} letters, digits, '.', '-' or '_')`,
    // A parsed seed never needs escaping; one set in code might.
    write: (s) => encodeURIComponent(s.seed),
  },
  plain('showTestData', parseBoolean, BOOLEAN),
  plain('discretize', parseBoolean, BOOLEAN),
  plain('percTrainData', numberIn(MIN_PERC_TRAIN, MAX_PERC_TRAIN), `a training-data percentage from ${MIN_PERC_TRAIN} to ${MAX_PERC_TRAIN}`),
  ...FEATURE_FLAGS.map((id) => plain(id, parseBoolean, BOOLEAN)),
  plain('collectStats', parseBoolean, BOOLEAN),
  {
    key: 'tutorial',
    read: (text: string) => text,
    expected: 'a tutorial name',
    write: (s) => (s.tutorial === undefined || s.tutorial === '' ? undefined : encodeURIComponent(s.tutorial)),
  },
  plain('problem', oneOf(PROBLEMS), `a problem type (${orList(PROBLEMS)})`),
  plain('initZero', parseBoolean, BOOLEAN),
  plain('hideText', parseBoolean, BOOLEAN),
  plain('engine', oneOf(ENGINES), `an engine (${orList(ENGINES)})`),
  plain('speed', parseSpeed, `a speed (${orList(SPEEDS.map(String))})`),
];

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

function decode(text: string): string | undefined {
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
 * ignored; when a key repeats, its last value counts (as in TF).
 */
export function parseHash(hash: string, newSeed: () => string): { state: PlaygroundState; notices: HashNotice[] } {
  const notices: HashNotice[] = [];
  const notice = (key: string, value: string, message: string): void => {
    notices.push({ key, value, message });
  };

  // key -> raw value (undefined when the pair had no '='); insertion order kept for the hide flags.
  const raw = new Map<string, string | undefined>();
  for (const pair of extractHash(hash).split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq >= 0 ? pair.slice(0, eq) : pair;
    const key = decode(rawKey);
    if (key === undefined) {
      notice(rawKey, eq >= 0 ? pair.slice(eq + 1) : '', `"${shown(rawKey)}" is not valid percent-encoding; this setting is ignored`);
      continue;
    }
    raw.set(key.trim(), eq >= 0 ? pair.slice(eq + 1) : undefined);
  }

  const values: Record<string, unknown> = { ...DEFAULT_STATE };
  let seed: string | undefined;

  for (const field of FIELDS) {
    if (!raw.has(field.key)) continue;
    const rawValue = raw.get(field.key);
    if (rawValue === undefined) continue;
    const decoded = decode(rawValue);
    const fallback = (): string => {
      if (field.key === 'seed') {
        seed = newSeed();
        return `a new random seed ${seed}`;
      }
      return defaultText(field.key, values[field.key]);
    };
    if (decoded === undefined) {
      notice(field.key, rawValue, `${field.key} "${shown(rawValue)}" is not valid percent-encoding; using ${fallback()}`);
      continue;
    }
    const text = decoded.trim();
    if (text === '' && !field.emptyIsValue) continue;
    const value = field.read(text);
    if (value === undefined) {
      notice(field.key, decoded, `${field.key} "${shown(decoded)}" is not ${field.expected}; using ${fallback()}`);
      continue;
    }
    if (field.key === 'seed') seed = value as string;
    else values[field.key] = value;
  }

  const hidden: Record<string, boolean> = {};
  for (const [key, rawValue] of raw) {
    if (!key.endsWith(HIDE_SUFFIX)) continue;
    const id = key.slice(0, -HIDE_SUFFIX.length);
    if (!HIDE_ID.test(id) || rawValue === undefined) continue;
    const decoded = decode(rawValue);
    if (decoded === undefined) {
      notice(key, rawValue, `${key} "${shown(rawValue)}" is not valid percent-encoding; using false`);
      continue;
    }
    const text = decoded.trim();
    if (text === '') continue;
    const flag = parseBoolean(text);
    if (flag === undefined) {
      notice(key, decoded, `${key} "${shown(decoded)}" is not ${BOOLEAN}; using false`);
      continue;
    }
    hidden[id] = flag;
  }
  values['hidden'] = hidden;
  values['seed'] = seed ?? newSeed();

  let state = values as unknown as PlaygroundState;

  // The network needs an input: fall back to TF's default pair, visible.
  if (activeFeatures(state).length === 0) {
    const on = FEATURE_IDS.filter((id) => state[id]);
    const message =
      on.length === 0
        ? 'no input feature is on; using x and y'
        : `every input feature that is on is hidden (${on.join(', ')}); using x and y`;
    notice('features', on.join(','), message);
    state = withHidden(withHidden({ ...state, x: true, y: true }, 'x', false), 'y', false);
  }

  return { state, notices };
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
