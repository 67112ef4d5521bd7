/**
 * Property tests of the URL hash (state/hash.ts), with fast-check and fixed
 * seeds: a failure prints the seed and the shrunk counterexample, and runs
 * the same way again.
 *
 * Whatever a link holds — random text, or a valid link damaged in any way —
 * parseHash never throws; its state is valid (each field in its domain, the
 * trainer accepts it, it writes a link that reads back as the same state);
 * each value it does not use is named by a notice the page shows in English
 * and Korean; and every key the damage did not reach keeps its value.
 */
import fc from 'fast-check';
import { validateConfig } from '@nn/trainer';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeHashNotice, type MessageParam } from '../src/lib/panels/message.js';
import {
  COUNTERPART_DATASETS,
  MAX_IGNORED_NOTICES,
  datasetForClasses,
  parseHash,
  serializeHash,
  toTrainerConfig,
  type ClassDataset,
  type HashNotice,
  type PlaygroundState,
} from '../src/lib/state/hash.js';
import {
  FIELD_KEYS,
  HIDE_SUFFIX,
  TF_LINKS,
  defaultFor,
  domainProblems,
  givenValue,
  hideIdOf,
  isFieldKey,
  junkArb,
  keyArb,
  longJunkArb,
  means,
  pairValues,
  readLink,
  same,
  type LinkPairs,
  validStateArb,
} from './support/links.js';
import { createRenderer, type Rendered } from './support/messages.js';

const RUNS = 10_000;
/** Generous: each property takes a few seconds; this only stops a runaway. */
const TIMEOUT = 120_000;

/** What parseHash is given for a new seed: a valid seed no generated state has. */
const NEW_SEED = 'new-seed.0';
const newSeed = (): string => NEW_SEED;

const CODES = new Set<string>([
  'keyEncoding',
  'valueEncoding',
  'invalidValue',
  'unknownKey',
  'moreIgnored',
  'noFeatures',
  'hiddenFeatures',
]);
/** At most one notice per setting, the named other pairs, their count, the input-feature fallback. */
const MAX_NOTICES = FIELD_KEYS.length + MAX_IGNORED_NOTICES + 2;

let render: (message: MessageParam) => Rendered;

beforeAll(async () => {
  render = await createRenderer();
});

const show = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

function valuesOf(state: PlaygroundState): Readonly<Record<string, unknown>> {
  return state as unknown as Record<string, unknown>;
}

function featureFallback(notices: readonly HashNotice[]): boolean {
  return notices.some((notice) => notice.code === 'noFeatures' || notice.code === 'hiddenFeatures');
}

// ---------------------------------------------------------------- the checks

/** The state is valid: in its domain, accepted by the trainer, and written as a link that reads back as itself. */
function stateProblems(state: PlaygroundState): string[] {
  const problems = domainProblems(state);
  try {
    validateConfig(toTrainerConfig(state));
  } catch (error) {
    problems.push(`the trainer refuses it: ${String(error)}`);
  }
  let hash: string;
  try {
    hash = serializeHash(state);
  } catch (error) {
    problems.push(`serializeHash throws: ${String(error)}`);
    return problems;
  }
  const again = parseHash(`#${hash}`, () => 'not-called');
  if (again.notices.length > 0) problems.push(`its link ${show(hash)} reads with notices: ${again.notices.map((n) => n.message).join('; ')}`);
  if (!same(again.state, state)) problems.push(`its link ${show(hash)} reads as another state`);
  else if (serializeHash(again.state) !== hash) problems.push(`its link ${show(hash)} is written differently the second time`);
  return problems;
}

/** Every notice has a code the page knows, and reads in English exactly as its message, and in Korean. */
function noticeProblems(notices: readonly HashNotice[]): string[] {
  const problems: string[] = [];
  for (const notice of notices) {
    if (!CODES.has(notice.code)) problems.push(`unknown notice code ${notice.code}`);
    for (const [name, value] of Object.entries(notice.params)) {
      if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
        problems.push(`notice param ${name} is ${show(value)}`);
      }
    }
    const { text, missing } = render(describeHashNotice(notice));
    if (missing.length > 0) problems.push(`notice ${notice.code} lacks translations: ${missing.join(', ')}`);
    if (text.en !== notice.message) problems.push(`notice reads ${show(text.en)} in English, its message is ${show(notice.message)}`);
    if (text.ko === '' || text.ko === notice.message) problems.push(`notice reads ${show(text.ko)} in Korean`);
  }
  return problems;
}

/**
 * Each key the link gives is used as it says, or named by a notice and
 * replaced by its default (a new seed for the seed); each key it does not
 * give takes its default; each other pair that is not used (undecodable or
 * unknown key, bad hide flag) is named, or counted in the one notice that
 * says how many more there are; no notice names a key the link does not hold.
 */
function namingProblems(link: LinkPairs, state: PlaygroundState, notices: readonly HashNotice[]): string[] {
  const problems: string[] = [];
  const { last, undecodable } = link;
  const values = valuesOf(state);
  const fallback = featureFallback(notices);
  const named = (key: string): HashNotice[] => notices.filter((notice) => notice.key === key && notice.code !== 'moreIgnored');
  const more = notices.filter((notice) => notice.code === 'moreIgnored');
  /** Other pairs that are not used, and those of them that no notice names. */
  let refused = 0;
  const unnamed: string[] = [];
  const otherPair = (description: string, isNamed: boolean): void => {
    refused++;
    if (!isNamed) unnamed.push(description);
  };

  if (notices.length > MAX_NOTICES) problems.push(`${notices.length} notices`);
  // One keyEncoding notice per pair (the same key may come several times).
  const keyEncoding = new Map<string, number>();
  for (const notice of notices) {
    if (notice.code === 'keyEncoding') keyEncoding.set(notice.key, (keyEncoding.get(notice.key) ?? 0) + 1);
  }
  for (const rawKey of undecodable) {
    const left = keyEncoding.get(rawKey) ?? 0;
    if (left > 0) keyEncoding.set(rawKey, left - 1);
    otherPair(`the undecodable key ${show(rawKey)}`, left > 0);
  }
  if ([...keyEncoding.values()].some((left) => left > 0)) problems.push('a keyEncoding notice about no pair of the link');
  for (const key of FIELD_KEYS) {
    if (fallback && (key === 'x' || key === 'y')) continue;
    const given = givenValue(last.get(key), key === 'networkShape');
    const about = named(key);
    if (about.length > 1) problems.push(`${about.length} notices about ${key}`);
    const fallbackValue = refusedValue(key, given, state);
    if (given === undefined) {
      if (about.length > 0) problems.push(`a notice about ${key}, which the link does not set`);
      if (!same(values[key], defaultFor(key, NEW_SEED, state.classes))) problems.push(`${key} is not set but is ${show(values[key])}`);
    } else if (about.length === 0) {
      if (given === null || !means(key, given, values[key])) {
        problems.push(`${key}=${show(last.get(key))} is not used (${key} is ${show(values[key])}) and no notice says so`);
      }
    } else if (!same(values[key], fallbackValue)) {
      problems.push(`${key}=${show(last.get(key))} is refused but ${key} is ${show(values[key])}, not ${show(fallbackValue)}`);
    }
  }
  for (const [key, raw] of last) {
    if (isFieldKey(key)) continue;
    const about = named(key);
    const id = hideIdOf(key);
    if (id === undefined) {
      otherPair(`the pair ${show(key)}=${show(raw)}`, about.some((notice) => notice.code === 'unknownKey'));
      continue;
    }
    const given = givenValue(raw, false);
    const refusedFlag = given === null || (given !== undefined && given !== 'true' && given !== 'false');
    if (refusedFlag) otherPair(`${key}=${show(raw)}`, about.length > 0);
    else if (about.length > 0) problems.push(`${key}=${show(raw)} is a good flag or none, yet has a notice`);
    if (fallback && (id === 'x' || id === 'y')) continue;
    const has = Object.hasOwn(state.hidden, id);
    if (given === undefined || refusedFlag) {
      if (has) problems.push(`${key}=${show(raw)} sets no flag, yet the flag is set`);
    } else if (!has || String(state.hidden[id]) !== given) {
      problems.push(`${key}=${show(raw)} is not used and no notice says so`);
    }
  }
  const namedOthers = refused - unnamed.length;
  if (more.length === 0) {
    if (unnamed.length > 0) problems.push(`no notice names ${unnamed.join(', ')}`);
  } else if (more.length > 1 || more[0]!.params['more'] !== unnamed.length || namedOthers !== MAX_IGNORED_NOTICES || unnamed.length < 2) {
    problems.push(`${refused} other pairs refused, ${namedOthers} named, and notices say ${more.map((n) => n.params['more']).join(', ')} more`);
  }
  for (const id of Object.keys(state.hidden)) {
    if (!last.has(`${id}${HIDE_SUFFIX}`)) problems.push(`hide flag ${id} that the link does not set`);
  }
  for (const notice of notices) {
    if (notice.code === 'noFeatures' || notice.code === 'hiddenFeatures' || notice.code === 'moreIgnored') continue;
    if (!last.has(notice.key) && !undecodable.includes(notice.key)) problems.push(`a notice about ${show(notice.key)}, not in the link`);
  }
  if (fallback && !(state.x && state.y && state.hidden['x'] !== true && state.hidden['y'] !== true)) {
    problems.push('the input-feature notice, but x and y are not both on and shown');
  }
  return problems;
}

/**
 * What a refused value becomes: its default (a new seed for the seed), except
 * a data set of the other kind than the link's classes, which becomes its
 * counterpart of the right kind (spiral and arms, ...), and a refused data set
 * name, which becomes the default of the state's classes.
 */
function refusedValue(key: (typeof FIELD_KEYS)[number], given: string | null | undefined, state: PlaygroundState): unknown {
  if (key === 'dataset' && typeof given === 'string' && Object.hasOwn(COUNTERPART_DATASETS, given)) {
    return COUNTERPART_DATASETS[given as ClassDataset];
  }
  return defaultFor(key, NEW_SEED, state.classes);
}

/** Parses and checks everything that holds for any input; throws naming every problem. */
function parseAndCheck(input: string): { state: PlaygroundState; notices: HashNotice[]; link: LinkPairs } {
  let result: ReturnType<typeof parseHash>;
  try {
    result = parseHash(input, newSeed);
  } catch (error) {
    throw new Error(`parseHash throws: ${String(error)}`);
  }
  const { state, notices } = result;
  const link = readLink(input);
  const problems = [...stateProblems(state), ...noticeProblems(notices), ...namingProblems(link, state, notices)];
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return { state, notices, link };
}

// ---------------------------------------------------------------- random links

const VALID = Symbol('a valid value');
const NO_EQ = Symbol('no =');

/** Pairs of any key (known, hide flag, misspelt, garbage) with a valid value, garbage or no '='. */
const structuredLinkArb = fc
  .tuple(
    validStateArb.map((state) => pairValues(serializeHash(state))),
    fc.array(
      fc.tuple(
        keyArb,
        fc.oneof(
          { weight: 3, arbitrary: fc.constant<typeof VALID>(VALID) },
          { weight: 3, arbitrary: junkArb },
          { weight: 1, arbitrary: fc.constant<typeof NO_EQ>(NO_EQ) },
        ),
      ),
      { maxLength: 14 },
    ),
    fc.constantFrom(
      '',
      '#',
      '#',
      '#',
      '##',
      '?',
      ' #',
      'https://playground.tensorflow.org/#',
      'http://localhost:5173/?x=1#',
      'https://example.org/page?',
      'host.org/path',
    ),
    fc.constantFrom('&', '&', '&', '&', '&&', '&amp;', ''),
  )
  .map(([valid, pairs, prefix, joiner]) => {
    const text = pairs.map(([key, value]) => {
      if (value === NO_EQ) return key;
      return `${key}=${value === VALID ? (valid.get(key) ?? 'true') : value}`;
    });
    return prefix + text.join(joiner);
  });

const randomLinkArb = fc.oneof(
  { weight: 30, arbitrary: structuredLinkArb },
  // Very long: one long value among other pairs, or thousands of pairs.
  { weight: 1, arbitrary: fc.tuple(structuredLinkArb, longJunkArb).map(([link, long]) => `${link}&noise=${long}&x=false`) },
  { weight: 1, arbitrary: fc.tuple(structuredLinkArb, longJunkArb).map(([link, long]) => `${link}&${long}`) },
  { weight: 5, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 5, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 10, arbitrary: fc.string({ unit: fc.constantFrom(...'&=#?%/ ax1.-_,'), maxLength: 40 }) },
);

// ---------------------------------------------------------------- damaged links

type Mutation =
  | { readonly kind: 'replace'; readonly at: number; readonly value: string }
  | { readonly kind: 'duplicate'; readonly at: number; readonly to: number; readonly value: string | undefined }
  | { readonly kind: 'move'; readonly at: number; readonly to: number }
  | { readonly kind: 'misspell'; readonly at: number; readonly pos: number; readonly edit: 'insert' | 'delete' | 'replace' | 'case'; readonly char: string }
  | { readonly kind: 'insert'; readonly at: number; readonly key: string; readonly value: string }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'long'; readonly at: number; readonly text: string; readonly asPairs: boolean }
  | {
      readonly kind: 'empty' | 'drop' | 'removeEq' | 'doubleEq' | 'removeAmp' | 'doubleAmp' | 'encodeKey' | 'encodeValue';
      readonly at: number;
    };

const at = fc.nat();
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant('replace' as const), at, value: junkArb }) },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constantFrom(
        'empty' as const,
        'drop' as const,
        'removeEq' as const,
        'doubleEq' as const,
        'removeAmp' as const,
        'doubleAmp' as const,
        'encodeKey' as const,
        'encodeValue' as const,
      ),
      at,
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at, to: at, value: fc.option(junkArb, { nil: undefined }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('move' as const), at, to: at }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('misspell' as const),
      at,
      pos: at,
      edit: fc.constantFrom('insert' as const, 'delete' as const, 'replace' as const, 'case' as const),
      char: fc.oneof(fc.constantFrom('e', 's', '_', '-', ' ', '%', '&', '='), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('insert' as const), at, key: keyArb, value: junkArb }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at }) },
  // Rare, so that the 10,000 runs stay quick: about one damaged link in 15.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('long' as const), at, text: longJunkArb, asPairs: fc.boolean() }) },
);

/** Every byte of a text percent-encoded: another spelling of the same text. */
function encodeAll(text: string): string {
  return Array.from(new TextEncoder().encode(text), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

function swapCase(text: string): string {
  return Array.from(text, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
}

function mutate(text: string, mutation: Mutation): string {
  if (mutation.kind === 'truncate') return text.slice(0, mutation.at % (text.length + 1));
  const pairs = text.split('&');
  const i = mutation.at % pairs.length;
  const pair = pairs[i]!;
  const eq = pair.indexOf('=');
  const key = eq >= 0 ? pair.slice(0, eq) : pair;
  const value = eq >= 0 ? pair.slice(eq + 1) : undefined;
  switch (mutation.kind) {
    case 'replace':
      pairs[i] = `${key}=${mutation.value}`;
      break;
    case 'empty':
      pairs[i] = `${key}=`;
      break;
    case 'drop':
      pairs.splice(i, 1);
      break;
    case 'duplicate':
      pairs.splice(mutation.to % (pairs.length + 1), 0, mutation.value === undefined ? pair : `${key}=${mutation.value}`);
      break;
    case 'move':
      pairs.splice(i, 1);
      pairs.splice(mutation.to % (pairs.length + 1), 0, pair);
      break;
    case 'misspell': {
      const p = mutation.pos % (key.length + 1);
      const misspelt =
        mutation.edit === 'insert'
          ? key.slice(0, p) + mutation.char + key.slice(p)
          : mutation.edit === 'delete'
            ? key.slice(0, p) + key.slice(p + 1)
            : mutation.edit === 'replace'
              ? key.slice(0, p) + mutation.char + key.slice(p + 1)
              : swapCase(key);
      pairs[i] = misspelt + pair.slice(key.length);
      break;
    }
    case 'removeEq':
      if (eq >= 0) pairs[i] = pair.slice(0, eq) + pair.slice(eq + 1);
      break;
    case 'doubleEq':
      pairs[i] = eq >= 0 ? `${pair.slice(0, eq)}=${pair.slice(eq)}` : `${pair}==`;
      break;
    case 'removeAmp':
      if (i + 1 < pairs.length) pairs.splice(i, 2, pair + pairs[i + 1]!);
      break;
    case 'doubleAmp':
      pairs.splice(i, 0, '');
      break;
    case 'encodeKey':
      pairs[i] = encodeAll(key) + pair.slice(key.length);
      break;
    case 'encodeValue': {
      const decoded = value === undefined ? undefined : decodeOrUndefined(value);
      if (decoded !== undefined) pairs[i] = `${key}=${encodeAll(decoded)}`;
      break;
    }
    case 'insert':
      pairs.splice(i, 0, `${mutation.key}=${mutation.value}`);
      break;
    case 'long':
      if (mutation.asPairs) pairs.splice(i, 0, mutation.text);
      else pairs[i] = `${key}=${mutation.text}`;
      break;
  }
  return pairs.join('&');
}

function decodeOrUndefined(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * Keys whose value the damage did not change (compared decoded and trimmed,
 * so another spelling of the same value is not a change) keep the original
 * state's value; x and y excepted when the page had to switch them on, and
 * the data set, which becomes its counterpart when the classes changed kind.
 */
function keptProblems(
  original: PlaygroundState,
  originalLink: string,
  link: LinkPairs,
  state: PlaygroundState,
  notices: readonly HashNotice[],
): string[] {
  const problems: string[] = [];
  const before = readLink(`#${originalLink}`).last;
  const after = link.last;
  const fallback = featureFallback(notices);
  const now = valuesOf(state);
  const then = valuesOf(original);
  for (const key of FIELD_KEYS) {
    if (fallback && (key === 'x' || key === 'y')) continue;
    const emptyIsValue = key === 'networkShape';
    if (givenValue(before.get(key), emptyIsValue) !== givenValue(after.get(key), emptyIsValue)) continue;
    // The data set keeps its idea but follows the classes: damage to `classes` may change its kind.
    if (key === 'dataset') {
      const expected = datasetForClasses(original.dataset, state.classes);
      if (state.dataset !== expected) problems.push(`dataset was not touched but is ${show(state.dataset)}, not ${show(expected)}`);
      continue;
    }
    if (!same(now[key], then[key])) problems.push(`${key} was not touched but changed from ${show(then[key])} to ${show(now[key])}`);
  }
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const id = hideIdOf(key);
    if (id === undefined || (fallback && (id === 'x' || id === 'y'))) continue;
    if (givenValue(before.get(key), false) !== givenValue(after.get(key), false)) continue;
    if (Object.hasOwn(state.hidden, id) !== Object.hasOwn(original.hidden, id) || state.hidden[id] !== original.hidden[id]) {
      problems.push(`${key} was not touched but the flag changed from ${show(original.hidden[id])} to ${show(state.hidden[id])}`);
    }
  }
  return problems;
}

const damagedLinkArb = fc.record({
  link: fc.oneof({ weight: 3, arbitrary: validStateArb.map((state) => serializeHash(state)) }, { weight: 1, arbitrary: fc.constantFrom(...TF_LINKS) }),
  mutations: fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
  prefix: fc.constantFrom('#', '#', '#', 'https://playground.tensorflow.org/#', 'http://localhost:5173/?x=1#'),
});

// ---------------------------------------------------------------- the properties

describe('parseHash, property tests', () => {
  it(
    `a valid state's link reads back as the same state, with no notice, and is written the same (${RUNS} states)`,
    () => {
      fc.assert(
        fc.property(validStateArb, (state) => {
          const problems = domainProblems(state);
          if (problems.length > 0) throw new Error(`the generator made an invalid state: ${problems.join('; ')}`);
          validateConfig(toTrainerConfig(state));
          const hash = serializeHash(state);
          for (const input of [hash, `#${hash}`, `https://playground.tensorflow.org/#${hash}`]) {
            const { state: read, notices } = parseHash(input, () => 'not-called');
            if (notices.length > 0) throw new Error(`notices: ${notices.map((n) => n.message).join('; ')}`);
            // expect() only to show the difference: it is slow for 30,000 comparisons.
            if (!same(read, state)) expect(read).toEqual(state);
            if (serializeHash(read) !== hash) expect(serializeHash(read)).toBe(hash);
          }
        }),
        { seed: 0x5eed_0001, numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it('TF-format links and the lessons\u2019 presets read with no notice, as valid states that round-trip', () => {
    for (const link of TF_LINKS) {
      const { state, notices } = parseAndCheck(`#${link}`);
      expect(notices, link).toEqual([]);
      const again = parseHash(serializeHash(state), () => 'not-called');
      expect(again.state).toEqual(state);
    }
  });

  it(
    `random links: never throws, a valid state, every refused value named in both languages (${RUNS} links)`,
    () => {
      fc.assert(
        fc.property(randomLinkArb, (input) => {
          parseAndCheck(input);
        }),
        { seed: 0x5eed_0002, numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    `damaged valid links: all of the above, and every key the damage did not reach keeps its value (${RUNS} links)`,
    () => {
      fc.assert(
        fc.property(damagedLinkArb, ({ link, mutations, prefix }) => {
          const original = parseHash(`#${link}`, () => 'not-called');
          if (original.notices.length > 0) throw new Error(`the original link has notices: ${link}`);
          const damaged = mutations.reduce(mutate, link);
          const input = prefix + damaged;
          const { state, notices, link: pairs } = parseAndCheck(input);
          const problems = keptProblems(original.state, link, pairs, state, notices);
          if (problems.length > 0) throw new Error(problems.join('\n'));
        }),
        { seed: 0x5eed_0003, numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});
