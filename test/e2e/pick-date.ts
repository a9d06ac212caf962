import type { CDPSession, Locator, Page } from 'playwright-core';
import { click } from './browser';

/**
 * Picks a date, time or month on a components/date-field.tsx field the way a person does on a phone: taps
 * the field, drags each wheel of NutUI's picker up or down with a finger until the wanted number sits in
 * the middle, checks the field, and taps 确定. `value` is written as the field holds it: 2026-12-01,
 * 2026-12-01 18:00 or 2026-12. Throws when a number is not on its wheel (outside the field's bounds).
 */
export async function pickDate(page: Page, field: string, value: string): Promise<void> {
  const wanted = value.split(/[- :]/).map(Number);
  await click(page, field);
  const picker = page.locator('.nut-picker:visible').last();
  await picker.waitFor();
  // The sheet slides up; a finger goes on the wheels once it has stopped.
  await page.waitForTimeout(600);
  const cdp = await page.context().newCDPSession(page);
  try {
    for (const [column, number] of wanted.entries()) {
      await turnWheel(page, cdp, picker.locator('.nut-pickerview-list').nth(column), number);
    }
  } finally {
    await cdp.detach();
  }
  // The sheet that was opened must close: hold on to that element, since `.nut-picker:visible` re-resolved
  // after the tap can name another picker of the page while this one slides away.
  const sheet = await picker.elementHandle();
  await picker.locator('.nut-picker-confirm-btn').click();
  await sheet?.waitForElementState('hidden');
}

const ITEM = '.nut-pickerview-roller-item-tiled';

async function wheelState(wheel: Locator): Promise<{ labels: string[]; active: number }> {
  return wheel.evaluate((el, item) => {
    const items = Array.from(el.querySelectorAll(item));
    return {
      labels: items.map((i) => i.textContent ?? ''),
      active: items.findIndex((i) => i.classList.contains('nut-pickerview-roller-item-active')),
    };
  }, ITEM);
}

/** Waits until the wheel's middle row has moved off `from` and the wheel has stopped (at most 1.5 s). */
async function waitForSettled(page: Page, wheel: Locator, from: number): Promise<void> {
  let last = from;
  for (let tick = 0; tick < 10; tick++) {
    await page.waitForTimeout(150);
    const { active } = await wheelState(wheel);
    if (active !== from && active === last) return;
    last = active;
  }
}

/** Drags one wheel, at most five rows a stroke and slowly (no flick), until `number` is in the middle. */
async function turnWheel(page: Page, cdp: CDPSession, wheel: Locator, number: number): Promise<void> {
  for (let stroke = 0; stroke < 40; stroke++) {
    const { labels, active } = await wheelState(wheel);
    const target = labels.findIndex((l) => parseInt(l, 10) === number);
    if (target < 0) throw new Error(`pickDate: ${number} is not on the wheel (${labels.join(' ')})`);
    if (target === active) return;
    // The wheel's list is as tall as all its rows; the finger goes on the middle of the visible window.
    const box = await wheel.boundingBox();
    const window = await wheel
      .locator('xpath=ancestor::*[contains(@class, "nut-pickerview")][1]')
      .boundingBox();
    const row = await wheel.locator(ITEM).first().boundingBox();
    if (!box || !row || !window) throw new Error('pickDate: the wheel is not rendered');
    const rows = Math.max(-5, Math.min(5, target - active));
    // A finger moving up brings later rows to the middle.
    const x = box.x + box.width / 2;
    const y0 = window.y + window.height / 2;
    // The stroke ends exactly on a row, on purpose: NutUI 3.0.20 ran no transition then, never cleared its
    // `moving` flag, and swallowed the first tap on 确定 (patches/@nutui+nutui-react-taro+3.0.20.patch).
    const y1 = y0 - rows * row.height;
    // NutUI's wheel listens with `once` listeners that it adds again after each re-render
    // (pickerview/pickerroller.js), so a finger sliding in many small steps is seen only at its first
    // step. A person's short, deliberate stroke works: the finger lands, waits for the wheel to take it,
    // slides up to five rows in one move, rests (longer than NutUI's 300 ms flick window, so no momentum) and
    // lifts; then the wheel settles before the next stroke.
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: y0 }] });
    await page.waitForTimeout(150);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y1 }] });
    await page.waitForTimeout(350);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await waitForSettled(page, wheel, active);
  }
  const { labels, active } = await wheelState(wheel);
  throw new Error(
    `pickDate: the wheel did not reach ${number} (at ${labels[active] ?? 'none'} of ${labels.join(' ')})`,
  );
}
