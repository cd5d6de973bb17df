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
    currency_names: { EUR: 'Euro', THB: 'Baht', USD: 'US Dollar', KHR: 'Riel' },
    classifications: [
      { scheme: 'economic', code: '22', standard_name: 'Use of goods and services', name: '', name_l2: '', used: true },
      { scheme: 'economic', code: '221', standard_name: 'Use of goods and services', name: '', name_l2: 'ការប្រើប្រាស់ទំនិញ', used: false },
      { scheme: 'economic', code: '24', standard_name: 'Interest', name: '', name_l2: '', used: false },
      { scheme: 'functional', code: '03.1', standard_name: 'Police services', name: '', name_l2: '', used: true },
    ],
    working_language: 'en',
    second_language: 'km',
    languages: [
      { code: 'en', english: 'English', native: 'English' },
      { code: 'fr', english: 'French', native: 'Français' },
      { code: 'km', english: 'Khmer', native: 'ខ្មែរ' },
    ],
    locked: false,
    ...overrides,
  };
}

/** The text of the `index`th status line: 0 under the settings, 1 under the names. */
const status = (index: number) => screen.getAllByRole('status')[index]?.textContent;

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
    setClassificationNameField: vi.fn(async (scheme: string, code: string, field: string, value: string) => {
      if (code === '03.1') throw new BackendError('required', 'code: blank');
      return settings({
        classifications: settings().classifications.map((r) =>
          r.scheme === scheme && r.code === code ? { ...r, [field]: value } : r,
        ),
      });
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
    expect(status(0)).toBe('It cannot be more than 100 %.');
    expect(onedit).toHaveBeenCalledTimes(1);

    await fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(status(0)).toContain('Cost lines still need this rate'));
    expect(screen.getByRole('rowheader', { name: 'USD' })).toBeTruthy();
  });

  it("chooses the plan's languages by name, and the working language cannot be the second", async () => {
    i18n.lang = 'en';
    const { backend, setPlanSettingField } = fakeBackend();
    render(PlanSettingsForm, { backend, onedit: vi.fn() });
    const second = (await screen.findByLabelText('Second language')) as HTMLSelectElement;
    expect(second.value).toBe('km');
    const english = [...second.options].find((o) => o.value === 'en')!;
    expect(english.disabled).toBe(true);
    expect(english.textContent).toBe('English — English');
    await fireEvent.change(screen.getByLabelText('Working language of the plan'), { target: { value: 'fr' } });
    await waitFor(() => expect(setPlanSettingField).toHaveBeenCalledWith('working_language', 'fr'));
    await fireEvent.change(second, { target: { value: '' } });
    await waitFor(() => expect(setPlanSettingField).toHaveBeenCalledWith('second_language', ''));
  });

  it('adds an exchange rate for the chosen currency', async () => {
    i18n.lang = 'en';
    const { backend } = fakeBackend();
    render(PlanSettingsForm, { backend });
    const currency = (await screen.findByLabelText('Currency')) as HTMLSelectElement;
    // USD already has a rate for every year: the picker starts on the first currency without one.
    await waitFor(() => expect(currency.value).toBe('EUR'));
    // Each currency is offered by code and name.
    expect([...currency.options].map((o) => o.textContent)).toContain('THB — Baht');
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

  it('lists the codes the plan uses or names, saves a Khmer name, and marks a refused one', async () => {
    i18n.lang = 'en';
    const { backend } = fakeBackend();
    const onedit = vi.fn();
    render(PlanSettingsForm, { backend, onedit });
    const police = (await screen.findByLabelText('Name in Khmer, 03.1')) as HTMLInputElement;
    expect(screen.getByRole('rowheader', { name: '22' })).toBeTruthy();
    expect((screen.getByLabelText('Name in Khmer, 221') as HTMLInputElement).value).toBe('ការប្រើប្រាស់ទំនិញ');
    expect(screen.queryByRole('rowheader', { name: '24' }), 'an unused, unnamed code waits for the switch').toBeNull();
    expect((screen.getByLabelText('Name in this plan, 22') as HTMLInputElement).placeholder).toBe('Use of goods and services');

    const goods = screen.getByLabelText('Name in Khmer, 22') as HTMLInputElement;
    await fireEvent.change(goods, { target: { value: 'ទំនិញ និងសេវា' } });
    await waitFor(() => expect(backend.setClassificationNameField).toHaveBeenCalledWith('economic', '22', 'name_l2', 'ទំនិញ និងសេវា'));
    await waitFor(() => expect((screen.getByLabelText('Name in Khmer, 22') as HTMLInputElement).dataset.saved).toBe('ទំនិញ និងសេវា'));
    expect(onedit).toHaveBeenCalledTimes(1);

    expect(status(1)).toBe('Saved.');
    await fireEvent.change(police, { target: { value: 'នគរបាល' } });
    await waitFor(() => expect(police.getAttribute('aria-invalid')).toBe('true'));
    expect(status(1)).toBe('It cannot be empty.');
    expect(status(0), 'the settings form above stays quiet').toBe('');
    expect(onedit).toHaveBeenCalledTimes(1);

    await fireEvent.click(screen.getByLabelText('Only the codes this plan uses or names'));
    expect(await screen.findByRole('rowheader', { name: '24' })).toBeTruthy();
  });
});
