import { mount } from 'svelte';
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/600.css';
import '@fontsource/noto-sans-khmer/400.css';
import '@fontsource/noto-sans-khmer/600.css';
// Thai, Lao and Burmese plans show their own text on every screen, and the export picker
// names those languages in their script: bundled, as a government laptop offline may have
// no font for them. Regular weight only; headings in these scripts are drawn bolder by WebKit.
import '@fontsource/noto-sans-thai/400.css';
import '@fontsource/noto-sans-lao/400.css';
import '@fontsource/noto-sans-myanmar/400.css';
import './app.css';
import App from './App.svelte';
import { calls, tauriBackend } from './lib/api/backend';
import { saveBeforeClose } from './lib/closing';

// When the page's script, loaded and parsed, begins to run: for e2e/bench.mjs, with
// `nap:dashboard-drawn` (App.svelte).
performance.mark('nap:script');
const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
mount(App, { target, props: { backend: tauriBackend } });
window.__napBeforeClose = () => saveBeforeClose(tauriBackend, calls);
