/**
 * What the property tests of the import need: random valid points, the files
 * a user may write for them (CSV in its accepted variants, JSON in its three
 * shapes) and the ways such a file gets damaged.
 */
import fc from 'fast-check';
import { COORD_LIMIT, HEADER_NAMES, MAX_IMPORT_POINTS, formatPointsCsv, type Example2D, type Problem } from '@nn/datasets';

// ---------------------------------------------------------------- points

/** Points as a file writes them, and what reading them must give. */
export interface PointSet {
  /** The labels as written: -1/1, 0/1 (0 read as -1) or regression values. */
  readonly written: readonly Example2D[];
  readonly problem: Problem;
  readonly points: readonly Example2D[];
}

const coordArb = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -COORD_LIMIT, max: COORD_LIMIT, noNaN: true }) },
  { weight: 3, arbitrary: fc.integer({ min: -COORD_LIMIT, max: COORD_LIMIT }) },
  { weight: 1, arbitrary: fc.constantFrom(-6, 6, 0, -0, 5e-324, -5e-324, 1e-7, 5.999999999999999, 0.1 + 0.2, 0.5) },
);
const regressionLabelArb = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -1, max: 1, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 1, 0, 0.5, -0.25, 1e-9) },
);

function pointsOf(count: fc.Arbitrary<number>): fc.Arbitrary<PointSet> {
  return fc.constantFrom('plusMinus' as const, 'zeroOne' as const, 'regression' as const).chain((kind) =>
    count.chain((n) =>
      fc
        .array(
          fc.record({
            x: coordArb,
            y: coordArb,
            label: kind === 'regression' ? regressionLabelArb : kind === 'zeroOne' ? fc.constantFrom(0, 1) : fc.constantFrom(-1, 1),
          }),
          { minLength: n, maxLength: n },
        )
        .map((written): PointSet => {
          // The reading rule: all -1/1, else all 0/1 (0 is -1), else regression.
          const plusMinus = written.every((p) => p.label === -1 || p.label === 1);
          const zeroOne = written.every((p) => p.label === 0 || p.label === 1);
          const problem: Problem = plusMinus || zeroOne ? 'classification' : 'regression';
          const points = written.map((p) => ({ x: p.x, y: p.y, label: !plusMinus && zeroOne && p.label === 0 ? -1 : p.label }));
          return { written, problem, points };
        }),
    ),
  );
}

/** Small sets: 2 to 40 points, one in 30 up to 400. */
export const smallPointSetArb: fc.Arbitrary<PointSet> = pointsOf(
  fc.oneof({ weight: 29, arbitrary: fc.integer({ min: 2, max: 40 }) }, { weight: 1, arbitrary: fc.integer({ min: 41, max: 400 }) }),
);

/** Exactly the most points a file may hold: a small set repeated (drawing 10,000 points one by one is slow). */
const fullPointSetArb: fc.Arbitrary<PointSet> = pointsOf(fc.integer({ min: 2, max: 20 })).map((set) => {
  const tile = <T>(items: readonly T[]): T[] => Array.from({ length: MAX_IMPORT_POINTS }, (_, i) => items[i % items.length]!);
  return { written: tile(set.written), problem: set.problem, points: tile(set.points) };
});

/** Mostly small sets, and about one in 500 of exactly the most a file may hold. */
export const pointSetArb: fc.Arbitrary<PointSet> = fc.oneof(
  { weight: 500, arbitrary: smallPointSetArb },
  { weight: 1, arbitrary: fullPointSetArb },
);

// ---------------------------------------------------------------- garbage

/** A cell or a JSON string that is no usable number: empty, NaN, infinite, huge, odd digits, unicode, very long. */
export const badCellArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      'NaN',
      'nan',
      '-NaN',
      'Infinity',
      '-Infinity',
      'inf',
      '1e400',
      '-1e400',
      '1e308',
      '-1.7976931348623157e308',
      '9'.repeat(400),
      '0x10',
      '0b1',
      '1_000',
      '1.2.3',
      '1e',
      'e1',
      '.',
      '-',
      '+',
      '--1',
      '1-',
      '١',
      '７',
      '½',
      'abc',
      'true',
      'null',
      '"',
      '""',
      '"1',
      "'1'",
      '\uFEFF',
      '\u00A0',
      '\u0000',
      '\uD800',
      '😀',
      '6.0000001',
      '-7',
      '12',
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 10 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 10 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...'0123456789.,;-+eE" \t'), maxLength: 10 }) },
  { weight: 1, arbitrary: fc.double().map(String) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('9', '1', 'a', '-', '9,', 'x,y,'), fc.integer({ min: 100, max: 20_000 }))
      .map(([unit, times]) => unit.repeat(times) + 'x'),
  },
);

/** Labels that are out of range for either problem (or that turn a classification set into regression). */
export const badLabelArb = fc.constantFrom('2', '-2', '1.0001', '-1.5', '0.5', '1e3', '-0.0001', '3');

// ---------------------------------------------------------------- CSV

type Column = 'x' | 'y' | 'label' | 'id';

export interface CsvFile {
  /** The header's names, or none. */
  readonly header: string[] | undefined;
  /** Which column each field is. */
  readonly columns: Column[];
  readonly rows: string[][];
  readonly separator: ',' | ';' | '\t';
  readonly eol: '\n' | '\r\n' | '\r';
  readonly bom: boolean;
  readonly comment: boolean;
  readonly trailingEol: boolean;
}

function numberText(n: number, decimalComma: boolean): string {
  const text = String(n);
  return decimalComma && /^[+-]?\d*\.\d+$/.test(text) ? text.replace('.', ',') : text;
}

/** A valid CSV file for a point set, in one of the accepted variants. */
export function csvFileArb(set: PointSet): fc.Arbitrary<CsvFile> {
  return fc
    .record({
      headerKind: fc.constantFrom('standard' as const, 'none' as const, 'named' as const),
      order: fc.constantFrom<Column[]>(['x', 'y', 'label'], ['label', 'x', 'y'], ['y', 'label', 'x'], ['id', 'x', 'y', 'label'], ['x', 'id', 'label', 'y']),
      names: fc.record({
        x: fc.constantFrom(...HEADER_NAMES.x, 'X', 'X1'),
        y: fc.constantFrom(...HEADER_NAMES.y, 'Y'),
        label: fc.constantFrom(...HEADER_NAMES.label, 'Label', 'CLASS'),
        id: fc.constantFrom('id', 'name', 'No.'),
      }),
      separator: fc.constantFrom(',' as const, ';' as const, '\t' as const),
      decimalComma: fc.boolean(),
      quote: fc.boolean(),
      eol: fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const),
      bom: fc.boolean(),
      comment: fc.boolean(),
      trailingEol: fc.boolean(),
    })
    .map((o): CsvFile => {
      // Without a header the columns are x, y, label; a header may order them and add others.
      const columns: Column[] = o.headerKind === 'none' ? ['x', 'y', 'label'] : o.headerKind === 'standard' ? ['x', 'y', 'label'] : o.order;
      const comma = o.separator !== ',' && o.decimalComma;
      const quote = (text: string): string => (o.quote ? `"${text}"` : text);
      const rows = set.written.map((p, i) =>
        columns.map((c) => quote(c === 'id' ? `p${i}` : numberText(c === 'x' ? p.x : c === 'y' ? p.y : p.label, comma))),
      );
      const header = o.headerKind === 'none' ? undefined : columns.map((c) => (o.headerKind === 'standard' ? c : o.names[c]));
      return { header, columns, rows, separator: o.separator, eol: o.eol, bom: o.bom, comment: o.comment, trailingEol: o.trailingEol };
    });
}

export function renderCsv(file: CsvFile): string {
  const lines = [
    ...(file.comment ? ['# my points'] : []),
    ...(file.header ? [file.header.join(file.separator)] : []),
    ...file.rows.map((row) => row.join(file.separator)),
  ];
  return (file.bom ? '\uFEFF' : '') + lines.join(file.eol) + (file.trailingEol ? file.eol : '');
}

/** A change to a CSV file's cells and rows. */
export type CsvDamage =
  | { readonly kind: 'cell'; readonly row: number; readonly column: number; readonly text: string }
  | { readonly kind: 'label'; readonly row: number; readonly text: string }
  | { readonly kind: 'extraColumn'; readonly row: number; readonly text: string; readonly all: boolean }
  | { readonly kind: 'missingColumn'; readonly row: number; readonly all: boolean }
  | { readonly kind: 'separator'; readonly row: number; readonly separator: string; readonly all: boolean }
  | { readonly kind: 'header'; readonly change: 'remove' | 'drop' | 'rename' | 'add'; readonly column: number; readonly text: string }
  | { readonly kind: 'tooMany' }
  | { readonly kind: 'empty'; readonly keepHeader: boolean }
  | { readonly kind: 'dropRows'; readonly keep: number };

const nat = fc.nat();
export const csvDamageArb: fc.Arbitrary<CsvDamage> = fc.oneof(
  { weight: 24, arbitrary: fc.record({ kind: fc.constant('cell' as const), row: nat, column: nat, text: badCellArb }) },
  { weight: 9, arbitrary: fc.record({ kind: fc.constant('label' as const), row: nat, text: badLabelArb }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('extraColumn' as const), row: nat, text: fc.oneof(badCellArb, fc.constant('1')), all: fc.boolean() }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('missingColumn' as const), row: nat, all: fc.boolean() }) },
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('separator' as const), row: nat, separator: fc.constantFrom(',', ';', '\t', ' ', '|', ', '), all: fc.boolean() }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('header' as const),
      change: fc.constantFrom('remove' as const, 'drop' as const, 'rename' as const, 'add' as const),
      column: nat,
      text: fc.oneof(badCellArb, fc.constantFrom('x', 'y', 'label', 'z', 'X1', 'value')),
    }),
  },
  // Rare: a file with more points than allowed takes a few milliseconds to write and read.
  { weight: 1, arbitrary: fc.constant({ kind: 'tooMany' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('empty' as const), keepHeader: fc.boolean() }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('dropRows' as const), keep: fc.integer({ min: 0, max: 2 }) }) },
);

export function damageCsv(file: CsvFile, damage: CsvDamage): CsvFile {
  const rows = file.rows.map((row) => [...row]);
  const at = (n: number): number => (rows.length === 0 ? -1 : n % rows.length);
  switch (damage.kind) {
    case 'cell': {
      const r = at(damage.row);
      if (r >= 0) rows[r]![damage.column % rows[r]!.length] = damage.text;
      return { ...file, rows };
    }
    case 'label': {
      const r = at(damage.row);
      const column = file.columns.indexOf('label');
      if (r >= 0 && column < rows[r]!.length) rows[r]![column] = damage.text;
      return { ...file, rows };
    }
    case 'extraColumn':
      for (const [i, row] of rows.entries()) if (damage.all || i === at(damage.row)) row.push(damage.text);
      return { ...file, rows };
    case 'missingColumn':
      for (const [i, row] of rows.entries()) if (damage.all || i === at(damage.row)) row.pop();
      return { ...file, rows };
    case 'separator': {
      // Rows written with another separator: joined with it into one field, as the reader will split them.
      const joined = (row: string[]): string[] => [row.join(damage.separator)];
      return { ...file, rows: rows.map((row, i) => (damage.all || i === at(damage.row) ? joined(row) : row)) };
    }
    case 'header': {
      if (!file.header) return { ...file, header: damage.change === 'add' ? ['x', 'y', 'label'] : undefined };
      if (damage.change === 'remove') return { ...file, header: undefined };
      const header = [...file.header];
      const c = damage.column % header.length;
      if (damage.change === 'drop') header.splice(c, 1);
      else if (damage.change === 'rename') header[c] = damage.text;
      else header.push(damage.text);
      return { ...file, header };
    }
    case 'tooMany': {
      const row = file.columns.map((c) => (c === 'label' ? '1' : c === 'id' ? 'p' : '0'));
      return { ...file, rows: Array.from({ length: MAX_IMPORT_POINTS + 1 }, () => row) };
    }
    case 'empty':
      return { ...file, rows: [], header: damage.keepHeader ? file.header : undefined, comment: false };
    case 'dropRows':
      return { ...file, rows: rows.slice(0, damage.keep) };
  }
}

// ---------------------------------------------------------------- JSON

export type JsonShape = 'objects' | 'arrays' | 'wrapped';

/** A valid JSON file's value: an array of {x, y, label}, of [x, y, label], or {points: [...]}; numbers sometimes as strings. */
export function jsonValueArb(set: PointSet): fc.Arbitrary<{ value: unknown; indent: number | undefined }> {
  return fc
    .record({
      shape: fc.constantFrom<JsonShape>('objects', 'arrays', 'wrapped'),
      strings: fc.boolean(),
      indent: fc.constantFrom(undefined, 2),
    })
    .map(({ shape, strings, indent }) => {
      const n = (v: number): number | string => (strings ? String(v) : v);
      const items = set.written.map((p) => (shape === 'arrays' ? [n(p.x), n(p.y), n(p.label)] : { x: n(p.x), y: n(p.y), label: n(p.label) }));
      return { value: shape === 'wrapped' ? { points: items } : items, indent };
    });
}

/** A JSON number that JSON.stringify cannot write (so it is spliced into the text). */
const RAW = '\u0000raw:';
const raw = (text: string): string => `${RAW}${text}`;

export function renderJson(value: unknown, indent: number | undefined): string {
  // Nothing (undefined) writes an empty file.
  return (JSON.stringify(value, null, indent) ?? '').replace(/"\\u0000raw:((?:[^"\\]|\\.)*)"/g, (_, text: string) => JSON.parse(`"${text}"`) as string);
}

/** How deep a value nests: mostly a few levels, sometimes thousands (JSON.stringify overflows from about 5,000). */
const depthArb = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 10 }) }, { weight: 1, arbitrary: fc.integer({ min: 4_000, max: 12_000 }) });

/** A value of the wrong type, or nested deep (deep enough that a recursive writer runs out of stack). */
export const badJsonValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(null, true, false, '', 'abc', [], {}, [1], { x: 1 }, [[1, 2, 3]], raw('1e400'), raw('-1e400'), raw('1e308'), raw('-0')) },
  { weight: 3, arbitrary: badCellArb },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  // Spliced in as text: a value this deep would be too deep for the test's own JSON.stringify.
  { weight: 2, arbitrary: depthArb.map((depth) => raw('['.repeat(depth) + ']'.repeat(depth))) },
  { weight: 1, arbitrary: depthArb.map((depth) => raw(`${'{"x":'.repeat(depth)}1${'}'.repeat(depth)}`)) },
);

export type JsonDamage =
  | { readonly kind: 'item'; readonly at: number; readonly value: unknown }
  | { readonly kind: 'field'; readonly at: number; readonly field: number; readonly value: unknown }
  | { readonly kind: 'dropField'; readonly at: number; readonly field: number }
  | { readonly kind: 'extraField'; readonly at: number; readonly value: unknown }
  | { readonly kind: 'label'; readonly at: number; readonly text: string }
  | { readonly kind: 'wrap'; readonly how: 'array' | 'points' | 'data' | 'pointsTwice' | 'unwrap' }
  | { readonly kind: 'replaceAll'; readonly value: unknown }
  | { readonly kind: 'tooMany' }
  | { readonly kind: 'empty' };

export const jsonDamageArb: fc.Arbitrary<JsonDamage> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant('item' as const), at: nat, value: badJsonValueArb }) },
  { weight: 24, arbitrary: fc.record({ kind: fc.constant('field' as const), at: nat, field: nat, value: badJsonValueArb }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('dropField' as const), at: nat, field: nat }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('extraField' as const), at: nat, value: badJsonValueArb }) },
  { weight: 9, arbitrary: fc.record({ kind: fc.constant('label' as const), at: nat, text: badLabelArb }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('wrap' as const),
      how: fc.constantFrom('array' as const, 'points' as const, 'data' as const, 'pointsTwice' as const, 'unwrap' as const),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('replaceAll' as const), value: badJsonValueArb }) },
  // Rare, as for CSV.
  { weight: 1, arbitrary: fc.constant({ kind: 'tooMany' as const }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'empty' as const }) },
);

function itemsOf(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === 'object' && Array.isArray((value as { points?: unknown }).points)) {
    return (value as { points: unknown[] }).points;
  }
  return undefined;
}

export function damageJson(value: unknown, damage: JsonDamage): unknown {
  const items = itemsOf(value);
  const withItems = (next: unknown[]): unknown => (Array.isArray(value) ? next : { ...(value as object), points: next });
  if (!items) return damage.kind === 'wrap' ? { points: value } : value;
  const copy = items.map((item) => (Array.isArray(item) ? [...item] : item !== null && typeof item === 'object' ? { ...item } : item));
  const at = (n: number): number => (copy.length === 0 ? -1 : n % copy.length);
  const fieldKey = (item: unknown, n: number): string | number => (Array.isArray(item) ? n % 3 : (['x', 'y', 'label'] as const)[n % 3]!);
  switch (damage.kind) {
    case 'item': {
      const i = at(damage.at);
      if (i >= 0) copy[i] = damage.value;
      return withItems(copy);
    }
    case 'field':
    case 'dropField':
    case 'label': {
      const i = at(damage.at);
      const item = i >= 0 ? copy[i] : undefined;
      if (item === null || typeof item !== 'object') return withItems(copy);
      const key = damage.kind === 'label' ? (Array.isArray(item) ? 2 : 'label') : fieldKey(item, damage.field);
      const target = item as Record<string | number, unknown>;
      if (damage.kind === 'dropField') {
        if (Array.isArray(item)) item.splice(key as number, 1);
        else delete target[key];
      } else {
        target[key] = damage.kind === 'label' ? raw(damage.text) : damage.value;
      }
      return withItems(copy);
    }
    case 'extraField': {
      const i = at(damage.at);
      const item = i >= 0 ? copy[i] : undefined;
      if (Array.isArray(item)) item.push(damage.value);
      else if (item !== null && typeof item === 'object') (item as Record<string, unknown>)['extra'] = damage.value;
      return withItems(copy);
    }
    case 'wrap':
      switch (damage.how) {
        case 'array':
          return [value];
        case 'points':
          return { points: value };
        case 'data':
          return { data: copy };
        case 'pointsTwice':
          return { points: { points: copy } };
        case 'unwrap':
          return copy[0];
      }
      return value;
    case 'replaceAll':
      return damage.value;
    case 'tooMany':
      return withItems(Array.from({ length: MAX_IMPORT_POINTS + 1 }, () => [0, 0, 1]));
    case 'empty':
      return withItems([]);
  }
}

// ---------------------------------------------------------------- damage to the text

export type TextDamage =
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'joinLines'; readonly at: number }
  | { readonly kind: 'cutLine'; readonly at: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'bom'; readonly at: number }
  | { readonly kind: 'eol'; readonly eol: string }
  | { readonly kind: 'separators'; readonly from: string; readonly to: string }
  | { readonly kind: 'replaceChar'; readonly at: number; readonly char: string };

export const textDamageArb: fc.Arbitrary<TextDamage> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: nat }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('joinLines' as const), at: nat }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cutLine' as const), at: nat }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: nat, text: fc.oneof(badCellArb, fc.constantFrom('"', ',', ';', '\t', '\n', '[', ']', '{', '}', ':', '#')) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bom' as const), at: nat }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('eol' as const), eol: fc.constantFrom('\r\n', '\r', '\n\n', '\u2028', '\u0085') }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('separators' as const), from: fc.constantFrom(',', ';', '\t', '.'), to: fc.constantFrom(',', ';', '\t', ' ', '|', '.') }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('replaceChar' as const), at: nat, char: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }) },
);

export function damageText(text: string, damage: TextDamage): string {
  const at = (n: number): number => n % (text.length + 1);
  switch (damage.kind) {
    case 'truncate':
      return text.slice(0, at(damage.at));
    case 'joinLines': {
      const breaks = [...text.matchAll(/\r\n|\n|\r/g)];
      const hit = breaks.length === 0 ? undefined : breaks[damage.at % breaks.length]!;
      return hit === undefined ? text : text.slice(0, hit.index) + text.slice(hit.index + hit[0].length);
    }
    case 'cutLine': {
      const i = at(damage.at);
      return `${text.slice(0, i)}\n${text.slice(i)}`;
    }
    case 'insert': {
      const i = at(damage.at);
      return text.slice(0, i) + damage.text + text.slice(i);
    }
    case 'bom': {
      const i = at(damage.at);
      return `${text.slice(0, i)}\uFEFF${text.slice(i)}`;
    }
    case 'eol':
      return text.replace(/\r\n|\n|\r/g, damage.eol);
    case 'separators':
      return text.split(damage.from).join(damage.to);
    case 'replaceChar': {
      const i = damage.at % Math.max(text.length, 1);
      return text.slice(0, i) + damage.char + text.slice(i + 1);
    }
  }
}

/** The CSV the page exports (formatPointsCsv), for the points as written. */
export function exportedCsv(set: PointSet): string {
  return formatPointsCsv(set.written);
}
