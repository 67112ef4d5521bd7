/** The guard against invalid language tags the browser reports, shared by the apps (see @nn/ui). */
export { FALLBACK_LANGUAGE, guardBrowserLanguage, isValidLanguageTag, validLanguages } from '@nn/ui/browser-language';
