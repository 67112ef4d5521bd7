/**
 * Builds page-side.ts (with dom-accessibility-api) into one classic script,
 * once per process, for the driver to evaluate in pages.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

let source: Promise<string> | undefined;

export function pageSideSource(): Promise<string> {
  source ??= build({
    entryPoints: [fileURLToPath(new URL('./page-side.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome120', 'firefox128', 'safari17'],
    write: false,
    logLevel: 'silent',
  }).then((result) => {
    const file = result.outputFiles[0];
    if (!file) throw new Error('esbuild produced no page-side script');
    return file.text;
  });
  return source;
}
