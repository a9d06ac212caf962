import { useEffect } from 'react';
import { whenElement } from './when-element';

/**
 * Puts a field's aria attributes on the native `<textarea>` of the browser build. NutUI's TextArea replaces
 * the `nativeProps` it is given with its own (style, rows, composition handlers: textarea.js of
 * @nutui/nutui-react-taro 3.0.20), and Taro's `<taro-textarea-core>` forwards only `nativeProps` to its
 * `<textarea>`, so the label, `aria-invalid` and `aria-describedby` of components/text-field.tsx would not
 * reach it (axe: "label", critical, for a field without a placeholder). The web component renders its
 * `<textarea>` after React's commit, so this waits a few frames for it (components/when-element.ts); it keeps the attributes it sets (they
 * are not in the component's own render). Mini-program builds have no DOM: nothing to do there.
 */
export function useNativeTextareaAria(id: string, attributes: Record<string, string> | null): void {
  const key = attributes ? JSON.stringify(attributes) : '';
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || !key || typeof document === 'undefined') return;
    const wanted = JSON.parse(key) as Record<string, string>;
    return whenElement(
      () => document.getElementById(id)?.querySelector('textarea'),
      (area) => {
        for (const [name, value] of Object.entries(wanted)) area.setAttribute(name, value);
        if (!('aria-describedby' in wanted)) area.removeAttribute('aria-describedby');
      },
      { frames: 120 },
    );
  }, [id, key]);
}
