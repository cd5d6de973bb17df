// Retakes the README's screenshots of every screen, in English and Khmer, with the window
// filling a 1366×768 screen (the most common government laptop). Run from the repository
// root after a debug build (scripts/test.sh builds one):
//   xvfb-run -a -s "-screen 0 1366x768x24" node e2e/screenshots.mjs
// Not a test: the layout at this size is checked by app.test.mjs; this makes the pictures a
// person looks at.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { nap, openApp, startDriver } from './driver.mjs';

const [width, height] = [1366, 768];
const out = resolve(import.meta.dirname, '..', 'docs', 'screenshots');
const work = mkdtempSync(join(tmpdir(), 'nap-shots-'));
const plan = join(work, 'Sample NAP WPS 2026-2030.nap');
// A data folder of its own, so that no remembered language or recent plan changes the pictures
// (the app inherits tauri-driver's environment).
process.env.NAP_STUDIO_DATA_DIR = join(work, 'data');
execFileSync(nap, ['sample', plan]);
// A version saved before a later change, so that the Versions screen has one to compare.
execFileSync(nap, ['version', 'save', plan, '--name', 'Consultation draft', '--note', 'Sent to line ministries']);
execFileSync(nap, ['add', 'expenditure', plan, 'activity=1.3.1.1', 'year=2026', 'amount=12000000']);

/** The screen's tab (by its place in the bar) and the file name it is saved under. The
 *  Import screen's pictures show a French workbook under review and are taken by hand. */
const screens = [
  [0, 'start'],
  [1, 'dashboard'],
  [2, 'narrative'],
  [3, 'results'],
  [4, 'costing'],
  [5, 'funding'],
  [6, 'agency'],
  [7, 'coordination'],
  [8, 'communication'],
  [9, 'budget-views'],
  [10, 'review'],
  [11, 'progress'],
  [12, 'versions'],
  [16, 'settings'],
];

const driver = await startDriver();
const browser = await openApp(plan);
try {
  await browser.setWindowSize(width, height);
  await (await browser.$('h1')).waitForDisplayed();
  for (const lang of ['en', 'km']) {
    if (lang === 'km') {
      await (await browser.$('button[aria-label="Switch the interface to Khmer"]')).click();
      await (await browser.$('button=ការប៉ាន់ស្មានថ្លៃ')).waitForDisplayed();
    }
    for (const [tab, name] of screens) {
      if (name === 'start' && lang === 'km') continue;
      await (await browser.$$('button.tab'))[tab].click();
      // Let the screen load its data and settle before the picture is taken.
      await browser.pause(1500);
      const file = join(out, `${name}-${lang}.png`);
      execFileSync('import', ['-window', 'root', '-crop', `${width}x${height}+0+0`, file]);
      console.log(`wrote ${file}`);
    }
  }
} finally {
  await browser.deleteSession();
  driver.kill('SIGTERM');
}
