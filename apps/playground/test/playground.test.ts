/** The page's Playground class in Node, against a real trainer (see support/trainer-page.ts). */
import { referenceEngine } from '@nn/engine';
import { failingAfter } from '@nn/engine/conformance';
import type { EngineLoaders } from '@nn/trainer';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../src/lib/panels/message.js';
import type { Playground } from '../src/lib/playground.svelte.js';
import { ENGINES, closeAll, installFrames, noticeKeys, started, until } from './support/trainer-page.js';

beforeAll(installFrames);
afterEach(closeAll);

function keys(page: Playground): string[] {
  return noticeKeys(page);
}

describe('the page with a real trainer behind it', () => {
  it('opens a link on the engine it names, from that engine\'s own first weights', async () => {
    const { page } = await started('#seed=0.12345&engine=reference');
    expect(page.snapshot?.engine).toBe('reference');
    // The reference engine's f64 weights, not a copy through the WASM core's f32.
    expect(page.snapshot?.weights).toBeInstanceOf(Float64Array);
  });

  it('tells of an error that stopped full speed in its own words, and training stops', async () => {
    const failing: EngineLoaders = { reference: async () => failingAfter(referenceEngine, 25) };
    const { page } = await started('#seed=0.12345&speed=max', failing);
    await page.togglePlay();
    await until(() => keys(page).includes('notices.trainingStopped'));
    const notice = page.notices.find((n) => n.key === 'notices.trainingStopped')!;
    expect(notice.kind).toBe('error');
    const reason = notice.params?.['reason'] as Message;
    expect(reason).toEqual({ key: 'notices.trainerRefused', params: { message: 'The WebAssembly core stopped unexpectedly: unreachable' } });
    await until(() => page.snapshot?.playing === false);
    expect(page.snapshot?.failure?.code).toBe('internal');
  });

  it('says so when the worker stops answering, and Reset starts a new one with the same settings', async () => {
    const { page, workers } = await started('#seed=0.12345&noise=10', ENGINES, { workerSilenceMs: 300 });
    const first = page.snapshot!;
    workers[0]!.die();
    await until(() => page.workerLost);
    expect(page.fatal).toEqual({ key: 'notices.workerStopped', params: { reason: { key: 'notices.workerSilent' } } });
    // Commands go nowhere while it is lost; Reset starts a new worker.
    await page.step();
    expect(page.snapshot?.epoch).toBe(0);
    await page.reset();
    expect(page.workerLost).toBe(false);
    expect(page.fatal).toBeUndefined();
    expect(workers).toHaveLength(2);
    await until(() => page.snapshot !== undefined);
    // The same link, so the same points and first weights as before.
    expect(page.state.noise).toBe(10);
    expect(Array.from(page.snapshot!.weights)).toEqual(Array.from(first.weights));
    await page.step();
    await until(() => page.snapshot?.epoch === 1);
  });

  it('keeps the trained network, its epoch and its loss curve when the worker refuses an import', async () => {
    const { page } = await started('#seed=0.12345&percTrainData=10');
    for (let k = 0; k < 3; k++) await page.step();
    await until(() => page.snapshot?.epoch === 3);
    const before = { state: page.state, epochs: [...page.history.epochs], weights: Array.from(page.snapshot!.weights) };
    // Five points the file reader accepts, but at 10 % training data none is left to train on.
    await page.importText('five.csv', 'x,y,label\n0,0,1\n1,1,-1\n2,0,1\n-1,2,-1\n3,3,1\n');
    expect(keys(page)).toContain('notices.trainer.noTrainingPoints');
    expect(page.imported).toBeUndefined();
    expect(page.state).toEqual(before.state);
    await page.step();
    await until(() => page.snapshot?.epoch === 4);
    expect(page.history.epochs.slice(0, before.epochs.length)).toEqual(before.epochs);
    expect(Array.from(page.snapshot!.weights)).not.toEqual(before.weights);
  });

  it('a pasted link with no setting of the page in it changes nothing, and says why', async () => {
    const { page } = await started('#seed=0.12345&noise=20');
    const before = page.state;
    await page.hashChanged('#foo=bar');
    expect(page.state).toBe(before);
    expect(keys(page)).toEqual(['hashNotices.unknownKey']);
    // A link that does name a setting is a whole setup, bad values and all.
    await page.hashChanged('#noise=banana&seed=0.5');
    expect(page.state.noise).toBe(0);
    expect(page.state.seed).toBe('0.5');
  });
});
