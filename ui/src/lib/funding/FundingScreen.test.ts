import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/svelte';
import FundingScreen from './FundingScreen.svelte';
import { BackendError, type Backend } from '../api/backend';
import type { FundingView } from '../api/bindings/FundingView';
import type { SourceRow } from '../api/bindings/SourceRow';
import type { ShownTable } from '../api/bindings/ShownTable';
import { i18n } from '../i18n/i18n.svelte';

const MWA = '40000000-0000-4000-8000-000000000001';
const UNW = '40000000-0000-4000-8000-000000000002';
const PILLAR = '50000000-0000-4000-8000-000000000001';

function source(overrides: Partial<SourceRow>): SourceRow {
  return {
    id: MWA,
    code: 'NB-MWA',
    name: { text: "National budget: Ministry of Women's Affairs", l2: 'ថវិកាជាតិ៖ ក្រសួងកិច្ចការនារី' },
    kind: 'national_budget',
    status: 'committed',
    agency_id: null,
    on_budget: true,
    currency: 'KHR',
    amounts: ['420000000', ''],
    total: '420000000',
    allocated: ['420000000', '0'],
    unallocated: '0',
    has_unallocated: false,
    lines: 3,
    earmarks: [],
    modified_by: 'MWA',
    modified: '2026-01-15T09:00:00.000Z',
    locked: false,
    ...overrides,
  };
}

function view(overrides: Partial<FundingView> = {}): FundingView {
  return {
    currency: 'KHR',
    years: [2026, 2027],
    total_cost: '1000000000',
    committed: '420000000',
    pledged: '0',
    expected: '0',
    gap: '580000000',
    gap_percent: '58.0',
    gap_with_pledged: '580000000',
    sources: [
      source({}),
      source({ id: UNW, code: 'DP-UNW', name: { text: 'UN Women', l2: null }, kind: 'development_partner', status: 'pledged', currency: 'USD', amounts: ['', '50000'], total: '50000', allocated: ['0', '0'], unallocated: '205000000', has_unallocated: true, lines: 0 }),
    ],
    agencies: [{ id: '60000000-0000-4000-8000-000000000001', code: 'MWA', name: { text: "Ministry of Women's Affairs", l2: null } }],
    earmark_choices: [
      { target: 'pillar', id: PILLAR, code: 'P1', name: { text: 'Prevention', l2: 'ការបង្ការ' } },
      { target: 'activity', id: '70000000-0000-4000-8000-000000000001', code: '1.1.1.1', name: { text: 'Train judges', l2: null } },
    ],
    currencies: ['KHR', 'USD'],
    ...overrides,
  };
}

const gapTable: ShownTable = {
  title: 'Funding gap',
  currency: 'KHR',
  columns: ['2026', '2027'],
  rows: [{ code: 'P1', label: { text: 'Prevention', l2: 'ការបង្ការ' }, cells: ['100,000', '480,000'], total: '580,000' }],
  column_totals: ['100,000', '480,000'],
  total: '580,000',
  note: null,
};

function fakeBackend() {
  const setFundingSource = vi.fn(async (id: string, field: string, value: string) => {
    if (field.startsWith('amount:') && !/^[\d,.]*$/.test(value)) throw new BackendError('not_a_number', `${field}: ${value}`);
    if (field === 'amount:2027') {
      return view({ gap: '80000000', gap_percent: '8.0', sources: [source({ amounts: ['420000000', value] }), view().sources[1]!] });
    }
    if (field === 'earmark_add') {
      const [target, earmarkId] = value.split(':');
      const earmark = view().earmark_choices.find((c) => c.target === target && c.id === earmarkId)!;
      return view({ sources: [view().sources[0]!, { ...view().sources[1]!, earmarks: [earmark] }] });
    }
    return view();
  });
  const backend = {
    funding: vi.fn(async () => view()),
    budgetView: vi.fn(async () => gapTable),
    setFundingSource,
    addFundingSource: vi.fn(async (name: string) => view({ sources: [...view().sources, source({ id: 'new', code: 'FS-1', name: { text: name, l2: null }, lines: 0 })] })),
    deleteFundingSource: vi.fn(async () => {
      throw new BackendError('still_referenced', 'cost lines name it');
    }),
  } as unknown as Backend;
  return { backend, setFundingSource };
}

describe('the funding screen', () => {
  it('shows the gap, saves an amount as typed and marks a refused one with its reason', async () => {
    i18n.lang = 'en';
    const { backend, setFundingSource } = fakeBackend();
    const onedit = vi.fn();
    render(FundingScreen, { backend, onedit });
    expect((await screen.findByTestId('funding-gap')).textContent).toContain('580,000,000 KHR');
    expect(screen.getByText('(58.0 %)')).toBeTruthy();
    // The first source is shown in full; its 2027 amount is empty.
    const amount2027 = screen.getByLabelText('Amount (KHR) 2027') as HTMLInputElement;
    expect(amount2027.value).toBe('');

    await fireEvent.change(amount2027, { target: { value: '500000000' } });
    await waitFor(() => expect(setFundingSource).toHaveBeenCalledWith(MWA, 'amount:2027', '500000000'));
    expect((await screen.findByTestId('funding-gap')).textContent).toContain('80,000,000 KHR');
    expect(onedit).toHaveBeenCalledTimes(1);
    // The gap table is asked for again after the edit, in the interface language.
    expect(backend.budgetView).toHaveBeenLastCalledWith(expect.objectContaining({ rows: 'pillar', columns: 'year', measure: 'gap', reconcile: true, second_language: false }));

    const amount2026 = screen.getByLabelText('Amount (KHR) 2026') as HTMLInputElement;
    await fireEvent.change(amount2026, { target: { value: 'a lot' } });
    await waitFor(() => expect(amount2026.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByRole('status').textContent).toBe('This is not a number: use . for decimals, e.g. 12 or 3.5.');
    expect(onedit).toHaveBeenCalledTimes(1);

    await fireEvent.click(screen.getByRole('button', { name: 'Delete this source' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Cost lines are still paid from this source'));
  });

  it('picks another source, earmarks it to a pillar and explains money left unused', async () => {
    i18n.lang = 'en';
    const { backend, setFundingSource } = fakeBackend();
    render(FundingScreen, { backend });
    await fireEvent.click(await screen.findByRole('button', { name: 'DP-UNW UN Women' }));
    expect(screen.getByRole('heading', { name: 'DP-UNW UN Women' })).toBeTruthy();
    expect(screen.getByText(/205,000,000 KHR of this source pays for no cost/)).toBeTruthy();
    expect(screen.getByText('No earmark: this source pays for any cost of the plan.')).toBeTruthy();

    await fireEvent.change(screen.getByLabelText('Earmark to'), { target: { value: `pillar:${PILLAR}` } });
    await fireEvent.click(screen.getByRole('button', { name: 'Add earmark' }));
    await waitFor(() => expect(setFundingSource).toHaveBeenCalledWith(UNW, 'earmark_add', `pillar:${PILLAR}`));
    const list = await screen.findByRole('list');
    expect(within(list).getByText(/P1 Prevention/)).toBeTruthy();
    await fireEvent.click(within(list).getByRole('button', { name: 'Remove: P1 Prevention' }));
    await waitFor(() => expect(setFundingSource).toHaveBeenCalledWith(UNW, 'earmark_remove', `pillar:${PILLAR}`));
  });

  it('adds a source by name and shows it, in Khmer', async () => {
    i18n.lang = 'km';
    const { backend } = fakeBackend();
    render(FundingScreen, { backend });
    // The sources' Khmer names and the Khmer labels.
    expect(await screen.findByRole('button', { name: 'NB-MWA ថវិកាជាតិ៖ ក្រសួងកិច្ចការនារី' })).toBeTruthy();
    await fireEvent.input(screen.getByLabelText('ឈ្មោះប្រភពថ្មី'), { target: { value: 'UNFPA' } });
    await fireEvent.click(screen.getByRole('button', { name: 'បន្ថែមប្រភព' }));
    await waitFor(() => expect(backend.addFundingSource).toHaveBeenCalledWith('UNFPA'));
    expect(await screen.findByRole('heading', { name: 'FS-1 UNFPA' })).toBeTruthy();
    i18n.lang = 'en';
  });
});
