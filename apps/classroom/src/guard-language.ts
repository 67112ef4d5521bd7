/**
 * Imported first by the entry point: an invalid reported language tag (e.g.
 * "C" from WebKitGTK under a POSIX locale) is replaced by the valid ones, or
 * English, before anything formats with it.
 */
import { guardBrowserLanguage } from '@nn/ui/browser-language';

guardBrowserLanguage(typeof navigator === 'undefined' ? undefined : navigator);
