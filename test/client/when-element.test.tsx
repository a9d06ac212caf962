import { whenElement } from '../../client/components/when-element';

/**
 * components/when-element.ts: the one "wait for the browser element a frame at a time" loop (native-aria.ts,
 * dialog-focus.ts). Frames are stepped by hand: requestAnimationFrame queues the callback, `nextFrame()` runs
 * what is queued, so every case says exactly how many frames passed.
 */
let queued: Map<number, FrameRequestCallback>;
let lastHandle: number;
const realRaf = window.requestAnimationFrame;
const realCancel = window.cancelAnimationFrame;

function nextFrame(): void {
  const now = [...queued.values()];
  queued.clear();
  for (const callback of now) callback(0);
}

beforeEach(() => {
  queued = new Map();
  lastHandle = 0;
  window.requestAnimationFrame = (callback: FrameRequestCallback) => {
    lastHandle += 1;
    queued.set(lastHandle, callback);
    return lastHandle;
  };
  window.cancelAnimationFrame = (handle: number) => {
    queued.delete(handle);
  };
  document.body.innerHTML = '';
});

afterAll(() => {
  window.requestAnimationFrame = realRaf;
  window.cancelAnimationFrame = realCancel;
});

function addLater(id: string): HTMLElement {
  const element = document.createElement('textarea');
  element.id = id;
  document.body.appendChild(element);
  return element;
}

describe('whenElement', () => {
  it('calls back at once with an element already there, without waiting a frame', () => {
    const element = addLater('note');
    const seen: Element[] = [];
    whenElement('#note', (found) => seen.push(found));
    expect(seen).toEqual([element]);
    expect(queued.size).toBe(0);
  });

  it('finds an element drawn a few frames later, on the frame it appears, once', () => {
    const seen: Element[] = [];
    whenElement('#later', (found) => seen.push(found), { frames: 10 });
    nextFrame();
    nextFrame();
    expect(seen).toEqual([]);
    const element = addLater('later');
    nextFrame();
    expect(seen).toEqual([element]);
    nextFrame();
    expect(seen).toHaveLength(1);
    expect(queued.size).toBe(0);
  });

  it('gives up after the number of frames it is given', () => {
    const seen: Element[] = [];
    let looks = 0;
    whenElement(
      () => {
        looks += 1;
        return document.getElementById('never');
      },
      (found) => seen.push(found),
      { frames: 3 },
    );
    for (let i = 0; i < 10; i += 1) nextFrame();
    // Once now and once on each of the 3 frames, then no frame is asked for.
    expect(looks).toBe(4);
    expect(queued.size).toBe(0);
    addLater('never');
    nextFrame();
    expect(seen).toEqual([]);
  });

  it('takes a function that tries something and returns the element once it took (a focus)', () => {
    const button = document.createElement('button');
    let ready = false;
    const tries: boolean[] = [];
    whenElement(
      () => {
        tries.push(ready);
        return ready ? button : null;
      },
      (found) => found.setAttribute('data-done', 'yes'),
    );
    nextFrame();
    ready = true;
    nextFrame();
    nextFrame();
    expect(tries).toEqual([false, false, true]);
    expect(button.getAttribute('data-done')).toBe('yes');
  });

  it('with now: false, looks first on the next frame and still waits no more than its frames in all', () => {
    const element = addLater('ready');
    let looks = 0;
    const seen: Element[] = [];
    whenElement(
      () => {
        looks += 1;
        return looks >= 2 ? element : null;
      },
      (found) => seen.push(found),
      { now: false, frames: 5 },
    );
    expect(looks).toBe(0);
    nextFrame();
    expect(looks).toBe(1);
    nextFrame();
    expect(seen).toEqual([element]);

    let never = 0;
    whenElement(
      () => {
        never += 1;
        return null;
      },
      () => undefined,
      { now: false, frames: 3 },
    );
    for (let i = 0; i < 10; i += 1) nextFrame();
    expect(never).toBe(3);
  });

  it('stops waiting when the returned function is called (an effect cleaned up)', () => {
    const seen: Element[] = [];
    const stop = whenElement('#gone', (found) => seen.push(found));
    nextFrame();
    stop();
    addLater('gone');
    nextFrame();
    nextFrame();
    expect(seen).toEqual([]);
    expect(queued.size).toBe(0);
  });
});
