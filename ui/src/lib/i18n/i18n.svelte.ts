// Translation catalogues and the current language. Every UI string goes through t().
// The catalogues are the product's one label catalogue (`i18n/` at the repository's root),
// which the exports read too: their words are its `out.` keys, in every export language.
import en from '../../../../i18n/en.json';
import km from '../../../../i18n/km.json';

export type Lang = 'en' | 'km';
export type MessageKey = keyof typeof en;

const catalogues: Record<Lang, Record<MessageKey, string>> = { en, km };

let current = $state<Lang>('en');

export const i18n = {
  get lang(): Lang {
    return current;
  },
  set lang(l: Lang) {
    current = l;
    document.documentElement.lang = l;
  },
};

/** A plan's second language as the editors name it; the standard plans' is Khmer. */
export interface SecondLanguageName {
  tag: string;
  english: string;
  native: string;
}

const KHMER: SecondLanguageName = { tag: 'km', english: 'Khmer', native: 'ខ្មែរ' };
/** The open plan's second language (`null`: it has none). */
let second = $state<SecondLanguageName | null>(KHMER);

/** Sets the open plan's second language, which `{l2}` in messages names. */
export function setSecondLanguage(language: SecondLanguageName | null) {
  second = language;
}

/** Whether the open plan has a second language: its fields are shown only then. */
export function hasSecondLanguage(): boolean {
  return second !== null;
}

/** The BCP 47 tag of the open plan's second language, for the `lang` of its fields. */
export function l2Tag(): string {
  return second?.tag ?? '';
}

/** The name `{l2}` stands for: the second language in English, or in itself in Khmer. */
function l2Name(): string {
  if (!second) return current === 'km' ? 'ទីពីរ' : 'the second language';
  return current === 'km' ? second.native : second.english;
}

/** The message for `key` in the current language (English when a translation is missing). */
export function t(key: MessageKey): string {
  const message = catalogues[current][key] ?? en[key];
  return message.includes('{l2}') ? message.replaceAll('{l2}', l2Name()) : message;
}

/**
 * The message for a key built at run time (a record kind, a field name), or `fallback` when
 * the catalogues have no such key.
 */
export function messageOr(key: string, fallback: string): string {
  return key in en ? t(key as MessageKey) : fallback;
}

/** A whole number formatted for the current language. */
export function formatCount(n: number): string {
  return new Intl.NumberFormat(current === 'km' ? 'km-KH' : 'en-GB').format(n);
}

/** A moment (ISO 8601, as the backend sends it) as a date and time for the current language. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(current === 'km' ? 'km-KH' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** The message for `key` with `{name}` placeholders filled in. */
export function tf(key: MessageKey, args: Record<string, string>): string {
  let s = t(key);
  for (const [name, value] of Object.entries(args)) s = s.replaceAll(`{${name}}`, value);
  return s;
}

/**
 * An amount sent by the backend as a decimal string, with thousands separators. Amounts are
 * formatted as text here and never converted to numbers: the backend has already rounded them.
 */
export function formatAmount(decimal: string): string {
  const negative = decimal.startsWith('-');
  const [int = '0', frac] = (negative ? decimal.slice(1) : decimal).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** A record's text in the interface language: its second-language text in Khmer when it has one. */
export function localText(text: { text: string; l2: string | null }): string {
  return current === 'km' && text.l2 ? text.l2 : text.text;
}

/** The language of `text` that `localText` does not show, if it has one (to search by). */
export function otherText(text: { text: string; l2: string | null }): string | undefined {
  return current === 'km' && text.l2 ? text.text : (text.l2 ?? undefined);
}
