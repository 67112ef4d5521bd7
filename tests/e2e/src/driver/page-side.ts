/**
 * The driver's half that runs inside the page. esbuild bundles this file
 * (with dom-accessibility-api) into one script, which the driver evaluates
 * over the browser's protocol (CDP or WebDriver BiDi): protocol evaluation is
 * not subject to the page's Content-Security-Policy, a <script> tag would be.
 * The script defines one non-enumerable global, `__nnE2E`.
 *
 * Everything a locator means is computed here, with the same code in every
 * browser: which elements a chain of steps selects (CSS, test ids, ARIA roles
 * and accessible names, text, labels, filters, nth), whether an element is
 * visible, enabled and ready for the pointer, and the few actions that are
 * DOM operations rather than input (selecting an option, setting files).
 */
import { computeAccessibleName, getRole, isInaccessible } from 'dom-accessibility-api';

/** How a string is matched; RegExps travel as source and flags. */
export type TextMatcher = { kind: 'string'; value: string; exact: boolean } | { kind: 'regex'; source: string; flags: string };

/** One step of a locator, applied to the elements the previous steps selected. */
export type Step =
  | { kind: 'css'; selector: string }
  | { kind: 'role'; role: string; name?: TextMatcher; includeHidden: boolean }
  | { kind: 'text'; text: TextMatcher }
  | { kind: 'label'; text: TextMatcher }
  | { kind: 'hasText'; text: TextMatcher }
  | { kind: 'nth'; index: number };

/** What an action needs from its element before the driver sends input. */
export interface ActionCheck {
  /** Must be visible (non-empty box, not visibility:hidden, rendered). */
  visible: boolean;
  /** Must not be disabled (natively, by a disabled fieldset, or aria-disabled). */
  enabled: boolean;
  /** Must accept typing (enabled and not read-only). */
  editable: boolean;
  /** Scroll it into view, wait until its box stays put for two frames, and return a point on it. */
  pointer: boolean;
  /** Check that the point's topmost element is the element (or inside it). */
  hitTest: boolean;
  /** A point relative to the element's top-left corner instead of its visible centre. */
  position?: { x: number; y: number };
  /** How many checks came before this one (later ones scroll differently when something covers the element). */
  attempt?: number;
  /** When ready, watch the input that follows: see armTarget(). */
  guard?: boolean;
}

/** Alignments tried in turn when something covers the element (inside a scrolling box, under a sticky bar...). */
const ALIGNMENTS: ScrollIntoViewOptions[] = [
  { block: 'center', inline: 'center' },
  { block: 'end', inline: 'end' },
  { block: 'start', inline: 'start' },
  { block: 'nearest', inline: 'nearest' },
];

export type Readiness =
  | { state: 'ready'; x: number; y: number }
  | { state: 'waiting'; reason: string }
  | { state: 'failed'; message: string };

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim();

export function matches(matcher: TextMatcher, text: string): boolean {
  const actual = normalize(text);
  if (matcher.kind === 'regex') return new RegExp(matcher.source, matcher.flags).test(actual);
  const wanted = normalize(matcher.value);
  return matcher.exact ? actual === wanted : actual.toLowerCase().includes(wanted.toLowerCase());
}

/** A short description of an element for error messages. */
export function describe(element: Element): string {
  const id = element.id ? `#${element.id}` : '';
  const testId = element.getAttribute('data-testid');
  const classes = typeof element.className === 'string' && element.className.trim() !== '' ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
  const text = normalize(element.textContent ?? '').slice(0, 40);
  return `<${element.localName}${id}${classes}${testId ? ` data-testid="${testId}"` : ''}>${text ? ` "${text}"` : ''}`;
}

/** Text of an element as getByText sees it (an input button's text is its value). */
function elementText(element: Element): string {
  if (element instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(element.type)) return element.value;
  return element.textContent ?? '';
}

const SKIPPED_FOR_TEXT = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link']);

/** Descendants of `root` (not `root` itself), in document order. */
function descendants(root: Element | Document): Element[] {
  return [...root.querySelectorAll('*')];
}

/** Inside a closed <details> (and not its summary): not rendered, not in the accessibility tree. */
function inClosedDetails(element: Element): boolean {
  for (let e: Element | null = element; e; e = e.parentElement) {
    const parent: HTMLElement | null = e.parentElement;
    if (parent instanceof HTMLDetailsElement && !parent.open && e !== parent.querySelector(':scope > summary')) return true;
  }
  return false;
}

function hiddenForAria(element: Element): boolean {
  return isInaccessible(element) || inClosedDetails(element);
}

/** The label texts of an element: aria-labelledby, aria-label and <label>s. */
function labelTexts(element: Element): string[] {
  const out: string[] = [];
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    const text = labelledBy
      .split(/\s+/)
      .map((id) => element.ownerDocument.getElementById(id)?.textContent ?? '')
      .join(' ');
    out.push(text);
  }
  const ariaLabel = element.getAttribute('aria-label');
  if (ariaLabel) out.push(ariaLabel);
  const labels = (element as HTMLInputElement).labels;
  if (labels) for (const label of labels) out.push(label.textContent ?? '');
  return out;
}

function unique(elements: Element[]): Element[] {
  const seen = new Set<Element>();
  const out: Element[] = [];
  for (const element of elements) {
    if (!seen.has(element)) {
      seen.add(element);
      out.push(element);
    }
  }
  // Keep document order across roots.
  return out.sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

function applyStep(current: (Element | Document)[], step: Step): Element[] {
  switch (step.kind) {
    case 'css':
      return unique(current.flatMap((root) => [...root.querySelectorAll(step.selector)]));
    case 'role':
      return unique(
        current.flatMap((root) =>
          descendants(root).filter(
            (element) =>
              getRole(element) === step.role &&
              (step.includeHidden || !hiddenForAria(element)) &&
              (step.name === undefined || matches(step.name, computeAccessibleName(element))),
          ),
        ),
      );
    case 'text':
      return unique(
        current.flatMap((root) =>
          descendants(root).filter((element) => {
            if (SKIPPED_FOR_TEXT.has(element.localName) || element.closest('head')) return false;
            if (!matches(step.text, elementText(element))) return false;
            // The innermost elements that hold the text, not every ancestor.
            for (const child of element.children) {
              if (!SKIPPED_FOR_TEXT.has(child.localName) && matches(step.text, elementText(child))) return false;
            }
            return true;
          }),
        ),
      );
    case 'label':
      return unique(current.flatMap((root) => descendants(root).filter((element) => labelTexts(element).some((text) => matches(step.text, text)))));
    case 'hasText':
      return current.filter((element): element is Element => element instanceof Element && matches(step.text, element.textContent ?? ''));
    case 'nth': {
      const elements = current.filter((element): element is Element => element instanceof Element);
      const element = step.index < 0 ? elements[elements.length + step.index] : elements[step.index];
      return element ? [element] : [];
    }
  }
}

/** Every element the steps select, in document order. */
export function resolve(steps: readonly Step[]): Element[] {
  let current: (Element | Document)[] = [document];
  for (const step of steps) current = applyStep(current, step);
  return current.filter((element): element is Element => element instanceof Element);
}

/** Visible as Playwright defines it: rendered, not visibility:hidden, a box of some size. */
export function isVisible(element: Element): boolean {
  if (!element.isConnected) return false;
  const style = getComputedStyle(element);
  if (style.display === 'contents') {
    return [...element.children].some(isVisible);
  }
  if (typeof element.checkVisibility === 'function' && !element.checkVisibility()) return false;
  if (style.visibility !== 'visible') return false;
  const box = element.getBoundingClientRect();
  return box.width > 0 && box.height > 0;
}

export function isDisabled(element: Element): boolean {
  if (element.matches(':disabled')) return true;
  for (let e: Element | null = element; e; e = e.parentElement) {
    if (e.getAttribute('aria-disabled') === 'true') return true;
  }
  return false;
}

function isReadOnly(element: Element): boolean {
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) return element.readOnly;
  return element.getAttribute('aria-readonly') === 'true';
}

export function isChecked(element: Element): boolean {
  if (element instanceof HTMLInputElement && (element.type === 'checkbox' || element.type === 'radio')) return element.checked;
  const aria = element.getAttribute('aria-checked');
  if (aria === 'true' || aria === 'false' || aria === 'mixed') return aria === 'true';
  throw new Error(`Not a checkbox or radio button: ${describe(element)}`);
}

function box(element: Element): Box {
  const r = element.getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height };
}

const sameBox = (a: Box, b: Box): boolean => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

/** Two animation frames, or a timeout when the page draws none (a hidden page). */
function twoFrames(): Promise<boolean> {
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), 2000);
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        clearTimeout(timer);
        done(true);
      }),
    );
  });
}

/** Does a pointer event at the point reach `element`? (A label reaches its control.) */
function receivesPointer(element: Element, hit: Element | null): boolean {
  if (!hit) return false;
  if (hit === element || element.contains(hit)) return true;
  const label = hit.closest('label');
  return label !== null && (label as HTMLLabelElement).control === element;
}

/**
 * One readiness check of the element for an action. The driver calls it
 * until it says 'ready' (or the action times out) and then sends the input.
 */
export async function ready(steps: readonly Step[], check: ActionCheck): Promise<Readiness> {
  const found = resolve(steps);
  if (found.length === 0) return { state: 'waiting', reason: 'no element matches the locator yet' };
  if (found.length > 1) {
    const list = found.slice(0, 5).map(describe).join(', ');
    return { state: 'failed', message: `strict mode: the locator matches ${found.length} elements (${list}${found.length > 5 ? ', …' : ''})` };
  }
  const element = found[0]!;
  if (check.visible && !isVisible(element)) return { state: 'waiting', reason: `${describe(element)} is not visible` };
  if ((check.enabled || check.editable) && isDisabled(element)) return { state: 'waiting', reason: `${describe(element)} is disabled` };
  if (check.editable && isReadOnly(element)) return { state: 'waiting', reason: `${describe(element)} is read-only` };
  if (!check.pointer) return { state: 'ready', x: NaN, y: NaN };

  const viewport = { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight };
  let before = box(element);
  const inside = before.x >= 0 && before.y >= 0 && before.x + before.width <= viewport.width && before.y + before.height <= viewport.height;
  if (!inside) {
    element.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
    before = box(element);
  }
  if (!(await twoFrames())) return { state: 'waiting', reason: 'the page draws no animation frames (is it hidden?)' };
  if (!element.isConnected) return { state: 'waiting', reason: `${describe(element)} was removed from the page` };
  const after = box(element);
  if (!sameBox(before, after)) return { state: 'waiting', reason: `${describe(element)} is still moving` };

  let x: number;
  let y: number;
  if (check.position) {
    x = after.x + check.position.x;
    y = after.y + check.position.y;
  } else {
    // The centre of the part of the box inside the viewport.
    const left = Math.max(after.x, 0);
    const top = Math.max(after.y, 0);
    const right = Math.min(after.x + after.width, viewport.width);
    const bottom = Math.min(after.y + after.height, viewport.height);
    if (right <= left || bottom <= top) return { state: 'waiting', reason: `${describe(element)} is outside the viewport` };
    x = (left + right) / 2;
    y = (top + bottom) / 2;
  }
  if (check.hitTest) {
    const hit = document.elementFromPoint(x, y);
    if (!receivesPointer(element, hit)) {
      // Hidden by a box that scrolls (or covered): scroll it differently and look again next time.
      element.scrollIntoView({ ...ALIGNMENTS[(check.attempt ?? 0) % ALIGNMENTS.length], behavior: 'instant' });
      return { state: 'waiting', reason: `${hit ? describe(hit) : 'nothing'} would receive the pointer at (${Math.round(x)}, ${Math.round(y)}), not ${describe(element)}` };
    }
  }
  if (check.guard) armTarget(element);
  return { state: 'ready', x, y };
}

/** The events of a click or a tap; the first one that arrives decides where the whole gesture went. */
const GUARDED_EVENTS = ['pointerdown', 'mousedown', 'touchstart', 'pointerup', 'mouseup', 'touchend', 'click'] as const;

let guard: { element: Element; verdict: 'none' | 'hit' | string; listener: (event: Event) => void } | undefined;

/**
 * Watches the pointer input the driver sends next: if the page moved between
 * the check and the input and the first event lands on another element,
 * that event and the rest of the gesture are stopped before the page sees
 * them, and disarmTarget() reports it, so the driver retries instead of
 * clicking something else.
 */
export function armTarget(element: Element): void {
  disarmTarget();
  const state = { element, verdict: 'none' as string, listener: (event: Event) => {} };
  state.listener = (event: Event): void => {
    if (state.verdict === 'none') {
      const target = event.composedPath()[0];
      state.verdict = target instanceof Element && receivesPointer(element, target) ? 'hit' : `${target instanceof Element ? describe(target) : 'the document'} got the ${event.type}, not ${describe(element)}`;
    }
    if (state.verdict !== 'hit') {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  };
  for (const type of GUARDED_EVENTS) window.addEventListener(type, state.listener, { capture: true });
  guard = state;
}

/** Stops watching; says where the input went ('hit', 'none' when no event came, or what got it instead). */
export function disarmTarget(): string {
  if (!guard) return 'none';
  for (const type of GUARDED_EVENTS) window.removeEventListener(type, guard.listener, { capture: true });
  const verdict = guard.verdict;
  guard = undefined;
  return verdict;
}

/** The single element of a locator, or a reason to wait (strict: more than one fails). */
function single(steps: readonly Step[]): Element {
  const found = resolve(steps);
  if (found.length === 0) throw new Error('no element matches the locator');
  if (found.length > 1) throw new Error(`strict mode: the locator matches ${found.length} elements (${found.slice(0, 5).map(describe).join(', ')})`);
  return found[0]!;
}

const SET_VALUE_TYPES = new Set(['color', 'date', 'time', 'datetime-local', 'month', 'range', 'week']);

/**
 * Prepares `fill`: inputs such as sliders get the value set and the input and
 * change events a user's drag would fire ('done'); text fields are focused
 * with their text selected, for the driver to type over ('type').
 */
export function fillStart(steps: readonly Step[], value: string): 'done' | 'type' {
  const element = single(steps);
  if (element instanceof HTMLInputElement && SET_VALUE_TYPES.has(element.type)) {
    element.focus();
    element.value = value;
    if (element.value !== value) throw new Error(`"${value}" is not a valid value for ${describe(element)}`);
    element.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    element.dispatchEvent(new Event('change', { bubbles: true }));
    return 'done';
  }
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
    element.focus();
    element.select();
    return 'type';
  }
  if (element instanceof HTMLElement && element.isContentEditable) {
    element.focus();
    const range = document.createRange();
    range.selectNodeContents(element);
    const selection = getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    return 'type';
  }
  throw new Error(`${describe(element)} is not an <input>, <textarea> or contenteditable element`);
}

/** Selects the options whose value or label is one of `values`, with the events a user's choice fires. */
export function selectOption(steps: readonly Step[], values: readonly string[]): string[] {
  const element = single(steps);
  if (!(element instanceof HTMLSelectElement)) throw new Error(`${describe(element)} is not a <select>`);
  const options = [...element.options];
  const chosen = values.map((value) => {
    const option = options.find((o) => o.value === value) ?? options.find((o) => normalize(o.label) === normalize(value));
    if (!option) throw new Error(`${describe(element)} has no option "${value}" (it has ${options.map((o) => o.value).join(', ')})`);
    return option;
  });
  if (!element.multiple && chosen.length > 1) throw new Error(`${describe(element)} takes one option`);
  for (const option of options) option.selected = chosen.includes(option);
  element.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  element.dispatchEvent(new Event('change', { bubbles: true }));
  return chosen.map((o) => o.value);
}

export interface FilePayload {
  name: string;
  mimeType: string;
  /** The bytes, base64. */
  base64: string;
}

/** Puts files into an <input type=file> and fires the events a file chooser would. */
export function setInputFiles(steps: readonly Step[], files: readonly FilePayload[]): void {
  const element = single(steps);
  if (!(element instanceof HTMLInputElement) || element.type !== 'file') throw new Error(`${describe(element)} is not an <input type=file>`);
  const transfer = new DataTransfer();
  for (const file of files) {
    const binary = atob(file.base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    transfer.items.add(new File([bytes], file.name, { type: file.mimeType }));
  }
  element.files = transfer.files;
  element.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  element.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Facts about one element (strict), for the driver's getters. */
export function read(
  steps: readonly Step[],
  what: 'textContent' | 'inputValue' | 'isChecked' | 'isEnabled' | 'isEditable' | 'box' | 'focus' | 'blur',
  argument?: string,
): unknown {
  const element = single(steps);
  switch (what) {
    case 'textContent':
      return element.textContent;
    case 'inputValue':
      if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return element.value;
      throw new Error(`${describe(element)} is not an <input>, <textarea> or <select>`);
    case 'isChecked':
      return isChecked(element);
    case 'isEnabled':
      return !isDisabled(element);
    case 'isEditable':
      return !isDisabled(element) && !isReadOnly(element);
    case 'box':
      return isVisible(element) ? box(element) : null;
    case 'focus':
      (element as HTMLElement).focus();
      return document.activeElement === element;
    case 'blur':
      (element as HTMLElement).blur();
      return true;
  }
  void argument;
  return undefined;
}

/** An attribute of the single element (null when absent). */
export function attribute(steps: readonly Step[], name: string): string | null {
  return single(steps).getAttribute(name);
}

/** The visibility of the single element, false when there is none (strict when more). */
export function visible(steps: readonly Step[]): boolean {
  const found = resolve(steps);
  if (found.length > 1) throw new Error(`strict mode: the locator matches ${found.length} elements (${found.slice(0, 5).map(describe).join(', ')})`);
  return found.length === 1 && isVisible(found[0]!);
}

/** State for waitFor(): how many match and whether the first is visible. */
export function presence(steps: readonly Step[]): { count: number; visible: boolean } {
  const found = resolve(steps);
  return { count: found.length, visible: found.length > 0 && isVisible(found[0]!) };
}

export function count(steps: readonly Step[]): number {
  return resolve(steps).length;
}

export function textContents(steps: readonly Step[]): string[] {
  return resolve(steps).map((element) => element.textContent ?? '');
}

/** Waits for `frames` animation frames of the page (false when it stops drawing for 5 s). */
export function frames(count: number): Promise<boolean> {
  return new Promise((done) => {
    let left = count;
    let timer = 0;
    const arm = (): void => {
      clearTimeout(timer);
      timer = window.setTimeout(() => done(false), 5000);
    };
    const tick = (): void => {
      left--;
      if (left <= 0) {
        clearTimeout(timer);
        done(true);
      } else {
        arm();
        requestAnimationFrame(tick);
      }
    };
    arm();
    requestAnimationFrame(tick);
  });
}

export interface TextChanges {
  /** The element's text when watching started, and after the last change seen. */
  first: string;
  last: string;
  changes: number;
  /** Animation frames the page drew meanwhile. */
  frames: number;
}

/**
 * Watches the text of the element `selector` selects until it has changed
 * `changes` times (null when it stays the same for `idleMs`), counting the
 * page's animation frames meanwhile.
 */
export function textChanges(selector: string, changes: number, idleMs = 10_000): Promise<TextChanges | null> {
  const element = document.querySelector(selector);
  if (!element) throw new Error(`no element matches ${selector}`);
  const result: TextChanges = { first: element.textContent ?? '', last: element.textContent ?? '', changes: 0, frames: 0 };
  return new Promise((done) => {
    let running = true;
    let idle = 0;
    const finish = (value: TextChanges | null): void => {
      running = false;
      clearTimeout(idle);
      observer.disconnect();
      done(value);
    };
    const arm = (): void => {
      clearTimeout(idle);
      idle = window.setTimeout(() => finish(null), idleMs);
    };
    const observer = new MutationObserver(() => {
      const text = element.textContent ?? '';
      if (text === result.last) return;
      result.last = text;
      result.changes++;
      arm();
      if (result.changes >= changes) finish(result);
    });
    observer.observe(element, { childList: true, characterData: true, subtree: true });
    const frame = (): void => {
      if (!running) return;
      result.frames++;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    arm();
  });
}

export const api = {
  textChanges,
  disarmTarget,
  resolve,
  ready,
  fillStart,
  selectOption,
  setInputFiles,
  read,
  attribute,
  visible,
  presence,
  count,
  textContents,
  frames,
  describe,
};

export type PageSideApi = typeof api;

Object.defineProperty(globalThis, '__nnE2E', { value: api, configurable: true, enumerable: false, writable: false });
