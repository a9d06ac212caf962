import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startLocalServer, type LocalServer } from '../../cloudfunctions/_local/server';

const ROOT = path.resolve(__dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the H5 app when dist/h5 is missing or older than client/ or shared/. */
export function ensureH5Build(): string {
  const dist = path.join(ROOT, 'dist/h5');
  const index = path.join(dist, 'index.html');
  const sources = Math.max(newestMtime(path.join(ROOT, 'client')), newestMtime(path.join(ROOT, 'shared')));
  if (!existsSync(index) || statSync(index).mtimeMs < sources) {
    execFileSync('npm', ['run', 'build:h5'], { cwd: ROOT, stdio: 'inherit' });
  }
  return dist;
}

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
  const staticDir = ensureH5Build();
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
