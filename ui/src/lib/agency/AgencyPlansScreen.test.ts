import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import AgencyPlansScreen from './AgencyPlansScreen.svelte';
import { BackendError, type Backend } from '../api/backend';
import type { AgencyPlanView } from '../api/bindings/AgencyPlanView';
import { i18n } from '../i18n/i18n.svelte';

const MWA = '10000000-0000-4000-8000-000000000001';
const MOI = '10000000-0000-4000-8000-000000000002';
const PLAN = '20000000-0000-4000-8000-000000000001';
const ACT = '30000000-0000-4000-8000-000000000001';
const STEP = '40000000-0000-4000-8000-000000000001';

function view(agency = MWA, quarters: number[] = [2]): AgencyPlanView {
  const hasPlan = agency === MWA;
  return {
    agencies: [
      { agency: { id: MWA, code: 'MWA', name: { text: "Ministry of Women's Affairs", l2: 'ក្រសួងកិច្ចការនារី' } }, has_plan: true, leads: 1 },
      { agency: { id: MOI, code: 'MOI', name: { text: 'Ministry of Interior', l2: null } }, has_plan: false, leads: 1 },
    ],
    agency_id: agency,
    plan: hasPlan ? { id: PLAN, focal_point: 'Ms Dara Keo', focal_point_contact: '', notes: { text: '', l2: null }, modified_by: 'MWA', modified: '2026-01-15T09:00:00.000Z' } : null,
    activities: [
      {
        id: ACT,
        code: '1.1.1.1',
        title: { text: 'Leadership course', l2: null },
        role: 'lead',
        years: [2026, 2027],
        cost: '82665573',
        steps: hasPlan ? [{ id: STEP, code: 'MWA-04', title: { text: 'First cohort', l2: null }, year: 2026, quarters, budget_line: '', economic_code: '', budget: '', modified_by: 'MWA', modified: '2026-01-15T09:00:00.000Z' }] : [],
      },
    ],
    budget: { title: '', currency: 'KHR', columns: ['2026', '2027'], rows: [{ code: '22', label: { text: 'Use of goods and services', l2: null }, cells: ['40,000,000', '42,665,573'], total: '82,665,573' }], column_totals: ['40,000,000', '42,665,573'], total: '82,665,573', note: null },
    years: [2026, 2027],
    locked: false,
  };
}

function fakeBackend() {
  return {
    agencyPlan: vi.fn(async (agency: string | null) => view(agency ?? MWA)),
    startAgencyPlan: vi.fn(async () => view(MWA)),
    setAgencyPlan: vi.fn(async () => view()),
    addSubActivity: vi.fn(async () => view()),
    setSubActivity: vi.fn(async (_id: string, field: string, value: string) => {
      if (field === 'budget' && Number.isNaN(Number(value))) throw new BackendError('not_a_number', value);
      return view(MWA, field === 'quarter:4' && value === 'true' ? [2, 4] : [2]);
    }),
    deleteSubActivity: vi.fn(async () => view()),
  } as unknown as Backend;
}

describe('the agency plans screen', () => {
  it('schedules a step by quarter, refuses a bad budget, and shows the budget table', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    render(AgencyPlansScreen, { backend });
    const q4 = (await screen.findByLabelText('Q4 MWA-04')) as HTMLInputElement;
    expect((screen.getByLabelText('Q2 MWA-04') as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(q4);
    await waitFor(() => expect(backend.setSubActivity).toHaveBeenCalledWith(STEP, 'quarter:4', 'true', false));
    await waitFor(() => expect((screen.getByLabelText('Q4 MWA-04') as HTMLInputElement).checked).toBe(true));
    const budget = screen.getByLabelText('Budget (KHR) MWA-04') as HTMLInputElement;
    await fireEvent.change(budget, { target: { value: 'lots' } });
    await waitFor(() => expect(budget.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('82,665,573 KHR')).toBeTruthy();
    expect(screen.getByTestId('view-total').textContent).toBe('82,665,573');
  });

  it('switches agency and starts the plan of an agency without one', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    render(AgencyPlansScreen, { backend });
    await fireEvent.change(await screen.findByLabelText('Agency'), { target: { value: MOI } });
    await waitFor(() => expect(backend.agencyPlan).toHaveBeenLastCalledWith(MOI, false));
    await fireEvent.click(await screen.findByRole('button', { name: "Start this agency's plan" }));
    await waitFor(() => expect(backend.startAgencyPlan).toHaveBeenCalledWith(MOI, false));
  });

  it('asks for Khmer labels in Khmer', async () => {
    i18n.lang = 'km';
    const backend = fakeBackend();
    render(AgencyPlansScreen, { backend });
    expect(await screen.findByRole('heading', { name: 'ផែនការស្ថាប័ន' })).toBeTruthy();
    expect(backend.agencyPlan).toHaveBeenCalledWith(null, true);
    i18n.lang = 'en';
  });
});
