import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { hasCredentials, openManager } from './deploy/manager';
import { runDeploy } from './deploy/run';

/**
 * `npm run deploy [-- --dry-run] [--without wechat-pay]` with ANJU_ENV_ID (and, for a real deploy,
 * TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY) in the environment. See README "Deploying to CloudBase".
 */
const root = path.resolve(__dirname, '..');
const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');

runDeploy({
  argv: process.argv.slice(2),
  env: process.env,
  log: (line) => console.log(line),
  buildFunctions: () =>
    execFileSync(process.execPath, [tsx, 'scripts/build-functions.ts'], { cwd: root, stdio: 'inherit' }),
  buildWeapp: (envId) =>
    execFileSync('npm', ['run', 'build:weapp'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ANJU_ENV_ID: envId, NODE_ENV: 'production' },
    }),
  connect: async (envId) => (hasCredentials(process.env) ? openManager(envId, process.env) : null),
})
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error(`部署失败：${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
