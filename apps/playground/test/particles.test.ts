/**
 * No Korean string puts a particle right after a placeholder that may be a
 * number. A Korean particle often depends on how the word before it ends
 * (이/가, 은/는, 을/를, 과/와, 으로/로), and a number is read aloud ("0.097"
 * is 영점영구칠), so "{{value}}가" is wrong for some values and right for
 * others; and even a particle that does not change (에, 의, 부터, 까지, 보다)
 * glued to a bare figure reads as machine text. Write "{{n}}개",
 * "{{n}} 에포크", "이름: {{value}}", "{{min}} 이상 {{max}} 이하" instead.
 *
 * Every namespace of every language is checked (English has no Hangul, so it
 * passes trivially), so a new string in any file is held to the same rule.
 */
import { describe, expect, it } from 'vitest';
import { resources } from '../src/lib/i18n/resources.js';

/**
 * Placeholders whose value is always a word (never a figure, never ending in
 * one), so a particle after them is read correctly by whoever wrote the
 * sentence. Every other placeholder is taken to be possibly a number: node
 * and feature names ("x1", "neuron 2"), run names ("시도 3"), seeds, shapes
 * ("4,2"), file names and link values can all end in a digit.
 */
const WORD_PLACEHOLDERS: Readonly<Record<string, string>> = {
  column: 'a column of an imported file: x, y or label',
  dataset: 'a data set name (원형, 나선형, ...)',
  detail: "a JSON parser's sentence",
  engine: 'an engine name (WASM 코어, TypeScript 참조 구현)',
  kind: '가중치 or 편향',
  message: 'a whole sentence',
  problem: '분류 or 회귀',
  reason: 'a whole sentence',
  separator: '쉼표, 세미콜론 or 탭',
  text: 'a whole sentence',
};

/**
 * Particles (and the particle-like endings 처럼, 마다, 만큼), as the text
 * that follows a placeholder starts with them. Counters are not particles:
 * "{{n}}개", "{{n}}번째", "{{n}}배" are fine, and so is a particle after
 * the counter ("{{n}}개를").
 */
const PARTICLES = [
  '이',
  '가',
  '은',
  '는',
  '을',
  '를',
  '과',
  '와',
  '으로',
  '로',
  '의',
  '에',
  '에서',
  '에게',
  '도',
  '만',
  '만큼',
  '보다',
  '까지',
  '부터',
  '처럼',
  '마다',
  '나',
  '랑',
  '라고',
  '께',
  '한테',
];

/** A placeholder (`{{name}}` or `{{name, format}}`), then closing quotes, then the Hangul that follows. */
const AFTER_PLACEHOLDER = /\{\{\s*([^\s},]+)\s*(?:,[^}]*)?\}\}(['"’”」』»]*)([\uAC00-\uD7A3]*)/g;

/** Every string of a resource object, with its key path. */
function* strings(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) yield* strings(inner, path === '' ? key : `${path}.${key}`);
  }
}

/** Longest first, so "에서" is named as itself rather than as "에". */
const BY_LENGTH = [...PARTICLES].sort((a, b) => b.length - a.length);

/** The particle a Hangul run starts with, or undefined. */
function particleAt(hangul: string): string | undefined {
  return BY_LENGTH.find((particle) => hangul.startsWith(particle));
}

/** "namespace:key.path: …{{name}}particle…" for every particle after a possibly numeric placeholder in `text`. */
function particlesAfterNumbers(text: string): { name: string; particle: string; excerpt: string }[] {
  const found: { name: string; particle: string; excerpt: string }[] = [];
  for (const match of text.matchAll(AFTER_PLACEHOLDER)) {
    const [whole, name, , hangul] = match;
    if (Object.hasOwn(WORD_PLACEHOLDERS, name!)) continue;
    const particle = particleAt(hangul!);
    if (particle === undefined) continue;
    const at = match.index;
    found.push({ name: name!, particle, excerpt: text.slice(Math.max(0, at - 12), at + whole.length) });
  }
  return found;
}

describe('the particle check itself', () => {
  it('finds a particle after a number placeholder, also behind a closing quote', () => {
    expect(particlesAfterNumbers('테스트 손실 {{test}}가 작습니다').map((f) => f.particle)).toEqual(['가']);
    expect(particlesAfterNumbers("값이 '{{value}}'는 아닙니다").map((f) => f.particle)).toEqual(['는']);
    expect(particlesAfterNumbers('{{min}}부터 {{max, number}}까지').map((f) => f.particle)).toEqual(['부터', '까지']);
    expect(particlesAfterNumbers('에포크 {{epoch}}에서 발산').map((f) => f.particle)).toEqual(['에서']);
    expect(particlesAfterNumbers('학습률 {{rate}}으로').map((f) => f.name)).toEqual(['rate']);
  });

  it('lets counters, spaces, punctuation and word placeholders pass', () => {
    expect(particlesAfterNumbers('점 {{n}}개를 지웁니다')).toEqual([]);
    expect(particlesAfterNumbers('{{line}}번째 줄, {{n}} 에포크, 목표값: {{value}}.')).toEqual([]);
    expect(particlesAfterNumbers('학습률({{rate}})이 너무 높습니다')).toEqual([]);
    expect(particlesAfterNumbers('{{engine}} 엔진, {{column}} 값이, {{reason}}이')).toEqual([]);
  });
});

const cases = Object.entries(resources).flatMap(([language, namespaces]) =>
  Object.entries(namespaces).map(([namespace, resource]): [string, string, unknown] => [language, namespace, resource]),
);

describe.each(cases)('%s/%s', (language, namespace, resource) => {
  it('puts no particle directly after a placeholder that may be a number', () => {
    const offenders: string[] = [];
    for (const [path, text] of strings(resource, '')) {
      for (const found of particlesAfterNumbers(text)) {
        offenders.push(`${language}/${namespace}:${path}: "…${found.excerpt}" ({{${found.name}}} + ${found.particle})`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
