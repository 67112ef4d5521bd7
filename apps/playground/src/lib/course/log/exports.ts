/**
 * What leaves the app as files: the whole log as CSV (data for a script or a
 * spreadsheet) and the homework table as CSV or Markdown (for handing in),
 * with the student's name and number and the student's observations after
 * the table. (The hand-in file, which a teacher's app can check, is
 * handin.ts.)
 */
import { ACTIVATION_LABELS, formatLoss, formatNeurons } from './format.js';
import type { HomeworkDataset, HomeworkRow } from './homework.js';
import type { RunRecord } from './records.js';
import { NO_STUDENT, trimStudent, type Student } from './student.js';

/** RFC 4180: a field with a comma, a double quote, CR or LF is quoted, inner quotes doubled. */
export function csvField(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows to CSV: fields joined by commas, lines ended by CRLF (RFC 4180), including the last. */
export function toCsv(rows: readonly (readonly (string | number | undefined)[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/** The log CSV's columns: every RunRecord field, in this order, named as in RunRecord. */
export const LOG_CSV_COLUMNS = [
  'id',
  'recordedAt',
  'dataset',
  'problem',
  'activation',
  'batchSize',
  'hiddenLayers',
  'neurons',
  'features',
  'learningRate',
  'regularization',
  'regularizationRate',
  'noise',
  'percTrainData',
  'epochs',
  'trainLoss',
  'testLoss',
  'seed',
  'hash',
  'engine',
  'note',
] as const satisfies readonly (keyof RunRecord)[];

/** The log CSV's last two columns: who the log is of (the same on every row; empty when not typed in). */
export const LOG_CSV_STUDENT_COLUMNS = ['studentName', 'studentNumber'] as const;

/**
 * The whole log as CSV for a spreadsheet or a script: a header row with the
 * field names (English identifiers, the same in every language, so scripts
 * can rely on them), then one row per record, oldest first. Numbers are
 * written at full precision (JavaScript's shortest round-trip form, '.' as
 * decimal point): the CSV is the data, rounding is left to whoever reads it.
 * Lists (neurons, features) are joined with ", " and therefore quoted.
 * The student's name and number close every row (after the record's own
 * fields, so a script reading columns by position keeps working).
 * No byte-order mark here; the download adds one so that Excel reads UTF-8.
 */
export function logToCsv(records: readonly RunRecord[], student: Student = NO_STUDENT): string {
  const who = trimStudent(student);
  const rows = records.map((record) => [
    ...LOG_CSV_COLUMNS.map((column) => {
      const value = record[column];
      if (Array.isArray(value)) return value.join(', ');
      return value as string | number | undefined;
    }),
    who.name,
    who.number,
  ]);
  return toCsv([[...LOG_CSV_COLUMNS, ...LOG_CSV_STUDENT_COLUMNS], ...rows]);
}

/** The words of the homework exports, in the reader's language (the page takes them from i18n). */
export interface HomeworkWords {
  readonly columns: {
    /** "Name": the student's (first column of the CSV; a line above the Markdown table). */
    readonly name: string;
    /** "Student number". */
    readonly number: string;
    readonly dataType: string;
    readonly activation: string;
    readonly batchSize: string;
    readonly hiddenLayers: string;
    readonly neurons: string;
    readonly epochs: string;
    readonly trainLoss: string;
    readonly testLoss: string;
    readonly meets: string;
    readonly link: string;
  };
  readonly datasets: Readonly<Record<HomeworkDataset, string>>;
  /** The Markdown link's text. */
  readonly open: string;
  /** The headings of the observations section (exported after the table when there are notes). */
  readonly notes: {
    readonly title: string;
    readonly lesson: string;
    readonly task: string;
    readonly text: string;
  };
}

/** One observation as exported: where it was written (in the reader's words) and its text. */
export interface NoteLine {
  /** "Lesson 6: Generalization and overfitting". */
  readonly lesson: string;
  /** "Task 1". */
  readonly task: string;
  readonly text: string;
}

export const MEETS_MARK = '✓';
export const MISSES_MARK = '✗';

/** The link that reopens a record: `linkBase` (the page's address without '#') + '#' + its hash. */
export function recordLink(record: RunRecord, linkBase = ''): string {
  return `${linkBase}#${record.hash}`;
}

/** The lecture's columns (the Markdown table's; the CSV puts the name and number before them). */
export function homeworkHeader(words: HomeworkWords): string[] {
  const c = words.columns;
  return [c.dataType, c.activation, c.batchSize, c.hiddenLayers, c.neurons, c.epochs, c.trainLoss, c.testLoss, c.meets, c.link];
}

/** A row's cells as text, in the lecture's columns; a data set without a record has its name and empty cells. */
export function homeworkCells(row: HomeworkRow, words: HomeworkWords, linkBase = ''): string[] {
  const name = words.datasets[row.dataset];
  const r = row.best;
  if (!r) return [name, '', '', '', '', '', '', '', '', ''];
  return [
    name,
    ACTIVATION_LABELS[r.activation],
    String(r.batchSize),
    String(r.hiddenLayers),
    formatNeurons(r.neurons),
    String(r.epochs),
    formatLoss(r.trainLoss),
    formatLoss(r.testLoss),
    row.meets ? MEETS_MARK : MISSES_MARK,
    recordLink(r, linkBase),
  ];
}

/**
 * The homework table as CSV: the header in the words given, then one row per
 * data set (lecture order), losses to 3 decimals as the page shows them. The
 * first two columns are the student's name and number, on every row, so
 * that a teacher can put many students' files into one sheet.
 * With `notes`, an empty line and the observations follow as a second table
 * (lesson, task, text); without any, the CSV is the table alone.
 */
export function homeworkToCsv(
  rows: readonly HomeworkRow[],
  words: HomeworkWords,
  linkBase = '',
  notes: readonly NoteLine[] = [],
  student: Student = NO_STUDENT,
): string {
  const who = trimStudent(student);
  const table = toCsv([
    [words.columns.name, words.columns.number, ...homeworkHeader(words)],
    ...rows.map((row) => [who.name, who.number, ...homeworkCells(row, words, linkBase)]),
  ]);
  if (notes.length === 0) return table;
  const n = words.notes;
  return `${table}\r\n${toCsv([[n.lesson, n.task, n.text], ...notes.map((note) => [note.lesson, note.task, note.text])])}`;
}

/** Text safe inside a Markdown table cell: backslashes and pipes escaped, line breaks as spaces. */
export function markdownCell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r\n|\r|\n/g, ' ');
}

/** A URL safe inside a Markdown link's parentheses (and a table cell). */
function markdownUrl(url: string): string {
  return url.replace(/[()|<> \\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** The Markdown line that names the student: "**Name**: Kim · **Student number**: 2025-123" (either may be empty). */
export function markdownStudentLine(student: Student, words: HomeworkWords): string {
  const who = trimStudent(student);
  const c = words.columns;
  return `**${markdownCell(c.name)}**: ${markdownCell(who.name)} · **${markdownCell(c.number)}**: ${markdownCell(who.number)}`;
}

/**
 * The homework table as a GitHub-flavoured Markdown table: the lecture's
 * columns, the link as `[open](url)`; the number columns right-aligned.
 * A line naming the student comes first (with a name or a number typed in),
 * then an empty line and the table.
 * With `notes`, a heading and a second table of the observations follow.
 */
export function homeworkToMarkdown(
  rows: readonly HomeworkRow[],
  words: HomeworkWords,
  linkBase = '',
  notes: readonly NoteLine[] = [],
  student: Student = NO_STUDENT,
): string {
  const who = trimStudent(student);
  const before = who.name === '' && who.number === '' ? '' : `${markdownStudentLine(who, words)}\n\n`;
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const header = homeworkHeader(words).map(markdownCell);
  const align = ['---', '---', '---:', '---:', '---', '---:', '---:', '---:', ':---:', '---'];
  const body = rows.map((row) => {
    const cells = homeworkCells(row, words, linkBase).map(markdownCell);
    if (row.best) cells[9] = `[${markdownCell(words.open).replaceAll(']', '\\]')}](${markdownUrl(recordLink(row.best, linkBase))})`;
    return line(cells);
  });
  const table = `${before}${[line(header), line(align), ...body].join('\n')}\n`;
  if (notes.length === 0) return table;
  const n = words.notes;
  const observations = [
    line([n.lesson, n.task, n.text].map(markdownCell)),
    line(['---', '---', '---']),
    ...notes.map((note) => line([note.lesson, note.task, note.text].map(markdownCell))),
  ];
  return `${table}\n## ${markdownCell(n.title)}\n\n${observations.join('\n')}\n`;
}
