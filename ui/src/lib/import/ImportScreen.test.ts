import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import ImportScreen from './ImportScreen.svelte';
import { BackendError, type Backend } from '../api/backend';
import type { Said } from '../api/bindings/Said';
import type { SheetImported } from '../api/bindings/SheetImported';
import type { SheetImportRequest } from '../api/bindings/SheetImportRequest';
import { i18n } from '../i18n/i18n.svelte';
import { importSession } from './session.svelte';

// The screen keeps its work in a session that outlives it; each test starts afresh.
beforeEach(() => importSession.reset());

/** A review sentence as the backend sends it (its English message, its values). */
function said(code: string, message: string, values: Record<string, string> = {}): Said {
  return { code, message, values };
}

function reviewOf(refused: boolean): SheetImported {
  return {
    sheet: 'Cadre logique',
    sheets: ['Cadre logique', 'Budget'],
    sheet_labels: [null, null],
    written: false,
    review: {
      header_row: 3,
      header_last_row: 3,
      plan_years: [2026, 2027, 2028, 2029, 2030],
      columns: [
        { column: 'A', header: 'Objectif spécifique', field: 'outcome', note: said('column_recognised', 'recognised'), multiple: null, currency: null, total: false },
        { column: 'B', header: 'Tâche', field: null, note: said('column_not_recognised', 'not recognised: ignored'), multiple: null, currency: null, total: false },
        { column: 'C', header: '2027 (millions FCFA)', field: 'year:2027', note: said('column_year', 'amounts of the year'), multiple: '1000000', currency: 'XOF', total: false },
        { column: 'D', header: 'Total', field: null, note: said('column_total', 'a total: checked, not imported'), multiple: null, currency: null, total: true },
      ],
      counts: [{ kind: 'outcome', created: 2, matched: 1 }],
      agencies_created: ['MPF Ministère de la Promotion de la Femme'],
      placeholders: [],
      amounts: [{ pillar: '1 PRÉVENTION', year: 2027, currency: 'XOF', amount: '1250000' }],
      total_checks: [
        { row: 9, year: 2027, sheet_total: '1300000', imported: '1250000', difference: '50000', currency: 'XOF', converted: [] },
        { row: 12, year: null, sheet_total: '1905957', imported: '1905957', difference: '0', currency: 'XOF', converted: ['EUR'] },
      ],
      refused: refused ? [{ row: 7, column: 'C (2027)', reason: { code: 'not_a_number', message: '“douze” is not a number', values: { value: 'douze' } } }] : [],
      notes: [],
      rows: 4,
    },
  };
}

function fakeBackend(refused = true) {
  return {
    chooseSheetToImport: vi.fn(async () => '/plans/PAN Mali.xlsx'),
    reviewSheet: vi.fn(async (_request: SheetImportRequest) => reviewOf(refused)),
    importSheet: vi.fn(async (_request: SheetImportRequest) => ({ ...reviewOf(refused), written: true })),
  } as unknown as Backend & {
    reviewSheet: ReturnType<typeof vi.fn>;
    importSheet: ReturnType<typeof vi.fn>;
  };
}

describe('the import screen', () => {
  it('reviews the chosen workbook, reads a column as the officer says, and imports only when nothing blocks', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend();
    const onimported = vi.fn();
    render(ImportScreen, { backend, onimported });
    await fireEvent.click(screen.getByText('Choose…'));
    await screen.findByText('Columns (the header is row 3)');
    expect(backend.reviewSheet).toHaveBeenCalledWith({ path: '/plans/PAN Mali.xlsx', sheet: null, map: [], skip_invalid: false });
    expect(screen.getByText('MPF Ministère de la Promotion de la Femme')).toBeTruthy();
    expect(screen.getByText(/The total on row 9 \(2027\) is 1,300,000, but the rows imported add up to 1,250,000/)).toBeTruthy();
    // A total over rows in several currencies says in which one it was added up.
    const mixed = screen.getByText(/The total on row 12 \(all years\), 1,905,957, agrees/);
    expect(mixed.textContent).toContain("Amounts in EUR are counted in XOF at the plan's rate of their year.");
    expect(screen.getByText(/row 9/).textContent).not.toContain('Amounts in');
    // The multiple and currency the sheet states are said beside the column they apply to.
    expect(screen.getByText('× 1,000,000: the sheet states these amounts in millions · in XOF')).toBeTruthy();
    expect(document.querySelectorAll('.stated')).toHaveLength(1);
    // A Total column says it is checked, and can still be read as something else.
    const total = screen.getByLabelText('Read column D as') as HTMLSelectElement;
    expect(total.selectedOptions[0]?.textContent).toBe('total: checked against the rows, not imported');
    expect((screen.getByLabelText('Read column B as') as HTMLSelectElement).selectedOptions[0]?.textContent).toBe('— ignored');

    // A year column can be read as another year of the plan (a fiscal year booked to the
    // year it ends), and shows the one it is read as.
    const year = screen.getByLabelText('Read column C as') as HTMLSelectElement;
    expect(year.selectedOptions[0]?.textContent).toBe('amounts of 2027');
    expect([...year.options].slice(1, 6).map((o) => o.textContent)).toEqual(['amounts of 2026', 'amounts of 2027', 'amounts of 2028', 'amounts of 2029', 'amounts of 2030']);
    expect([...year.querySelectorAll('optgroup')].map((g) => g.label)).toEqual(['Amounts of a year', 'What the column holds']);
    await fireEvent.change(year, { target: { value: 'year:2028' } });
    await waitFor(() =>
      expect(backend.reviewSheet).toHaveBeenLastCalledWith(expect.objectContaining({ map: [{ field: 'year:2028', column: 'C' }] })),
    );

    // A column read as something can be left out.
    await fireEvent.change(screen.getByLabelText('Read column A as'), { target: { value: '' } });
    await waitFor(() =>
      expect(backend.reviewSheet).toHaveBeenLastCalledWith(expect.objectContaining({ map: [{ field: 'year:2028', column: 'C' }, { field: 'ignore', column: 'A' }] })),
    );

    // Column B is read as the activity: the review is asked again with that mapping.
    await fireEvent.change(screen.getByLabelText('Read column B as'), { target: { value: 'activity' } });
    await waitFor(() =>
      expect(backend.reviewSheet).toHaveBeenLastCalledWith({
        path: '/plans/PAN Mali.xlsx',
        sheet: 'Cadre logique',
        map: [{ field: 'year:2028', column: 'C' }, { field: 'ignore', column: 'A' }, { field: 'activity', column: 'B' }],
        skip_invalid: false,
      }),
    );

    // A refused row blocks the import until the officer chooses to leave it out.
    const importButton = screen.getByRole('button', { name: 'Import' }) as HTMLButtonElement;
    expect(importButton.disabled).toBe(true);
    expect(screen.getByText('1 row refused')).toBeTruthy();
    expect(screen.getByText('4 rows to import')).toBeTruthy();
    expect(screen.getByText('Row 7, column C (2027): “douze” is not a number')).toBeTruthy();
    await fireEvent.click(screen.getByLabelText('Import the other rows and leave these out'));
    expect(importButton.disabled).toBe(false);
    await fireEvent.click(importButton);
    await waitFor(() => expect(onimported).toHaveBeenCalled());
    expect(backend.importSheet).toHaveBeenCalledWith(expect.objectContaining({ skip_invalid: true }));
    expect(await screen.findByRole('status')).toBeTruthy();
  });

  it('explains a workbook that cannot be read by its code and shows the detail', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend(false);
    backend.reviewSheet.mockRejectedValueOnce(new BackendError('bad_input', 'damaged.xlsx: the workbook cannot be read'));
    render(ImportScreen, { backend });
    await fireEvent.click(screen.getByText('Choose…'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('the workbook cannot be read');
  });
});

/** Shows the Import screen in Khmer with `review` as the backend's answer; returns the backend. */
async function reviewInKhmer(review: SheetImported) {
  i18n.lang = 'km';
  const backend = { ...fakeBackend(), reviewSheet: vi.fn(async () => review) } as unknown as Backend & { reviewSheet: ReturnType<typeof vi.fn> };
  render(ImportScreen, { backend });
  await fireEvent.click(await screen.findByText('ជ្រើសរើស…'));
  return backend;
}

describe('the review in Khmer', () => {
  it('says its notes, refusals and placeholders from their codes, in Khmer', async () => {
    const review = reviewOf(true);
    review.review.notes = [
      { code: 'dashes', message: '6 amount cells with a dash or “n/a” were read as no amount.', values: { n: '6' } },
      { code: 'code_from_a_newer_version', message: 'Something this version cannot say.', values: {} },
    ];
    review.review.header_last_row = 4;
    review.review.placeholders = [{ code: 'placeholder', message: 'outcome “Sensibiliser (outcome not given in the sheet)”', values: { kind: 'outcome', title: 'Sensibiliser' } }];
    await reviewInKhmer(review);
    expect(await screen.findByText('ក្រឡាចំនួនទឹកប្រាក់ 6 ដែលមានសញ្ញា «-» ឬ «n/a» ត្រូវបានអានថាគ្មានចំនួនទឹកប្រាក់។')).toBeTruthy();
    expect(screen.getByText('ជួរទី 7 ជួរឈរ C (2027)៖ «douze» មិនមែនជាលេខទេ')).toBeTruthy();
    // Years under a merged group: the header is two rows.
    expect(screen.getByText('ជួរឈរ (ក្បាលនៅជួរទី 3–4)')).toBeTruthy();
    // The record kind in Khmer words, the sheet's title as it is.
    expect(screen.getByText('លទ្ធផលរំពឹងទុក៖ «Sensibiliser»')).toBeTruthy();
    // A code this catalogue lacks is said in English rather than not at all.
    expect(screen.getByText('Something this version cannot say.')).toBeTruthy();
    i18n.lang = 'en';
  });

  it('says why a column is read as it is or left out, in Khmer, and nothing for a plain year', async () => {
    const review = reviewOf(false);
    review.review.columns = [
      { column: 'A', header: '2026/27', field: 'year:2026', note: said('column_fiscal_year', 'amounts of the fiscal year 2026/27, booked to 2026, the year it begins', { written: '2026/27', year: '2026' }), multiple: null, currency: null, total: false },
      { column: 'B', header: '2027', field: 'year:2027', note: said('column_year', 'amounts of the year'), multiple: null, currency: null, total: false },
      { column: 'C', header: 'Coût 2026-2030', field: null, note: said('column_several_years', 'covers 2026–2030, several years: ignored (give each year its own column)', { first: '2026', last: '2030' }), multiple: null, currency: null, total: false },
      { column: 'D', header: 'Prix unitaire', field: null, note: said('column_second', 'a second unit_cost column: ignored', { field: 'unit_cost' }), multiple: null, currency: null, total: false },
    ];
    await reviewInKhmer(review);
    expect(await screen.findByText('ចំនួនទឹកប្រាក់នៃឆ្នាំសារពើពន្ធ 2026/27 កត់ត្រាក្នុងឆ្នាំ 2026 ដែលជាឆ្នាំចាប់ផ្តើម')).toBeTruthy();
    expect(screen.getByText('គ្របដណ្តប់ 2026–2030 ច្រើនឆ្នាំ៖ មិនយក (សូមដាក់ឆ្នាំនីមួយៗក្នុងជួរឈររបស់វា)')).toBeTruthy();
    // The field named in the interface's words, not as the backend names it.
    expect(screen.getByText('ជួរឈរ ថ្លៃឯកតា ទីពីរ៖ មិនយក')).toBeTruthy();
    // Three notes: the plain year needs none.
    expect([...document.querySelectorAll('.column-note')].map((n) => n.closest('tr')?.querySelector('.letter')?.textContent)).toEqual(['A', 'C', 'D']);
    i18n.lang = 'en';
  });

  it('reads a schedule column as the year the work is done in, not as its amounts', async () => {
    i18n.lang = 'en';
    const review = reviewOf(false);
    review.review.columns[2] = {
      ...review.review.columns[2]!,
      header: '2027 T1',
      note: said('column_schedule', "a schedule: the years marked (X) are when the row's cost is spent"),
      multiple: null,
      currency: null,
    };
    const backend = fakeBackend(false);
    backend.reviewSheet.mockResolvedValue(review);
    render(ImportScreen, { backend });
    await fireEvent.click(screen.getByText('Choose…'));
    const schedule = (await screen.findByLabelText('Read column C as')) as HTMLSelectElement;
    expect(schedule.selectedOptions[0]?.textContent).toBe('work in 2027 (a schedule)');
    expect(screen.getByText("a schedule: the years marked (X) are when the row's cost is spent")).toBeTruthy();
    // Another column's years still read as amounts.
    const other = screen.getByLabelText('Read column A as') as HTMLSelectElement;
    expect([...other.options].some((o) => o.textContent === 'amounts of 2027')).toBe(true);
  });

  it('reviews another file typed over the last one without the last one\'s sheet and columns', async () => {
    i18n.lang = 'en';
    const backend = fakeBackend(false);
    render(ImportScreen, { backend });
    await fireEvent.click(screen.getByText('Choose…'));
    await screen.findByText('Columns (the header is row 3)');
    // The officer picks the workbook's budget sheet and reads a column as a year.
    await fireEvent.change(screen.getByDisplayValue('Cadre logique'), { target: { value: 'Budget' } });
    await waitFor(() => expect(backend.reviewSheet).toHaveBeenLastCalledWith(expect.objectContaining({ sheet: 'Budget' })));
    await fireEvent.change(screen.getByLabelText('Read column B as'), { target: { value: 'activity' } });
    await waitFor(() => expect(backend.reviewSheet).toHaveBeenLastCalledWith(expect.objectContaining({ map: [{ column: 'B', field: 'activity' }] })));
    // Then types another file's path and reviews it: neither choice belongs to that file.
    await fireEvent.input(screen.getByDisplayValue('/plans/PAN Mali.xlsx'), { target: { value: '/plans/Matrice.docx' } });
    await fireEvent.click(screen.getByText('Review'));
    await waitFor(() =>
      expect(backend.reviewSheet).toHaveBeenLastCalledWith({ path: '/plans/Matrice.docx', sheet: null, map: [], skip_invalid: false }),
    );
  });

  it('names a Word document\'s tables in Khmer and picks one by its name', async () => {
    const review = reviewOf(false);
    review.sheets = ['Table 1', 'Table 2 — Tableau 2 : Cadre logique'];
    review.sheet = review.sheets[1]!;
    review.sheet_labels = [
      { code: 'word_table', message: 'Table 1', values: { n: '1' } },
      { code: 'word_table_named', message: review.sheets[1]!, values: { n: '2', paragraph: 'Tableau 2 : Cadre logique' } },
    ];
    const backend = await reviewInKhmer(review);
    const picker = (await screen.findByDisplayValue('តារាង 2 — Tableau 2 : Cadre logique')) as HTMLSelectElement;
    expect([...picker.options].map((o) => o.textContent)).toEqual(['តារាង 1', 'តារាង 2 — Tableau 2 : Cadre logique']);
    // The review is asked for the table by the name the command line also takes.
    await fireEvent.change(picker, { target: { value: 'Table 1' } });
    await waitFor(() => expect(backend.reviewSheet).toHaveBeenLastCalledWith(expect.objectContaining({ sheet: 'Table 1' })));
    i18n.lang = 'en';
  });
});

describe('a spreadsheet that refuses every row', () => {
  it('lists the first 200 refusals and counts the rest', async () => {
    i18n.lang = 'en';
    const review = reviewOf(false);
    // Two refusals in each of 125,000 rows.
    review.review.refused = Array.from({ length: 250_000 }, (_, i) => ({ row: Math.floor(i / 2) + 2, column: i % 2 ? 'U (funding_source)' : 'O (year)', reason: { code: 'not_a_number', message: '“x” is not a number', values: { value: 'x' } } }));
    const backend = {
      chooseSheetToImport: vi.fn(async () => '/plans/wrong file.csv'),
      reviewSheet: vi.fn(async () => review),
    } as unknown as Backend;
    render(ImportScreen, { backend });
    await fireEvent.click(screen.getByText('Choose…'));
    await screen.findByText('125,000 rows refused');
    expect(document.querySelectorAll('ul.refused li')).toHaveLength(200);
    expect(screen.getByText(/… and 249,800 more\. The first 200 are listed/)).toBeTruthy();
  });
});

describe('coming back to the import screen', () => {
  it('shows a review started before, with Stop, until it ends', async () => {
    i18n.lang = 'en';
    let running = true;
    const backend = {
      jobProgress: vi.fn(async () => (running ? { stage: 'checking', stopping: false, stoppable: true, percent: 40 } : null)),
      cancelJob: vi.fn(async () => true),
    } as unknown as Backend;
    render(ImportScreen, { backend });
    expect(await screen.findByText('Checking the rows against the plan…')).toBeTruthy();
    // The rows checked so far, in words and on the bar.
    expect(screen.getByText('40% done')).toBeTruthy();
    expect((screen.getByRole('progressbar') as HTMLProgressElement).value).toBe(40);
    expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Review' }) as HTMLButtonElement).disabled).toBe(true);
    running = false;
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull());
    await fireEvent.input(screen.getByLabelText('Spreadsheet or Word document'), { target: { value: '/plans/budget.xlsx' } });
    expect((screen.getByRole('button', { name: 'Review' }) as HTMLButtonElement).disabled).toBe(false);
  });
});

/** A backend whose review answers only when the test calls `answer`. */
function reviewing() {
  let answer: (r: SheetImported) => void = () => {};
  const backend = {
    chooseSheetToImport: vi.fn(async () => '/plans/PAN Mali.xlsx'),
    reviewSheet: vi.fn(() => new Promise<SheetImported>((yes) => (answer = yes))),
    jobProgress: vi.fn(async () => null),
    cancelJob: vi.fn(async () => true),
  } as unknown as Backend;
  return { backend, answer: (r: SheetImported) => answer(r) };
}

describe('leaving the import screen during a review', () => {
  it('shows the answer, with the file chosen, when the screen is shown again', async () => {
    i18n.lang = 'en';
    const { backend, answer } = reviewing();
    const first = render(ImportScreen, { backend });
    await fireEvent.click(screen.getByText('Choose…'));
    await waitFor(() => expect(backend.reviewSheet).toHaveBeenCalledOnce());
    first.unmount();

    // The review answers while another tab is shown.
    answer(reviewOf(false));
    await Promise.resolve();
    render(ImportScreen, { backend });
    expect(await screen.findByText('Columns (the header is row 3)')).toBeTruthy();
    expect((screen.getByLabelText('Spreadsheet or Word document') as HTMLInputElement).value).toBe('/plans/PAN Mali.xlsx');
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    expect(backend.reviewSheet).toHaveBeenCalledOnce();
  });

  it('drops the answer of a review of the plan open before', async () => {
    i18n.lang = 'en';
    const { backend, answer } = reviewing();
    render(ImportScreen, { backend });
    await fireEvent.click(screen.getByText('Choose…'));
    await waitFor(() => expect(backend.reviewSheet).toHaveBeenCalledOnce());
    // Another plan is opened (App resets the session), then the old review answers.
    importSession.reset();
    answer(reviewOf(false));
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByText('Columns (the header is row 3)')).toBeNull();
    expect((screen.getByLabelText('Spreadsheet or Word document') as HTMLInputElement).value).toBe('');
    expect(importSession.busy).toBe(false);
  });
});
