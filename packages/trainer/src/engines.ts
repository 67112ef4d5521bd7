/**
 * The engines a trainer may use: loaded once by init(), looked up by name with
 * a TrainerError saying why one is missing.
 */
import type { Engine } from '@nn/engine';
import { TrainerError } from './errors.js';
import type { EngineName } from './protocol.js';
import { describe } from './validate.js';

/** Every engine a trainer knows, in order of preference. */
export const ENGINE_NAMES: readonly EngineName[] = ['wasm', 'reference'];

/** Loaders of the engines this trainer may use. */
export type EngineLoaders = Partial<Record<EngineName, () => Promise<Engine>>>;

export function notReady(): TrainerError {
  return new TrainerError('notReady', 'The trainer is not ready yet: call init() and wait for it first.');
}

export class Engines {
  private readonly loaders: EngineLoaders;
  private initializing: Promise<EngineName[]> | undefined;
  private readonly loaded = new Map<EngineName, Engine>();
  /** Why each engine that could not be loaded is missing. */
  private readonly unavailable = new Map<EngineName, string>();

  constructor(loaders: EngineLoaders) {
    this.loaders = { ...loaders };
  }

  /** Loads every engine once; resolves to the names of those that loaded, best first. */
  init(): Promise<EngineName[]> {
    this.initializing ??= this.load();
    return this.initializing;
  }

  private async load(): Promise<EngineName[]> {
    await Promise.all(
      ENGINE_NAMES.map(async (name) => {
        const loader = this.loaders[name];
        if (!loader) {
          this.unavailable.set(name, 'it was not included in this build');
          return;
        }
        try {
          this.loaded.set(name, await loader());
        } catch (error) {
          this.unavailable.set(name, error instanceof Error ? error.message : String(error));
        }
      }),
    );
    const available = this.available();
    if (available.length === 0) {
      const reasons = [...this.unavailable].map(([name, why]) => `${name}: ${why}`).join('; ');
      this.initializing = undefined;
      throw new TrainerError('noEngine', `No training engine could be loaded (${reasons}).`, { reasons });
    }
    return available;
  }

  /** The names of the engines `init()` loaded, best first. */
  available(): EngineName[] {
    return ENGINE_NAMES.filter((name) => this.loaded.has(name));
  }

  /** The loaded engine called `name`, if there is one. */
  get(name: EngineName): Engine | undefined {
    return this.loaded.get(name);
  }

  /** The loaded engine called `name`, or a TrainerError saying why there is none. */
  named(name: EngineName): Engine {
    if (!ENGINE_NAMES.includes(name)) {
      const options = ENGINE_NAMES.join(', ');
      throw new TrainerError('engine', `Unknown engine ${describe(name)}; use one of ${options}.`, {
        options,
        got: describe(name),
      });
    }
    const engine = this.loaded.get(name);
    if (engine) return engine;
    const why = this.unavailable.get(name);
    if (why === undefined) throw notReady();
    throw new TrainerError('engineUnavailable', `The ${name} engine is not available (${why}).`, {
      engine: name,
      reason: why,
    });
  }

  /** A set with the engines this one has loaded (and the same reasons for the others), already initialized. */
  share(): Engines {
    const copy = new Engines({});
    for (const [name, engine] of this.loaded) copy.loaded.set(name, engine);
    for (const [name, why] of this.unavailable) copy.unavailable.set(name, why);
    return copy;
  }
}
