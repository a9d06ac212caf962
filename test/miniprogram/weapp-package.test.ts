import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { WEAPP_DIR } from './harness';
import { allPages, type AppJson } from './main-package';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

describe('the compiled weapp package (dist/weapp)', () => {
  const files = filesUnder(WEAPP_DIR);
  const appJson = JSON.parse(readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8')) as AppJson;

  // The package sizes (main package budget, subpackages under 2 MB): main-package.test.ts.

  it('has every page it lists, in the main package and the subpackages, and no development sign-in', () => {
    expect(appJson.pages[0]).toBe('pages/index/index');
    expect(allPages(appJson)).not.toContain('pages/dev-sign-in/index');
    expect(allPages(appJson).length).toBeGreaterThan(appJson.pages.length);
    for (const page of allPages(appJson)) {
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
