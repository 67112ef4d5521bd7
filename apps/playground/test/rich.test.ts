import { describe, expect, it } from 'vitest';
import enLab from '../src/lib/i18n/en/lab.js';
import enLessons from '../src/lib/i18n/en/lessons.js';
import koLab from '../src/lib/i18n/ko/lab.js';
import koLessons from '../src/lib/i18n/ko/lessons.js';
import { mathml, parseRich, withoutStyles } from '../src/lib/text/rich.js';

/** Every string inside a (nested) resource object. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('lesson markup', () => {
  it('splits text, emphasis, control names and maths', () => {
    const parts = parseRich('Press `Step`: the **loss** $L$ falls. $$w - \\eta g$$');
    expect(parts.map((p) => p.kind)).toEqual(['text', 'code', 'text', 'strong', 'text', 'math', 'text', 'math']);
    const display = parts[7];
    expect(display?.kind === 'math' && display.display).toBe(true);
  });

  it('typesets formulas as MathML', () => {
    const out = mathml('\\sigma(x)=\\frac{1}{1+e^{-x}}');
    expect(out).toMatch(/^<math/);
    expect(out).toContain('<mfrac>');
  });

  it('never leaves a style attribute (the CSP forbids inline styles)', () => {
    expect(mathml('\\hat y')).not.toContain('style=');
    expect(mathml('\\hat y')).toContain('scriptlevel="0"');
    expect(withoutStyles('<mo style="color:red">x</mo>')).toBe('<mo>x</mo>');
    const formulas = [enLessons, koLessons, enLab, koLab]
      .flatMap(strings)
      .flatMap((text) => parseRich(text))
      .filter((part) => part.kind === 'math');
    expect(formulas.length).toBeGreaterThan(20);
    for (const formula of formulas) {
      expect(formula.mathml, formula.tex).not.toMatch(/style=|merror/);
    }
  });
});
