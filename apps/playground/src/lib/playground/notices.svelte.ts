/**
 * The messages shown above the playground until dismissed. Each is a
 * translation key and its values (see panels/message.ts), translated when it
 * is drawn, so it follows a language switch.
 */
import { sameMessage, type Message } from '../panels/message.js';

export interface Notice extends Message {
  readonly id: number;
  readonly kind: 'info' | 'warning' | 'error';
}

export class NoticeBoard {
  list = $state.raw<Notice[]>([]);
  private lastId = 0;

  /**
   * Shows a notice (once: the same message again is not added). A plain
   * string is shown as it is, in every language; pass a Message (a key and
   * params) for a text that is translated.
   */
  notify(kind: Notice['kind'], text: Message | string): void {
    const message: Message = typeof text === 'string' ? { key: 'notices.plain', params: { text } } : text;
    if (this.list.some((notice) => sameMessage(notice, message))) return;
    this.list = [...this.list, { id: ++this.lastId, kind, key: message.key, params: message.params ?? {} }];
  }

  dismiss(id: number): void {
    this.list = this.list.filter((notice) => notice.id !== id);
  }
}
