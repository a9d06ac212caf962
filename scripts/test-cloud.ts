import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PAY_NOTIFY_PATH } from '../config/deploy/environment-variables';
import { FUNCTION_NAMES } from '../shared/contracts';
import { CREDENTIAL_VARS, hasCredentials, openManager } from './deploy/manager';
import { ENV_ID_VAR } from './deploy/run';

/**
 * `npm run test:cloud`: the checks that need a real CloudBase environment, run only when its credentials
 * are in the environment, and said plainly to be skipped when they are not.
 *
 * Needs: ANJU_ENV_ID (a TEST environment: the port contract creates collections named
 * `anju_contract_<run>_*` and leaves them), TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (a CAM API
 * key allowed to use CloudBase, e.g. with the QcloudTCBFullAccess policy), and a deployed environment
 * (`npm run deploy`) for the smoke calls.
 *
 * 1. the database port's contract suite (test/cloudfunctions/db/port-contract.ts) against the environment;
 * 2. a smoke call of each deployed function: with no WeChat identity each must answer the error envelope
 *    UNAUTHENTICATED (the bundle loads, the handler runs, nothing is written);
 * 3. the WeChat Pay notify route: an unsigned POST must be refused with 401 (route open, function reached,
 *    signature checked).
 */
const root = path.resolve(__dirname, '..');
const env = process.env;

async function main(): Promise<number> {
  const envId = env[ENV_ID_VAR];
  if (!envId || !hasCredentials(env)) {
    const missing = [ENV_ID_VAR, ...CREDENTIAL_VARS].filter((k) => !env[k]);
    console.log(
      `云端测试已跳过：没有云开发凭据（缺少 ${missing.join('、')}）。没有运行任何云端测试。\n` +
        `要运行：export ${ENV_ID_VAR}=<测试环境 ID> TENCENTCLOUD_SECRETID=<…> TENCENTCLOUD_SECRETKEY=<…>，先 npm run deploy，再 npm run test:cloud。`,
    );
    return 0;
  }
  let failed = 0;
  console.log(`== 1/3 数据库端口契约：云开发环境 ${envId}`);
  const jest = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/jest/bin/jest.js'),
      '--selectProjects',
      'functions',
      '--runTestsByPath',
      'test/cloudfunctions/db/embedded-database.test.ts',
      '-t',
      'database port contract: CloudBase',
    ],
    { cwd: root, stdio: 'inherit', env: { ...env, ANJU_CLOUD_TEST: '1' } },
  );
  if (jest.status !== 0) failed++;

  console.log('== 2/3 每个云函数的冒烟调用（无微信身份，应答 UNAUTHENTICATED）');
  const m = await openManager(envId, env);
  for (const name of FUNCTION_NAMES) {
    try {
      const res = await m.functions.invokeFunction(name, { action: 'health' });
      const body = JSON.parse(res.RetMsg) as { ok?: boolean; error?: { code?: string } };
      const ok = body.ok === false && body.error?.code === 'UNAUTHENTICATED';
      console.log(`  ${ok ? '✓' : '✗'} ${name}: ${ok ? 'UNAUTHENTICATED' : res.RetMsg || res.ErrMsg}`);
      if (!ok) failed++;
    } catch (err) {
      failed++;
      console.log(`  ✗ ${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  console.log(`== 3/3 微信支付通知路径 ${PAY_NOTIFY_PATH}（未签名的通知应被拒绝）`);
  const { DefaultDomain } = await m.access.getDomainList();
  const url = env.WXPAY_NOTIFY_URL || `https://${DefaultDomain}${PAY_NOTIFY_PATH}`;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"id":"anju-smoke"}',
    });
    const ok = res.status === 401;
    console.log(`  ${ok ? '✓' : '✗'} POST ${url} → ${res.status}`);
    if (!ok) failed++;
  } catch (err) {
    failed++;
    console.log(`  ✗ POST ${url}: ${err instanceof Error ? err.message : String(err)}`);
  }
  console.log(failed ? `云端测试失败：${failed} 项。` : '云端测试全部通过。');
  return failed ? 1 : 0;
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
