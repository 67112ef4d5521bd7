/**
 * The translations: every language has exactly the English keys, with text in
 * each and the same {{placeholders}}; the messages built in TypeScript (link
 * notices, import errors) read in English exactly as the English `message`
 * they replace and leave nothing untranslated in Korean; and no component
 * shows a hard-coded English text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DatasetError, parsePoints } from '@nn/datasets';
import i18next, { type i18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../src/lib/i18n/resources.js';
import {
  describeHashNotice,
  describeImportError,
  renderMessage,
  type Message,
  type MessageParam,
  type Translate,
} from '../src/lib/panels/message.js';
import { parseHash } from '../src/lib/state/hash.js';

type Tree = unknown;

/** Every leaf of a resource tree as [path, text]; list items get their index in the path. */
function leaves(tree: Tree, path = ''): [string, string][] {
  if (typeof tree === 'string') return [[path, tree]];
  if (Array.isArray(tree)) return tree.flatMap((item, i) => leaves(item, `${path}[${i}]`));
  if (tree !== null && typeof tree === 'object') {
    return Object.entries(tree).flatMap(([key, value]) => leaves(value, path ? `${path}.${key}` : key));
  }
  return [[path, `<not a string: ${String(tree)}>`]];
}

/** The names of the {{placeholders}} (a format such as `{{max, number}}` counts by name) and $t() nestings. */
function placeholders(text: string): string[] {
  const names = [...text.matchAll(/\{\{\s*([^,}\s]+)[^}]*\}\}/g)].map((m) => m[1]!);
  const nested = [...text.matchAll(/\$t\(([^),]+)/g)].map((m) => `$t(${m[1]!})`);
  return [...new Set([...names, ...nested])].sort();
}

const LANGUAGES = Object.keys(resources) as (keyof typeof resources)[];
const NAMESPACES = Object.keys(resources.en) as (keyof (typeof resources)['en'])[];

describe('the resources', () => {
  it('have the same namespaces in every language', () => {
    for (const language of LANGUAGES) expect(Object.keys(resources[language]).sort(), language).toEqual([...NAMESPACES].sort());
  });

  for (const namespace of NAMESPACES) {
    describe(`namespace "${namespace}"`, () => {
      const english = new Map(leaves(resources.en[namespace]));

      for (const language of LANGUAGES.filter((l) => l !== 'en')) {
        const other = new Map(leaves(resources[language][namespace]));

        it(`${language} has exactly the English keys`, () => {
          expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
        });

        it(`${language} has the English placeholders in every text`, () => {
          const differences = [...english]
            .filter(([key]) => other.has(key))
            .map(([key, text]) => ({ key, en: placeholders(text), [language]: placeholders(other.get(key)!) }))
            .filter((d) => JSON.stringify(d.en) !== JSON.stringify(d[language]));
          expect(differences).toEqual([]);
        });
      }

      it('has no empty text in any language', () => {
        for (const language of LANGUAGES) {
          const empty = leaves(resources[language][namespace])
            .filter(([, text]) => text.trim() === '')
            .map(([key]) => key);
          expect(empty, language).toEqual([]);
        }
      });
    });
  }
});

// ---------------------------------------------------------------- messages built in TypeScript

describe('messages built in TypeScript', () => {
  let instance: i18n;
  const missing: string[] = [];

  beforeAll(async () => {
    instance = i18next.createInstance();
    await instance.init({
      resources,
      lng: 'en',
      fallbackLng: false,
      ns: NAMESPACES,
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      saveMissing: true,
      missingKeyHandler: (languages, namespace, key) => missing.push(`${languages.join(',')}:${namespace}:${key}`),
      missingInterpolationHandler: (_text, match) => {
        missing.push(`interpolation ${match[0]}`);
        return match[0];
      },
    });
  });

  function render(message: MessageParam, language: 'en' | 'ko'): string {
    if (typeof message !== 'object') return String(message);
    // Keys come from messages (typed there), so the untyped signature of t is enough here.
    const t = instance.t as unknown as (key: string, options: object) => string;
    const translate: Translate = (key, options) => t(key, { ...options, lng: language });
    return renderMessage(message as Message, translate);
  }

  /** Renders in both languages and checks that every key and every value was found. */
  function both(message: MessageParam): { en: string; ko: string } {
    missing.length = 0;
    const out = { en: render(message, 'en'), ko: render(message, 'ko') };
    expect(missing, JSON.stringify(message)).toEqual([]);
    expect(out.ko).not.toMatch(/\{\{/);
    return out;
  }

  const BAD_LINKS = [
    'learningRate=abc',
    'learningRate=0.3%',
    'activation=softmax',
    'regularization=l3',
    'batchSize=2.5',
    'dataset=moons',
    'regDataset=x',
    'regularizationRate=-1',
    'noise=99',
    'networkShape=17',
    'seed=a%20b',
    'seed=%',
    'showTestData=yes',
    'percTrainData=5',
    'problem=clustering',
    'engine=gpu',
    'speed=5',
    'stopBelow=0',
    'pauseAt=0',
    'lesson=0',
    'answers=maybe',
    'tutorial=\uD800',
    'noise_hide=maybe',
    'noise_hide=%',
    '%ZZ=1',
    'learningRte=0.3',
    'x=false&y=false',
    'x=true&y=false&x_hide=true',
    'optimizer=lbfgs',
    'beta1=1',
    'epsilon=0',
  ];

  it('a link notice reads as its English message, and all of it is translated', () => {
    const codes = new Set<string>();
    const expectations = new Set<string>();
    for (const link of BAD_LINKS) {
      const { notices } = parseHash(link, () => '0.12345');
      expect(notices, link).toHaveLength(1);
      const notice = notices[0]!;
      codes.add(notice.code);
      if (typeof notice.params['expected'] === 'string') expectations.add(notice.params['expected']);
      const text = both(describeHashNotice(notice));
      expect(text.en, link).toBe(notice.message);
      expect(text.ko, link).not.toBe(notice.message);
    }
    expect([...codes].sort()).toEqual(['hiddenFeatures', 'invalidValue', 'keyEncoding', 'noFeatures', 'unknownKey', 'valueEncoding']);
    expect([...expectations].sort()).toEqual(Object.keys(resources.en.common.hashNotices.expected).sort());
  });

  it('the notice counting the pairs of a link past the first few reads as its English message', () => {
    const { notices } = parseHash(Array.from({ length: 8 }, (_, i) => `bad${i}=1`).join('&'), () => '0.12345');
    const last = notices[notices.length - 1]!;
    expect(last.code).toBe('moreIgnored');
    const text = both(describeHashNotice(last));
    expect(text.en).toBe(last.message);
    expect(text.ko).not.toBe(last.message);
  });

  const BAD_FILES = [
    'x,y,label\n1,1,1\n4,4,abc',
    '1,,1',
    '1e400,2,1',
    '1,2,1\n1,7.5,1',
    '0,0,1\n0,0,0.5\n0,0,2',
    'a,b,c\n1,2,1',
    '1,2,1\n1,2',
    '1;2;1\n1;2',
    'id\tx\ty\tlabel\n1\t2\t1',
    '',
    Array.from({ length: 10_001 }, () => '0,0,1').join('\n'),
    '[{"x":1,"y":2',
    '{"x":1}',
    '[]',
    '[[0,0,1],{"x":1,"y":2,"label":"abc"}]',
    '[{"x":1,"label":1}]',
    '[{"x":true,"y":1,"label":1}]',
    '[[1,2]]',
    '[7]',
    '[[0,0,1],[0,0,-3]]',
    '0,0,-1',
  ];

  it('an import error reads as its English message, with its line or item, and all of it is translated', () => {
    const codes = new Set<string>();
    // The last one is read with three classes, whose labels are class numbers 0..2.
    const files: [string, { classes?: number }][] = [...BAD_FILES.map((f): [string, object] => [f, {}]), ['0,0,0\n1,1,5', { classes: 3 }]];
    for (const [file, options] of files) {
      let error: unknown;
      try {
        parsePoints(file, options);
      } catch (e) {
        error = e;
      }
      expect(error, file).toBeInstanceOf(DatasetError);
      const e = error as DatasetError;
      codes.add(e.code);
      const text = both(describeImportError(e));
      expect(text.en, file).toBe(e.message);
      expect(text.ko, file).not.toBe(e.message);
    }
    // Every import code has a text (notFinite cannot come from JSON text: it has no Infinity).
    const known = Object.keys(resources.en.common.importErrors.codes);
    expect([...codes, 'notFinite'].sort()).toEqual([...known].sort());
    expect(both(describeImportError(parseError('1;2')))).toMatchObject({ ko: expect.stringContaining('세미콜론') });
  });

  function parseError(text: string): DatasetError {
    try {
      parsePoints(text);
    } catch (e) {
      return e as DatasetError;
    }
    throw new Error('parsed');
  }

  it('an error the app has no text for is shown with its English message', () => {
    const unknown = new DatasetError('noPoints', 'There are no points to train on.');
    expect(describeImportError(unknown)).toBe('There are no points to train on.');
    const message: Message = { key: 'notices.importFailed', params: { name: 'a.csv', reason: describeImportError(unknown) } };
    expect(both(message)).toEqual({
      en: 'Could not import a.csv: There are no points to train on. Nothing was changed.',
      ko: 'a.csv 파일을 가져오지 못했습니다. There are no points to train on. 아무것도 바뀌지 않았습니다.',
    });
  });
});

// ---------------------------------------------------------------- no hard-coded text in the components

const SRC = join(import.meta.dirname, '../src/lib');
const SCANNED = ['panels', 'network', 'components', 'course'];

/** Words that are the same in every language (names of things, units, notation). */
const TECHNICAL = new Set(['x1', 'x2', 'ReLU', 'Tanh', 'WASM', 'TS', 'CSV', 'JSON', 'fps', 'ms']);

function svelteFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return svelteFiles(path);
    return name.endsWith('.svelte') ? [path] : [];
  });
}

/** Key names compared in inline handlers (`e.key === 'Enter'`). */
const KEY_NAMES = new Set(['Enter', 'Escape', 'Tab', 'Space', 'Home', 'End', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);

/**
 * Removes `{...}` expressions (nested braces, quoted strings inside them),
 * keeping the markup around them; collects the quoted strings of the
 * expressions that read like words for people ("Pause", "hidden layers"):
 * a capitalised word, or words with a space between them.
 */
function splitExpressions(markup: string): { markup: string; strings: string[] } {
  let out = '';
  const strings: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let literal = '';
  for (let i = 0; i < markup.length; i++) {
    const c = markup[i]!;
    if (depth === 0) {
      if (c === '{') depth = 1;
      else out += c;
      continue;
    }
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) {
        quote = undefined;
        strings.push(literal);
      } else literal += c;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      quote = c;
      literal = '';
    } else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) out += '⟨expr⟩';
    }
  }
  const wordy = strings.filter(
    (text) => !KEY_NAMES.has(text) && (/^[A-Z][a-z]+$/.test(text) || /[A-Za-z]{2,} +[A-Za-z]{2,}/.test(text)),
  );
  return { markup: out, strings: wordy };
}

/** The markup of a component without script, style, comments and expressions, and the expressions' wordy strings. */
function markupOf(source: string): { markup: string; strings: string[] } {
  return splitExpressions(
    source
      .replace(/<script[\s\S]*?<\/script>/g, '')
      .replace(/<style[\s\S]*?<\/style>/g, '')
      .replace(/<!--[\s\S]*?-->/g, ''),
  );
}

/** Words of a text that are not technical tokens. */
function words(text: string): string[] {
  return (text.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []).filter((w) => !TECHNICAL.has(w) && w !== 'expr');
}

/**
 * Hard-coded texts of one component: text nodes, literal texts of attributes
 * people read, and strings in the markup's expressions that read like words.
 */
function hardCodedTexts(source: string): string[] {
  const { markup, strings } = markupOf(source);
  const found: string[] = strings.map((text) => `string '${text}'`);
  for (const match of markup.matchAll(/>([^<>]*)</g)) {
    const text = match[1]!.replace(/⟨expr⟩/g, ' ').trim();
    if (words(text).length > 0) found.push(`text "${text}"`);
  }
  const ATTRIBUTE = /\s(aria-label|aria-description|aria-roledescription|aria-valuetext|title|placeholder|alt|label)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (const match of markup.matchAll(ATTRIBUTE)) {
    const value = (match[2] ?? match[3] ?? '').replace(/⟨expr⟩/g, ' ');
    if (words(value).length > 0) found.push(`${match[1]!}="${value}"`);
  }
  return found;
}

describe('components show no hard-coded English', () => {
  it('the scan finds what it should', () => {
    expect(hardCodedTexts('<script>const a = "Hello";</script><p>Hello world</p>')).toEqual(['text "Hello world"']);
    expect(hardCodedTexts('<button aria-label="Reset" onclick={() => go()}>{t("a")}</button>')).toEqual(['aria-label="Reset"']);
    expect(hardCodedTexts('<span>{count} neurons</span>')).toEqual(['text "neurons"']);
    expect(hardCodedTexts('<Slider label="Noise" />')).toEqual(['label="Noise"']);
    expect(hardCodedTexts('<b title={t("x")}>{a > b ? t("y") : "z"}</b><i>×</i><span>x1</span>')).toEqual([]);
    expect(hardCodedTexts("<b aria-label={on ? 'Pause' : 'Play'}>{n === 1 ? 'hidden layer' : t('a.b')}</b>")).toEqual([
      "string 'Pause'",
      "string 'Play'",
      "string 'hidden layer'",
    ]);
    expect(hardCodedTexts("<i data-testid={`node-${n}`} class={['a', 'b c']} onkeydown={(e) => e.key === 'Enter'}></i>")).toEqual([]);
    expect(hardCodedTexts('<!-- A comment -->\n<style>p { color: red; }</style><p>{"}"}</p>')).toEqual([]);
  });

  const files = SCANNED.flatMap((dir) => svelteFiles(join(SRC, dir)));

  it('scans the components', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  for (const file of files) {
    it(relative(SRC, file), () => {
      expect(hardCodedTexts(readFileSync(file, 'utf8'))).toEqual([]);
    });
  }
});
