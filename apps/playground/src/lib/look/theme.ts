/**
 * The page's look as plain data: which themes there are, how "System" picks
 * one from the browser's preferences, and how a stored choice is read back.
 * No DOM here (lib/look/look.svelte.ts applies it to the page).
 */

/** What the Theme drop-down offers, in its order. */
export const THEME_CHOICES = ['system', 'light', 'dark', 'contrast'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** A theme the page can show: the value of `<html data-theme>` (app.css has one set of colours for each). */
export type Theme = Exclude<ThemeChoice, 'system'>;

/** Where the choices are remembered (localStorage). */
export const THEME_STORAGE_KEY = 'nn-playground.theme';
export const PROJECTOR_STORAGE_KEY = 'nn-playground.projector';

/** What the browser says about the reader's preferences (prefers-color-scheme, prefers-contrast). */
export interface SystemPreferences {
  dark: boolean;
  moreContrast: boolean;
}

/**
 * The theme to show for a choice: "System" is high contrast when the browser
 * asks for more contrast, else dark or light as its colour scheme says.
 */
export function resolveTheme(choice: ThemeChoice, system: SystemPreferences): Theme {
  if (choice !== 'system') return choice;
  if (system.moreContrast) return 'contrast';
  return system.dark ? 'dark' : 'light';
}

/** A stored choice, or "System" for anything else (nothing stored, an old or edited value). */
export function parseThemeChoice(stored: string | null | undefined): ThemeChoice {
  return (THEME_CHOICES as readonly string[]).includes(stored ?? '') ? (stored as ThemeChoice) : 'system';
}

/** The colours a canvas drawing takes from the theme (the loss charts' axes and curves). */
export interface ChartColors {
  /** Axis numbers and lines. */
  axis: string;
  /** Grid lines behind the curves. */
  grid: string;
  /** Tick marks. */
  tick: string;
  /** The training-loss curve (TF Playground: grey). */
  train: string;
  /** The test-loss curve (TF Playground: black on white). */
  test: string;
  /** A third curve beside the two data colours (the batch comparison). */
  third: string;
}

/** The custom property (app.css) behind each chart colour. */
export const CHART_COLOR_PROPERTIES: Readonly<Record<keyof ChartColors, string>> = {
  axis: '--chart-axis',
  grid: '--chart-grid',
  tick: '--chart-tick',
  train: '--chart-train',
  test: '--chart-test',
  third: '--chart-third',
};

/** The light theme's chart colours, for drawing before (or without) a page to read them from. */
export const LIGHT_CHART_COLORS: ChartColors = {
  axis: '#666',
  grid: '#eee',
  tick: '#ccc',
  train: '#a0a0a0',
  test: '#000',
  third: '#333',
};
