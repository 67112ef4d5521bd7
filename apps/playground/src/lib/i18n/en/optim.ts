/** English texts of the "optim" namespace: the optimizer control and its settings. */
export default {
  optimizer: 'Optimizer',
  options: {
    sgd: 'SGD',
    momentum: 'Momentum',
    rmsprop: 'RMSProp',
    adam: 'Adam',
  },
  momentum: 'Momentum',
  beta1: 'beta1',
  beta2: 'beta2',
  epsilon: 'epsilon',
  /** Shown as the title of a setting's field when a typed value is refused. */
  decayRange: 'a number from 0 to less than 1',
  epsilonRange: 'a number above 0 and at most 1',
  /** The activations beyond TF's four (the Activation select). */
  activations: {
    leakyrelu: 'Leaky ReLU',
    elu: 'ELU',
    swish: 'Swish (SiLU)',
    sine: 'Sine',
  },
} as const;
