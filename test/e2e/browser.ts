import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startLocalServer, type LocalServer } from '../../cloudfunctions/_local/server';

const ROOT = path.resolve(__dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface E2eWorld {
  server: LocalServer;
  browser: Browser;
  close(): Promise<void>;
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
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
