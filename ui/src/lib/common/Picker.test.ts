import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/svelte';
import Picker, { matching, placeOf, SHOWN, type Choice } from './Picker.svelte';
import { i18n } from '../i18n/i18n.svelte';

/** A large plan's activities: "1.1.1.1 Activity 0" … */
const activities: Choice[] = Array.from({ length: 1500 }, (_, n) => ({
  value: `a-${n}`,
  label: `${Math.floor(n / 100) + 1}.1.1.${(n % 100) + 1} Activity ${n}`,
}));

function pick(props: { choices?: readonly Choice[]; value?: string; disabled?: boolean } = {}) {
  const onpick = vi.fn();
  render(Picker, { props: { choices: activities, value: 'a-0', label: 'Activity', onpick, ...props } });
  const field = screen.getByRole('combobox', { name: 'Activity' }) as HTMLInputElement;
  return { field, onpick };
}

const options = () => screen.queryAllByRole('option').map((o) => o.textContent?.trim());

describe('a picker among many choices', () => {
  it('shows its choice and draws no option until it is opened', () => {
    i18n.lang = 'en';
    const { field } = pick({ value: 'a-7' });
    expect(field.value).toBe('1.1.1.8 Activity 7');
    expect(field.getAttribute('aria-expanded')).toBe('false');
    expect(options()).toEqual([]);
  });

  it('draws a bounded number of the 1,500 choices, opening at the current one, and says how many are left', async () => {
    i18n.lang = 'en';
    const { field } = pick({ value: 'a-800' });
    await fireEvent.focus(field);
    const shown = options();
    expect(shown.length).toBe(SHOWN);
    expect(shown).toContain('9.1.1.1 Activity 800');
    expect(screen.getByRole('option', { selected: true }).textContent?.trim()).toBe('9.1.1.1 Activity 800');
    expect(field.getAttribute('aria-activedescendant')).toBe(screen.getByRole('option', { selected: true }).id);
    expect(screen.getByText(/^795 more above/)).toBeTruthy();
    // Pressing the list (its scrollbar, a note) leaves the focus in the field, and the list open.
    expect(await fireEvent.mouseDown(screen.getByText(/^795 more above/))).toBe(false);
    expect(await fireEvent.mouseDown(screen.getByRole('listbox'))).toBe(false);
    expect(screen.getByText(`${(1500 - 795 - SHOWN).toLocaleString('en-GB')} more below: type a code or words to find one`)).toBeTruthy();
  });

  it('narrows the list as the officer types words in any order, any case, without accents', async () => {
    i18n.lang = 'en';
    const choices: Choice[] = [
      { value: 'x', label: '2.1.1.1 Élections locales : formation des observatrices' },
      { value: 'y', label: '2.1.1.2 Formation des médiatrices' },
      { value: 'z', label: '3.1.1.1 Radio drama on women mediators' },
    ];
    const { field } = pick({ choices, value: 'z' });
    await fireEvent.focus(field);
    await fireEvent.input(field, { target: { value: 'FORMATION elect' } });
    expect(options()).toEqual(['2.1.1.1 Élections locales : formation des observatrices']);
    await fireEvent.input(field, { target: { value: 'mediat' } });
    expect(options()).toEqual(['2.1.1.2 Formation des médiatrices', '3.1.1.1 Radio drama on women mediators']);
    await fireEvent.input(field, { target: { value: '2.1.1' } });
    expect(options()).toHaveLength(2);
    await fireEvent.input(field, { target: { value: 'nowhere' } });
    expect(options()).toEqual([]);
    expect(screen.getByText('Nothing matches: try a code or fewer words')).toBeTruthy();
  });

  it('takes a choice with the arrow keys and Enter, beyond the options first drawn', async () => {
    i18n.lang = 'en';
    const { field, onpick } = pick({ value: 'a-0' });
    await fireEvent.focus(field);
    for (let i = 0; i < SHOWN + 2; i++) await fireEvent.keyDown(field, { key: 'ArrowDown' });
    await fireEvent.keyDown(field, { key: 'ArrowUp' });
    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    field.dispatchEvent(enter);
    // Enter was the picker's: a form around it is not sent.
    expect(enter.defaultPrevented).toBe(true);
    expect(onpick).toHaveBeenCalledWith(`a-${SHOWN + 1}`);
    await Promise.resolve();
    expect(field.value).toBe(activities[SHOWN + 1]?.label);
    expect(options()).toEqual([]);
  });

  it('takes a choice with the mouse, and tells nobody when the choice is the one it had', async () => {
    i18n.lang = 'en';
    const { field, onpick } = pick({ value: 'a-2' });
    await fireEvent.focus(field);
    await fireEvent.input(field, { target: { value: 'Activity 2' } });
    await fireEvent.mouseDown(screen.getByRole('option', { name: '1.1.1.3 Activity 2' }));
    expect(onpick).not.toHaveBeenCalled();
    await fireEvent.focus(field);
    await fireEvent.input(field, { target: { value: '15.1.1.100' } });
    await fireEvent.mouseDown(screen.getByRole('option', { name: '15.1.1.100 Activity 1499' }));
    expect(onpick).toHaveBeenCalledExactlyOnceWith('a-1499');
    expect(field.value).toBe('15.1.1.100 Activity 1499');
  });

  it('leaves its choice as it was on Escape or when the officer leaves the field', async () => {
    i18n.lang = 'en';
    const { field, onpick } = pick({ value: 'a-5' });
    await fireEvent.focus(field);
    await fireEvent.input(field, { target: { value: 'Activity 9' } });
    await fireEvent.keyDown(field, { key: 'Escape' });
    expect(field.value).toBe('1.1.1.6 Activity 5');
    await fireEvent.focus(field);
    await fireEvent.input(field, { target: { value: 'Activity 9' } });
    await fireEvent.blur(field);
    expect(field.value).toBe('1.1.1.6 Activity 5');
    expect(onpick).not.toHaveBeenCalled();
    expect(options()).toEqual([]);
  });

  it('does not open when disabled', async () => {
    i18n.lang = 'en';
    const { field } = pick({ disabled: true });
    expect(field.disabled).toBe(true);
    await fireEvent.focus(field);
    await fireEvent.keyDown(field, { key: 'ArrowDown' });
    expect(options()).toEqual([]);
  });

  it('heads each group of choices once, also where the options drawn begin', async () => {
    i18n.lang = 'en';
    const choices: Choice[] = [
      { value: 'p', label: '1 Participation', group: 'Pillar' },
      { value: 'o1', label: '1.1 Women lead', group: 'Outcome' },
      { value: 'o2', label: '1.2 Women mediate', group: 'Outcome' },
    ];
    const { field } = pick({ choices, value: 'p' });
    await fireEvent.focus(field);
    expect(screen.getAllByRole('presentation').map((p) => p.textContent?.trim())).toEqual(['Pillar', 'Outcome']);
    await fireEvent.input(field, { target: { value: 'mediate' } });
    expect(screen.getAllByRole('presentation').map((p) => p.textContent?.trim())).toEqual(['Outcome']);
  });

  it('says how many are left in Khmer', async () => {
    i18n.lang = 'km';
    const { field } = pick({ value: 'a-0' });
    await fireEvent.focus(field);
    expect(screen.getByText(/ទៀតនៅខាងក្រោម/)).toBeTruthy();
    i18n.lang = 'en';
  });
});

describe('matching', () => {
  it('keeps the order of the choices and finds Khmer by its words', () => {
    const choices: Choice[] = [
      { value: 'a', label: '1.1 បណ្តុះបណ្តាល អ្នកសម្របសម្រួល' },
      { value: 'b', label: '1.2 វិទ្យុ' },
      { value: 'c', label: '1.3 បណ្តុះបណ្តាល ប៉ូលិស' },
    ];
    expect(matching(choices, 'បណ្តុះបណ្តាល').map((c) => c.value)).toEqual(['a', 'c']);
    expect(matching(choices, '  ').map((c) => c.value)).toEqual(['a', 'b', 'c']);
  });

  it('finds a choice by the words it is also known by, which it does not show', () => {
    const choices: Choice[] = [
      { value: 'a', label: '1.1 Train mediators', also: '1.1 បណ្តុះបណ្តាល អ្នកសម្របសម្រួល' },
      { value: 'b', label: '1.2 Radio' },
    ];
    expect(matching(choices, 'អ្នកសម្របសម្រួល').map((c) => c.value)).toEqual(['a']);
    expect(matching(choices, 'radio').map((c) => c.value)).toEqual(['b']);
  });
});

describe('where a picker draws its list', () => {
  /** A field 30 px high whose top is `top` px down a window 768 px high. */
  const field = (top: number) => {
    const input = document.createElement('input');
    input.getBoundingClientRect = () => ({ top, bottom: top + 30, left: 100, right: 400, width: 300, height: 30, x: 100, y: top, toJSON: () => ({}) });
    return input;
  };

  it('opens upward when the whole list does not fit below and there is more room above, as a select does', () => {
    vi.stubGlobal('innerHeight', 768);
    // 170 px below (the list is up to 18rem, 288 px), 552 above: upward, where it once
    // opened downward cut to 170 px because more than 160 were left.
    const low = placeOf(field(560));
    expect(low?.bottom).toBe(`${768 - 560 + 2}px`);
    expect(low?.top).toBeNull();
    expect(low?.maxHeight).toBe('min(18rem, 552px)');
    // Room for the whole list below: downward.
    const middle = placeOf(field(300));
    expect(middle?.top).toBe('332px');
    expect(middle?.bottom).toBeNull();
    // Little room either way, less above: downward, as far as the window goes.
    vi.stubGlobal('innerHeight', 300);
    const near = placeOf(field(60));
    expect(near?.top).toBe('92px');
    expect(near?.maxHeight).toBe('min(18rem, 202px)');
    vi.unstubAllGlobals();
  });
});
