/**
 * The one error type of this package. `message` is written for a person (a
 * student reading it in the app); `line` is set when the error is about one
 * line of an imported file (1-based, as an editor counts lines).
 */
export class DatasetError extends Error {
  readonly line: number | undefined;
  constructor(message: string, line?: number) {
    super(message);
    this.name = 'DatasetError';
    this.line = line;
  }
}
