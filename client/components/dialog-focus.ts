import { useEffect, useRef } from 'react';
import { whenElement } from './when-element';

/** What Tab moves between inside the open dialog. */
const FOCUSABLE = 'button, [href], input, textarea, select, [tabindex]:not([tabindex="-1"])';
/** The dialog's confirm button (components/nut-dialog.tsx), where focus starts. */
const CONFIRM = '#dialog-confirm';

/**
 * Keyboard focus for the open dialog in the browser (issue #19; WAI-ARIA's modal dialog pattern,
 * https://www.w3.org/WAI/ARIA/apg/patterns/dialog-modal/): when it opens, focus moves to its confirm button;
 * Tab and Shift+Tab go round its buttons and never leave it while it is open; Esc is `onEscape` (取消 for a confirmation); when it closes, focus goes back to what had it.
 * `open` is the open dialog's request: a new one (the next in the queue) starts over. The mini-program has
 * no keyboard focus: there the hook is nothing (and the build drops it). The buttons themselves are
 * reached and worked with Enter or Space as every library button is (components/nut-button.tsx); handling
 * those keys here too clicked a button twice.
 */
export function useDialogFocus(open: object, onEscape: () => void): void {
  const escape = useRef(onEscape);
  escape.current = onEscape;
  useEffect(() => {
    if (process.env.TARO_ENV === 'weapp' || typeof document === 'undefined') return undefined;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const layer = document.querySelector<HTMLElement>('.anju-dialog-layer [role="dialog"]');
    if (!layer) return undefined;
    if (!layer.hasAttribute('tabindex')) layer.tabIndex = -1;
    const inside = () =>
      Array.from(layer.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
        (el) => !el.hasAttribute('disabled') && el.getClientRects().length > 0,
      );
    const confirmButton = layer.querySelector<HTMLElement>(CONFIRM);
    const first = confirmButton ?? inside()[0] ?? layer;
    // Taro's browser components are custom elements kept hidden until they are ready, and a hidden element
    // takes no focus: tried from the next frame on, a frame at a time, until it has it (a second at most;
    // components/when-element.ts).
    const stopFocusing = whenElement(
      () => {
        first.focus();
        return document.activeElement === first ? first : null;
      },
      () => undefined,
      { now: false },
    );

    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        escape.current();
        return;
      }
      if (e.key !== 'Tab') return;
      const active = document.activeElement as HTMLElement | null;
      const list = inside();
      e.preventDefault();
      if (!list.length) return;
      const at = active ? list.indexOf(active) : -1;
      const next = e.shiftKey
        ? at <= 0
          ? list.length - 1
          : at - 1
        : at < 0 || at === list.length - 1
          ? 0
          : at + 1;
      list[next]!.focus();
    };
    // Focus that gets out anyway (a click on the page behind the mask) is brought back in.
    const onFocusIn = (e: FocusEvent) => {
      if (e.target instanceof Node && !layer.contains(e.target)) (confirmButton ?? layer).focus();
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      stopFocusing();
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('focusin', onFocusIn);
      if (before && before !== document.body && before.isConnected) before.focus();
    };
  }, [open]);
}
