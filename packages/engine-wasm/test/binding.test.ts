import { beforeAll, describe, expect, it } from 'vitest';
import { DataSet as RawDataSet, Network as RawNetwork } from '../pkg/nn_core_bg.js';
import { loadWasmEngine } from '../src/node.js';

/**
 * The core checks every argument again behind the TypeScript checks; its
 * refusals reach JavaScript as Errors with readable messages and change nothing.
 */
describe('the raw wasm-bindgen binding', () => {
  beforeAll(async () => {
    await loadWasmEngine();
  });

  it('throws readable Errors for bad shapes and data', () => {
    expect(() => new RawNetwork(Uint32Array.from([0, 1]), 1, 1)).toThrow(/The input layer must have between 1 and 32/);
    expect(() => new RawNetwork(Uint32Array.from([2, 3, 2]), 1, 1)).toThrow(/output layer must have exactly 1 node/);
    expect(() => new RawNetwork(Uint32Array.from([2, 1]), 9, 1)).toThrow(/Unknown activation code 9/);
    expect(() => new RawDataSet(new Float32Array(0), new Float32Array(0), 2)).toThrow(/no points/);
    expect(() => new RawDataSet(Float32Array.from([1, NaN]), new Float32Array(0), 2)).toThrow(/not a finite number/);
  });

  it('refuses bad settings and leaves the network untouched', () => {
    const net = new RawNetwork(Uint32Array.from([1, 1]), 3, 3);
    net.set_parameters(Float32Array.from([0.5]), Float32Array.from([0.1]), new Uint8Array(0));
    const data = new RawDataSet(Float32Array.from([1, 2]), Float32Array.from([1, -1]), 1);
    const lossBefore = net.loss(data);
    expect(() => net.train_epochs(data, 1, 0, 1, 0, 0)).toThrow(/learning rate/);
    expect(() => net.train_epochs(data, 1, 0.1, 0, 0, 0)).toThrow(/batch size/);
    expect(() => net.train_epochs(data, 1, 0.1, 1, 7, 0)).toThrow(/Unknown regularization code 7/);
    expect(() => net.set_parameters(Float32Array.from([Infinity]), Float32Array.from([0]), new Uint8Array(0))).toThrow(/not a finite number/);
    expect(() => net.set_weight(3, 1)).toThrow(/out of range/);
    expect(net.loss(data)).toBe(lossBefore);
    net.train_epochs(data, 1, 0.1, 1, 0, 0);
    expect(net.loss(data)).toBeLessThan(lossBefore);
    net.free();
    data.free();
  });
});
