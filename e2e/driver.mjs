// What the end-to-end test and the app benchmark share: where the binaries are, starting
// tauri-driver, and opening the app on a plan through it.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { remote } from 'webdriverio';

const root = resolve(import.meta.dirname, '..');
/** The app binary (debug build unless NAP_STUDIO_BIN says otherwise). */
export const app = resolve(root, process.env.NAP_STUDIO_BIN ?? 'target/debug/nap-studio');
/** The command line, to make plans and read what the engine says. */
export const nap = resolve(root, process.env.NAP_BIN ?? 'target/debug/nap');

const PORT = 4444;

/**
 * Starts tauri-driver (which starts WebKitWebDriver) and waits until it listens. Fails when it
 * ends at once: a driver left running by an earlier run holds the port, and the sessions would
 * then go to that one, which the run cannot stop (the run hung at its end, its tests passed).
 */
export async function startDriver() {
  const driver = spawn('tauri-driver', ['--port', String(PORT)], { stdio: ['ignore', 'inherit', 'inherit'] });
  const ended = new Promise((r) => driver.once('exit', (code) => r(code ?? 'a signal')));
  const started = await Promise.race([ended, new Promise((r) => setTimeout(() => r('started'), 1500))]);
  if (started !== 'started') {
    throw new Error(
      `tauri-driver ended at once (${started}): is another one still listening on port ${PORT}? (pkill tauri-driver)`,
    );
  }
  return driver;
}

/**
 * Starts the app on `plan` and returns the WebdriverIO browser driving its window, once the
 * app of any previous session has exited.
 */
export async function openApp(plan, options = {}) {
  await appExited();
  return remote({
    hostname: '127.0.0.1',
    port: PORT,
    logLevel: process.env.WDIO_LOG ?? 'error',
    capabilities: {
      // WebKitWebDriver speaks classic WebDriver only (no BiDi).
      'wdio:enforceWebDriverClassic': true,
      'tauri:options': { application: app, args: [plan] },
    },
    connectionRetryCount: 2,
    connectionRetryTimeout: 60000,
    waitforTimeout: 15000,
    ...options,
  });
}

/** The running processes: id, command line (arguments separated by NUL) and parent id. */
export function processes() {
  const all = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const ppid = readFileSync(`/proc/${pid}/status`, 'utf8').match(/PPid:\s+(\d+)/)?.[1];
      all.push({ pid, cmd, ppid });
    } catch {
      // The process ended while we looked.
    }
  }
  return all;
}

/**
 * Waits (up to 15 s) until no process of the app is running any more: WebKitWebDriver cannot
 * start a new session while the window of the previous one is still closing.
 */
export async function appExited() {
  const running = () => processes().some((p) => p.cmd.startsWith(app));
  for (let waited = 0; running() && waited < 15000; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
  }
}
