/**
 * Who hands the homework in: the name and the student number typed on the
 * homework view, kept in the browser (apart from the log, so clearing the
 * log keeps them) and written into the hand-in file and the exports.
 */
import { MAX_NAME_LENGTH, MAX_NUMBER_LENGTH, type Student } from '@nn/records';
import type { StorageLike } from './storage.js';

export type { Student } from '@nn/records';

export const STUDENT_KEY = 'nn-playground.student';

/** The longest name and number kept (the hand-in file's limits; the fields say so by their maxlength). */
export const MAX_STUDENT_LENGTH = { name: MAX_NAME_LENGTH, number: MAX_NUMBER_LENGTH } as const;

export const NO_STUDENT: Student = { name: '', number: '' };

function field(value: unknown, which: 'name' | 'number'): string {
  return typeof value === 'string' ? value.slice(0, MAX_STUDENT_LENGTH[which]) : '';
}

/** The stored student; empty fields when nothing (or nothing readable) is stored. Never throws. */
export function readStudent(storage: StorageLike | undefined, key = STUDENT_KEY): Student {
  if (!storage) return NO_STUDENT;
  try {
    const text = storage.getItem(key);
    if (text === null) return NO_STUDENT;
    const data: unknown = JSON.parse(text);
    if (typeof data !== 'object' || data === null) return NO_STUDENT;
    const record = data as Record<string, unknown>;
    return { name: field(record['name'], 'name'), number: field(record['number'], 'number') };
  } catch {
    return NO_STUDENT;
  }
}

/** Stores the student; false when the storage refuses (the fields then live in this tab only). */
export function writeStudent(storage: StorageLike | undefined, student: Student, key = STUDENT_KEY): boolean {
  if (!storage) return false;
  try {
    storage.setItem(key, JSON.stringify({ name: field(student.name, 'name'), number: field(student.number, 'number') }));
    return true;
  } catch {
    return false;
  }
}

/** What is missing for a hand-in: the name, the number, both or nothing (surrounding spaces do not count). */
export function missingStudentFields(student: Student): ('name' | 'number')[] {
  const missing: ('name' | 'number')[] = [];
  if (student.name.trim() === '') missing.push('name');
  if (student.number.trim() === '') missing.push('number');
  return missing;
}

/** The student as written into files: surrounding spaces removed. */
export function trimStudent(student: Student): Student {
  return { name: student.name.trim(), number: student.number.trim() };
}
