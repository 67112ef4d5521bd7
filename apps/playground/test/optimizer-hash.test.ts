import { describe, expect, it } from 'vitest';
import { defaultState, isHidden, parseHash, serializeHash, toTrainerConfig } from '../src/lib/state/hash.js';

const parse = (hash: string) => parseHash(hash, () => '0.12345');

describe('the optimizer in the link', () => {
  it('is left out at its default (SGD), so TF links and older links stay as they are', () => {
    const state = defaultState('0.5');
    const hash = serializeHash(state);
    for (const key of ['optimizer', 'momentum', 'beta1', 'beta2', 'epsilon']) expect(hash).not.toMatch(new RegExp(`(^|&)${key}=`));
    expect(toTrainerConfig(state)).not.toHaveProperty('optimizer');
  });

  it('reads and writes each optimizer and the settings that differ from their defaults', () => {
    const { state, notices } = parse('seed=0.5&optimizer=adam&beta1=0.8&beta2=0.99&epsilon=1e-7&momentum=0.5');
    expect(notices).toEqual([]);
    expect([state.optimizer, state.beta1, state.beta2, state.epsilon, state.momentum]).toEqual(['adam', 0.8, 0.99, 1e-7, 0.5]);
    const hash = serializeHash(state);
    expect(hash).toContain('optimizer=adam');
    expect(hash).toContain('beta1=0.8');
    expect(hash).toContain('epsilon=1e-7');
    expect(parse(hash).state).toEqual(state);
    expect(toTrainerConfig(state).optimizer).toEqual({ optimizer: 'adam', momentum: 0.5, beta1: 0.8, beta2: 0.99, epsilon: 1e-7 });
    for (const name of ['sgd', 'momentum', 'rmsprop', 'adam'] as const) expect(parse(`optimizer=${name}`).state.optimizer).toBe(name);
    expect(serializeHash(parse('seed=0.5&optimizer=momentum').state)).toMatch(/&optimizer=momentum(&|$)/);
  });

  it('gives a notice for a bad value and uses the default', () => {
    const { state, notices } = parse('optimizer=nesterov&beta2=1&momentum=-0.1&epsilon=0&beta1=0.99999999999');
    expect([state.optimizer, state.beta2, state.momentum, state.epsilon, state.beta1]).toEqual(['sgd', 0.999, 0.9, 1e-8, 0.9]);
    expect(notices.map((n) => [n.key, n.code, n.params.expected])).toEqual([
      ['optimizer', 'invalidValue', 'optimizer'],
      ['momentum', 'invalidValue', 'decay'],
      ['beta1', 'invalidValue', 'decay'],
      ['beta2', 'invalidValue', 'decay'],
      ['epsilon', 'invalidValue', 'epsilon'],
    ]);
    expect(notices[0]!.message).toBe('optimizer "nesterov" is not an optimizer (sgd, momentum, rmsprop or adam); using sgd');
  });

  it('hides the control with optimizer_hide=true', () => {
    expect(isHidden(parse('optimizer_hide=true').state, 'optimizer')).toBe(true);
    expect(serializeHash(parse('seed=1&optimizer_hide=true').state)).toContain('optimizer_hide=true');
  });
});

describe('the new activations in the link', () => {
  it.each(['leakyrelu', 'elu', 'swish', 'sine'] as const)('reads and writes activation=%s', (activation) => {
    const { state, notices } = parse(`seed=0.5&activation=${activation}`);
    expect(notices).toEqual([]);
    expect(state.activation).toBe(activation);
    expect(serializeHash(state)).toMatch(new RegExp(`^activation=${activation}&`));
    expect(toTrainerConfig(state).activation).toBe(activation);
  });
});
