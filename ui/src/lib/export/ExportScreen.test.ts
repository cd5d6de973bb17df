import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import ExportScreen from './ExportScreen.svelte';
import { BackendError, type Backend } from '../api/backend';
import type { ExportRequest } from '../api/bindings/ExportRequest';
import { i18n } from '../i18n/i18n.svelte';

function fakeBackend(result: 'ok' | 'io') {
  let finish: () => void = () => {};
  const exportPlan = vi.fn(
    (request: ExportRequest) =>
      new Promise((resolve, reject) => {
        finish = () =>
          result === 'ok'
            ? resolve({ path: request.path, kilobytes: 1234 })
            : reject(new BackendError('io', `${request.path}: permission denied`));
      }),
  );
  const backend = {
    suggestedExportPath: vi.fn(async (r: ExportRequest) => `/home/officer/Documents/Plan - ${r.kind} (${'lang' in r ? r.lang : ''}).pdf`),
    chooseExportPath: vi.fn(async () => '/media/usb/annex.pdf'),
    exportPlan,
    revealExport: vi.fn(async () => {}),
    planAgencies: vi.fn(async () => [
      { id: '00000000-0000-4000-8000-0000000000a1', code: 'MOI', name: { text: 'Ministry of Interior', l2: 'ក្រសួងមហាផ្ទៃ' } },
    ]),
  } as unknown as Backend;
  return { backend, exportPlan, finish: () => finish() };
}

describe('the export screen', () => {
  it('exports the Khmer annex to the suggested path, showing progress, then offers the folder', async () => {
    i18n.lang = 'en';
    const { backend, exportPlan, finish } = fakeBackend('ok');
    render(ExportScreen, { backend });
    await fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'km' } });
    const path = screen.getByLabelText('Save as') as HTMLInputElement;
    await waitFor(() => expect(path.value).toBe('/home/officer/Documents/Plan - annex (km).pdf'));
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(await screen.findByText('Making the file…')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Export' }) as HTMLButtonElement).disabled).toBe(true);
    expect(exportPlan).toHaveBeenCalledWith({ kind: 'annex', path: path.value, lang: 'km', rounding: 'unit' });
    finish();
    expect(await screen.findByText(/Saved .*annex \(km\)\.pdf \(1,234 KB\)/)).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Open containing folder' }));
    expect(backend.revealExport).toHaveBeenCalledWith(path.value);
  });

  it("defaults to the plan's language when the window's is not one of the plan's", async () => {
    i18n.lang = 'en';
    // A Thai plan with no English: its exports start in Thai.
    const thai = render(ExportScreen, { backend: fakeBackend('ok').backend, planLanguages: ['th'] });
    expect((screen.getByLabelText('Language') as HTMLSelectElement).value).toBe('th');
    thai.unmount();
    // A Filipino plan (`fil-PH`) is exported in Tagalog; a Lao plan in Lao.
    for (const [tag, expected] of [['fil-PH', 'tl'], ['lo', 'lo']] as const) {
      const view = render(ExportScreen, { backend: fakeBackend('ok').backend, planLanguages: [tag] });
      expect((screen.getByLabelText('Language') as HTMLSelectElement).value).toBe(expected);
      view.unmount();
    }
    // An English plan with Khmer alongside, from an English window: English.
    render(ExportScreen, { backend: fakeBackend('ok').backend, planLanguages: ['en', 'km'] });
    expect((screen.getByLabelText('Language') as HTMLSelectElement).value).toBe('en');
  });

  it('keeps a chosen path and explains a failed write', async () => {
    i18n.lang = 'en';
    const { backend, finish } = fakeBackend('io');
    render(ExportScreen, { backend });
    await fireEvent.click(screen.getByRole('button', { name: 'Choose…' }));
    const path = screen.getByLabelText('Save as') as HTMLInputElement;
    await waitFor(() => expect(path.value).toBe('/media/usb/annex.pdf'));
    await fireEvent.click(screen.getByLabelText(/Budget workbook/));
    expect(path.value).toBe('/media/usb/annex.pdf');
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    finish();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The file could not be read or written.');
    expect(alert.textContent).toContain('permission denied');
  });

  it('sends a copy scoped to one agency, with a note for the receiver', async () => {
    i18n.lang = 'en';
    const { backend, exportPlan, finish } = fakeBackend('ok');
    render(ExportScreen, { backend });
    await fireEvent.click(screen.getByLabelText(/A copy for another ministry/));
    const scope = screen.getByLabelText('Part of the plan') as HTMLSelectElement;
    await waitFor(() => expect(scope.options.length).toBe(2));
    await fireEvent.change(scope, { target: { value: 'MOI' } });
    await fireEvent.input(screen.getByLabelText('Note for the receiver'), { target: { value: 'Cost your activities' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(exportPlan).toHaveBeenCalledWith({ kind: 'copy', path: expect.any(String), agency: 'MOI', note: 'Cost your activities' });
    finish();
    expect(await screen.findByText(/Saved/)).toBeTruthy();
  });

  it('exports the progress report for a period in the format chosen', async () => {
    i18n.lang = 'en';
    const { backend, exportPlan, finish } = fakeBackend('ok');
    render(ExportScreen, { backend });
    await fireEvent.click(screen.getByText('Progress report'));
    await fireEvent.change(screen.getByLabelText('Format'), { target: { value: 'docx' } });
    await fireEvent.input(screen.getByLabelText('Period'), { target: { value: '2027-H1' } });
    await waitFor(() =>
      expect(backend.suggestedExportPath).toHaveBeenLastCalledWith({ kind: 'progress_report', path: '', lang: 'en', format: 'docx', period: '2027-H1' }),
    );
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(exportPlan).toHaveBeenCalledWith({ kind: 'progress_report', path: expect.any(String), format: 'docx', period: '2027-H1', lang: 'en' });
    finish();
    // The save dialog is asked for this export (its format gives the file type offered).
    await fireEvent.click(screen.getByRole('button', { name: 'Choose…' }));
    expect(backend.chooseExportPath).toHaveBeenCalledWith({ kind: 'progress_report', path: expect.any(String), format: 'docx', period: '2027-H1', lang: 'en' });
  });

  it('offers the whole plan as PDF or Word only', async () => {
    i18n.lang = 'en';
    const { backend, exportPlan, finish } = fakeBackend('ok');
    render(ExportScreen, { backend });
    await fireEvent.click(screen.getByText('The whole plan'));
    const format = screen.getByLabelText('Format') as HTMLSelectElement;
    expect([...format.options].map((o) => o.value)).toEqual(['pdf', 'docx']);
    await fireEvent.change(format, { target: { value: 'docx' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(exportPlan).toHaveBeenCalledWith({ kind: 'document', path: expect.any(String), lang: expect.any(String), format: 'docx' });
    finish();
  });
});

describe('a long export', () => {
  it('shows its stage, stops when asked and says nothing was written', async () => {
    i18n.lang = 'en';
    let reject: (e: unknown) => void = () => {};
    const stage = 'making';
    const stopped = { value: false };
    const backend = {
      suggestedExportPath: vi.fn(async () => '/home/officer/Documents/annex.pdf'),
      planAgencies: vi.fn(async () => []),
      exportPlan: vi.fn(() => new Promise((_, no) => (reject = no))),
      jobProgress: vi.fn(async () => ({ stage, stopping: stopped.value, stoppable: stage === 'making', percent: null })),
      cancelJob: vi.fn(async () => {
        stopped.value = true;
        return true;
      }),
    } as unknown as Backend;
    render(ExportScreen, { backend });
    await waitFor(() => expect((screen.getByLabelText('Save as') as HTMLInputElement).value).not.toBe(''));
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(backend.jobProgress).toHaveBeenCalled());
    expect(await screen.findByText('Making the file…')).toBeTruthy();
    // A stage that does not count its steps shows a busy bar without a figure.
    expect(screen.queryByText(/% done/)).toBeNull();
    expect(screen.getByRole('progressbar').hasAttribute('value')).toBe(false);
    await fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(backend.cancelJob).toHaveBeenCalledOnce();
    expect(await screen.findByText('Stopping…')).toBeTruthy();
    reject(new BackendError('cancelled', 'stopped as asked; nothing was written'));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('Stopped as you asked. Nothing was written, and the plan is as it was.');
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
  });

  it('cannot be stopped once it is writing its file', async () => {
    i18n.lang = 'en';
    const backend = {
      suggestedExportPath: vi.fn(async () => '/home/officer/Documents/annex.pdf'),
      planAgencies: vi.fn(async () => []),
      exportPlan: vi.fn(() => new Promise(() => {})),
      jobProgress: vi.fn(async () => ({ stage: 'writing', stopping: false, stoppable: false, percent: null })),
      cancelJob: vi.fn(async () => false),
    } as unknown as Backend;
    render(ExportScreen, { backend });
    await waitFor(() => expect((screen.getByLabelText('Save as') as HTMLInputElement).value).not.toBe(''));
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(await screen.findByText('Writing the file…')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Stop' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
