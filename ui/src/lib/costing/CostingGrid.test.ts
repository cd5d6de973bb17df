import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/svelte';
import CostingGrid from './CostingGrid.svelte';
import { BackendError, type Backend } from '../api/backend';
import type { CostGrid } from '../api/bindings/CostGrid';
import type { GridLine } from '../api/bindings/GridLine';
import type { GridFilter } from '../api/bindings/GridFilter';
import { i18n } from '../i18n/i18n.svelte';

const PILLAR = '00000000-0000-4000-8000-000000000001';
const ACTIVITY = '00000000-0000-4000-8000-000000000002';

function line(n: number): GridLine {
  return {
    id: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    activity_id: ACTIVITY,
    activity_code: '1.1.1.1',
    pillar_id: PILLAR,
    lead_agency_id: null,
    item: { text: `Workshop ${n}`, l2: null },
    catalogue_item_id: null,
    unit: 'day',
    unit_cost: '100',
    currency: 'KHR',
    economic_code: '22',
    funding_source_id: null,
    quantities: ['2', ''],
    amounts: ['200', '0'],
    total: '200',
    inflate: true,
    lump_sum: false,
    note: '',
    modified_by: 'MOWA',
    modified: '2026-11-20T09:00:00.000Z',
    locked: false,
  };
}

function grid(count: number): CostGrid {
  const lines = Array.from({ length: count }, (_, n) => line(n));
  return {
    currency: 'KHR',
    years: [2026, 2027],
    lines,
    totals: { per_year: [String(200 * count), '0'], total: String(200 * count), lines: count },
    activities: [{ id: ACTIVITY, code: '1.1.1.1', title: { text: 'Train mediators', l2: null }, pillar_id: PILLAR, lead_agency_id: null }],
    outputs: [],
    outcomes: [],
    pillars: [{ id: PILLAR, code: '1', name: { text: 'Participation', l2: 'ការចូលរួម' } }],
    agencies: [],
    sources: [],
    catalogue: [],
  };
}

/** A backend whose grid has `count` lines (those in `locked` read-only, as outside a scoped
 * copy's part) and whose edits are checked like the real one. */
function fakeBackend(count: number, locked: number[] = [], lumpSums: number[] = []) {
  /** The line as the backend returns it after `value` in `field`, or its refusal. */
  const edited = (id: string, field: string, value: string) => {
    // Whole numbers, with or without commas between thousands, as the real backend reads them.
    if (!/^(\d+|\d{1,3}(,\d{3})+)$/.test(value.trim())) throw new BackendError('not_a_number', `${field}: \`${value}\` is not a number`);
    const bare = value.trim().replace(/,/g, '');
    return { ...line(0), id, quantities: [bare, ''], amounts: [String(Number(bare) * 100), '0'], total: String(Number(bare) * 100) };
  };
  const setCostLine = vi.fn(async (id: string, field: string, value: string, _filter: GridFilter) => ({
    line: edited(id, field, value),
    row: 0,
    totals: { per_year: ['999', '0'], total: '999', lines: count },
  }));
  const previewCostLine = vi.fn(async (id: string, field: string, value: string, _filter: GridFilter) => ({
    line: edited(id, field, value),
    row: 0,
    totals: { per_year: ['888', '0'], total: '888', lines: count },
  }));
  const all = () => {
    const g = grid(count);
    return g.lines.map((l, n) => ({
      ...l,
      locked: locked.includes(n),
      ...(lumpSums.includes(n) ? { lump_sum: true, unit: 'lump sum', unit_cost: '1', inflate: false } : {}),
    }));
  };
  const costGrid = vi.fn(async (_filter: GridFilter, rows: number) => ({ ...grid(0), totals: grid(count).totals, lines: all().slice(0, rows) }));
  const costGridRows = vi.fn(async (_filter: GridFilter, offset: number, limit: number) => ({ offset, lines: all().slice(offset, offset + limit), count }));
  const addLumpSum = vi.fn(async (_target: unknown, item: string, _filter: GridFilter) => ({
    line: { ...line(count), item: { text: item, l2: null }, lump_sum: true, unit: 'lump sum', unit_cost: '1' },
    row: null,
    totals: grid(count).totals,
  }));
  const backend = {
    costGrid,
    costGridRows,
    setCostLine,
    previewCostLine,
    history: vi.fn(async () => ({ undo: null, redo: null })),
    addLumpSum,
  } as unknown as Backend;
  return { backend, setCostLine, previewCostLine, costGrid, costGridRows, addLumpSum };
}

describe('the costing grid', () => {
  it('renders only the rows in view of a 30,000-line plan', async () => {
    i18n.lang = 'en';
    const { backend } = fakeBackend(30000);
    const { container } = render(CostingGrid, { backend });
    await waitFor(() => expect(container.querySelectorAll('tbody tr[aria-rowindex]').length).toBeGreaterThan(0));
    const rows = container.querySelectorAll('tbody tr[aria-rowindex]');
    expect(rows.length).toBeLessThan(60);
    expect(container.querySelector('table')?.getAttribute('aria-rowcount')).toBe('30001');
    expect(screen.getByText(/Lines shown: 30,000/)).toBeTruthy();
  });

  it('fetches the rows of a 30,000-line plan as they scroll into view, never the whole plan', async () => {
    i18n.lang = 'en';
    const { backend, costGrid, costGridRows } = fakeBackend(30000);
    const { container } = render(CostingGrid, { backend });
    await screen.findByLabelText('Quantity 2026, Workshop 0');
    expect(costGrid.mock.calls[0]?.[1]).toBeLessThanOrEqual(100);
    const viewport = container.querySelector('.viewport') as HTMLElement;
    viewport.scrollTop = 15000 * 46;
    await fireEvent.scroll(viewport);
    expect(await screen.findByLabelText('Quantity 2026, Workshop 15000')).toBeTruthy();
    const asked = costGridRows.mock.calls.map((c) => [c[1], c[2]] as [number, number]);
    expect(asked.some(([offset, limit]) => offset <= 15000 && 15000 < offset + limit)).toBe(true);
    expect(asked.every(([, limit]) => limit <= 100)).toBe(true);
  });

  it('saves a valid quantity and shows the new amounts and totals', async () => {
    i18n.lang = 'en';
    const { backend, setCostLine } = fakeBackend(3);
    render(CostingGrid, { backend });
    const cell = await screen.findByLabelText('Quantity 2026, Workshop 1');
    await fireEvent.change(cell, { target: { value: '7' } });
    await waitFor(() => expect(setCostLine).toHaveBeenCalledWith(line(1).id, 'quantity:2026', '7', { pillar_id: null, lead_agency_id: null, funding_source_id: null }));
    expect(await screen.findByText('700', { selector: '.amount' })).toBeTruthy();
    expect(screen.getAllByText('999').length).toBeGreaterThan(0);
  });

  it('shows what a quantity being typed would give before Enter saves it', async () => {
    i18n.lang = 'en';
    const { backend, setCostLine, previewCostLine } = fakeBackend(3);
    const { container } = render(CostingGrid, { backend });
    const cell = await screen.findByLabelText('Quantity 2026, Workshop 1');
    await fireEvent.input(cell, { target: { value: '7' } });
    const amount = await screen.findByText('700', { selector: '.amount' });
    expect(amount.classList.contains('unsaved')).toBe(true);
    expect(container.querySelector('tfoot tr')?.classList.contains('unsaved')).toBe(true);
    expect(screen.getAllByText('888').length).toBeGreaterThan(0);
    expect(previewCostLine).toHaveBeenCalledWith(line(1).id, 'quantity:2026', '7', { pillar_id: null, lead_agency_id: null, funding_source_id: null });
    expect(setCostLine).not.toHaveBeenCalled();
    // Escape puts the stored value back, and the saved amounts with it.
    await fireEvent.keyDown(cell, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByText('700', { selector: '.amount' })).toBeNull());
    expect(container.querySelector('.unsaved')).toBeNull();
    // Typed, then typed back to what is stored and left: no save, and no preview stays.
    await fireEvent.input(cell, { target: { value: '5' } });
    await screen.findByText('500', { selector: '.amount' });
    await fireEvent.input(cell, { target: { value: '2' } });
    await waitFor(() => expect(previewCostLine).toHaveBeenLastCalledWith(line(1).id, 'quantity:2026', '2', expect.anything()));
    await fireEvent.blur(cell);
    await waitFor(() => expect(container.querySelector('.unsaved')).toBeNull());
    expect(setCostLine).not.toHaveBeenCalled();
    // Typed again and saved: the amount stays, no longer marked.
    await fireEvent.input(cell, { target: { value: '7' } });
    await screen.findByText('700', { selector: '.amount' });
    await fireEvent.change(cell, { target: { value: '7' } });
    await waitFor(() => expect(setCostLine).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(container.querySelector('.unsaved')).toBeNull());
    expect(screen.getByText('700', { selector: '.amount' })).toBeTruthy();
  });

  it('marks a refused quantity in its cell with the reason, in Khmer too', async () => {
    i18n.lang = 'en';
    const { backend } = fakeBackend(3);
    render(CostingGrid, { backend });
    const cell = await screen.findByLabelText('Quantity 2027, Workshop 2');
    await fireEvent.change(cell, { target: { value: '12 kits' } });
    await waitFor(() => expect(cell.getAttribute('aria-invalid')).toBe('true'));
    const notice = screen.getByRole('status');
    expect(notice.textContent).toContain('“12 kits”');
    expect(notice.textContent).toContain('This is not a number');
    expect(notice.textContent).toContain('Nothing was saved');
    expect((cell as HTMLInputElement).value).toBe('12 kits');
    i18n.lang = 'km';
    await waitFor(() => expect(screen.getByRole('status').textContent).toBeTruthy());
    await fireEvent.change(cell, { target: { value: 'abc' } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('មិនបានរក្សាទុក'));
    i18n.lang = 'en';
  });

  it('greys out the lines outside a scoped copy\'s part and sends no edit for them', async () => {
    i18n.lang = 'en';
    const { backend, setCostLine } = fakeBackend(3, [1]);
    render(CostingGrid, { backend });
    const locked = (await screen.findByLabelText('Quantity 2026, Workshop 1')) as HTMLInputElement;
    expect(locked.readOnly).toBe(true);
    expect(locked.closest('tr')?.classList.contains('locked')).toBe(true);
    const own = screen.getByLabelText('Quantity 2026, Workshop 0') as HTMLInputElement;
    expect(own.readOnly).toBe(false);
    // A paste reaching the locked row is refused there, with the reason, and not sent.
    await fireEvent.paste(own, { clipboardData: { getData: () => '4\n5\n' } });
    await waitFor(() => expect(setCostLine).toHaveBeenCalledTimes(1));
    expect(setCostLine.mock.calls[0]?.[0]).toBe(line(0).id);
  });

  it('takes rows pasted from a spreadsheet into the cells right and below', async () => {
    i18n.lang = 'en';
    const { backend, setCostLine } = fakeBackend(3);
    render(CostingGrid, { backend });
    const cell = await screen.findByLabelText('Quantity 2026, Workshop 0');
    const clipboardData = { getData: () => '4\t5\n6\t7\n' };
    await fireEvent.paste(cell, { clipboardData });
    await waitFor(() => expect(setCostLine).toHaveBeenCalledTimes(4));
    expect(setCostLine.mock.calls.map((c) => [c[0], c[1], c[2]])).toEqual([
      [line(0).id, 'quantity:2026', '4'],
      [line(0).id, 'quantity:2027', '5'],
      [line(1).id, 'quantity:2026', '6'],
      [line(1).id, 'quantity:2027', '7'],
    ]);
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('4 cells saved'));
  });

  it('shows amounts with thousands separators and does not save one left as it was shown', async () => {
    i18n.lang = 'en';
    const { backend, setCostLine } = fakeBackend(3);
    render(CostingGrid, { backend });
    const quantity = (await screen.findByLabelText('Quantity 2026, Workshop 1')) as HTMLInputElement;
    await fireEvent.change(quantity, { target: { value: '12500' } });
    await waitFor(() => expect(quantity.value).toBe('12,500'));
    expect(quantity.dataset.saved).toBe('12,500');
    expect(setCostLine).toHaveBeenCalledTimes(1);
    // The value as shown, or typed without separators, is what is stored: nothing is sent.
    await fireEvent.change(quantity, { target: { value: '12,500' } });
    await fireEvent.change(quantity, { target: { value: '12500' } });
    expect(setCostLine).toHaveBeenCalledTimes(1);
    // A different amount typed with separators is sent as typed; the backend reads them.
    await fireEvent.change(quantity, { target: { value: '13,000' } });
    await waitFor(() => expect(setCostLine).toHaveBeenCalledTimes(2));
    expect(setCostLine.mock.calls[1]?.[2]).toBe('13,000');
  });

  it('shows a lump sum as such, not as a price to edit, and adds one for an activity found by a word', async () => {
    i18n.lang = 'en';
    const { backend, addLumpSum, costGrid } = fakeBackend(3, [], [1]);
    render(CostingGrid, { backend });
    const unit = (await screen.findByLabelText('Unit, Workshop 1')) as HTMLInputElement;
    expect(unit.value).toBe('lump sum');
    expect(unit.readOnly).toBe(true);
    const cost = screen.getByLabelText('Unit cost, Workshop 1') as HTMLInputElement;
    expect(cost.value).toBe('—');
    expect(cost.readOnly).toBe(true);
    // An ordinary line keeps its price editable.
    expect((screen.getByLabelText('Unit cost, Workshop 0') as HTMLInputElement).readOnly).toBe(false);
    // The year cells of a lump sum take its amounts.
    expect((screen.getByLabelText('Quantity 2026, Workshop 1') as HTMLInputElement).readOnly).toBe(false);

    await fireEvent.click(screen.getByRole('button', { name: 'Add lump sum' }));
    const form = screen.getByRole('form', { name: 'Add lump sum' });
    // It starts at the first pillar; the officer finds the activity by a word of its title.
    const target = within(form).getByRole('combobox', { name: 'Lump sum for' }) as HTMLInputElement;
    expect(target.value).toBe('1 Participation');
    await fireEvent.focus(target);
    // A name is found by its words in the plan's other language too.
    await fireEvent.input(target, { target: { value: 'ការចូលរួម' } });
    expect(within(screen.getByRole('listbox')).getAllByRole('option').map((o) => o.textContent?.trim())).toEqual(['1 Participation']);
    await fireEvent.input(target, { target: { value: 'mediators' } });
    expect(within(screen.getByRole('listbox')).getAllByRole('option').map((o) => o.textContent?.trim())).toEqual(['1.1.1.1 Train mediators']);
    await fireEvent.keyDown(target, { key: 'Enter' });
    expect(target.value).toBe('1.1.1.1 Train mediators');
    expect(addLumpSum).not.toHaveBeenCalled();
    await fireEvent.input(screen.getByLabelText('What it pays for'), { target: { value: 'Budget as published' } });
    const loads = costGrid.mock.calls.length;
    await fireEvent.click(screen.getByRole('button', { name: 'Add the lump sum' }));
    await waitFor(() => expect(addLumpSum).toHaveBeenCalledWith({ level: 'activity', id: ACTIVITY }, 'Budget as published', { pillar_id: null, lead_agency_id: null, funding_source_id: null }));
    // The grid is reloaded: a budget holder may have been made.
    await waitFor(() => expect(costGrid.mock.calls.length).toBeGreaterThan(loads));
  });
});
