import { useEffect, useRef } from 'react';
import { whenElement } from './when-element';

/** The wheels' names, in NutUI's column order (year, month, day, hour, minute). */
const WHEELS = ['年', '月', '日', '时', '分'];

/**
 * Keyboard use of the open date picker in the browser (issue #19), which NutUI draws for fingers only: its
 * wheels and its 取消 / 确定 are plain views. When it opens, each wheel becomes a spin button in the Tab
 * order (WAI-ARIA spinbutton pattern, https://www.w3.org/WAI/ARIA/apg/patterns/spinbutton/: "Up Arrow:
 * Increases the value. Down Arrow: Decreases the value."; Page Up / Page Down by ten) and focus goes to the
 * first; 取消 and 确定 are buttons worked with Enter or Space; Esc is 取消; when it closes, focus goes back
 * to the field's opener. `shift(column, by)` moves one wheel (the field turns the wheel by setting the
 * picker's value). The mini-program has no keyboard: there this is nothing.
 */
export function usePickerKeys(
  open: boolean,
  opener: string,
  shift: (column: number, by: number) => void,
  valueText: (column: number) => string,
): void {
  const latest = useRef({ shift, valueText });
  latest.current = { shift, valueText };
  useEffect(() => {
    if (process.env.TARO_ENV === 'weapp' || !open || typeof document === 'undefined') return undefined;
    let frame = 0;
    let sheet: HTMLElement | null = null;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.key === 'Escape') {
        e.preventDefault();
        sheet?.querySelector<HTMLElement>('.nut-picker-cancel-btn')?.click();
        return;
      }
      const wheel = target.closest<HTMLElement>('[data-wheel]');
      if (wheel) {
        const by = { ArrowUp: -1, ArrowDown: 1, PageUp: -10, PageDown: 10 }[e.key];
        if (!by) return;
        e.preventDefault();
        const column = Number(wheel.dataset.wheel);
        latest.current.shift(column, by);
        requestAnimationFrame(() => wheel.setAttribute('aria-valuetext', latest.current.valueText(column)));
        return;
      }
      if ((e.key === 'Enter' || e.key === ' ') && target.matches('.nut-picker-control [role=button]')) {
        e.preventDefault();
        target.click();
      }
    };
    // The sheet, once NutUI has drawn its wheels (components/when-element.ts waits a frame at a time).
    const drawn = () => {
      const found = document.querySelector<HTMLElement>('.date-field-picker .nut-picker');
      return found?.querySelector('.nut-pickerview-list') ? found : null;
    };
    const wire = (drawnSheet: HTMLElement) => {
      sheet = drawnSheet;
      const wheels = Array.from(sheet.querySelectorAll<HTMLElement>('.nut-pickerview-list'));
      wheels.forEach((w, i) => {
        w.tabIndex = 0;
        w.dataset.wheel = String(i);
        w.setAttribute('role', 'spinbutton');
        w.setAttribute('aria-label', `${WHEELS[i] ?? ''}，按上下方向键调整`);
        w.setAttribute('aria-valuetext', latest.current.valueText(i));
      });
      for (const b of Array.from(sheet.querySelectorAll<HTMLElement>('.nut-picker-control > *'))) {
        if (b.classList.contains('nut-picker-title')) continue;
        b.tabIndex = 0;
        b.setAttribute('role', 'button');
      }
      sheet.addEventListener('keydown', onKey);
      // The sheet slides up from hidden, and a hidden element takes no focus: for its first second, focus
      // that is not in the sheet is put on the first wheel again, a frame at a time.
      const first = wheels[0]!;
      let frames = 0;
      const focusFirst = () => {
        if (!sheet?.contains(document.activeElement)) first.focus();
        if (frames++ < 60) frame = requestAnimationFrame(focusFirst);
      };
      focusFirst();
    };
    const stopWaiting = whenElement(drawn, wire, { now: false, frames: 61 });
    return () => {
      stopWaiting();
      cancelAnimationFrame(frame);
      sheet?.removeEventListener('keydown', onKey);
      document.getElementById(opener)?.focus();
    };
  }, [open, opener]);
}
