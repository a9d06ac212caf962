/**
 * Where to look: a CSS selector (the first match in the document), or a function that returns the element once
 * it is ready (it may try something first, such as a focus, and return the element only once that took).
 */
export type ElementTarget<E extends Element> = string | (() => E | null | undefined);

/**
 * Calls `fn` with the element as soon as it is there: now if it is, otherwise once a frame
 * (`requestAnimationFrame`), at most `frames` frames more; after that it gives up and `fn` is never called.
 * With `now: false` the first look is on the next frame (a focus tried during React's commit can be lost when
 * Taro's custom element finishes drawing; dialog-focus.ts waits the frame, as it always did).
 * Taro's browser components (`<taro-textarea-core>`, its buttons) are custom elements that draw their inner
 * element, or become focusable, a few frames after React's commit: components/native-aria.ts and
 * components/dialog-focus.ts and components/picker-keys.ts wait for them this way. Returns a function that stops the wait (for an effect's
 * clean-up). Only for the browser build: the mini-program has no DOM.
 */
export function whenElement<E extends Element = Element>(
  target: ElementTarget<E>,
  fn: (element: E) => void,
  { frames = 60, now = true }: { frames?: number; now?: boolean } = {},
): () => void {
  const find = typeof target === 'string' ? () => document.querySelector<E>(target) : target;
  let frame = 0;
  // Frames still to wait after a look that found nothing (the first frame is one of them without `now`).
  let left = now ? frames : frames - 1;
  let stopped = false;
  const attempt = () => {
    if (stopped) return;
    const element = find();
    if (element) {
      fn(element);
      return;
    }
    if (left-- > 0) frame = requestAnimationFrame(attempt);
  };
  if (now) attempt();
  else frame = requestAnimationFrame(attempt);
  return () => {
    stopped = true;
    cancelAnimationFrame(frame);
  };
}
