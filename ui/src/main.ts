import { mount } from 'svelte';
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/600.css';
import '@fontsource/noto-sans-khmer/400.css';
import '@fontsource/noto-sans-khmer/600.css';
import './app.css';
import App from './App.svelte';
import { calls, tauriBackend } from './lib/api/backend';
import { saveBeforeClose } from './lib/closing';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
mount(App, { target, props: { backend: tauriBackend } });
window.__napBeforeClose = () => saveBeforeClose(tauriBackend, calls);
