/**
 * One MiniBrowser window driven over classic W3C WebDriver (selenium-webdriver
 * as the client), with what the tests read and do on the playground.
 *
 * Classic WebDriver cannot read WebKit's console or hear page errors, so every
 * page this class opens gets a recorder of uncaught errors, unhandled
 * rejections, failed resource loads, Content-Security-Policy violations and
 * console.error calls, installed right after the navigation returns (the
 * earliest a classic client can run anything in a new document). What it
 * recorded is collected before each navigation and at the end of the test; an
 * error thrown before the recorder was in place stops the page from mounting,
 * which waitForSnapshot() catches.
 *
 * Functions sent to the page are plain functions without inner named helpers,
 * so they survive any transpiler that wraps named functions.
 */
import { writeFile } from 'node:fs/promises';
import { By, type WebDriver, type WebElement } from 'selenium-webdriver';
import { expect } from 'vitest';
import { canvasStatsInPage, parseHashText, type CanvasStats } from '@nn/e2e/src/shared.js';

export type { CanvasStats } from '@nn/e2e/src/shared.js';
/** The URL hash as key -> value (the last value of a repeated key). */
export { parseHashText as parseHash } from '@nn/e2e/src/shared.js';

/** What the page-side recorder keeps, on `window`. */
const RECORDER_KEY = '__webkitTestErrors';

/** "000,123" -> 123, "0.512" -> 0.512; NaN when there is no number. */
export function toNumber(text: string): number {
  const cleaned = text.replace(/,/g, '').trim();
  return cleaned === '' ? NaN : Number(cleaned);
}

export class WebKitPage {
  /** Everything the recorder caught in the documents this page has shown so far (collected). */
  readonly errors: string[] = [];

  constructor(readonly driver: WebDriver) {}

  // ---- navigation and the error recorder ----------------------------------

  /** Goes to `url`, then installs the error recorder in the new document. */
  async goto(url: string): Promise<void> {
    await this.collectErrors();
    await this.driver.get(url);
    await this.installRecorder();
  }

  /**
   * Installs the error recorder in the current document (once per document).
   * Returns the document's address.
   */
  async installRecorder(): Promise<string> {
    return this.driver.executeScript<string>(
      (key: string) => {
        const w = window as unknown as Record<string, unknown>;
        if (!Array.isArray(w[key])) {
          const errors: string[] = [];
          w[key] = errors;
          window.addEventListener(
            'error',
            (event) => {
              const target = event.target as Element | Window | null;
              if (target && target !== window && 'tagName' in target) {
                // A resource (script, stylesheet, image) that failed to load.
                const source = target.getAttribute('src') ?? target.getAttribute('href') ?? '';
                errors.push(`failed to load <${target.tagName.toLowerCase()}> ${source}`);
              } else {
                errors.push(`uncaught ${event.message} (${event.filename || '?'}:${event.lineno}:${event.colno})`);
              }
            },
            true,
          );
          window.addEventListener('unhandledrejection', (event) => {
            const reason: unknown = event.reason;
            errors.push(`unhandled rejection: ${reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)}`);
          });
          document.addEventListener('securitypolicyviolation', (event) => {
            errors.push(`Content Security Policy: ${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}`);
          });
          const original = console.error.bind(console);
          console.error = (...args: unknown[]) => {
            errors.push(`console.error: ${args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a))).join(' ')}`);
            original(...args);
          };
        }
        return location.href;
      },
      RECORDER_KEY,
    );
  }

  /** Moves what the current document's recorder caught into `errors`, and returns `errors`. */
  async collectErrors(): Promise<string[]> {
    let caught: string[] = [];
    try {
      caught = await this.driver.executeScript<string[]>((key: string) => {
        const w = window as unknown as Record<string, unknown>;
        const list = w[key];
        if (!Array.isArray(list)) return [];
        return list.splice(0, list.length) as string[];
      }, RECORDER_KEY);
    } catch {
      // No document yet (a new window) or it is going away: nothing to read.
    }
    this.errors.push(...caught);
    return this.errors;
  }

  async url(): Promise<string> {
    return this.driver.getCurrentUrl();
  }

  async hash(): Promise<Map<string, string>> {
    return parseHashText(new URL(await this.url()).hash);
  }

  async hashText(): Promise<string> {
    return new URL(await this.url()).hash.replace(/^#/, '');
  }

  // ---- finding things ------------------------------------------------------

  async byTestId(id: string): Promise<WebElement> {
    return this.driver.findElement(By.css(`[data-testid="${id}"]`));
  }

  async allByCss(selector: string): Promise<WebElement[]> {
    return this.driver.findElements(By.css(selector));
  }

  /**
   * The one displayed button whose accessible name (as WebKit computes it,
   * through WebDriver's Get Computed Label) is exactly `name`.
   */
  async button(name: string): Promise<WebElement> {
    const matches: WebElement[] = [];
    for (const candidate of await this.allByCss('button, [role="button"], input[type="button"], input[type="submit"]')) {
      if ((await candidate.getAccessibleName()) === name && (await candidate.isDisplayed())) matches.push(candidate);
    }
    if (matches.length !== 1) throw new Error(`expected one button named "${name}", found ${matches.length}`);
    return matches[0]!;
  }

  /** The text of the element with `data-testid=id` ("" when there is none). */
  async text(id: string): Promise<string> {
    return this.driver.executeScript<string>(
      (testId: string) => document.querySelector(`[data-testid="${testId}"]`)?.textContent ?? '',
      id,
    );
  }

  async number(id: string): Promise<number> {
    return toNumber(await this.text(id));
  }

  async epoch(): Promise<number> {
    return this.number('epoch');
  }

  async losses(): Promise<{ train: number; test: number }> {
    return { train: await this.number('train-loss'), test: await this.number('test-loss') };
  }

  /** The value of the form control with `data-testid=id` (select, input). */
  async value(id: string): Promise<string> {
    return this.driver.executeScript<string>(
      (testId: string) => (document.querySelector(`[data-testid="${testId}"]`) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '',
      id,
    );
  }

  /** An attribute of the element with `data-testid=id` (null when absent). */
  async attribute(id: string, name: string): Promise<string | null> {
    return this.driver.executeScript<string | null>(
      (testId: string, attribute: string) => document.querySelector(`[data-testid="${testId}"]`)?.getAttribute(attribute) ?? null,
      id,
      name,
    );
  }

  // ---- waiting on the page -------------------------------------------------

  /** Waits until the page shows the worker's first snapshot: a numeric training loss. */
  async waitForSnapshot(): Promise<void> {
    await expect
      .poll(() => this.number('train-loss'), { timeout: 60_000, message: 'the page never showed a snapshot (did it mount?)' })
      .not.toBeNaN();
  }

  /**
   * Resolves after the page has run `count` more animation frames. The
   * playground asks the worker for one frame of training per animation
   * frame, so this is how long "nothing happens" has to last to mean
   * something, on a machine of any speed.
   */
  async frames(count: number): Promise<void> {
    await this.driver.executeAsyncScript((n: number, done: () => void) => {
      void (async () => {
        for (let k = 0; k < n; k++) await new Promise((resolve) => requestAnimationFrame(resolve));
        done();
      })();
    }, count);
  }

  // ---- the run controls -----------------------------------------------------

  /** The Play/Pause button's current accessible name. */
  async playLabel(): Promise<string> {
    return (await this.byTestId('play')).getAccessibleName();
  }

  /** Presses Play (found by its name) and waits until the page says it is playing. */
  async play(): Promise<void> {
    await (await this.button('Play')).click();
    await expect.poll(() => this.playLabel(), { message: 'Play did not start training' }).toBe('Pause');
  }

  /** Presses Pause (found by its name) and waits until the page says it stopped. */
  async pause(): Promise<void> {
    await (await this.button('Pause')).click();
    await expect.poll(() => this.playLabel(), { message: 'Pause did not stop training' }).toBe('Play');
  }

  /** Presses Step (found by its name) and waits for the epoch to move by exactly one. */
  async step(): Promise<number> {
    const before = await this.epoch();
    await (await this.button('Step')).click();
    await expect.poll(() => this.epoch(), { message: 'Step did not train one epoch' }).toBe(before + 1);
    return before + 1;
  }

  // ---- pixels ----------------------------------------------------------------

  /** Looks at every pixel of a canvas (these canvases are small), with the function tests/e2e uses too. */
  async canvasStats(canvas: WebElement): Promise<CanvasStats> {
    return this.driver.executeScript<CanvasStats>(canvasStatsInPage, canvas);
  }

  async decisionMap(): Promise<CanvasStats> {
    return this.canvasStats(await this.byTestId('decision-map'));
  }

  /** The loss chart's canvas (uPlot draws axes, grid and lines on one canvas). */
  async lossChart(): Promise<CanvasStats> {
    return this.canvasStats(await this.driver.findElement(By.css('[data-testid="loss-chart"] canvas')));
  }

  /** Every node's map (hidden neurons and the output), in page order. */
  async nodeMaps(): Promise<CanvasStats[]> {
    const out: CanvasStats[] = [];
    for (const canvas of await this.allByCss('[data-testid^="node-"] canvas')) out.push(await this.canvasStats(canvas));
    return out;
  }

  /** Saves a PNG of the window's viewport. */
  async screenshot(path: string): Promise<void> {
    await writeFile(path, Buffer.from(await this.driver.takeScreenshot(), 'base64'));
  }
}
