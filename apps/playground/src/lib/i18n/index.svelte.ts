/**
 * The playground's languages (English and Korean): the apps' shared i18next
 * set-up (@nn/ui's createI18n) over the playground's resources.
 *
 * - The language is, in order: the one the user picked before (stored in
 *   localStorage), else the first of the browser's preferred languages that
 *   the app has (so a Korean browser opens in Korean), else English.
 * - `t` reads a reactive copy of the current language, so every template that
 *   calls it redraws when the language changes.
 * - A key without a translation is recorded in `missingKeys` and on the page
 *   (`data-i18n-missing` on <html>), so tests can assert there is none.
 */
import { createI18n } from '@nn/ui/i18n';
import { resources } from './resources.js';

export { LANGUAGES, LANGUAGE_NAMES } from '@nn/ui/i18n';
export { type Language } from './resources.js';

/** Where the user's choice is remembered. */
export const LANGUAGE_STORAGE_KEY = 'nn-playground.language';

const i18n = createI18n({ resources, storageKey: LANGUAGE_STORAGE_KEY });

/** Keys asked for that the current language lacks (should stay empty). */
export const missingKeys: string[] = i18n.missingKeys;

/** The current language (reactive). */
export const locale = i18n.locale;

/** Switches the language and remembers the choice. */
export const setLanguage = i18n.setLanguage;

/** Translates a key (typed against the English resources); redraws on a language change. */
export const t = i18n.t;

/** Formats a number for the current language (grouping, fixed decimals). */
export const formatNumber = i18n.formatNumber;

/**
 * A namespace's texts as structured data in the current language (reactive),
 * for content with lists and nested parts such as the lessons; single strings
 * go through `t`. English fills in for a language that lacks the namespace.
 */
export const textsOf = i18n.textsOf;
