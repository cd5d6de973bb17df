import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import OutdatedMark from './OutdatedMark.svelte';
import { i18n } from '../i18n/i18n.svelte';

describe('the outdated-translation mark', () => {
  it('shows only beside a translation written before the text last changed', () => {
    i18n.lang = 'en';
    const { unmount } = render(OutdatedMark, { text: { text: 'Women lead', l2: 'ស្ត្រីដឹកនាំ' } });
    expect(screen.queryByRole('note')).toBeNull();
    unmount();
    render(OutdatedMark, { text: { text: 'Women lead peace talks', l2: 'ស្ត្រីដឹកនាំ', l2_outdated: true } });
    expect(screen.getByRole('note').textContent).toContain('may be out of date');
  });
});
