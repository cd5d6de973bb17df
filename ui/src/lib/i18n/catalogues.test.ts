import { describe, expect, it } from 'vitest';
import en from '../../../../i18n/en.json';
import km from '../../../../i18n/km.json';

describe('translation catalogues', () => {
  it('have the same keys in English and Khmer', () => {
    expect(Object.keys(km).sort()).toEqual(Object.keys(en).sort());
  });

  it('have no empty Khmer strings and Khmer script where words are translated', () => {
    for (const [key, value] of Object.entries(km)) {
      expect(value.trim(), key).not.toBe('');
    }
    const khmer = /[\u1780-\u17FF]/;
    // The exports' words (`out.`) are checked, in all their languages, by nap-export's tests.
    const translated = Object.entries(km).filter(
      ([k]) => !['app.name', 'lang.switch'].includes(k) && !k.startsWith('out.'),
    );
    for (const [key, value] of translated) expect(khmer.test(value), key).toBe(true);
  });
});
