/**
 * Korean texts of the "lab" namespace (see en/lab.ts). In the lab one
 * weight update is 갱신 (단계 is the playground's Step button, one epoch).
 * No particle right after a {{placeholder}} that may be a number: a counter
 * (번, 개) or a space comes first, or the sentence is turned around.
 */
import type { Messages } from '../messages.js';
import type en from '../en/lab.js';

export default {
  label: '학습률 실험',
  curve: '손실 곡선: {{formula}}. 최저점은 $w = {{minimum}}$입니다.',
  rule: '경사하강법은 가중치를 이렇게 한 번 갱신합니다: {{formula}}. 여기서 $\\eta$는 학습률입니다.',
  lastStep: '마지막 갱신: {{formula}}',
  chart: {
    label: '손실 곡선 L(w). 가중치를 {{step}}번 갱신한 뒤의 위치: w = {{weight}}',
    weightAxis: '가중치 w',
    lossAxis: '손실 L(w)',
    minimum: '최저점',
    offChart: 'w = {{weight}}: 그래프 밖',
  },
  rate: {
    label: '학습률 $\\eta$',
  },
  stepButton: '한 번 갱신',
  runButton: '끝까지 진행',
  stopButton: '정지',
  resetButton: '그래프 재설정',
  readout: {
    step: '갱신 횟수',
    weight: '가중치 $w$',
    loss: '손실 $L(w)$',
    gradient: '마지막 기울기 $\\frac{dL}{dw}$',
  },
  status: {
    ready: '`한 번 갱신`을 누르면 $w = {{weight}}$에서 출발해 경사하강법으로 가중치를 한 번 갱신합니다. `끝까지 진행`을 누르면 멈출 때까지 계속 갱신합니다.',
    going: '{{step}}번째 갱신: 최저점까지 남은 거리 {{distance}}. 아직 수렴하지 않았으니 계속 갱신하세요.',
    goingAway:
      '{{step}}번째 갱신: 최저점까지 거리 {{distance}}, 이전보다 더 멀어졌습니다. 최저점을 지나 너무 멀리 건너뛰었습니다.',
    running: '진행 중…',
    converged: '{{step}}번째 갱신에서 수렴했습니다. 가중치가 최저점에서 처음 거리의 0.5% 이내로 가까워졌습니다.',
    convergedZigzag:
      '{{step}}번째 갱신에서 수렴했습니다. 갱신할 때마다 최저점을 넘어갔지만 넘어가는 폭이 매번 줄어들어 결국 자리를 잡았습니다.',
    convergedIdeal:
      '한 번 갱신으로 수렴했습니다. 학습률 {{rate}}, 이 곡선에 가장 알맞은 학습률입니다. 한 번에 최저점에 정확히 도착합니다.',
    diverged:
      '{{step}}번째 갱신에서 발산했습니다. 갱신할 때마다 최저점을 점점 더 크게 넘어가서 가중치가 멀리 달아납니다. 학습률을 낮추세요.',
    tooSlow:
      '{{step}}번 갱신해도 수렴하지 않았습니다. 학습률이 너무 작아 한 번에 아주 조금씩만 움직입니다. 학습률을 높이세요.',
    oscillating:
      '{{step}}번 갱신해도 수렴하지 않았습니다. 가중치가 최저점을 사이에 두고 왔다 갔다 할 뿐 가까워지지 않습니다. 학습률을 조금 낮추세요.',
  },
  errors: {
    empty: '학습률을 입력하세요.',
    notANumber: '숫자가 아닙니다. 0.3이나 1e-3처럼 입력하세요.',
    notPositive: '학습률은 0보다 커야 합니다.',
    tooLarge: '학습률은 {{max}} 이하로 입력하세요.',
    duplicate: '이미 표에 있는 학습률입니다: {{rate}}',
    full: '직접 추가한 학습률은 {{max}}개까지 표에 넣을 수 있습니다. 먼저 하나를 삭제하세요.',
  },
  table: {
    instructions:
      '먼저 **내 예상** 칸에 학습률마다 몇 번 갱신해야 수렴할지, 아니면 발산할지 적어 보세요. 그다음 학습률을 눌러 실험에 불러오고, 결과가 정해질 때까지 갱신하거나 `끝까지 진행`을 누르면 그 줄이 채워집니다. **?**는 아직 시도하지 않은 학습률입니다.',
    caption: '$w = {{start}}$에서 출발해 수렴할 때까지의 갱신 횟수(최대 {{max}}번)',
    rate: '학습률',
    guess: '내 예상',
    guessLabel: '내 예상: 학습률 {{rate}}',
    steps: '수렴까지 갱신 횟수',
    outcome: '수렴 여부',
    load: '실험에 학습률 {{rate}} 불러오기',
    remove: '삭제',
    removeLabel: '학습률 {{rate}} 삭제',
    own: '직접 추가',
    fill: '표 전체 채우기',
  },
  outcome: {
    converged: '수렴',
    diverged: '발산',
    notConverged: '수렴 안 함',
  },
  add: {
    label: '내 학습률',
    button: '추가',
    added: '표에 추가했습니다: {{rate}}',
  },
} satisfies Messages<typeof en>;
