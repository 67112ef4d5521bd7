/**
 * The grades file for the school's records: one line per row of the class
 * table, headers and words in the page's language, numbers as plain decimals
 * (a dot, full precision) so a spreadsheet reads them as numbers. UTF-8 with
 * a byte-order mark and CRLF line ends, so Excel opens Korean correctly.
 */
import type { ClassRow, RowReason, RowStatus, TargetState } from './class.js';
import { shownLosses, targetOf } from './class.js';
import { rowSettingsOf } from '@nn/records';

export const GRADE_COLUMNS = [
  'name',
  'number',
  'file',
  'dataset',
  'activation',
  'batchSize',
  'optimizer',
  'learningRate',
  'regularization',
  'regularizationRate',
  'features',
  'layers',
  'neurons',
  'percTrainData',
  'noise',
  'engine',
  'epochs',
  'trainLoss',
  'testLoss',
  'meetsTarget',
  'status',
  'reason',
  'duplicate',
] as const;
export type GradeColumn = (typeof GRADE_COLUMNS)[number];

/** The words of the grades file in one language. */
export interface GradeWords {
  header(column: GradeColumn): string;
  dataset(name: string): string;
  activation(name: string): string;
  optimizer(name: string): string;
  regularization(name: string): string;
  status(status: RowStatus): string;
  /** Why a row did not verify (its departure or reason); '' for a verified or waiting row. */
  reason(row: ClassRow): string;
  target(state: TargetState): string;
  yes: string;
}

/** One CSV field: quoted when it holds a separator, a quote or a line break; text a spreadsheet would run as a formula gets a leading apostrophe. */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const BOM = '\uFEFF';

/** The grades file's text (with its byte-order mark). Losses and epochs are the ones trained again here; a row not (yet) trained again has none. */
export function gradesCsv(rows: readonly ClassRow[], words: GradeWords): string {
  const lines = [GRADE_COLUMNS.map((column) => csvField(words.header(column))).join(',')];
  for (const row of rows) {
    const r = row.row;
    const losses = shownLosses(row);
    const replayed = losses && !losses.train.claimed ? losses : undefined;
    const target = targetOf(row);
    const values: Record<GradeColumn, string | number | undefined> = {
      name: row.student?.name,
      number: row.student?.number,
      file: row.file,
      dataset: r ? words.dataset(r.dataset) : undefined,
      activation: r ? words.activation(r.activation) : undefined,
      batchSize: r?.batchSize,
      optimizer: r ? words.optimizer(rowSettingsOf(r).optimizer) : undefined,
      learningRate: r?.learningRate,
      regularization: r ? words.regularization(r.regularization) : undefined,
      regularizationRate: r?.regularizationRate,
      features: r?.features.join(' '),
      layers: r?.hiddenLayers,
      neurons: r?.neurons.join(' '),
      percTrainData: r?.percTrainData,
      noise: r?.noise,
      engine: r?.engine,
      epochs: replayed?.epochs.value,
      trainLoss: replayed?.train.value,
      testLoss: replayed?.test.value,
      meetsTarget: target === 'unknown' ? undefined : words.target(target),
      status: words.status(row.status),
      reason: words.reason(row) || undefined,
      duplicate: row.duplicate ? words.yes : undefined,
    };
    lines.push(GRADE_COLUMNS.map((column) => csvField(values[column])).join(','));
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** The reason column's words for a refused row, translated by `translate` from its code and params. */
export type ReasonText = (reason: RowReason) => string;
