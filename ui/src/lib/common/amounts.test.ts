import { describe, expect, it } from 'vitest';
import { groupThousands, sameAmount } from './amounts';

describe('groupThousands', () => {
  it('puts a comma between thousands of the whole part only', () => {
    expect(groupThousands('60000')).toBe('60,000');
    expect(groupThousands('1234567.891234')).toBe('1,234,567.891234');
    expect(groupThousands('-1234')).toBe('-1,234');
    expect(groupThousands('999')).toBe('999');
    expect(groupThousands('1000')).toBe('1,000');
    expect(groupThousands('0.0001')).toBe('0.0001');
  });

  it('keeps every digit of amounts beyond what a float holds', () => {
    expect(groupThousands('12345678901234567890.123456789')).toBe('12,345,678,901,234,567,890.123456789');
  });

  it('leaves text that is not a plain decimal as it is', () => {
    for (const text of ['', '1,000', '12 kits', '1.2.3', 'abc', '1e6']) expect(groupThousands(text)).toBe(text);
  });
});

describe('sameAmount', () => {
  it('is the stored amount written with or without separators', () => {
    expect(sameAmount('60,000', '60000')).toBe(true);
    expect(sameAmount(' 60000 ', '60000')).toBe(true);
    expect(sameAmount('1,234.5', '1234.5')).toBe(true);
  });

  it('is not an amount typed differently, or commas that are not thousands separators', () => {
    expect(sameAmount('60,001', '60000')).toBe(false);
    expect(sameAmount('6,0000', '60000')).toBe(false);
    expect(sameAmount('600,00', '60000')).toBe(false);
    expect(sameAmount('', '60000')).toBe(false);
  });
});
