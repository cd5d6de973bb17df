import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import NarrativeScreen from './NarrativeScreen.svelte';
import { BackendError, type Backend } from '../api/backend';
import type { NarrativeView } from '../api/bindings/NarrativeView';
import type { SectionRow } from '../api/bindings/SectionRow';
import { i18n } from '../i18n/i18n.svelte';

const CONTEXT = '10000000-0000-4000-8000-000000000001';
const RATIONALE = '10000000-0000-4000-8000-000000000002';

function section(overrides: Partial<SectionRow>): SectionRow {
  return {
    id: CONTEXT,
    kind: 'context',
    title: { text: 'Context', l2: 'បរិបទ' },
    body: { text: 'Mekara has enjoyed peace', l2: null },
    first: true,
    last: false,
    modified_by: 'MWA',
    modified: '2026-01-15T09:00:00.000Z',
    locked: false,
    ...overrides,
  };
}

function view(body = 'Mekara has enjoyed peace'): NarrativeView {
  return {
    sections: [
      section({ body: { text: body, l2: null } }),
      section({ id: RATIONALE, kind: 'rationale', title: { text: 'Rationale', l2: null }, body: { text: '', l2: null }, first: false, last: true }),
    ],
  };
}

function fakeBackend() {
  return {
    narrative: vi.fn(async () => view()),
    setNarrative: vi.fn(async (_id: string, field: string, value: string) => {
      if (field === 'title' && !value.trim()) throw new BackendError('required', 'title');
      return view(field === 'body' ? value : undefined);
    }),
    addNarrativeSection: vi.fn(async () => view()),
    moveNarrative: vi.fn(async () => view()),
    deleteNarrativeSection: vi.fn(async () => view()),
  } as unknown as Backend;
}

describe('the narrative screen', () => {
  it('shows the text formatted, makes the selected words bold and saves the Markdown when left', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    backend.narrative = vi.fn(async () => view('Mekara has *enjoyed* peace'));
    const onedit = vi.fn();
    render(NarrativeScreen, { backend, onedit });
    const body = await screen.findByRole('textbox', { name: 'Text' });
    expect(body.querySelector('em')?.textContent).toBe('enjoyed');
    // An empty section is marked in the list.
    expect(screen.getByRole('button', { name: /Rationale \(empty\)/ })).toBeTruthy();
    // The table tools wait for a table.
    expect((screen.getByRole('button', { name: '+ Row' }) as HTMLButtonElement).disabled).toBe(true);

    await fireEvent.focus(body);
    await fireEvent.keyDown(body, { key: 'a', ctrlKey: true });
    const bold = screen.getByRole('button', { name: 'Bold' });
    expect(bold.getAttribute('aria-pressed')).toBe('false');
    await fireEvent.click(bold);
    await waitFor(() => expect(bold.getAttribute('aria-pressed')).toBe('true'));
    expect(backend.setNarrative).not.toHaveBeenCalled();
    await fireEvent.blur(body);
    await waitFor(() => expect(backend.setNarrative).toHaveBeenCalledWith(CONTEXT, 'body', '**Mekara has *enjoyed* peace**'));
    expect(onedit).toHaveBeenCalledTimes(1);
    // Leaving it again unchanged saves nothing more.
    await fireEvent.focus(body);
    await fireEvent.blur(body);
    expect(backend.setNarrative).toHaveBeenCalledTimes(1);
    // In the next section the toolbar formats that section's text, not the one left.
    await fireEvent.click(screen.getByRole('button', { name: /Rationale/ }));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Rationale' })).toBeTruthy());
    const boldNow = screen.getByRole('button', { name: 'Bold' }) as HTMLButtonElement;
    await waitFor(() => expect(boldNow.disabled).toBe(false));
    expect(boldNow.getAttribute('aria-pressed')).toBe('false');
  });

  it('edits a text with an image as Markdown, so that the image is not lost', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    const body = 'Mines remain in the north-west: ![map](map.png)';
    backend.narrative = vi.fn(async () => view(body));
    render(NarrativeScreen, { backend });
    const source = (await screen.findByRole('textbox', { name: 'Text' })) as HTMLTextAreaElement;
    expect(source.tagName).toBe('TEXTAREA');
    expect(source.value).toBe(body);
    expect(screen.getByText(/This text has images/)).toBeTruthy();
    // The toolbar formats the Khmer text, which the editor can keep.
    await waitFor(() => expect((screen.getByRole('button', { name: 'Bold' }) as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.change(source, { target: { value: `${body}\n\nSurveys continue.` } });
    await waitFor(() => expect(backend.setNarrative).toHaveBeenCalledWith(CONTEXT, 'body', `${body}\n\nSurveys continue.`));
  });

  it('opens a section another agency owns read-only', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    backend.narrative = vi.fn(async () => ({ sections: [section({ locked: true })] }));
    render(NarrativeScreen, { backend });
    const body = await screen.findByRole('textbox', { name: 'Text' });
    expect(body.getAttribute('contenteditable')).toBe('false');
    expect((screen.getByRole('button', { name: 'Bold' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('refuses an empty title with its reason and moves nothing past the ends', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    render(NarrativeScreen, { backend });
    const title = (await screen.findByLabelText('Title')) as HTMLInputElement;
    await fireEvent.change(title, { target: { value: ' ' } });
    await waitFor(() => expect(title.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByRole('status').textContent).toBe('It cannot be empty.');
    expect((screen.getByRole('button', { name: 'Move up' }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByRole('button', { name: 'Move down' }));
    await waitFor(() => expect(backend.moveNarrative).toHaveBeenCalledWith(CONTEXT, false));
  });

  it('shows its labels and the Khmer titles in Khmer', async () => {
    i18n.lang = 'km';
    render(NarrativeScreen, { backend: fakeBackend() });
    expect(await screen.findByRole('heading', { name: 'បរិបទ' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'ដិត' })).toBeTruthy();
    i18n.lang = 'en';
  });
});
