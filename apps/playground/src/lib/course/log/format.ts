/** How the log and the homework table write numbers and names (the same in every language). */
import type { Activation } from '@nn/engine';
import { HOMEWORK } from './homework.js';

/**
 * A loss as the app shows it: 3 decimals. The one exception: a loss just
 * under the homework target that 3 decimals would round up to it (0.0996 →
 * "0.100") gets 4 ("0.0996"), so "< 0.1" is never contradicted by the number.
 */
export function formatLoss(loss: number): string {
  if (!Number.isFinite(loss)) return String(loss);
  const text = loss.toFixed(3);
  if (loss < HOMEWORK.target && Number(text) >= HOMEWORK.target) return loss.toFixed(4);
  return text;
}

/** Neurons per layer as the lecture writes them: "6, 2" ("" with no hidden layer). */
export function formatNeurons(neurons: readonly number[]): string {
  return neurons.join(', ');
}

/** TF Playground's names of the activations. */
export const ACTIVATION_LABELS: Readonly<Record<Activation, string>> = {
  relu: 'ReLU',
  tanh: 'Tanh',
  sigmoid: 'Sigmoid',
  linear: 'Linear',
  // Beyond TF's four (names as the papers write them).
  leakyrelu: 'Leaky ReLU',
  elu: 'ELU',
  swish: 'Swish',
  sine: 'Sine',
};
