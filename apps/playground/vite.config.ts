import { svelte } from '@sveltejs/vite-plugin-svelte';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import wasm from 'vite-plugin-wasm';
import { CONTENT_SECURITY_POLICY } from '@nn/ui/csp';

/**
 * The Content-Security-Policy of the built site, shared by the apps (see
 * @nn/ui/csp): scripts, styles, workers and the wasm module only from the
 * site itself; no inline script or style, no eval except compiling WebAssembly.
 */
export { CONTENT_SECURITY_POLICY };

/**
 * offline.html's policy: the same, except that its worker is started from a
 * blob: URL (browsers refuse worker files opened from disk) and nothing is
 * fetched at all.
 */
export const OFFLINE_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "worker-src 'self'",
  'worker-src blob:',
).replace("connect-src 'self'", "connect-src 'none'");

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

/**
 * Pages opened from disk may load classic scripts and plain stylesheets only:
 * no `type="module"`, no `crossorigin` (which turns a file: load into a
 * refused cross-origin request).
 */
function classicScripts(): Plugin {
  return {
    name: 'nn-classic-scripts',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml: (html) =>
      html
        .replace(/<script type="module" crossorigin src=/g, '<script defer src=')
        .replace(/<link rel="stylesheet" crossorigin href=/g, '<link rel="stylesheet" href='),
  };
}

/** `import url from './x.wasm?inline'`: the file's bytes as a base64 data: URL string (offline worker). */
function inlineWasm(): Plugin {
  return {
    name: 'nn-inline-wasm',
    enforce: 'pre',
    load(id) {
      if (!id.endsWith('.wasm?inline')) return null;
      const bytes = readFileSync(id.slice(0, -'?inline'.length));
      return `export default ${JSON.stringify(`data:application/wasm;base64,${bytes.toString('base64')}`)};`;
    },
  };
}

/**
 * The page is one screen that needs all of its script at once (the lesson
 * panel is open from the start): about 630 kB, 205 kB gzipped, of which the
 * maths typesetter (Temml) and the lesson texts in two languages are the
 * larger part. Splitting it would only add a round trip.
 */
const CHUNK_WARNING_KB = 900;

/** The colour of the page's title bar: the installed app's window and splash screen. */
const THEME_COLOR = '#183d4e';

/**
 * Installable, and working offline after the first visit (for classrooms
 * with poor Wi-Fi): Workbox's generated service worker precaches the whole
 * built app — html, script, stylesheet, the core's .wasm, the training
 * worker's script, icons — and answers from that cache first. The folder of
 * offline.html (the file:// build) is left out: it never runs under a
 * service worker.
 *
 * - Updates are offered, never forced: no skipWaiting on install. A new
 *   version waits until the page's "Update" button (src/lib/pwa) sends
 *   `{ type: 'SKIP_WAITING' }`, which Workbox's worker answers with
 *   skipWaiting(); the page then reloads itself once. clientsClaim only
 *   matters on the first visit, where nothing was in control before.
 * - The page registers the worker itself (src/lib/pwa/register.ts), only in
 *   a secure context: no inline registration script (the CSP forbids it).
 * - Every URL is relative (scope, start_url, icons), as `base` is: the site
 *   works from any folder of any static host.
 * - Icons: public/pwa-*.png and apple-touch-icon-*.png, drawn by icons/render.mjs.
 */
function installable(): Plugin[] {
  return VitePWA({
    registerType: 'prompt',
    injectRegister: false,
    strategies: 'generateSW',
    filename: 'sw.js',
    scope: './',
    manifestFilename: 'manifest.webmanifest',
    // The icons are among globPatterns already.
    includeManifestIcons: false,
    manifest: {
      name: 'Neural network playground',
      short_name: 'NN Playground',
      description: 'Train small neural networks on 2-D data in your browser and watch them learn.',
      lang: 'en',
      start_url: './',
      scope: './',
      display: 'standalone',
      theme_color: THEME_COLOR,
      background_color: '#ffffff',
      icons: [
        { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
        { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
        { src: 'pwa-maskable-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{html,js,css,wasm,svg,png,ico,woff2,webmanifest}'],
      // classroom/ is the teacher's app (apps/classroom), built into this dist/ after this build; it is not part of the playground.
      globIgnores: ['offline.html', 'offline/**', 'classroom/**'],
      // Only the precached files are answered offline; a navigation to the
      // folder is its index.html (Workbox's directoryIndex).
      navigateFallback: null,
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      skipWaiting: false,
      // One file: the runtime inside sw.js, so a new version is one changed file.
      inlineWorkboxRuntime: true,
    },
  });
}

const shared = {
  // Relative asset paths: the built site works from any folder or static host.
  base: './',
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
} as const;

export default defineConfig(({ mode }) =>
  mode === 'offline'
    ? {
        ...shared,
        // The second half of `npm run build`: offline.html beside index.html in dist/.
        plugins: [svelte(), strictCsp(OFFLINE_CONTENT_SECURITY_POLICY), classicScripts()],
        worker: { format: 'iife', plugins: () => [inlineWasm()] },
        build: {
          target: 'es2022',
          chunkSizeWarningLimit: CHUNK_WARNING_KB,
          emptyOutDir: false,
          assetsInlineLimit: 0,
          // One stylesheet file: CSS injected from script would break the CSP.
          cssCodeSplit: false,
          rollupOptions: {
            input: 'offline.html',
            output: {
              format: 'iife',
              entryFileNames: 'offline/[name]-[hash].js',
              assetFileNames: 'offline/[name]-[hash][extname]',
            },
          },
        },
      }
    : {
        ...shared,
        // vite-plugin-wasm loads the core's wasm-pack (bundler target) module.
        plugins: [svelte(), wasm(), strictCsp(CONTENT_SECURITY_POLICY), installable()],
        worker: { format: 'es', plugins: () => [wasm()] },
        build: {
          target: 'es2022',
          chunkSizeWarningLimit: CHUNK_WARNING_KB,
          // Small assets stay files: an inlined data: URL would need a looser CSP.
          assetsInlineLimit: 0,
        },
      },
);
