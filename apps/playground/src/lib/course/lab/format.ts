/**
 * The lab's numbers as text and as LaTeX, in the page's language: 4
 * significant digits, or m × 10ⁿ when tiny or huge (a diverging weight
 * reaches 10⁴ and beyond).
 */
import { formatNumber } from '../../i18n/index.svelte.js';

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** Mantissa and exponent when a number is better written as m × 10^e, else just the number. */
function numberParts(x: number): { mantissa: string; exponent?: string } {
  if (Number.isNaN(x)) return { mantissa: '—' };
  if (!Number.isFinite(x)) return { mantissa: x > 0 ? '∞' : '-∞' };
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-4 || a >= 1e6)) {
    const [mantissa = '', exponent = ''] = formatNumber(x, {
      notation: 'scientific',
      maximumFractionDigits: 2,
    }).split('E');
    return { mantissa, exponent };
  }
  return { mantissa: formatNumber(x, { maximumSignificantDigits: 4 }) };
}

/** A number as text: 4 significant digits, or 1.23×10⁻⁵ when tiny or huge. */
export function fmt(x: number): string {
  const { mantissa, exponent } = numberParts(x);
  if (exponent === undefined) return mantissa;
  return `${mantissa}×10${[...exponent].map((c) => SUPERSCRIPT[c] ?? c).join('')}`;
}

/** A number as LaTeX (grouping commas braced so TeX adds no space after them). */
export function tex(x: number): string {
  const { mantissa, exponent } = numberParts(x);
  const m = mantissa.replaceAll(',', '{,}').replace('∞', '\\infty');
  return exponent === undefined ? m : `${m} \\times 10^{${exponent}}`;
}

/** A number as LaTeX, in brackets when negative (a factor after ×). */
export function texFactor(x: number): string {
  return x < 0 ? `(${tex(x)})` : tex(x);
}
