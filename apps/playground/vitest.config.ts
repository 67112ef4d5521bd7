import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineProject } from 'vitest/config';

export default defineProject({
  // Compiles the app's rune modules (*.svelte.ts), so the page's Playground
  // class can be tested in Node against a real trainer.
  plugins: [svelte()],
  resolve: { conditions: ['browser'] },
  test: { name: 'playground', include: ['test/**/*.test.ts'] },
});
