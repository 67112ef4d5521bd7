/**
 * The app's languages (English and Korean) on i18next.
 *
 * - The language is, in order: the one the user picked before (stored in
 *   localStorage), else the first of the browser's preferred languages that
 *   the app has (so a Korean browser opens in Korean), else English.
 * - `t` reads a reactive copy of the current language, so every template that
 *   calls it redraws when the language changes.
 * - A key without a translation is recorded in `missingKeys` and on the page
 *   (`data-i18n-missing` on <html>), so tests can assert there is none.
 */
import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import type { Messages } from './messages.js';
import { resources, type Language } from './resources.js';

export { type Language } from './resources.js';

/** The languages the app speaks, in the order the switch shows them. */
export const LANGUAGES: readonly Language[] = ['ko', 'en'];

/** What each language is called in itself (the switch shows these). */
export const LANGUAGE_NAMES: Record<Language, string> = { ko: '한국어', en: 'English' };

/** Where the user's choice is remembered. */
export const LANGUAGE_STORAGE_KEY = 'nn-playground.language';

const instance = i18next.createInstance();

/** Keys asked for that the current language lacks (should stay empty). */
export const missingKeys: string[] = [];

function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'ko';
}

void instance.use(LanguageDetector).init({
  resources,
  ns: Object.keys(resources.en),
  defaultNS: 'common',
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  nonExplicitSupportedLngs: true,
  load: 'languageOnly',
  initAsync: false,
  returnNull: false,
  // Svelte escapes what it renders; escaping here too would show "&amp;".
  interpolation: { escapeValue: false },
  detection: {
    order: ['localStorage', 'navigator'],
    lookupLocalStorage: LANGUAGE_STORAGE_KEY,
    // Only an explicit choice is stored (see setLanguage), so a browser's
    // preference keeps working until the user picks a language here.
    caches: [],
  },
  saveMissing: true,
  missingKeyHandler: (languages, namespace, key) => {
    const name = `${languages.join(',')}:${namespace}:${key}`;
    if (missingKeys.includes(name)) return;
    missingKeys.push(name);
    if (typeof document !== 'undefined') document.documentElement.dataset.i18nMissing = missingKeys.join(' ');
  },
});

function resolved(): Language {
  const language = instance.resolvedLanguage ?? instance.language;
  return isLanguage(language) ? language : 'en';
}

const initial = resolved();
let current = $state<Language>(initial);

function applyToDocument(language: Language): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = language;
  document.title = instance.t('common:app.title', { lng: language });
}
applyToDocument(initial);

/** The current language (reactive). */
export const locale = {
  get current(): Language {
    return current;
  },
};

/** Switches the language and remembers the choice. */
export function setLanguage(language: Language): void {
  if (!isLanguage(language)) return;
  void instance.changeLanguage(language);
  current = language;
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage may be blocked (private mode, file://); the switch still works for this visit.
  }
  applyToDocument(language);
}

/** Translates a key (typed against the English resources); redraws on a language change. */
export const t = ((...args: unknown[]) => {
  void current;
  return (instance.t as unknown as (...a: unknown[]) => unknown)(...args);
}) as unknown as typeof instance.t;

/** Formats a number for the current language (grouping, fixed decimals). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(current === 'ko' ? 'ko-KR' : 'en-US', options).format(value);
}

type Namespaces = (typeof resources)['en'];

/**
 * A namespace's texts as structured data in the current language (reactive),
 * for content with lists and nested parts such as the lessons; single strings
 * go through `t`. English fills in for a language that lacks the namespace.
 */
export function textsOf<N extends keyof Namespaces>(namespace: N): Messages<Namespaces[N]> {
  const bundle = instance.getResourceBundle(current, namespace) as Messages<Namespaces[N]> | undefined;
  return bundle ?? (resources.en[namespace] as Messages<Namespaces[N]>);
}
