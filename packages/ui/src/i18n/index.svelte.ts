/**
 * The apps' languages (English and Korean) on i18next, one set-up shared by
 * every app: `createI18n({ resources, storageKey })` at the top of the app's
 * own i18n module.
 *
 * - The language is, in order: the one the user picked before (stored in
 *   localStorage under the app's `storageKey`), else the first of the
 *   browser's preferred languages that the app has (so a Korean browser opens
 *   in Korean), else English.
 * - `t` reads a reactive copy of the current language, so every template that
 *   calls it redraws when the language changes.
 * - A key without a translation is recorded in `missingKeys` and on the page
 *   (`data-i18n-missing` on <html>), so tests can assert there is none.
 *
 * `t` is i18next's own `TFunction`: each app declares its resources in
 * i18next's `CustomTypeOptions` (as the playground's resources.ts does), and
 * keys are checked against them.
 */
import i18next, { type i18n, type Resource } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import type { Messages } from './messages.js';

/** The languages the apps speak. */
export type Language = 'en' | 'ko';

/** The languages in the order the switch shows them. */
export const LANGUAGES: readonly Language[] = ['ko', 'en'];

/** What each language is called in itself (the switch shows these). */
export const LANGUAGE_NAMES: Record<Language, string> = { ko: '한국어', en: 'English' };

export function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'ko';
}

/** An app's translations: per language, per namespace; English is the reference shape. */
export type AppResources = { readonly en: Readonly<Record<string, object>> } & { readonly [L in Language]: Readonly<Record<string, object>> };

export interface I18nOptions<R extends AppResources> {
  resources: R;
  /** Where the user's choice is remembered (one key per app). */
  storageKey: string;
  /** The namespace plain keys belong to (default 'common'). */
  defaultNamespace?: keyof R['en'] & string;
  /** Key of the page title in the default namespace (default 'app.title'); the document title follows the language. */
  titleKey?: string;
}

export interface I18n<R extends AppResources> {
  /** The i18next instance (for tests and for `t` with an explicit `lng`). */
  readonly instance: i18n;
  /** Translates a key (typed against the app's declared resources); redraws on a language change. */
  readonly t: i18n['t'];
  /** The current language (reactive). */
  readonly locale: { readonly current: Language };
  /** Switches the language and remembers the choice. */
  setLanguage(language: Language): void;
  /** Formats a number for the current language (grouping, fixed decimals). */
  formatNumber(value: number, options?: Intl.NumberFormatOptions): string;
  /**
   * A namespace's texts as structured data in the current language
   * (reactive), for content with lists and nested parts; single strings go
   * through `t`. English fills in for a language that lacks the namespace.
   */
  textsOf<N extends keyof R['en'] & string>(namespace: N): Messages<R['en'][N]>;
  /** Keys asked for that the current language lacks (should stay empty). */
  readonly missingKeys: string[];
  readonly storageKey: string;
}

/** The BCP 47 tag numbers are formatted with in `language`. */
export function numberLocale(language: Language): string {
  return language === 'ko' ? 'ko-KR' : 'en-US';
}

export function createI18n<R extends AppResources>(options: I18nOptions<R>): I18n<R> {
  const { resources, storageKey } = options;
  const defaultNS = options.defaultNamespace ?? 'common';
  const titleKey = options.titleKey ?? 'app.title';
  const instance = i18next.createInstance();
  const missingKeys: string[] = [];

  void instance.use(LanguageDetector).init({
    resources: resources as unknown as Resource,
    ns: Object.keys(resources.en),
    defaultNS,
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
      lookupLocalStorage: storageKey,
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
    document.title = (instance.t as unknown as (key: string, options: object) => string)(`${defaultNS}:${titleKey}`, {
      lng: language,
    });
  }
  applyToDocument(initial);

  const locale = {
    get current(): Language {
      return current;
    },
  };

  function setLanguage(language: Language): void {
    if (!isLanguage(language)) return;
    void instance.changeLanguage(language);
    current = language;
    try {
      localStorage.setItem(storageKey, language);
    } catch {
      // Storage may be blocked (private mode, file://); the switch still works for this visit.
    }
    applyToDocument(language);
  }

  const t = ((...args: unknown[]) => {
    void current;
    return (instance.t as unknown as (...a: unknown[]) => unknown)(...args);
  }) as unknown as i18n['t'];

  /** Formatters by locale and options: building one costs far more than formatting, and readouts format every frame. */
  const formatters = new Map<string, Intl.NumberFormat>();
  function formatNumber(value: number, format?: Intl.NumberFormatOptions): string {
    const locale = numberLocale(current);
    const key = `${locale} ${format === undefined ? '' : JSON.stringify(format)}`;
    let formatter = formatters.get(key);
    if (formatter === undefined) {
      formatter = new Intl.NumberFormat(locale, format);
      formatters.set(key, formatter);
    }
    return formatter.format(value);
  }

  function textsOf<N extends keyof R['en'] & string>(namespace: N): Messages<R['en'][N]> {
    const bundle = instance.getResourceBundle(current, namespace) as Messages<R['en'][N]> | undefined;
    return bundle ?? (resources.en[namespace] as Messages<R['en'][N]>);
  }

  return { instance, t, locale, setLanguage, formatNumber, textsOf, missingKeys, storageKey };
}
