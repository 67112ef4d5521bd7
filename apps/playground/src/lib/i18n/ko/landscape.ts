/** Korean texts of the "landscape" namespace: the loss landscape panel and its lesson tasks. */
import type { Messages } from '../messages.js';
import type en from '../en/landscape.js';

export default {
  toggle: '손실 지형',
  heading: '손실 지형',
  caption:
    '각 픽셀은 현재 가중치를 가중치 공간의 두 방향(가로 α, 세로 β)으로 조금 옮긴 신경망의 학습 손실입니다. 어두울수록 손실이 낮습니다. 십자 표시는 지금 신경망이 있는 곳이고, 선은 손실이 같은 점들을 잇습니다. 옆 그래프는 현재 기울기 방향의 손실입니다. 강의의 그릇 모양을 이 신경망에서 그린 것이고, 학습률만큼의 한 걸음이 표시되어 있습니다.',
  directions: {
    label: '방향',
    random: '무작위 (필터 정규화)',
    path: '지금까지 지나온 경로의 주된 방향',
    pathUnavailable: '경로 방향을 쓰려면 이번 학습의 이전 에포크 가중치가 필요한데, 아직 기록되지 않았습니다. 무작위 방향을 쓰세요.',
    axisRandom1: '무작위 방향 1 (α)',
    axisRandom2: '무작위 방향 2 (β)',
    axisPath1: '경로 방향 1 (α, 경로의 {{share}})',
    axisPath2: '경로 방향 2 (β, 경로의 {{share}})',
  },
  span: {
    label: '범위',
    hint: '1 = 가중치 자체만큼의 거리',
    hintPath: '1 = 경로에서 가장 먼 점까지의 거리',
  },
  redraw: '다시 그리기',
  drawing: '그리는 중…',
  whilePlaying: '{{epoch}} 에포크에서 그린 그림입니다. 학습을 멈추면 다시 그립니다.',
  drawnAt: '{{epoch}} 에포크에서 그린 그림입니다.',
  legend: {
    label: '학습 손실',
    low: '낮음',
    high: '높음',
  },
  summary:
    '평면 위 학습 손실의 열지도: 최솟값 {{min}}, 최댓값 {{max}}. 가장 낮은 곳은 α = {{alpha}}, β = {{beta}}. 가운데(현재 가중치)의 손실은 {{centre}}.',
  slice: {
    heading: '기울기 방향으로',
    label:
      '기울기의 반대 방향으로 본 학습 손실: 현재 가중치에서 {{centre}}, 한 걸음(학습률 {{rate}}) 간 뒤 {{step}}.',
    axisT: '−기울기 방향으로 간 거리 t',
    axisLoss: '학습 손실',
    step: '한 걸음 η = {{rate}}',
    realStep: '학습 데이터 전체로 실제 한 번 업데이트하면 손실은 {{loss}}.',
    flat: '여기서는 기울기가 0이라 내려갈 방향이 없습니다.',
  },
  tool: {
    title: '손실 지형',
    open: '손실 지형 열기',
  },
  tasks: {
    loss: '몇 에포크 학습하고 멈추세요. 손실 지형을 열면 십자 표시가 현재 가중치입니다. 십자 표시가 골짜기 바닥에 있나요? 기울기 방향 그래프를 보세요. 학습률만큼 한 걸음 가면 손실은 어디로 가나요?',
    initialization:
      '재설정을 몇 번 눌러 보고, 누를 때마다 학습하기 전에 손실 지형을 다시 그리세요. 시작할 때마다 다른 지형의 다른 곳에서 출발합니다. 조금씩 학습해 보고 어느 골짜기로 미끄러져 들어가는지 보세요.',
  },
} satisfies Messages<typeof en>;
