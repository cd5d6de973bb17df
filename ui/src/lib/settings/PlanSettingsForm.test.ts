import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import PlanSettingsForm from './PlanSettingsForm.svelte';
import { BackendError, type Backend } from '../api/backend';
import type { PlanSettings } from '../api/bindings/PlanSettings';
import { i18n } from '../i18n/i18n.svelte';

const USD = '30000000-0000-4000-8000-000000000001';

function settings(overrides: Partial<PlanSettings> = {}): PlanSettings {
  return {
    base_currency: 'KHR',
    presentation_currency: '',
    costing_base_year: 2026,
    years: [2026, 2027],
    inflation: ['3', ''],
    contingency: '5',
    rates: [{ id: USD, currency: 'USD', year: '', rate: '4100', date: '2025-12-31', source: 'National Bank', modified_by: 'MEF', modified: '2026-01-15T09:00:00.000Z' }],
    currencies: ['EUR', 'THB', 'USD'],
    rated_currencies: ['USD'],
    locked: false,
    ...overrides,
  };
}

function fakeBackend(locked = false) {
  const setPlanSettingField = vi.fn(async (field: string, value: string) => {
    if (Number(value) > 100) throw new BackendError('over_hundred_percent', `${field}: too much`);
    return settings({ contingency: value });
  });
  const backend = {
    planSettings: vi.fn(async () => settings({ locked })),
    setPlanSettingField,
    setExchangeRate: vi.fn(async () => settings()),
    addExchangeRate: vi.fn(async (currency: string, rate: string) =>
      settings({ rates: [...settings().rates, { id: 'new', currency, year: '', rate, date: '2026-11-23', source: '', modified_by: 'MEF', modified: '2026-11-23T09:00:00.000Z' }] }),
    ),
    deleteExchangeRate: vi.fn(async () => {
      throw new BackendError('rate_needed', 'USD lines need it');
    }),
  } as unknown as Backend;
  return { backend, setPlanSettingField };
}

describe('the plan settings', () => {
  it('saves a contingency, marks a refused one with its reason, and keeps a needed rate', async () => {
    i18n.lang = 'en';
    const { backend, setPlanSettingField } = fakeBackend();
    const onedit = vi.fn();
    render(PlanSettingsForm, { backend, onedit });
    const contingency = (await screen.findByLabelText('Contingency (% of cost)')) as HTMLInputElement;
    expect(contingency.value).toBe('5');
    expect((screen.getByLabelText('Inflation per year (%) 2026') as HTMLInputElement).value).toBe('3');

    await fireEvent.change(contingency, { target: { value: '7.5' } });
    await waitFor(() => expect(setPlanSettingField).toHaveBeenCalledWith('contingency', '7.5'));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(onedit).toHaveBeenCalledTimes(1);

    await fireEvent.change(contingency, { target: { value: '150' } });
    await waitFor(() => expect(contingency.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByRole('status').textContent).toBe('It cannot be more than 100 %.');
    expect(onedit).toHaveBeenCalledTimes(1);

    await fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Cost lines still need this rate'));
    expect(screen.getByRole('rowheader', { name: 'USD' })).toBeTruthy();
  });

  it('adds an exchange rate for the chosen currency', async () => {
    i18n.lang = 'en';
    const { backend } = fakeBackend();
    render(PlanSettingsForm, { backend });
    const currency = (await screen.findByLabelText('Currency')) as HTMLSelectElement;
    // USD already has a rate for every year: the picker starts on the first currency without one.
    await waitFor(() => expect(currency.value).toBe('EUR'));
    await fireEvent.change(currency, { target: { value: 'EUR' } });
    await fireEvent.input(screen.getByLabelText('Rate'), { target: { value: '4450' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Add a rate' }));
    await waitFor(() => expect(backend.addExchangeRate).toHaveBeenCalledWith('EUR', '4450'));
    expect(await screen.findByRole('rowheader', { name: 'EUR' })).toBeTruthy();
  });

  it('is read-only in a copy scoped to one agency', async () => {
    i18n.lang = 'en';
    const { backend } = fakeBackend(true);
    render(PlanSettingsForm, { backend });
    const contingency = (await screen.findByLabelText('Contingency (% of cost)')) as HTMLInputElement;
    expect(contingency.closest('fieldset')?.disabled).toBe(true);
    expect(screen.getByText(/read-only here/)).toBeTruthy();
  });
});
