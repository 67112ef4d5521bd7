/**
 * Every translation of the classroom app, by language and namespace. English
 * is the reference shape; the Korean file `satisfies Messages<typeof en…>`,
 * so a key missing from Korean fails the type check.
 */
import enCommon from './en/common.js';
import koCommon from './ko/common.js';

export const resources = {
  en: { common: enCommon },
  ko: { common: koCommon },
} as const;

export type Language = keyof typeof resources;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: (typeof resources)['en'];
    returnNull: false;
  }
}
