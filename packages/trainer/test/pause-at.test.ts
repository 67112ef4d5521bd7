/**
 * "Pause at epoch" (`pauseAt`): training pauses by itself exactly when the
 * epoch counter reaches it, at every speed (also inside the background loop of
 * 'max', whose slices must not train past it), in step(n), and when it is set
 * while training plays.
 */
import { describe, expect, it } from 'vitest';
import type { Snapshot, Speed, TrainerConfig } from '../src/protocol.js';
import { CONFIG_LIMITS, type Trainer } from '../src/trainer.js';
import { refusal, snap, trainerOn, until } from './support.js';

const BASE: TrainerConfig = {
  dataset: 'circle',
  noise: 0,
  percTrainData: 50,
  seed: '0.12345',
  features: ['x', 'y'],
  networkShape: [4, 2],
  activation: 'tanh',
  regularization: 'none',
  regularizationRate: 0,
  learningRate: 0.03,
  batchSize: 10,
  initZero: false,
};

const LIVE = {
  learningRate: BASE.learningRate,
  batchSize: BASE.batchSize,
  regularization: BASE.regularization,
  regularizationRate: BASE.regularizationRate,
};

/** Calls frame() (as the page does once per animation frame) until training is no longer playing. */
async function framesUntilPaused(trainer: Trainer): Promise<Snapshot> {
  let last: Snapshot | undefined;
  await until(() => {
    last = trainer.frame() ?? last;
    return last !== undefined && !last.playing;
  });
  return last!;
}

describe.each(['reference', 'wasm'] as const)('Trainer pause epoch (pauseAt) on %s', (engineName) => {
  /** The weights after exactly `epochs` epochs, by step(), with no stop set. */
  async function weightsAfter(epochs: number): Promise<Snapshot['weights']> {
    const plain = await trainerOn(engineName, BASE);
    plain.step(epochs);
    return snap(plain).weights;
  }

  it.each([
    // Not a multiple of 10 or 100: a check once per frame would stop later.
    [1, 23],
    [10, 237],
    [100, 237],
  ] as [Speed, number][])('pauses exactly at it when playing at speed %s', async (speed, pauseAt) => {
    const trainer = await trainerOn(engineName, { ...BASE, pauseAt });
    trainer.setSpeed(speed);
    trainer.play();
    const paused = await framesUntilPaused(trainer);
    expect(paused.epoch).toBe(pauseAt);
    expect(paused.pausedAtEpoch).toBe(pauseAt);
    expect(paused.stopped).toBeUndefined();
    expect(paused.weights).toEqual(await weightsAfter(pauseAt));
  });

  it("pauses exactly at it at 'max', even when a slice would train past it", async () => {
    // A clock that never moves makes every slice twice the last (1, 2, 4, ..., 512 epochs):
    // the slice of 512 starts at epoch 511 and would end at 1023 without the cap.
    const pauseAt = 1000;
    const frozen = await trainerOn(engineName, { ...BASE, pauseAt }, { now: () => 0 });
    frozen.setSpeed('max');
    frozen.play();
    const paused = await framesUntilPaused(frozen);
    expect(paused.epoch).toBe(pauseAt);
    expect(paused.pausedAtEpoch).toBe(pauseAt);
    expect(paused.weights).toEqual(await weightsAfter(pauseAt));

    // And on the real clock, slices sized by measured time.
    const timed = await trainerOn(engineName, { ...BASE, pauseAt: 1234 });
    timed.setSpeed('max');
    timed.play();
    const timedPause = await framesUntilPaused(timed);
    expect(timedPause.epoch).toBe(1234);
    expect(timedPause.pausedAtEpoch).toBe(1234);
  });

  it('pauses exactly at it when set while playing, at speed 10 and at max', async () => {
    const trainer = await trainerOn(engineName, BASE);
    trainer.setSpeed(10);
    trainer.play();
    for (let k = 0; k < 3; k++) snap(trainer);
    expect(snap(trainer).epoch).toBe(40);
    trainer.setLive({ ...LIVE, pauseAt: 57 });
    const atTen = await framesUntilPaused(trainer);
    expect(atTen.epoch).toBe(57);
    expect(atTen.pausedAtEpoch).toBe(57);

    const fast = await trainerOn(engineName, BASE);
    fast.setSpeed('max');
    fast.play();
    let last = snap(fast);
    await until(() => (last = fast.frame() ?? last).epoch > 50);
    // Synchronous with the reading: no slice runs in between.
    const from = (fast.frame() ?? last).epoch;
    fast.setLive({ ...LIVE, pauseAt: from + 321 });
    const atMax = await framesUntilPaused(fast);
    expect(atMax.epoch).toBe(from + 321);
    expect(atMax.pausedAtEpoch).toBe(from + 321);
  });

  it('step(n) stops at it; play and step go on past it; reset arms it again', async () => {
    const trainer = await trainerOn(engineName, { ...BASE, pauseAt: 30 });
    trainer.step(1000);
    const stopped = snap(trainer);
    expect(stopped.epoch).toBe(30);
    expect(stopped.pausedAtEpoch).toBe(30);

    // Past it, nothing stops: step trains every epoch asked for, play plays on.
    trainer.step(5);
    const on = snap(trainer);
    expect(on.epoch).toBe(35);
    expect(on.pausedAtEpoch).toBeUndefined();
    trainer.setSpeed(10);
    trainer.play();
    snap(trainer);
    const playing = snap(trainer);
    expect(playing.playing).toBe(true);
    expect(playing.epoch).toBe(55);
    trainer.pause();

    // Reset: epoch 0, so the same epoch stops training again.
    trainer.reset();
    expect(snap(trainer).pausedAtEpoch).toBeUndefined();
    trainer.play();
    const again = await framesUntilPaused(trainer);
    expect(again.epoch).toBe(30);
    expect(again.pausedAtEpoch).toBe(30);

    // Play from there clears the reason and goes on.
    trainer.play();
    const resumed = snap(trainer);
    expect(resumed.playing).toBe(true);
    expect(resumed.epoch).toBe(40);
    expect(resumed.pausedAtEpoch).toBeUndefined();
  });

  it('a new pause epoch clears the reason; an epoch already passed or none does not pause', async () => {
    const trainer = await trainerOn(engineName, { ...BASE, pauseAt: 12 });
    trainer.step(100);
    expect(snap(trainer).pausedAtEpoch).toBe(12);
    // The same value again changes nothing on show.
    trainer.setLive({ ...LIVE, pauseAt: 12 });
    expect(trainer.frame()).toBeUndefined();
    trainer.setLive({ ...LIVE, pauseAt: 20 });
    expect(snap(trainer).pausedAtEpoch).toBeUndefined();
    trainer.step(100);
    expect(snap(trainer).epoch).toBe(20);

    trainer.setLive({ ...LIVE, pauseAt: 5 });
    trainer.step(10);
    const passed = snap(trainer);
    expect(passed.epoch).toBe(30);
    expect(passed.pausedAtEpoch).toBeUndefined();

    trainer.setLive({ ...LIVE, pauseAt: null });
    trainer.step(10);
    expect(snap(trainer).epoch).toBe(40);
  });

  it('stops at whichever comes first of the loss target and the pause epoch', async () => {
    // A target so low it is never reached: the pause epoch stops training.
    const trainer = await trainerOn(engineName, { ...BASE, stopBelow: 1e-9, pauseAt: 17 });
    trainer.setSpeed(100);
    trainer.play();
    const paused = await framesUntilPaused(trainer);
    expect(paused.epoch).toBe(17);
    expect(paused.pausedAtEpoch).toBe(17);
    expect(paused.stopped).toBeUndefined();

    // A target reached first (any loss is below 10): it stops after epoch 1, before the pause epoch.
    const target = await trainerOn(engineName, { ...BASE, stopBelow: 10, pauseAt: 17 });
    target.step(100);
    const first = snap(target);
    expect(first.epoch).toBe(1);
    expect(first.stopped?.epoch).toBe(1);
    expect(first.pausedAtEpoch).toBeUndefined();
  });

  it('takes a whole number from 1 to 2^32 - 1 and refuses anything else', async () => {
    const max = CONFIG_LIMITS.maxPauseAt;
    expect(max).toBe(4_294_967_295);
    const trainer = await trainerOn(engineName, { ...BASE, pauseAt: max });
    trainer.load({ ...BASE, pauseAt: 1 });
    trainer.step(3);
    expect(snap(trainer).epoch).toBe(1);
    for (const bad of [0, -1, 1.5, max + 1, NaN, Infinity, '5' as never]) {
      const error = refusal(() => trainer.load({ ...BASE, pauseAt: bad }));
      expect(error.code).toBe('pauseAt');
      expect(error.message).toMatch(/pause epoch must be a whole number from 1 to 4294967295/);
      expect(refusal(() => trainer.setLive({ ...LIVE, pauseAt: bad })).code).toBe('pauseAt');
    }
    // Refusals changed nothing.
    expect(trainer.frame()).toBeUndefined();
  });
});
