/**
 * Helpers for the page's look: themes, projector mode, print, and the
 * axe-core accessibility scan.
 *
 * axe-core's own script is evaluated in the page (as the driver evaluates
 * anything, so the page's Content-Security-Policy does not stand in the way)
 * and run on the whole document.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { Page } from './driver/index.js';
import enLook from '../../../apps/playground/src/lib/i18n/en/look.js';
import koLook from '../../../apps/playground/src/lib/i18n/ko/look.js';
import {
  PROJECTOR_STORAGE_KEY,
  THEME_STORAGE_KEY,
  type Theme,
  type ThemeChoice,
} from '../../../apps/playground/src/lib/look/theme.js';

export { PROJECTOR_STORAGE_KEY, THEME_STORAGE_KEY, type Theme, type ThemeChoice };

/** The look namespace's texts by language (the same objects the app is built from). */
export const LOOK_TEXTS = { en: enLook, ko: koLook } as const;

/** The themes the page can show. */
export const THEMES: readonly Theme[] = ['light', 'dark', 'contrast'];

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One rule axe-core found broken, with the elements that break it. */
export interface AxeProblem {
  rule: string;
  impact: string;
  help: string;
  /** CSS selectors of the first few elements, with what axe says is wrong. */
  nodes: string[];
}

/** The serious and critical violations axe-core finds on the page as it is now. */
export async function axeProblems(page: Page): Promise<AxeProblem[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    type Result = {
      id: string;
      impact?: string | null;
      help: string;
      nodes: { target: unknown[]; failureSummary?: string }[];
    };
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Result[] }> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        rule: v.id,
        impact: v.impact ?? '',
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
      }));
  });
}

/** Picks a theme in the Theme drop-down and waits until the page shows it. */
export async function chooseTheme(page: Page, choice: ThemeChoice, shown: Theme = choice as Theme): Promise<void> {
  await page.getByTestId('theme').selectOption(choice);
  await expect.poll(() => shownTheme(page)).toBe(shown);
}

/** The theme the page shows (`<html data-theme>`). */
export function shownTheme(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.documentElement.dataset.theme);
}

/** Colours the page is painted with now, as the browser computed them. */
export interface PageColours {
  page: string;
  ink: string;
  topBar: string;
  lessonText: string;
}

export function pageColours(page: Page): Promise<PageColours> {
  return page.evaluate(() => {
    const style = (selector: string): CSSStyleDeclaration => {
      const element = document.querySelector(selector);
      if (!element) throw new Error(`no ${selector} on the page`);
      return getComputedStyle(element);
    };
    return {
      page: getComputedStyle(document.documentElement).backgroundColor,
      ink: getComputedStyle(document.documentElement).color,
      topBar: style('.top-bar').backgroundColor,
      lessonText: style('[data-testid="lesson-panel"]').color,
    };
  });
}

/**
 * The live regions of the page (aria-live other than off, and the roles that
 * are live by default) that hold more than a sentence: lists, tables,
 * pictures or more than `maxChars` characters of text.
 */
export function chattyLiveRegions(page: Page, maxChars = 300): Promise<string[]> {
  return page.evaluate((limit) => {
    const live = document.querySelectorAll('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]');
    const found: string[] = [];
    for (const region of live) {
      const text = (region.textContent ?? '').replace(/\s+/g, ' ').trim();
      const parts = region.querySelectorAll('li, table, canvas, img, [role="img"], svg').length;
      if (parts > 0 || text.length > limit) {
        found.push(`${region.tagName.toLowerCase()}.${[...region.classList].join('.')} (${parts} list items, tables or pictures, ${text.length} characters)`);
      }
    }
    return found;
  }, maxChars);
}
