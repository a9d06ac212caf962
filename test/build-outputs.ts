import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The build outputs the mini-program and browser suites test. Built from jest's global setup (one at a
 * time, never inside a test) when missing or older than client/ or shared/.
 */
const ROOT = path.resolve(__dirname, '..');

/** The environment id the test builds carry (never a real environment). */
export const LOCAL_TEST_ENV_ID = 'anju-local-test';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function ensureBuild(type: 'weapp' | 'h5'): string {
  const dist = path.join(ROOT, 'dist', type);
  const marker = path.join(dist, type === 'weapp' ? 'app.js' : 'index.html');
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'client')),
    newestMtime(path.join(ROOT, 'shared')),
    newestMtime(path.join(ROOT, 'config')),
  );
  if (!existsSync(marker) || statSync(marker).mtimeMs < sources) {
    // jest sets NODE_ENV=test; the shipped builds are production builds.
    execFileSync('npm', ['run', `build:${type}`], {
      cwd: ROOT,
      stdio: 'inherit',
      // A production weapp build needs an environment id (config/index.ts); the harness never reaches the
      // cloud, so a visibly local one is used unless the caller names a real one.
      env: {
        ...process.env,
        NODE_ENV: 'production',
        ANJU_ENV_ID: process.env.ANJU_ENV_ID || LOCAL_TEST_ENV_ID,
      },
    });
  }
  return dist;
}
