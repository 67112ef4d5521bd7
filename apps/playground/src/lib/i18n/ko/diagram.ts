/**
 * Korean texts of the "diagram" namespace: a softmax output's class nodes in
 * the network diagram, the link builder's search switch, and the hand-in
 * table's optimizer, classes and loss.
 */
import type { Messages } from '../messages.js';
import type en from '../en/diagram.js';

export default {
  classLabel: '클래스 {{c}}',
  classNode: '출력 노드(클래스 {{c}})',
  classSource: '클래스 {{c}}',
  paramsOutputs: '출력 노드들의 가중치와 편향',
  hideSearch: '신경망 탐색 숨기기',
  searchHidden: '신경망 탐색 도구',
  optimizer: '옵티마이저',
  classes: '클래스 수',
  loss: '손실',
  optimizers: {
    sgd: 'SGD',
    momentum: '모멘텀',
    rmsprop: 'RMSProp',
    adam: 'Adam',
  },
  losses: {
    squared: '제곱 오차',
    'cross-entropy': '교차 엔트로피',
  },
} satisfies Messages<typeof en>;
