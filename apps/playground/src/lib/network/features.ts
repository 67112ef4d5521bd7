import type { FeatureId } from '@nn/datasets';

/** The input features in TensorFlow Playground's order (the order of the network's inputs). */
export const FEATURE_ORDER: readonly FeatureId[] = ['x', 'y', 'xSquared', 'ySquared', 'xTimesY', 'sinX', 'sinY'];

/**
 * How the diagram labels each feature: mathematical notation, the same in
 * every language. Screen readers and hover titles use the translated names
 * (`features.<id>` in the i18n resources).
 */
export const FEATURE_LABELS: Readonly<Record<FeatureId, string>> = {
  x: 'X₁',
  y: 'X₂',
  xSquared: 'X₁²',
  ySquared: 'X₂²',
  xTimesY: 'X₁X₂',
  sinX: 'sin(X₁)',
  sinY: 'sin(X₂)',
};
