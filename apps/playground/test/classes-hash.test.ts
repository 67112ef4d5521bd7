/**
 * The classes and the two-class loss in the page's state and link
 * (state/model.ts, state/hash.ts): their keys, what the trainer gets, the
 * data set's kind following the classes, and the drawing of k classes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeHashNotice } from '../src/lib/panels/message.js';
import {
  CLASSIFICATION_DATASETS,
  COUNTERPART_DATASETS,
  MULTI_CLASS_DATASETS,
  classesOfConfig,
  datasetFitsClasses,
  defaultState,
  isHidden,
  lossApplies,
  parseHash,
  serializeHash,
  toTrainerConfig,
  withClasses,
  type PlaygroundState,
} from '../src/lib/state/hash.js';
import { Drawing } from '../src/lib/views/draw/drawing.js';
import { createRenderer, type Rendered } from './support/messages.js';
import type { MessageParam } from '../src/lib/panels/message.js';

const parse = (hash: string) => parseHash(hash, () => '0.12345');

let render: (message: MessageParam) => Rendered;
beforeAll(async () => {
  render = await createRenderer();
});

describe('classes and loss in the link', () => {
  it('are left out at their defaults (two classes, squared error), in the link and in the trainer config', () => {
    const state = defaultState('0.5');
    expect([state.classes, state.loss]).toEqual([2, 'squared']);
    const hash = serializeHash(state);
    expect(hash).not.toMatch(/(^|&)(classes|loss)=/);
    const config = toTrainerConfig(state);
    expect(config).not.toHaveProperty('classes');
    expect(config).not.toHaveProperty('loss');
  });

  it('reads and writes 3 to 6 classes with a multi-class data set, passed to the trainer', () => {
    for (const classes of [3, 4, 5, 6]) {
      for (const dataset of MULTI_CLASS_DATASETS) {
        const { state, notices } = parse(`seed=0.5&dataset=${dataset}&classes=${classes}`);
        expect(notices).toEqual([]);
        expect([state.dataset, state.classes]).toEqual([dataset, classes]);
        const hash = serializeHash(state);
        expect(hash).toContain(`dataset=${dataset}&`);
        expect(hash).toMatch(new RegExp(`&classes=${classes}(&|$)`));
        expect(parse(hash).state).toEqual(state);
        const config = toTrainerConfig(state);
        expect([config.dataset, config.classes, config.loss]).toEqual([dataset, classes, undefined]);
      }
    }
  });

  it('reads and writes loss=cross-entropy, passed to the trainer for two classes only', () => {
    const { state, notices } = parse('seed=0.5&loss=cross-entropy');
    expect(notices).toEqual([]);
    expect(state.loss).toBe('cross-entropy');
    expect(serializeHash(state)).toMatch(/&loss=cross-entropy$/);
    expect(toTrainerConfig(state).loss).toBe('cross-entropy');
    expect(lossApplies(state)).toBe(true);
    // Kept in the link, but not sent where it does not apply.
    const many = parse('seed=0.5&loss=cross-entropy&classes=3').state;
    expect(toTrainerConfig(many)).not.toHaveProperty('loss');
    expect(lossApplies(many)).toBe(false);
    const regression = parse('seed=0.5&loss=cross-entropy&classes=3&problem=regression').state;
    const config = toTrainerConfig(regression);
    expect([config.dataset, config.classes, config.loss]).toEqual(['reg-plane', undefined, undefined]);
    expect(lossApplies(regression)).toBe(false);
  });

  it('gives a notice for a bad classes or loss value and uses the default, in English and Korean', () => {
    const { state, notices } = parse('classes=7&loss=hinge');
    expect([state.classes, state.loss, state.dataset]).toEqual([2, 'squared', 'circle']);
    expect(notices.map((n) => n.message)).toEqual([
      'classes "7" is not a number of classes (a whole number from 2 to 6); using 2',
      'loss "hinge" is not a loss (squared or cross-entropy); using squared',
    ]);
    for (const notice of notices) {
      const { text, missing } = render(describeHashNotice(notice));
      expect(missing).toEqual([]);
      expect(text.en).toBe(notice.message);
      expect(text.ko).toMatch(/클래스 수|손실 함수/);
    }
    for (const bad of ['1', '2.5', '-3', 'three', '1e1']) expect(parse(`classes=${bad}`).state.classes).toBe(2);
  });

  it('replaces a data set of the wrong kind for the classes by its counterpart, with a notice, keeping the rest', () => {
    const two = parse('seed=0.5&dataset=arms&noise=20');
    expect([two.state.dataset, two.state.classes, two.state.noise]).toEqual(['spiral', 2, 20]);
    expect(two.notices.map((n) => n.message)).toEqual([
      'dataset "arms" is not a classification data set (circle, xor, gauss or spiral); using spiral',
    ]);
    const many = parse('seed=0.5&dataset=xor&classes=4&noise=20');
    expect([many.state.dataset, many.state.classes, many.state.noise]).toEqual(['sectors', 4, 20]);
    expect(many.notices.map((n) => n.message)).toEqual([
      'dataset "xor" is not a data set of several classes (blobs, arms, rings or sectors); using sectors',
    ]);
    const { text, missing } = render(describeHashNotice(many.notices[0]!));
    expect(missing).toEqual([]);
    expect(text.ko).toContain('여러 클래스의 데이터 세트');
    // No data set, or one that is no data set at all: the classes' kind of TF's default circle.
    expect(parse('seed=0.5&classes=5').state.dataset).toBe('rings');
    expect(parse('seed=0.5&classes=5').notices).toEqual([]);
    const unknown = parse('seed=0.5&classes=3&dataset=moons');
    expect(unknown.state.dataset).toBe('rings');
    expect(unknown.notices[0]!.message).toBe('dataset "moons" is not a data set of several classes (blobs, arms, rings or sectors); using rings');
    // A refused classes value is two classes: the data set follows.
    const refused = parse('seed=0.5&classes=x&dataset=blobs');
    expect([refused.state.dataset, refused.state.classes]).toEqual(['gauss', 2]);
    expect(refused.notices.map((n) => n.key)).toEqual(['dataset', 'classes']);
  });

  it('hides the controls with classes_hide=true and loss_hide=true', () => {
    const { state } = parse('seed=1&classes_hide=true&loss_hide=true');
    expect(isHidden(state, 'classes')).toBe(true);
    expect(isHidden(state, 'loss')).toBe(true);
    expect(serializeHash(state)).toContain('classes_hide=true&loss_hide=true');
  });

  it('reads a saved config back into the state (left-out keys are the defaults)', () => {
    expect(classesOfConfig({})).toEqual({ classes: 2, loss: 'squared' });
    expect(classesOfConfig({ classes: 4 })).toEqual({ classes: 4, loss: 'squared' });
    expect(classesOfConfig({ loss: 'cross-entropy' })).toEqual({ classes: 2, loss: 'cross-entropy' });
  });
});

describe('changing the classes', () => {
  const at = (dataset: PlaygroundState['dataset'], classes: number): PlaygroundState => ({ ...defaultState('1'), dataset, classes });

  it('switches between two classes and more to the counterpart data set, both ways', () => {
    expect(COUNTERPART_DATASETS).toEqual({
      circle: 'rings',
      xor: 'sectors',
      gauss: 'blobs',
      spiral: 'arms',
      rings: 'circle',
      sectors: 'xor',
      blobs: 'gauss',
      arms: 'spiral',
    });
    for (const dataset of CLASSIFICATION_DATASETS) {
      const many = withClasses(at(dataset, 2), 3);
      expect(many.dataset).toBe(COUNTERPART_DATASETS[dataset]);
      expect(withClasses(many, 2).dataset).toBe(dataset);
    }
  });

  it('keeps the data set within 3 to 6 classes and within two', () => {
    for (const dataset of MULTI_CLASS_DATASETS) {
      for (const classes of [3, 4, 5, 6]) expect(withClasses(at(dataset, 3), classes)).toMatchObject({ dataset, classes });
    }
    expect(withClasses(at('spiral', 2), 2).dataset).toBe('spiral');
    for (const dataset of [...CLASSIFICATION_DATASETS, ...MULTI_CLASS_DATASETS]) {
      for (const classes of [2, 3, 4, 5, 6]) expect(datasetFitsClasses(withClasses(at(dataset, 2), classes).dataset, classes)).toBe(true);
    }
  });
});

describe('drawing points of k classes', () => {
  it('labels new points with class numbers 0..k-1 and counts each class', () => {
    const drawing = new Drawing('classification', [], 4);
    drawing.add(1, 1, 0);
    drawing.add(2, 2, 3);
    drawing.add(3, 3, 7);
    drawing.add(4, 4, -1);
    drawing.add(5, 5, 1.6);
    expect(drawing.points.map((p) => p.label)).toEqual([0, 3, 3, 0, 2]);
    expect(drawing.classCounts()).toEqual([2, 0, 1, 2]);
  });

  it('refuses one class only, and gives the trainer its classes', () => {
    const drawing = new Drawing('classification', [{ x: 0, y: 0, label: 2 }], 3);
    drawing.add(1, 1, 2);
    expect(drawing.refusal()).toEqual({ kind: 'one-class', label: 2 });
    drawing.add(-1, -1, 1);
    expect(drawing.refusal()).toBeUndefined();
    const imported = drawing.toImported('Drawn points');
    expect(imported).toMatchObject({ problem: 'classification', classes: 3 });
    expect(imported.points.map((p) => p.label)).toEqual([2, 2, 1]);
    // Another number of classes is another set.
    expect(new Drawing('classification', drawing.points, 4).toImported('x').id).not.toBe(imported.id);
  });

  it('keeps two classes as -1 and +1, with no classes for the trainer', () => {
    const drawing = new Drawing('classification', [], 2);
    drawing.add(0, 0, 0);
    drawing.add(1, 1, -1);
    expect(drawing.points.map((p) => p.label)).toEqual([1, -1]);
    expect(drawing.classCounts()).toEqual([1, 1]);
    expect(drawing.toImported('x')).not.toHaveProperty('classes');
  });
});
