import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startLocalServer, type LocalServer } from '../../cloudfunctions/_local/server';

const ROOT = path.resolve(__dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The phone the browser tests use: a 390×844 CSS-pixel screen at 2× (the size of the common iPhones), a mobile
 * viewport and touch. Pages are laid out as on a tenant's or volunteer's phone, so anything below the fold
 * is really below it.
 */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
} as const;

export interface E2eWorld {
  server: LocalServer;
  browser: Browser;
  /**
   * A phone-sized browser context signed in as a demo persona, on the home page. With `clock`, the page's
   * clock is fixed to it (so times made on the phone agree with an injected server clock).
   */
  signIn(personaId: string, clock?: Date): Promise<{ page: Page; context: BrowserContext }>;
  /** A new page on a phone (see PHONE), not signed in. */
  phonePage(): Promise<Page>;
  close(): Promise<void>;
}

/*
 * The tests act on a page the way a person does on a phone: what they tap, type into or draw on is scrolled
 * into view first. Playwright's own click and fill scroll too, but mouse coordinates are the viewport's, so a
 * drawing needs the element's box measured after the scroll; these helpers do all three the same way.
 * A selector names the first matching element, as page.click does.
 */
const locate = (page: Page, target: string | Locator): Locator =>
  typeof target === 'string' ? page.locator(target).first() : target;

async function inView(page: Page, target: string | Locator): Promise<Locator> {
  const element = locate(page, target);
  await element.scrollIntoViewIfNeeded();
  // Into the middle of the screen, as a person scrolls to what they tap: the edges are under the fixed
  // title bar and the sticky bottom bars, which would take the tap instead.
  await element.evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'nearest' }));
  return element;
}

/** Scrolls the element into view and clicks it. */
export async function click(page: Page, target: string | Locator): Promise<void> {
  await (await inView(page, target)).click();
}

/** Scrolls the field into view and types the value into it (replacing what was there). */
export async function fill(page: Page, target: string | Locator, value: string): Promise<void> {
  await (await inView(page, target)).fill(value);
}

/**
 * Scrolls the element into view, then draws one stroke through the points (CSS pixels from the element's
 * top-left corner) with the pointer held down. The element's box is measured after the scroll; every point
 * must fall inside it and inside the viewport, or the stroke would land somewhere else.
 */
export async function draw(
  page: Page,
  target: string | Locator,
  points: readonly (readonly [number, number])[],
): Promise<void> {
  const element = await inView(page, target);
  const box = await element.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) throw new Error('draw: the element is not rendered');
  const at = points.map(([x, y]) => [box.x + x, box.y + y] as const);
  for (const [x, y] of at) {
    const inside = x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height;
    const visible = x >= 0 && x <= viewport.width && y >= 0 && y <= viewport.height;
    if (!inside || !visible)
      throw new Error(`draw: point (${x}, ${y}) is outside the element or the viewport`);
  }
  const [start, ...rest] = at;
  if (!start) return;
  await page.mouse.move(...start);
  await page.mouse.down();
  for (const point of rest) await page.mouse.move(...point);
  await page.mouse.up();
}

/**
 * Confirms the open dialog: the NutUI dialog a page's <Screen> draws (#dialog-confirm, components/nut-dialog.tsx;
 * only the shown page's host draws one), or Taro's own modal on a page without a Screen (earlier ones stay in
 * the page, hidden; its closing animation is let end, since a modal opened during it would be hidden by it).
 */
export async function confirmModal(page: Page): Promise<void> {
  const button = '#dialog-confirm:visible, .taro-model__confirm:visible';
  await page.waitForSelector(button, { state: 'visible' });
  const taros = await page.$$eval('.taro-model__confirm', (els) => els.length);
  await click(page, button);
  if (taros > 0) await page.waitForTimeout(400);
}

/** Clicks a button that opens a file chooser and gives it the file. */
export async function attachFile(page: Page, button: string, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await click(page, button);
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
      const context = await browser.newContext(PHONE);
      contexts.push(context);
      if (clock) await context.clock.setFixedTime(clock);
      const page = await context.newPage();
      await page.goto(server.url + '/');
      await click(page, `#persona-${personaId}`);
      await page.waitForSelector('#home');
      return { page, context };
    },
    async phonePage() {
      const context = await browser.newContext(PHONE);
      contexts.push(context);
      return context.newPage();
    },
    async close() {
      for (const c of contexts) await c.close();
      await browser.close();
      await server.close();
    },
  };
}
