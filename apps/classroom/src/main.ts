// First: a browser language that is not a valid tag must not stop the page (see @nn/ui's browser-language).
import './guard-language.js';
import { mount } from 'svelte';
import App from './App.svelte';
import '@nn/ui/theme/light.css';
import './app.css';

/** A training worker as its own module file. */
const createWorker = (): Worker => new Worker(new URL('./classroom.worker.ts', import.meta.url), { type: 'module' });

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
export default mount(App, { target, props: { createWorker } });
