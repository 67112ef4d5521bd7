/**
 * The Content-Security-Policy of every built app (a <meta> the apps' Vite
 * configs put first in <head>): scripts, styles, workers and the wasm module
 * only from the site itself; no inline script or style, no eval.
 * 'wasm-unsafe-eval' is the one exception, and it allows compiling
 * WebAssembly only. The dev servers go without (Vite injects styles inline
 * and talks to its HMR socket there).
 *
 * Plain JavaScript (typed by csp.d.ts): the apps' vite.config.ts files load
 * it in Node, which does not read TypeScript from a linked package.
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
