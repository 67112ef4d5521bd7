/**
 * Import of a user's own points from CSV or JSON text (and export to CSV).
 *
 * Accepted CSV:
 *   x,y,label            <- optional header (any order; see HEADER_NAMES)
 *   1.5,-2,1
 *   -3,0.25,-1
 * - separators: comma, semicolon or tab (the first data or header line
 *   decides; with semicolons or tabs a decimal comma "1,5" is read as 1.5);
 * - blank lines and lines starting with '#' are skipped; values may be
 *   wrapped in double quotes; a UTF-8 byte-order mark is ignored.
 * Accepted JSON: an array of {"x": 1.5, "y": -2, "label": 1} objects (or of
 * [x, y, label] arrays), or an object {"points": [...]} holding one.
 *
 * Checks, each reported with the line (CSV) or item (JSON) at fault:
 * finite numbers, coordinates within the playground's [-6, 6]², from 2 to
 * 10,000 points, and labels that make sense:
 * - every label is -1 or 1 -> classification;
 * - else every label is 0 or 1 -> classification with 0 read as -1;
 * - else regression, and every label must be within [-1, 1].
 * With `{ classes: k }` (k = 3..6, points of several classes) every label must
 * instead be a class index, a whole number 0..k-1, kept as it is.
 */
import { DatasetError, type DatasetErrorCode } from './errors.js';
import { MAX_DATASET_CLASSES, MIN_DATASET_CLASSES, type Example2D, type Problem } from './generators.js';

/** Most points a file may hold. */
export const MAX_IMPORT_POINTS = 10_000;
/** Fewest points a file may hold: the trainer needs one to train on and one to test with (its own check). */
export const MIN_IMPORT_POINTS = 2;
/** Coordinates must lie within [-COORD_LIMIT, COORD_LIMIT], the playground's square. */
export const COORD_LIMIT = 6;

export interface ParsedPoints {
  readonly points: Example2D[];
  readonly problem: Problem;
  /** Set when the points were read as several classes (`ParseOptions.classes`): their number. */
  readonly classes?: number;
}

/** How to read the labels. */
export interface ParseOptions {
  /**
   * 2 or left out: TF's two classes (-1/1 or 0/1) or regression, decided by
   * the labels; 3..MAX_DATASET_CLASSES: every label is a class 0..classes-1.
   */
  readonly classes?: number;
}

/** Checks `options.classes`; returns k >= 3 for several classes, undefined for TF's two or regression. */
function manyClasses(options: ParseOptions | undefined): number | undefined {
  const classes = options?.classes;
  if (classes === undefined || classes === 2) return undefined;
  if (!Number.isInteger(classes) || classes < MIN_DATASET_CLASSES || classes > MAX_DATASET_CLASSES) {
    throw new DatasetError(
      'importClasses',
      `The import needs from ${MIN_DATASET_CLASSES} to ${MAX_DATASET_CLASSES} classes; got ${String(classes)}.`,
      { min: MIN_DATASET_CLASSES, max: MAX_DATASET_CLASSES, got: String(classes) },
    );
  }
  return classes;
}

/** Column names a CSV header may use (compared case-insensitively). */
export const HEADER_NAMES = {
  x: ['x', 'x1', 'x₁'],
  y: ['y', 'x2', 'x₂'],
  label: ['label', 'class', 'target', 'value'],
} as const;

type Column = keyof typeof HEADER_NAMES;
const COLUMNS: readonly Column[] = ['x', 'y', 'label'];

/** Where a row came from: a line of a CSV file or an item of a JSON array (both 1-based). */
type Place = { readonly line: number } | { readonly item: number };

/** A row before the labels are interpreted. */
interface RawRow {
  x: number;
  y: number;
  label: number;
  place: Place;
}

/**
 * An error about one line or item: the message starts with "Line 7: " (the
 * error's `line` is 7) or "Item 7: " (its `params.item` is 7).
 */
function errorAt(
  place: Place,
  code: DatasetErrorCode,
  text: string,
  params: Record<string, string | number> = {},
): DatasetError {
  return 'line' in place
    ? new DatasetError(code, `Line ${place.line}: ${text}`, params, place.line)
    : new DatasetError(code, `Item ${place.item}: ${text}`, { ...params, item: place.item });
}

/**
 * A plain decimal number, optionally with an exponent. Each character can be
 * matched one way only: with `\d+\.?\d*` a long run of digits followed by
 * anything else took quadratic time (0.4 s for a cell of 20,000 digits).
 */
const NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/** Longest text from the file that a message quotes; longer is cut, ending in '...'. */
const MAX_QUOTED = 60;

/** Text from the file as a message quotes it: cut to MAX_QUOTED characters (never inside a surrogate pair). */
function quoted(text: string): string {
  if (text.length <= MAX_QUOTED) return text;
  let cut = text.slice(0, MAX_QUOTED - 3);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}...`;
}

/** Reads one value as a finite number or throws naming the place, the column and the text. */
function readNumber(text: string | undefined, column: Column, place: Place): number {
  const s = (text ?? '').trim();
  if (s === '') throw errorAt(place, 'missing', `${column} is missing.`, { column });
  if (!NUMBER_RE.test(s)) {
    const value = quoted(s);
    throw errorAt(place, 'notANumber', `${column} '${value}' is not a number.`, { column, value });
  }
  const v = Number(s);
  if (!Number.isFinite(v)) {
    const value = quoted(s);
    throw errorAt(place, 'tooLarge', `${column} '${value}' is too large to be a number here.`, { column, value });
  }
  return v;
}

function checkCoordinates(row: RawRow): void {
  for (const c of ['x', 'y'] as const) {
    const v = row[c];
    if (v < -COORD_LIMIT || v > COORD_LIMIT) {
      throw errorAt(
        row.place,
        'outside',
        `${c} = ${v} is outside the playground, which spans -${COORD_LIMIT} to ${COORD_LIMIT}.`,
        { column: c, value: v, limit: COORD_LIMIT },
      );
    }
  }
}

/** Decides classification or regression and maps the labels (see the module comment). */
function interpretLabels(rows: readonly RawRow[], empty: DatasetError, classes?: number): ParsedPoints {
  if (rows.length === 0) throw empty;
  if (rows.length < MIN_IMPORT_POINTS) throw tooFew(rows.length);
  if (classes !== undefined) {
    const bad = rows.find((r) => !Number.isInteger(r.label) || r.label < 0 || r.label >= classes);
    if (bad) {
      throw errorAt(
        bad.place,
        'classLabel',
        `label ${bad.label} is not a class: with ${classes} classes every label must be a whole number from 0 to ${classes - 1}.`,
        { value: bad.label, classes, last: classes - 1 },
      );
    }
    return { problem: 'classification', classes, points: rows.map((r) => ({ x: r.x, y: r.y, label: r.label })) };
  }
  const isPlusMinusOne = rows.every((r) => r.label === -1 || r.label === 1);
  const isZeroOne = rows.every((r) => r.label === 0 || r.label === 1);
  if (isPlusMinusOne || isZeroOne) {
    return {
      problem: 'classification',
      points: rows.map((r) => ({ x: r.x, y: r.y, label: r.label === 0 ? -1 : r.label })),
    };
  }
  const bad = rows.find((r) => r.label < -1 || r.label > 1);
  if (bad) {
    throw errorAt(
      bad.place,
      'labelRange',
      `label ${bad.label} is outside -1 to 1. ` +
        'For classification every label must be -1 or 1 (or 0 or 1); for regression every label must be from -1 to 1.',
      { value: bad.label },
    );
  }
  return { problem: 'regression', points: rows.map((r) => ({ x: r.x, y: r.y, label: r.label })) };
}

function tooMany(count: number): DatasetError {
  return new DatasetError(
    'tooMany',
    `The file has more than ${fmt(MAX_IMPORT_POINTS)} points (${fmt(count)} so far); at most ${fmt(MAX_IMPORT_POINTS)} can be imported.`,
    { max: MAX_IMPORT_POINTS, found: count },
  );
}

function tooFew(count: number): DatasetError {
  return new DatasetError(
    'tooFew',
    `The file has only ${fmt(count)} point; at least ${fmt(MIN_IMPORT_POINTS)} are needed, some to train on and some to test with.`,
    { min: MIN_IMPORT_POINTS, found: count },
  );
}

function unquote(field: string): string {
  const s = field.trim();
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).trim() : s;
}

const SEPARATOR_NAMES: Record<string, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' };

/** Parses x,y,label rows from CSV text (see the module comment). Throws a DatasetError naming the line. */
export function parsePointsCsv(text: string, options?: ParseOptions): ParsedPoints {
  const classes = manyClasses(options);
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let separator: string | undefined;
  // Which field holds x, y and label; set by the header or the first data line.
  let columnIndex: Record<Column, number> | undefined;
  let fieldCount = 3;
  const rows: RawRow[] = [];

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const place: Place = { line: i + 1 };
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;

    if (separator === undefined) {
      separator = trimmed.includes('\t') ? '\t' : trimmed.includes(';') ? ';' : ',';
    }
    const fields = raw.split(separator).map(unquote);

    if (columnIndex === undefined) {
      // A first line with no number at all is a header (one with some numbers
      // is data, so "1,2,abc" is reported as a bad label, not a bad header).
      const isHeader = !fields.some((f) => NUMBER_RE.test(f.replace(',', '.')));
      if (isHeader) {
        // Find the three columns by name.
        const names = fields.map((f) => f.toLowerCase());
        const index = {} as Record<Column, number>;
        for (const c of COLUMNS) {
          const at = names.findIndex((n) => (HEADER_NAMES[c] as readonly string[]).includes(n));
          if (at < 0) {
            const found = quoted(fields.map((f) => `'${f}'`).join(', '));
            throw errorAt(
              place,
              'headerColumn',
              `this looks like a header, but it has no '${c}' column. ` +
                `Name the columns x, y and label (found: ${found}), or remove the header.`,
              { column: c, found },
            );
          }
          index[c] = at;
        }
        columnIndex = index;
        fieldCount = fields.length;
        continue;
      }
      columnIndex = { x: 0, y: 1, label: 2 };
    }

    if (fields.length !== fieldCount) {
      const sepName = SEPARATOR_NAMES[separator] ?? 'commas';
      const params = { expected: fieldCount, separator: sepName, found: fields.length };
      throw fieldCount === 3
        ? errorAt(place, 'fieldCount', `expected 3 values separated by ${sepName} (x, y, label), found ${fields.length}.`, params)
        : errorAt(place, 'fieldCountHeader', `expected ${fieldCount} values separated by ${sepName}, found ${fields.length}.`, params);
    }
    const value = (c: Column): number => {
      let s = fields[columnIndex![c]];
      // A decimal comma is possible only when commas do not separate values.
      if (separator !== ',' && s !== undefined) s = s.replace(/^([+-]?\d*),(\d+)$/, '$1.$2');
      return readNumber(s, c, place);
    };
    const row: RawRow = { x: value('x'), y: value('y'), label: value('label'), place };
    checkCoordinates(row);
    rows.push(row);
    if (rows.length > MAX_IMPORT_POINTS) throw tooMany(rows.length);
  }
  return interpretLabels(
    rows,
    new DatasetError('noPointsCsv', 'The file has no data points: write one point per line as x,y,label.'),
    classes,
  );
}

/**
 * A JSON value as a message shows it: its JSON text down to two levels, then
 * `[…]` or `{…}`, and at most four items of each array or object. (A file may
 * nest thousands of levels deep, too deep for JSON.stringify's recursion.)
 */
function jsonText(v: unknown, depth = 0): string {
  const more = (count: number): string => (count > 4 ? ',…' : '');
  if (Array.isArray(v)) {
    if (depth >= 2) return v.length === 0 ? '[]' : '[…]';
    return `[${v.slice(0, 4).map((item) => jsonText(item, depth + 1)).join(',')}${more(v.length)}]`;
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v);
    if (depth >= 2) return entries.length === 0 ? '{}' : '{…}';
    const shown = entries.slice(0, 4).map(([key, item]) => `${JSON.stringify(key)}:${jsonText(item, depth + 1)}`);
    return `{${shown.join(',')}${more(entries.length)}}`;
  }
  return JSON.stringify(v) ?? String(v);
}

/** Reads a JSON value as a finite number, for the item at `place`. */
function jsonNumber(v: unknown, column: Column, place: Place): number {
  if (v === undefined || v === null) throw errorAt(place, 'missing', `${column} is missing.`, { column });
  if (typeof v === 'string') return readNumber(v, column, place);
  if (typeof v !== 'number') {
    const value = quoted(jsonText(v));
    throw errorAt(place, 'jsonNotANumber', `${column} ${value} is not a number.`, { column, value });
  }
  if (!Number.isFinite(v)) throw errorAt(place, 'notFinite', `${column} is not a finite number.`, { column });
  return v;
}

/** Parses a JSON array of {x, y, label} (see the module comment). Throws a DatasetError naming the item. */
export function parsePointsJson(text: string, options?: ParseOptions): ParsedPoints {
  const classes = manyClasses(options);
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new DatasetError('invalidJson', `The file is not valid JSON: ${detail}`, { detail });
  }
  if (data !== null && typeof data === 'object' && !Array.isArray(data) && 'points' in data) {
    data = (data as { points: unknown }).points;
  }
  if (!Array.isArray(data)) {
    throw new DatasetError(
      'jsonNotArray',
      'The JSON must be an array of points such as [{"x": 1.5, "y": -2, "label": 1}, ...].',
    );
  }
  if (data.length > MAX_IMPORT_POINTS) throw tooMany(data.length);
  const rows: RawRow[] = data.map((item: unknown, i): RawRow => {
    const place: Place = { item: i + 1 };
    let xv: unknown;
    let yv: unknown;
    let lv: unknown;
    if (Array.isArray(item)) {
      if (item.length !== 3) {
        throw errorAt(place, 'itemLength', `expected [x, y, label], found ${item.length} values.`, { found: item.length });
      }
      [xv, yv, lv] = item as unknown[];
    } else if (item !== null && typeof item === 'object') {
      const o = item as Record<string, unknown>;
      xv = o['x'];
      yv = o['y'];
      lv = o['label'];
    } else {
      const found = quoted(JSON.stringify(item));
      throw errorAt(place, 'notAPoint', `expected a point like {"x": 1.5, "y": -2, "label": 1}, found ${found}.`, { found });
    }
    const row: RawRow = {
      x: jsonNumber(xv, 'x', place),
      y: jsonNumber(yv, 'y', place),
      label: jsonNumber(lv, 'label', place),
      place,
    };
    checkCoordinates(row);
    return row;
  });
  return interpretLabels(rows, new DatasetError('noPointsJson', 'The JSON array has no points.'), classes);
}

/** Parses either format: JSON if the text starts with '[' or '{', CSV otherwise. */
export function parsePoints(text: string, options?: ParseOptions): ParsedPoints {
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '[' || first === '{' ? parsePointsJson(text, options) : parsePointsCsv(text, options);
}

/** Writes points as CSV with an `x,y,label` header, readable by `parsePointsCsv`. */
export function formatPointsCsv(points: readonly Example2D[]): string {
  return ['x,y,label', ...points.map((p) => `${p.x},${p.y},${p.label}`)].join('\n') + '\n';
}
