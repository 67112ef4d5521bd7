import type { FeatureId } from '@nn/datasets';

/** The input features in TensorFlow Playground's order (the order of the network's inputs). */
export const FEATURE_ORDER: readonly FeatureId[] = ['x', 'y', 'xSquared', 'ySquared', 'xTimesY', 'sinX', 'sinY'];

/** How the diagram labels each feature. */
export const FEATURE_LABELS: Readonly<Record<FeatureId, string>> = {
  x: 'X₁',
  y: 'X₂',
  xSquared: 'X₁²',
  ySquared: 'X₂²',
  xTimesY: 'X₁X₂',
  sinX: 'sin(X₁)',
  sinY: 'sin(X₂)',
};

/** Names for screen readers and hover titles. */
export const FEATURE_NAMES: Readonly<Record<FeatureId, string>> = {
  x: 'x1',
  y: 'x2',
  xSquared: 'x1 squared',
  ySquared: 'x2 squared',
  xTimesY: 'x1 times x2',
  sinX: 'sin(x1)',
  sinY: 'sin(x2)',
};
