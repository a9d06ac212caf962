/**
 * Keyboard access for a control drawn from a View (issue #19): in the browser build a person without a
 * touch screen reaches it with Tab (tabIndex 0) and works it with Enter or Space, which click it, so the key
 * does exactly what a tap does (the element's own onClick, and a disabled control's guard with it). WAI-ARIA
 * Authoring Practices, button pattern: "Enter: Activates the button. Space: Activates the button."
 * (https://www.w3.org/WAI/ARIA/apg/patterns/button/) and checkbox pattern: "Space: toggles the checkbox"
 * (https://www.w3.org/WAI/ARIA/apg/patterns/checkbox/); Enter is taken on a checkbox too, as on our chips
 * people press either. The role and aria state stay the control's own.
 *
 * Taro's browser components are web components whose React wrapper sets each prop as a property of the
 * element (`node.tabIndex = 0`) and adds each `on…` handler as a DOM listener (`keydown`), so both reach the
 * element (@tarojs/components lib/react attachProps). The mini-program has no keyboard and no focus: there
 * this gives nothing, and the build drops the rest (process.env.TARO_ENV is replaced at build time).
 *
 * The focus ring is one `:focus-visible` rule in client/app.css ("keyboard").
 */
export interface KeyProps {
  tabIndex?: number;
  onKeyDown?: (e: KeyboardEvent) => void;
}

const NONE: KeyProps = {};

/** Enter or Space on the focused control itself clicks it (not a key meant for a field inside it). */
export function clickOnKey(e: KeyboardEvent): void {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  const el = e.currentTarget;
  if (!(el instanceof HTMLElement) || e.target !== el) return;
  // Space would scroll the page, Enter could submit a form: the key is the tap, nothing more.
  e.preventDefault();
  if (e.repeat) return;
  el.click();
}

const ENABLED: KeyProps = { tabIndex: 0, onKeyDown: clickOnKey };
// A disabled control is not in the Tab order, as a disabled <button> is not (tabIndex is always given: the
// wrapper would otherwise set `null`, which the browser reads as 0).
const DISABLED: KeyProps = { tabIndex: -1, onKeyDown: clickOnKey };

/** Props that make a tappable View reachable with Tab and worked with Enter / Space in the browser. */
export function pressable(disabled = false): KeyProps {
  if (process.env.TARO_ENV === 'weapp') return NONE;
  return disabled ? DISABLED : ENABLED;
}
