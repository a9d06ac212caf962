import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { indexDefinitions } from '../../../config/database/indexes';
import { readCloudbaseRc } from '../../../config/deploy/runtime';
import { COLLECTIONS } from '../../../shared/collections';
import { FUNCTION_NAMES } from '../../../shared/contracts';
import { validSettings } from './fake-manager';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../../..');
const settings = validSettings();

/** The machine's environment without anything that could name a real environment or carry a key. */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !/^(ANJU_|WXPAY_|TENCENTCLOUD_|NODE_ENV$|JEST_WORKER_ID$)/.test(k)) env[k] = v;
  // Bundles go to a folder of their own, so the bundle test's dist/cloudfunctions is never rebuilt under it.
  env.ANJU_FUNCTIONS_OUT = mkdtempSync(path.join(os.tmpdir(), 'anju-deploy-'));
  return env;
}

function npm(args: string[], env: Record<string, string>) {
  const res = spawnSync('npm', ['run', '--silent', ...args], {
    cwd: ROOT,
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
  });
  return { code: res.status, out: `${res.stdout}${res.stderr}` };
}

describe('npm run deploy -- --dry-run: the complete plan from the repository alone', () => {
  let run: { code: number | null; out: string };
  beforeAll(() => {
    run = npm(['deploy', '--', '--dry-run'], { ...cleanEnv(), ...settings });
  });

  it('says it planned without an environment and changed nothing', () => {
    expect(run.code).toBe(0);
    expect(run.out).toContain('未连接环境');
    expect(run.out).toContain('这是预演（--dry-run）：没有更改任何东西。');
  });

  it('lists every collection, every index with its uniqueness, every function and every timer trigger', () => {
    for (const c of Object.values(COLLECTIONS)) expect(run.out).toContain(`创建集合 ${c}\n`);
    for (const [c, defs] of Object.entries(indexDefinitions))
      if (defs?.length)
        expect(run.out).toContain(
          `为集合 ${c} 创建索引 ${defs.map((d) => `${d.name}${d.unique ? '（唯一）' : ''}`).join('、')}`,
        );
    for (const f of readCloudbaseRc().functions) {
      expect(FUNCTION_NAMES).toContain(f.name);
      expect(run.out).toContain(
        `创建云函数 ${f.name}（${f.runtime}，内存 ${f.memorySize} MB，超时 ${f.timeout} 秒`,
      );
      for (const t of f.triggers ?? [])
        expect(run.out).toMatch(new RegExp(`创建云函数 ${f.name}（[^\\n]*${t.name}`));
    }
    expect(run.out).toContain('创建 HTTP 访问路径 /billing/notify → 云函数 billing');
    expect(run.out).toContain('云存储设为：客户端不能直接读取');
  });

  it('names what must be fixed before a real deploy, and never prints a secret', () => {
    expect(run.out).toContain('project.config.json 的 appid 仍是 touristappid');
    expect(run.out).not.toContain(settings.WXPAY_APIV3_KEY);
    expect(run.out).not.toContain((settings.WXPAY_PRIVATE_KEY as string).slice(40, 80));
    expect(run.out).not.toContain('PRIVATE KEY');
  });
});

describe('npm run deploy stops, naming what is missing, before anything is changed', () => {
  it('without the environment id', () => {
    const { ANJU_ENV_ID: _e, ...rest } = settings;
    const run = npm(['deploy', '--', '--dry-run'], { ...cleanEnv(), ...rest });
    expect(run.code).toBe(1);
    expect(run.out).toContain('缺少 ANJU_ENV_ID');
    expect(run.out).toContain('部署已停止：没有更改任何东西。');
  });

  it('without the API key (a real run), and without a WeChat Pay setting', () => {
    const { WXPAY_MCHID: _m, ...rest } = settings;
    const run = npm(['deploy'], { ...cleanEnv(), ...rest });
    expect(run.code).toBe(1);
    expect(run.out).toContain(
      '缺少云开发的 API 密钥：请设置 TENCENTCLOUD_SECRETID 和 TENCENTCLOUD_SECRETKEY',
    );
    expect(run.out).toContain('缺少环境变量 WXPAY_MCHID');
    expect(run.out).toContain('部署已停止：没有更改任何东西。');
  });
});

describe('npm run test:cloud', () => {
  it('says plainly that it skipped when there are no credentials', () => {
    const run = npm(['test:cloud'], { ...cleanEnv(), ANJU_ENV_ID: 'anju-test-1a2b' });
    expect(run.code).toBe(0);
    expect(run.out).toContain(
      '云端测试已跳过：没有云开发凭据（缺少 TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY）',
    );
  });
});

describe('the mini-program build names its environment', () => {
  it('a production weapp build without ANJU_ENV_ID fails with a clear message', () => {
    const env = { ...cleanEnv(), ANJU_OUTPUT_ROOT: mkdtempSync(path.join(os.tmpdir(), 'anju-weapp-')) };
    const run = npm(['build:weapp'], env);
    expect(run.code).not.toBe(0);
    expect(run.out).toContain('小程序正式构建需要云开发环境 ID：请先设置 ANJU_ENV_ID');
  });
});
