/**
 * The grades file: one line per row with the student, settings, the losses
 * trained again here (never a claim), whether both are below 0.1, the status
 * and the reason, in the page's language; UTF-8 with a byte-order mark.
 */
import { verifyRow, type HandInRow } from '@nn/records';
import { Trainer } from '@nn/trainer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flagDuplicates, rowsOfFile, withVerdict, type ClassRow } from '../src/lib/class.js';
import { BOM, csvField, gradesCsv } from '../src/lib/grades.js';
import { setLanguage } from '../src/lib/i18n/index.svelte.js';
import { gradeWords } from '../src/lib/words.js';
import { fileText, loaders, tampered, trainedRow } from './support.js';

const trainer = new Trainer(loaders);
let rows: ClassRow[];
let xor: HandInRow;

beforeAll(async () => {
  await trainer.init();
  xor = await trainedRow({}, 40);
  const files = [
    { name: 'kim.json', text: fileText({ name: '김민지, "MJ"', number: '20261234' }, [xor, tampered(xor)]) },
    { name: 'broken.json', text: '{"format":"nn-playground-handin","version":1,' },
    { name: 'kim-2.json', text: fileText({ name: '=HYPERLINK("x")', number: '20261234' }, [xor]) },
  ];
  const read: ClassRow[] = [];
  files.forEach((file, i) => read.push(...rowsOfFile(file, i, read.length)));
  rows = await Promise.all(
    flagDuplicates(read).map(async (row) => (row.row ? withVerdict(row, await verifyRow(async (run) => trainer.replay(run), row.row)) : row)),
  );
  // One row left waiting: its losses are claims and stay out of the file.
  rows.push({ ...rows[0]!, id: 99, status: 'waiting', replayed: undefined });
});
afterAll(() => {
  trainer.dispose();
  setLanguage('en');
});

/** The file's lines as fields (a small reader for the quoting gradesCsv writes). */
function parse(text: string): string[][] {
  const out: string[][] = [];
  for (const line of text.replace(/\r\n$/, '').split('\r\n')) {
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') (field += '"'), i++;
        else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') fields.push(field), (field = '');
      else field += c;
    }
    fields.push(field);
    out.push(fields);
  }
  return out;
}

describe('the grades file', () => {
  it('holds one line per row with the replayed numbers, the status and the reason, in English', () => {
    setLanguage('en');
    const text = gradesCsv(rows, gradeWords());
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...lines] = parse(text.slice(1));
    expect(header).toEqual([
      'Name', 'Student number', 'File', 'Data set', 'Activation', 'Batch size', 'Optimizer', 'Learning rate', 'Regularisation',
      'Regularisation rate', 'Features', 'Hidden layers', 'Neurons', 'Training data (%)', 'Noise', 'Engine', 'Epochs',
      'Training loss', 'Test loss', 'Both below 0.1', 'Status', 'Reason', 'Handed in twice',
    ]);
    expect(lines).toHaveLength(rows.length);
    const col = (name: string) => header!.indexOf(name);
    const [good, bad, broken, again, waiting] = lines;
    expect(good![col('Name')]).toBe('김민지, "MJ"');
    expect(good![col('Data set')]).toBe('XOR');
    expect(good![col('Neurons')]).toBe('4 2');
    expect(good![col('Features')]).toBe('x y xTimesY');
    expect(good![col('Test loss')]).toBe(String(xor.testLoss));
    expect(good![col('Epochs')]).toBe('40');
    expect(good![col('Both below 0.1')]).toBe(xor.trainLoss < 0.1 && xor.testLoss < 0.1 ? 'yes' : 'no');
    expect(good![col('Status')]).toBe('verified');
    expect(good![col('Reason')]).toBe('');
    expect(good![col('Handed in twice')]).toBe('yes');
    // The tampered copy: the replayed loss, not the claim; where it departs.
    expect(bad![col('Status')]).toBe('does not match');
    expect(bad![col('Test loss')]).toBe(String(xor.testLoss));
    expect(bad![col('Both below 0.1')]).toBe('');
    expect(bad![col('Reason')]).toBe(`first departs at epoch 40: test loss claimed ${xor.testLoss - 0.001}, replayed ${xor.testLoss}`);
    expect(broken![col('File')]).toBe('broken.json');
    expect(broken![col('Name')]).toBe('');
    expect(broken![col('Status')]).toBe('rejected');
    expect(broken![col('Reason')]).toBe('The file ends too early: it was cut off while saving or copying.');
    // A name a spreadsheet would run as a formula is kept as text.
    expect(again![col('Name')]).toBe(`'=HYPERLINK("x")`);
    expect(waiting![col('Status')]).toBe('waiting');
    expect(waiting![col('Test loss')]).toBe('');
  });

  it('is in Korean when the page is', () => {
    setLanguage('ko');
    const [header, good, bad, broken] = parse(gradesCsv(rows, gradeWords()).slice(1));
    expect(header!.slice(0, 4)).toEqual(['이름', '학번', '파일', '데이터 세트']);
    const col = (name: string) => header!.indexOf(name);
    expect(good![col('상태')]).toBe('확인됨');
    expect(good![col('두 번 제출')]).toBe('예');
    expect(bad![col('상태')]).toBe('일치하지 않음');
    expect(bad![col('사유')]).toContain('처음 어긋난 곳: 40 에포크, 테스트 손실');
    expect(broken![col('상태')]).toBe('거부됨');
  });

  it('quotes fields with separators, quotes or line breaks', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('+1')).toBe(`'+1`);
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(undefined)).toBe('');
  });
});
