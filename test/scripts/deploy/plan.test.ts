import type { ICreateFunctionParam } from '@cloudbase/manager-node/types/function';
import type { CreateIndex, ICloudFunctionTrigger } from '@cloudbase/manager-node/types/interfaces';
import { deployManifest, manifestProblems } from '../../../config/deploy/manifest';
import { readCloudbaseRc } from '../../../config/deploy/runtime';
import { indexDefinitions } from '../../../config/database/indexes';
import { FUNCTIONS } from '../../../cloudfunctions/registry';
import { COLLECTIONS } from '../../../shared/collections';
import { FUNCTION_NAMES } from '../../../shared/contracts';
import {
  applyPlan,
  computePlan,
  emptyEnvironment,
  observe,
  type PlanContext,
} from '../../../scripts/deploy/plan';
import { runDeploy, type DeployIo } from '../../../scripts/deploy/run';
import { FakeManager, validSettings } from './fake-manager';

jest.setTimeout(30_000);

const settings = validSettings();
const hashes = Object.fromEntries(FUNCTION_NAMES.map((n) => [n, `hash-${n}-1`]));
const context = (over: Partial<PlanContext> = {}): PlanContext => ({
  envId: 'anju-test-1a2b',
  env: settings,
  without: [],
  projectAppId: settings.WXPAY_APPID as string,
  hashes,
  ...over,
});

/** Plans against the fake, applies, and returns the fake with its recorded calls. */
async function deployed(ctx = context()) {
  const fake = new FakeManager();
  const plan = computePlan(deployManifest(), await observe(fake, ctx.envId), ctx);
  expect(plan.problems).toEqual([]);
  await applyPlan(fake, plan, () => undefined);
  return fake;
}

describe('the deploy plan from the repository', () => {
  it('the repository’s sources agree: every function, timer and index has its counterpart', () => {
    expect(manifestProblems()).toEqual([]);
  });

  it('names a timer in the code that has no trigger in cloudbaserc.json, and a trigger with no job', () => {
    const rc = readCloudbaseRc();
    const billing = rc.functions.find((f) => f.name === 'billing');
    billing!.triggers = billing!.triggers!.filter((t) => t.name !== 'monthly-bills');
    billing!.triggers.push({ name: 'nightly-ghost', type: 'timer', config: '0 0 1 * * * *' });
    const problems = manifestProblems(rc);
    expect(problems).toContain(
      '云函数 billing 的定时任务 monthly-bills 在 cloudbaserc.json 中没有定时触发器',
    );
    expect(problems).toContain(
      'cloudbaserc.json 中 billing 的定时触发器 nightly-ghost 在代码的 timers 中没有对应任务',
    );
  });

  it('names an index declared for a collection that does not exist, and a function missing from cloudbaserc', () => {
    const rc = readCloudbaseRc();
    rc.functions = rc.functions.filter((f) => f.name !== 'repair');
    const problems = manifestProblems(rc, {
      ...indexDefinitions,
      ghosts: [{ name: 'x', fields: [] }],
    } as never);
    expect(problems).toContain('cloudbaserc.json 缺少云函数 repair（shared/contracts 中有它）');
    expect(problems).toContain(
      'config/database/indexes.ts 为不存在的集合 ghosts 声明了索引（集合列在 shared/collections.ts）',
    );
  });

  it('on an empty environment, creates every collection, index (with uniqueness), function and timer in the API’s shapes', async () => {
    const fake = await deployed();
    const created = fake.mutations();

    // every collection in shared/collections.ts
    const collections = created.filter((c) => c.method === 'createCollection').map((c) => c.args[0]);
    expect([...collections].sort()).toEqual(Object.values(COLLECTIONS).sort());

    // every index in config/database/indexes.ts, as updateCollection's CreateIndexes (CreateIndex[])
    const indexCalls = created.filter((c) => c.method === 'updateCollection');
    const sent = new Map<string, CreateIndex[]>();
    for (const c of indexCalls)
      sent.set(c.args[0] as string, (c.args[1] as { CreateIndexes: CreateIndex[] }).CreateIndexes);
    for (const [collection, defs] of Object.entries(indexDefinitions)) {
      const got = sent.get(collection) ?? [];
      expect(got.map((ix) => ix.IndexName)).toEqual((defs ?? []).map((d) => d.name));
      for (const d of defs ?? []) {
        const ix = got.find((x) => x.IndexName === d.name) as CreateIndex;
        expect(ix.MgoKeySchema).toEqual({
          MgoIndexKeys: d.fields.map((f) => ({ Name: f.field, Direction: String(f.direction) })),
          MgoIsUnique: d.unique ?? false,
        });
      }
    }
    expect(
      sent.get(COLLECTIONS.bills)?.find((ix) => ix.IndexName === 'lease_period_unique')?.MgoKeySchema
        .MgoIsUnique,
    ).toBe(true);

    // every function, with cloudbaserc's runtime, memory and timeout, and a trigger for every timer in its code
    const rc = readCloudbaseRc();
    const fns = created
      .filter((c) => c.method === 'createFunction')
      .map((c) => (c.args[0] as ICreateFunctionParam).func);
    expect(fns.map((f) => f.name).sort()).toEqual([...FUNCTION_NAMES].sort());
    for (const f of fns) {
      const declared = rc.functions.find((x) => x.name === f.name)!;
      expect({ runtime: f.runtime, memorySize: f.memorySize, timeout: f.timeout }).toEqual({
        runtime: declared.runtime,
        memorySize: declared.memorySize,
        timeout: declared.timeout,
      });
      const triggers = (f.triggers ?? []) as ICloudFunctionTrigger[];
      for (const timer of FUNCTIONS[f.name as keyof typeof FUNCTIONS].platformEvents.timers)
        expect(triggers.find((t) => t.name === timer)).toMatchObject({ type: 'timer' });
      expect(f.envVariables).toMatchObject({ ANJU_POLICY: 'wuhan-wuchang' });
    }
    const billing = fns.find((f) => f.name === 'billing')!;
    expect(billing.envVariables).toMatchObject({
      WXPAY_MCHID: '1900000109',
      WXPAY_NOTIFY_URL: `https://${fake.domain}/billing/notify`,
    });

    // the notify route: the billing function, no CloudBase auth (WeChat Pay carries none)
    expect(created.filter((c) => c.method === 'createAccess').map((c) => c.args[0])).toEqual([
      { path: '/billing/notify', name: 'billing', type: 1, auth: false },
    ]);
    // rules: every collection closed to clients, storage custom
    expect(created.filter((c) => c.method === 'modifyResourcePermission')).toHaveLength(
      Object.values(COLLECTIONS).length,
    );
    expect(created.find((c) => c.method === 'setStorageAcl')?.args[0]).toBe('CUSTOM');
  });

  it('a second plan after applying changes nothing', async () => {
    const fake = await deployed();
    const again = computePlan(deployManifest(), await observe(fake, 'anju-test-1a2b'), context());
    expect(again.steps.map((s) => s.text)).toEqual([]);
    expect(again.problems).toEqual([]);
  });

  it('after a change in the environment or the code, plans only that change', async () => {
    const fake = await deployed();
    fake.colls.set(
      COLLECTIONS.bills,
      (fake.colls.get(COLLECTIONS.bills) ?? []).map((ix) =>
        ix.Name === 'lease_period_unique' ? { ...ix, Unique: false } : ix,
      ),
    );
    fake.fns.get('billing')!.Triggers.find((t) => t.TriggerName === 'monthly-bills')!.TriggerDesc =
      JSON.stringify({ cron: '0 0 3 1 * * *' });
    fake.routes[0]!.EnableAuth = true;
    const plan = computePlan(
      deployManifest(),
      await observe(fake, 'anju-test-1a2b'),
      context({
        hashes: { ...hashes, repair: 'hash-repair-2' },
        env: { ...settings, ANJU_POLICY: 'ulanqab' },
      }),
    );
    expect(plan.steps.map((s) => s.text)).toEqual([
      '重建索引 bills.lease_period_unique（字段或唯一性与仓库不同）',
      '更新云函数 account 的配置（环境变量 ANJU_POLICY（更改））',
      '更新云函数 allocation 的配置（环境变量 ANJU_POLICY（更改））',
      '更新云函数 billing 的配置（环境变量 ANJU_POLICY（更改））',
      '更改定时触发器 billing/monthly-bills（0 */2 2-3 1 * * *）',
      '更新云函数 repair 的代码（hash-repair-2）',
      '更新云函数 repair 的配置（环境变量 ANJU_POLICY（更改），代码版本说明）',
      '更新云函数 patrol 的配置（环境变量 ANJU_POLICY（更改））',
      '更新云函数 message 的配置（环境变量 ANJU_POLICY（更改））',
      '关闭 HTTP 访问路径 /billing/notify 的鉴权（微信支付的通知不带云开发登录态）',
    ]);
    await applyPlan(fake, plan, () => undefined);
    const after = computePlan(
      deployManifest(),
      await observe(fake, 'anju-test-1a2b'),
      context({
        hashes: { ...hashes, repair: 'hash-repair-2' },
        env: { ...settings, ANJU_POLICY: 'ulanqab' },
      }),
    );
    expect(after.steps).toEqual([]);
  });

  it('where the environment cannot report collection rules, they are set again but do not count as changes', async () => {
    const fake = await deployed();
    fake.permission.describeResourcePermission = async () => {
      throw new Error('DescribeResourcePermission is deprecated');
    };
    const lines: string[] = [];
    const code = await runDeploy({
      argv: [],
      env: settings,
      log: (l) => lines.push(l),
      buildFunctions: () => undefined,
      buildWeapp: () => undefined,
      connect: async () => fake,
      projectAppId: settings.WXPAY_APPID,
      bundleHash: (n) => hashes[n] ?? null,
    });
    expect(code).toBe(0);
    const out = lines.join('\n');
    expect(out).toContain(
      `环境已是最新：没有需要更改的内容（${Object.values(COLLECTIONS).length} 条无法查询的集合安全规则照例重新设置）。`,
    );
    expect(out).not.toContain('部署后复查');
    expect(
      new Set(
        fake
          .mutations()
          .slice(-Object.values(COLLECTIONS).length)
          .map((c) => c.method),
      ),
    ).toEqual(new Set(['modifyResourcePermission']));
  });

  it('secrets set earlier are kept when the operator does not give them again, and are never printed', async () => {
    const fake = await deployed();
    const { WXPAY_PRIVATE_KEY: _k, WXPAY_APIV3_KEY: _a, ...withoutSecrets } = settings;
    const plan = computePlan(
      deployManifest(),
      await observe(fake, 'anju-test-1a2b'),
      context({ env: withoutSecrets }),
    );
    expect(plan.problems).toEqual([]);
    expect(plan.steps).toEqual([]);
    const fresh = computePlan(deployManifest(), emptyEnvironment(), context());
    const printed = fresh.steps.map((s) => s.text).join('\n');
    expect(printed).toContain('WXPAY_APIV3_KEY');
    expect(printed).not.toContain(settings.WXPAY_APIV3_KEY);
    expect(printed).not.toContain('PRIVATE KEY');
  });
});

describe('a missing or wrong setting stops the deploy before anything changes', () => {
  const io = (fake: FakeManager, env: Record<string, string | undefined>, lines: string[]): DeployIo => ({
    argv: [],
    env,
    log: (l) => lines.push(l),
    buildFunctions: () => undefined,
    buildWeapp: () => lines.push('(weapp built)'),
    connect: async () => fake,
    projectAppId: settings.WXPAY_APPID,
    bundleHash: (n) => hashes[n] ?? null,
  });

  it.each([
    ['no WeChat Pay merchant id', { WXPAY_MCHID: undefined }, '缺少环境变量 WXPAY_MCHID'],
    ['an APIv3 key of the wrong length', { WXPAY_APIV3_KEY: 'short' }, '环境变量 WXPAY_APIV3_KEY 的值不对'],
    ['an unknown policy preset', { ANJU_POLICY: 'atlantis' }, '环境变量 ANJU_POLICY 的值不对'],
    [
      'a private key that is not a key',
      { WXPAY_PRIVATE_KEY: 'not a key' },
      '环境变量 WXPAY_PRIVATE_KEY 的值不对',
    ],
    ['a notify URL over http', { WXPAY_NOTIFY_URL: 'http://x.example/billing/notify' }, '必须是 https 地址'],
    [
      'an AppID other than the mini-program’s',
      { WXPAY_APPID: 'wxffffffffffffffff' },
      '与 project.config.json 的 appid',
    ],
  ])('%s', async (_case, change, message) => {
    const fake = new FakeManager();
    const lines: string[] = [];
    const code = await runDeploy(io(fake, { ...settings, ...change }, lines));
    const out = lines.join('\n');
    expect(code).toBe(1);
    expect(out).toContain(message);
    expect(out).toContain('部署已停止：没有更改任何东西。');
    expect(fake.mutations()).toEqual([]);
    expect(out).not.toContain('(weapp built)');
  });

  it('a missing environment id stops before reading anything', async () => {
    const fake = new FakeManager();
    const lines: string[] = [];
    const { ANJU_ENV_ID: _e, ...rest } = settings;
    expect(await runDeploy(io(fake, rest, lines))).toBe(1);
    expect(lines.join('\n')).toContain('缺少 ANJU_ENV_ID');
    expect(fake.calls).toEqual([]);
  });

  it('a function deployed on another runtime stops the deploy, naming it', async () => {
    const fake = await deployed();
    fake.fns.get('patrol')!.Runtime = 'Nodejs16.13';
    const before = fake.mutations().length;
    const lines: string[] = [];
    expect(await runDeploy(io(fake, settings, lines))).toBe(1);
    expect(lines.join('\n')).toContain('云函数 patrol 的运行时是 Nodejs16.13');
    expect(fake.mutations().length).toBe(before);
  });

  it('--without wechat-pay deploys without the WXPAY settings; the run applies, rechecks and says a rerun changes nothing', async () => {
    const fake = new FakeManager();
    const { ANJU_ID_KEY, ANJU_ID_HASH_KEY, ANJU_SETUP_CODE } = validSettings();
    const env = {
      ANJU_ENV_ID: 'anju-test-1a2b',
      ANJU_POLICY: 'huizhou',
      ANJU_ID_KEY,
      ANJU_ID_HASH_KEY,
      ANJU_SETUP_CODE,
    };
    const first: string[] = [];
    expect(await runDeploy({ ...io(fake, env, first), argv: ['--without', 'wechat-pay'] })).toBe(0);
    expect(first.join('\n')).toContain('复查无差异');
    expect(fake.fns.get('billing')!.Environment.Variables.map((v) => v.Key)).toEqual(['ANJU_POLICY']);
    const second: string[] = [];
    const mutationsBefore = fake.mutations().length;
    expect(await runDeploy({ ...io(fake, env, second), argv: ['--without', 'wechat-pay'] })).toBe(0);
    expect(second.join('\n')).toContain('环境已是最新：没有需要更改的内容。');
    expect(fake.mutations().length).toBe(mutationsBefore);
  });
});
