/** English texts of the "classes" namespace: the number of classes, the two-class loss, their data sets and drawn classes. */
export default {
  classes: 'Classes',
  loss: 'Loss',
  losses: {
    squared: 'Squared error (tanh)',
    'cross-entropy': 'Cross-entropy (sigmoid)',
  },
  /** The data sets of 3 to 6 classes (hash `dataset=`). */
  datasets: {
    blobs: 'Blobs',
    arms: 'Spiral arms',
    rings: 'Rings',
    sectors: 'Sectors',
  },
  /** The class picker of "Draw points" with 3 or more classes (1-based for people). */
  drawClass: 'Class {{n}}',
  drawCount: '{{points}} points: {{counts}}',
  drawClassCount: 'class {{n}}: {{amount}}',
  drawOneClass: 'Draw points of at least two classes to train on them. The network keeps its data set until then.',
  /** What `classes=`, `loss=` and a data set of the wrong kind take (hash notices). */
  expected: {
    classes: 'a number of classes (a whole number from {{min}} to {{max}})',
    loss: 'a loss ({{options}} or {{last}})',
    multiClassDataset: 'a data set of several classes ({{options}} or {{last}})',
  },
} as const;
