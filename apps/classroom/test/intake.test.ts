/**
 * What comes in: files that are not hand-ins are refused with a reason the
 * teacher reads in their language; folders give only their .json files; the
 * pool of training workers runs every task on a free worker, one per worker
 * at a time (the pool itself is @nn/trainer's, tested there), and the page's
 * state counts rows checked as verdicts come in.
 */
import { serializeHandIn } from '@nn/records';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rowsOfFile, type ClassRow } from '../src/lib/class.js';
import { Classroom } from '../src/lib/classroom.svelte.js';
import { setLanguage } from '../src/lib/i18n/index.svelte.js';
import { isJsonName, readAll } from '../src/lib/intake.js';
import { reasonText } from '../src/lib/words.js';
import { channelWorker, fileText, handIn, tampered, trainedRow } from './support.js';
import type { HandInRow } from '@nn/records';

let xor: HandInRow;
beforeAll(async () => {
  xor = await trainedRow({}, 24);
});
afterEach(() => setLanguage('en'));

function refusal(text: string): ClassRow {
  const rows = rowsOfFile({ name: 'f.json', text }, 0, 0);
  expect(rows).toHaveLength(1);
  expect(rows[0]!.status).toBe('rejected');
  return rows[0]!;
}

describe('files that are not hand-ins', () => {
  const good = () => JSON.parse(serializeHandIn(handIn({ name: 'Kim', number: '1' }, [xor]))) as Record<string, unknown>;
  const cases: [string, () => string, string, string][] = [
    ['empty', () => '', 'The file is empty.', '파일이 비어 있습니다.'],
    ['truncated', () => serializeHandIn(handIn({ name: 'Kim', number: '1' }, [xor])).slice(0, 300), 'The file ends too early', '파일이 중간에 끊겼습니다'],
    ['damaged', () => 'name,number\nKim,1', 'The file is damaged', '파일이 손상되었습니다'],
    ['foreign', () => JSON.stringify({ ...good(), format: 'something-else' }), 'This is not a hand-in file', '제출 파일이 아닙니다'],
    ['future', () => JSON.stringify({ ...good(), version: 99 }), 'newer version of the playground (file version 99', '파일 버전 99'],
    ['invalid', () => JSON.stringify({ ...good(), student: { name: 'Kim', number: 7 } }), 'The file is not a valid hand-in file (student.number', '올바른 제출 파일이 아닙니다(student.number'],
  ];
  for (const [code, text, english, korean] of cases) {
    it(`refuses a ${code} file, saying why in English and Korean`, () => {
      const row = refusal(text());
      expect(row.reason?.code).toBe(code);
      setLanguage('en');
      expect(reasonText(row.reason!)).toContain(english);
      setLanguage('ko');
      expect(reasonText(row.reason!)).toContain(korean);
    });
  }

  it('refuses a file the browser could not read', async () => {
    const unreadable = { text: () => Promise.reject(new Error('gone')) } as unknown as File;
    const [read] = await readAll([{ name: 'gone.json', file: unreadable }]);
    expect(read).toEqual({ name: 'gone.json', error: 'read-failed' });
    const [row] = rowsOfFile(read!, 0, 0);
    expect([row!.status, reasonText(row!.reason!)]).toEqual(['rejected', 'The browser could not read the file.']);
  });

  it('reads files as text, and takes only .json files from folders', async () => {
    const text = fileText({ name: 'Kim', number: '1' }, [xor]);
    expect(await readAll([{ name: 'a/b.json', file: new File([text], 'b.json') }])).toEqual([{ name: 'a/b.json', text }]);
    expect(['a.json', 'A.JSON', 'a.nnhandin.json', 'notes.txt', 'a.json.bak'].map(isJsonName)).toEqual([true, true, true, false, false]);
  });
});

describe('the page state', () => {
  it('checks every row on real training workers and counts them', async () => {
    const members: ReturnType<typeof channelWorker>[] = [];
    const classroom = new Classroom(2, () => {
      const member = channelWorker();
      members.push(member);
      return member;
    });
    try {
      const checking = classroom.add([
        { name: 'kim.json', text: fileText({ name: 'Kim', number: '1' }, [xor, tampered(xor), xor]) },
        { name: 'broken.json', text: '{' },
      ]);
      expect(classroom.total).toBe(4);
      expect(classroom.done).toBe(1);
      await checking;
      expect(classroom.done).toBe(4);
      expect(classroom.rows.map((r) => r.status)).toEqual(['verified', 'mismatch', 'verified', 'rejected']);
      expect(members).toHaveLength(2);
      expect(classroom.lastBatchMs).toBeGreaterThanOrEqual(0);
      classroom.clear();
      expect([classroom.total, classroom.files]).toEqual([0, 0]);
    } finally {
      classroom.dispose();
    }
  });
});
