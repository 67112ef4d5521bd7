/**
 * Renders the page's messages with a plain i18next over the app's own
 * resources, in English and Korean, noting every key or value that was not
 * found: what the property tests use to check that a notice or an import
 * error is something the page can show in both languages.
 */
import i18next from 'i18next';
import { resources } from '../../src/lib/i18n/resources.js';
import { renderMessage, type Message, type MessageParam, type Translate } from '../../src/lib/panels/message.js';

export type Language = keyof typeof resources;
export const LANGUAGES = Object.keys(resources) as Language[];

export interface Rendered {
  /** The text in each language. */
  readonly text: Readonly<Record<Language, string>>;
  /** Keys and interpolations that were not found (empty when everything was). */
  readonly missing: readonly string[];
}

/** A renderer with its own i18next instance (the app's options that matter for texts). */
export async function createRenderer(): Promise<(message: MessageParam) => Rendered> {
  const missing: string[] = [];
  const instance = i18next.createInstance();
  await instance.init({
    resources,
    lng: 'en',
    fallbackLng: false,
    ns: Object.keys(resources.en),
    defaultNS: 'common',
    returnNull: false,
    interpolation: { escapeValue: false },
    saveMissing: true,
    missingKeyHandler: (languages, namespace, key) => missing.push(`${languages.join(',')}:${namespace}:${key}`),
    missingInterpolationHandler: (_text, match: RegExpExecArray) => {
      missing.push(`interpolation ${match[0]}`);
      return match[0];
    },
  });
  // Keys come from messages (typed there), so the untyped signature of t is enough here.
  const t = instance.t as unknown as (key: string, options: object) => string;
  return (message) => {
    missing.length = 0;
    const text = {} as Record<Language, string>;
    for (const language of LANGUAGES) {
      if (typeof message !== 'object') {
        text[language] = String(message);
        continue;
      }
      const translate: Translate = (key, options) => t(key, { ...options, lng: language });
      text[language] = renderMessage(message as Message, translate);
    }
    return { text, missing: [...missing] };
  };
}
