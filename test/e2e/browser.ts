import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startLocalServer, type LocalServer } from '../../cloudfunctions/_local/server';

const ROOT = path.resolve(__dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface E2eWorld {
  server: LocalServer;
  browser: Browser;
  /**
   * A phone-sized browser context signed in as a demo persona, on the home page. With `clock`, the page's
   * clock is fixed to it (so times made on the phone agree with an injected server clock).
   */
  signIn(personaId: string, clock?: Date): Promise<{ page: Page; context: BrowserContext }>;
  close(): Promise<void>;
}

/** Confirms the visible Taro modal (earlier ones stay in the page, hidden) and lets its closing animation end. */
export async function confirmModal(page: Page): Promise<void> {
  await page.locator('.taro-model__confirm:visible').click();
  // A modal opened during the closing animation would be hidden by it.
  await page.waitForTimeout(400);
}

/** Clicks a button that opens a file chooser and gives it the file. */
export async function attachFile(page: Page, button: string, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.click(button);
  await (await chooser).setFiles(file);
}

/** A fresh local host on a temp data folder and a headless Debian Chromium (see the env notes). */
export async function startWorld(now?: () => Date): Promise<E2eWorld> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`浏览器测试需要 Chromium：${CHROMIUM} 不存在（apt-get install -y chromium）`);
  }
  const staticDir = path.join(ROOT, 'dist/h5');
  if (!existsSync(path.join(staticDir, 'index.html')))
    throw new Error('dist/h5 不存在：请先运行 npm run build:h5');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'anju-e2e-'));
  const server = await startLocalServer({ port: 0, dataDir, staticDir, now });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const contexts: BrowserContext[] = [];
  return {
    server,
    browser,
    async signIn(personaId, clock) {
      const context = await browser.newContext({ viewport: { width: 414, height: 896 } });
      contexts.push(context);
      if (clock) await context.clock.setFixedTime(clock);
      const page = await context.newPage();
      await page.goto(server.url + '/');
      await page.click(`#persona-${personaId}`);
      await page.waitForSelector('#home');
      return { page, context };
    },
    async close() {
      for (const c of contexts) await c.close();
      await browser.close();
      await server.close();
    },
  };
}
