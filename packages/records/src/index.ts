/**
 * @nn/records: what the playground writes and the classroom app checks — an
 * exact run (replayable bit for bit), the hand-in file, the homework's rules,
 * and the check of a claim by training it again.
 */
export { PRODUCT_VERSION } from './version.js';
export * from './homework.js';
export * from './reasons.js';
export {
  RUN_FORMAT,
  RUN_VERSION,
  ExactRunSchema,
  RunReplaySchema,
  exactRunFrom,
  finalSettings,
  type ExactRun,
} from './run.js';
export * from './handin.js';
export { looksTruncated, parseFile, type FileKind } from './file.js';
export * from './verify.js';
export { RUN_PARAM, runLinkHash, readRunParam } from './link.js';
export * from './model.js';
export * from './python.js';
export { rowSettingsOf, type RowSettings } from './row-settings.js';
