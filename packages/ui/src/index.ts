/**
 * @nn/ui: what the apps share for display.
 *
 * - i18n: `createI18n` (i18next with the browser's language, a reactive `t`,
 *   missing keys recorded on <html>), the `Messages` shape every translation
 *   satisfies, the guard against invalid browser language tags, and the
 *   language switch.
 * - Maps: TensorFlow Playground's colour scale, the heat map of a node's
 *   output over the input domain, and its colour key.
 * - The built sites' Content-Security-Policy (also '@nn/ui/csp' for Node).
 */
export {
  createI18n,
  isLanguage,
  numberLocale,
  LANGUAGES,
  LANGUAGE_NAMES,
  type AppResources,
  type I18n,
  type I18nOptions,
  type Language,
} from './i18n/index.svelte.js';
export type { Messages } from './i18n/messages.js';
export { FALLBACK_LANGUAGE, guardBrowserLanguage, isValidLanguageTag, validLanguages } from './i18n/browser-language.js';
export { default as LanguageSwitch } from './i18n/LanguageSwitch.svelte';
export { cssColor, writeColor, CLASS_COLORS, NEUTRAL_RGB, classCss } from './map/colors.js';
export { NEGATIVE_WORD, NEUTRAL_WORD, POSITIVE_WORD, fillColors, fillColorsSampled } from './map/colorTable.js';
export { default as HeatMap } from './map/HeatMap.svelte';
export { default as ColorLegend } from './map/ColorLegend.svelte';
export { SIGNED_SCALE, classWord, fillMap, mapsOf, type MapScale } from './map/classTable.js';
export { CONTENT_SECURITY_POLICY } from './csp.js';
