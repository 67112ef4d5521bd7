/**
 * What the page says about a command the training worker refused, or a
 * failure that stopped training in the background: every refusal passes
 * through describeFailure.
 */
import { isTrainerFailure, type TrainingFailure } from '@nn/trainer';
import type { Message } from '../panels/message.js';

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Refusals a student can cause from the page, with their own texts. Any other
 * code comes from a value the page checks before sending (the link, an
 * import), so it would be a bug; it is shown in the worker's own words.
 */
const TRANSLATED_TRAINER_CODES = [
  'diverged-play',
  'diverged-step',
  'diverged-move',
  'engineUnavailable',
  'noTrainingPoints',
  'runNoTrainingPoints',
  'runBatchAll',
  'weightValue',
  'biasValue',
  'notReady',
] as const;
type TranslatedTrainerCode = (typeof TRANSLATED_TRAINER_CODES)[number];

function isTranslatedCode(code: string): code is TranslatedTrainerCode {
  return (TRANSLATED_TRAINER_CODES as readonly string[]).includes(code);
}

/** A failure that stopped background training, as the Error a refused command would have been. */
export function failureError(failure: TrainingFailure): Error {
  const error = new Error(failure.message);
  error.name = failure.name;
  return Object.assign(error, { code: failure.code, params: { ...failure.params } });
}

/**
 * What to tell the user about a command the training worker refused: every
 * refusal passes through here. A known code (`isTrainerFailure(e)`: `e.code`,
 * `e.params`) gets its translated text; anything else shows the worker's
 * (English) message inside a translated sentence.
 */
export function describeFailure(error: unknown): Message {
  if (isTrainerFailure(error) && isTranslatedCode(error.code)) {
    return { key: `notices.trainer.${error.code}`, params: error.params };
  }
  return { key: 'notices.trainerRefused', params: { message: describeError(error) } };
}
