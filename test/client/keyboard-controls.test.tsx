import { fireEvent, render } from '@testing-library/react';
import { useState } from 'react';
import { ChoiceChips } from '../../client/components/choice-chips';
import { CheckBox } from '../../client/components/check-box';
import { pressable } from '../../client/components/keyboard';
import { resetTaro } from './mocks/taro';

/*
 * Keyboard access of the hand-drawn controls (issue #19, components/keyboard.ts): each is in the Tab order and
 * Enter or Space on it does what a tap does; a key on something inside it, or any other key, does nothing.
 * (test/e2e/keyboard.test.ts walks the real pages with Tab in the browser.)
 */
const SIZES = [
  ['s', '小'],
  ['m', '中'],
  ['l', '大'],
] as const;

function One({ seen }: { seen: string[] }) {
  const [value, setValue] = useState<string>('s');
  return (
    <ChoiceChips
      label="大小"
      options={SIZES}
      value={value}
      idOf={(v) => `size-${v}`}
      onChange={(v) => {
        seen.push(v);
        setValue(v);
      }}
    />
  );
}

function Several({ seen }: { seen: string[][] }) {
  const [value, setValue] = useState<string[]>([]);
  return (
    <ChoiceChips
      multiple
      label="大小"
      options={SIZES}
      value={value}
      idOf={(v) => `many-${v}`}
      onChange={(v) => {
        seen.push(v);
        setValue(v);
      }}
    />
  );
}

function Box({ seen }: { seen: boolean[] }) {
  const [on, setOn] = useState(false);
  return (
    <CheckBox
      id="box"
      label="选择这张账单"
      checked={on}
      onChange={(v) => {
        seen.push(v);
        setOn(v);
      }}
    />
  );
}

beforeEach(() => resetTaro());

describe('keyboard access of the hand-drawn controls', () => {
  it('a one-choice chip is in the Tab order and Enter or Space chooses it (aria-pressed)', () => {
    const seen: string[] = [];
    const { container } = render(<One seen={seen} />);
    const chip = (v: string) => container.querySelector<HTMLElement>(`#size-${v}`)!;
    for (const v of ['s', 'm', 'l']) expect(chip(v).tabIndex).toBe(0);
    fireEvent.keyDown(chip('m'), { key: 'Enter' });
    expect(chip('m').getAttribute('aria-pressed')).toBe('true');
    expect(chip('s').getAttribute('aria-pressed')).toBe('false');
    fireEvent.keyDown(chip('l'), { key: ' ' });
    expect(chip('l').getAttribute('aria-pressed')).toBe('true');
    // Other keys, and a held key's repeats, choose nothing.
    fireEvent.keyDown(chip('s'), { key: 'a' });
    fireEvent.keyDown(chip('s'), { key: 'Tab' });
    fireEvent.keyDown(chip('s'), { key: 'Enter', repeat: true });
    expect(seen).toEqual(['m', 'l']);
  });

  it('a several-choice chip toggles with Space and Enter (aria-checked)', () => {
    const seen: string[][] = [];
    const { container } = render(<Several seen={seen} />);
    const chip = (v: string) => container.querySelector<HTMLElement>(`#many-${v}`)!;
    expect(chip('m').tabIndex).toBe(0);
    fireEvent.keyDown(chip('m'), { key: ' ' });
    fireEvent.keyDown(chip('s'), { key: 'Enter' });
    expect(chip('m').getAttribute('aria-checked')).toBe('true');
    fireEvent.keyDown(chip('m'), { key: ' ' });
    expect(chip('m').getAttribute('aria-checked')).toBe('false');
    expect(seen).toEqual([['m'], ['s', 'm'], ['s']]);
  });

  it('the check box ticks and unticks with Space; a key on its inner mark does nothing', () => {
    const seen: boolean[] = [];
    const { container } = render(<Box seen={seen} />);
    const box = container.querySelector<HTMLElement>('#box')!;
    expect(box.tabIndex).toBe(0);
    expect(box.getAttribute('role')).toBe('checkbox');
    fireEvent.keyDown(box, { key: ' ' });
    expect(box.getAttribute('aria-checked')).toBe('true');
    fireEvent.keyDown(box.querySelector('.check-box-icon')!, { key: ' ' });
    fireEvent.keyDown(box, { key: ' ' });
    expect(seen).toEqual([true, false]);
  });

  it('the key is the tap and nothing more: the page does not scroll or submit', () => {
    const { container } = render(<One seen={[]} />);
    const chip = container.querySelector<HTMLElement>('#size-m')!;
    const event = new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true });
    chip.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
  });

  it('gives nothing in the mini-program, which has no keyboard; a disabled control leaves the Tab order', () => {
    const env = process.env.TARO_ENV;
    try {
      process.env.TARO_ENV = 'weapp';
      expect(pressable()).toEqual({});
      process.env.TARO_ENV = 'h5';
      expect(pressable().tabIndex).toBe(0);
      expect(pressable(true).tabIndex).toBe(-1);
    } finally {
      process.env.TARO_ENV = env;
    }
  });
});
