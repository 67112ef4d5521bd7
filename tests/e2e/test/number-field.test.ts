/**
 * The neuron editor's number fields (bias, weights) take a decimal comma as
 * well as a point; text that is not a number keeps the value and says so.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useBuiltApp } from '../src/session.js';
import { openApp } from '../src/playground.js';

describe('number fields', () => {
  const app = useBuiltApp();
  let url: string;

  beforeAll(() => {
    url = app.url;
  });

  it('read "0,5" as 0.5, keep the value on text that is no number, and step with the arrow keys', async () => {
    const page = await app.newPage();
    await openApp(page, url, 'seed=0.2468');
    await page.getByTestId('node-1-1').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Edit neuron 1 of hidden layer 1' });
    await expect.poll(() => dialog.count()).toBe(1);
    const bias = dialog.getByRole('spinbutton', { name: 'Bias' });
    const square = page.getByTestId('bias-1-1');
    const hovered = async (): Promise<string | null> => {
      await square.hover();
      return page.getByTestId('hover-value').textContent();
    };

    await bias.fill('0,5');
    await bias.press('Tab');
    await expect.poll(() => bias.inputValue()).toBe('0.500');
    await expect.poll(hovered).toBe('0.500');

    await bias.fill('-1,25');
    await bias.press('Tab');
    await expect.poll(() => bias.inputValue()).toBe('-1.25');

    // Not a number: the value stays, and the field says why. (Each valid number is
    // applied as it is typed, so no prefix of this text may be one.)
    await bias.fill('abc');
    const message = dialog.getByRole('alert');
    await expect.poll(() => message.textContent()).toContain('Not a number, so the value stays -1.25');
    expect(await bias.getAttribute('aria-invalid')).toBe('true');
    await bias.press('Tab');
    await expect.poll(() => bias.inputValue()).toBe('-1.25');
    await expect.poll(hovered).toBe('-1.25');

    // The spin button's keys: up by 0.1.
    await bias.focus();
    expect(await message.count()).toBe(0);
    await bias.press('ArrowUp');
    await bias.press('Tab');
    await expect.poll(() => bias.inputValue()).toBe('-1.15');
  });
});
