/** Korean texts of the "classes" namespace: the number of classes, the two-class loss, their data sets and drawn classes. */
import type { Messages } from '../messages.js';
import type en from '../en/classes.js';

export default {
  classes: '클래스 수',
  loss: '손실 함수',
  losses: {
    squared: '제곱 오차 (tanh)',
    'cross-entropy': '교차 엔트로피 (sigmoid)',
  },
  datasets: {
    blobs: '덩어리',
    arms: '나선 팔',
    rings: '고리',
    sectors: '부채꼴',
  },
  drawClass: '클래스 {{n}}',
  drawCount: '점 {{points}}개: {{counts}}',
  drawClassCount: '클래스 {{n}} {{amount}}개',
  drawOneClass: '학습하려면 두 클래스 이상의 점을 그리세요. 그때까지 신경망은 지금의 데이터 세트로 학습합니다.',
  expected: {
    classes: '클래스 수({{min}} 이상 {{max}} 이하의 정수)',
    loss: '손실 함수({{options}}, {{last}} 중 하나)',
    multiClassDataset: '여러 클래스의 데이터 세트({{options}}, {{last}} 중 하나)',
  },
} satisfies Messages<typeof en>;
