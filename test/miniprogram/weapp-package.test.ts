import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { WEAPP_DIR } from './harness';

/** WeChat refuses to upload a mini-program whose main package exceeds 2 MB. */
const MAIN_PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

describe('the compiled weapp package (dist/weapp)', () => {
  const files = filesUnder(WEAPP_DIR);
  const appJson = JSON.parse(readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8')) as {
    pages: string[];
    subPackages?: unknown[];
  };

  it('keeps the main package under 2 MB', () => {
    // No subpackages yet, so every file in the output belongs to the main package.
    expect(appJson.subPackages ?? []).toEqual([]);
    const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(MAIN_PACKAGE_LIMIT_BYTES);
  });

  it('has every page it lists, and no development sign-in', () => {
    expect(appJson.pages[0]).toBe('pages/index/index');
    expect(appJson.pages).not.toContain('pages/dev-sign-in/index');
    for (const page of appJson.pages) {
      for (const ext of ['js', 'json', 'wxml']) {
        expect(files).toContain(path.join(WEAPP_DIR, `${page}.${ext}`));
      }
    }
  });

  it('carries no browser transport or development endpoints (identity comes from WeChat)', () => {
    const scripts = files.filter((f) => f.endsWith('.js'));
    const offending = scripts.filter((f) => {
      const code = readFileSync(f, 'utf8');
      return code.includes('/api/dev/') || code.includes('x-anju-session');
    });
    expect(offending.map((f) => path.relative(WEAPP_DIR, f))).toEqual([]);
  });
});
