/**
 * Korean texts of the course's multi-run tools and the stop conditions (the
 * "runs" namespace). A run is 시도 (실행 is only the Play button), one weight
 * update is 갱신 (단계 is only the Step button, one epoch).
 */
import type { Messages } from '../messages.js';
import type en from '../en/runs.js';

export default {
  epochs: '에포크',
  epochsEach: '시도마다 에포크',
  epochAxis: '에포크',
  running: '학습 중…',
  trainLoss: '학습 손실',
  testLoss: '테스트 손실',
  diverged: '발산(에포크 {{epoch}})',
  took: '학습 워커에서 {{ms}} ms',
  mapLabel: '학습 후 출력: {{name}}',
  updatesPerEpoch: '에포크마다 가중치 갱신: {{count}}번',
  failed: '여러 시도를 학습하지 못했습니다: {{message}}',
  batch: {
    heading: '배치 크기 나란히 비교',
    hint: '지금 플레이그라운드의 신경망을 같은 초기 가중치에서 세 번 학습합니다. 가중치를 한 번 갱신할 때 점 하나(확률적), 점 10개(미니 배치), 학습 데이터 전체(배치)를 씁니다.',
    run: '세 가지 모두 학습',
    stochastic: '배치 1 (확률적)',
    mini: '배치 {{size}} (미니 배치)',
    whole: '전체 {{count}}개 (배치)',
    testSeries: '{{name}}, 테스트',
    read: '실선은 학습 손실, 점선은 테스트 손실입니다. 배치 1은 점 하나마다 가중치를 갱신하므로 대개 에포크당 손실이 가장 빨리 줄지만, 갱신 한 번 한 번이 점 하나만 따르므로 크게 튈 수 있습니다. 전체 배치는 에포크마다 매끄러운 갱신을 한 번만 하므로 훨씬 많은 에포크가 필요합니다.',
  },
  repeat: {
    heading: '같은 모델 {{count}}번 시도',
    hint: '지금 플레이그라운드의 모델을 같은 데이터로 {{count}}번 학습합니다. 매번 새로운 임의의 초기 가중치(재설정을 0~4번 누른 것과 같은 가중치)에서 시작하고, 각 시도가 어디에 도착했는지 보여 줍니다.',
    run: '{{count}}번 시도',
    runName: '시도 {{number}}',
    noHidden: '히든 레이어 없음',
    shape: '히든 레이어: {{shape}}',
    took: '학습 워커에서 {{ms}} ms',
    spread: '테스트 손실은 가장 좋은 시도가 {{best}}, 가장 나쁜 시도가 {{worst}}입니다. 가장 나쁜 값이 가장 좋은 값의 {{ratio}}배입니다.',
  },
  stop: {
    label: '두 손실이 모두 이 값보다 작으면 일시중지',
    hint: '학습 손실과 테스트 손실이 처음으로 둘 다 이 값보다 작아지는 에포크에서 학습이 저절로 멈춥니다.',
    reached: '일시중지(에포크 {{epoch}}): 학습 손실({{train}})과 테스트 손실({{test}})이 모두 목표값 {{target}} 미만입니다.',
    invalid: '0보다 크고 10 이하인 수를 입력하세요. 예: 0.1',
  },
  pauseAt: {
    label: '이 에포크에서 일시중지',
    hint: '속도와 관계없이 에포크 수가 이 값에 이르면 학습이 저절로 멈춥니다. 재설정한 뒤에도 다시 이 에포크에서 멈춥니다.',
    reached: '일시중지(에포크 {{epoch}}): ‘이 에포크에서 일시중지’에 정한 에포크입니다. 계속 학습하려면 실행을, 에포크 0부터 다시 하려면 재설정을 누르세요.',
    invalid: '1 이상 {{max}} 이하의 정수를 입력하세요. 예: 500',
  },
} satisfies Messages<typeof en>;
