/**
 * The entry of offline.html, the build that also runs from a folder opened
 * straight from disk (file://), where browsers refuse module scripts, module
 * workers and fetching the .wasm file: the page is one classic script, the
 * worker is inlined and started from a blob: URL, and the core's bytes are
 * inlined into the worker.
 */
// First: a browser language that is not a valid tag must not stop the page (see guard-language.ts).
import './guard-language.js';
import { mount } from 'svelte';
import App from './App.svelte';
import OfflineWorker from './trainer.offline.worker.ts?worker&inline';
import '@nn/ui/theme/light.css';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('offline.html has no #app element');
export default mount(App, { target, props: { createWorker: () => new OfflineWorker() } });
