import type { Page } from 'playwright-core';
import { click, fill, startWorld, type E2eWorld } from './browser';

jest.setTimeout(300_000);

/**
 * The browser's modal and toast (issue #19). Taro's H5 build draws Taro.showModal / Taro.showToast
 * (client/utils/ui.ts confirm() and toast()) itself, outside the page, so the page measurements of
 * accessibility.test.ts never see them. Opened for real on a tenant's page at 390×844, in both modes, they
 * must meet the same figures: text ≥ 16 px (关怀模式 ≥ 18 px), contrast ≥ 4.5:1 (≥ 3:1 at ≥ 18 px), buttons
 * ≥ 44×44 px (关怀模式 ≥ 60×60 px). Styled in client/theme/tokens.css.
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
    if (buttons && p.what.includes('btn') && (p.w < minTap - 0.5 || p.h < minTap - 0.5))
      out.push(`${mode} ${p.what}: button ${Math.round(p.w)}×${Math.round(p.h)} < ${minTap}`);
  }
  return out;
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
      await page.waitForSelector('.taro__modal .taro-modal__content', { state: 'visible' });
      const modal = await page.evaluate(pieces, [
        '.taro-modal__title',
        '.taro-modal__text',
        '.taro-model__btn',
      ]);
      // Title, text, 取消 and 解除: all four measured.
      expect(modal.map((p) => p.what.split(' ')[0])).toEqual([
        '.taro-modal__title',
        '.taro-modal__text',
        '.taro-model__btn',
        '.taro-model__btn',
      ]);
      found.push(...problems(modal, mode, true));
      await page.click('.taro-model__cancel');
      await page.waitForSelector('.taro__modal .taro-modal__content', { state: 'hidden' });
      // 取消 changed nothing: the household is still bound.
      await page.waitForSelector('#unbind');

      // An empty correction is now said under its field; a sent one is confirmed by a toast.
      await fill(page, '#correction-text textarea', `门牌号写错了（${mode}）`);
      await click(page, '#correction-submit');
      await page.waitForSelector('.taro__toast p:has-text("更正申请已提交")', { state: 'visible' });
      const toast = await page.evaluate(pieces, ['.taro__toast p']);
      expect(toast.length).toBeGreaterThan(0);
      found.push(...problems(toast, mode, false));
    }
    expect(found).toEqual([]);
  });
});
