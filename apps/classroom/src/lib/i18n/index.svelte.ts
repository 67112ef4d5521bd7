/**
 * The classroom app's languages (English and Korean): the apps' shared
 * i18next set-up (@nn/ui's createI18n) over this app's resources, with its
 * own stored choice.
 */
import { createI18n } from '@nn/ui/i18n';
import { resources } from './resources.js';

export { type Language } from './resources.js';

/** Where the teacher's choice is remembered (the playground keeps its own). */
export const LANGUAGE_STORAGE_KEY = 'nn-classroom.language';

const i18n = createI18n({ resources, storageKey: LANGUAGE_STORAGE_KEY });

export const missingKeys: string[] = i18n.missingKeys;
/** The current language (reactive). */
export const locale = i18n.locale;
/** Switches the language and remembers the choice. */
export const setLanguage = i18n.setLanguage;
/** Translates a key (typed against the English resources); redraws on a language change. */
export const t = i18n.t;
/** Formats a number for the current language. */
export const formatNumber = i18n.formatNumber;
/** The i18next instance, for texts in a language other than the page's. */
export const i18nInstance = i18n.instance;
