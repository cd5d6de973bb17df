// End-to-end tests of the real app: the release-built binary in its WebKitGTK window, driven
// through tauri-driver (which starts WebKitWebDriver) under Xvfb. Run by scripts/test.sh:
//   NAP_STUDIO_BIN=target/debug/nap-studio xvfb-run -a npm test --prefix e2e
// One plan file is used throughout, as an officer would: open it, cost a new activity, have
// a wrong quantity refused, read Khmer, export the annex, quit, start again; then fund part
// of the gap and reorder the results framework, and undo the reorder; visit every screen at
// a 1366×768 laptop's size in English and Khmer; last, close the window while still typing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { app, appExited, nap, openApp as open, processes, startDriver } from './driver.mjs';

const work = mkdtempSync(join(tmpdir(), 'nap-e2e-'));
const plan = join(work, 'Sample plan.nap');
let driver;

/** The plan total as `nap costs` prints it (the engine, not the window). */
function totalFromCli() {
  const out = JSON.parse(execFileSync(nap, ['costs', plan, '--by', 'pillar', '--format', 'json']).toString());
  return out.total;
}

const openApp = () => open(plan);

/** The text of the dashboard's total cost, once it is shown. */
async function dashboardTotal(browser) {
  await (await browser.$('button=Dashboard')).click();
  const total = await browser.$('[data-testid="total-cost"]');
  await total.waitForDisplayed();
  return total.getText();
}

/** Types into the grid cell labelled `label` and presses Enter (which saves it). */
async function typeInCell(browser, label, value) {
  const cell = await browser.$(`input[aria-label="${label}"]`);
  await cell.waitForDisplayed();
  await cell.click();
  await cell.clearValue();
  await cell.setValue(value);
  await browser.keys('Enter');
}

const digits = (text) => BigInt(text.replace(/[^0-9]/g, ''));

before(async () => {
  assert.ok(existsSync(app), `the app is built at ${app}`);
  execFileSync(nap, ['sample', plan]);
  driver = await startDriver();
});

after(() => {
  driver?.kill();
});

test('an officer costs a new activity, is stopped on a bad quantity, reads Khmer, exports, and finds the work after a restart', async () => {
  let browser = await openApp();
  try {
    // The sample plan opens on its dashboard.
    const title = await browser.$('h1');
    await title.waitForDisplayed();
    assert.match(await title.getText(), /Women, Peace and Security/);
    const before = await dashboardTotal(browser);
    assert.equal(digits(before), digits(String(totalFromCli()).split('.')[0]));

    // A new activity under the first output, with one cost line.
    await (await browser.$('button=Costing')).click();
    await (await browser.$('button*=New activity')).click();
    await (await browser.$('input[required]')).setValue('Radio drama on women mediators');
    await (await browser.$('button=Create activity')).click();
    await (await browser.$('p*=Activity')).waitForDisplayed();
    await (await browser.$('button=Add cost line')).click();
    await typeInCell(browser, 'Item, New cost line', 'Studio hire');
    await typeInCell(browser, 'Unit cost, Studio hire', '250000');
    await typeInCell(browser, 'Quantity 2026, Studio hire', '4');
    const quantity = await browser.$('input[aria-label="Quantity 2026, Studio hire"]');
    await browser.waitUntil(async () => (await quantity.parentElement().$('.amount').getText()) === '1,000,000');

    // A quantity that is not a number is refused in its cell; nothing is saved.
    const onDiskBefore = totalFromCli();
    await typeInCell(browser, 'Quantity 2027, Studio hire', '12 kits');
    const bad = await browser.$('input[aria-label="Quantity 2027, Studio hire"]');
    await browser.waitUntil(async () => (await bad.getAttribute('aria-invalid')) === 'true');
    assert.match(await (await browser.$('p.notice')).getText(), /not a number.*Nothing was saved/);
    assert.equal(totalFromCli(), onDiskBefore, 'the refused value did not reach the file');

    // The dashboard total grew by the line and its 5 % contingency (the sample plan's rate).
    const after = await dashboardTotal(browser);
    assert.equal(digits(after) - digits(before), 1_050_000n);

    // Khmer.
    await (await browser.$('button[aria-label="Switch the interface to Khmer"]')).click();
    await (await browser.$('button=ការប៉ាន់ស្មានថ្លៃ')).waitForDisplayed();
    assert.match(await (await browser.$('h2=ផ្ទាំងសង្ខេប')).getText(), /ផ្ទាំងសង្ខេប/);
    await (await browser.$('button=English')).click();

    // The annex, exported to a chosen path.
    await (await browser.$('button=Export')).click();
    const target = join(work, 'annex.pdf');
    const path = await browser.$('input[spellcheck="false"]');
    await path.waitForDisplayed();
    await path.clearValue();
    await path.setValue(target);
    await (await browser.$('form button[type="submit"]')).click();
    await (await browser.$('p*=Saved')).waitForDisplayed({ timeout: 60000 });
    assert.equal(readFileSync(target).subarray(0, 4).toString(), '%PDF');
    const text = execFileSync('pdftotext', [target, '-']).toString();
    assert.match(text, /Radio drama on women mediators/);
  } finally {
    await browser.deleteSession();
  }

  // Quit and start again: the edit is in the file and on screen.
  copyFileSync(plan, join(work, 'after-first-session.nap'));
  browser = await openApp();
  try {
    const total = await dashboardTotal(browser);
    assert.equal(digits(total), digits(String(totalFromCli()).split('.')[0]));
    await (await browser.$('button=Costing')).click();
    // The activity for new lines is found by typing words of its title.
    const pick = await browser.$('.activity-pick input[role="combobox"]');
    await pick.waitForDisplayed();
    await pick.click();
    await pick.setValue('women mediators');
    const found = await browser.$('li[role="option"]*=Radio drama on women mediators');
    await found.waitForDisplayed();
    assert.ok(await found.isExisting(), 'the new activity is still there');
  } finally {
    await browser.deleteSession();
  }
});

test('a budget analyst funds part of the gap, a drafter writes Khmer in the narrative, and a planner reorders the results from the keyboard, undoes it, and drags it with the mouse', async () => {
  const browser = await openApp();
  try {
    await (await browser.$('[data-testid="total-cost"]')).waitForDisplayed();
    const gapBefore = digits(await (await browser.$('[data-testid="gap"]')).getText());

    // Funding: a committed national budget gets one more million riel in 2026; with no
    // earmark it pays for 2026 cost, so the gap falls by exactly that.
    await (await browser.$('button=Funding')).click();
    const amount = await browser.$('input[aria-label="Amount (KHR) 2026"]');
    await amount.waitForDisplayed();
    const was = digits(await amount.getValue());
    await amount.click();
    await amount.clearValue();
    await amount.setValue(String(was + 1_000_000n));
    await browser.keys('Tab');
    await (await browser.$('p=Saved.')).waitForDisplayed();
    // "9,308,210,317 KHR (56.8 %)": the amount is the first word.
    const fundingGap = async () => digits((await (await browser.$('[data-testid="funding-gap"]')).getText()).split(' ')[0]);
    await browser.waitUntil(async () => (await fundingGap()) === gapBefore - 1_000_000n);

    // Narrative: Khmer typed into the rich-text editor, made bold from the toolbar, is saved
    // as Markdown when the editor is left.
    await (await browser.$('button=Narrative')).click();
    const khmer = await browser.$('[role="textbox"][aria-label="Text in Khmer"]');
    await khmer.waitForDisplayed();
    await khmer.click();
    await browser.keys(['Control', 'a']);
    await browser.keys(['Control']); // releases it
    // Typed as one string: WebDriver's key actions take one grapheme at a time.
    await khmer.addValue('ការចូលរួមរបស់ស្ត្រី');
    await browser.keys(['Control', 'a']);
    await browser.keys(['Control']);
    await (await browser.$('button=Bold')).click();
    await (await browser.$('input[data-saved="Context and situation analysis"]')).click();
    await (await browser.$('p=Saved.')).waitForDisplayed();
    const sections = JSON.parse(execFileSync(nap, ['list', plan, 'narrative_section', '--format', 'json']).toString());
    assert.equal(sections[0].body.l2, '**ការចូលរួមរបស់ស្ត្រី**', 'the file holds the Markdown of what was typed');

    // Results: outcome 1.2 moves up with Alt+↑ and becomes 1.1, its outputs renumbered;
    // Ctrl+Z (from the top bar's undo) puts everything back; then it is dragged there.
    await (await browser.$('button=Results')).click();
    const second = await browser.$('li[role="treeitem"]*=Women serve in greater numbers');
    await second.waitForDisplayed();
    await second.click();
    await browser.keys(['\uE00A', '\uE013']); // Alt+↑
    await browser.waitUntil(async () => (await second.getText()).startsWith('1.1'));
    const codes = await browser.execute(() =>
      [...document.querySelectorAll('li[role="treeitem"] .code')].map((c) => c.textContent ?? ''),
    );
    assert.ok(codes.indexOf('1.1') < codes.indexOf('1.2'));
    await (await browser.$('button=Undo')).click();
    await browser.waitUntil(async () => (await (await browser.$('li[role="treeitem"]*=Women serve in greater numbers')).getText()).startsWith('1.2'));
    const outcomes = JSON.parse(execFileSync(nap, ['list', plan, 'outcome', '--format', 'json']).toString());
    const moved = outcomes.find((o) => o.title.text.startsWith('Women serve in greater numbers'));
    assert.equal(moved.code, '1.2', 'the undo reached the file');

    // The same move with the mouse: 1.2 dragged onto 1.1 takes its place, in the file too.
    const dragged = await browser.$('li[role="treeitem"]*=Women serve in greater numbers');
    const firstOutcome = await browser.$('li[role="treeitem"][aria-level="3"]');
    assert.match(await firstOutcome.getText(), /^1\.1/);
    await dragged.dragAndDrop(firstOutcome);
    await browser.waitUntil(async () => (await (await browser.$('li[role="treeitem"]*=Women serve in greater numbers')).getText()).startsWith('1.1'));
    const afterDrag = JSON.parse(execFileSync(nap, ['list', plan, 'outcome', '--format', 'json']).toString());
    assert.equal(afterDrag.find((o) => o.title.text.startsWith('Women serve in greater numbers')).code, '1.1');
  } finally {
    await browser.deleteSession();
  }
});

test('on a 1366×768 laptop every screen fits its width in English and Khmer, and the tabs stay put', async () => {
  const browser = await openApp();
  try {
    // A maximised window on a 1366×768 screen, less the title bar and a panel.
    await browser.setWindowSize(1366, 690);
    await (await browser.$('h1')).waitForDisplayed();
    for (const switchTo of [null, 'Switch the interface to Khmer']) {
      if (switchTo) {
        await (await browser.$(`button[aria-label="${switchTo}"]`)).click();
        await (await browser.$('button=ការប៉ាន់ស្មានថ្លៃ')).waitForDisplayed();
      }
      const tabCount = (await browser.$$('button.tab')).length;
      let positions = null;
      for (let k = 0; k < tabCount; k++) {
        const tab = (await browser.$$('button.tab'))[k];
        const name = await tab.getText();
        await tab.click();
        await browser.pause(700);
        const found = await browser.execute(() => {
          // Panes that scroll sideways; the costing grid (.viewport) does by design, with its
          // activity and item columns frozen.
          const sideways = [];
          for (const el of document.querySelectorAll('*')) {
            const { overflowX } = getComputedStyle(el);
            const scrolls = overflowX === 'auto' || overflowX === 'scroll' || el === document.scrollingElement;
            if (scrolls && !el.classList.contains('viewport') && el.scrollWidth > el.clientWidth + 1)
              sideways.push(`${el.tagName}.${el.className} (${el.clientWidth} px wide, content ${el.scrollWidth} px)`);
          }
          const tabs = [...document.querySelectorAll('button.tab')].map((b) => Math.round(b.getBoundingClientRect().left));
          return { sideways, tabs };
        });
        assert.deepEqual(found.sideways, [], `${name}: nothing scrolls sideways`);
        if (positions) assert.deepEqual(found.tabs, positions, `selecting ${name} moves no tab`);
        positions = found.tabs;
      }
    }
    // The costing grid keeps the activity and item in view when it scrolls sideways.
    await (await browser.$('button=ការប៉ាន់ស្មានថ្លៃ')).click();
    await (await browser.$('.viewport')).waitForDisplayed();
    const frozen = await browser.execute(() => {
      const viewport = document.querySelector('.viewport');
      const cell = document.querySelector('tbody td.item');
      const before = cell.getBoundingClientRect().left;
      viewport.scrollLeft = viewport.scrollWidth;
      return { moved: viewport.scrollLeft > 0, before, after: cell.getBoundingClientRect().left };
    });
    assert.ok(frozen.moved, 'the grid is wider than the window in Khmer');
    assert.equal(Math.round(frozen.after), Math.round(frozen.before), 'the item column stays in view');
    await (await browser.$('button=English')).click();
  } finally {
    await browser.deleteSession();
  }
});

test('a secretariat brings its French logframe and budget in from Excel on the Import screen, and one Undo takes the budget back', async () => {
  // A French plan in CFA francs: its standard pillars are French, so the workbook's
  // "AXE 1. PRÉVENTION" and "AXE 2. PROTECTION" land on them.
  const french = join(work, 'PAN Mali.nap');
  execFileSync(nap, ['new', french, '--title', "Plan d'action national 1325", '--country', 'ML', '--start', '2027', '--end', '2029', '--currency', 'XOF', '--language', 'fr']);
  const book = join(import.meta.dirname, 'fixtures', 'PAN Mali.xlsx');
  const list = (kind) => JSON.parse(execFileSync(nap, ['list', french, kind, '--format', 'json']).toString());
  /** `nap costs` by pillar and year, exact, as rows of cells. */
  const costs = () =>
    execFileSync(nap, ['costs', french, '--by', 'pillar', '--by', 'year', '--format', 'csv', '--rounding', 'exact'])
      .toString()
      .trim()
      .split('\n')
      .map((l) => l.split(','));
  const browser = await open(french);
  try {
    await (await browser.$('button=Import')).click();
    const screen = await browser.$('section.import');
    const file = await screen.$('input[spellcheck="false"]');
    await file.waitForDisplayed();
    await file.setValue(book);
    await (await screen.$('button=Review')).click();

    // The logframe sheet: the header found under the merged title, each column read.
    const actors = await browser.$('select[aria-label="Read column F as"]');
    await actors.waitForDisplayed({ timeout: 30000 });
    assert.equal(await actors.getValue(), 'lead_agency', 'Acteurs is read as the lead agency');
    assert.equal(await (await browser.$('select[aria-label="Read column C as"]')).getValue(), 'indicator');
    assert.equal(list('outcome').length, 0, 'the review writes nothing');
    await (await screen.$('button=Import')).click();
    await (await browser.$('p*=Imported')).waitForDisplayed({ timeout: 30000 });
    const outcomes = list('outcome');
    assert.ok(outcomes.some((o) => o.title.text === 'Renforcer la prévention des violences'), JSON.stringify(outcomes.map((o) => o.title.text)));
    assert.equal(list('indicator').length, 4, 'two indicators from one cell, and one on each other row');
    const prevention = list('pillar').find((p) => p.title.text === 'Prévention');
    assert.ok(outcomes.every((o) => o.pillar_id !== undefined));
    assert.ok(outcomes.some((o) => o.pillar_id === prevention.id), 'AXE 1 is the plan\'s Prévention pillar');

    // The budget sheet of the same workbook: amounts under year columns, a Total row checked.
    await (await screen.$('button=Review')).click();
    const sheet = await browser.$('label.sheet select');
    await sheet.waitForDisplayed({ timeout: 30000 });
    await sheet.selectByVisibleText('Budget');
    // Year columns are read as that year's amounts (lump sums).
    await browser.waitUntil(
      () => browser.execute(() => [...document.querySelectorAll('section.import td select')].some((s) => s.value === 'year:2027')),
      { timeout: 30000, timeoutMsg: 'no column read as the amounts of 2027' },
    );
    await (await browser.$('p*=agrees with the rows imported')).waitForDisplayed();
    await (await screen.$('button=Import')).click();
    await (await browser.$('p*=Imported')).waitForDisplayed({ timeout: 30000 });
    const row = costs().find((r) => r[1] === 'Prévention');
    assert.deepEqual(row.slice(2), ['250000000', '300000000', '350000000', '900000000']);

    // One Undo takes the whole budget import back, in the file too.
    await (await browser.$('button=Undo')).click();
    await browser.waitUntil(() => list('cost_line').length === 0, { timeout: 15000 });
    assert.ok(list('outcome').length > 0, 'the logframe imported before stays');
  } finally {
    await browser.deleteSession();
  }
});

test('a drafter closes the window while still typing a title, and the title is in the file', async () => {
  const browser = await openApp();
  const typed = 'Context, as revised at closing time';
  const titles = () => JSON.parse(execFileSync(nap, ['list', plan, 'narrative_section', '--format', 'json']).toString()).map((s) => s.title.text);
  try {
    await (await browser.$('button=Narrative')).click();
    const title = await browser.$('input[data-saved="Context and situation analysis"]');
    await title.waitForDisplayed();
    await title.click();
    await title.clearValue();
    await title.setValue(typed);
    // A title is saved when it is left, and it has not been left.
    assert.ok(!titles().includes(typed), 'nothing saved while the field is being typed in');
    // What the window's close button does (the app asks the page; WebDriver cannot press
    // the window manager's button): leave the field, wait for the save, close.
    await browser.execute(() => {
      void window.__napBeforeClose?.();
    });
    await appExited();
    assert.ok(!processes().some((p) => p.cmd.startsWith(app)), 'the window closed and the app ended');
    assert.ok(titles().includes(typed), 'the title being typed was saved before the window closed');
  } finally {
    // The window is gone with its session.
    await browser.deleteSession().catch(() => {});
  }
});
