/** Where a row's link opens the playground: its dev server, or '../' in the built site (vite.config.ts). */
declare const __PLAYGROUND_URL__: string;
