import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startLocalServer } from '../cloudfunctions/_local/server';

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'anju-shots-'));
  const now = new Date('2026-11-23T02:00:00Z');
  const server = await startLocalServer({ port: 0, dataDir, staticDir: path.resolve('dist/h5'), now: () => now });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const shot = async (persona: string, steps: (p: import('playwright-core').Page) => Promise<void>, name: string) => {
    const ctx = await browser.newContext({ viewport: { width: 414, height: 896 } });
    await ctx.clock.setFixedTime(now);
    const p = await ctx.newPage();
    await p.goto(server.url + '/');
    await p.click(`#persona-${persona}`);
    await p.waitForSelector('#home');
    await steps(p);
    await p.waitForTimeout(800);
    await p.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
    await ctx.close();
  };
  await shot('u-volunteer', async () => {}, 'home-volunteer');
  await shot('u-volunteer', async (p) => { await p.click('#go-patrol'); await p.waitForSelector('.visit-card'); }, 'today');
  await shot('u-volunteer', async (p) => { await p.click('#go-patrol'); await p.waitForSelector('.visit-card'); await p.locator('.visit-card').first().click(); await p.waitForSelector('#patrol-visit'); await p.click('#check-gas-problem'); }, 'visit');
  await shot('u-manager', async (p) => { await p.click('#go-patrol-admin'); await p.waitForSelector('#patrol-admin'); }, 'admin');
  await shot('u-manager', async (p) => { await p.click('#go-patrol-admin'); await p.click('#go-hazards'); await p.waitForSelector('#hazards'); }, 'hazards');
  await shot('u-manager', async (p) => { await p.click('#go-patrol-admin'); await p.click('#go-coverage'); await p.waitForSelector('#patrol-coverage'); }, 'coverage');
  await shot('u-manager', async (p) => { await p.click('#go-patrol-admin'); await p.click('#go-care-registry'); await p.waitForSelector('#care-registry'); }, 'care');
  await browser.close();
  await server.close();
}
void main();
