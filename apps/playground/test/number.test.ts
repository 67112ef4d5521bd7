import { describe, expect, it } from 'vitest';
import { parseDecimalInput } from '../src/lib/text/number.js';

describe('parseDecimalInput', () => {
  it('reads a decimal comma as a decimal point', () => {
    expect(parseDecimalInput('0,5')).toBe(0.5);
    expect(parseDecimalInput('0.5')).toBe(0.5);
    expect(parseDecimalInput('-1,25')).toBe(-1.25);
    expect(parseDecimalInput('3,')).toBe(3);
    expect(parseDecimalInput(',75')).toBe(0.75);
    expect(parseDecimalInput('.75')).toBe(0.75);
  });

  it('reads whole numbers, signs, exponents and surrounding blanks', () => {
    expect(parseDecimalInput('2')).toBe(2);
    expect(parseDecimalInput('+2')).toBe(2);
    expect(parseDecimalInput('\u22122,5')).toBe(-2.5);
    expect(parseDecimalInput('  -0,1  ')).toBe(-0.1);
    expect(parseDecimalInput('1e-3')).toBe(0.001);
    expect(parseDecimalInput('2,5E2')).toBe(250);
    expect(Object.is(parseDecimalInput('-0'), -0)).toBe(true);
  });

  it('treats a comma as decimal, never as a thousands separator', () => {
    expect(parseDecimalInput('1,000')).toBe(1);
    expect(parseDecimalInput('1,000.5')).toBeUndefined();
    expect(parseDecimalInput('1.000,5')).toBeUndefined();
    expect(parseDecimalInput('0,5,5')).toBeUndefined();
  });

  it('refuses what is not a finite decimal number', () => {
    const refused = ['', '   ', '-', ',', '.', 'e3', 'abc', '0,5x', '1 000', '0x10', '1_000'];
    refused.push('Infinity', 'NaN', '1e999', '--1', '1e', '\u0663' /* Arabic-Indic three */);
    for (const bad of refused) {
      expect(parseDecimalInput(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it('agrees with Number() on every plain decimal it accepts', () => {
    for (const text of ['0', '12.5', '-0.001', '1e5', '+7.25e-2', '123456789.125']) {
      expect(parseDecimalInput(text)).toBe(Number(text));
      expect(parseDecimalInput(text.replace('.', ','))).toBe(Number(text));
    }
  });
});
