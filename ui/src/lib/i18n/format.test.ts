import { describe, expect, it } from 'vitest';
import { formatAmount } from './i18n.svelte';

describe('formatAmount', () => {
  it('groups digits of decimal strings without converting them to numbers', () => {
    expect(formatAmount('16393210317')).toBe('16,393,210,317');
    expect(formatAmount('1234567.89')).toBe('1,234,567.89');
    expect(formatAmount('-1000')).toBe('-1,000');
    expect(formatAmount('999')).toBe('999');
    // Beyond 2^53: a float would lose the last digits; the string keeps them.
    expect(formatAmount('123456789012345678')).toBe('123,456,789,012,345,678');
  });
});

describe('the plan\'s second language in labels', () => {
  it('names the open plan\'s second language, in English or in itself', async () => {
    const { t, i18n, setSecondLanguage, l2Tag } = await import('./i18n.svelte');
    i18n.lang = 'en';
    expect(t('results.title_l2')).toBe('Title in Khmer');
    setSecondLanguage({ tag: 'fr-CI', english: 'French', native: 'Français' });
    expect(t('results.title_l2')).toBe('Title in French');
    expect(l2Tag()).toBe('fr-CI');
    i18n.lang = 'km';
    expect(t('results.title_l2')).toBe('ចំណងជើងជាភាសាFrançais');
    setSecondLanguage(null);
    i18n.lang = 'en';
    expect(t('narrative.body_l2')).toBe('Text in the second language');
    setSecondLanguage({ tag: 'km', english: 'Khmer', native: 'ខ្មែរ' });
  });
});
