import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { click, fill, startWorld, type E2eWorld } from './browser';

jest.setTimeout(300_000);

/**
 * The dialog and the toast (issue #19). confirm(), notice() and toast() (client/utils/ui.ts) are drawn by the
 * page's host (components/dialog-host.tsx: NutUI's dialog box and toast, inside the page's .anju-screen) in the
 * page's mode, 关怀模式 switched on in 我的 included. Opened for real on a tenant's page at 390×844, in both
 * modes, they must meet the page figures: text ≥ 16 px (关怀模式 ≥ 18 px), contrast ≥ 4.5:1 (≥ 3:1 at ≥ 18 px),
 * buttons ≥ 44×44 px (关怀模式 ≥ 60×60 px). With the keyboard (components/dialog-focus.ts): focus moves to the
 * dialog's confirm button, Tab stays inside, Esc is 取消, and focus goes back to the opener. Styled at the end of client/app.css ("Dialogs and toasts").
 */
const MODES = {
  standard: { minFont: 16, minTap: 44 },
  care: { minFont: 18, minTap: 60 },
} as const;
type Mode = keyof typeof MODES;

interface Piece {
  what: string;
  px: number;
  ratio: number;
  w: number;
  h: number;
}

/** Runs in the page: size, box and contrast (against the nearest opaque background, over white) of each. */
function pieces(selectors: string[]): Piece[] {
  const rgba = (s: string) => (s.match(/[\d.]+/g) ?? []).map(Number);
  const lum = (c: number[]) => {
    const [r = 0, g = 0, b = 0] = c.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = (el: Element | null): number[] => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      const [r = 0, g = 0, b = 0] = c;
      const alpha = c.length === 3 ? 1 : (c[3] ?? 0);
      // A see-through background (the toast's) is laid over white, the page behind it.
      if (alpha > 0.5) return [r, g, b].map((v) => v * alpha + 255 * (1 - alpha));
    }
    return [255, 255, 255];
  };
  const out: Piece[] = [];
  for (const selector of selectors)
    for (const el of Array.from(document.querySelectorAll(selector))) {
      const st = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      if (st.display === 'none' || box.width === 0 || !(el.textContent ?? '').trim()) continue;
      const l1 = lum(rgba(st.color).slice(0, 3));
      const l2 = lum(background(el));
      out.push({
        what: `${selector} ${(el.textContent ?? '').trim().slice(0, 12)}`,
        px: parseFloat(st.fontSize),
        ratio: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05),
        w: box.width,
        h: box.height,
      });
    }
  return out;
}

function problems(found: Piece[], mode: Mode, buttons: boolean): string[] {
  const { minFont, minTap } = MODES[mode];
  const out: string[] = [];
  for (const p of found) {
    if (p.px < minFont - 0.05) out.push(`${mode} ${p.what}: text ${p.px}px < ${minFont}`);
    if (p.ratio < (p.px >= 18 ? 3 : 4.5)) out.push(`${mode} ${p.what}: contrast ${p.ratio.toFixed(2)}`);
    if (buttons && p.what.includes('#dialog-') && (p.w < minTap - 0.5 || p.h < minTap - 0.5))
      out.push(`${mode} ${p.what}: button ${Math.round(p.w)}×${Math.round(p.h)} < ${minTap}`);
  }
  return out;
}

/** The reviewer's screenshots folder (the same as accessibility.test.ts's, named in the README). */
const SCREENSHOTS = path.resolve(__dirname, '../../screenshots');

/** A picture of the phone screen for the reviewer (README: screenshots/), named `tenant-<what>.png`. */
async function shot(page: Page, what: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `tenant-${what}.png`) });
}

async function setMode(page: Page, mode: Mode): Promise<void> {
  // Taro's H5 storage (what Taro.setStorageSync writes): a JSON object with the value under `data`.
  await page.evaluate((m) => {
    localStorage.setItem('anju.careMode', JSON.stringify({ data: m === 'care' ? 'on' : 'off' }));
  }, mode);
}

describe('browser: the modal and the toast meet the elderly-friendly figures in both modes', () => {
  let world: E2eWorld;
  beforeAll(async () => {
    world = await startWorld(() => new Date('2026-11-22T10:00:00Z'));
  });
  afterAll(async () => world?.close());

  it('confirm() and toast() on 我的信息与隐私 (解除绑定, a sent correction)', async () => {
    const { page } = await world.signIn('u-tenant-arrears');
    const found: string[] = [];
    for (const mode of Object.keys(MODES) as Mode[]) {
      await setMode(page, mode);
      await page.goto(`${world.server.url}/pages/my-data/index`);
      await page.waitForSelector('#unbind', { timeout: 30_000 });
      const inCare = await page.$eval('.anju-screen', (e) => e.classList.contains('anju-care'));
      expect(inCare).toBe(mode === 'care');

      await click(page, '#unbind');
      await page.waitForSelector('.anju-dialog #dialog-confirm', { state: 'visible' });
      // Drawn by the page's own host, inside the page: 关怀模式 reaches it.
      const inPage = await page.$eval('.anju-dialog', (e) => !!e.closest('.anju-screen'));
      expect(inPage).toBe(true);
      const modal = await page.evaluate(pieces, [
        '.anju-dialog .nut-dialog-header',
        '.anju-dialog .nut-dialog-content',
        '.anju-dialog #dialog-cancel',
        '.anju-dialog #dialog-confirm',
      ]);
      // Title, text, 取消 and 解除: all four measured.
      expect(modal.map((p) => p.what.split(' ')[1])).toEqual([
        '.nut-dialog-header',
        '.nut-dialog-content',
        '#dialog-cancel',
        '#dialog-confirm',
      ]);
      found.push(...problems(modal, mode, true));
      await shot(page, `dialog-${mode}`);
      await click(page, '#dialog-cancel');
      await page.waitForSelector('.anju-dialog', { state: 'detached' });
      // 取消 changed nothing: the household is still bound.
      await page.waitForSelector('#unbind');

      // An empty correction is now said under its field; a sent one is confirmed by a toast.
      await fill(page, '#correction-text textarea', `门牌号写错了（${mode}）`);
      await click(page, '#correction-submit');
      await page.waitForSelector('.anju-toast:has-text("更正申请已提交")', { state: 'visible' });
      const toast = await page.evaluate(pieces, ['.anju-toast .nut-toast-text']);
      expect(toast.length).toBeGreaterThan(0);
      await shot(page, `toast-${mode}`);
      found.push(...problems(toast, mode, false));
    }
    expect(found).toEqual([]);
  });

  it('keyboard: focus moves into the open dialog, Tab stays inside, Esc is 取消, focus goes back', async () => {
    const { page } = await world.signIn('u-tenant-arrears');
    await setMode(page, 'standard');
    await page.goto(`${world.server.url}/pages/my-data/index`);
    await page.waitForSelector('#unbind', { timeout: 30_000 });
    const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
    const inDialog = () =>
      page.evaluate(() => !!document.activeElement?.closest('.anju-dialog-layer [role="dialog"]'));
    const open = async () => {
      // The opener as a keyboard user reaches it: it has the focus, then it is activated.
      await page.evaluate(() => {
        const opener = document.querySelector<HTMLElement>('#unbind')!;
        opener.tabIndex = 0;
        opener.focus();
        opener.click();
      });
      await page.waitForSelector('.anju-dialog #dialog-confirm', { state: 'visible' });
      await page.waitForFunction(() => document.activeElement?.id === 'dialog-confirm');
    };

    await open();
    // Tab and Shift+Tab go round 取消 and 解除 and never leave the dialog.
    const order: string[] = [];
    for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      expect(await inDialog()).toBe(true);
      order.push(await focused());
    }
    expect(order).toEqual([
      'dialog-cancel',
      'dialog-confirm',
      'dialog-cancel',
      'dialog-confirm',
      'dialog-cancel',
    ]);
    // Esc answers 取消: the dialog goes, nothing changed, and the focus is back on what opened it.
    await page.keyboard.press('Escape');
    await page.waitForSelector('.anju-dialog', { state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.id === 'unbind');
    await page.waitForSelector('#unbind');

    // Enter on the focused 取消 taps it, as a click would.
    await open();
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('dialog-cancel');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.anju-dialog', { state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.id === 'unbind');
    // Still bound: 取消 changed nothing.
    expect(await page.$('#unbind')).not.toBeNull();
  });
});
