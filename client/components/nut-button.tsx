import { forwardRef, type ComponentProps } from 'react';
import NutButton from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import { pressable } from './keyboard';

type Props = ComponentProps<typeof NutButton>;

/**
 * NutUI's Button, reachable with Tab and worked with Enter / Space in the browser (issue #19). In Taro's H5
 * build it renders `<taro-button-core>`, a web component with no `<button>` inside, no role and no tabindex
 * (@tarojs/components 4.2.1, components/button), so Tab passed every library button by. Here it gets
 * tabIndex 0 (-1 while disabled or loading, as a disabled <button> has none), role button with its disabled
 * state, and Enter / Space click it (components/keyboard.ts). A page's own `tabIndex`, `role` or
 * `onKeyDown` still wins. The mini-program gets NutUI's Button unchanged (no keyboard there).
 * Exported as `Button` from components/nut.ts, so every page's library button has it.
 */
const KeyboardButton = forwardRef<HTMLButtonElement, Props>(function KeyboardButton(props, ref) {
  const off = !!props.disabled || !!props.loading;
  // Not in NutUI's prop types, passed on to Taro's Button all the same (button.js spreads the rest).
  const keyboard: Record<string, unknown> = {
    role: 'button',
    'aria-disabled': off ? 'true' : undefined,
    ...pressable(off),
  };
  return <NutButton ref={ref} {...keyboard} {...props} />;
});

export const Button = process.env.TARO_ENV === 'weapp' ? NutButton : KeyboardButton;
