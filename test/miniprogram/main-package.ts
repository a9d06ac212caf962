import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * How big the mini-program's main package is: what every phone downloads before the first screen.
 *
 * Counted here: the bytes of every file of the compiled build (dist/weapp) that lies outside all subpackage
 * roots of its app.json — WeChat packs the files under a subpackage's root into that subpackage and
 * everything else into the main package
 * (https://developers.weixin.qq.com/miniprogram/dev/framework/subpackages/basic.html). project.config.json
 * (and project.private.config.json) configure WeChat DevTools and are not part of the code package; licence
 * files webpack writes are counted. Bytes on disk, before the zip of the upload, so the number is
 * deterministic for a given build.
 */

/** Issue #19: at most 600 KB (WeChat's own limit is 2 MB per package). */
export const MAIN_PACKAGE_BUDGET_BYTES = 600 * 1024;
/** WeChat refuses to upload a package (main or subpackage) over 2 MB (same document). */
export const PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024;

const NOT_IN_PACKAGE = new Set(['project.config.json', 'project.private.config.json']);

export interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[]; independent?: boolean }[];
  preloadRule?: Record<string, { network?: string; packages: string[] }>;
}

export interface PackageSizes {
  /** Bytes of the main package. */
  main: number;
  /** Its files, largest first (path relative to the build). */
  mainFiles: { file: string; bytes: number }[];
  /** Each subpackage's root and bytes, largest first. */
  subpackages: { root: string; bytes: number }[];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

export function readAppJson(weappDir: string): AppJson {
  return JSON.parse(readFileSync(path.join(weappDir, 'app.json'), 'utf8')) as AppJson;
}

/** Every page of the app: the main package's and each subpackage's (`<root>/<page>`). */
export function allPages(app: AppJson): string[] {
  return [
    ...app.pages,
    ...(app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`)),
  ];
}

export function packageSizes(weappDir: string): PackageSizes {
  const roots = (readAppJson(weappDir).subPackages ?? []).map((s) => `${s.root.replace(/\/$/, '')}/`);
  const mainFiles: PackageSizes['mainFiles'] = [];
  const sub = new Map<string, number>(roots.map((r) => [r, 0]));
  for (const full of filesUnder(weappDir)) {
    const file = path.relative(weappDir, full).split(path.sep).join('/');
    if (NOT_IN_PACKAGE.has(file)) continue;
    const bytes = statSync(full).size;
    const root = roots.find((r) => file.startsWith(r));
    if (root) sub.set(root, (sub.get(root) ?? 0) + bytes);
    else mainFiles.push({ file, bytes });
  }
  mainFiles.sort((a, b) => b.bytes - a.bytes);
  return {
    main: mainFiles.reduce((s, f) => s + f.bytes, 0),
    mainFiles,
    subpackages: [...sub]
      .map(([root, bytes]) => ({ root: root.slice(0, -1), bytes }))
      .sort((a, b) => b.bytes - a.bytes),
  };
}

/**
 * The app config as Taro evaluates it at build time (client/app.config.ts, for the mini-program: no
 * development sign-in page): `defineAppConfig` is Taro's build-time global, here the identity.
 */
export function loadAppConfig(): AppJson {
  const g = globalThis as { defineAppConfig?: (c: unknown) => unknown };
  const had = g.defineAppConfig;
  g.defineAppConfig = (c) => c;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('../../client/app.config') as { default: AppJson }).default;
  } finally {
    g.defineAppConfig = had;
  }
}

/** The tab pages of client/utils/tabs.ts (its TAB_PAGES, read from the source: `pages/<page>/index`). */
export function tabPagesOf(tabsSource: string): string[] {
  const block = tabsSource.slice(tabsSource.indexOf('TAB_PAGES = {'), tabsSource.indexOf('} as const'));
  return [...block.matchAll(/'\/(pages\/[a-z-]+\/index)'/g)].map((m) => m[1] ?? '');
}

/** Where the app config puts each tab page: the main package, a subpackage, or nowhere (missing). */
export function placeTabPages(
  tabPages: string[],
  config: AppJson,
): { main: string[]; subpackages: string[]; missing: string[] } {
  const inSubpackages = allPages({ pages: [], subPackages: config.subPackages ?? [] });
  return {
    main: tabPages.filter((p) => config.pages.includes(p)),
    subpackages: tabPages.filter((p) => !config.pages.includes(p) && inSubpackages.includes(p)),
    missing: tabPages.filter((p) => !config.pages.includes(p) && !inSubpackages.includes(p)),
  };
}
