/**
 * The backpropagation inspector's state on the page: whether it is open,
 * which training point it shows, how far through the next batch it has got,
 * and the worker's numbers for them (`Trainer.inspect`, which changes
 * nothing). The numbers follow the network: each new snapshot (a Step, an
 * edit, training playing on) asks again for the same point and position.
 */
import type { Optimizer, OutputActivation } from '@nn/engine';
import type { InspectedBatch, Inspection } from '@nn/trainer';
import type { Playground } from '../../playground.svelte.js';

export class Inspector {
  open = $state(false);
  /** The training point shown, in training order; undefined until one is picked. */
  point = $state<number | undefined>(undefined);
  /** Points of the next batch added (0 .. the batch's length). */
  through = $state(0);
  /** The newest numbers, for `point` and `through` at `version`. */
  result = $state.raw<Inspection | undefined>(undefined);
  /** True while the worker has not answered the newest question. */
  waiting = $state(false);
  private asked = 0;

  constructor(private readonly playground: Playground) {}

  /** Training points, from the newest snapshot's points. */
  get count(): number {
    return this.playground.train?.xs.length ?? 0;
  }

  /** Points in the next batch: min(batch size, points). */
  get length(): number {
    return Math.min(this.playground.state.batchSize, this.count);
  }

  toggle(): void {
    this.open = !this.open;
    if (!this.open) {
      this.result = undefined;
      return;
    }
    if (this.point === undefined && this.count > 0) this.pick(0);
  }

  /** Shows point p, with the batch added up to it when it is in the next batch. */
  pick(p: number): void {
    if (this.count === 0) return;
    const point = ((p % this.count) + this.count) % this.count;
    this.point = point;
    this.through = point < this.length ? point + 1 : 0;
  }

  next(): void {
    this.pick((this.point ?? -1) + 1);
  }

  previous(): void {
    this.pick((this.point ?? 1) - 1);
  }

  /** Adds every remaining point of the next batch. */
  finish(): void {
    if (this.point === undefined) this.point = Math.max(0, this.length - 1);
    this.through = this.length;
  }

  /** Asks the worker for the numbers of the current point and position; the newest answer wins. */
  async refresh(): Promise<void> {
    const point = this.point;
    if (!this.open || point === undefined || point >= this.count) return;
    const through = Math.min(this.through, this.length);
    const ticket = ++this.asked;
    this.waiting = true;
    const result = await this.playground.inspect({ point, through });
    if (ticket !== this.asked) return;
    this.waiting = false;
    this.result = result;
  }
}

const inspectors = new WeakMap<Playground, Inspector>();

/** The page's one inspector for `playground`. */
export function inspectorOf(playground: Playground): Inspector {
  let inspector = inspectors.get(playground);
  if (!inspector) {
    inspector = new Inspector(playground);
    inspectors.set(playground, inspector);
  }
  return inspector;
}

/** Three significant digits, no exponent above 1e-6 (0.000123), "0" for zero. */
export function formatInspected(value: number | undefined): string {
  if (value === undefined) return '–';
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  return String(Number(value.toPrecision(3)));
}

/** The mean gradient of the batch: g-bar = (1/n) sum_p dE_p/dw. */
const MEAN = '\\bar g = \\frac{1}{n}\\sum_{p}\\frac{\\partial E_p}{\\partial w}';

/**
 * The update's formulas (LaTeX, for RichText) for `optimizer`, with TF's L1/L2
 * term taken from the weight before the step, as the engines apply it.
 */
export function optimizerFormula(optimizer: Optimizer, regularization: 'none' | 'l1' | 'l2'): string {
  const reg =
    regularization === 'l1'
      ? ' - \\eta\\lambda\\,\\operatorname{sign}(w)'
      : regularization === 'l2'
        ? ' - \\eta\\lambda\\,w'
        : '';
  switch (optimizer) {
    case 'sgd':
      return `$$w \\leftarrow w - \\frac{\\eta}{n}\\sum_{p}\\frac{\\partial E_p}{\\partial w}${reg}$$`;
    case 'momentum':
      return `$$${MEAN}, \\qquad v \\leftarrow \\mu\\,v + \\bar g$$ $$w \\leftarrow w - \\eta\\,v${reg}$$`;
    case 'rmsprop':
      return (
        `$$${MEAN}, \\qquad s \\leftarrow \\rho\\,s + (1 - \\rho)\\,\\bar g^2$$ ` +
        `$$w \\leftarrow w - \\eta\\,\\frac{\\bar g}{\\sqrt{s} + \\epsilon}${reg}$$`
      );
    case 'adam':
      return (
        `$$${MEAN}, \\qquad t \\leftarrow t + 1$$ ` +
        `$$m \\leftarrow \\beta_1 m + (1 - \\beta_1)\\,\\bar g, \\qquad v \\leftarrow \\beta_2 v + (1 - \\beta_2)\\,\\bar g^2$$ ` +
        `$$w \\leftarrow w - \\eta\\,\\frac{m / (1 - \\beta_1^{\\,t})}{\\sqrt{v / (1 - \\beta_2^{\\,t})} + \\epsilon}${reg}$$`
      );
  }
}

/** A moment the optimizer keeps per parameter, shown after the update (key into `inspect:moments`). */
export interface MomentColumn {
  readonly key: 'velocity' | 'meanSquare' | 'adamM' | 'adamV';
  readonly weights: (batch: InspectedBatch) => readonly number[];
  readonly biases: (batch: InspectedBatch) => readonly number[];
}

const FIRST = { weights: (b: InspectedBatch) => b.weightMoment1After, biases: (b: InspectedBatch) => b.biasMoment1After };
const SECOND = { weights: (b: InspectedBatch) => b.weightMoment2After, biases: (b: InspectedBatch) => b.biasMoment2After };

/** The moments `optimizer` keeps: momentum's v, RMSProp's s, Adam's m and v; none for SGD. */
export function momentColumns(optimizer: Optimizer): readonly MomentColumn[] {
  switch (optimizer) {
    case 'sgd':
      return [];
    case 'momentum':
      return [{ key: 'velocity', ...FIRST }];
    case 'rmsprop':
      return [{ key: 'meanSquare', ...SECOND }];
    case 'adam':
      return [
        { key: 'adamM', ...FIRST },
        { key: 'adamV', ...SECOND },
      ];
  }
}

// ----- Cross-entropy outputs (a sigmoid or a softmax): the loss and the output's dE/dz -----

/** The point's loss as the output activation defines it (see @nn/engine's OutputActivation). */
export function lossFormula(output: OutputActivation): string {
  switch (output) {
    case 'sigmoid':
      return '$E = -\\ln \\max(q,\\,10^{-7}), \\quad q = y\\,p + (1 - y)(1 - p)$';
    case 'softmax':
      return '$E = -\\ln \\max(p_y,\\,10^{-7}), \\quad p_c = \\frac{e^{z_c}}{\\sum_k e^{z_k}}$';
    default:
      return '$E = \\frac{1}{2}\\,(a_{out} - y)^2$';
  }
}

/** dE/dz of the output nodes under cross-entropy (exact, without the loss's floor); none for squared error. */
export function outputDerivativeFormula(output: OutputActivation): string | undefined {
  if (output === 'sigmoid') return '$$\\frac{\\partial E}{\\partial z_{out}} = p - y$$';
  if (output === 'softmax') return '$$\\frac{\\partial E}{\\partial z_c} = p_c - [c = y]$$';
  return undefined;
}
