import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/svelte';
import ProgressScreen from './ProgressScreen.svelte';
import { BackendError, type Backend } from '../api/backend';
import type { ProgressView } from '../api/bindings/ProgressView';
import type { ProgressEntry } from '../api/bindings/ProgressEntry';
import type { StatusEntry } from '../api/bindings/StatusEntry';
import type { Execution } from '../api/bindings/Execution';
import { i18n } from '../i18n/i18n.svelte';

const execution = (dimension: string): Execution => ({
  year: 2027,
  currency: 'KHR',
  dimension,
  rows: [{ code: '1', label: { text: 'Participation', l2: null }, budget: '400000000', spent: '100000000', rate: '25.0' }],
  total: { code: '', label: { text: 'Total', l2: null }, budget: '400000000', spent: '100000000', rate: '25.0' },
});

function view(period = '2027'): ProgressView {
  return {
    period,
    year: 2027,
    currency: 'KHR',
    indicators: [
      {
        indicator_id: 'i1', code: '1.2.a', statement: { text: 'Women officers in the police', l2: null }, level: 'outcome',
        kind: 'percentage', unit: '%', pillar_code: '1', responsible: 'MOI', disaggregation: ['sex'], baseline: '9', target: '11',
        target_year: 2027, actual: '10', actual_period: '2027', achieved_percent: '50.0', rating: 'partly', breakdown: [],
        note: '', source: '', date: null, locked: false,
      },
      {
        indicator_id: 'i2', code: '2.1.a', statement: { text: 'Provinces with a gender desk', l2: null }, level: 'output',
        kind: 'number', unit: 'provinces', pillar_code: '2', responsible: 'MWA', disaggregation: [], baseline: '0', target: '5',
        target_year: 2028, actual: null, actual_period: null, achieved_percent: null, rating: 'no_data', breakdown: [],
        note: '', source: '', date: null, locked: true,
      },
    ],
    activities: [
      {
        activity_id: 'a1', code: '1.1.1.1', title: { text: 'Leadership course', l2: null }, pillar_code: '1', lead_agency: 'MWA',
        status: 'delayed', status_period: '2027', note: '', budget: '16840500', spent: '4100000', execution_percent: '24.3', locked: false,
      },
    ],
    ratings: { achieved: 0, partly: 1, behind: 0, no_data: 1, not_rated: 0 },
    statuses: { not_started: 0, on_track: 0, delayed: 1, completed: 0, dropped: 0, not_reported: 0 },
    periods: ['2026', '2027', '2027-H1'],
    by_pillar: execution('pillar'),
    by_agency: execution('agency'),
    sources: [{ id: 's1', code: 'NB-MWA', name: { text: 'National budget', l2: null } }],
  };
}

function fakeBackend() {
  return {
    progress: vi.fn(async (period: string) => view(period || '2027')),
    reportProgress: vi.fn(async (entry: ProgressEntry, period: string) => {
      if (entry.value === 'ten') throw new BackendError('not_a_number', 'value: `ten` is not a number');
      return view(period);
    }),
    reportStatus: vi.fn(async (_entry: StatusEntry, period: string) => view(period)),
    reportExpenditure: vi.fn(async () => view()),
  } as unknown as Backend & Record<'progress' | 'reportProgress' | 'reportStatus' | 'reportExpenditure', ReturnType<typeof vi.fn>>;
}

describe('the progress screen', () => {
  it('shows each indicator against its target with its rating, and the execution of the budget', async () => {
    i18n.lang = 'en';
    render(ProgressScreen, { backend: fakeBackend() });
    expect(await screen.findByText('1 half-way or more')).toBeTruthy();
    expect(screen.getByText('1 not reported')).toBeTruthy();
    expect(screen.getByText('50.0 %')).toBeTruthy();
    expect(screen.getAllByText('Not reported').length).toBeGreaterThan(0);
    // The later target is marked with its year.
    expect(screen.getByText('(2028)')).toBeTruthy();
    expect(screen.getAllByText('400,000,000').length).toBeGreaterThan(0);
    // Another agency's indicator cannot be reported in a scoped copy.
    expect((screen.getByLabelText('Actual value of 2.1.a') as HTMLInputElement).disabled).toBe(true);
  });

  it('reports an actual value and a status for the period shown, and explains a refusal', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    const onedit = vi.fn();
    render(ProgressScreen, { backend, onedit });
    const actual = (await screen.findByLabelText('Actual value of 1.2.a')) as HTMLInputElement;
    await fireEvent.change(actual, { target: { value: '10.5' } });
    await waitFor(() => expect(backend.reportProgress).toHaveBeenCalled());
    const [entry, period] = backend.reportProgress.mock.calls[0] ?? [];
    expect(entry).toMatchObject({ indicator_id: 'i1', period: '2027', value: '10.5' });
    expect(period).toBe('2027');
    await waitFor(() => expect(onedit).toHaveBeenCalled());

    await fireEvent.change(screen.getByLabelText('Status of 1.1.1.1'), { target: { value: 'completed' } });
    await waitFor(() => expect(backend.reportStatus).toHaveBeenCalledWith({ activity_id: 'a1', period: '2027', status: 'completed', note: '' }, '2027'));

    await fireEvent.change(actual, { target: { value: 'ten' } });
    expect((await screen.findByRole('alert')).textContent).toContain('not a number');
  });

  it('loads another period when one is chosen', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    render(ProgressScreen, { backend });
    const picker = (await screen.findByLabelText('Reporting period')) as HTMLSelectElement;
    await fireEvent.change(picker, { target: { value: '2027-H1' } });
    await waitFor(() => expect(backend.progress).toHaveBeenLastCalledWith('2027-H1'));
    expect(await screen.findByText('Indicators in 2027-H1')).toBeTruthy();
  });

  it('records spending for an activity found by its code, and offers no activity outside a scoped copy', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    const withLocked = view();
    withLocked.activities.push({ ...withLocked.activities[0]!, activity_id: 'a2', code: '1.1.1.2', title: { text: 'Police gender desks', l2: 'ច្រកទទួលយេនឌ័រ' }, locked: true });
    withLocked.activities.push({ ...withLocked.activities[0]!, activity_id: 'a3', code: '2.1.1.1', title: { text: 'Mediator network', l2: 'បណ្តាញអ្នកសម្របសម្រួល' }, locked: false });
    backend.progress.mockImplementation(async () => withLocked);
    render(ProgressScreen, { backend });
    const pick = (await screen.findByRole('combobox', { name: 'Activity' })) as HTMLInputElement;
    expect(pick.placeholder).toBe('Choose…');
    const record = screen.getByRole('button', { name: 'Record' }) as HTMLButtonElement;
    expect(record.disabled).toBe(true);
    await fireEvent.focus(pick);
    expect(within(screen.getByRole('listbox')).getAllByRole('option').map((o) => o.textContent?.trim())).toEqual(['1.1.1.1 Leadership course', '2.1.1.1 Mediator network']);
    // Found by its Khmer name too.
    await fireEvent.input(pick, { target: { value: 'បណ្តាញ' } });
    await fireEvent.keyDown(pick, { key: 'Enter' });
    expect(pick.value).toBe('2.1.1.1 Mediator network');
    await fireEvent.input(screen.getByLabelText('Amount'), { target: { value: '2,500,000' } });
    await fireEvent.click(record);
    await waitFor(() => expect(backend.reportExpenditure).toHaveBeenCalled());
    expect(backend.reportExpenditure.mock.calls[0]?.[0]).toMatchObject({ activity_id: 'a3', year: '2027', amount: '2,500,000' });
  });

  it('lists a hundred activities at a time, and one lead agency\'s when asked', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    const many = view();
    const first = many.activities[0]!;
    many.activities = Array.from({ length: 250 }, (_, n) => ({
      ...first,
      activity_id: `a${n}`,
      code: `1.1.${Math.floor(n / 10) + 1}.${(n % 10) + 1}`,
      title: { text: `Activity ${n}`, l2: null },
      lead_agency: n % 5 === 0 ? 'MOI' : 'MWA',
    }));
    backend.progress.mockImplementation(async () => many);
    const { container } = render(ProgressScreen, { backend });
    const rows = () => container.querySelectorAll('table.activities tbody tr');
    await waitFor(() => expect(rows()).toHaveLength(100));
    await fireEvent.click(screen.getByRole('button', { name: 'Show 100 more (150 not shown)' }));
    expect(rows()).toHaveLength(200);
    // One lead agency: its 50 activities, all shown.
    const lead = screen.getByRole('combobox', { name: 'Lead' }) as HTMLSelectElement;
    expect([...lead.options].map((o) => o.value)).toEqual(['', 'MOI', 'MWA']);
    await fireEvent.change(lead, { target: { value: 'MOI' } });
    expect(rows()).toHaveLength(50);
    expect([...rows()].every((r) => r.children[2]?.textContent === 'MOI')).toBe(true);
    expect(screen.queryByRole('button', { name: /^Show .* more/ })).toBeNull();
    await fireEvent.change(lead, { target: { value: '' } });
    expect(rows()).toHaveLength(100);
  });
});
