import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startLocalServer } from '../cloudfunctions/_local/server';
import { serveStatic } from '../cloudfunctions/_local/static-files';

/**
 * `npm run bench -- h5-budget` (issue #19, the H5 budget): the JavaScript a phone downloads for the first
 * screen of the H5 build (`dist/h5`, served by the local host: compressed, cache headers) as a ratio to an
 * empty Taro app's — one page with one text, built in this run (or reused from the last) with the same Taro
 * version, the same H5 output settings and the same Babel preset, and served by the same static code.
 * Both are loaded in headless Chromium on a phone-sized screen until the network is idle; the count is every
 * script response's bytes on the wire (body as transferred + headers). The goal is at most 1.5×.
 */
const ROOT = path.resolve(__dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const GOAL = 1.5;

/** The empty app: an app component returning its children, one page with one text, nothing else. */
const EMPTY_APP: Record<string, string> = {
  'package.json': '{ "name": "empty-taro", "private": true, "version": "1.0.0" }\n',
  'config/index.js': `module.exports = function () {
  return {
    projectName: 'empty-taro',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: 'dist/h5',
    plugins: [],
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    logger: { quiet: true, stats: false },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      router: { mode: 'browser' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
    },
  };
};
`,
  'src/app.js': 'function App({ children }) {\n  return children;\n}\nexport default App;\n',
  'src/app.config.js': "export default { pages: ['pages/index/index'] };\n",
  'src/pages/index/index.jsx':
    "import { Text, View } from '@tarojs/components';\nexport default function Index() {\n  return <View><Text>空白</Text></View>;\n}\n",
  'src/pages/index/index.config.js': 'export default {};\n',
};

/** Builds the empty app once per Taro version (about a minute), in the system's temporary folder. */
function emptyTaroBuild(): string {
  const version = (
    JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@tarojs/cli/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const dir = process.env.ANJU_EMPTY_TARO_DIR ?? path.join(os.tmpdir(), `anju-empty-taro-${version}`);
  const out = path.join(dir, 'dist/h5');
  if (existsSync(path.join(out, 'index.html'))) return out;
  for (const [file, text] of Object.entries(EMPTY_APP)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  writeFileSync(path.join(dir, 'babel.config.js'), readFileSync(path.join(ROOT, 'babel.config.js')));
  writeFileSync(path.join(dir, 'src/index.html'), readFileSync(path.join(ROOT, 'client/index.html')));
  if (!existsSync(path.join(dir, 'node_modules')))
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  console.log(`  构建空白 Taro ${version} 应用作为基线（约一分钟）：${dir}`);
  execFileSync(
    process.execPath,
    [path.join(dir, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'h5'],
    {
      cwd: dir,
      stdio: 'pipe',
      env: { ...process.env, NODE_ENV: 'production', TARO_ENV: 'h5' },
    },
  );
  return out;
}

export interface Transfer {
  scripts: number;
  /** Each script: its path and bytes on the wire, largest first. */
  each: { path: string; wire: number }[];
  wireBytes: number;
  rawBytes: number;
}

/** The script responses of the first screen at `url`, until the network is idle. */
async function firstScreenScripts(url: string): Promise<Transfer> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const seen: Promise<{ path: string; wire: number; raw: number }>[] = [];
    let counting = true;
    page.on('requestfinished', (req) => {
      if (!counting || req.resourceType() !== 'script') return;
      seen.push(
        (async () => {
          const sizes = await req.sizes();
          const res = await req.response();
          const raw = res ? (await res.body()).length : 0;
          return {
            path: new URL(req.url()).pathname,
            wire: sizes.responseBodySize + sizes.responseHeadersSize,
            raw,
          };
        })(),
      );
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    // The app may route on (e.g. to the sign-in page) once started: wait until that is idle too.
    await page.waitForTimeout(1000);
    await page.waitForLoadState('networkidle');
    counting = false;
    const all = await Promise.all(seen);
    return {
      scripts: all.length,
      each: all.map(({ path: p, wire }) => ({ path: p, wire })).sort((a, b) => b.wire - a.wire),
      wireBytes: all.reduce((s, x) => s + x.wire, 0),
      rawBytes: all.reduce((s, x) => s + x.raw, 0),
    };
  } finally {
    await browser.close();
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export interface H5Budget {
  base: Transfer;
  ours: Transfer;
  /** ours.wireBytes / base.wireBytes */
  ratio: number;
  goal: number;
}

/**
 * Measures the first screen of dist/h5 against the empty Taro app; null (with the reason printed) when the
 * build or Chromium is missing.
 */
export async function measureH5Budget(): Promise<H5Budget | null> {
  const anjuDir = path.join(ROOT, 'dist/h5');
  if (!existsSync(path.join(anjuDir, 'index.html'))) {
    console.log('  dist/h5 不存在：请先运行 npm run build:h5，再运行本基准。');
    return null;
  }
  if (!existsSync(CHROMIUM)) {
    console.log(`  找不到 Chromium（${CHROMIUM}）：请设置 CHROMIUM_PATH。`);
    return null;
  }
  const emptyDir = emptyTaroBuild();

  // The empty app through the same static code the local host uses.
  const emptyServer = http.createServer((req, res) =>
    serveStatic(req, res, emptyDir, new URL(req.url ?? '/', 'http://localhost').pathname),
  );
  await new Promise<void>((resolve) => emptyServer.listen(0, '127.0.0.1', resolve));
  const emptyPort = (emptyServer.address() as { port: number }).port;
  // Anju through the local host itself (its demo district, not signed in: what a new visitor's phone loads).
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'anju-h5-budget-'));
  const anju = await startLocalServer({ port: 0, dataDir, staticDir: anjuDir });
  try {
    const base = await firstScreenScripts(`http://127.0.0.1:${emptyPort}/`);
    const ours = await firstScreenScripts(`${anju.url}/`);
    return { base, ours, ratio: ours.wireBytes / base.wireBytes, goal: GOAL };
  } finally {
    await anju.close();
    await new Promise<void>((resolve) => emptyServer.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printH5Budget({ base, ours, ratio, goal }: H5Budget): void {
  console.log(
    `  空白 Taro 应用首屏脚本：${base.scripts} 个，传输 ${kb(base.wireBytes)}（未压缩 ${kb(base.rawBytes)}）`,
  );
  console.log(
    `  安居 H5 首屏脚本：${ours.scripts} 个，传输 ${kb(ours.wireBytes)}（未压缩 ${kb(ours.rawBytes)}）`,
  );
  console.log(`    ${ours.each.map((e) => `${e.path} ${kb(e.wire)}`).join('，')}`);
  console.log(
    `  首屏脚本传输量 ${ratio.toFixed(2)}× 空白 Taro 应用（目标 ≤ ${goal}×${ratio <= goal ? '，达到' : '，未达到'}）`,
  );
}

export async function run(): Promise<void> {
  const measured = await measureH5Budget();
  if (measured) printH5Budget(measured);
}
