import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import ReviewScreen from './ReviewScreen.svelte';
import type { Backend } from '../api/backend';
import type { QualityReview } from '../api/bindings/QualityReview';
import type { Finding } from '../api/bindings/Finding';
import { i18n } from '../i18n/i18n.svelte';

const review: QualityReview = {
  errors: 1,
  warnings: 2,
  advice: 1,
  findings: [
    {
      code: 'activity_without_lead',
      severity: 'error',
      element: 'results_framework',
      record: { kind: 'activity', id: 'a1', label: '1.1.1.1 Train police' },
      message: 'Activity "1.1.1.1 Train police" has no lead agency: nobody is accountable for it.',
      values: {},
    },
    {
      code: 'output_without_indicator',
      severity: 'warning',
      element: 'results_framework',
      record: { kind: 'output', id: 'o1', label: '1.1.1 Police trained' },
      message: 'Output "1.1.1 Police trained" has no indicator.',
      values: {},
    },
    {
      code: 'output_without_indicator',
      severity: 'warning',
      element: 'results_framework',
      record: { kind: 'output', id: 'o2', label: '1.1.2 Desks open' },
      message: 'Output "1.1.2 Desks open" has no indicator.',
      values: {},
    },
    {
      code: 'pillar_funding_gap',
      severity: 'advice',
      element: 'resources',
      record: { kind: 'pillar', id: 'p1', label: '1 Participation' },
      message: 'Pillar "1 Participation": 52 % of its cost is not yet funded by committed sources.',
      values: { percent: '52' },
    },
  ],
};

function fakeBackend() {
  return { qualityReview: vi.fn(async () => review) } as unknown as Backend;
}

const translationReview: QualityReview = {
  errors: 0,
  warnings: 1,
  advice: 0,
  findings: [
    {
      code: 'translation_outdated',
      severity: 'warning',
      element: 'results_framework',
      record: { kind: 'outcome', id: 'oc1', label: '1.1 Women lead' },
      message: 'The title, means_of_verification of "1.1 Women lead" in km may be out of date.',
      values: { fields: 'title, means_of_verification', language: 'km' },
    },
  ],
};
const cleared: QualityReview = { errors: 0, warnings: 0, advice: 0, findings: [] };

describe('the review screen', () => {
  it('counts the findings, groups them by severity and code, and opens the screen that fixes one', async () => {
    i18n.lang = 'en';
    const onopen = vi.fn();
    render(ReviewScreen, { backend: fakeBackend(), onopen });
    expect((await screen.findByRole('status')).textContent).toContain('1 errors');
    expect(screen.getByText('Outputs without an indicator (2)')).toBeTruthy();
    // A group's findings are listed once it is opened.
    expect(screen.queryByText('Activity “1.1.1.1 Train police” has no lead agency: nobody is accountable for it.')).toBeNull();
    await fireEvent.click(screen.getByText('Activities without a lead agency (1)'));
    expect(await screen.findByText('Activity “1.1.1.1 Train police” has no lead agency: nobody is accountable for it.')).toBeTruthy();
    await fireEvent.click(screen.getByText('Funding gap by pillar (1)'));
    expect(await screen.findByText('Pillar “1 Participation”: 52 % of its cost is not yet funded by committed sources.')).toBeTruthy();
    await fireEvent.click(screen.getByText('Open the costing'));
    expect(onopen).toHaveBeenCalledWith('costing');
  });

  it('shows the findings in Khmer from their codes and values', async () => {
    i18n.lang = 'km';
    render(ReviewScreen, { backend: fakeBackend(), onopen: vi.fn() });
    await screen.findByRole('status');
    for (const summary of document.querySelectorAll('summary')) await fireEvent.click(summary);
    expect(await screen.findByText('សសរស្តម្ភ “1 Participation”៖ 52 % នៃថ្លៃរបស់វា មិនទាន់មានមូលនិធិដែលបានសន្យា។')).toBeTruthy();
    i18n.lang = 'en';
  });
});

describe('an outdated translation in the review', () => {
  it('names the fields in the interface\'s words and marks the translation as still right', async () => {
    i18n.lang = 'en';
    const confirmTranslations = vi.fn(async () => cleared);
    const backend = { qualityReview: vi.fn(async () => translationReview), confirmTranslations } as unknown as Backend;
    render(ReviewScreen, { backend, onopen: vi.fn() });
    await fireEvent.click(await screen.findByText('Translations that may be out of date (1)'));
    expect(await screen.findByText(/The title, means of verification of “1.1 Women lead” in km may be out of date/)).toBeTruthy();
    await fireEvent.click(screen.getByText('The translation is still right'));
    expect(confirmTranslations).toHaveBeenCalledWith('oc1', ['title', 'means_of_verification']);
    expect(await screen.findByRole('status')).toBeTruthy();
    expect(screen.queryByText('Translations that may be out of date (1)')).toBeNull();
  });
});

describe('a review with thousands of findings of one kind', () => {
  it('lists a hundred at a time once their group is opened', async () => {
    i18n.lang = 'en';
    const findings: Finding[] = Array.from({ length: 250 }, (_, n) => ({
      severity: 'warning',
      code: 'activity_without_lead',
      element: 'resources',
      record: { kind: 'activity', id: `a${n}`, label: `1.1.1.${n} Activity ${n}` },
      message: `Activity ${n} has no lead agency.`,
      values: {},
    }));
    const backend = { qualityReview: vi.fn(async () => ({ errors: 0, warnings: 250, advice: 0, findings })) } as unknown as Backend;
    const { container } = render(ReviewScreen, { backend, onopen: vi.fn() });
    await fireEvent.click(await screen.findByText('Activities without a lead agency (250)'));
    await waitFor(() => expect(container.querySelectorAll('li')).toHaveLength(100));
    await fireEvent.click(screen.getByRole('button', { name: 'Show 100 more (150 not shown)' }));
    expect(container.querySelectorAll('li')).toHaveLength(200);
    await fireEvent.click(screen.getByRole('button', { name: 'Show 50 more (50 not shown)' }));
    expect(container.querySelectorAll('li')).toHaveLength(250);
    expect(screen.queryByRole('button', { name: /^Show .* more/ })).toBeNull();
    expect(screen.getByText(/“1\.1\.1\.249 Activity 249” has no lead agency/)).toBeTruthy();
  });
});
