/**
 * A row's words in the page's language: its status, why it was refused, where
 * its replay departs from the claim, and the grades file's words. Reasons are
 * translated from their code and params, never shown in the file's words.
 */
import type { Departure } from '@nn/records';
import type { ClassRow, RowReason, RowStatus } from './class.js';
import type { GradeWords } from './grades.js';
import { t } from './i18n/index.svelte.js';

export function statusText(status: RowStatus): string {
  return t(`status.${status}`);
}

export function reasonText(reason: RowReason): string {
  const { code, params } = reason;
  switch (code) {
    case 'future':
      return t('reasons.future', { version: params.version ?? '?', supported: params.supported ?? '?' });
    case 'invalid':
      return t('reasons.invalid', { path: params.path ?? '', issue: params.issue ?? '' });
    case 'replay-failed':
      return t('reasons.replay-failed', { message: params.message ?? reason.message });
    case 'empty':
    case 'too-large':
    case 'truncated':
    case 'damaged':
    case 'foreign':
    case 'no-run':
    case 'read-failed':
      return t(`reasons.${code}`);
    default:
      return t('reasons.unknown', { message: reason.message });
  }
}

/** A claimed or replayed value in a departure: numbers in full, so the difference shows. */
function departureValue(value: Departure['claimed']): string {
  if (value === null) return t('noNumber');
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  return String(value);
}

export function departureText(departure: Departure): string {
  const at = departure.at === undefined ? '' : String(departure.at);
  return t('departure', {
    epoch: departure.epoch,
    what: t(`departureWhat.${departure.what}`, { at }),
    claimed: departureValue(departure.claimed),
    replayed: departureValue(departure.replayed),
  });
}

/** Why a row is not verified, in words: where it departs, or why it was refused; '' otherwise. */
export function whyText(row: ClassRow): string {
  if (row.status === 'mismatch' && row.departure) return departureText(row.departure);
  if (row.status === 'rejected' && row.reason) return reasonText(row.reason);
  return '';
}

export function datasetName(name: string): string {
  return t(`options.datasets.${name}` as 'options.datasets.circle', { defaultValue: name });
}

export function optimizerName(name: string): string {
  return t(`options.optimizers.${name}` as 'options.optimizers.sgd', { defaultValue: name });
}

export function lossName(name: string): string {
  return t(`options.losses.${name}` as 'options.losses.squared', { defaultValue: name });
}

export function activationName(name: string): string {
  return t(`options.activations.${name}` as 'options.activations.relu', { defaultValue: name });
}

/** The grades file's words in the page's language. */
export function gradeWords(): GradeWords {
  return {
    header: (column) => t(`grades.columns.${column}`),
    dataset: datasetName,
    activation: activationName,
    optimizer: optimizerName,
    regularization: (name) => t(`options.regularizations.${name}` as 'options.regularizations.none', { defaultValue: name }),
    status: statusText,
    reason: whyText,
    target: (state) =>
      state === 'yes' ? t('table.yes') : state === 'no' ? t('table.no') : state === 'not-homework' ? t('table.notHomework') : '',
    yes: t('yes'),
  };
}
