/**
 * The trainer's refusals and how they cross the worker boundary.
 *
 * A `TrainerError` carries a stable `code` (one per kind of message) and the
 * `params` its English message interpolates, so the page can show the refusal
 * in the student's language and fall back to `message` for a code it does not
 * know. Comlink sends only the name, message and stack of a thrown Error;
 * `installErrorTransfer()` (called by `exposeTrainer` in the worker and by
 * `connectTrainer` on the page) makes it send `code` and `params` as well.
 */
import * as Comlink from 'comlink';

/** The values a refusal's message interpolates, by name. */
export type TrainerErrorParams = Record<string, string | number>;

/**
 * Every kind of refusal, one per message. Params (besides these, a refusal
 * about one run of `runs()` has `run`, numbered from 1, and its message starts
 * with "Run n: "); `got` is the refused value as the message shows it:
 * - configuration: 'configMissing'; 'dataset', 'activation', 'regularization',
 *   'feature' {options, got}; 'noise', 'learningRate', 'batchSize',
 *   'regularizationRate', 'stopBelow', 'pauseAt', 'hiddenLayers' {max, got};
 *   'percTrainData' {min, max, got}; 'seed', 'initZero' {got};
 *   'featuresNone'; 'featureTwice' {feature}; 'layerSize' {layer, max, got}
 * - imported points: 'importUnreadable'; 'importProblem' {got};
 *   'importSize' {min, max, got}; 'importPoint' {point, got};
 *   'noTrainingPoints'
 * - classes and loss: 'classes' {max, got}; 'loss' {options, got};
 *   'classesData' {dataset, classes} (the data set has another number of
 *   classes); 'importClasses' {classes, got, problem} (imported points of
 *   another number of classes); 'importClassCount' {max, got, problem}
 * - commands: 'settingsMissing'; 'notReady'; 'notLoaded'; 'noEngine' {reasons};
 *   'engine', 'speed' {options, got}; 'engineUnavailable' {engine, reason};
 *   'stepEpochs' {max, got}; 'weightIndex', 'biasIndex' {got, count, last};
 *   'weightValue', 'biasValue' {got}; 'diverged-play', 'diverged-step',
 *   'diverged-move'
 * - runs(): 'runsMissing'; 'runsNone'; 'runsTooMany' {max, got};
 *   'runsEpochs' {max, got}; 'runMissing' {run}; 'runResets' {run, max, got};
 *   'runNoTrainingPoints' {run}; 'runBatchSize' {run, max, count, got};
 *   'runBatchAll' {run, max, count}; 'runsCancelled' (cancelRuns() in the worker)
 * - open() and replay(): 'runRecord' {what, got} (a recorded run that is not
 *   well formed; its settings and edits get the refusals above)
 * - inspect(): 'inspectPoint' {got, count, last}; 'inspectThrough' {got, max}
 * - landscape(): 'landscape' {what, got} (a bad request); 'landscapePath' (path
 *   directions without enough of a path)
 */
export const TRAINER_ERROR_CODES = [
  'configMissing',
  'dataset',
  'noise',
  'percTrainData',
  'seed',
  'featuresNone',
  'feature',
  'featureTwice',
  'hiddenLayers',
  'layerSize',
  'activation',
  'settingsMissing',
  'learningRate',
  'batchSize',
  'regularization',
  'regularizationRate',
  'optimizer',
  'stopBelow',
  'pauseAt',
  'initZero',
  'importUnreadable',
  'importProblem',
  'importSize',
  'importPoint',
  'noTrainingPoints',
  'classes',
  'loss',
  'classesData',
  'importClasses',
  'importClassCount',
  'noEngine',
  'notReady',
  'notLoaded',
  'engine',
  'engineUnavailable',
  'speed',
  'stepEpochs',
  'weightIndex',
  'biasIndex',
  'weightValue',
  'biasValue',
  'diverged-play',
  'diverged-step',
  'diverged-move',
  'runsMissing',
  'runsNone',
  'runsTooMany',
  'runsEpochs',
  'runMissing',
  'runResets',
  'runNoTrainingPoints',
  'runBatchSize',
  'runBatchAll',
  'runsCancelled',
  'runRecord',
  'inspectPoint',
  'inspectThrough',
  'landscape',
  'landscapePath',
  'timelineEpoch',
  'noBranch',
] as const;

export type TrainerErrorCode = (typeof TRAINER_ERROR_CODES)[number];

/** A command the trainer refused; the message says why, for a person. */
export class TrainerError extends Error {
  /** Stable and short, one per kind of message (see TRAINER_ERROR_CODES), for programs. */
  readonly code: TrainerErrorCode;
  /** The values `message` interpolates (the refused value as written in the message, limits, ...). */
  readonly params: TrainerErrorParams;

  constructor(code: TrainerErrorCode, message: string, params: TrainerErrorParams = {}) {
    super(message);
    this.name = 'TrainerError';
    this.code = code;
    this.params = params;
  }
}

/**
 * An error with a refusal's code and params: a TrainerError (or another
 * package's error of the same shape, such as a DatasetError; `name` tells
 * them apart), here or after it crossed the worker boundary.
 */
export type TrainerFailure = Error & { code: string; params: TrainerErrorParams };

function isParams(value: unknown): value is TrainerErrorParams {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number');
}

/**
 * True for a TrainerError thrown here and for the Error a rejected call to the
 * worker gives the page (once `installErrorTransfer()` ran on both sides).
 */
export function isTrainerFailure(e: unknown): e is TrainerFailure {
  return (
    e instanceof Error &&
    typeof (e as { code?: unknown }).code === 'string' &&
    isParams((e as { params?: unknown }).params)
  );
}

/** What goes over the wire for a thrown value (Comlink's own shape, plus code and params). */
type SerializedThrow =
  | {
      readonly isError: true;
      readonly value: {
        readonly message: string;
        readonly name: string;
        readonly stack?: string;
        readonly code?: string;
        readonly params?: TrainerErrorParams;
      };
    }
  | { readonly isError: false; readonly value: unknown };

/** Marks the handler this module installs, so that installing twice does not wrap it twice. */
const INSTALLED = Symbol('nn.trainer.errorTransfer');

/**
 * Replaces Comlink's 'throw' transfer handler with one that also carries the
 * `code` and `params` of a thrown TrainerFailure (see isTrainerFailure); other
 * thrown values go as Comlink sends them (an Error's name, message and stack,
 * anything else as it is). Comlink's handlers are global to the realm, so it
 * is installed on each side (the worker and the page); calling this again does
 * nothing.
 */
export function installErrorTransfer(): void {
  const base = Comlink.transferHandlers.get('throw') as
    | (Comlink.TransferHandler<unknown, unknown> & { [INSTALLED]?: true })
    | undefined;
  if (!base || base[INSTALLED]) return;
  const handler: Comlink.TransferHandler<{ value: unknown }, SerializedThrow> & { [INSTALLED]: true } = {
    [INSTALLED]: true,
    canHandle: (value): value is { value: unknown } => base.canHandle(value),
    serialize(thrown) {
      const { value } = thrown;
      if (!isTrainerFailure(value)) return base.serialize(thrown) as [SerializedThrow, Transferable[]];
      return [
        {
          isError: true,
          value: {
            message: value.message,
            name: value.name,
            ...(value.stack === undefined ? {} : { stack: value.stack }),
            code: value.code,
            params: { ...value.params },
          },
        },
        [],
      ];
    },
    deserialize(serialized) {
      if (!serialized.isError) throw serialized.value;
      const { message, name, stack, code, params } = serialized.value;
      const error = new Error(message);
      error.name = name;
      if (stack !== undefined) error.stack = stack;
      if (typeof code === 'string') Object.assign(error, { code, params: isParams(params) ? { ...params } : {} });
      throw error;
    },
  };
  Comlink.transferHandlers.set('throw', handler as Comlink.TransferHandler<unknown, unknown>);
}
