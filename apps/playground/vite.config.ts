import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';
import wasm from 'vite-plugin-wasm';

/**
 * The Content-Security-Policy of the built site: scripts, styles, workers and
 * the wasm module only from the site itself; no inline script or style, no
 * eval. 'wasm-unsafe-eval' is the one exception, and it allows compiling
 * WebAssembly only. The dev server goes without (Vite injects styles inline
 * and talks to its HMR socket there).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function strictCsp(): Plugin {
  return {
    name: 'nn-strict-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  // Relative asset paths: the built site works from any folder or static host.
  base: './',
  // vite-plugin-wasm loads the core's wasm-pack (bundler target) module.
  plugins: [svelte(), wasm(), strictCsp()],
  worker: { format: 'es', plugins: () => [wasm()] },
  build: {
    target: 'es2022',
    // Small assets stay files: an inlined data: URL would need a looser CSP.
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
