/** Korean texts of the "draw" namespace: drawing one's own points on the output map. */
import type { Messages } from '../messages.js';
import type en from '../en/draw.js';

export default {
  toggle: '점 그리기',
  heading: '점 그리기',
  hint: '지도를 클릭하면 점이 추가됩니다. 지우기 모드에서는 점을 클릭하거나 그 위를 드래그하면 지워집니다(마우스 오른쪽 버튼으로 드래그해도 지워집니다). 지도에서 화살표 키로 커서를 옮기고 Enter 키로 점을 추가하며, Ctrl+Z로 되돌립니다.',
  startedFrom: '현재 데이터 세트의 점에서 시작합니다.',
  classLabel: '새 점의 클래스',
  orange: '주황 (-1)',
  blue: '파랑 (+1)',
  value: '값',
  erase: '지우기',
  undo: '되돌리기',
  redo: '다시 실행',
  clear: '모두 지우기',
  use: '이 점으로 학습',
  countClassification: '점 {{points}}개: 주황 {{negative}}개, 파랑 {{positive}}개',
  countRegression: '점 {{points}}개',
  tooFew: '학습하려면 점을 2개 이상 그리세요. 그때까지 신경망은 지금의 데이터 세트로 학습합니다.',
  oneClass: '학습하려면 두 클래스(주황과 파랑)의 점을 모두 그리세요. 그때까지 신경망은 지금의 데이터 세트로 학습합니다.',
  full: '점은 최대 {{max}}개까지 그릴 수 있습니다.',
  used: '그린 점 {{points}}개로 학습합니다. 비율에 따라 학습 데이터와 테스트 데이터로 나뉩니다. 그린 점은 공유 링크에 들어가지 않습니다.',
  refused: '이 점을 쓸 수 없습니다. 신경망은 지금의 데이터 세트를 유지합니다.',
  smallBatch: '학습 데이터의 점 수({{train}}개)가 배치 크기({{batch}})보다 작습니다. 가중치는 배치가 다 찰 때마다 바뀌므로 이대로는 바뀌지 않습니다. 배치 크기를 줄이거나 점을 더 그리세요.',
  pending: '마지막으로 학습에 쓴 뒤 바뀌었습니다. “이 점으로 학습”을 누르면 이 점으로 학습합니다.',
  name: '그린 점',
  mapLabel: '그리기 영역, x와 y는 -6부터 6까지. 커서 위치 x {{x}}, y {{y}}.',
  logDataset: '그린 점 ({{points}}개)',
} satisfies Messages<typeof en>;
