/** Why a call was refused. The engine is left exactly as it was before the call. */
export type EngineErrorCode =
  | 'shape'
  | 'data'
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
  constructor(code: EngineErrorCode, message: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
  }
}
