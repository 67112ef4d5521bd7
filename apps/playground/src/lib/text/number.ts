/**
 * Reading a number a person typed into a field.
 *
 * Korean and English keyboards type a decimal point, but many people (and
 * many European keyboards' number pads) write a decimal comma, so "0,5" and
 * "0.5" both mean one half. A comma is always a decimal separator here, never
 * a thousands separator: "1,000" is 1, and "1,000.5" (two separators) is not
 * a number.
 *
 * Accepted: an optional sign (`+`, `-` or the typographic minus `−`), digits
 * with at most one decimal separator (`.` or `,`; "5." and ",5" are fine), and
 * an optional exponent ("1e-3", "2,5E2"), with blanks around it ignored.
 * Refused (the result is `undefined`, so the caller keeps its old value):
 * empty text, anything else in it (letters, spaces inside, "0x10", "1_000",
 * "Infinity", "NaN") and numbers too large to be finite ("1e999").
 */
const DECIMAL = /^[+\-\u2212]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$/;

/** The number `text` spells (decimal point or comma), or `undefined` if it spells none. */
export function parseDecimalInput(text: string): number | undefined {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return undefined;
  const value = Number(trimmed.replace(',', '.').replace('\u2212', '-'));
  return Number.isFinite(value) ? value : undefined;
}
