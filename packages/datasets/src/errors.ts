/**
 * The one error type of this package. `message` is written for a person (a
 * student reading it in the app), in English; `code` says which message it is
 * (one code per kind of message) and `params` holds the values the message
 * interpolates, so an app can show it in another language and fall back to
 * `message` for a code it does not know. `line` is set when the error is about
 * one line of an imported file (1-based, as an editor counts lines); an error
 * about one item of a JSON file has `params.item` (1-based) instead.
 *
 * The message of an error about a line or an item starts with "Line 7: " or
 * "Item 7: "; the rest of it is what `code` and `params` describe.
 */

/** Every kind of message, by where it comes from. */
export type DatasetErrorCode =
  // ---- import of a user's points (csv.ts): the ones an app shows to students
  /** "{column} is missing." */
  | 'missing'
  /** "{column} '{value}' is not a number." (CSV, or a JSON string) */
  | 'notANumber'
  /** "{column} '{value}' is too large to be a number here." */
  | 'tooLarge'
  /** "{column} = {value} is outside the playground, which spans -{limit} to {limit}." */
  | 'outside'
  /** "label {value} is outside -1 to 1. For classification …" */
  | 'labelRange'
  /** "The file has more than {max} points ({found} so far); …" */
  | 'tooMany'
  /** "The file has only {found} point; at least {min} are needed …" */
  | 'tooFew'
  /** "The file has no data points: …" (CSV) */
  | 'noPointsCsv'
  /** "The JSON array has no points." */
  | 'noPointsJson'
  /** "this looks like a header, but it has no '{column}' column. … (found: {found}) …" */
  | 'headerColumn'
  /** "expected 3 values separated by {separator} (x, y, label), found {found}." */
  | 'fieldCount'
  /** "expected {expected} values separated by {separator}, found {found}." (a header set the count) */
  | 'fieldCountHeader'
  /** "{column} {value} is not a number." (a JSON value that is neither a number nor a string) */
  | 'jsonNotANumber'
  /** "{column} is not a finite number." */
  | 'notFinite'
  /** "The file is not valid JSON: {detail}" */
  | 'invalidJson'
  /** "The JSON must be an array of points such as …" */
  | 'jsonNotArray'
  /** "expected [x, y, label], found {found} values." */
  | 'itemLength'
  /** "expected a point like {…}, found {found}." */
  | 'notAPoint'
  // ---- input features and grids (features.ts)
  /** "Unknown input feature {feature}. Known features: {known}." */
  | 'unknownFeature'
  /** "Choose at least one input feature: …" */
  | 'noFeatures'
  /** "The input feature "{feature}" is listed twice; …" */
  | 'featureTwice'
  /** "The grid must have from 2 to {max} points per side; got {got}." */
  | 'gridDensity'
  /** "The grid's half-width must be a positive number; got {got}." */
  | 'gridDomain'
  // ---- generating and splitting data (playground-data.ts)
  /** "Unknown data set {got}. Choose one of {classification} (classification) or {regression} (regression)." */
  | 'unknownDataset'
  /** "Noise must be a number from 0 to 50 (percent); got {got}." */
  | 'noise'
  /** "The ratio of training to test data must be a percentage from 10 to 90; got {got}." */
  | 'trainRatio'
  /** "The seed must be a string such as "0.12345" …; got {got}." */
  | 'seed'
  /** "The seed must be a string; got {got}." */
  | 'seedString'
  /** "The number of points must be a whole number from 1 to {max}; got {got}." */
  | 'numSamples'
  /** "There are no points to train on." */
  | 'noPoints'
  /** "The data set "{dataset}" has from {min} to {max} classes; got {got}. …" */
  | 'classesMany'
  /** "The data set "{dataset}" has two classes; got {got}. …" */
  | 'classesTwo'
  // ---- import of points of several classes (csv.ts with `classes`)
  /** "label {value} is not a class: with {classes} classes every label must be a whole number from 0 to {last}." */
  | 'classLabel'
  /** "The import needs from 3 to {max} classes; got {got}." */
  | 'importClasses';

/** The values a message interpolates, by name. */
export type DatasetErrorParams = Readonly<Record<string, string | number>>;

export class DatasetError extends Error {
  readonly code: DatasetErrorCode;
  readonly params: DatasetErrorParams;
  readonly line: number | undefined;
  constructor(code: DatasetErrorCode, message: string, params: DatasetErrorParams = {}, line?: number) {
    super(message);
    this.name = 'DatasetError';
    this.code = code;
    this.params = params;
    this.line = line;
  }
}
