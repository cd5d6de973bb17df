import { describe, expect, it } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import App from './App.svelte';
import { tauriBackend } from './lib/api/backend';
import type { PlanSummary } from './lib/api/bindings/PlanSummary';
import type { Dashboard } from './lib/api/bindings/Dashboard';
import { i18n } from './lib/i18n/i18n.svelte';
import { CLOSE_KEPT } from './lib/closing';

const summary: PlanSummary = {
  path: '/home/officer/Sample.nap',
  title: { text: 'National Action Plan on WPS 2026–2030', l2: 'ផែនការសកម្មភាពជាតិ' },
  country: 'XM',
  country_name: { text: 'Kingdom of Mekara', l2: null },
  start_year: 2026,
  end_year: 2030,
  status: 'consultation',
  base_currency: 'KHR',
  elements: {
    narrative: 7,
    results_framework: 95,
    resources: 1103,
    communication: 15,
    agency_plans: 2,
    coordination: 6,
  },
  scope_agency: null,
  read_only: false,
  working_language: 'en',
  second_language: { tag: 'km', english: 'Khmer', native: 'ខ្មែរ' },
};

const dashboard: Dashboard = {
  currency: 'KHR',
  total_cost: '16393210317',
  committed: '7085000000',
  gap: '9308210317',
  gap_percent: '56.8',
  by_pillar: [
    { code: '1', label: { text: 'Participation', l2: 'ការចូលរួម' }, amount: '1908848180', percent: '32.1', committed: null, committed_percent: null },
  ],
  by_year: [
    { code: '2026', label: { text: '2026', l2: '2026' }, amount: '2958107250', percent: '78.5', committed: '1591000000', committed_percent: '42.2' },
  ],
  completeness: [{ element: 'resources', done: 44, of: 44 }],
  recent: [{ kind: 'cost_line', label: 'Per diem', modified_by: 'MOI planning', modified: '2026-11-22T10:00:00.000Z' }],
};

let lastRequest: unknown = null;
const calls: string[] = [];
let savedPreferences: unknown = null;
let undoable = true;

const view = {
  title: 'Cost by pillar × year (KHR)',
  currency: 'KHR',
  columns: ['2026', '2027'],
  rows: [{ code: '1', label: { text: 'Participation', l2: 'ការចូលរួម' }, cells: ['428,800,000', '719,495,800'], total: '1,148,295,800' }],
  column_totals: ['428,800,000', '719,495,800'],
  total: '1,148,295,800',
  note: null,
};

function backendMock(cmd: string, args?: unknown) {
  calls.push(cmd);
  if (cmd === 'plan_summary') return summary;
  if (cmd === 'preferences') return { language: 'en', author: 'MOWA secretariat' };
  if (cmd === 'set_preferences') {
    savedPreferences = (args as { preferences: unknown }).preferences;
    return savedPreferences;
  }
  if (cmd === 'history') return { undo: undoable ? { action: 'edit', kind: 'cost_line' } : null, redo: null };
  if (cmd === 'undo') {
    undoable = false;
    return { undo: null, redo: { action: 'edit', kind: 'cost_line' } };
  }
  if (cmd === 'dashboard') return dashboard;
  if (cmd === 'budget_view') {
    lastRequest = args;
    return view;
  }
  if (cmd === 'plan_settings') {
    return { base_currency: 'KHR', presentation_currency: '', costing_base_year: 2026, years: [2026, 2027, 2028], inflation: ['', '', ''], contingency: '5', rates: [], currencies: ['USD'], rated_currencies: ['USD'], currency_names: { USD: 'US Dollar' }, classifications: [], working_language: 'en', second_language: 'km', languages: [{ code: 'en', english: 'English', native: 'English' }, { code: 'km', english: 'Khmer', native: 'ខ្មែរ' }], locked: false };
  }
  throw new Error(`unexpected command ${cmd}`);
}

/** A promise a mocked command waits on (`held`) until the test lets it go (`release`). */
function gate() {
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  return { held, release };
}

describe('App', () => {
  it('shows the open plan through the real IPC wrapper', async () => {
    i18n.lang = 'en';
    mockIPC(backendMock);
    render(App, { props: { backend: tauriBackend } });
    expect(await screen.findByText('National Action Plan on WPS 2026–2030')).toBeTruthy();
    expect(screen.getByTestId('period').textContent).toBe('2026–2030');
    expect(screen.getByTestId('element-resources').textContent).toContain('1,103');
    expect(screen.getByTestId('element-coordination').textContent).toContain('6');
  });

  it('asks for the dashboard at start with the summary, not once the summary is in', async () => {
    i18n.lang = 'en';
    calls.length = 0;
    const { held, release } = gate();
    mockIPC(async (cmd, args) => {
      if (cmd === 'plan_summary') await held;
      return backendMock(cmd, args);
    });
    render(App, { props: { backend: tauriBackend } });
    await waitFor(() => expect(calls).toContain('dashboard'));
    expect(screen.queryByText('National Action Plan on WPS 2026–2030')).toBeNull();
    release();
    expect((await screen.findByTestId('total-cost')).textContent).toBe('16,393,210,317');
    expect(calls.filter((c) => c === 'dashboard')).toHaveLength(1);
  });

  it('draws the plan first in the language chosen last time, not in English and then again', async () => {
    i18n.lang = 'en';
    calls.length = 0;
    const { held, release } = gate();
    mockIPC(async (cmd, args) => {
      if (cmd === 'preferences') {
        calls.push(cmd);
        await held;
        return { language: 'km', author: 'MOWA secretariat' };
      }
      return backendMock(cmd, args);
    });
    render(App, { props: { backend: tauriBackend } });
    // Asked together at start; the plan waits for the language.
    await waitFor(() => expect(calls).toEqual(expect.arrayContaining(['preferences', 'plan_summary', 'dashboard'])));
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByText('National Action Plan on WPS 2026–2030')).toBeNull();
    expect(screen.queryByRole('navigation')).toBeNull();
    release();
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('ផែនការសកម្មភាពជាតិ');
    expect(document.documentElement.lang).toBe('km');
    i18n.lang = 'en';
  });

  it('says why the plan given at start could not be opened in the language chosen last time', async () => {
    i18n.lang = 'en';
    const { held, release } = gate();
    mockIPC(async (cmd) => {
      if (cmd === 'preferences') {
        await held;
        return { language: 'km', author: '' };
      }
      throw { code: 'truncated', message: '/tmp/x.nap: the file is truncated' };
    });
    render(App, { props: { backend: tauriBackend } });
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('alert')).toBeNull();
    release();
    expect((await screen.findByRole('alert')).textContent).toContain('មិនអាចបើកផែនការបានទេ');
    i18n.lang = 'en';
  });

  it('opens the plan in English when the settings cannot be read', async () => {
    i18n.lang = 'en';
    mockIPC((cmd, args) => {
      if (cmd === 'preferences') throw new Error('settings unreadable');
      return backendMock(cmd, args);
    });
    render(App, { props: { backend: tauriBackend } });
    expect(await screen.findByText('National Action Plan on WPS 2026–2030')).toBeTruthy();
  });

  it('says when a plan is open to read and export only, and only then', async () => {
    i18n.lang = 'en';
    mockIPC(backendMock);
    const first = render(App, { props: { backend: tauriBackend } });
    await screen.findByText('National Action Plan on WPS 2026–2030');
    expect(screen.queryByText(/Opened read-only/)).toBeNull();
    first.unmount();
    mockIPC((cmd, args) => (cmd === 'plan_summary' ? { ...summary, read_only: true } : backendMock(cmd, args)));
    render(App, { props: { backend: tauriBackend } });
    expect((await screen.findByText(/Opened read-only/)).getAttribute('role')).toBe('note');
  });

  it('switches to Khmer labels and the Khmer title', async () => {
    i18n.lang = 'en';
    mockIPC(backendMock);
    render(App, { props: { backend: tauriBackend } });
    await screen.findByText('National Action Plan on WPS 2026–2030');
    await fireEvent.click(screen.getByRole('button', { name: 'Switch the interface to Khmer' }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('ផែនការសកម្មភាពជាតិ');
    expect(screen.getByTestId('element-resources').textContent).toContain('ផែនការធនធាន (ការប៉ាន់ស្មានថវិកា)');
    expect(await screen.findByRole('heading', { name: 'ផ្ទាំងសង្ខេប' })).toBeTruthy();
    // The choice is remembered for the next start, with the agency name kept.
    await waitFor(() => expect(savedPreferences).toEqual({ language: 'km', author: 'MOWA secretariat' }));
    i18n.lang = 'en';
  });

  it('shows the dashboard totals formatted from the backend strings', async () => {
    i18n.lang = 'en';
    mockIPC(backendMock);
    render(App, { props: { backend: tauriBackend } });
    expect((await screen.findByTestId('total-cost')).textContent).toBe('16,393,210,317');
    expect(screen.getByTestId('gap').textContent).toBe('9,308,210,317');
    expect(screen.getByText('56.8 % of cost not yet funded')).toBeTruthy();
    expect(screen.getByText('44 of 44')).toBeTruthy();
    expect(screen.getByText('by MOI planning · 2026-11-22')).toBeTruthy();
  });

  it('shows budget views and asks for the chosen dimensions', async () => {
    i18n.lang = 'en';
    mockIPC(backendMock);
    render(App, { props: { backend: tauriBackend } });
    await fireEvent.click(await screen.findByRole('button', { name: 'Budget views' }));
    expect((await screen.findByTestId('view-total')).textContent).toBe('1,148,295,800');
    expect(lastRequest).toMatchObject({ request: { rows: 'pillar', columns: 'year', measure: 'cost', rounding: 'unit' } });
    await fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'gap' } });
    await screen.findByTestId('view-total');
    expect(lastRequest).toMatchObject({ request: { measure: 'gap' } });
    // In dollars, then the medium-term view of 2027: the columns are then the MTEF years.
    const currency = screen.getByLabelText('Currency') as HTMLSelectElement;
    await waitFor(() => expect(currency.options.length).toBe(2));
    await fireEvent.change(currency, { target: { value: 'USD' } });
    await waitFor(() => expect(lastRequest).toMatchObject({ request: { currency: 'USD' } }));
    expect((lastRequest as { request: object }).request).not.toHaveProperty('budget_year');
    await fireEvent.change(screen.getByLabelText('Medium-term view (budget year)'), { target: { value: '2027' } });
    await waitFor(() => expect(lastRequest).toMatchObject({ request: { currency: 'USD', budget_year: 2027 } }));
    expect((screen.getByLabelText('Columns') as HTMLSelectElement).disabled).toBe(true);
  });

  it('undoes the last edit with Ctrl+Z and shows the dashboard again from the backend', async () => {
    i18n.lang = 'en';
    undoable = true;
    calls.length = 0;
    mockIPC(backendMock);
    render(App, { props: { backend: tauriBackend } });
    await screen.findByTestId('total-cost');
    const undo = await screen.findByRole('button', { name: 'Undo' });
    await waitFor(() => expect((undo as HTMLButtonElement).disabled).toBe(false));
    const dashboards = calls.filter((c) => c === 'dashboard').length;
    // A Ctrl+Z a focused control already took for itself (an editor undoing its own typing)
    // is left to it.
    const editor = document.createElement('div');
    document.body.append(editor);
    editor.addEventListener('keydown', (e) => e.preventDefault());
    await fireEvent.keyDown(editor, { key: 'z', ctrlKey: true });
    // So is one in a text area whose typing is not saved yet.
    const area = document.createElement('textarea');
    area.dataset.saved = 'as saved';
    area.value = 'as saved, and more';
    document.body.append(area);
    area.focus();
    await fireEvent.keyDown(area, { key: 'z', ctrlKey: true });
    area.remove();
    editor.remove();
    expect(calls).not.toContain('undo');
    await fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    await waitFor(() => expect(calls).toContain('undo'));
    await waitFor(() => expect(calls.filter((c) => c === 'dashboard').length).toBe(dashboards + 1));
    expect(screen.getByRole('status').textContent).toBe('Undone.');
    expect((screen.getByRole('button', { name: 'Undo' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Redo' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('says the plan is busy when a long task holds it, keeps the screens, and loads the dashboard after', async () => {
    i18n.lang = 'en';
    let busy = true;
    mockIPC((cmd, args) => {
      if (cmd === 'dashboard' && busy) throw { code: 'busy', message: 'the plan is busy with a long task' };
      return backendMock(cmd, args);
    });
    render(App, { props: { backend: tauriBackend } });
    expect(await screen.findByText('NAP Studio is still busy with an import or a merge. Try again when it has finished.')).toBeTruthy();
    expect(screen.queryByText('The plan could not be opened')).toBeNull();
    busy = false;
    await fireEvent.click(screen.getByRole('button', { name: 'Budget views' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Dashboard' }));
    expect((await screen.findByTestId('total-cost')).textContent).toBe('16,393,210,317');
    expect(screen.queryByText(/still busy/)).toBeNull();
  });

  it('explains a refused file by its error code', async () => {
    i18n.lang = 'en';
    mockIPC(() => {
      throw { code: 'truncated', message: '/tmp/x.nap: the file is truncated' };
    });
    render(App, { props: { backend: tauriBackend } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The file is incomplete');
    expect(alert.textContent).toContain('/tmp/x.nap: the file is truncated');
  });

  it('says why the window stayed open when a value could not be saved on closing', async () => {
    i18n.lang = 'en';
    mockIPC(backendMock);
    render(App, { props: { backend: tauriBackend } });
    await screen.findByText('National Action Plan on WPS 2026–2030');
    window.dispatchEvent(new CustomEvent(CLOSE_KEPT));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Window kept open: a value was not saved'));
  });
});
