import { loadWasmEngine } from '@nn/engine-wasm';
import { Trainer, type RunResult } from '@nn/trainer';
import temml from 'temml';
import { beforeAll, describe, expect, it } from 'vitest';
import { descend, IDEAL_RATE, LECTURE_RATES } from '../src/lib/course/bowl.js';
import { LESSONS, LESSON_IDS, lessonById } from '../src/lib/course/lessons.js';
import type { LessonId, LessonTask, LessonText, LessonTool } from '../src/lib/course/types.js';
import en from '../src/lib/i18n/en/lessons.js';
import ko from '../src/lib/i18n/ko/lessons.js';
import { FEATURE_LABELS } from '../src/lib/network/features.js';
import { activeFeatures, parseHash, serializeHash, toTrainerConfig, type PlaygroundState } from '../src/lib/state/hash.js';
import { resources } from '../src/lib/i18n/resources.js';
import { parseRich } from '../src/lib/text/rich.js';

/** The lecture's sections, in its order. */
const ORDER: readonly LessonId[] = [
  'loss',
  'learningRate',
  'batch',
  'playgroundTasks',
  'trainTest',
  'overfitting',
  'nonlinear',
  'initialization',
  'circle',
  'spiral',
  'homework',
];

const TOOLS: readonly LessonTool[] = ['bowl', 'learningRateLab', 'batchComparison', 'repeatRuns', 'homework', 'inspector', 'landscape', 'search'];

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

/** Every answer paragraph of a lesson. */
function answers(text: LessonText): string[] {
  return text.tasks.flatMap((task: LessonTask) => task.answer ?? []);
}

/** Every string of a lesson text, with where it is. */
function strings(text: LessonText): [string, string][] {
  return [
    ['title', text.title],
    ['short', text.short],
    ...text.idea.map((s, i): [string, string] => [`idea[${i}]`, s]),
    ...text.tasks.flatMap((task: LessonTask, i): [string, string][] => [
      [`tasks[${i}].text`, task.text],
      ...(task.answer ?? []).map((s, j): [string, string] => [`tasks[${i}].answer[${j}]`, s]),
    ]),
    ...Object.entries(text.presets).map(([k, s]): [string, string] => [`presets.${k}`, s]),
    ...Object.entries(text.figure ?? {}).map(([k, s]): [string, string] => [`figure.${k}`, s]),
  ];
}

/** The training and test loss curves of a preset's run on the WASM engine (from its first weights, then after each reset). */
async function curves(trainer: Trainer, state: PlaygroundState, epochs: number, starts = 1): Promise<RunResult[]> {
  const { results } = trainer.runs({
    runs: Array.from({ length: starts }, (_, resets) => ({ config: toTrainerConfig(state), resets })),
    epochs,
    engine: 'wasm',
  });
  return [...results];
}

/** The epoch with the lowest value (the first, on a tie). */
function argMin(values: Float32Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! < values[best]!) best = i;
  return best;
}

describe('lessons', () => {
  it('are the lecture’s 11 sections, in order, numbered 1 to 11', () => {
    expect(LESSONS.map((l) => l.id)).toEqual(ORDER);
    expect(LESSON_IDS).toEqual(ORDER);
    expect(LESSONS.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
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
      loss: ['bowl', 'inspector', 'landscape'],
      learningRate: ['learningRateLab'],
      batch: ['batchComparison'],
      playgroundTasks: [],
      trainTest: [],
      overfitting: [],
      nonlinear: ['inspector', 'search'],
      initialization: ['repeatRuns', 'landscape'],
      circle: [],
      spiral: [],
      homework: ['homework', 'search'],
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
      overfitting: ['overfit'],
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

  it('lesson 4: MLCC’s learning-rate exercise (two blobs, rate 3, no hidden layers, x1 x2 only), noisy enough to be unstable', () => {
    const s = presetState('playgroundTasks', 'rate3');
    expect(s).toMatchObject({
      dataset: 'gauss',
      learningRate: 3,
      networkShape: [],
      batchSize: 1,
      percTrainData: 50,
      noise: 50,
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

  it('lesson 6: a large network on few noisy points, every feature on, the test data shown', () => {
    const s = presetState('overfitting', 'overfit');
    expect(s).toMatchObject({ dataset: 'circle', noise: 50, percTrainData: 10, showTestData: true });
    expect(activeFeatures(s)).toEqual(['x', 'y', 'xSquared', 'ySquared', 'xTimesY', 'sinX', 'sinY']);
    expect(s.networkShape.length).toBeGreaterThanOrEqual(3);
    expect(s.networkShape.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(24);
  });

  it('lesson 7: one linear neuron, then two ReLU neurons, on XOR with x1 x2', () => {
    const linear = presetState('nonlinear', 'linear');
    expect(linear).toMatchObject({ dataset: 'xor', activation: 'linear', networkShape: [1] });
    expect(activeFeatures(linear)).toEqual(['x', 'y']);
    const relu = presetState('nonlinear', 'relu2');
    expect(relu).toMatchObject({ dataset: 'xor', activation: 'relu', networkShape: [2] });
    expect(relu.seed).toBe(linear.seed);
  });

  it('lesson 8: the same data with a small and a larger model (one more layer, more neurons)', () => {
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

  it.each(languages)('%s: every lesson has a title, a short title, idea, tasks and a label per preset', (language) => {
    for (const lesson of LESSONS) {
      const text = textOf(language, lesson.id);
      const where = `${language} ${lesson.id}`;
      expect(text.title.trim(), `${where} title`).not.toBe('');
      expect(text.short.trim(), `${where} short`).not.toBe('');
      expect(text.short.length, `${where} short`).toBeLessThanOrEqual(16);
      expect(text.idea.length, `${where} idea`).toBeGreaterThan(0);
      expect(text.idea.length).toBeLessThanOrEqual(4);
      for (const paragraph of text.idea) expect(paragraph.trim(), `${where} idea`).not.toBe('');
      expect(text.tasks.length, `${where} tasks`).toBeGreaterThan(0);
      for (const task of text.tasks) {
        expect(task.text.trim(), `${where} task`).not.toBe('');
        if (task.answer === undefined) continue;
        expect(task.answer.length, `${where} answer`).toBeGreaterThan(0);
        for (const paragraph of task.answer) expect(paragraph.trim(), `${where} answer`).not.toBe('');
      }
      // Every lesson answers at least one of its tasks.
      expect(answers(text).length, `${where} answers`).toBeGreaterThan(0);
      expect(Object.keys(text.presets).sort()).toEqual(lesson.presets.map((p) => p.key).sort());
      for (const label of Object.values(text.presets)) expect(label.trim()).not.toBe('');
      // The figure's labels come with the lesson that draws it.
      expect(text.figure !== undefined, `${where} figure`).toBe(lesson.figures?.includes('trainingLoop') ?? false);
    }
  });

  it('every task has its answer in both languages: the same tasks, answered the same way', () => {
    for (const lesson of LESSONS) {
      const english = en[lesson.id].tasks as readonly LessonTask[];
      const korean = ko[lesson.id].tasks as readonly LessonTask[];
      expect(korean.length, lesson.id).toBe(english.length);
      english.forEach((task, i) => {
        const where = `${lesson.id} task ${i + 1}`;
        expect(korean[i]!.answer === undefined, where).toBe(task.answer === undefined);
        expect(korean[i]!.answer?.length, where).toBe(task.answer?.length);
      });
    }
  });

  it.each(languages)('%s: no explanation gives away what a task asks to find', (language) => {
    const idea = (id: LessonId): string => textOf(language, id).idea.join(' ');
    const answered = (id: LessonId): string => answers(textOf(language, id)).join(' ');
    // Lesson 2: the ideal rate and the contraction factor are found in the lab.
    expect(idea('learningRate')).not.toContain('1.6');
    expect(idea('learningRate')).not.toContain('w^{*}');
    expect(answered('learningRate')).toContain('1.6');
    expect(answered('learningRate')).toContain('\\left(1 - \\frac{\\eta}{1.6}\\right)');
    for (const task of textOf(language, 'learningRate').tasks) expect(task.text).not.toContain('1.6');
    // Lesson 3: whether the learning rate and the batch size are hyperparameters is a task.
    const hyper = language === 'en' ? 'hyperparameter' : '초매개변수';
    expect(idea('batch')).not.toContain(hyper);
    expect(textOf(language, 'batch').tasks[0]!.text).toContain(hyper);
    expect(textOf(language, 'batch').tasks[0]!.answer?.join(' ')).toContain(hyper);
    // Lesson 7: the proof that stacked linear layers stay linear answers task 1.
    expect(idea('nonlinear')).not.toContain('w_2(w_1 x + b_1) + b_2');
    expect(textOf(language, 'nonlinear').tasks[0]!.answer?.join(' ')).toContain('w_2(w_1 x + b_1) + b_2 = (w_2 w_1)');
    // Lesson 8: what initialization does in non-convex optimization is task 1's conclusion.
    const valleys = language === 'en' ? 'valley' : '골짜기';
    expect(idea('initialization')).not.toContain(valleys);
    expect(textOf(language, 'initialization').tasks[0]!.answer?.join(' ')).toContain(valleys);
    // No answer paragraph is repeated in an explanation.
    for (const lesson of LESSONS) for (const paragraph of answers(textOf(language, lesson.id))) expect(idea(lesson.id)).not.toContain(paragraph);
  });

  it('lesson 6’s dying ReLU and lesson 1’s cost: named in both languages', () => {
    expect(en.nonlinear.tasks[1].answer.join(' ')).toContain('dying ReLU');
    expect(ko.nonlinear.tasks[1]!.answer!.join(' ')).toContain('죽은 ReLU');
    expect(en.loss.idea.join(' ')).toContain('**cost function**');
    expect(ko.loss.idea.join(' ')).toContain('**비용 함수**');
    expect(en.batch.idea.join(' ')).toMatch(/shuffles the points once/);
    expect(ko.batch.idea.join(' ')).toMatch(/한 번 섞고/);
  });

  it.each(languages)('%s: the course’s wording rules', (language) => {
    const all = LESSON_IDS.flatMap((id) => strings(textOf(language, id)).map(([, s]) => s)).join('\n');
    if (language === 'en') {
      // Figures we measured are "in our runs" (never "on our runs"); one spelling of "data set".
      expect(all).not.toMatch(/\bon our runs/i);
      for (const match of all.matchAll(/(\w+ )our runs/gi)) expect(match[1]!.toLowerCase(), match[0]).toBe('in ');
      expect(all).not.toMatch(/\bdatasets?\b/i);
    } else {
      for (const word of ['저희', '네트워크', '최솟값', '학습기']) expect(all, word).not.toContain(word);
      // A lesson is "N절", its tasks "실습 N"; 과제 is the homework only.
      expect(all).not.toMatch(/\d+강/);
      expect(all).not.toMatch(/과제\s*\d/);
      expect(all).not.toMatch(/\*\*과제/);
    }
  });

  it('cross-references name the right lessons', () => {
    const number = (id: LessonId): number => lessonById(id)!.number;
    const enAll = LESSON_IDS.flatMap((id) => strings(en[id]).map(([, s]) => s)).join(' ');
    const koAll = LESSON_IDS.flatMap((id) => strings(ko[id]).map(([, s]) => s)).join(' ');
    // Every "lesson N" / "N절" mentioned exists, and the ones that point somewhere point to the lesson they mean.
    for (const match of enAll.matchAll(/lesson (\d+)/gi)) expect(Number(match[1])).toBeLessThanOrEqual(LESSONS.length);
    for (const match of koAll.matchAll(/(\d+)절/g)) expect(Number(match[1])).toBeLessThanOrEqual(LESSONS.length);
    expect(en.loss.tasks[3].answer.join(' ')).toContain(`(lesson ${number('initialization')})`);
    expect(ko.loss.tasks[3]!.answer!.join(' ')).toContain(`${number('initialization')}절`);
    expect(en.trainTest.idea[0]).toContain(`lesson ${number('overfitting')}`);
    expect(ko.trainTest.idea[0]).toContain(`${number('overfitting')}절`);
    expect(en.circle.tasks[2].text).toContain(`lesson ${number('overfitting')}`);
    expect(en.homework.idea.join(' ')).toContain(`lesson ${number('trainTest')} warns`);
    expect(ko.homework.idea.join(' ')).toContain(`${number('trainTest')}절에서 경고한`);
  });

  it.each(languages)('%s: the panel has every string the lesson panel uses, with its placeholders', (language) => {
    const panel = LANGUAGES[language].panel as Readonly<Record<string, string>>;
    for (const key of ['heading', 'lessonNumber', 'lessonHeading', 'lessonButton', 'applied', 'copyLink', 'tasks', 'taskNumber', 'showAnswer', 'hideAnswer', 'note', 'previous', 'next']) {
      expect(panel[key]?.trim(), `${language} panel.${key}`).toBeTruthy();
    }
    expect(panel['lessonNumber']).toContain('{{number}}');
    // Scripts and people find the reveals by these names.
    expect(panel['showAnswer']).toBe(language === 'en' ? 'Show answer' : '답 보기');
    expect(panel['note']).toBe(language === 'en' ? 'My observation' : '내 관찰');
    expect(panel['applied']).toContain('{{name}}');
    const placeholders = (s: string): string[] => [...new Set([...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!))].sort();
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
    const answer = en.learningRate.tasks[0].answer[0];
    const koAnswer = ko.learningRate.tasks[0]!.answer![0];
    for (const rate of LECTURE_RATES) {
      const run = descend(rate);
      if (run.outcome === 'converged') {
        expect(answer).toContain(`${rate} → ${run.steps}`);
        expect(koAnswer).toContain(`${rate} → ${run.steps}`);
      } else {
        expect(run.outcome).toBe('diverged');
        expect(answer).toContain(`At ${rate} it never converges: it diverges`);
        expect(koAnswer).toContain(`${rate}에서는 끝내 수렴하지 않고 발산합니다`);
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
    // Feature names are drawn as labels (X₁, X₂, X₁², …); "A/B" names one button with two states (Play/Pause).
    const features = new Set(Object.values(FEATURE_LABELS));
    const unknown = [...named].filter((name) => !features.has(name) && !isLabel(name) && !name.split('/').every(isLabel));
    expect(unknown).toEqual([]);
  });
});

/**
 * The figures the answers quote, measured again on the WASM engine with the
 * presets themselves (the trainer's `runs()` trains from the same first
 * weights the page draws: the preset's, then those after each Reset).
 * Changing a preset makes these fail until its answer is measured again.
 */
describe('the presets behave as their answers say (WASM engine)', () => {
  let trainer: Trainer;
  beforeAll(async () => {
    trainer = new Trainer({ wasm: loadWasmEngine });
    await trainer.init();
  });
  const f = (value: number): string => value.toFixed(3);

  it('lesson 6: the test loss rises well above its lowest point while the training loss keeps falling', async () => {
    const [first, ...others] = await curves(trainer, presetState('overfitting', 'overfit'), 1000, 5);
    const { trainLoss: train, testLoss: test } = first!;
    const best = argMin(test);
    expect(best).toBe(44);
    // After its best epoch the training loss falls and the test loss climbs, far above its minimum.
    expect(train[300]!).toBeLessThan(train[best]! - 0.05);
    expect(train[500]!).toBeLessThan(train[300]!);
    expect(test[300]!).toBeGreaterThan(test[best]! + 0.15);
    expect(test[500]!).toBeGreaterThan(test[300]!);
    // The answer quotes these very figures, in both languages.
    const quoted = [test[best]!, train[best]!, test[best]! - train[best]!, train[300]!, train[500]!, test[300]!, test[500]!, train[1000]!, test[1000]!];
    for (const answer of [en.overfitting.tasks[0].answer.join(' '), ko.overfitting.tasks[0]!.answer!.join(' ')]) {
      for (const value of quoted) expect(answer).toContain(f(value));
      expect(answer).toContain(`${best}`);
    }
    // Four more starts do the same: lowest early on, far higher after 1,000 epochs.
    for (const run of others) {
      const low = argMin(run.testLoss);
      expect(low).toBeLessThanOrEqual(110);
      expect(run.testLoss[1000]!).toBeGreaterThan(run.testLoss[low]! + 0.2);
      expect(run.trainLoss[1000]!).toBeLessThan(run.trainLoss[low]!);
    }
  });

  it('lesson 6: with no hidden layer the gap stays small, with X₁² and X₂² alone smaller still', async () => {
    const preset = presetState('overfitting', 'overfit');
    const [flat] = await curves(trainer, { ...preset, networkShape: [] }, 1000);
    const gap = flat!.testLoss[1000]! - flat!.trainLoss[1000]!;
    expect(gap).toBeGreaterThan(0.15);
    expect(gap).toBeLessThan(0.2);
    const circleOnly = { ...preset, networkShape: [], x: false, y: false, xTimesY: false, sinX: false, sinY: false };
    const [round] = await curves(trainer, circleOnly, 1000);
    expect(f(round!.testLoss[1000]!)).toBe('0.311');
    expect(f(round!.testLoss[1000]! - round!.trainLoss[1000]!)).toBe('0.057');
  });

  it('lesson 4: at learning rate 3 the training loss keeps jumping; at 0.1 it falls at every step', async () => {
    const preset = presetState('playgroundTasks', 'rate3');
    const [unstable] = await curves(trainer, preset, 20);
    const losses = Array.from(unstable!.trainLoss.slice(1, 21));
    const rises = losses.filter((loss, i) => i > 0 && loss > losses[i - 1]! + 0.005).length;
    expect(rises).toBeGreaterThanOrEqual(5);
    expect(f(Math.min(...losses))).toBe('0.061');
    expect(f(Math.max(...losses))).toBe('0.138');
    expect(en.playgroundTasks.tasks[0].answer.join(' ')).toContain('between 0.061 and 0.138');
    expect(ko.playgroundTasks.tasks[0]!.answer!.join(' ')).toContain('0.061과 0.138 사이');
    // From the weights after one Reset, a rate of 0.1 never goes up.
    const { results } = trainer.runs({ runs: [{ config: toTrainerConfig({ ...preset, learningRate: 0.1 }), resets: 1 }], epochs: 100, engine: 'wasm' });
    const calm = results[0]!.trainLoss;
    for (let i = 2; i <= 100; i++) expect(calm[i]!).toBeLessThanOrEqual(calm[i - 1]! + 1e-4);
  });
});
