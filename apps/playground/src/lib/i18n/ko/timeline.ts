/** Korean texts of the "timeline" namespace: the training timeline under the loss chart, and two runs side by side. */
import type { Messages } from '../messages.js';
import type en from '../en/timeline.js';

export default {
  timeline: {
    label: '학습 타임라인',
    valueText: '{{epoch}} 에포크',
    valuePresent: '{{epoch}} 에포크 (현재)',
    viewing: '현재 {{present}} 에포크 중 {{epoch}} 에포크를 보고 있습니다. 재생하면 현재로 돌아갑니다.',
    present: '뒤로 끌면 앞선 에포크의 신경망을 볼 수 있습니다.',
    kept: '{{spacing}} 에포크 간격으로 {{n}}개를 보관합니다.',
    continueHere: '여기서 계속',
    backToPresent: '현재로 돌아가기',
    branch: '{{from}} 에포크에서 갈라진 갈래가 {{epoch}} 에포크까지 있습니다.',
    toBranch: '갈래로 돌아가기',
    discardBranch: '갈래 버리기',
  },
} satisfies Messages<typeof en>;
