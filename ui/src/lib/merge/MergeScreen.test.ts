import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/svelte';
import MergeScreen from './MergeScreen.svelte';
import { BackendError, type Backend } from '../api/backend';
import type { MergeReview } from '../api/bindings/MergeReview';
import type { MergeChoices } from '../api/bindings/MergeChoices';
import type { MergeEntry } from '../api/bindings/MergeEntry';
import { i18n } from '../i18n/i18n.svelte';

const LINE = '20000000-0000-4000-8000-000000000001';
const ACTIVITY = '20000000-0000-4000-8000-000000000002';
const NEW_LINE = '20000000-0000-4000-8000-000000000003';

function review(): MergeReview {
  return {
    path: '/media/usb/for MOI.nap',
    sent_by: 'MWA secretariat',
    sent_at: '2026-11-02T08:00:00.000Z',
    note: 'Please cost your activities',
    scope_agency: 'Ministry of Interior',
    changes: [
      {
        element: 'results_framework',
        kind: 'activity',
        id: ACTIVITY,
        label: '1.1.1.2 Train police officers',
        action: 'change',
        fields: [{ field: 'title', ours: 'Train officers', theirs: 'Train police officers' }],
        author: 'MOI planning',
        at: '2026-11-10T09:00:00.000Z',
      },
      {
        element: 'resources',
        kind: 'cost_line',
        id: NEW_LINE,
        label: 'Venue hire',
        action: 'add',
        fields: [],
        author: 'MOI planning',
        at: '2026-11-10T09:05:00.000Z',
      },
    ],
    conflicts: [
      {
        element: 'resources',
        kind: 'cost_line',
        id: LINE,
        label: 'Trainer fees',
        field: 'quantities',
        base: '2026: 10',
        ours: '2026: 7',
        theirs: '2026: 41',
        ours_exists: true,
        theirs_exists: true,
        our_author: 'MWA secretariat',
        our_time: '2026-11-12T10:00:00.000Z',
        their_author: 'MOI planning',
        their_time: '2026-11-10T09:00:00.000Z',
      },
    ],
    refused: [
      { element: 'results_framework', kind: 'activity', id: '20000000-0000-4000-8000-000000000009', label: '2.1.1.1 Not theirs', action: 'change', fields: [], author: 'MOI planning', at: '2026-11-10T09:00:00.000Z' },
    ],
  };
}

function fakeBackend() {
  let history: MergeEntry[] = [];
  const applyMerge = vi.fn(async (_path: string, choices: MergeChoices) => {
    if (choices.chosen.length < 1) throw new BackendError('unresolved', 'undecided');
    history = [{ at: '2026-11-23T10:00:00.000Z', author: 'MWA secretariat', from_file: '/media/usb/for MOI.nap', summary: '', undone: false }];
    return { applied: 1, turned_down: 1, kept_ours: 0, took_theirs: 1, refused: 1 };
  });
  const backend = {
    choosePlanToOpen: vi.fn(async () => '/media/usb/for MOI.nap'),
    reviewMerge: vi.fn(async (path: string) => {
      if (path.endsWith('other.nap')) throw new BackendError('foreign_plan', 'another plan');
      return review();
    }),
    applyMerge,
    merges: vi.fn(async () => history),
    undoMerge: vi.fn(async () => history.map((m) => ({ ...m, undone: true }))),
  } as unknown as Backend;
  return { backend, applyMerge };
}

describe('the merge screen', () => {
  it('applies only what the reviewer accepted, with the side chosen for each conflict', async () => {
    i18n.lang = 'en';
    const { backend, applyMerge } = fakeBackend();
    const onmerged = vi.fn();
    render(MergeScreen, { backend, onmerged });
    expect(await screen.findByText('No copy has been merged into this plan yet.')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Choose…' }));

    expect(await screen.findByText('Sent by MWA secretariat on 2 Nov 2026, 08:00', { exact: false })).toBeTruthy();
    expect(screen.getByText('“Please cost your activities”')).toBeTruthy();
    expect(screen.getByText(/for Ministry of Interior's part only/)).toBeTruthy();
    // The conflict shows both values and both authors; Apply waits for a choice.
    const conflict = screen.getByRole('group', { name: /Trainer fees · quantities/ });
    expect(within(conflict).getByText('2026: 7')).toBeTruthy();
    expect(within(conflict).getByText('2026: 41')).toBeTruthy();
    expect(within(conflict).getByText(/MOI planning/)).toBeTruthy();
    expect(within(conflict).getByText('When the copy was sent: 2026: 10')).toBeTruthy();
    const apply = screen.getByRole('button', { name: 'Apply the merge' }) as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
    expect(screen.getByText('1 conflicting field(s) still need a choice.')).toBeTruthy();

    // Changes are grouped by element; the refused one is listed apart and cannot be chosen.
    expect(screen.getByRole('heading', { name: /Monitoring and evaluation results framework/ })).toBeTruthy();
    expect(screen.getByText('Refused (1)')).toBeTruthy();
    expect(screen.getAllByRole('checkbox')).toHaveLength(2);

    await fireEvent.click(within(conflict).getByLabelText(/Take theirs/));
    await fireEvent.click(screen.getByRole('checkbox', { name: /Venue hire/ }));
    expect(apply.disabled).toBe(false);
    expect(screen.getByText('1 change(s) will be applied in one step, which you can undo.')).toBeTruthy();
    await fireEvent.click(apply);

    expect(applyMerge).toHaveBeenCalledWith('/media/usb/for MOI.nap', {
      rejected: [{ kind: 'cost_line', id: NEW_LINE }],
      chosen: [{ kind: 'cost_line', id: LINE, field: 'quantities', side: 'theirs' }],
    });
    expect(await screen.findByText(/Merged: 1 change\(s\) applied, 1 turned down/)).toBeTruthy();
    expect(onmerged).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.getByText('for MOI.nap')).toBeTruthy());

    await fireEvent.click(screen.getByRole('button', { name: 'Undo this merge' }));
    expect(await screen.findByText('undone')).toBeTruthy();
    expect(onmerged).toHaveBeenCalledTimes(2);
  });

  it('explains a file that cannot be merged, in the chosen language', async () => {
    i18n.lang = 'km';
    const { backend } = fakeBackend();
    render(MergeScreen, { backend });
    const input = screen.getByLabelText(/\.nap/) as HTMLInputElement;
    await fireEvent.input(input, { target: { value: '/media/usb/other.nap' } });
    await fireEvent.click(screen.getByRole('button', { name: 'ពិនិត្យ' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/[\u1780-\u17FF]/);
    expect(screen.queryByRole('button', { name: 'អនុវត្តការបញ្ចូល' })).toBeNull();
    i18n.lang = 'en';
  });
});
