import { describe, expect, it } from 'vitest';
import { THEME_CHOICES, parseThemeChoice, resolveTheme } from '../src/lib/look/theme.js';

describe('the theme a choice shows', () => {
  it('shows a named theme whatever the browser prefers', () => {
    for (const dark of [false, true]) {
      for (const moreContrast of [false, true]) {
        expect(resolveTheme('light', { dark, moreContrast })).toBe('light');
        expect(resolveTheme('dark', { dark, moreContrast })).toBe('dark');
        expect(resolveTheme('contrast', { dark, moreContrast })).toBe('contrast');
      }
    }
  });

  it('follows the browser with System: its colour scheme, and high contrast when it asks for more contrast', () => {
    expect(resolveTheme('system', { dark: false, moreContrast: false })).toBe('light');
    expect(resolveTheme('system', { dark: true, moreContrast: false })).toBe('dark');
    expect(resolveTheme('system', { dark: false, moreContrast: true })).toBe('contrast');
    expect(resolveTheme('system', { dark: true, moreContrast: true })).toBe('contrast');
  });

  it('reads back every stored choice, and System for anything else', () => {
    for (const choice of THEME_CHOICES) expect(parseThemeChoice(choice)).toBe(choice);
    for (const odd of [null, undefined, '', 'Dark', 'sepia', 'system ']) expect(parseThemeChoice(odd)).toBe('system');
  });
});
