// Amounts as the fields show them. An amount travels as a decimal string ("1234567.5") and is
// never turned into a JavaScript number here: digits are only regrouped, so nothing is
// rounded or changed on the way to the screen and back.

import { formatAmount } from '../i18n/i18n.svelte';

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * `amount` with a comma between thousands ("1234567.5" → "1,234,567.5"); text that is not a
 * plain decimal (empty, already grouped, being typed) is returned as it is.
 */
export function groupThousands(amount: string): string {
  const bare = amount.trim();
  return PLAIN_DECIMAL.test(bare) ? formatAmount(bare) : amount;
}

/**
 * Whether `typed` is the amount `stored`, written with or without thousands separators: a
 * field left as it was shown is not saved again.
 */
export function sameAmount(typed: string, stored: string): boolean {
  const bare = typed.trim();
  return bare === stored || (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(bare) && bare.replace(/,/g, '') === stored);
}
