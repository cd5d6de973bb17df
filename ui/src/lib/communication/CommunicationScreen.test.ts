import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/svelte';
import CommunicationScreen from './CommunicationScreen.svelte';
import { BackendError, type Backend } from '../api/backend';
import type { CommunicationView } from '../api/bindings/CommunicationView';
import { i18n } from '../i18n/i18n.svelte';

const meta = { created: '2026-01-15T09:00:00.000Z', modified: '2026-01-15T09:00:00.000Z', modified_by: 'MWA' };
const CONSULT = '10000000-0000-4000-8000-000000000001';

function view(women = 30): CommunicationView {
  return {
    items: [{ id: '20000000-0000-4000-8000-000000000001', ...meta, kind: 'key_message', text: { text: 'Peace lasts longer when women help make it', l2: null } }],
    activities: [],
    consultations: [
      {
        id: CONSULT,
        ...meta,
        title: { text: 'Provincial forum', l2: null },
        date: '2025-10-07',
        place: 'Battambang',
        groups: ['youth'],
        participants_women: women,
        participants_men: 15,
        participants_other: 3,
        inputs: { text: '', l2: null },
        response: { text: '', l2: null },
      },
    ],
    participation: { women, men: 15, other: 3, total: women + 18, women_percent: women === 30 ? '62.5' : '75.6', groups_heard: ['youth'], groups_missing: ['academia'] },
    agencies: [],
    plan_activities: [],
    years: [2026, 2027],
    locked: [],
  };
}

function fakeBackend() {
  return {
    communication: vi.fn(async () => view()),
    setCommunicationItem: vi.fn(async () => view()),
    setCommunicationActivity: vi.fn(async () => view()),
    setConsultation: vi.fn(async (_id: string, field: string, value: string) => {
      if (field === 'date') throw new BackendError('not_a_date', value);
      return view(field === 'participants_women' ? Number(value) : 30);
    }),
    addCommunication: vi.fn(async () => view()),
    deleteCommunication: vi.fn(async () => view()),
  } as unknown as Backend;
}

describe('the communication screen', () => {
  it('counts participants, names the groups not heard, and refuses a date written another way', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    render(CommunicationScreen, { backend });
    const summary = await screen.findByTestId('participation');
    expect(summary.textContent).toContain('48 people took part: 30 women (62.5 %)');
    expect(summary.textContent).toContain('Not yet heard: Academia');
    const consultation = screen.getByRole('form', { name: 'Provincial forum' });
    await fireEvent.change(within(consultation).getByLabelText('Women'), { target: { value: '56' } });
    await waitFor(() => expect(backend.setConsultation).toHaveBeenCalledWith(CONSULT, 'participants_women', '56'));
    await waitFor(() => expect(screen.getByTestId('participation').textContent).toContain('74 people took part: 56 women'));
    const date = within(consultation).getByLabelText('Date (YYYY-MM-DD)') as HTMLInputElement;
    await fireEvent.change(date, { target: { value: '07/10/2025' } });
    await waitFor(() => expect(date.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByRole('status').textContent).toBe('This is not a date: write it as YYYY-MM-DD, e.g. 2026-01-15.');
  });

  it('adds a key message and a group heard', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    render(CommunicationScreen, { backend });
    await fireEvent.input(await screen.findByLabelText('Add to Key messages'), { target: { value: 'Women make peace last' } });
    const keyMessages = screen.getByRole('region', { name: 'Key messages' });
    await fireEvent.click(within(keyMessages).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(backend.addCommunication).toHaveBeenCalledWith('item', 'Women make peace last', 'key_message'));
    await fireEvent.click(screen.getByLabelText('Academia'));
    await waitFor(() => expect(backend.setConsultation).toHaveBeenCalledWith(CONSULT, 'group:academia', 'true'));
  });

  it('is labelled in Khmer', async () => {
    i18n.lang = 'km';
    render(CommunicationScreen, { backend: fakeBackend() });
    expect(await screen.findByRole('heading', { name: 'ផែនការទំនាក់ទំនង' })).toBeTruthy();
    expect((await screen.findByTestId('participation')).textContent).toContain('ស្ត្រី 30 នាក់');
    i18n.lang = 'en';
  });

  it('costs a communication activity under a plan activity found by typing, and can take it off again', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    const ACT = '30000000-0000-4000-8000-000000000001';
    const withActivity = (activity_id: string | null): CommunicationView => ({
      ...view(),
      activities: [
        {
          id: ACT, ...meta, title: { text: 'Radio drama', l2: null }, audience: 'Youth', channel: 'Radio', timing: '', year: null,
          responsible_agency_id: null, languages: ['km'], activity_id,
        },
      ],
      plan_activities: Array.from({ length: 300 }, (_, n) => ({
        id: `40000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        code: `3.1.${Math.floor(n / 10) + 1}.${(n % 10) + 1}`,
        name: { text: n === 217 ? 'Community radio on women mediators' : `Activity ${n}`, l2: null },
      })),
    });
    (backend.communication as ReturnType<typeof vi.fn>).mockImplementation(async () => withActivity(null));
    (backend.setCommunicationActivity as ReturnType<typeof vi.fn>).mockImplementation(async (_id: string, _field: string, value: string) =>
      withActivity(value || null),
    );
    render(CommunicationScreen, { backend });
    const pick = (await screen.findByRole('combobox', { name: 'Costed under activity' })) as HTMLInputElement;
    expect(pick.value).toBe('—');
    await fireEvent.focus(pick);
    // 300 activities, a few dozen drawn.
    expect(within(screen.getByRole('listbox')).getAllByRole('option').length).toBeLessThan(50);
    await fireEvent.input(pick, { target: { value: 'radio mediators' } });
    await fireEvent.keyDown(pick, { key: 'Enter' });
    const chosen = '40000000-0000-4000-8000-000000000217';
    await waitFor(() => expect(backend.setCommunicationActivity).toHaveBeenCalledWith(ACT, 'activity_id', chosen));
    expect(pick.value).toBe('3.1.22.8 Community radio on women mediators');
    // Back to none.
    await fireEvent.focus(pick);
    await fireEvent.input(pick, { target: { value: '—' } });
    await fireEvent.keyDown(pick, { key: 'Enter' });
    await waitFor(() => expect(backend.setCommunicationActivity).toHaveBeenLastCalledWith(ACT, 'activity_id', ''));
  });
});
