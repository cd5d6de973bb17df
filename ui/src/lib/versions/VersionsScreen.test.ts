import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import VersionsScreen from './VersionsScreen.svelte';
import type { Backend } from '../api/backend';
import type { VersionEntry } from '../api/bindings/VersionEntry';
import type { Comparison } from '../api/bindings/Comparison';
import { i18n } from '../i18n/i18n.svelte';

const versions: VersionEntry[] = [
  { id: 'v0', name: 'Imported draft', note: '', status: 'draft', saved: '2026-01-15T09:00:00.000Z', author: 'MWA', has_snapshot: false },
  { id: 'v1', name: 'Consultation draft', note: 'sent to ministries', status: 'consultation', saved: '2026-03-01T09:00:00.000Z', author: 'MWA', has_snapshot: true },
];

const comparison: Comparison = {
  changes: [
    { kind: 'cost_line', element: 'resources', id: 'l1', label: 'Workshop venue', action: 'change', fields: [{ field: 'quantities', before: '2027: 90', after: '2027: 500' }] },
  ],
  elements: [{ element: 'resources', added: 0, changed: 1, deleted: 0 }],
  cost_by_pillar: [
    { code: '1', label: { text: 'Participation', l2: null }, before: '1908848180', after: '1917185239', change: '8337059' },
  ],
  currency: 'KHR',
  total_before: '1908848180',
  total_after: '1917185239',
};

function fakeBackend() {
  return {
    versions: vi.fn(async () => versions),
    saveVersion: vi.fn(async (name: string) => [...versions, { ...versions[1], id: 'v2', name }]),
    compareVersions: vi.fn(async () => comparison),
    restoreVersion: vi.fn(async () => ({ changed: 3, backup: '/data/backups/x.nap' })),
  } as unknown as Backend & Record<'versions' | 'saveVersion' | 'compareVersions' | 'restoreVersion', ReturnType<typeof vi.fn>>;
}

describe('the versions screen', () => {
  it('saves a version under a name and lists it', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    render(VersionsScreen, { backend });
    await screen.findByText('Consultation draft');
    await fireEvent.input(screen.getByPlaceholderText('e.g. Cabinet submission'), { target: { value: 'Cabinet submission' } });
    await fireEvent.click(screen.getByText('Save version'));
    expect(backend.saveVersion).toHaveBeenCalledWith('Cabinet submission', '', null);
    expect(await screen.findByText('Saved the version “Cabinet submission”.')).toBeTruthy();
  });

  it('compares a version with now, and restores one only after confirming', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    const onedit = vi.fn();
    render(VersionsScreen, { backend, onedit });
    await screen.findByText('Consultation draft');
    // The imported version has no snapshot: nothing to compare or restore.
    expect(screen.getByText('No snapshot')).toBeTruthy();
    expect(screen.getAllByText('Compare with now')).toHaveLength(1);
    await fireEvent.click(screen.getByText('Compare with now'));
    expect(backend.compareVersions).toHaveBeenCalledWith('v1', null);
    expect(await screen.findByText('8,337,059')).toBeTruthy();
    expect(screen.getByText('Resources plan (costing) (1)')).toBeTruthy();

    await fireEvent.click(screen.getAllByText('Restore')[0] as HTMLElement);
    expect(backend.restoreVersion).not.toHaveBeenCalled();
    const dialog = screen.getByRole('alertdialog');
    await fireEvent.click(dialog.querySelector('button') as HTMLButtonElement);
    await waitFor(() => expect(backend.restoreVersion).toHaveBeenCalledWith('v1'));
    await waitFor(() => expect(onedit).toHaveBeenCalled());
    expect(await screen.findByText(/Restored “Consultation draft”: 3 records/)).toBeTruthy();
  });
});
