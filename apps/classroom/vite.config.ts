import { svelte } from '@sveltejs/vite-plugin-svelte';
import { CONTENT_SECURITY_POLICY } from '@nn/ui/csp';
import { defineConfig, type Plugin } from 'vite';
import wasm from 'vite-plugin-wasm';

/** The built apps' policy (see @nn/ui/csp): nothing inline, nothing from elsewhere. */
function strictCsp(policy: string): Plugin {
  return {
    name: 'nn-strict-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: policy },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/** The playground's dev server (npm start runs both); `strictPort` there keeps this right. */
const PLAYGROUND_DEV_URL = 'http://127.0.0.1:5173/';

/**
 * The teacher's app. Built into the playground's dist/ as classroom/ (the
 * playground's build empties dist/ first, so turbo.json runs this one after
 * it), with relative paths, so the site works from any folder of any static
 * host and a row's link `../index.html#…` opens the playground beside it.
 */
export default defineConfig(({ command }) => ({
  base: './',
  plugins: [svelte(), wasm(), strictCsp(CONTENT_SECURITY_POLICY)],
  define: {
    // Where a row's "Open in the playground" link goes: the dev server, or the folder above in the built site.
    __PLAYGROUND_URL__: JSON.stringify(command === 'serve' ? PLAYGROUND_DEV_URL : '../'),
  },
  server: { host: '127.0.0.1', port: 5174, strictPort: true },
  preview: { host: '127.0.0.1', port: 4174 },
  worker: { format: 'es', plugins: () => [wasm()] },
  build: {
    target: 'es2022',
    outDir: '../playground/dist/classroom',
    emptyOutDir: true,
    // Small assets stay files: an inlined data: URL would need a looser CSP.
    assetsInlineLimit: 0,
    // One stylesheet file: CSS injected from script would break the CSP.
    cssCodeSplit: false,
  },
}));
