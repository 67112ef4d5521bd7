import { describe, expect, it } from 'vitest';
import { FALLBACK_LANGUAGE, guardBrowserLanguage, isValidLanguageTag, validLanguages } from '../src/lib/i18n/browser-language.js';

describe('the languages the browser reports', () => {
  it('tells valid tags from invalid ones', () => {
    for (const tag of ['en', 'en-US', 'ko', 'ko-KR', 'zh-Hant-TW', 'de-CH-1996']) expect(isValidLanguageTag(tag), tag).toBe(true);
    for (const tag of ['C', '', ' ', 'en_US.UTF-8', 'x', '123', 'en--US', undefined, null, 7]) {
      expect(isValidLanguageTag(tag), String(tag)).toBe(false);
    }
  });

  it('keeps the valid ones in order and falls back to English when none is left', () => {
    expect(validLanguages('C', ['C'])).toEqual([FALLBACK_LANGUAGE]);
    expect(validLanguages('C', undefined)).toEqual(['en']);
    expect(validLanguages('C', ['C', 'ko-KR', 'en'])).toEqual(['ko-KR', 'en']);
    expect(validLanguages('ko', [])).toEqual(['ko']);
  });

  it('shadows an invalid navigator language so Intl formatting keeps working', () => {
    const nav = { language: 'C', languages: ['C'] as readonly string[] };
    expect(() => new Intl.NumberFormat(nav.language)).toThrow(RangeError);
    expect(guardBrowserLanguage(nav)).toBe(true);
    expect(nav.language).toBe('en');
    expect(nav.languages).toEqual(['en']);
    expect(() => new Intl.NumberFormat(nav.language).format(1234.5)).not.toThrow();
  });

  it('leaves a browser with valid languages alone', () => {
    const nav = { language: 'ko-KR', languages: ['ko-KR', 'en-US'] as readonly string[] };
    expect(guardBrowserLanguage(nav)).toBe(false);
    expect(nav.languages).toEqual(['ko-KR', 'en-US']);
    // A Korean browser with one broken entry keeps Korean first.
    const mixed = { language: 'ko-KR', languages: ['ko-KR', 'C'] as readonly string[] };
    expect(guardBrowserLanguage(mixed)).toBe(true);
    expect(mixed.languages).toEqual(['ko-KR']);
    expect(guardBrowserLanguage(undefined)).toBe(false);
  });
});
