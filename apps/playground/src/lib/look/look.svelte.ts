/**
 * The reader's look preferences, applied to the page: the theme (System,
 * Light, Dark, High contrast) and projector mode, both remembered in
 * localStorage.
 *
 * - `<html data-theme>` is the theme shown (light, dark or contrast); with
 *   System it follows prefers-color-scheme (and prefers-contrast: more) as
 *   they change. app.css holds one set of colours per theme.
 * - `<html data-projector>` is present in projector mode (app.css: larger
 *   type and maps, developer figures hidden).
 * - `chartColors` are the theme's colours for canvas drawings (uPlot cannot
 *   read CSS variables), resolved to real colours, also under forced colours
 *   where the variables name system colours. It changes with the theme, so a
 *   chart that reads it redraws.
 */
import {
  CHART_COLOR_PROPERTIES,
  LIGHT_CHART_COLORS,
  PROJECTOR_STORAGE_KEY,
  THEME_STORAGE_KEY,
  parseThemeChoice,
  resolveTheme,
  type ChartColors,
  type Theme,
  type ThemeChoice,
} from './theme.js';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage blocked (file://, private mode): the choice holds for this visit.
  }
}

/** A media query's answer now and whenever it changes (false where there is no window). */
function watchMedia(query: string, changed: (matches: boolean) => void): boolean {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return false;
  const list = window.matchMedia(query);
  list.addEventListener('change', (event) => changed(event.matches));
  return list.matches;
}

/**
 * The chart colours of the theme now on the page: each custom property is set
 * as the colour of a probe element, so the browser resolves it (a system
 * colour such as CanvasText included) to what a canvas can use.
 */
function resolveChartColors(): ChartColors {
  if (typeof document === 'undefined' || !document.documentElement) return LIGHT_CHART_COLORS;
  const probe = document.createElement('span');
  probe.style.display = 'none';
  // Read the variable's colour itself, not the one forced colours would paint text in.
  probe.style.setProperty('forced-color-adjust', 'none');
  document.documentElement.appendChild(probe);
  try {
    const colors = { ...LIGHT_CHART_COLORS };
    for (const [name, property] of Object.entries(CHART_COLOR_PROPERTIES) as [keyof ChartColors, string][]) {
      probe.style.color = '';
      probe.style.color = `var(${property})`;
      const value = getComputedStyle(probe).color;
      if (value) colors[name] = value;
    }
    return colors;
  } finally {
    probe.remove();
  }
}

class Look {
  #choice = $state<ThemeChoice>(parseThemeChoice(read(THEME_STORAGE_KEY)));
  #projector = $state(read(PROJECTOR_STORAGE_KEY) === 'true');
  #system = $state({ dark: false, moreContrast: false });
  #forcedColors = $state(false);
  #chartColors = $state.raw<ChartColors>(LIGHT_CHART_COLORS);

  constructor() {
    this.#system = {
      dark: watchMedia('(prefers-color-scheme: dark)', (dark) => {
        this.#system = { ...this.#system, dark };
        this.#apply();
      }),
      moreContrast: watchMedia('(prefers-contrast: more)', (moreContrast) => {
        this.#system = { ...this.#system, moreContrast };
        this.#apply();
      }),
    };
    this.#forcedColors = watchMedia('(forced-colors: active)', (forced) => {
      this.#forcedColors = forced;
      this.#apply();
    });
    this.#apply();
  }

  /** What the reader picked in the Theme drop-down. */
  get choice(): ThemeChoice {
    return this.#choice;
  }

  /** The theme shown (System resolved). */
  get theme(): Theme {
    return resolveTheme(this.#choice, this.#system);
  }

  get projector(): boolean {
    return this.#projector;
  }

  /** Whether the browser paints with the system's colours (Windows contrast themes). */
  get forcedColors(): boolean {
    return this.#forcedColors;
  }

  /** The theme's colours for canvas drawings (changes with the theme). */
  get chartColors(): ChartColors {
    return this.#chartColors;
  }

  setTheme(choice: ThemeChoice): void {
    this.#choice = choice;
    write(THEME_STORAGE_KEY, choice);
    this.#apply();
  }

  setProjector(on: boolean): void {
    this.#projector = on;
    write(PROJECTOR_STORAGE_KEY, String(on));
    this.#apply();
  }

  #apply(): void {
    if (typeof document === 'undefined' || !document.documentElement) return;
    const root = document.documentElement;
    root.dataset.theme = this.theme;
    if (this.#projector) root.dataset.projector = '';
    else delete root.dataset.projector;
    const colors = resolveChartColors();
    const old = this.#chartColors;
    if ((Object.keys(colors) as (keyof ChartColors)[]).some((name) => colors[name] !== old[name])) {
      this.#chartColors = colors;
    }
  }
}

/** The page's one set of look preferences (applied as soon as this module loads). */
export const look = new Look();
