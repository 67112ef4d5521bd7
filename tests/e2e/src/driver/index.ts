/**
 * A small, typed, Playwright-like layer over puppeteer-core, so that one test
 * body drives Chromium (over CDP) and Firefox (over WebDriver BiDi) alike.
 *
 * - Browser -> Context (own storage, viewport, touch, locale, downloads) -> Page.
 * - Locators are lazy: a chain of steps (CSS, test id, role and accessible
 *   name, text, label, filter, nth) resolved inside the page each time it is
 *   used, by page-side.ts, so roles and names are computed by the same code
 *   in every browser.
 * - Actions wait until their element is attached, unique, visible, enabled,
 *   scrolled into view, still for two frames and the topmost element at the
 *   point the input goes to; getters wait until the element is attached.
 *   Every wait polls a condition and gives up after a timeout; none sleeps.
 *
 * Every page is its own window, so no page is a hidden background tab (whose
 * animation frames, and with them the playground's training, would stop).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Puppeteer from 'puppeteer-core';
import { pageSideSource } from './bundle.js';
import type { ActionCheck, Box, FilePayload, PageSideApi, Readiness, Step, TextMatcher } from './page-side.js';

export type BrowserName = 'chromium' | 'firefox';

/** How long an action or a wait may take before it fails (a limit for failures, not a pace). */
export const DEFAULT_TIMEOUT = 30_000;

/** Polling intervals while waiting for a condition (the last one repeats). */
const POLL_MS = [0, 20, 50, 100];

export interface ContextOptions {
  viewport?: { width: number; height: number };
  deviceScaleFactor?: number;
  /** Touch input: Chromium emulates a touch screen; Firefox has no such emulation over BiDi, but taps are real touch input in both. */
  hasTouch?: boolean;
  isMobile?: boolean;
  /** The browser's language (navigator.language and Accept-Language). */
  locale?: string;
  /** localStorage to start with, per origin (Playwright's storageState, without cookies). */
  storageState?: StorageState;
}

export interface StorageState {
  origins: { origin: string; localStorage: { name: string; value: string }[] }[];
}

export interface FileInput {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export interface Download {
  /** The file name the browser saved it under (the page's suggested name). */
  name: string;
  text: string;
}

/** Messages of protocol errors that mean "the document went away; ask the new one". */
const GONE =
  /context was destroyed|Cannot find context|not available in detached|Inspected target navigated|no such frame|no such handle|destroyed before|DiscardedBrowsingContext|page-side script is missing|Execution context is not available/i;

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** One look at a condition: its value, or why it is not there yet. */
type Poll<T> = { done: true; value: T } | { done: false; reason: string };
const got = <T>(value: T): Poll<T> => ({ done: true, value });
const notYet = (reason: string): Poll<never> => ({ done: false, reason });

/** Polls `attempt` until it returns a value, or throws after `timeout` ms with the last reason. */
async function until<T>(what: string, timeout: number, attempt: () => Promise<Poll<T>>): Promise<T> {
  const deadline = Date.now() + timeout;
  let reason = '';
  for (let k = 0; ; k++) {
    try {
      const result = await attempt();
      if (result.done) return result.value;
      reason = result.reason;
    } catch (error) {
      if (!(error instanceof Error) || !GONE.test(error.message)) throw error;
      reason = 'the page was navigating';
    }
    if (Date.now() >= deadline) throw new Error(`${what}: gave up after ${timeout} ms; ${reason}`);
    await sleep(POLL_MS[Math.min(k, POLL_MS.length - 1)]!);
  }
}

/** Playwright's key names where puppeteer's differ. */
function keyName(key: string): Puppeteer.KeyInput {
  if (key === 'Space') return ' ' as Puppeteer.KeyInput;
  if (key === 'ControlOrMeta') return (process.platform === 'darwin' ? 'Meta' : 'Control') as Puppeteer.KeyInput;
  return key as Puppeteer.KeyInput;
}

/** "Shift+Tab" -> ['Shift', 'Tab']; a lone "+" is a key. */
function splitCombo(combo: string): string[] {
  const parts = combo.split('+');
  const keys: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === '' && i + 1 < parts.length && parts[i + 1] === '') {
      keys.push('+');
      i++;
    } else if (parts[i] !== '') keys.push(parts[i]!);
  }
  return keys;
}

function matcher(text: string | RegExp, exact = false): TextMatcher {
  return text instanceof RegExp ? { kind: 'regex', source: text.source, flags: text.flags } : { kind: 'string', value: text, exact };
}

const show = (text: string | RegExp): string => (text instanceof RegExp ? String(text) : JSON.stringify(text));

export class Browser {
  /** The page that last received input (pages are activated before input). */
  active: Page | undefined;
  /** Contexts not closed yet (their download folders go with the browser). */
  readonly contexts = new Set<Context>();

  constructor(
    readonly name: BrowserName,
    readonly raw: Puppeteer.Browser,
  ) {}

  version(): Promise<string> {
    return this.raw.version();
  }

  async newContext(options: ContextOptions = {}): Promise<Context> {
    const downloads = mkdtempSync(join(tmpdir(), 'nn-e2e-downloads-'));
    const raw = await this.raw.createBrowserContext({ downloadBehavior: { policy: 'allow', downloadPath: downloads } });
    const context = new Context(this, raw, options, downloads);
    this.contexts.add(context);
    await context.seedStorage();
    return context;
  }

  /** A page in a context of its own, which closes with it. */
  async newPage(options: ContextOptions = {}): Promise<Page> {
    const context = await this.newContext(options);
    const page = await context.newPage();
    page.ownsContext = true;
    return page;
  }

  async close(): Promise<void> {
    try {
      await this.raw.close();
    } finally {
      for (const context of this.contexts) rmSync(context.downloads, { recursive: true, force: true });
      this.contexts.clear();
    }
  }
}

/** Reports Content-Security-Policy violations as console errors (Firefox does not log them over BiDi). */
const REPORT_CSP = `document.addEventListener('securitypolicyviolation', (event) => {
  console.error('Content Security Policy violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline code') + ' in ' + (event.sourceFile || event.documentURI));
}, true);`;

export class Context {
  readonly pages = new Set<Page>();
  private closed = false;

  constructor(
    readonly browser: Browser,
    readonly raw: Puppeteer.BrowserContext,
    readonly options: ContextOptions,
    /** Where this context's downloads land. */
    readonly downloads: string,
  ) {}

  async newPage(): Promise<Page> {
    const raw = await this.raw.newPage({ type: 'window' });
    raw.setDefaultTimeout(DEFAULT_TIMEOUT);
    raw.setDefaultNavigationTimeout(DEFAULT_TIMEOUT);
    const { viewport = { width: 1280, height: 720 }, deviceScaleFactor = 1, hasTouch = false, isMobile = false, locale } = this.options;
    await raw.setViewport({ ...viewport, deviceScaleFactor, hasTouch, isMobile });
    if (locale) await raw.emulateLocale(locale);
    await raw.evaluateOnNewDocument(REPORT_CSP);
    const page = new Page(this, raw);
    this.pages.add(page);
    raw.once('close', () => this.pages.delete(page));
    this.browser.active = page;
    return page;
  }

  /** Fills localStorage from options.storageState, from a page of that origin that runs no app code. */
  async seedStorage(): Promise<void> {
    for (const { origin, localStorage } of this.options.storageState?.origins ?? []) {
      const raw = await this.raw.newPage({ type: 'window' });
      try {
        // A static file of the site: the page gets the origin's storage without starting the app.
        await raw.goto(`${origin}/favicon.svg`);
        await raw.evaluate((entries) => {
          for (const { name, value } of entries) window.localStorage.setItem(name, value);
        }, localStorage);
      } finally {
        await raw.close();
      }
    }
  }

  /**
   * Lets pages of `origin` use the clipboard. Chromium takes permissions;
   * Firefox is launched with its pref for automated clipboard access
   * (dom.events.testing.asyncClipboard), as it has no clipboard permissions.
   */
  async grantPermissions(permissions: ('clipboard-read' | 'clipboard-write')[], { origin }: { origin: string }): Promise<void> {
    if (this.browser.name === 'chromium') {
      const names: Puppeteer.Permission[] = permissions.flatMap((p) =>
        p === 'clipboard-write' ? (['clipboard-write', 'clipboard-sanitized-write'] as const) : ([p] as const),
      );
      await this.raw.overridePermissions(origin, names);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.browser.contexts.delete(this);
    try {
      await this.raw.close();
    } finally {
      rmSync(this.downloads, { recursive: true, force: true });
    }
  }
}

export class Keyboard {
  constructor(private readonly page: Page) {}

  /** Presses a key or a combination such as "Shift+Tab" or "ControlOrMeta+a". */
  async press(combo: string): Promise<void> {
    await this.page.activate();
    const keys = splitCombo(combo).map(keyName);
    const last = keys.pop()!;
    const keyboard = this.page.raw.keyboard;
    for (const modifier of keys) await keyboard.down(modifier);
    await keyboard.press(last);
    for (const modifier of keys.reverse()) await keyboard.up(modifier);
  }

  async down(key: string): Promise<void> {
    await this.page.activate();
    await this.page.raw.keyboard.down(keyName(key));
  }

  async up(key: string): Promise<void> {
    await this.page.activate();
    await this.page.raw.keyboard.up(keyName(key));
  }

  /** Types text key by key. */
  async type(text: string): Promise<void> {
    await this.page.activate();
    await this.page.raw.keyboard.type(text);
  }
}

export class Mouse {
  constructor(private readonly page: Page) {}

  async move(x: number, y: number, options: { steps?: number } = {}): Promise<void> {
    await this.page.activate();
    await this.page.raw.mouse.move(x, y, options);
  }

  async click(x: number, y: number, options: { button?: Puppeteer.MouseButton; clickCount?: number; delay?: number } = {}): Promise<void> {
    await this.page.activate();
    await this.page.raw.mouse.click(x, y, { ...options, count: options.clickCount ?? 1 });
  }

  async down(): Promise<void> {
    await this.page.activate();
    await this.page.raw.mouse.down();
  }

  async up(): Promise<void> {
    await this.page.activate();
    await this.page.raw.mouse.up();
  }
}

export class Touchscreen {
  constructor(private readonly page: Page) {}

  /** A real touch (CDP touch events; BiDi pointer actions with pointerType "touch"). */
  async tap(x: number, y: number): Promise<void> {
    await this.page.activate();
    await this.page.raw.touchscreen.tap(x, y);
  }
}

type Api = PageSideApi;

export class Page {
  readonly keyboard = new Keyboard(this);
  readonly mouse = new Mouse(this);
  readonly touchscreen = new Touchscreen(this);
  /** Set for pages from Browser.newPage(): closing the page closes its context. */
  ownsContext = false;

  constructor(
    readonly context: Context,
    readonly raw: Puppeteer.Page,
  ) {}

  get browser(): Browser {
    return this.context.browser;
  }

  /** Brings this page's window to the front before input, when another page had it. */
  async activate(): Promise<void> {
    if (this.browser.active === this) return;
    await this.raw.bringToFront();
    this.browser.active = this;
  }

  /**
   * Calls a page-side function by name, injecting the page-side script first
   * when this document does not have it yet.
   */
  async call<K extends keyof Api>(name: K, ...args: Parameters<Api[K]>): Promise<Awaited<ReturnType<Api[K]>>> {
    for (let attempt = 0; ; attempt++) {
      const result = (await this.raw.evaluate(
        (fn: string, list: unknown[]) => {
          const api = (globalThis as Record<string, unknown>)['__nnE2E'] as Record<string, (...a: unknown[]) => unknown> | undefined;
          if (!api) return { missing: true };
          return Promise.resolve(api[fn]!(...list)).then((value) => ({ missing: false, value }));
        },
        name,
        args as unknown[],
      )) as { missing: boolean; value?: unknown };
      if (!result.missing) return result.value as Awaited<ReturnType<Api[K]>>;
      if (attempt > 0) throw new Error('the page-side script is missing after injecting it');
      await this.raw.evaluate(await pageSideSource());
    }
  }

  /** A handle to the elements the steps select (an array handle). */
  async handles(steps: readonly Step[]): Promise<Puppeteer.JSHandle<Element[]>> {
    if (!(await this.raw.evaluate(() => '__nnE2E' in globalThis))) await this.raw.evaluate(await pageSideSource());
    return this.raw.evaluateHandle((list: readonly Step[]) => {
      const api = (globalThis as Record<string, unknown>)['__nnE2E'] as { resolve(s: readonly Step[]): Element[] } | undefined;
      if (!api) throw new Error('the page-side script is missing');
      return api.resolve(list);
    }, steps);
  }

  // ---- navigation and page state

  async goto(url: string): Promise<void> {
    await this.raw.goto(url, { waitUntil: 'load' });
  }

  async reload(): Promise<void> {
    await this.raw.reload({ waitUntil: 'load' });
  }

  url(): string {
    return this.raw.url();
  }

  title(): Promise<string> {
    return this.raw.title();
  }

  /** Runs `fn` (or a string expression) in the page and returns its (awaited) value. */
  async evaluate<R, A = undefined>(fn: ((arg: A) => R | Promise<R>) | string, arg?: A): Promise<R> {
    if (typeof fn === 'string') return (await this.raw.evaluate(fn)) as R;
    return (await this.raw.evaluate(fn as (arg: unknown) => unknown, arg)) as R;
  }

  /** A script that runs in every document of this page before its own scripts. */
  async addInitScript<A>(fn: ((arg: A) => unknown) | string, arg?: A): Promise<void> {
    if (typeof fn === 'string') await this.raw.evaluateOnNewDocument(fn);
    else await this.raw.evaluateOnNewDocument(fn as (arg: unknown) => unknown, arg);
  }

  async setViewportSize(size: { width: number; height: number }): Promise<void> {
    const { deviceScaleFactor = 1, hasTouch = false, isMobile = false } = this.context.options;
    await this.raw.setViewport({ ...size, deviceScaleFactor, hasTouch, isMobile });
  }

  async screenshot(options: { path: string; fullPage?: boolean }): Promise<void> {
    await this.raw.screenshot({ path: options.path as `${string}.png`, fullPage: options.fullPage ?? false });
  }

  isClosed(): boolean {
    return this.raw.isClosed();
  }

  async close(): Promise<void> {
    if (!this.raw.isClosed()) await this.raw.close();
    if (this.browser.active === this) this.browser.active = undefined;
    if (this.ownsContext) await this.context.close();
  }

  // ---- waiting on the page's own clock

  /** Waits until the page has drawn `count` more animation frames. */
  async animationFrames(count: number): Promise<void> {
    if (!(await this.call('frames', count))) throw new Error(`the page drew no animation frame for 5 s while waiting for ${count} frames`);
  }

  // ---- downloads and the clipboard

  /**
   * Runs `action` (a click that starts a download) and returns the file the
   * browser saved, read from this context's download folder and then
   * removed (so the next download of the same name keeps its name).
   */
  async download(action: () => Promise<unknown>, timeout = DEFAULT_TIMEOUT): Promise<Download> {
    const folder = this.context.downloads;
    const before = new Set(readdirSync(folder));
    await action();
    const name = await until('download', timeout, async () => {
      const now = readdirSync(folder);
      // Chromium writes *.crdownload and Firefox *.part until the file is complete.
      if (now.some((file) => /\.(crdownload|part)$/.test(file))) return notYet('the download is in progress');
      const fresh = now.filter((file) => !before.has(file));
      if (fresh.length > 1) throw new Error(`expected one download, got ${fresh.join(', ')}`);
      return fresh.length === 1 ? got(fresh[0]!) : notYet('no file was downloaded');
    });
    const path = join(folder, name);
    const text = readFileSync(path, 'utf8');
    unlinkSync(path);
    return { name, text };
  }

  /** The text on the clipboard, read by the page (see Context.grantPermissions). */
  async clipboardText(): Promise<string> {
    await this.activate();
    return this.raw.evaluate(() => navigator.clipboard.readText());
  }

  // ---- locators

  locator(selector: string): Locator {
    return new Locator(this, [{ kind: 'css', selector }], `locator(${JSON.stringify(selector)})`);
  }

  getByTestId(id: string): Locator {
    return new Locator(this, [testIdStep(id)], `getByTestId(${JSON.stringify(id)})`);
  }

  getByRole(role: string, options: RoleOptions = {}): Locator {
    return new Locator(this, [roleStep(role, options)], roleDescription(role, options));
  }

  getByText(text: string | RegExp, options: { exact?: boolean } = {}): Locator {
    return new Locator(this, [{ kind: 'text', text: matcher(text, options.exact) }], `getByText(${show(text)})`);
  }

  getByLabel(text: string | RegExp, options: { exact?: boolean } = {}): Locator {
    return new Locator(this, [{ kind: 'label', text: matcher(text, options.exact) }], `getByLabel(${show(text)})`);
  }
}

export interface RoleOptions {
  name?: string | RegExp;
  exact?: boolean;
  includeHidden?: boolean;
}

const testIdStep = (id: string): Step => ({ kind: 'css', selector: `[data-testid=${JSON.stringify(id)}]` });

function roleStep(role: string, options: RoleOptions): Step {
  return {
    kind: 'role',
    role,
    includeHidden: options.includeHidden ?? false,
    ...(options.name === undefined ? {} : { name: matcher(options.name, options.exact) }),
  };
}

function roleDescription(role: string, options: RoleOptions): string {
  const parts = [options.name === undefined ? '' : `name: ${show(options.name)}`, options.exact ? 'exact: true' : ''].filter(Boolean);
  return `getByRole(${JSON.stringify(role)}${parts.length ? `, { ${parts.join(', ')} }` : ''})`;
}

const NO_CHECK: ActionCheck = { visible: false, enabled: false, editable: false, pointer: false, hitTest: false };
const POINTER: ActionCheck = { visible: true, enabled: true, editable: false, pointer: true, hitTest: true };

export interface ActionOptions {
  timeout?: number;
}

export interface ClickOptions extends ActionOptions {
  /** A point relative to the element's top-left corner (default: the centre of its visible part). */
  position?: { x: number; y: number };
  button?: Puppeteer.MouseButton;
  clickCount?: number;
  /** Milliseconds between mouse down and up (0, the default, sends them together). */
  delay?: number;
}

export class Locator {
  constructor(
    readonly page: Page,
    readonly steps: readonly Step[],
    readonly description: string,
  ) {}

  toString(): string {
    return this.description;
  }

  private chain(step: Step, description: string): Locator {
    return new Locator(this.page, [...this.steps, step], `${this.description}.${description}`);
  }

  // ---- narrowing

  locator(selector: string): Locator {
    return this.chain({ kind: 'css', selector }, `locator(${JSON.stringify(selector)})`);
  }

  getByTestId(id: string): Locator {
    return this.chain(testIdStep(id), `getByTestId(${JSON.stringify(id)})`);
  }

  getByRole(role: string, options: RoleOptions = {}): Locator {
    return this.chain(roleStep(role, options), roleDescription(role, options));
  }

  getByText(text: string | RegExp, options: { exact?: boolean } = {}): Locator {
    return this.chain({ kind: 'text', text: matcher(text, options.exact) }, `getByText(${show(text)})`);
  }

  getByLabel(text: string | RegExp, options: { exact?: boolean } = {}): Locator {
    return this.chain({ kind: 'label', text: matcher(text, options.exact) }, `getByLabel(${show(text)})`);
  }

  /** Keeps the elements whose text contains `hasText` (case-insensitive) or matches it. */
  filter(options: { hasText: string | RegExp }): Locator {
    return this.chain({ kind: 'hasText', text: matcher(options.hasText) }, `filter({ hasText: ${show(options.hasText)} })`);
  }

  nth(index: number): Locator {
    return this.chain({ kind: 'nth', index }, `nth(${index})`);
  }

  first(): Locator {
    return this.nth(0);
  }

  last(): Locator {
    return this.nth(-1);
  }

  // ---- reading (no waiting for several, waiting for one to be attached)

  count(): Promise<number> {
    return this.page.call('count', this.steps);
  }

  /** One locator per element matched now. */
  async all(): Promise<Locator[]> {
    const n = await this.count();
    return Array.from({ length: n }, (_, i) => this.nth(i));
  }

  allTextContents(): Promise<string[]> {
    return this.page.call('textContents', this.steps);
  }

  /** Calls a page-side reader once the element is attached (strict: exactly one). */
  private attached<T>(what: string, read: () => Promise<T>, timeout = DEFAULT_TIMEOUT): Promise<T> {
    return until(`${this.description}.${what}`, timeout, async () => {
      try {
        return got(await read());
      } catch (error) {
        if (error instanceof Error && error.message.includes('no element matches the locator')) return notYet('no element matches the locator yet');
        throw error;
      }
    });
  }

  textContent(): Promise<string | null> {
    return this.attached('textContent', () => this.page.call('read', this.steps, 'textContent') as Promise<string | null>);
  }

  getAttribute(name: string): Promise<string | null> {
    return this.attached('getAttribute', () => this.page.call('attribute', this.steps, name));
  }

  inputValue(): Promise<string> {
    return this.attached('inputValue', () => this.page.call('read', this.steps, 'inputValue') as Promise<string>);
  }

  isChecked(): Promise<boolean> {
    return this.attached('isChecked', () => this.page.call('read', this.steps, 'isChecked') as Promise<boolean>);
  }

  isEnabled(): Promise<boolean> {
    return this.attached('isEnabled', () => this.page.call('read', this.steps, 'isEnabled') as Promise<boolean>);
  }

  async isDisabled(): Promise<boolean> {
    return !(await this.isEnabled());
  }

  isEditable(): Promise<boolean> {
    return this.attached('isEditable', () => this.page.call('read', this.steps, 'isEditable') as Promise<boolean>);
  }

  /** Visible now (false when nothing matches); does not wait. */
  isVisible(): Promise<boolean> {
    return this.page.call('visible', this.steps);
  }

  /** The element's box in viewport pixels, or null when it is not visible. */
  boundingBox(): Promise<Box | null> {
    return this.attached('boundingBox', () => this.page.call('read', this.steps, 'box') as Promise<Box | null>);
  }

  /** Runs `fn` in the page with the (single) element. */
  async evaluate<R, A = undefined>(fn: (element: Element, arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    const handle = await this.elementHandle();
    try {
      return (await handle.evaluate(fn as (element: Element, arg: unknown) => unknown, arg)) as R;
    } finally {
      await handle.dispose();
    }
  }

  /** Runs `fn` in the page with every matched element (no waiting). */
  async evaluateAll<R, A = undefined>(fn: (elements: Element[], arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    const handle = await until(`${this.description}.evaluateAll`, DEFAULT_TIMEOUT, async () => got(await this.page.handles(this.steps)));
    try {
      return (await handle.evaluate(fn as (elements: Element[], arg: unknown) => unknown, arg)) as R;
    } finally {
      await handle.dispose();
    }
  }

  /** A handle to the single element, once it is attached. */
  async elementHandle(timeout = DEFAULT_TIMEOUT): Promise<Puppeteer.ElementHandle<Element>> {
    return until(`${this.description}.elementHandle`, timeout, async () => {
      const list = await this.page.handles(this.steps);
      try {
        const n = await list.evaluate((elements) => elements.length);
        if (n === 0) return notYet('no element matches the locator yet');
        if (n > 1) throw new Error(`${this.description}: strict mode: the locator matches ${n} elements`);
        const element = (await list.evaluateHandle((elements) => elements[0]!)).asElement();
        if (!element) throw new Error(`${this.description} did not give an element`);
        return got(element as Puppeteer.ElementHandle<Element>);
      } finally {
        await list.dispose();
      }
    });
  }

  /** Waits until the element is attached / visible / hidden / detached (visible by default). */
  async waitFor(options: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number } = {}): Promise<void> {
    const { state = 'visible', timeout = DEFAULT_TIMEOUT } = options;
    await until(`${this.description}.waitFor(${state})`, timeout, async () => {
      const { count, visible } = await this.page.call('presence', this.steps);
      const ok =
        state === 'attached' ? count > 0 : state === 'detached' ? count === 0 : state === 'visible' ? visible : !visible;
      return ok ? got(true) : notYet(`${count} element(s) match${count > 0 ? (visible ? ', visible' : ', not visible') : ''}`);
    });
  }

  // ---- actions

  /** Waits until the element is ready for `check`; returns the point for pointer input. */
  private ready(action: string, check: ActionCheck, timeout = DEFAULT_TIMEOUT): Promise<{ x: number; y: number }> {
    let attempt = 0;
    return until(`${this.description}.${action}`, timeout, async () => {
      const r: Readiness = await this.page.call('ready', this.steps, { ...check, attempt: attempt++ });
      if (r.state === 'failed') throw new Error(`${this.description}.${action}: ${r.message}`);
      return r.state === 'ready' ? got({ x: r.x, y: r.y }) : notYet(r.reason);
    });
  }

  /**
   * Sends pointer input at the element's point, checking in the page that
   * the gesture's first event reached the element; when the page moved in
   * between and something else got it (the page never saw that input), tries again.
   */
  private async guarded(action: string, check: ActionCheck, timeout: number, send: (point: { x: number; y: number }) => Promise<void>): Promise<void> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const point = await this.ready(action, { ...check, guard: true }, Math.max(deadline - Date.now(), 0));
      await send(point);
      let verdict: string;
      try {
        verdict = await this.page.call('disarmTarget');
      } catch (error) {
        // The input navigated the page: it reached its element.
        if (error instanceof Error && GONE.test(error.message)) return;
        throw error;
      }
      if (verdict === 'hit' || verdict === 'none') return;
      if (Date.now() >= deadline) throw new Error(`${this.description}.${action}: ${verdict}`);
    }
  }

  async click(options: ClickOptions = {}): Promise<void> {
    const check = { ...POINTER, ...(options.position ? { position: options.position } : {}) };
    await this.guarded('click', check, options.timeout ?? DEFAULT_TIMEOUT, (point) =>
      this.page.mouse.click(point.x, point.y, {
        ...(options.button ? { button: options.button } : {}),
        ...(options.clickCount ? { clickCount: options.clickCount } : {}),
        ...(options.delay ? { delay: options.delay } : {}),
      }),
    );
  }

  async hover(options: ActionOptions & { position?: { x: number; y: number } } = {}): Promise<void> {
    const point = await this.ready('hover', { ...POINTER, enabled: false, ...(options.position ? { position: options.position } : {}) }, options.timeout);
    await this.page.mouse.move(point.x, point.y);
  }

  async tap(options: ActionOptions = {}): Promise<void> {
    await this.guarded('tap', POINTER, options.timeout ?? DEFAULT_TIMEOUT, (point) => this.page.touchscreen.tap(point.x, point.y));
  }

  /** Scrolls the element into view (once it is visible and still). */
  async scrollIntoViewIfNeeded(options: ActionOptions = {}): Promise<void> {
    await this.ready('scrollIntoViewIfNeeded', { ...POINTER, enabled: false, hitTest: false }, options.timeout);
  }

  async focus(options: ActionOptions = {}): Promise<void> {
    await this.attached('focus', () => this.page.call('read', this.steps, 'focus'), options.timeout);
  }

  async blur(options: ActionOptions = {}): Promise<void> {
    await this.attached('blur', () => this.page.call('read', this.steps, 'blur'), options.timeout);
  }

  /** Focuses the element and presses a key or combination ("Enter", "Shift+Tab", "ControlOrMeta+a"). */
  async press(key: string, options: ActionOptions = {}): Promise<void> {
    await this.focus(options);
    await this.page.keyboard.press(key);
  }

  /**
   * Focuses the element and types `text` one key at a time; `between` runs
   * after every key but the last (e.g. to let the page draw some frames, as
   * a person's pauses between keys would).
   */
  async pressSequentially(text: string, options: ActionOptions & { between?: () => Promise<void> } = {}): Promise<void> {
    await this.focus(options);
    const keys = [...text];
    for (let i = 0; i < keys.length; i++) {
      await this.page.keyboard.press(keys[i]!);
      if (options.between && i < keys.length - 1) await options.between();
    }
  }

  /**
   * Replaces the value: text fields are focused, their text selected and the
   * value typed over it (key by key: real input events in every browser);
   * sliders and other picker inputs get the value with input and change
   * events, as Playwright's fill does.
   */
  async fill(value: string, options: ActionOptions = {}): Promise<void> {
    await this.ready('fill', { ...NO_CHECK, visible: true, enabled: true, editable: true }, options.timeout);
    await this.page.activate();
    const how = await this.page.call('fillStart', this.steps, value);
    if (how === 'done') return;
    if (value === '') await this.page.keyboard.press('Delete');
    else await this.page.keyboard.type(value);
  }

  async setChecked(checked: boolean, options: ActionOptions = {}): Promise<void> {
    await this.ready(checked ? 'check' : 'uncheck', { ...NO_CHECK, visible: true }, options.timeout);
    if ((await this.isChecked()) === checked) return;
    await this.click(options);
    if ((await this.isChecked()) !== checked) throw new Error(`${this.description}: clicking did not ${checked ? 'check' : 'uncheck'} it`);
  }

  check(options: ActionOptions = {}): Promise<void> {
    return this.setChecked(true, options);
  }

  uncheck(options: ActionOptions = {}): Promise<void> {
    return this.setChecked(false, options);
  }

  /** Chooses options by value or label, firing input and change as a user's choice does. */
  async selectOption(values: string | string[], options: ActionOptions = {}): Promise<string[]> {
    await this.ready('selectOption', { ...NO_CHECK, visible: true, enabled: true }, options.timeout);
    return this.page.call('selectOption', this.steps, Array.isArray(values) ? values : [values]);
  }

  /** Puts files into an <input type=file> (from memory; no file chooser). */
  async setInputFiles(files: FileInput | FileInput[], options: ActionOptions = {}): Promise<void> {
    await this.ready('setInputFiles', NO_CHECK, options.timeout);
    const payload: FilePayload[] = (Array.isArray(files) ? files : [files]).map((file) => ({
      name: file.name,
      mimeType: file.mimeType,
      base64: file.buffer.toString('base64'),
    }));
    await this.page.call('setInputFiles', this.steps, payload);
  }

  /** A screenshot of the element alone. */
  async screenshot(options: { path: string }): Promise<void> {
    await this.scrollIntoViewIfNeeded();
    const handle = await this.elementHandle();
    try {
      await handle.screenshot({ path: options.path as `${string}.png` });
    } finally {
      await handle.dispose();
    }
  }
}
