/**
 * The languages the browser reports are input like any other. Under a POSIX
 * locale WebKitGTK reports `navigator.language` as "C", which is not a BCP 47
 * tag: `new Intl.NumberFormat("C")` throws a RangeError, and a library that
 * formats with the browser's language when it is imported (uPlot does) would
 * stop the page before it mounts. So the page checks the reported tags first
 * and, when one is not valid, shows the browser only the valid ones (English
 * when none is left).
 */

/** The language used when the browser reports none that is valid. */
export const FALLBACK_LANGUAGE = 'en';

/** True for a well-formed language tag that this browser's Intl accepts. */
export function isValidLanguageTag(tag: unknown): tag is string {
  if (typeof tag !== 'string' || tag.trim() === '') return false;
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/**
 * The browser's reported languages with every invalid tag dropped, in order;
 * `[FALLBACK_LANGUAGE]` when none is valid.
 */
export function validLanguages(language: unknown, languages: unknown): string[] {
  const reported = Array.isArray(languages) && languages.length > 0 ? languages : [language];
  const valid = reported.filter(isValidLanguageTag);
  return valid.length > 0 ? valid : [FALLBACK_LANGUAGE];
}

/**
 * When `nav` reports an invalid language, shadows its `language` and
 * `languages` on the object itself with the valid ones, so everything that
 * reads them later (i18next's detector, charting and number formatting)
 * sees a usable tag. Returns whether anything was replaced.
 */
export function guardBrowserLanguage(nav: Pick<Navigator, 'language' | 'languages'> | undefined): boolean {
  if (!nav) return false;
  let language: unknown;
  let languages: unknown;
  try {
    language = nav.language;
    languages = nav.languages;
  } catch {
    language = undefined;
    languages = undefined;
  }
  const reported = Array.isArray(languages) ? (languages as unknown[]) : [language];
  if (isValidLanguageTag(language) && reported.every(isValidLanguageTag)) return false;
  const valid = Object.freeze(validLanguages(language, languages));
  try {
    Object.defineProperty(nav, 'language', { configurable: true, get: () => valid[0] });
    Object.defineProperty(nav, 'languages', { configurable: true, get: () => valid });
    return true;
  } catch {
    return false;
  }
}
