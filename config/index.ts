import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import type Chain from 'webpack-chain';
import { BundleReport } from './bundle-report';
import devConfig from './dev';
import prodConfig from './prod';

const root = path.resolve(__dirname, '..');

/**
 * ANJU_LOCAL (one rule, repeated in client/app.config.ts, which Taro evaluates on its own):
 * - weapp: always false. Identity comes from WeChat (OPENID in the function context); the mini-program has
 *   neither the development sign-in page nor the HTTP transport, whatever NODE_ENV or ANJU_LOCAL say.
 * - h5: true unless ANJU_LOCAL=false, in development and production mode alike. The browser build has no
 *   production identity of its own: it talks only to the local host (`npm start`, the browser tests), whose
 *   signed development session is its sign-in. Build with ANJU_LOCAL=false for a browser app served
 *   behind a real gateway; the page is then left out of app.config and renders nothing if reached.
 */
const isLocalH5 = process.env.TARO_ENV === 'h5' && process.env.ANJU_LOCAL !== 'false';

/**
 * ANJU_ENV_ID: the one variable naming the CloudBase environment for every part (this build, the functions'
 * deploy, `npm run deploy`). The mini-program calls that environment (`Taro.cloud.init({ env })`), so a
 * production weapp build without it would call whatever environment DevTools happens to select: refused.
 */
const envId = process.env.ANJU_ENV_ID ?? '';
if (process.env.TARO_ENV === 'weapp' && process.env.NODE_ENV !== 'development' && !envId)
  throw new Error(
    '小程序正式构建需要云开发环境 ID：请先设置 ANJU_ENV_ID（例如 export ANJU_ENV_ID=anju-prod-xxxx），再运行 npm run build:weapp。',
  );

/**
 * shared/ holds pure rules and contracts (docs/conventions.md §12): importing one of its modules runs nothing but
 * its own definitions. Telling webpack so (a rule's `sideEffects: false`,
 * https://webpack.js.org/guides/tree-shaking/#mark-the-file-as-side-effect-free) lets it skip a module none of
 * whose exports a page uses: `ROLE_LABELS` from '@shared/contracts' then brings shared/contracts/roles.ts, not
 * every contract and zod, and a label from a rule does not bring the rule's holiday data. Both builds, so that
 * the mini-program's main package and the browser's first screen stay within their budgets (issue #19).
 */
function budgetChain(chain: Chain): void {
  chain.module
    .rule('anju-shared-pure')
    .test(/\.[jt]sx?$/)
    .include.add(path.join(root, 'shared'))
    .end()
    .set('sideEffects', false);
  // NutUI's icon package lists its index (re-exports only) as having side effects, so every page that imports
  // one icon carried the 12 KB list of all of them; the icons themselves stay as the package marks them.
  chain.module
    .rule('anju-nutui-icons-index')
    .test(/@nutui[\\/]icons-react-taro[\\/]dist[\\/]es[\\/]index\.es\.js$/)
    .set('sideEffects', false);
  // What each chunk holds, to find what a budget pays for (config/bundle-report.ts).
  if (process.env.ANJU_BUNDLE_REPORT)
    chain.plugin('anju-bundle-report').use(BundleReport, [process.env.ANJU_BUNDLE_REPORT, root]);
}

/**
 * Taro's browser build splits only the entry (`splitChunks.chunks: 'initial'`), so each page's lazily loaded
 * chunk carries its own copy of what pages share (Taro's components, its API, services/call.ts…). The first
 * screen opens two pages (the home page, and the sign-in page it sends a new visitor to) and downloaded that
 * copy twice. One more cache group moves modules two or more page chunks share into chunks of their own, which
 * each page then loads once (https://webpack.js.org/plugins/split-chunks-plugin/). The budget: first-screen
 * JavaScript at most 1.5× an empty Taro app's (`npm run bench -- h5-budget`, issue #19).
 */
function firstScreenChunks(chain: Chain): void {
  const splitChunks = (chain.optimization.get('splitChunks') ?? {}) as {
    cacheGroups?: Record<string, unknown>;
  };
  chain.optimization.splitChunks({
    ...splitChunks,
    cacheGroups: {
      ...splitChunks.cacheGroups,
      sharedByPages: {
        chunks: 'async',
        minChunks: 2,
        minSize: SHARED_CHUNK_MIN_BYTES,
        priority: 5,
        reuseExistingChunk: true,
        name: false,
      },
    },
  });
}
/** Smaller shared pieces stay in each page's chunk: a request costs its headers and a round trip. */
const SHARED_CHUNK_MIN_BYTES = 4096;

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'anju',
    date: '2026-11-22',
    // NutUI React Taro is drawn on a 375 px design, our own styles on 750: each file gets its own width
    // (NutUI's documented Taro setup, https://nutui.jd.com/taro/react/3x/#/zh-CN/guide/start-react).
    designWidth: (input?: string | number | { file?: string }) => {
      const file = typeof input === 'object' ? input.file : typeof input === 'string' ? input : undefined;
      return file && file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'client',
    // ANJU_OUTPUT_ROOT builds elsewhere (e.g. a size check) without replacing the dist/ the tests use.
    outputRoot: process.env.ANJU_OUTPUT_ROOT || `dist/${process.env.TARO_ENV ?? 'weapp'}`,
    plugins: [],
    alias: { '@shared': path.join(root, 'shared') },
    defineConstants: {
      ANJU_LOCAL: JSON.stringify(isLocalH5),
      ANJU_API_BASE: JSON.stringify(process.env.ANJU_API_BASE ?? ''),
      ANJU_ENV_ID: JSON.stringify(envId),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      webpackChain: budgetChain,
      // Modules that only subpackage pages use go to those subpackages (sub-vendors, sub-common), not the main
      // package's common.js/vendors.js (https://docs.taro.zone/docs/mini-split-chunks-plugin). Taro 4's
      // default; stated because the main package budget (client/app.config.ts) depends on it.
      optimizeMainPackage: { enable: true },
      compile: { include: [path.join(root, 'shared')] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      webpackChain: (chain) => {
        budgetChain(chain);
        firstScreenChunks(chain);
      },
      publicPath: '/',
      staticDirectory: 'static',
      compile: { include: [path.join(root, 'shared')] },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      router: { mode: 'browser' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
