/** Korean texts of the "model" namespace: saved models and the export to Python. */
import type { Messages } from '../messages.js';
import type en from '../en/model.js';

export default {
  heading: '모델',
  download: '모델 내려받기',
  downloadHint: '지금의 신경망(가중치, 편향, 설정, 점, 에포크)을 파일로 저장합니다. 여기서 다시 열 수 있습니다.',
  open: '모델 열기',
  openHint: '"모델 내려받기"로 저장한 파일을 엽니다. 신경망은 멈췄던 곳에서 그대로 이어서 학습합니다.',
  python: '파이썬으로 내보내기',
  pythonHint: '이 신경망과 가중치, 점을 담은 짧은 NumPy 스크립트를 내려받습니다. 같은 방식으로 이어서 학습합니다(Jupyter나 Colab에서).',
  downloaded: '{{file}} 파일을 저장했습니다({{epoch}} 에포크).',
  exported: '{{file}} 파일을 저장했습니다. Python 3와 NumPy로 실행하세요.',
  opened: '모델 {{file}} 파일을 열었습니다: {{epoch}} 에포크, 그 설정과 점. 여기서부터 이어서 학습합니다.',
  refused: '모델 {{file}} 파일을 열지 않았습니다: {{reason}}. 아무것도 바뀌지 않았습니다.',
  reasons: {
    empty: '파일이 비어 있습니다',
    'too-large': '모델 파일이라기에는 너무 큽니다',
    truncated: '파일이 중간에 끊겼습니다(끝부분이 없습니다). 다시 내려받으세요',
    damaged: '파일이 손상되었습니다(읽을 수 있는 JSON이 아닙니다)',
    foreign: '이 플레이그라운드의 모델 파일이 아닙니다',
    future: '더 새로운 버전의 플레이그라운드가 저장한 파일입니다(모델 형식 {{version}}; 이 버전이 읽는 형식은 {{supported}} 이하입니다)',
    invalid: '값 하나가 올바르지 않습니다({{path}}: {{issue}})',
    unreadable: '파일을 읽을 수 없습니다',
  },
} satisfies Messages<typeof en>;
