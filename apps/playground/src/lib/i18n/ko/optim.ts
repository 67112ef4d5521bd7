/** Korean texts of the "optim" namespace: the optimizer control and its settings. */
import type { Messages } from '../messages.js';
import type en from '../en/optim.js';

export default {
  optimizer: '옵티마이저',
  options: {
    sgd: 'SGD',
    momentum: '모멘텀',
    rmsprop: 'RMSProp',
    adam: 'Adam',
  },
  momentum: '모멘텀',
  beta1: 'beta1',
  beta2: 'beta2',
  epsilon: 'epsilon',
  decayRange: '0 이상 1 미만인 수',
  epsilonRange: '0 초과 1 이하인 수',
  activations: {
    leakyrelu: '리키 ReLU',
    elu: 'ELU',
    swish: '스위시(SiLU)',
    sine: '사인',
  },
} satisfies Messages<typeof en>;
