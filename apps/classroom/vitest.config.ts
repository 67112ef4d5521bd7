import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineProject } from 'vitest/config';

export default defineProject({
  // Compiles the app's rune modules (*.svelte.ts) and @nn/ui's.
  plugins: [svelte()],
  resolve: { conditions: ['browser'] },
  define: { __PLAYGROUND_URL__: JSON.stringify('../') },
  test: { name: 'classroom', include: ['test/**/*.test.ts'] },
});
