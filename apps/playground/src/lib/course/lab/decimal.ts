/**
 * Reading a number a person typed into a field: a local copy of
 * text/number.ts's `parseDecimalInput` (written at the same time on another
 * branch); once that is on main, the lab imports it from there and this file
 * goes.
 *
 * A comma is always a decimal separator here, never a thousands separator:
 * "0,5" and "0.5" are both one half, "1,000" is 1, and "1,000.5" (two
 * separators) is not a number. Accepted: an optional sign (`+`, `-` or the
 * typographic minus `−`), digits with at most one decimal separator (`.` or
 * `,`; "5." and ",5" are fine), and an optional exponent ("1e-3", "2,5E2"),
 * with blanks around it ignored. Refused (`undefined`): empty text, anything
 * else in it ("0x10", "1_000", "Infinity", "NaN") and numbers too large to
 * be finite ("1e999").
 */
const DECIMAL = /^[+\-\u2212]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$/;

/** The number `text` spells (decimal point or comma), or `undefined` if it spells none. */
export function parseDecimalInput(text: string): number | undefined {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return undefined;
  const value = Number(trimmed.replace(',', '.').replace('\u2212', '-'));
  return Number.isFinite(value) ? value : undefined;
}
