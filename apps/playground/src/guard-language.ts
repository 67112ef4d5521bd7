/**
 * Imported first by each entry point, before any module that formats with the
 * browser's language when it loads: an invalid reported language tag (e.g.
 * "C" from WebKitGTK under a POSIX locale) is replaced by the valid ones, or
 * English (see lib/i18n/browser-language.ts).
 */
import { guardBrowserLanguage } from './lib/i18n/browser-language.js';

guardBrowserLanguage(typeof navigator === 'undefined' ? undefined : navigator);
