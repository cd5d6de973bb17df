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
