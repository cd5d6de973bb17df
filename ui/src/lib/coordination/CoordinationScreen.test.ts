import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import CoordinationScreen from './CoordinationScreen.svelte';
import { BackendError, type Backend } from '../api/backend';
import type { CoordinationView } from '../api/bindings/CoordinationView';
import type { BodyRow } from '../api/bindings/BodyRow';
import { i18n } from '../i18n/i18n.svelte';

const SC = '10000000-0000-4000-8000-000000000001';
const WG = '10000000-0000-4000-8000-000000000002';
const WPN = '20000000-0000-4000-8000-000000000001';

function body(overrides: Partial<BodyRow>): BodyRow {
  return {
    id: SC,
    code: 'SC',
    name: { text: 'National Steering Committee', l2: 'គណៈកម្មាធិការដឹកនាំជាតិ' },
    kind: 'steering_committee',
    pillar_id: null,
    reports_to_id: null,
    mandate: { text: 'Strategic direction', l2: null },
    chair_ids: [],
    member_ids: [],
    meeting_frequency: 'Twice a year',
    quorum: '',
    decision_rule: { text: '', l2: null },
    responsibilities: { text: '', l2: null },
    has_cso: false,
    reports: 1,
    modified_by: 'MWA',
    modified: '2026-01-15T09:00:00.000Z',
    locked: false,
    ...overrides,
  };
}

function view(members: string[] = []): CoordinationView {
  return {
    bodies: [
      body({}),
      body({ id: WG, code: 'PWG1', name: { text: 'Pillar 1 Working Group', l2: null }, kind: 'pillar_working_group', reports_to_id: SC, reports: 0, member_ids: members, has_cso: members.includes(WPN) }),
    ],
    chart: {
      width: 400,
      height: 200,
      box_width: 190,
      box_height: 72,
      boxes: [
        { id: SC, x: 105, y: 8 },
        { id: WG, x: 105, y: 128 },
      ],
      lines: [{ from_x: 200, from_y: 80, mid_y: 104, to_x: 200, to_y: 128 }],
    },
    agencies: [{ id: WPN, code: 'WPN', name: { text: 'Women Peacebuilders Network', l2: null } }],
    pillars: [],
    reporting: [
      {
        event: {
          id: 'r1', created: '2026-01-15T09:00:00.000Z', modified: '2026-01-15T09:00:00.000Z', modified_by: 'MWA',
          title: { text: 'Annual NAP progress report', l2: null }, frequency: 'annual', due: '31 March',
          responsible_agency_id: WPN, recipient: 'Council of Ministers',
        },
        locked: false,
      },
    ],
  };
}

function fakeBackend() {
  return {
    coordination: vi.fn(async () => view()),
    setBody: vi.fn(async (_id: string, field: string, value: string) => {
      if (field === 'reports_to_id') throw new BackendError('cycle', 'loop');
      return view(field === `member:${WPN}` && value === 'true' ? [WPN] : []);
    }),
    addBody: vi.fn(async () => view()),
    setReportingEvent: vi.fn(async () => view()),
    addReportingEvent: vi.fn(async () => view()),
    deleteReportingEvent: vi.fn(async () => view()),
    deleteBody: vi.fn(async () => {
      throw new BackendError('still_referenced', 'reports');
    }),
  } as unknown as Backend;
}

describe('the coordination screen', () => {
  it('draws the chart from the reporting lines and opens a body from its box', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    const { container } = render(CoordinationScreen, { backend });
    const top = await screen.findByRole('button', { name: 'SC National Steering Committee' });
    expect(top.getAttribute('aria-pressed')).toBe('true');
    expect(container.querySelectorAll('path.line')).toHaveLength(1);
    expect(container.querySelector('path.line')?.getAttribute('d')).toBe('M200 80 V104 H200 V128');
    const group = screen.getByRole('button', { name: 'PWG1 Pillar 1 Working Group' });
    await fireEvent.keyDown(group, { key: 'Enter' });
    expect(screen.getByRole('heading', { name: 'PWG1 Pillar 1 Working Group' })).toBeTruthy();
    // No civil-society member yet: the good-practice hint shows until one is ticked.
    expect(screen.getByText(/No civil-society organisation/)).toBeTruthy();
    const members = screen.getByRole('group', { name: 'Members' });
    await fireEvent.click(members.querySelector('input') as HTMLInputElement);
    await waitFor(() => expect(backend.setBody).toHaveBeenCalledWith(WG, `member:${WPN}`, 'true'));
    await waitFor(() => expect(screen.queryByText(/No civil-society organisation/)).toBeNull());
  });

  it('explains a reporting loop and a body others still report to', async () => {
    i18n.lang = 'en';
    render(CoordinationScreen, { backend: fakeBackend() });
    const reportsTo = (await screen.findByLabelText('Reports to')) as HTMLSelectElement;
    await fireEvent.change(reportsTo, { target: { value: WG } });
    await waitFor(() => expect(reportsTo.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByRole('status').textContent).toBe('That would make the body report to itself through the bodies below it.');
    await fireEvent.click(screen.getByRole('button', { name: 'Delete this body' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Other bodies still report to this one'));
  });

  it('labels the chart in Khmer', async () => {
    i18n.lang = 'km';
    render(CoordinationScreen, { backend: fakeBackend() });
    expect(await screen.findByRole('button', { name: 'SC គណៈកម្មាធិការដឹកនាំជាតិ' })).toBeTruthy();
    expect(screen.getAllByText('គណៈកម្មាធិការដឹកនាំ').length).toBeGreaterThan(0);
    i18n.lang = 'en';
  });

  it('edits the reporting calendar: how often a report is due, and a new report', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend() as Backend & Record<'setReportingEvent' | 'addReportingEvent', ReturnType<typeof vi.fn>>;
    render(CoordinationScreen, { backend });
    expect(await screen.findByDisplayValue('Annual NAP progress report')).toBeTruthy();
    await fireEvent.change(screen.getByLabelText('How often'), { target: { value: 'six_monthly' } });
    await waitFor(() => expect(backend.setReportingEvent).toHaveBeenCalledWith('r1', 'frequency', 'six_monthly'));
    await fireEvent.input(screen.getByLabelText('Name of a new report'), { target: { value: 'Shadow report by CSOs' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Add report' }));
    await waitFor(() => expect(backend.addReportingEvent).toHaveBeenCalledWith('Shadow report by CSOs'));
  });
});
