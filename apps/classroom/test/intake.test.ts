/**
 * What comes in: files that are not hand-ins are refused with a reason the
 * teacher reads in their language; folders give only their .json files; the
 * pool of training workers runs every task on a free worker, one per worker
 * at a time, and the page's state counts rows checked as verdicts come in.
 */
import { serializeHandIn } from '@nn/records';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rowsOfFile, type ClassRow } from '../src/lib/class.js';
import { Classroom } from '../src/lib/classroom.svelte.js';
import { setLanguage } from '../src/lib/i18n/index.svelte.js';
import { isJsonName, readAll } from '../src/lib/intake.js';
import { TASKS_PER_WORKER, WorkerPool, poolSize } from '../src/lib/pool.js';
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

describe('the pool of training workers', () => {
  it('has one worker per core, at least 1 and at most 8, unless a size is forced', () => {
    expect(poolSize(2)).toBe(2);
    expect(poolSize(undefined)).toBe(1);
    expect(poolSize(0)).toBe(1);
    expect(poolSize(64)).toBe(8);
    expect(poolSize(4, '1')).toBe(1);
    expect(poolSize(4, '3')).toBe(3);
    expect(poolSize(4, 'x')).toBe(4);
    expect(poolSize(4, '0')).toBe(4);
  });

  /** Runs 7 tasks on a pool of 2 workers holding `depth` tasks each; the most any worker held at once. */
  async function runSeven(depth: number): Promise<{ most: number; started: number; firstTwo: number[] }> {
    let started = 0;
    const held = new Map<number, number>();
    let most = 0;
    const firstTwo: number[] = [];
    const pool = new WorkerPool<{ id: number }>(
      2,
      () => {
        const id = started++;
        return { api: { id }, ready: Promise.resolve(), terminate: () => undefined };
      },
      depth,
    );
    const order: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 7 }, (_, k) =>
        pool.run(async ({ id }) => {
          if (k < 2) firstTwo.push(id);
          held.set(id, (held.get(id) ?? 0) + 1);
          most = Math.max(most, held.get(id)!);
          await new Promise<void>((done) => queueMicrotask(done));
          held.set(id, held.get(id)! - 1);
          order.push(k);
          return k * 10;
        }),
      ),
    );
    expect(results).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(order.sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    pool.dispose();
    await expect(pool.run(async () => 1)).rejects.toThrow('closed');
    return { most, started, firstTwo };
  }

  it('runs every task on at most its size of workers, one at a time per worker when asked', async () => {
    const one = await runSeven(1);
    expect(one.started).toBe(2);
    expect(one.most).toBe(1);
  });

  it('gives each worker a second task to queue, but starts a new worker before doubling up', async () => {
    const two = await runSeven(TASKS_PER_WORKER);
    expect(TASKS_PER_WORKER).toBe(2);
    expect(two.started).toBe(2);
    expect(two.firstTwo.sort()).toEqual([0, 1]);
    expect(two.most).toBe(2);
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
