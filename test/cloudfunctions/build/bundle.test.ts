import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FUNCTION_NAMES } from '@shared/contracts';

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '../../..');
const OUT = path.join(ROOT, 'dist/cloudfunctions');

/** The deployable bundles: what CloudBase runs, loaded as CloudBase loads them. */
describe('cloud function bundles', () => {
  beforeAll(() => {
    execFileSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/build-functions.ts'],
      {
        cwd: ROOT,
        stdio: 'pipe',
      },
    );
  });

  it.each(FUNCTION_NAMES)('%s: index.js exports main, and its package.json pins the SDK', (name) => {
    const pkg = JSON.parse(readFileSync(path.join(OUT, name, 'package.json'), 'utf8')) as {
      main: string;
      dependencies: Record<string, string>;
    };
    expect(pkg.main).toBe('index.js');
    expect(pkg.dependencies).toEqual({ '@cloudbase/node-sdk': '3.18.3' });
    const source = readFileSync(path.join(OUT, name, 'index.js'), 'utf8');
    expect(source).not.toMatch(/better-sqlite3|demo-seed|dev-session/);
  });

  it.each(FUNCTION_NAMES)('%s: a call without a WeChat identity gets the error envelope', async (name) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { main } = require(path.join(OUT, name, 'index.js')) as {
      main: (event: unknown, context: unknown) => Promise<unknown>;
    };
    await expect(main({ action: 'health' }, {})).resolves.toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: '请先登录后再操作。' },
    });
    await expect(main({ action: 'health', sneaky: 1 }, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});
