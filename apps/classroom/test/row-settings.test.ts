/**
 * The class table's optimizer column and the classes and loss a row shows:
 * read from each row's exact run (made with the real trainer), SGD for a run
 * that names no optimizer and for a row without a run; sortable; in the
 * grades file.
 */
import { DEFAULT_OPTIMIZER } from '@nn/engine';
import type { HandInRow } from '@nn/records';
import { rowSettingsOf } from '@nn/records';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowsOfFile, sortRows } from '../src/lib/class.js';
import { gradesCsv } from '../src/lib/grades.js';
import { setLanguage } from '../src/lib/i18n/index.svelte.js';
import { gradeWords } from '../src/lib/words.js';
import { fileText, trainedRow } from './support.js';

let sgd: HandInRow;
let adam: HandInRow;

beforeAll(async () => {
  sgd = await trainedRow({}, 5);
  adam = await trainedRow({ optimizer: { ...DEFAULT_OPTIMIZER, optimizer: 'adam' }, seed: '0.5' }, 5);
});

/** A copy of `row` whose run's config says `extra` (settings a later record format adds). */
function withConfig(row: HandInRow, extra: Record<string, unknown>): HandInRow {
  const run = row.run!;
  return { ...row, run: { ...run, run: { ...run.run, config: { ...run.run.config, ...extra } } } } as HandInRow;
}

describe('a row’s optimizer, classes and loss', () => {
  it('come from the run’s settings, SGD when it names none or has no run', () => {
    expect(sgd.run?.run.config.optimizer).toBeUndefined();
    expect(rowSettingsOf(sgd)).toEqual({ optimizer: 'sgd' });
    expect(rowSettingsOf(adam)).toEqual({ optimizer: 'adam' });
    const { run: _run, ...old } = adam;
    expect(rowSettingsOf(old as HandInRow)).toEqual({ optimizer: 'sgd' });
  });

  it('show classes and loss only when they differ from TF’s', () => {
    expect(rowSettingsOf(withConfig(adam, { classes: 4 }))).toEqual({ optimizer: 'adam', classes: 4 });
    expect(rowSettingsOf(withConfig(sgd, { classes: 2, loss: 'cross-entropy' }))).toEqual({ optimizer: 'sgd', loss: 'cross-entropy' });
    expect(rowSettingsOf(withConfig(sgd, { classes: 2, loss: 'squared' }))).toEqual({ optimizer: 'sgd' });
  });

  it('sort by optimizer in its order (SGD, momentum, RMSProp, Adam) and go into the grades file', () => {
    const rows = rowsOfFile({ name: 'a.json', text: fileText({ name: 'Kim', number: '7' }, [adam, sgd]) }, 0, 0);
    const order = (direction: 'ascending' | 'descending') =>
      sortRows(rows, { column: 'optimizer', direction }, 'en').map((r) => r.row && rowSettingsOf(r.row).optimizer);
    expect(order('ascending')).toEqual(['sgd', 'adam']);
    expect(order('descending')).toEqual(['adam', 'sgd']);
    for (const [language, header, words] of [
      ['en', 'Optimizer', ['Adam', 'SGD']],
      ['ko', '옵티마이저', ['Adam', 'SGD']],
    ] as const) {
      setLanguage(language);
      const [head, ...lines] = gradesCsv(rows, gradeWords()).slice(1).trim().split('\r\n').map((line) => line.split(','));
      const col = head!.indexOf(header);
      expect(col, language).toBeGreaterThan(0);
      expect(lines.map((line) => line[col])).toEqual(words);
    }
    setLanguage('en');
  });
});
