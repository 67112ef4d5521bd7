/** Why a call was refused. The engine is left exactly as it was before the call. */
export type EngineErrorCode =
  | 'shape'
  | 'data'
  /** A softmax network was given a label that is not one of its class numbers. */
  | 'labels'
  | 'parameters'
  | 'settings'
  | 'freed'
  | 'internal';

/**
 * The one error type every engine throws. `message` is written for a person
 * (a student reading it in the app), `code` for programs.
 */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  /**
   * Always empty: an engine's message is complete as it is. Present so that an
   * EngineError has the shape of the trainer's refusals and keeps its `code`
   * when it crosses the worker boundary.
   */
  readonly params: Record<string, string | number> = {};
  constructor(code: EngineErrorCode, message: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
  }
}
