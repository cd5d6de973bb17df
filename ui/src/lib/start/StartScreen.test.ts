import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import StartScreen from './StartScreen.svelte';
import { BackendError, type Backend } from '../api/backend';
import type { NewPlanRequest } from '../api/bindings/NewPlanRequest';
import { i18n } from '../i18n/i18n.svelte';

const summary = { path: '/plans/MOI copy.nap', title: { text: 'NAP WPS', l2: null } };

function fakeBackend() {
  return {
    recentPlans: vi.fn(async () => [
      { path: '/plans/MOI copy.nap', title: 'NAP WPS — MOI copy', opened: '2026-11-20T09:00:00.000Z' },
      { path: '/plans/broken.nap', title: 'Old draft', opened: '2026-10-01T09:00:00.000Z' },
      { path: '/plans/edited.nap', title: 'Edited outside', opened: '2026-09-01T09:00:00.000Z' },
    ]),
    openPlan: vi.fn(async (path: string) => {
      if (path.includes('broken')) throw new BackendError('damaged', `${path}: the file is damaged`);
      if (path.includes('edited')) throw new BackendError('inconsistent', `${path}: the plan in this file is inconsistent`);
      return summary;
    }),
    openRepairedCopy: vi.fn(async (path: string) => ({
      summary,
      copy: {
        path: path.replace('.nap', ' (repaired).nap'),
        changes: [
          {
            record: { kind: 'cost_line', id: '42', label: 'Workshop venue and catering' },
            problem: 'activity refers to 42, which is not an activity of this plan',
            change: 'removed it: its activity is missing',
          },
          { record: null, problem: 'contingency is -0.05', change: "set the plan's contingency to 0 %" },
        ],
      },
    })),
    suggestedPlanPath: vi.fn(async (title: string) => `/home/officer/${title || 'New plan'}.nap`),
    createPlan: vi.fn(async (_request: NewPlanRequest) => summary),
    newPlanChoices: vi.fn(async () => ({
      languages: [
        { code: 'en', english: 'English', native: 'English' },
        { code: 'fr', english: 'French', native: 'Français' },
        { code: 'km', english: 'Khmer', native: 'ខ្មែរ' },
      ],
      currencies: [
        { code: 'KHR', name: 'Riel' },
        { code: 'XOF', name: 'CFA Franc BCEAO' },
      ],
    })),
    backups: vi.fn(async () => [
      {
        path: '/data/backups/p1/2026-12-05T09-00-00 import.nap',
        plan_path: '/plans/NAP.nap',
        title: 'NAP WPS before the import',
        at: '2026-12-05T09:00:00.000Z',
        reason: 'import',
        bytes: 1000,
      },
    ]),
    restoreBackup: vi.fn(async (_path: string) => summary),
  } as unknown as Backend & {
    restoreBackup: ReturnType<typeof vi.fn>;
    openPlan: ReturnType<typeof vi.fn>;
    createPlan: ReturnType<typeof vi.fn>;
    openRepairedCopy: ReturnType<typeof vi.fn>;
  };
}

describe('the start screen', () => {
  it('offers a repaired copy of an inconsistent plan only, and lists its changes before opening it', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    const onopen = vi.fn();
    render(StartScreen, { backend, onopen });
    await fireEvent.click(await screen.findByText('Old draft'));
    await screen.findByRole('alert');
    expect(screen.queryByText('Open a repaired copy')).toBeNull();

    await fireEvent.click(screen.getByText('Edited outside'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('breaks its own rules'));
    await fireEvent.click(screen.getByText('Open a repaired copy'));
    expect(backend.openRepairedCopy).toHaveBeenCalledWith('/plans/edited.nap');
    await screen.findByText('The repaired copy is /plans/edited (repaired).nap.');
    expect(screen.getByText('Workshop venue and catering')).toBeTruthy();
    expect(screen.getByText('Plan settings')).toBeTruthy();
    expect(onopen).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByText('Continue to the plan'));
    expect(onopen).toHaveBeenCalledWith(summary);
  });

  it('opens a recent plan, and explains one that cannot be opened', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    const onopen = vi.fn();
    render(StartScreen, { backend, onopen });
    await fireEvent.click(await screen.findByText('Old draft'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The file is damaged');
    expect(onopen).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByText('NAP WPS — MOI copy'));
    await waitFor(() => expect(onopen).toHaveBeenCalledWith(summary));
  });

  it('creates a plan from the standard structure with what the officer typed', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    const onopen = vi.fn();
    render(StartScreen, { backend, onopen });
    await fireEvent.input(screen.getByLabelText('Title'), { target: { value: 'NAP WPS 2027–2031' } });
    await fireEvent.input(screen.getByLabelText('First year'), { target: { value: '2027' } });
    await fireEvent.input(screen.getByLabelText('Last year'), { target: { value: '2031' } });
    const file = screen.getByLabelText('Plan file') as HTMLInputElement;
    await waitFor(() => expect(file.value).toBe('/home/officer/NAP WPS 2027–2031.nap'));
    await fireEvent.submit(screen.getByRole('button', { name: 'Create and open' }).closest('form')!);
    await waitFor(() =>
      expect(backend.createPlan).toHaveBeenCalledWith({
        path: '/home/officer/NAP WPS 2027–2031.nap',
        title: 'NAP WPS 2027–2031',
        country: 'KH',
        start_year: 2027,
        end_year: 2031,
        currency: 'KHR',
        from_sample: false,
        language: null,
        second_language: null,
      }),
    );
    expect(onopen).toHaveBeenCalledWith(summary);
  });

  it('creates a French plan in CFA francs, the currency and languages picked by name', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    render(StartScreen, { backend, onopen: vi.fn() });
    await fireEvent.input(screen.getByLabelText('Title'), { target: { value: 'PAN 1325' } });
    const currency = (await screen.findByLabelText('Base currency')) as HTMLSelectElement;
    expect([...currency.options].map((o) => o.textContent)).toContain('XOF — CFA Franc BCEAO');
    await fireEvent.change(currency, { target: { value: 'XOF' } });
    await fireEvent.change(screen.getByLabelText('Working language'), { target: { value: 'fr' } });
    const second = screen.getByLabelText('Second language') as HTMLSelectElement;
    expect([...second.options].map((o) => o.value)).not.toContain('fr');
    await fireEvent.submit(screen.getByRole('button', { name: 'Create and open' }).closest('form')!);
    await waitFor(() =>
      expect(backend.createPlan).toHaveBeenCalledWith(
        expect.objectContaining({ title: 'PAN 1325', currency: 'XOF', language: 'fr', second_language: null }),
      ),
    );
  });

  it('restores a backup as a new file and opens it', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    const onopen = vi.fn();
    render(StartScreen, { backend, onopen });
    await fireEvent.click(await screen.findByText('Restore from a backup'));
    expect(screen.getByText(/before an import/)).toBeTruthy();
    await fireEvent.click(screen.getByText('NAP WPS before the import'));
    expect(backend.restoreBackup).toHaveBeenCalledWith('/data/backups/p1/2026-12-05T09-00-00 import.nap');
    await waitFor(() => expect(onopen).toHaveBeenCalledWith(summary));
  });
});
