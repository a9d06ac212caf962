import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FUNCTION_NAMES } from '../shared/contracts';
import { openapiPermissions } from '../config/deploy/openapi';
import { esbuildTarget, functionsRuntime } from '../config/deploy/runtime';

/**
 * Bundles each cloud function on its own (esbuild) into dist/cloudfunctions/<name>/ with shared/ inlined:
 * `index.js` exporting `main`, plus the `package.json` CloudBase installs dependencies from. The
 * CloudBase SDK stays external (installed in the cloud, pinned); nothing local (SQLite, the dev host) is
 * reachable from an index.ts, and the build fails if it were. The bundles target the Node.js version of the
 * runtime cloudbaserc.json deploys them on (`Nodejs18.15` → esbuild `node18.15`).
 */
const root = path.resolve(__dirname, '..');
// ANJU_FUNCTIONS_OUT builds elsewhere (the deploy tests) without replacing the dist/ other tests load.
const out = process.env.ANJU_FUNCTIONS_OUT || path.join(root, 'dist/cloudfunctions');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

async function main() {
  const runtime = functionsRuntime();
  const target = esbuildTarget(runtime);
  rmSync(out, { recursive: true, force: true });
  for (const name of FUNCTION_NAMES) {
    const dir = path.join(out, name);
    mkdirSync(dir, { recursive: true });
    const result = await build({
      entryPoints: [path.join(root, 'cloudfunctions', name, 'index.ts')],
      outfile: path.join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target,
      format: 'cjs',
      external: ['@cloudbase/node-sdk'],
      tsconfig: path.join(root, 'tsconfig.json'),
      metafile: true,
      logLevel: 'warning',
    });
    const inputs = Object.keys(result.metafile.inputs);
    const leaked = inputs.filter((f) => /better-sqlite3|cloudfunctions\/_local\/|wechatpay\/sandbox/.test(f));
    if (leaked.length)
      throw new Error(`${name}: local-only code in the production bundle: ${leaked.join(', ')}`);
    writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify(
        {
          name: `anju-${name}`,
          version: '1.0.0',
          private: true,
          main: 'index.js',
          dependencies: { '@cloudbase/node-sdk': pkg.dependencies['@cloudbase/node-sdk'] },
        },
        null,
        2,
      ) + '\n',
    );
    // 云调用 permissions: the open APIs this function calls, derived from its code (config/deploy/openapi.ts;
    // https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/openapi/openapi.html, 为云函数声明所需调用的接口:
    // config.json `permissions.openapi`).
    writeFileSync(
      path.join(dir, 'config.json'),
      JSON.stringify({ permissions: { openapi: openapiPermissions(root, name) } }, null, 2) + '\n',
    );
    const kb = (statSync(path.join(dir, 'index.js')).size / 1024).toFixed(1);
    console.log(`  ${name}: ${kb} KB (${inputs.length} modules)`);
  }
  console.log(`云函数已构建到 ${path.relative(root, out)}/（运行时 ${runtime}，目标 ${target}）`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
