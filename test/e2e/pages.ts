import type { Page } from 'playwright-core';
import { click, type E2eWorld } from './browser';

/*
 * Visiting a persona's pages in the browser, as test/e2e/accessibility.test.ts and test/e2e/keyboard.test.ts
 * both do.
 */

/**
 * A page reached by its address, or one that needs an id (an application, a route, a visit, a round): opened
 * from `start` by tapping the first match of each of `taps` in turn, as a person would, until the page's
 * screen (`#screen`, or `#name` when the screen is named as the page) shows.
 */
export type PageSpec = string | { name: string; start: string; taps: string[]; screen?: string };
export const nameOf = (p: PageSpec) => (typeof p === 'string' ? p : p.name);

export type Mode = 'standard' | 'care';

export async function setMode(page: Page, mode: Mode): Promise<void> {
  // Taro's H5 storage (what Taro.setStorageSync writes): a JSON object with the value under `data`.
  await page.evaluate((m) => {
    localStorage.setItem('anju.careMode', JSON.stringify({ data: m === 'care' ? 'on' : 'off' }));
  }, mode);
}

export async function settle(page: Page, name: string): Promise<void> {
  // Pages opened before stay in the document, hidden: wait for the one that shows.
  await page.waitForSelector('.anju-screen >> visible=true', { timeout: 30_000 });
  await page.waitForFunction(() => !document.querySelector('#loading'), null, { timeout: 30_000 });
  await page.waitForTimeout(300);
  if (name === 'index') await page.waitForSelector('#home');
}

/** Opens the page as the signed-in persona: by its address, or from `start` through its taps. */
export async function openPage(page: Page, world: E2eWorld, spec: PageSpec): Promise<void> {
  const name = nameOf(spec);
  if (typeof spec === 'string') {
    const [folder = name, query] = name.split('?');
    await page.goto(`${world.server.url}/pages/${folder}/index${query ? `?${query}` : ''}`);
    await settle(page, name);
    return;
  }
  await page.goto(`${world.server.url}/pages/${spec.start}/index`);
  await settle(page, spec.start);
  for (const tap of spec.taps) {
    // Pages opened before stay in the document, hidden: tap only what shows.
    await click(page, page.locator(`${tap} >> visible=true`).first());
    await page.waitForTimeout(300);
  }
  await page.waitForSelector(`#${spec.screen ?? name}`, { timeout: 30_000 });
  await settle(page, name);
}
