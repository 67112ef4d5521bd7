/**
 * Reading a user's points file (CSV or JSON; see @nn/datasets' parsePoints)
 * into what the trainer takes, or the message that says why it cannot be used.
 */
import { DatasetError, formatPointsCsv, parsePoints, type Example2D } from '@nn/datasets';
import type { ImportedData, PointsSnapshot } from '@nn/trainer';
import { describeImportError, type Message } from '../panels/message.js';
import { describeError } from './failures.js';

/** Largest file the import reads (a 10,000-point CSV is well under this). */
export const MAX_IMPORT_BYTES = 2_000_000;

/** A short checksum of a text (FNV-1a), so the same file imported twice is recognised. */
function checksum(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16);
}

/** A file's text, or the notice saying why it was not read. */
export async function readPointsFile(file: File): Promise<{ text: string } | { refused: Message }> {
  if (file.size > MAX_IMPORT_BYTES) {
    return {
      refused: {
        key: 'notices.fileTooLarge',
        params: { name: file.name, size: (file.size / 1e6).toFixed(1) },
      },
    };
  }
  try {
    return { text: await file.text() };
  } catch (error) {
    return { refused: { key: 'notices.fileUnreadable', params: { name: file.name, reason: describeError(error) } } };
  }
}

/**
 * A file's points as the trainer takes them, or the notice saying what is
 * wrong with them. With `classes` of 3 or more (the page's Classes), the
 * labels are class numbers 0..classes-1, which @nn/datasets checks, and the
 * points carry their classes to the trainer.
 */
export function importedPoints(name: string, text: string, classes = 2): { imported: ImportedData } | { refused: Message } {
  let parsed: ReturnType<typeof parsePoints>;
  try {
    parsed = parsePoints(text, { classes });
  } catch (error) {
    const reason = error instanceof DatasetError ? describeImportError(error) : describeError(error);
    return { refused: { key: 'notices.importFailed', params: { name, reason } } };
  }
  const imported: ImportedData = { id: `${name}:${parsed.points.length}:${checksum(text)}`, name, problem: parsed.problem, points: parsed.points };
  // Points of several classes tell the trainer how many (3..6).
  return { imported: parsed.classes === undefined ? imported : { ...imported, classes: parsed.classes } };
}

function pointsOf(snapshot: PointsSnapshot | undefined): Example2D[] {
  if (!snapshot) return [];
  return Array.from(snapshot.xs, (x, i) => ({ x, y: snapshot.ys[i]!, label: snapshot.labels[i]! }));
}

/** Training and test points as CSV (x,y,label), as the import reads them. */
export function pointsCsv(train: PointsSnapshot | undefined, test: PointsSnapshot | undefined): string {
  return formatPointsCsv([...pointsOf(train), ...pointsOf(test)]);
}
