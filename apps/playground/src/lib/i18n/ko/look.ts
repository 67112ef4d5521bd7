/** Korean texts of the "look" namespace (see en/look.ts). */
import type { Messages } from '../messages.js';
import type en from '../en/look.js';

export default {
  theme: {
    label: '테마',
    options: {
      system: '시스템 설정',
      light: '밝게',
      dark: '어둡게',
      contrast: '고대비',
    },
  },
  projector: {
    label: '발표 모드',
    hint: '프로젝터나 큰 화면에 맞게 글자와 맵을 크게 보여 주고, 속도 수치는 숨깁니다.',
  },
  runs: {
    ready_one: '완료: 아래에 결과 {{count}}개가 있습니다.',
    ready_other: '완료: 아래에 결과 {{count}}개가 있습니다.',
  },
  worksheet: {
    label: '인쇄용 활동지',
    name: '이름',
    group: '반',
    date: '날짜',
    kicker: '활동지',
    observation: '내 관찰',
    rates: {
      title: '학습률 표',
      intro:
        '학습률 실험에서는 모든 시도가 w = −2에서 시작합니다. 먼저 ‘내 예상’ 칸에 학습률마다 몇 번 갱신해야 수렴할지, 아니면 발산할지 적으세요. 그다음 실험에서 결과가 정해질 때까지(최대 1,000번 갱신) 진행하고 어떻게 되었는지 적으세요.',
      own: '직접 고른 학습률',
    },
    homework: {
      title: '과제 표',
      best: '데이터 세트마다 가장 좋았던 시도를 적으세요. 사용한 초매개변수(하이퍼파라미터)와 멈췄을 때의 두 손실입니다.',
    },
  },
} satisfies Messages<typeof en>;
