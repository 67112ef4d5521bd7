/** Korean texts of the "search" namespace: the search for the smallest network. */
import type { Messages } from '../messages.js';
import type en from '../en/search.js';

export default {
  toggle: '신경망 탐색',
  heading: '신경망 탐색',
  caption:
    '이 데이터(지금 정한 데이터 세트, 노이즈, 비율, 특성, 배치 크기, 정규화)로 작은 신경망을 많이 학습시킵니다. 신경망마다 시드를 여러 개 써 보고, 각각 손실이 얼마나 낮아졌는지 그래프로 보여 줍니다. 목표에 닿은 신경망 가운데 뉴런이 가장 적은 것이 “신경망을 얼마나 작게 만들 수 있을까?”의 답입니다.',
  locked:
    '탐색은 수업의 질문에 대신 답해 주므로, 먼저 직접 해 본 뒤에 열립니다. 신경망을 {{epochs}} 에포크 이상 학습시키거나 실험 기록에 실행을 하나 기록하세요.',
  space: {
    layers: '최대 은닉층 수',
    neurons: '층마다 최대 뉴런 수',
    activations: '활성화 함수',
    learningRates: '학습률',
    seeds: '신경망마다 시드 수',
    epochs: '실행마다 에포크',
    deeper: '2층까지는 모든 모양을, 그보다 깊으면 층마다 너비가 같은 모양만 해 봅니다.',
    count: '신경망 {{candidates}}개, 학습 실행 {{runs}}번 (각 {{epochs}} 에포크)',
    tooMany: '실행이 {{max}}번을 넘습니다. 범위를 줄이세요.',
  },
  target: {
    label: '목표',
    lesson: '7강: 테스트 손실 0.177 이하',
    homework: '과제: 두 손실 모두 0.1 미만',
    own: '직접 정한 테스트 손실',
    ownValue: '테스트 손실 상한',
    line: '목표 {{value}}',
    crossEntropy: '이 신경망은 교차 엔트로피로 학습합니다. 7강과 과제의 목표는 제곱 오차 손실이므로 테스트 손실 목표를 직접 정하세요.',
  },
  start: '탐색 시작',
  stop: '탐색 멈추기',
  progress: '학습한 신경망',
  progressText: '신경망 {{total}}개 중 {{done}}개',
  stopped: '신경망 {{total}}개 중 {{done}}개에서 멈췄습니다.',
  finished: '신경망 {{total}}개를 워커 {{workers}}개로 {{seconds}}초 동안 탐색했습니다.',
  failed: '신경망 {{count}}개를 학습시키지 못했습니다: {{reason}}',
  plot: {
    label: '해 본 신경망마다 은닉 뉴런 수에 따른 테스트 손실',
    x: '은닉 뉴런 수',
    y: '가장 낮은 테스트 손실 (로그 눈금)',
    reached: '목표에 닿음',
    missed: '닿지 못함',
    smallest: '목표에 닿은 가장 작은 신경망',
    dot: '{{shape}}, {{activation}}, 학습률 {{rate}}: 가장 낮은 테스트 손실 {{loss}}',
  },
  table: {
    caption: '목표에 닿은 가장 작은 신경망',
    none: '아직 목표에 닿은 신경망이 없습니다.',
    shape: '은닉층',
    activation: '활성화 함수',
    rate: '학습률',
    seeds: '목표에 닿은 시드',
    best: '가장 낮은 테스트 손실',
    median: '테스트 손실 중앙값',
    open: '열기',
    openLabel: '{{shape}}, {{activation}}, 학습률 {{rate}}, 시드 {{seed}} 열기',
  },
  noHidden: '은닉층 없음',
  shape: '{{shape}}',
  activations: { relu: 'ReLU', tanh: 'Tanh', sigmoid: 'Sigmoid', linear: '선형' },
  tool: { open: '신경망 탐색 열기' },
  tasks: {
    nonlinear:
      '가장 작은 신경망을 직접 찾아본 뒤, 탐색으로 여러 모양과 활성화 함수, 학습률을 시드 여러 개로 해 보세요. 테스트 손실 0.177 이하에 닿는 신경망 가운데 내가 찾은 것보다 작은 것이 있나요? 몇 번이나 닿나요?',
    homework:
      '과제를 직접 해 본 뒤에는, 탐색으로 두 손실이 모두 0.1 미만인 설정을 찾을 수 있습니다. 목표로 과제를 고르세요. 결과를 하나 열어서 탐색이 말한 대로 학습되는지 확인해 보세요.',
  },
} satisfies Messages<typeof en>;
