/** Korean texts of the "output" namespace (see en/output.ts). */
import type { Messages } from '../messages.js';
import type en from '../en/output.js';

export default {
  classes: {
    name: '클래스 {{n}}',
    negative: '주황 (−1)',
    positive: '파랑 (+1)',
    legend: '클래스의 색: {{names}}. 맵에서 색이 옅을수록 신경망이 덜 확신합니다.',
    legendNote: '점과 맵의 각 영역은 해당 클래스의 색으로 칠해지며, 옅은 영역은 신경망이 확신하지 못하는 곳입니다.',
    mapLabel: '신경망 출력의 결정 맵: 각 위치에서 가장 확률이 높은 클래스',
    outputNode: '확률: {{name}}',
    probabilityScale: '파랑(+1)일 확률의 색 척도: 0(주황)에서 0.5를 거쳐 1(파랑)까지',
    probabilityNote: '맵은 파랑(+1)일 확률을 보여 줍니다. 0에 가까우면 주황, 1에 가까우면 파랑입니다.',
  },
  confusion: {
    heading: '혼동 행렬',
    note: '행은 실제 클래스, 열은 신경망이 예측한 클래스입니다. 대각선의 수가 바르게 분류된 점의 수입니다.',
    train: '학습 데이터',
    test: '테스트 데이터',
    trueClass: '실제 클래스',
    predictedClass: '예측 클래스',
    trueName: '실제 {{name}}',
    predictedName: '예측 {{name}}',
  },
} satisfies Messages<typeof en>;
