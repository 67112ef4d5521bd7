import temml from 'temml';
import { describe, expect, it } from 'vitest';
import { descend, IDEAL_RATE, LECTURE_RATES } from '../src/lib/course/bowl.js';
import { LESSONS, LESSON_IDS, lessonById } from '../src/lib/course/lessons.js';
import type { LessonId, LessonText, LessonTool } from '../src/lib/course/types.js';
import en from '../src/lib/i18n/en/lessons.js';
import ko from '../src/lib/i18n/ko/lessons.js';
import { activeFeatures, parseHash, serializeHash, type PlaygroundState } from '../src/lib/state/hash.js';
import { resources } from '../src/lib/i18n/resources.js';
import { parseRich } from '../src/lib/text/rich.js';

/** The lecture's sections, in its order. */
const ORDER: readonly LessonId[] = [
  'loss',
  'learningRate',
  'batch',
  'playgroundTasks',
  'trainTest',
  'nonlinear',
  'initialization',
  'circle',
  'spiral',
  'homework',
];

const TOOLS: readonly LessonTool[] = ['bowl', 'learningRateLab', 'batchComparison', 'repeatRuns', 'homework'];

const LANGUAGES = { en, ko } as const;

/** A seed a preset must never fall back to: every preset fixes its own. */
const NO_SEED = 'no-seed-given';

function parse(hash: string): ReturnType<typeof parseHash> {
  return parseHash(hash, () => NO_SEED);
}

function presetState(id: LessonId, key: string): PlaygroundState {
  const preset = lessonById(id)?.presets.find((p) => p.key === key);
  if (!preset) throw new Error(`no preset ${id}.${key}`);
  return parse(preset.hash).state;
}

function textOf(language: keyof typeof LANGUAGES, id: LessonId): LessonText {
  return LANGUAGES[language][id];
}

/** Every string of a lesson text, with where it is. */
function strings(text: LessonText): [string, string][] {
  return [
    ['title', text.title],
    ...text.idea.map((s, i): [string, string] => [`idea[${i}]`, s]),
    ...text.tasks.map((s, i): [string, string] => [`tasks[${i}]`, s]),
    ...text.answer.map((s, i): [string, string] => [`answer[${i}]`, s]),
    ...Object.entries(text.presets).map(([k, s]): [string, string] => [`presets.${k}`, s]),
  ];
}

describe('lessons', () => {
  it('are the lecture’s 10 sections, in order, numbered 1 to 10', () => {
    expect(LESSONS.map((l) => l.id)).toEqual(ORDER);
    expect(LESSON_IDS).toEqual(ORDER);
    expect(LESSONS.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('are found by id, and an unknown id gives undefined', () => {
    for (const lesson of LESSONS) expect(lessonById(lesson.id)).toBe(lesson);
    expect(lessonById('nope')).toBeUndefined();
    expect(lessonById('')).toBeUndefined();
    expect(lessonById('constructor')).toBeUndefined();
  });

  it('reference only known tools, each lesson the ones of its exercise', () => {
    for (const lesson of LESSONS) for (const tool of lesson.tools) expect(TOOLS).toContain(tool);
    const tools = Object.fromEntries(LESSONS.map((l) => [l.id, l.tools]));
    expect(tools).toEqual({
      loss: ['bowl'],
      learningRate: ['learningRateLab'],
      batch: ['batchComparison'],
      playgroundTasks: [],
      trainTest: [],
      nonlinear: [],
      initialization: ['repeatRuns'],
      circle: [],
      spiral: [],
      homework: ['homework'],
    });
  });

  it('have the presets of their exercises, with unique keys', () => {
    const keys = Object.fromEntries(LESSONS.map((l) => [l.id, l.presets.map((p) => p.key)]));
    expect(keys).toEqual({
      loss: ['watch'],
      learningRate: [],
      batch: ['network'],
      playgroundTasks: ['rate3'],
      trainTest: ['rate3'],
      nonlinear: ['linear', 'relu2'],
      initialization: ['small', 'larger'],
      circle: ['start'],
      spiral: ['start'],
      homework: ['gauss', 'xor', 'circle', 'spiral'],
    });
  });
});

describe('presets', () => {
  const all = LESSONS.flatMap((lesson) => lesson.presets.map((preset) => ({ lesson, preset })));

  it.each(all.map(({ lesson, preset }) => [`${lesson.id}.${preset.key}`, preset.hash]))(
    '%s parses without notices, fixes its seed and round-trips',
    (_name, hash) => {
      const { state, notices } = parse(hash);
      expect(notices).toEqual([]);
      expect(state.seed).not.toBe(NO_SEED);
      expect(hash).toMatch(/(^|&)seed=[0-9.]+(&|$)/);
      expect(serializeHash(state)).toBe(hash);
      expect(hash.startsWith('#')).toBe(false);
    },
  );

  it('are classification exercises that show no hidden controls', () => {
    for (const { preset } of all) {
      const state = parse(preset.hash).state;
      expect(state.problem).toBe('classification');
      expect(state.hidden).toEqual({});
      expect(state.regularization).toBe('none');
      expect(state.initZero).toBe(false);
    }
  });

  it('lesson 1: two blobs, no hidden layers, x1 and x2, rate 0.03', () => {
    const s = presetState('loss', 'watch');
    expect(s).toMatchObject({ dataset: 'gauss', networkShape: [], learningRate: 0.03, noise: 0 });
    expect(activeFeatures(s)).toEqual(['x', 'y']);
  });

  it('lesson 3: a small network at rate 0.03', () => {
    const s = presetState('batch', 'network');
    expect(s.learningRate).toBe(0.03);
    expect(s.networkShape.length).toBeGreaterThan(0);
    expect(s.networkShape.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(8);
  });

  it('lesson 4: MLCC’s learning-rate exercise (two blobs, rate 3, no hidden layers, x1 x2 only)', () => {
    const s = presetState('playgroundTasks', 'rate3');
    expect(s).toMatchObject({
      dataset: 'gauss',
      learningRate: 3,
      networkShape: [],
      batchSize: 10,
      percTrainData: 50,
      noise: 0,
      activation: 'linear',
    });
    expect(activeFeatures(s)).toEqual(['x', 'y']);
  });

  it('lesson 5: noisy two blobs at rate 3, batch 1, half the data for training', () => {
    const s = presetState('trainTest', 'rate3');
    expect(s).toMatchObject({ dataset: 'gauss', learningRate: 3, batchSize: 1, percTrainData: 50, networkShape: [] });
    expect(s.noise).toBeGreaterThanOrEqual(40);
    expect(s.showTestData).toBe(false); // ticking it is the first task
    expect(activeFeatures(s)).toEqual(['x', 'y']);
  });

  it('lesson 6: one linear neuron, then two ReLU neurons, on XOR with x1 x2', () => {
    const linear = presetState('nonlinear', 'linear');
    expect(linear).toMatchObject({ dataset: 'xor', activation: 'linear', networkShape: [1] });
    expect(activeFeatures(linear)).toEqual(['x', 'y']);
    const relu = presetState('nonlinear', 'relu2');
    expect(relu).toMatchObject({ dataset: 'xor', activation: 'relu', networkShape: [2] });
    expect(relu.seed).toBe(linear.seed);
  });

  it('lesson 7: the same data with a small and a larger model (one more layer, more neurons)', () => {
    const small = presetState('initialization', 'small');
    const larger = presetState('initialization', 'larger');
    expect({ ...larger, networkShape: small.networkShape }).toEqual(small);
    expect(larger.networkShape.length).toBe(small.networkShape.length + 1);
    const neurons = (s: PlaygroundState): number => s.networkShape.reduce((a, b) => a + b, 0);
    expect(neurons(larger)).toBeGreaterThan(neurons(small));
  });

  it.each([
    ['circle', 'circle'],
    ['spiral', 'spiral'],
  ] as const)('lesson %s: noisy %s with only x1 and x2 on', (id, dataset) => {
    const s = presetState(id, 'start');
    expect(s.dataset).toBe(dataset);
    expect(s.noise).toBeGreaterThan(0);
    expect(activeFeatures(s)).toEqual(['x', 'y']);
    for (const flag of ['xTimesY', 'xSquared', 'ySquared', 'cosX', 'sinX', 'cosY', 'sinY'] as const) expect(s[flag]).toBe(false);
  });

  it('homework: the four data sets at 70% training data and noise 20, the lecture’s example network', () => {
    const homework = lessonById('homework')!;
    const states = homework.presets.map((p) => parse(p.hash).state);
    expect(states.map((s) => s.dataset)).toEqual(['gauss', 'xor', 'circle', 'spiral']);
    for (const s of states) {
      expect(s).toMatchObject({ percTrainData: 70, noise: 20, activation: 'relu', batchSize: 30, networkShape: [6, 2] });
      expect(activeFeatures(s)).toEqual(['x', 'y']);
    }
  });
});

describe('lesson texts', () => {
  const languages = Object.keys(LANGUAGES) as (keyof typeof LANGUAGES)[];

  it('both languages have the same keys', () => {
    const keysOf = (value: unknown, prefix = ''): string[] =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value).flatMap(([k, v]) => keysOf(v, `${prefix}${k}.`))
        : [prefix.slice(0, -1)];
    expect(keysOf(ko).sort()).toEqual(keysOf(en).sort());
    expect(Object.keys(en).sort()).toEqual(['panel', ...ORDER].sort());
  });

  it.each(languages)('%s: every lesson has a title, idea, tasks, answer and a label per preset', (language) => {
    for (const lesson of LESSONS) {
      const text = textOf(language, lesson.id);
      expect(text.title.trim(), `${language} ${lesson.id} title`).not.toBe('');
      for (const part of ['idea', 'tasks', 'answer'] as const) {
        expect(text[part].length, `${language} ${lesson.id} ${part}`).toBeGreaterThan(0);
        for (const paragraph of text[part]) expect(paragraph.trim(), `${language} ${lesson.id} ${part}`).not.toBe('');
      }
      expect(text.idea.length).toBeLessThanOrEqual(4);
      expect(Object.keys(text.presets).sort()).toEqual(lesson.presets.map((p) => p.key).sort());
      for (const label of Object.values(text.presets)) expect(label.trim()).not.toBe('');
    }
  });

  it.each(languages)('%s: the panel has every string the lesson panel uses, with its placeholders', (language) => {
    const panel = LANGUAGES[language].panel as Readonly<Record<string, string>>;
    for (const key of ['heading', 'lessonNumber', 'applied', 'copyLink', 'tasks', 'showAnswer', 'hideAnswer', 'previous', 'next']) {
      expect(panel[key]?.trim(), `${language} panel.${key}`).toBeTruthy();
    }
    expect(panel['lessonNumber']).toContain('{{number}}');
    expect(panel['applied']).toContain('{{name}}');
    const placeholders = (s: string): string[] => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();
    for (const [key, value] of Object.entries(en.panel)) expect(placeholders(panel[key]!), key).toEqual(placeholders(value));
  });

  it.each(languages)('%s: lesson strings have no i18next syntax and well-formed markup', (language) => {
    for (const lesson of LESSONS) {
      for (const [where, source] of strings(textOf(language, lesson.id))) {
        const name = `${language} ${lesson.id}.${where}`;
        expect(source, name).not.toContain('{{');
        expect(source, name).not.toContain('$t(');
        for (const part of parseRich(source)) {
          if (part.kind !== 'text') continue;
          // A leftover marker means an unclosed $, ** or `.
          expect(part.text, name).not.toMatch(/\$|\*\*|`/);
        }
      }
    }
  });

  it.each(languages)('%s: every formula renders with Temml', (language) => {
    let formulas = 0;
    for (const lesson of LESSONS) {
      for (const [where, source] of strings(textOf(language, lesson.id))) {
        for (const part of parseRich(source)) {
          if (part.kind !== 'math') continue;
          formulas++;
          expect(() => temml.renderToString(part.tex, { throwOnError: true }), `${language} ${lesson.id}.${where}: ${part.tex}`).not.toThrow();
        }
      }
    }
    expect(formulas).toBeGreaterThan(15);
  });

  it.each(languages)('%s: the required formulas are there', (language) => {
    const texOf = (id: LessonId): string[] =>
      strings(textOf(language, id)).flatMap(([, s]) => parseRich(s).flatMap((p) => (p.kind === 'math' ? [p.tex] : [])));
    const loss = texOf('loss');
    expect(loss).toContain('L=\\frac{1}{2}(\\hat y - y)^2');
    expect(loss).toContain('w \\leftarrow w - \\eta\\,\\frac{\\partial L}{\\partial w}');
    expect(loss).toContain('2.5 \\times 0.01 = 0.025');
    expect(texOf('learningRate')).toContain('w \\leftarrow w - \\eta\\,\\frac{\\partial L}{\\partial w}');
    const nonlinear = texOf('nonlinear');
    expect(nonlinear).toContain('\\sigma(x)=\\frac{1}{1+e^{-x}}');
    expect(nonlinear).toContain('\\mathrm{ReLU}(x)=\\max(0,x)');
    expect(nonlinear.some((tex) => tex.startsWith('\\tanh(x)='))).toBe(true);
  });

  it('lesson 2’s answer gives the lab’s own step counts', () => {
    expect(descend(IDEAL_RATE)).toMatchObject({ steps: 1, outcome: 'converged' });
    const answer = en.learningRate.answer[0];
    const koAnswer = ko.learningRate.answer[0];
    for (const rate of LECTURE_RATES) {
      const run = descend(rate);
      if (run.outcome === 'converged') {
        expect(answer).toContain(`${rate} → ${run.steps}`);
        expect(koAnswer).toContain(`${rate} → ${run.steps}`);
      } else {
        expect(run.outcome).toBe('diverged');
        expect(answer).toContain(`At ${rate} it never converges: it diverges`);
        expect(koAnswer).toContain(`${rate}는 끝내 수렴하지 않고 발산합니다`);
      }
    }
  });
});

describe('control names in lesson texts', () => {
  /** Every string inside a (nested) resource object. */
  function strings(value: unknown): string[] {
    if (typeof value === 'string') return [value];
    if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
    return [];
  }

  it.each(['en', 'ko'] as const)('name only labels the page shows in that language (%s)', (language) => {
    const texts = resources[language];
    const presetLabels = LESSON_IDS.flatMap((id) => Object.values(texts.lessons[id].presets));
    const labels = [texts.common, texts.runs, texts.lab, texts.log, texts.lessons.panel, presetLabels]
      .flatMap(strings)
      // Texts that are only values ("{{text}}") name nothing.
      .filter((label) => /\p{L}{2}/u.test(label.replace(/\{\{\w+\}\}/g, '')));
    // A label with {{values}} matches any value in their place ("Run {{count}} times" is "Run 5 times").
    const patterns = labels.map((label) => {
      const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\\\{\w+\\\}\\\}/g, '.+');
      return new RegExp(`^${escaped}$`);
    });
    const isLabel = (name: string): boolean => patterns.some((pattern) => pattern.test(name));
    const named = new Set(
      LESSON_IDS.flatMap((id) => strings(texts.lessons[id])).flatMap((text) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)),
    );
    expect(named.size).toBeGreaterThan(15);
    // Feature names are drawn as labels (X₁, X₂); "A/B" names one button with two states (Play/Pause).
    const unknown = [...named].filter((name) => !/^X[₁₂]$/.test(name) && !isLabel(name) && !name.split('/').every(isLabel));
    expect(unknown).toEqual([]);
  });
});
