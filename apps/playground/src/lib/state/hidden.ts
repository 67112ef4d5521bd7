/**
 * Hidden controls: TF Playground's `<control>_hide=true` flags, which a
 * teacher's link uses to keep controls from students. The state keeps them
 * in `hidden`, in the order they were read or set.
 */
import type { PlaygroundState } from './model.js';

// ---------------------------------------------------------------- hidden controls

/** The controls TF's "hide controls" checklist offers, then this app's own. */
export type HidableControl =
  | 'showTestData'
  | 'discretize'
  | 'playButton'
  | 'stepButton'
  | 'resetButton'
  | 'learningRate'
  | 'activation'
  | 'regularization'
  | 'regularizationRate'
  | 'problem'
  | 'dataset'
  | 'percTrainData'
  | 'noise'
  | 'batchSize'
  | 'numHiddenLayers'
  | 'optimizer'
  | 'classes'
  | 'loss';

/**
 * TF's "hide controls" checklist, in its order, with its (English) labels,
 * then the controls this app adds; the page shows them translated
 * (`classroom.controls.<id>`).
 */
export const HIDABLE_CONTROLS: readonly { readonly id: HidableControl; readonly label: string }[] = [
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
  { id: 'optimizer', label: 'Optimizer' },
  { id: 'classes', label: 'Classes' },
  { id: 'loss', label: 'Loss' },
];

export const HIDE_SUFFIX = '_hide';
/** Ids a hide flag may carry (TF's are plain identifiers such as `numNodes3`). */
export const HIDE_ID = /^[A-Za-z][A-Za-z0-9]*$/;

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
