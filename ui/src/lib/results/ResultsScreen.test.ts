import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import ResultsScreen from './ResultsScreen.svelte';
import { BackendError, type Backend } from '../api/backend';
import type { ResultsView } from '../api/bindings/ResultsView';
import type { ResultNode } from '../api/bindings/ResultNode';
import type { IndicatorRow } from '../api/bindings/IndicatorRow';
import { i18n } from '../i18n/i18n.svelte';

const P1 = '10000000-0000-4000-8000-000000000001';
const O11 = '20000000-0000-4000-8000-000000000001';
const O12 = '20000000-0000-4000-8000-000000000002';
const IND = '30000000-0000-4000-8000-000000000001';

function node(overrides: Partial<ResultNode>): ResultNode {
  return {
    level: 'outcome',
    id: O11,
    parent_id: P1,
    depth: 1,
    code: '1.1',
    title: { text: "Women's representation increases", l2: 'ការតំណាងរបស់ស្ត្រីកើនឡើង' },
    description: null,
    lead_agency_id: null,
    indicators: 1,
    children: 0,
    cost_lines: 0,
    first: true,
    last: false,
    modified_by: 'MWA',
    modified: '2026-01-15T09:00:00.000Z',
    locked: false,
    ...overrides,
  };
}

const indicator: IndicatorRow = {
  id: IND,
  parent_id: O12,
  level: 'outcome',
  code: '1.2.a',
  statement: { text: 'Share of women among police officers', l2: null },
  kind: 'percentage',
  unit: '%',
  disaggregation: ['sex'],
  baseline_value: '9',
  baseline_year: '2025',
  baseline_source: 'Ministry data',
  targets: ['9.5', ''],
  means_of_verification: { text: 'HR records', l2: null },
  frequency: 'annual',
  responsible_agency_id: null,
  modified_by: 'MOI',
  modified: '2026-01-15T09:00:00.000Z',
  locked: false,
};

function view(nodes?: ResultNode[]): ResultsView {
  return {
    goal: { text: 'Women and girls live free from violence', l2: null },
    years: [2026, 2027],
    nodes: nodes ?? [
      node({ level: 'pillar', id: P1, parent_id: null, depth: 0, code: '1', title: { text: 'Participation', l2: 'ការចូលរួម' }, description: { text: '', l2: null }, indicators: 0, children: 2, last: true }),
      node({}),
      node({ id: O12, code: '1.2', title: { text: 'Women serve in the security sector', l2: null }, first: false, last: true }),
    ],
    indicators: [indicator],
    agencies: [],
  };
}

/** A pillar, one outcome, 45 outputs of 10 activities each: 497 results, above the size at
 *  which the outputs open folded. */
function largeView(): ResultsView {
  const title = (text: string) => ({ text, l2: null });
  const nodes: ResultNode[] = [
    node({ level: 'pillar', id: 'p', parent_id: null, depth: 0, code: '1', title: title('Pillar one'), children: 1, indicators: 0 }),
    node({ level: 'outcome', id: 'o', parent_id: 'p', depth: 1, code: '1.1', title: title('Outcome one'), children: 45, indicators: 0 }),
  ];
  for (let k = 1; k <= 45; k++) {
    nodes.push(node({ level: 'output', id: `out${k}`, parent_id: 'o', depth: 2, code: `1.1.${k}`, title: title(`Output ${k}`), children: 10, indicators: 0 }));
    for (let j = 1; j <= 10; j++) {
      nodes.push(node({ level: 'activity', id: `a${k}.${j}`, parent_id: `out${k}`, depth: 3, code: `1.1.${k}.${j}`, title: title(`Activity ${k}.${j}`), indicators: 0 }));
    }
  }
  return { ...view(nodes), indicators: [] };
}

function fakeBackend() {
  const backend = {
    results: vi.fn(async () => view()),
    moveResultStep: vi.fn(async () => {
      const v = view();
      // The backend swaps places and codes.
      return view([v.nodes[0]!, { ...v.nodes[2]!, code: '1.1', first: true, last: false }, { ...v.nodes[1]!, code: '1.2', first: false, last: true }]);
    }),
    moveResultTo: vi.fn(async () => {
      const v = view();
      return view([v.nodes[0]!, { ...v.nodes[2]!, code: '1.1', first: true, last: false }, { ...v.nodes[1]!, code: '1.2', first: false, last: true }]);
    }),
    setIndicator: vi.fn(async (_id: string, field: string, value: string) => {
      if (field.startsWith('target:') && Number.isNaN(Number(value))) throw new BackendError('not_a_number', value);
      return view();
    }),
    setResult: vi.fn(async () => view()),
    addResult: vi.fn(async () => view()),
    deleteResult: vi.fn(async () => {
      throw new BackendError('still_referenced', 'indicators under it');
    }),
    addIndicator: vi.fn(async () => view()),
    deleteIndicator: vi.fn(async () => view()),
  } as unknown as Backend;
  return backend;
}

describe('the results framework', () => {
  it('walks the tree with the arrow keys and moves the selected outcome with Alt+↑', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    const onedit = vi.fn();
    render(ResultsScreen, { backend, onedit });
    const tree = await screen.findByRole('tree');
    const goal = screen.getByRole('treeitem', { selected: true });
    expect(goal.textContent).toContain('Women and girls live free from violence');
    // Goal → pillar → 1.1 → 1.2
    for (let k = 0; k < 3; k++) await fireEvent.keyDown(tree, { key: 'ArrowDown' });
    expect(screen.getByRole('treeitem', { selected: true }).textContent).toContain('1.2');
    expect(screen.getByRole('heading', { name: /Outcome 1.2 Women serve/ })).toBeTruthy();
    // Its indicator is shown for editing.
    expect((screen.getByLabelText('Targets 2026') as HTMLInputElement).value).toBe('9.5');

    await fireEvent.keyDown(tree, { key: 'ArrowUp', altKey: true });
    await waitFor(() => expect(backend.moveResultStep).toHaveBeenCalledWith('outcome', O12, true));
    // The same outcome stays selected, now coded 1.1 and first: it cannot move further up.
    await waitFor(() => expect(screen.getByRole('heading', { name: /Outcome 1.1 Women serve/ })).toBeTruthy());
    expect((screen.getByRole('button', { name: 'Move up' }) as HTMLButtonElement).disabled).toBe(true);
    expect(onedit).toHaveBeenCalledTimes(1);
  });

  it('moves an outcome dragged onto its sibling, and drops nothing on a result of another level', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    const onedit = vi.fn();
    render(ResultsScreen, { backend, onedit });
    await screen.findByRole('tree');
    const item = (text: string) => screen.getByText(text).closest('li') as HTMLElement;
    const second = item('Women serve in the security sector');
    const first = item("Women's representation increases");
    const pillar = item('Participation');
    // Onto the pillar (another level): no line is drawn and nothing is sent.
    await fireEvent.pointerDown(second, { button: 0, clientX: 40, clientY: 90 });
    await fireEvent.pointerMove(pillar, { clientX: 40, clientY: 30 });
    expect(pillar.className).not.toMatch(/drop-/);
    await fireEvent.pointerUp(pillar);
    expect(backend.moveResultTo).not.toHaveBeenCalled();
    // Onto the outcome above it: a line above that outcome, then the move.
    await fireEvent.pointerDown(second, { button: 0, clientX: 40, clientY: 90 });
    await fireEvent.pointerMove(first, { clientX: 40, clientY: 60 });
    expect(first.classList.contains('drop-above')).toBe(true);
    expect(second.classList.contains('drag-source')).toBe(true);
    await fireEvent.pointerUp(first);
    await waitFor(() => expect(backend.moveResultTo).toHaveBeenCalledWith('outcome', O12, O11));
    await waitFor(() => expect(screen.getByRole('heading', { name: /Outcome 1.1 Women serve/ })).toBeTruthy());
    expect(onedit).toHaveBeenCalledTimes(1);
    // A click without moving is a click: it selects, and moves nothing.
    await fireEvent.pointerDown(pillar, { button: 0, clientX: 40, clientY: 30 });
    await fireEvent.pointerUp(pillar);
    await fireEvent.click(pillar);
    expect(backend.moveResultTo).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('treeitem', { selected: true }).textContent).toContain('Participation');
  });

  it('saves an indicator target, marks a refused one, and explains why a result cannot go', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    render(ResultsScreen, { backend });
    await fireEvent.click(await screen.findByText('Women serve in the security sector'));
    const target2027 = screen.getByLabelText('Targets 2027') as HTMLInputElement;
    await fireEvent.change(target2027, { target: { value: '10.5' } });
    await waitFor(() => expect(backend.setIndicator).toHaveBeenCalledWith(IND, 'target:2027', '10.5'));
    await fireEvent.change(target2027, { target: { value: 'ten' } });
    await waitFor(() => expect(target2027.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByRole('status').textContent).toBe('This is not a number: use . for decimals, e.g. 12 or 3.5.');

    await fireEvent.click(screen.getByLabelText('Age'));
    await waitFor(() => expect(backend.setIndicator).toHaveBeenCalledWith(IND, 'disaggregation:age', 'true'));

    await fireEvent.input(screen.getByLabelText('Title of a new output'), { target: { value: 'More women recruited' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(backend.addResult).toHaveBeenCalledWith(O12, 'More women recruited'));

    await fireEvent.click(screen.getByRole('button', { name: 'Delete this outcome' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Something is still under this'));
  });

  it("opens a large plan's outputs folded, and folds and unfolds by mouse and by keys", async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    backend.results = vi.fn(async () => largeView());
    backend.addResult = vi.fn(async () => largeView());
    render(ResultsScreen, { backend });
    const tree = await screen.findByRole('tree');
    // The goal, the pillar, the outcome and 45 outputs; no activity.
    expect(screen.getAllByRole('treeitem')).toHaveLength(48);
    expect(screen.queryByText('Activity 1.1')).toBeNull();
    const output1 = screen.getByText('Output 1').closest('li') as HTMLElement;
    expect(output1.getAttribute('aria-expanded')).toBe('false');
    expect(output1.textContent).toContain('10 activities');
    expect(screen.getByText('Outcome one').closest('li')!.getAttribute('aria-expanded')).toBe('true');

    // The triangle unfolds it, and leaves the selection where it was.
    await fireEvent.click(output1.querySelector('.twisty')!);
    expect(screen.getByText('Activity 1.1')).toBeTruthy();
    expect(output1.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('treeitem', { selected: true }).textContent).toContain('Women and girls');

    // Keys: ↓ walks the results shown; ← folds an open one; → unfolds, then enters it.
    for (let k = 0; k < 3; k++) await fireEvent.keyDown(tree, { key: 'ArrowDown' });
    expect(screen.getByRole('treeitem', { selected: true }).textContent).toContain('Output 1');
    await fireEvent.keyDown(tree, { key: 'ArrowLeft' });
    expect(screen.queryByText('Activity 1.1')).toBeNull();
    await fireEvent.keyDown(tree, { key: 'ArrowDown' });
    expect(screen.getByRole('treeitem', { selected: true }).textContent).toContain('Output 2');
    await fireEvent.keyDown(tree, { key: 'ArrowUp' });
    await fireEvent.keyDown(tree, { key: 'ArrowRight' });
    expect(screen.getByText('Activity 1.10')).toBeTruthy();
    await fireEvent.keyDown(tree, { key: 'ArrowRight' });
    expect(screen.getByRole('treeitem', { selected: true }).textContent).toContain('Activity 1.1');
    // ← on an activity goes to its output; → on it (open) goes back in.
    await fireEvent.keyDown(tree, { key: 'ArrowLeft' });
    expect(screen.getByRole('treeitem', { selected: true }).textContent).toContain('Output 1');

    // Folding the output of the selected activity selects the output.
    await fireEvent.click(screen.getByText('Activity 1.3'));
    await fireEvent.click(output1.querySelector('.twisty')!);
    expect(screen.queryByText('Activity 1.3')).toBeNull();
    expect(screen.getByRole('treeitem', { selected: true }).textContent).toContain('Output 1');

    // An activity added to a folded output is shown: the output opens.
    await fireEvent.click(screen.getByText('Output 2'));
    await fireEvent.input(screen.getByLabelText('Title of a new activity'), { target: { value: 'Train judges' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(backend.addResult).toHaveBeenCalledWith('out2', 'Train judges'));
    await waitFor(() => expect(screen.getByText('Output 2').closest('li')!.getAttribute('aria-expanded')).toBe('true'));
    expect(screen.getByText('Activity 2.1')).toBeTruthy();
    // Output 1 stayed folded through the reload.
    expect(output1.getAttribute('aria-expanded')).toBe('false');
  });

  it('shows titles and labels in Khmer', async () => {
    i18n.lang = 'km';
    render(ResultsScreen, { backend: fakeBackend() });
    expect(await screen.findByText('ការតំណាងរបស់ស្ត្រីកើនឡើង')).toBeTruthy();
    expect(screen.getByText('ការចូលរួម')).toBeTruthy();
    await fireEvent.click(screen.getByText('ការតំណាងរបស់ស្ត្រីកើនឡើង'));
    expect(screen.getByRole('button', { name: 'ផ្លាស់ចុះក្រោម' })).toBeTruthy();
    i18n.lang = 'en';
  });
});
