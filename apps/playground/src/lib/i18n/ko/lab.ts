/** Korean texts of the "lab" namespace (see en/lab.ts). */
import type { Messages } from '../messages.js';
import type en from '../en/lab.js';

export default {
  label: '학습률 실험',
  curve: '손실 곡선: {{formula}}. 최저점은 $w = {{minimum}}$입니다.',
  rule: '경사하강법 한 단계: {{formula}}. 여기서 $\\eta$는 학습률입니다.',
  lastStep: '마지막 단계: {{formula}}',
  chart: {
    label: '손실 곡선 L(w). {{step}}단계 후 가중치는 w = {{weight}}입니다',
    weightAxis: '가중치 w',
    lossAxis: '손실 L(w)',
    minimum: '최저점',
    offChart: 'w = {{weight}}: 그래프 밖',
  },
  rate: {
    label: '학습률 $\\eta$',
  },
  stepButton: '한 단계 실행',
  runButton: '끝까지 진행',
  stopButton: '정지',
  resetButton: '그래프 재설정',
  readout: {
    step: '단계',
    weight: '가중치 $w$',
    loss: '손실 $L(w)$',
    gradient: '마지막 기울기 $\\frac{dL}{dw}$',
  },
  status: {
    ready: '‘한 단계 실행’을 누르면 $w = {{weight}}$에서 경사하강법을 한 단계 진행합니다. ‘끝까지 진행’을 누르면 멈출 때까지 계속합니다.',
    going: '{{step}}단계: 가중치가 최저점에서 {{distance}}만큼 떨어져 있습니다. 아직 수렴하지 않았으니 계속 진행하세요.',
    goingAway:
      '{{step}}단계: 가중치가 최저점에서 {{distance}}만큼 떨어져 있어 이전보다 더 멀어졌습니다. 최저점을 지나 너무 멀리 건너뛰었습니다.',
    running: '진행 중…',
    converged: '{{step}}단계에서 수렴했습니다. 가중치가 최저점에서 처음 거리의 0.5% 이내로 가까워졌습니다.',
    convergedZigzag:
      '{{step}}단계에서 수렴했습니다. 단계마다 최저점을 넘어갔지만 넘어가는 폭이 매번 줄어들어 결국 자리를 잡았습니다.',
    convergedIdeal:
      '한 단계 만에 수렴했습니다. {{rate}}은 이 곡선에 가장 알맞은 학습률로, 한 번에 최저점에 정확히 도착합니다.',
    diverged:
      '{{step}}단계에서 발산했습니다. 단계마다 최저점을 점점 더 크게 넘어가서 가중치가 멀리 달아납니다. 학습률을 낮추세요.',
    tooSlow:
      '{{step}}단계가 지나도 수렴하지 않았습니다. 학습률이 너무 작아 한 단계에 아주 조금씩만 움직입니다. 학습률을 높이세요.',
    oscillating:
      '{{step}}단계가 지나도 수렴하지 않았습니다. 가중치가 최저점을 사이에 두고 왔다 갔다 할 뿐 가까워지지 않습니다. 학습률을 조금 낮추세요.',
  },
  errors: {
    empty: '학습률을 입력하세요.',
    notANumber: '숫자가 아닙니다. 0.3이나 1e-3처럼 입력하세요.',
    notPositive: '학습률은 0보다 커야 합니다.',
    tooLarge: '학습률은 {{max}} 이하로 입력하세요.',
    duplicate: '{{rate}}은(는) 이미 표에 있습니다.',
    full: '직접 추가한 학습률은 {{max}}개까지 표에 넣을 수 있습니다. 먼저 하나를 삭제하세요.',
  },
  table: {
    caption: '$w = {{start}}$에서 시작해 수렴하기까지의 단계 수(최대 {{max}}단계). 강의의 학습률은 자동으로 채워집니다. 아래에서 직접 학습률을 추가해 보세요.',
    rate: '학습률',
    steps: '수렴 단계',
    outcome: '수렴 여부',
    load: '학습률 {{rate}}을(를) 실험에 적용',
    remove: '삭제',
    removeLabel: '학습률 {{rate}} 삭제',
    own: '직접 추가',
  },
  outcome: {
    converged: '수렴',
    diverged: '발산',
    notConverged: '수렴 안 함',
  },
  add: {
    label: '내 학습률',
    button: '추가',
    added: '{{rate}}을(를) 표에 추가했습니다.',
  },
} satisfies Messages<typeof en>;
