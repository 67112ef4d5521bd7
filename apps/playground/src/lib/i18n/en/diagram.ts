/**
 * English texts of the "diagram" namespace: a softmax output's class nodes in
 * the network diagram, the link builder's search switch, and the hand-in
 * table's optimizer, classes and loss.
 */
export default {
  /** Shown by each output node of a softmax output; c counts from 1 (class 1 is label 0 in the data), as everywhere on the page. */
  classLabel: 'Class {{c}}',
  /** A class's output node inside other names ("Bias of …", "Weight from … to …"). */
  classNode: 'the output node of class {{c}}',
  /** A class's output node as the source or end of a link on the hover card. */
  classSource: 'class {{c}}',
  paramsOutputs: 'Weights and biases of the output nodes',
  /** The teacher's link builder. */
  hideSearch: 'Hide the network search',
  searchHidden: 'The network search (“Search networks”)',
  /** The hand-in table. */
  optimizer: 'Optimizer',
  classes: 'Classes',
  loss: 'Loss',
  optimizers: {
    sgd: 'SGD',
    momentum: 'Momentum',
    rmsprop: 'RMSProp',
    adam: 'Adam',
  },
  losses: {
    squared: 'squared error',
    'cross-entropy': 'cross-entropy',
  },
} as const;
