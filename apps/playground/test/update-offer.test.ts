import { describe, expect, it } from 'vitest';
import { UpdateOffer } from '../src/lib/pwa/update.svelte.js';

/** An offer of one waiting version; `activations` counts the switches to it. */
function offered(): { offer: UpdateOffer; activations: () => number } {
  const offer = new UpdateOffer();
  let count = 0;
  offer.offer(() => count++);
  return { offer, activations: () => count };
}

describe('the offer of a new version', () => {
  it('shows nothing and does nothing until a version waits', () => {
    const offer = new UpdateOffer();
    expect(offer.stage).toBe('none');
    offer.accept(false);
    offer.idle();
    expect(offer.stage).toBe('none');
  });

  it('activates at once when the user accepts while training is paused', () => {
    const { offer, activations } = offered();
    expect(offer.stage).toBe('ready');
    offer.accept(false);
    expect(offer.stage).toBe('updating');
    expect(activations()).toBe(1);
    // A second press or a pause afterwards does not activate again.
    offer.accept(false);
    offer.idle();
    expect(activations()).toBe(1);
  });

  it('waits for the pause when the user accepts during a run', () => {
    const { offer, activations } = offered();
    offer.accept(true);
    expect(offer.stage).toBe('after-pause');
    expect(activations()).toBe(0);
    offer.accept(true);
    expect(activations()).toBe(0);
    offer.idle();
    expect(offer.stage).toBe('updating');
    expect(activations()).toBe(1);
  });

  it('never activates by itself: a pause without the user’s yes changes nothing', () => {
    const { offer, activations } = offered();
    offer.idle();
    expect(offer.stage).toBe('ready');
    expect(activations()).toBe(0);
  });

  it('"Not now" hides the offer, also one waiting for a pause, until the next version', () => {
    const { offer, activations } = offered();
    offer.accept(true);
    offer.dismiss();
    expect(offer.stage).toBe('none');
    offer.idle();
    expect(activations()).toBe(0);
    let next = 0;
    offer.offer(() => next++);
    expect(offer.stage).toBe('ready');
    offer.accept(false);
    expect([activations(), next]).toEqual([0, 1]);
  });
});
