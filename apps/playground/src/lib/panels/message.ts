/**
 * Messages for the user as translation keys with their values, not as text:
 * a notice made in TypeScript (playground.svelte.ts) keeps its key and params
 * and is translated each time it is drawn, so it follows a language switch.
 *
 * A param may itself be a message (a part of a sentence that needs its own
 * translation, such as "a learning rate from 0.00001 to 10"); `renderMessage`
 * translates the parts first. Nothing here imports the i18n instance, so the
 * tests can render messages with a plain i18next.
 */
import type { DatasetError } from '@nn/datasets';
import enCommon from '../i18n/en/common.js';
import enClasses from '../i18n/en/classes.js';
import type { HashNotice } from '../state/hash.js';

/** Every key path of an object of strings, e.g. 'topBar.play'. */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A key of the "common" namespace. */
export type CommonKey = Leaves<typeof enCommon>;
/** A key of the "classes" namespace, with its prefix (what a hash notice about the classes' keys says). */
export type ClassesKey = `classes:${Leaves<typeof enClasses>}`;

export type MessageParam = string | number | Message;

/** A translation key and the values its text interpolates. */
export interface Message {
  readonly key: CommonKey | ClassesKey;
  readonly params?: Readonly<Record<string, MessageParam>>;
}

/** What `renderMessage` needs of i18next's `t`. */
export type Translate = (key: string, options: { replace: Record<string, string | number> }) => string;

/** The message's text in the translator's language, its message params translated first. */
export function renderMessage(message: Message, translate: Translate): string {
  const replace: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.params ?? {})) {
    replace[name] = typeof value === 'object' ? renderMessage(value, translate) : value;
  }
  return translate(message.key, { replace });
}

/** Whether two messages say the same (for not showing a notice twice). */
export function sameMessage(a: Message, b: Message): boolean {
  return JSON.stringify([a.key, a.params ?? {}]) === JSON.stringify([b.key, b.params ?? {}]);
}

function has<T extends object>(table: T, key: string): key is keyof T & string {
  return Object.hasOwn(table, key);
}

// ---------------------------------------------------------------- the link (state/hash.ts)

/** A notice about the link, by its code (see HashNotice); the same text as its `message` in English. */
export function describeHashNotice(notice: HashNotice): Message {
  const params: Record<string, MessageParam> = { ...notice.params };
  const { expected, fallback, fallbackKind } = notice.params;
  if (typeof expected === 'string' && has(enCommon.hashNotices.expected, expected)) {
    params['expected'] = { key: `hashNotices.expected.${expected}`, params: notice.params };
  } else if (typeof expected === 'string' && has(enClasses.expected, expected)) {
    params['expected'] = { key: `classes:expected.${expected}`, params: notice.params };
  }
  if (fallbackKind === 'seed') params['fallback'] = { key: 'hashNotices.newSeed', params: { seed: fallback ?? '' } };
  else if (fallbackKind === 'noHiddenLayers') params['fallback'] = { key: 'hashNotices.noHiddenLayers' };
  else if (fallbackKind === 'off') params['fallback'] = { key: 'hashNotices.off' };
  return { key: `hashNotices.${notice.code}`, params };
}

// ---------------------------------------------------------------- imported files (@nn/datasets)

/**
 * Why a file could not be imported: a DatasetError by its code, with the line
 * ("Line 3: …") or JSON item ("Item 3: …") it is about; the English message
 * of an error whose code the app does not know.
 */
export function describeImportError(error: DatasetError): MessageParam {
  if (!has(enCommon.importErrors.codes, error.code)) return error.message;
  const params: Record<string, MessageParam> = { ...error.params };
  const separator = error.params['separator'];
  if (typeof separator === 'string' && has(enCommon.importErrors.separators, separator)) {
    params['separator'] = { key: `importErrors.separators.${separator}` };
  }
  const reason: Message = { key: `importErrors.codes.${error.code}`, params };
  if (error.line !== undefined) return { key: 'importErrors.atLine', params: { line: error.line, reason } };
  const item = error.params['item'];
  if (item !== undefined) return { key: 'importErrors.atItem', params: { item, reason } };
  return reason;
}
