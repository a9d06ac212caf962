/**
 * Where to look: a CSS selector (the first match in the document), or a function that returns the element once
 * it is ready (it may try something first, such as a focus, and return the element only once that took).
 */
export type ElementTarget<E extends Element> = string | (() => E | null | undefined);

/**
 * Calls `fn` with the element as soon as it is there: now if it is, otherwise once a frame
 * (`requestAnimationFrame`), at most `frames` frames more; after that it gives up and `fn` is never called.
 * Taro's browser components (`<taro-textarea-core>`, its buttons) are custom elements that draw their inner
 * element, or become focusable, a few frames after React's commit: components/native-aria.ts and
 * components/dialog-focus.ts wait for them this way. Returns a function that stops the wait (for an effect's
 * clean-up). Only for the browser build: the mini-program has no DOM.
 */
export function whenElement<E extends Element = Element>(
  target: ElementTarget<E>,
  fn: (element: E) => void,
  { frames = 60 }: { frames?: number } = {},
): () => void {
  const find = typeof target === 'string' ? () => document.querySelector<E>(target) : target;
  let frame = 0;
  let left = frames;
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
  attempt();
  return () => {
    stopped = true;
    cancelAnimationFrame(frame);
  };
}
