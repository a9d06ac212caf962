import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Route } from 'playwright-core';
import { click, startWorld, type E2eWorld } from './browser';

jest.setTimeout(240_000);

/**
 * The loading overlay (utils/ui.ts loading(), issue #19) in a real browser, on 欠租 → 导出月报 Excel: while the
 * file is fetched it is the page's own (NutUI's toast box with its loading mark and 正在生成文件…, in the page's
 * mode: text ≥ 16 px, 关怀模式 ≥ 18 px), it covers the page so a tap reaches nothing behind it, and it goes
 * when the file is saved. The file's download is held by the test until the overlay has been looked at.
 */
const MODES = { standard: 16, care: 18 } as const;
const SCREENSHOTS = path.resolve(__dirname, '../../screenshots');

describe('browser: the export’s loading overlay is the page’s own, in both modes', () => {
  let world: E2eWorld;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => world?.close());

  it('正在生成文件… shows over the page while the file comes, then goes', async () => {
    const { page } = await world.signIn('u-manager');
    for (const [mode, minFont] of Object.entries(MODES)) {
      await page.evaluate((m) => {
        localStorage.setItem('anju.careMode', JSON.stringify({ data: m === 'care' ? 'on' : 'off' }));
      }, mode);
      await page.goto(`${world.server.url}/pages/arrears/index`);
      await page.waitForSelector('#export-month', { timeout: 30_000 });

      let release: () => void = () => undefined;
      const held = new Promise<void>((r) => (release = r));
      const hold = async (route: Route) => {
        await held;
        await route.continue();
      };
      await page.route('**/storage/**', hold);
      const download = page.waitForEvent('download');
      await click(page, '#export-month');
      const overlay = await page.waitForSelector('#loading-overlay', { state: 'visible' });
      expect(await overlay.textContent()).toBe('正在生成文件…');
      const seen = await page.evaluate(() => {
        const box = document.querySelector('#loading-overlay')!;
        const text = box.querySelector('.nut-toast-text')!;
        const button = document.querySelector('#export-month')!.getBoundingClientRect();
        // What a tap on the export button would reach now.
        const hit = document.elementFromPoint(button.x + button.width / 2, button.y + button.height / 2);
        return {
          px: parseFloat(getComputedStyle(text).fontSize),
          inPage: !!box.closest('.anju-screen'),
          care: !!box.closest('.anju-care'),
          masked: !!hit?.closest('.anju-loading-layer'),
          mark: !!box.querySelector('.nut-icon-loading'),
        };
      });
      expect(seen).toEqual({ px: seen.px, inPage: true, care: mode === 'care', masked: true, mark: true });
      expect(seen.px).toBeGreaterThanOrEqual(minFont);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, `manager-loading-${mode}.png`) });

      release();
      await download;
      await page.waitForSelector('#loading-overlay', { state: 'detached' });
      await page.waitForSelector('#export-month:has-text("导出月报 Excel")');
      await page.unroute('**/storage/**', hold);
    }
  });
});
