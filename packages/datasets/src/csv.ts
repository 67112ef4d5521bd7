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
 * finite numbers, coordinates within the playground's [-6, 6]², at most
 * 10,000 points, and labels that make sense:
 * - every label is -1 or 1 -> classification;
 * - else every label is 0 or 1 -> classification with 0 read as -1;
 * - else regression, and every label must be within [-1, 1].
 */
import { DatasetError } from './errors.js';
import type { Example2D, Problem } from './generators.js';

/** Most points a file may hold. */
export const MAX_IMPORT_POINTS = 10_000;
/** Coordinates must lie within [-COORD_LIMIT, COORD_LIMIT], the playground's square. */
export const COORD_LIMIT = 6;

export interface ParsedPoints {
  readonly points: Example2D[];
  readonly problem: Problem;
}

/** Column names a CSV header may use (compared case-insensitively). */
export const HEADER_NAMES = {
  x: ['x', 'x1', 'x₁'],
  y: ['y', 'x2', 'x₂'],
  label: ['label', 'class', 'target', 'value'],
} as const;

type Column = keyof typeof HEADER_NAMES;
const COLUMNS: readonly Column[] = ['x', 'y', 'label'];

/** A row before the labels are interpreted; `where` says "Line 7" or "Item 7". */
interface RawRow {
  x: number;
  y: number;
  label: number;
  where: string;
  line: number | undefined;
}

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/** Reads one value as a finite number or throws naming the place, the column and the text. */
function readNumber(text: string | undefined, column: Column, where: string, line: number | undefined): number {
  const s = (text ?? '').trim();
  if (s === '') throw new DatasetError(`${where}: ${column} is missing.`, line);
  if (!NUMBER_RE.test(s)) throw new DatasetError(`${where}: ${column} '${s}' is not a number.`, line);
  const v = Number(s);
  if (!Number.isFinite(v)) throw new DatasetError(`${where}: ${column} '${s}' is too large to be a number here.`, line);
  return v;
}

function checkCoordinates(row: RawRow): void {
  for (const c of ['x', 'y'] as const) {
    const v = row[c];
    if (v < -COORD_LIMIT || v > COORD_LIMIT) {
      throw new DatasetError(
        `${row.where}: ${c} = ${v} is outside the playground, which spans -${COORD_LIMIT} to ${COORD_LIMIT}.`,
        row.line,
      );
    }
  }
}

/** Decides classification or regression and maps the labels (see the module comment). */
function interpretLabels(rows: readonly RawRow[], emptyMessage: string): ParsedPoints {
  if (rows.length === 0) throw new DatasetError(emptyMessage);
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
    throw new DatasetError(
      `${bad.where}: label ${bad.label} is outside -1 to 1. ` +
        'For classification every label must be -1 or 1 (or 0 or 1); for regression every label must be from -1 to 1.',
      bad.line,
    );
  }
  return { problem: 'regression', points: rows.map((r) => ({ x: r.x, y: r.y, label: r.label })) };
}

function tooMany(count: number): DatasetError {
  return new DatasetError(`The file has more than ${fmt(MAX_IMPORT_POINTS)} points (${fmt(count)} so far); at most ${fmt(MAX_IMPORT_POINTS)} can be imported.`);
}

function unquote(field: string): string {
  const s = field.trim();
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).trim() : s;
}

const SEPARATOR_NAMES: Record<string, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' };

/** Parses x,y,label rows from CSV text (see the module comment). Throws a DatasetError naming the line. */
export function parsePointsCsv(text: string): ParsedPoints {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let separator: string | undefined;
  // Which field holds x, y and label; set by the header or the first data line.
  let columnIndex: Record<Column, number> | undefined;
  let fieldCount = 3;
  const rows: RawRow[] = [];

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineNo = i + 1;
    const where = `Line ${lineNo}`;
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
            throw new DatasetError(
              `${where}: this looks like a header, but it has no '${c}' column. ` +
                `Name the columns x, y and label (found: ${fields.map((f) => `'${f}'`).join(', ')}), or remove the header.`,
              lineNo,
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
      throw new DatasetError(
        `${where}: expected ${fieldCount} values separated by ${sepName}` +
          (fieldCount === 3 ? ' (x, y, label)' : '') +
          `, found ${fields.length}.`,
        lineNo,
      );
    }
    const value = (c: Column): number => {
      let s = fields[columnIndex![c]];
      // A decimal comma is possible only when commas do not separate values.
      if (separator !== ',' && s !== undefined) s = s.replace(/^([+-]?\d*),(\d+)$/, '$1.$2');
      return readNumber(s, c, where, lineNo);
    };
    const row: RawRow = { x: value('x'), y: value('y'), label: value('label'), where, line: lineNo };
    checkCoordinates(row);
    rows.push(row);
    if (rows.length > MAX_IMPORT_POINTS) throw tooMany(rows.length);
  }
  return interpretLabels(rows, 'The file has no data points: write one point per line as x,y,label.');
}

/** Reads a JSON value as a finite number, for item `where`. */
function jsonNumber(v: unknown, column: Column, where: string): number {
  if (v === undefined || v === null) throw new DatasetError(`${where}: ${column} is missing.`);
  if (typeof v === 'string') return readNumber(v, column, where, undefined);
  if (typeof v !== 'number') throw new DatasetError(`${where}: ${column} ${JSON.stringify(v)} is not a number.`);
  if (!Number.isFinite(v)) throw new DatasetError(`${where}: ${column} is not a finite number.`);
  return v;
}

/** Parses a JSON array of {x, y, label} (see the module comment). Throws a DatasetError naming the item. */
export function parsePointsJson(text: string): ParsedPoints {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new DatasetError(`The file is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (data !== null && typeof data === 'object' && !Array.isArray(data) && 'points' in data) {
    data = (data as { points: unknown }).points;
  }
  if (!Array.isArray(data)) {
    throw new DatasetError('The JSON must be an array of points such as [{"x": 1.5, "y": -2, "label": 1}, ...].');
  }
  if (data.length > MAX_IMPORT_POINTS) throw tooMany(data.length);
  const rows: RawRow[] = data.map((item: unknown, i): RawRow => {
    const where = `Item ${i + 1}`;
    let xv: unknown;
    let yv: unknown;
    let lv: unknown;
    if (Array.isArray(item)) {
      if (item.length !== 3) throw new DatasetError(`${where}: expected [x, y, label], found ${item.length} values.`);
      [xv, yv, lv] = item as unknown[];
    } else if (item !== null && typeof item === 'object') {
      const o = item as Record<string, unknown>;
      xv = o['x'];
      yv = o['y'];
      lv = o['label'];
    } else {
      throw new DatasetError(`${where}: expected a point like {"x": 1.5, "y": -2, "label": 1}, found ${JSON.stringify(item)}.`);
    }
    const row: RawRow = {
      x: jsonNumber(xv, 'x', where),
      y: jsonNumber(yv, 'y', where),
      label: jsonNumber(lv, 'label', where),
      where,
      line: undefined,
    };
    checkCoordinates(row);
    return row;
  });
  return interpretLabels(rows, 'The JSON array has no points.');
}

/** Parses either format: JSON if the text starts with '[' or '{', CSV otherwise. */
export function parsePoints(text: string): ParsedPoints {
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '[' || first === '{' ? parsePointsJson(text) : parsePointsCsv(text);
}

/** Writes points as CSV with an `x,y,label` header, readable by `parsePointsCsv`. */
export function formatPointsCsv(points: readonly Example2D[]): string {
  return ['x,y,label', ...points.map((p) => `${p.x},${p.y},${p.label}`)].join('\n') + '\n';
}
