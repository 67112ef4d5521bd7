/**
 * The experiment log: runs a student chose to keep ("Record") and their
 * observations on the lessons' tasks, the homework table built from them, and
 * the CSV and Markdown exports. Pure TypeScript; each job has its module:
 *
 * - log/records.ts: what one recorded run holds, and making one from the page;
 * - log/schema.ts: the stored format (records and notes), its check and parser;
 * - log/storage.ts: the store over localStorage, which never drops saved data;
 * - log/homework.ts: the homework's conditions and its best run per data set;
 * - log/format.ts: how losses, networks and activations are written;
 * - log/exports.ts: the log as CSV, the homework table as CSV and Markdown;
 * - log/student.ts: the student's name and number, kept in the browser;
 * - log/handin.ts: the hand-in file (@nn/records' format) made from the log.
 *
 * This module gathers them, so the page imports the log from one place.
 */
export * from './log/records.js';
export * from './log/schema.js';
export * from './log/storage.js';
export * from './log/homework.js';
export * from './log/format.js';
export * from './log/exports.js';
export * from './log/student.js';
export * from './log/handin.js';
