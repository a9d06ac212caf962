import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { WEAPP_DIR } from './harness';
import {
  allPages,
  loadAppConfig,
  MAIN_PACKAGE_BUDGET_BYTES,
  PACKAGE_LIMIT_BYTES,
  packageSizes,
  placeTabPages,
  readAppJson,
  tabPagesOf,
} from './main-package';

/**
 * The main package budget of issue #19 on the compiled build (dist/weapp): role areas are subpackages
 * (client/app.config.ts), and what only they use stays out of the main package. Bytes, not timings: the
 * same build always gives the same number (`npm run bench -- pages` prints it with its largest files).
 */
const ROOT = path.resolve(__dirname, '../..');
const app = readAppJson(WEAPP_DIR);
const roots = (app.subPackages ?? []).map((s) => s.root.replace(/\/$/, ''));
const packageOf = (file: string) => roots.find((r) => file.startsWith(`${r}/`)) ?? 'main';
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

describe('the mini-program main package (dist/weapp)', () => {
  const sizes = packageSizes(WEAPP_DIR);

  it(`stays within ${kb(MAIN_PACKAGE_BUDGET_BYTES)}, and every subpackage within WeChat's 2 MB`, () => {
    const largest = sizes.mainFiles
      .slice(0, 8)
      .map((f) => `${f.file} ${kb(f.bytes)}`)
      .join(', ');
    expect(sizes.main).toBeGreaterThan(0);
    // On failure the diff shows the size and the largest files of the main package.
    expect({
      main: sizes.main,
      withinBudget: sizes.main <= MAIN_PACKAGE_BUDGET_BYTES,
      largest,
    }).toMatchObject({
      withinBudget: true,
    });
    const over = sizes.subpackages.filter((s) => s.bytes > PACKAGE_LIMIT_BYTES);
    expect(over).toEqual([]);
  });

  /**
   * A role's tab page is in the main package unless client/app.config.ts puts it in a subpackage (its AREAS,
   * e.g. the office's 配租管理 tab: staff at desks on office networks load it on the first tap, and the
   * phones of tenants and volunteers do not carry it). Which tab pages are subpackages is read from the
   * config itself, so a tab page moved into a subpackage is covered without editing this test, and a tab
   * page in neither fails.
   */
  const tabPages = tabPagesOf(readFileSync(path.join(ROOT, 'client/utils/tabs.ts'), 'utf8'));
  const placement = placeTabPages(tabPages, loadAppConfig());

  it('has subpackages, and every role tab page in the main package or in a subpackage of its own', () => {
    expect(roots.length).toBeGreaterThan(0);
    expect(app.pages[0]).toBe('pages/index/index');
    expect(tabPages.length).toBeGreaterThan(5);
    expect(tabPages).toContain('pages/index/index');
    expect(placement.missing).toEqual([]);
    // The build agrees with the config: the main package's tab pages are its pages, and each subpackage
    // tab page is a subpackage whose root is its own folder.
    expect(placement.main.filter((p) => !app.pages.includes(p))).toEqual([]);
    expect(placement.subpackages.filter((p) => !roots.includes(p.replace(/\/index$/, '')))).toEqual([]);
    expect(placement.subpackages.filter((p) => !allPages(app).includes(p))).toEqual([]);
  });

  it('places tab pages from the config it is given: a subpackage tab page is found, a missing one named', () => {
    const config = {
      pages: ['pages/index/index', 'pages/mine/index'],
      subPackages: [{ root: 'pages/admin/', pages: ['index'] }],
    };
    const tabs = ['pages/index/index', 'pages/admin/index', 'pages/bills/index', 'pages/mine/index'];
    expect(placeTabPages(tabs, config)).toEqual({
      main: ['pages/index/index', 'pages/mine/index'],
      subpackages: ['pages/admin/index'],
      missing: ['pages/bills/index'],
    });
  });

  it('lists every page of client/pages exactly once (the development sign-in page excepted)', () => {
    const source = readdirSync(path.join(ROOT, 'client/pages'))
      .filter((d) => d !== 'dev-sign-in' && existsSync(path.join(ROOT, 'client/pages', d, 'index.tsx')))
      .map((d) => `pages/${d}/index`)
      .sort();
    const listed = allPages(app);
    expect(listed.filter((p, i) => listed.indexOf(p) !== i)).toEqual([]);
    expect([...listed].sort()).toEqual(source);
  });

  it('keeps every page path pages/<page>/index, so navigateTo URLs, message links and QR codes still open', () => {
    expect(allPages(app).filter((p) => !/^pages\/[a-z-]+\/index$/.test(p))).toEqual([]);
  });

  it('preloads only subpackages that exist, from pages that exist', () => {
    const pages = allPages(app);
    for (const [page, rule] of Object.entries(app.preloadRule ?? {})) {
      expect(pages).toContain(page);
      expect(rule.packages.filter((p) => !roots.includes(p))).toEqual([]);
    }
  });

  it('never loads a file of one subpackage from another (WeChat cannot)', () => {
    // require("…") in scripts, @import in styles, <import src> in templates, usingComponents in page configs.
    const refs = /require\("([^"]+)"\)|@import\s+"([^"]+)"|<import\s+src="([^"]+)"/g;
    const crossing: string[] = [];
    for (const full of filesUnder(WEAPP_DIR)) {
      const file = path.relative(WEAPP_DIR, full).split(path.sep).join('/');
      const from = packageOf(file);
      if (from === 'main' || !/\.(js|wxss|wxml|json)$/.test(file)) continue;
      const text = readFileSync(full, 'utf8');
      const targets = file.endsWith('.json')
        ? Object.values(
            (JSON.parse(text) as { usingComponents?: Record<string, string> }).usingComponents ?? {},
          )
        : [...text.matchAll(refs)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
      for (const target of targets.filter((t) => t.startsWith('.'))) {
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
        const to = packageOf(resolved);
        if (to !== 'main' && to !== from) crossing.push(`${file} → ${resolved}`);
      }
    }
    expect(crossing).toEqual([]);
  });
});
