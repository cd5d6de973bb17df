// App benchmark (prints figures; not a test): the real app under Xvfb through tauri-driver.
//   NAP_STUDIO_DATA_DIR=$(mktemp -d) xvfb-run -a node e2e/bench.mjs
// For the sample plan and the large plan (30,000 cost lines):
// - cold start: from asking WebDriver for a session (which starts the app) until the
//   dashboard's total is on screen — an upper bound, WebKitWebDriver's own start included;
//   and, without the driver, from the app process's start (its start time in /proc, to
//   the 10 ms the kernel counts in) to the page beginning to load and to that total; and,
//   in the page's own time from its beginning (performance marks, no polling in them), when
//   its script begins to run and the frame that draws the first dashboard;
// - memory: resident set of the app process and of its WebKit web process, as the costing
//   grid appears and 2 s later (settled);
// - edit: from pressing Enter in a quantity cell until the line's new amount is in the page
//   (the round trip: backend, answer, page update), until the first frame after it (which
//   adds the web view's wait for its next frame: under Xvfb, software-drawn, 0–16 ms when
//   idle), and, as an upper bound, as seen from the WebDriver client (its round trips
//   included).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { app, nap, openApp, processes, startDriver } from './driver.mjs';
const work = mkdtempSync(join(tmpdir(), 'nap-bench-'));

/**
 * Memory in MB of the processes `pids`: resident (RSS, shared libraries counted in full) and
 * proportional (PSS, shared pages split between the processes that map them).
 */
function memoryMb(pids) {
  let kb = 0;
  let pss = 0;
  for (const pid of pids) {
    try {
      const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
      if (m) kb += Number(m[1]);
      const p = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/Pss:\s+(\d+)/);
      if (p) pss += Number(p[1]);
    } catch {
      // The process ended while we looked.
    }
  }
  return `${Math.round(kb / 1024)} MB RSS (${Math.round(pss / 1024)} MB PSS)`;
}

/** When process `pid` started, in milliseconds since the epoch (to the kernel's 10 ms). */
function startedAt(pid) {
  const ticks = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[19]);
  const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  const HZ = 100;
  return Date.now() - (uptime - ticks / HZ) * 1000;
}

async function measure(size) {
  const plan = join(work, `${size}.nap`);
  execFileSync(nap, size === 'sample' ? ['sample', plan] : ['sample', '--size', size, plan]);
  const started = performance.now();
  const browser = await openApp(plan, { waitforTimeout: 60000 });
  try {
    await (await browser.$('[data-testid="total-cost"]')).waitForDisplayed({ interval: 5 });
    const start = performance.now() - started;
    const shownAt = Date.now();
    const pageBegan = await browser.execute(() => performance.timeOrigin);
    // In the page's own time (no WebDriver polling in it): when its script began to run, and
    // the frame that draws the first dashboard.
    const inPage = (name) => browser.execute((n) => performance.getEntriesByName(n)[0]?.startTime ?? null, name);
    await browser.waitUntil(async () => (await inPage('nap:dashboard-drawn')) !== null, { interval: 5 });
    const scriptRan = await inPage('nap:script');
    const dashboardDrawn = await inPage('nap:dashboard-drawn');
    await (await browser.$('button=Costing')).click();
    const cell = await browser.$('input[data-row="0"][data-col="5"]');
    await cell.waitForDisplayed();
    // This run's app (its command line names this run's plan) and the web view it started;
    // another copy of the app running on the machine is not counted.
    const running = processes();
    const appPid = running.find((p) => p.cmd.startsWith(app) && p.cmd.includes(plan))?.pid;
    if (!appPid) throw new Error(`the app for ${plan} is not running`);
    const processStart = startedAt(appPid);
    const webPids = running.filter((p) => p.ppid === appPid && p.cmd.includes('WebKitWebProcess')).map((p) => p.pid);
    const appMemory = memoryMb([appPid]);
    const webMemory = memoryMb(webPids);
    // Again once the page has settled: what the grid's first drawing and the parsing of its
    // rows leave behind is collected within about a second (13 MB of the web view's PSS on
    // the large plan); the figure after 2 s is what the open plan keeps.
    await browser.pause(2000);
    const appSettled = memoryMb([appPid]);
    const webSettled = memoryMb(webPids);
    const amount = await cell.parentElement().$('.amount');
    // In the page: when Enter went down in the cell, and the first frame after its amount
    // changed.
    await browser.execute((input) => {
      const span = input.parentElement.querySelector('.amount');
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') window.napEdit = { start: performance.now(), shown: null, end: null };
      });
      new MutationObserver(() => {
        const edit = window.napEdit;
        if (edit && edit.shown === null) {
          edit.shown = performance.now();
          requestAnimationFrame(() => (edit.end ??= performance.now()));
        }
      }).observe(span, { characterData: true, childList: true, subtree: true });
    }, cell);
    const edits = [];
    const inPageMs = [];
    const toFrame = [];
    for (const value of ['7', '8', '9', '10', '11', '12', '13']) {
      const before = await amount.getText();
      await cell.click();
      await cell.clearValue();
      await cell.setValue(value);
      const t = performance.now();
      await browser.keys('Enter');
      await browser.waitUntil(async () => (await amount.getText()) !== before, { interval: 5 });
      edits.push(performance.now() - t);
      await browser.waitUntil(async () => (await browser.execute(() => window.napEdit?.end ?? null)) !== null);
      const edit = await browser.execute(() => window.napEdit);
      inPageMs.push(edit.shown - edit.start);
      toFrame.push(edit.end - edit.start);
    }
    const median = (xs) => Math.round(xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
    console.log(
      `${size}: cold start to dashboard ${Math.round(start)} ms ` +
        `(from the process's start: page begins ${Math.round(pageBegan - processStart)} ms, ` +
        `dashboard ${Math.round(shownAt - processStart)} ms; in the page: script runs at ` +
        `${Math.round(scriptRan)} ms, dashboard drawn at ${Math.round(dashboardDrawn)} ms); ` +
        `memory as the costing grid appears: app ${appMemory}, web view ${webMemory}; ` +
        `2 s later: app ${appSettled}, web view ${webSettled}; ` +
        `cell edit: new amount in the page ${median(inPageMs)} ms, first frame after it ` +
        `${median(toFrame)} ms, seen by the WebDriver client ${median(edits)} ms (medians of 7)`,
    );
  } finally {
    await browser.deleteSession();
  }
}

const driver = await startDriver();
try {
  for (const size of ['sample', 'large']) await measure(size);
} finally {
  driver.kill();
}
