/** Korean texts of the "pwa" namespace: the notice that offers a new version of the installed app. */
import type { Messages } from '../messages.js';
import type en from '../en/pwa.js';

export default {
  update: {
    ready: '새 버전이 준비되었습니다.',
    explain: '업데이트하면 페이지를 다시 불러옵니다. 설정과 실험 기록은 그대로 남고, 학습은 처음부터 다시 시작합니다.',
    button: '업데이트',
    later: '나중에',
    afterPause: '학습을 일시중지하면 새 버전을 불러옵니다.',
    updating: '새 버전을 불러오는 중…',
  },
} satisfies Messages<typeof en>;
