import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import CodeNameFields from './CodeNameFields.svelte';
import { setSecondLanguage } from '../i18n/i18n.svelte';

const props = {
  id: 'a1',
  code: 'MOI',
  name: { text: 'Ministère de l’Intérieur', l2: null },
  labels: { code: 'Code', name: 'Name', name_l2: 'Name in the second language' },
  invalid: () => undefined,
  onfield: () => () => {},
};

describe('the code and name fields', () => {
  it('offer the second-language name only when the plan has a second language', () => {
    setSecondLanguage(null);
    const { unmount } = render(CodeNameFields, props);
    expect(screen.queryByLabelText('Name in the second language')).toBeNull();
    expect(screen.getByLabelText('Name')).toBeTruthy();
    unmount();
    setSecondLanguage({ tag: 'km', english: 'Khmer', native: 'ខ្មែរ' });
    render(CodeNameFields, props);
    expect((screen.getByLabelText('Name in the second language') as HTMLInputElement).lang).toBe('km');
  });
});
