// First: a browser language that is not a valid tag must not stop the page (see guard-language.ts).
import './guard-language.js';
import { mount } from 'svelte';
import App from './App.svelte';
import { registerServiceWorker } from './lib/pwa/register.js';
import { appUpdate } from './lib/pwa/update.svelte.js';
import '@nn/ui/theme/light.css';
import './app.css';

// The training worker as its own module file (the hosted build).
const createWorker = (): Worker => new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module' });

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
export default mount(App, { target, props: { createWorker } });

// Installable and working offline after the first visit, where the browser
// allows a service worker (a secure context); new versions are offered, not
// forced. The dev server (`npm start`) has no sw.js: nothing to register there.
if (import.meta.env.PROD) registerServiceWorker(appUpdate);
