import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import wasm from 'vite-plugin-wasm';

export default defineConfig({
  // Relative asset paths: the built site works from any folder or static host.
  base: './',
  // vite-plugin-wasm loads the core's wasm-pack (bundler target) module.
  plugins: [svelte(), wasm()],
  worker: { format: 'es', plugins: () => [wasm()] },
  build: { target: 'es2022' },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
