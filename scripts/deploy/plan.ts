import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { IApi } from '@cloudbase/manager-node/types/access/types';
import type { IFunctionInfo } from '@cloudbase/manager-node/types/function/types';
import type { CreateIndex, IndexInfo } from '@cloudbase/manager-node/types/interfaces';
import type { IStorageAclRule } from '@cloudbase/manager-node/types/storage';
import type { EnvVarDeclaration, OptionalFeature } from '../../config/deploy/environment-variables';
import { PAY_NOTIFY_PATH } from '../../config/deploy/environment-variables';
import type { DeployManifest, DesiredFunction } from '../../config/deploy/manifest';
import { ROOT } from '../../config/deploy/runtime';
import type { Manager } from './manager';

/** Where the function bundles are built (scripts/build-functions.ts) and uploaded from. */
export const FUNCTIONS_DIST = process.env.ANJU_FUNCTIONS_OUT || path.join(ROOT, 'dist/cloudfunctions');

type Env = Readonly<Record<string, string | undefined>>;

/** What the environment reports, read before anything is planned. */
export interface Observed {
  /** False when planning from the repository alone (no credentials): the environment is taken as empty. */
  connected: boolean;
  /** The HTTP access service's default domain (`<env>.<region>.app.tcloudbase.com`), when known. */
  domain: string | null;
  httpServiceEnabled: boolean;
  functions: Map<string, IFunctionInfo>;
  /** Collection → its indexes other than `_id_`. */
  collections: Map<string, IndexInfo[]>;
  /** Collection → its permission and rule (JSON text), where the environment reports one. */
  collectionRules: Map<string, { permission: string; rule: string | null }>;
  /** True when the environment would not report collection rules (they are then set on every run). */
  collectionRulesUnreadable?: boolean;
  storage: { acl: string; rule?: IStorageAclRule } | null;
  routes: IApi[];
}

export function emptyEnvironment(): Observed {
  return {
    connected: false,
    domain: null,
    httpServiceEnabled: false,
    functions: new Map(),
    collections: new Map(),
    collectionRules: new Map(),
    storage: null,
    routes: [],
  };
}

export type Area = '集合' | '索引' | '安全规则' | '云函数' | '定时触发器' | 'HTTP 访问';

export interface Step {
  area: Area;
  /** What the step does, in Chinese, without any secret value. */
  text: string;
  apply(m: Manager): Promise<unknown>;
  /** Set on every run because the environment cannot report it (not a difference). */
  reapply?: true;
}

export interface Plan {
  steps: Step[];
  /** Missing or wrong settings: a deploy with any of these stops before changing anything. */
  problems: string[];
  /** What is left as it is and worth knowing (e.g. an index the repository does not declare). */
  notes: string[];
}

export interface PlanContext {
  envId: string;
  /** The deploy shell's environment: operator-given variable values. */
  env: Env;
  /** Features the operator left out (`--without wechat-pay`). */
  without: readonly OptionalFeature[];
  /** project.config.json's appid. */
  projectAppId: string;
  /** Bundle hash per function (`bundleHash`), or null when the bundle is not built. */
  hashes: Record<string, string | null>;
}

/** Reads everything the plan compares, without changing anything. */
export async function observe(m: Manager, envId: string): Promise<Observed> {
  const o = emptyEnvironment();
  o.connected = true;
  const domains = await m.access.getDomainList();
  o.domain = domains.DefaultDomain || null;
  o.httpServiceEnabled = Boolean(domains.EnableService);
  const fns = await m.functions.listAllFunctions({ envId });
  for (const f of fns) {
    const name = f.FunctionName;
    if (name) o.functions.set(name, await m.functions.getFunctionDetail(name));
  }
  for (let offset = 0; ; offset += 100) {
    const page = await m.database.listCollections({ MgoLimit: 100, MgoOffset: offset });
    for (const c of page.Collections) {
      const info = await m.database.describeCollection(c.CollectionName);
      o.collections.set(
        c.CollectionName,
        (info.Indexes ?? []).filter((ix) => ix.Name !== '_id_'),
      );
    }
    if (page.Collections.length < 100 || offset + 100 >= (page.Pager?.Total ?? 0)) break;
  }
  if (o.collections.size > 0) {
    try {
      const res = await m.permission.describeResourcePermission({
        resourceType: 'collection',
        resources: [...o.collections.keys()],
      });
      for (const p of res.Data.PermissionList ?? [])
        if (p.Resource)
          o.collectionRules.set(p.Resource, {
            permission: String(p.Permission ?? ''),
            rule: p.SecurityRule ?? null,
          });
    } catch {
      // manager-node marks DescribeResourcePermission deprecated for environments whose rules moved to the
      // new authorization engine: the rules cannot be compared there, so they are set again on every run.
      o.collectionRulesUnreadable = true;
    }
  }
  o.storage = await m.storage.getStorageAcl({ withRule: true });
  o.routes = (await m.access.getAccessList({})).APISet ?? [];
  return o;
}

/** The sha256 of a built bundle (index.js + package.json), recorded in the function's description. */
export function bundleHash(name: string, dist = FUNCTIONS_DIST): string | null {
  const files = ['index.js', 'package.json'].map((f) => path.join(dist, name, f));
  if (!files.every((f) => existsSync(f))) return null;
  const h = createHash('sha256');
  for (const f of files) h.update(readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

export function functionDescription(name: string, hash: string): string {
  return `安居 ${name} 云函数 · 代码 ${hash}`;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, x]) => [k, sortKeys(x)]),
    );
  return v;
}
function parseJson(text: string | null | undefined): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A timer trigger's cron as SCF reports it (`TriggerDesc` is `{"cron":"…"}`), or as given. */
function triggerCron(t: { TriggerDesc?: string; Config?: string }): string {
  const desc = parseJson(t.TriggerDesc);
  if (desc && typeof desc === 'object' && 'cron' in desc) return String((desc as { cron: unknown }).cron);
  return String(t.TriggerDesc ?? t.Config ?? '');
}

function sameIndex(ix: CreateIndex, seen: IndexInfo): boolean {
  const keys = (seen.Keys ?? []).map((k) => `${k.Name}:${String(k.Direction)}`).join(',');
  const want = ix.MgoKeySchema.MgoIndexKeys.map((k) => `${k.Name}:${k.Direction}`).join(',');
  return keys === want && Boolean(seen.Unique) === ix.MgoKeySchema.MgoIsUnique;
}

/** Each declared variable's value for a function: given, derived, or kept from the function. */
function resolveEnvVars(
  fn: DesiredFunction,
  seen: IFunctionInfo | undefined,
  o: Observed,
  ctx: PlanContext,
): {
  values: Record<string, string>;
  missing: EnvVarDeclaration[];
  wrong: [EnvVarDeclaration, string][];
  pending: string[];
} {
  const current = Object.fromEntries((seen?.Environment?.Variables ?? []).map((v) => [v.Key, v.Value]));
  const values: Record<string, string> = {};
  const missing: EnvVarDeclaration[] = [];
  const wrong: [EnvVarDeclaration, string][] = [];
  const pending: string[] = [];
  const declared = fn.envVars.filter((v) => !v.feature || !ctx.without.includes(v.feature));
  for (const v of declared) {
    let value = ctx.env[v.name] || undefined;
    if (!value && v.source === 'derived' && v.name === 'WXPAY_NOTIFY_URL') {
      if (o.domain) value = `https://${o.domain}${PAY_NOTIFY_PATH}`;
      else if (!o.connected) {
        pending.push(v.name);
        continue;
      }
    }
    value ??= current[v.name];
    if (!value) {
      if (!v.optional) missing.push(v);
      continue;
    }
    const problem = v.check?.(value, ctx.env) ?? null;
    if (problem) wrong.push([v, problem]);
    else values[v.name] = value;
  }
  return { values, missing, wrong, pending };
}

/**
 * The plan: every change that makes the environment match the manifest, computed as a difference against
 * what the environment reports (an empty one when planning from the repository alone), and every missing
 * or wrong setting. Nothing here changes the environment.
 */
export function computePlan(manifest: DeployManifest, o: Observed, ctx: PlanContext): Plan {
  const steps: Step[] = [];
  const problems = new Set<string>();
  const notes: string[] = [];

  // Settings the deploy needs before anything else.
  if (ctx.projectAppId === 'touristappid' || !/^wx[0-9a-f]{16}$/.test(ctx.projectAppId))
    problems.add(
      `project.config.json 的 appid 仍是 ${ctx.projectAppId}：请填入本区小程序的 AppID（微信公众平台 → 开发管理 → 开发设置）`,
    );
  const wechatPay = !ctx.without.includes('wechat-pay');
  if (wechatPay && ctx.env.WXPAY_APPID && ctx.env.WXPAY_APPID !== ctx.projectAppId)
    problems.add(
      `WXPAY_APPID（${ctx.env.WXPAY_APPID}）与 project.config.json 的 appid（${ctx.projectAppId}）不一致：微信支付必须绑定这个小程序`,
    );

  // Collections, their indexes and their rules.
  for (const c of manifest.collections) {
    const seenIndexes = o.collections.get(c.name);
    if (!seenIndexes)
      steps.push({
        area: '集合',
        text: `创建集合 ${c.name}`,
        apply: (m) => m.database.createCollection(c.name),
      });
    const existing = seenIndexes ?? [];
    const toCreate: CreateIndex[] = [];
    for (const ix of c.indexes) {
      const seen = existing.find((s) => s.Name === ix.IndexName);
      if (!seen) toCreate.push(ix);
      else if (!sameIndex(ix, seen))
        steps.push({
          area: '索引',
          text: `重建索引 ${c.name}.${ix.IndexName}（字段或唯一性与仓库不同）`,
          apply: async (m) => {
            await m.database.updateCollection(c.name, { DropIndexes: [{ IndexName: ix.IndexName }] });
            return m.database.updateCollection(c.name, { CreateIndexes: [ix] });
          },
        });
    }
    if (toCreate.length)
      steps.push({
        area: '索引',
        text: `为集合 ${c.name} 创建索引 ${toCreate
          .map((ix) => `${ix.IndexName}${ix.MgoKeySchema.MgoIsUnique ? '（唯一）' : ''}`)
          .join('、')}`,
        apply: (m) => m.database.updateCollection(c.name, { CreateIndexes: toCreate }),
      });
    for (const s of existing)
      if (!c.indexes.some((ix) => ix.IndexName === s.Name))
        notes.push(`集合 ${c.name} 有仓库未声明的索引 ${s.Name}（保留）`);
    const rule = o.collectionRules.get(c.name);
    if (
      !rule ||
      rule.permission !== 'CUSTOM' ||
      !sameJson(parseJson(rule.rule), parseJson(manifest.databaseRule))
    )
      steps.push({
        area: '安全规则',
        text: `集合 ${c.name} 设为禁止客户端直接读写（config/security/database.rules.json）`,
        ...(o.collectionRulesUnreadable && seenIndexes ? { reapply: true as const } : {}),
        apply: (m) =>
          m.permission.modifyResourcePermission({
            resourceType: 'collection',
            resource: c.name,
            permission: 'CUSTOM',
            securityRule: manifest.databaseRule,
          }),
      });
  }
  for (const name of o.collections.keys())
    if (!manifest.collections.some((c) => c.name === name)) notes.push(`环境中另有集合 ${name}（保留）`);
  if (o.collectionRulesUnreadable)
    notes.push(
      '环境不提供集合安全规则的查询（DescribeResourcePermission）：集合的安全规则每次部署都会重新设置',
    );

  if (!o.storage || o.storage.acl !== 'CUSTOM' || !sameJson(o.storage.rule, manifest.storageRule))
    steps.push({
      area: '安全规则',
      text: '云存储设为：客户端不能直接读取；只能写入自己的 uploads/<openid>/（config/security/storage.rules.json）',
      apply: (m) => m.storage.setStorageAcl('CUSTOM', manifest.storageRule),
    });

  // Functions: code, configuration, environment variables, timer triggers.
  for (const fn of manifest.functions) {
    const seen = o.functions.get(fn.name);
    const hash = ctx.hashes[fn.name];
    if (!hash)
      problems.add(
        `云函数 ${fn.name} 尚未构建（dist/cloudfunctions/${fn.name}）：请先运行 npm run build:functions`,
      );
    const env = resolveEnvVars(fn, seen, o, ctx);
    for (const v of env.missing)
      problems.add(
        `缺少环境变量 ${v.name}：${v.description}${v.feature ? `（不开通时加 --without ${v.feature}）` : ''}`,
      );
    for (const [v, why] of env.wrong) problems.add(`环境变量 ${v.name} 的值不对：${why}`);
    const description = functionDescription(fn.name, hash ?? '未构建');
    const envNote = [...Object.keys(env.values), ...env.pending.map((n) => `${n}（部署时按环境域名算出）`)];
    if (!seen) {
      steps.push({
        area: '云函数',
        text: `创建云函数 ${fn.name}（${fn.runtime}，内存 ${fn.memorySize} MB，超时 ${fn.timeout} 秒${
          fn.triggers.length ? `，定时触发器 ${fn.triggers.map((t) => t.name).join('、')}` : ''
        }${envNote.length ? `，环境变量 ${envNote.join('、')}` : ''}）`,
        apply: (m) =>
          m.functions.createFunction({
            func: {
              name: fn.name,
              runtime: fn.runtime,
              memorySize: fn.memorySize,
              timeout: fn.timeout,
              handler: fn.handler,
              installDependency: fn.installDependency,
              envVariables: env.values,
              description,
              triggers: fn.triggers,
            },
            functionRootPath: FUNCTIONS_DIST,
            force: false,
          }),
      });
      continue;
    }
    if (seen.Runtime !== fn.runtime)
      problems.add(
        `云函数 ${fn.name} 的运行时是 ${seen.Runtime}，cloudbaserc.json 要求 ${fn.runtime}：运行时不能原地更改，请在控制台删除该函数后重新部署`,
      );
    const codeChanged = !hash || !(seen.Description ?? '').includes(`代码 ${hash}`);
    const current = Object.fromEntries((seen.Environment?.Variables ?? []).map((v) => [v.Key, v.Value]));
    const changedVars = Object.entries(env.values)
      .filter(([k, v]) => current[k] !== v)
      .map(([k]) => `${k}（${k in current ? '更改' : '新'}）`);
    const config: string[] = [];
    if (seen.MemorySize !== fn.memorySize) config.push(`内存 ${seen.MemorySize} → ${fn.memorySize} MB`);
    if (seen.Timeout !== fn.timeout) config.push(`超时 ${seen.Timeout} → ${fn.timeout} 秒`);
    if ((seen.InstallDependency === 'TRUE') !== fn.installDependency)
      config.push(`在线安装依赖 ${fn.installDependency ? '开' : '关'}`);
    if (changedVars.length) config.push(`环境变量 ${changedVars.join('、')}`);
    for (const key of Object.keys(current))
      if (!fn.envVars.some((v) => v.name === key))
        notes.push(`云函数 ${fn.name} 有仓库未声明的环境变量 ${key}（保留）`);
    if (codeChanged)
      steps.push({
        area: '云函数',
        text: `更新云函数 ${fn.name} 的代码（${hash ?? '未构建'}）`,
        apply: (m) =>
          m.functions.updateFunctionCode({
            // isWaitInstall: wait until the dependencies are installed and the function is active again,
            // so the configuration update that follows is not refused as "function updating".
            func: { name: fn.name, installDependency: fn.installDependency, isWaitInstall: true },
            functionRootPath: FUNCTIONS_DIST,
          }),
      });
    if (codeChanged || config.length)
      steps.push({
        area: '云函数',
        text: `更新云函数 ${fn.name} 的配置（${[...config, ...(codeChanged ? ['代码版本说明'] : [])].join('，')}）`,
        apply: async (m) => {
          await m.functions.waitFunctionActive(fn.name);
          return m.functions.updateFunctionConfig({
            name: fn.name,
            memorySize: fn.memorySize,
            timeout: fn.timeout,
            installDependency: fn.installDependency,
            envVariables: { ...current, ...env.values },
            description,
          });
        },
      });
    const seenTriggers = (seen.Triggers ?? []).filter((t) => t.Type === 'timer');
    for (const t of fn.triggers) {
      const s = seenTriggers.find((x) => x.TriggerName === t.name);
      if (s && triggerCron(s) === t.config) continue;
      steps.push({
        area: '定时触发器',
        text: `${s ? '更改' : '创建'}定时触发器 ${fn.name}/${t.name}（${t.config}）`,
        apply: async (m) => {
          await m.functions.waitFunctionActive(fn.name);
          if (s) await m.functions.deleteFunctionTrigger(fn.name, t.name);
          return m.functions.createFunctionTriggers(fn.name, [t]);
        },
      });
    }
    for (const s of seenTriggers)
      if (!fn.triggers.some((t) => t.name === s.TriggerName))
        steps.push({
          area: '定时触发器',
          text: `删除仓库中已没有的定时触发器 ${fn.name}/${s.TriggerName}`,
          apply: (m) => m.functions.deleteFunctionTrigger(fn.name, s.TriggerName),
        });
  }
  for (const name of o.functions.keys())
    if (!manifest.functions.some((f) => f.name === name)) notes.push(`环境中另有云函数 ${name}（保留）`);

  // The HTTP access route WeChat Pay posts its notifications to.
  if (!o.httpServiceEnabled)
    steps.push({ area: 'HTTP 访问', text: '开通 HTTP 访问服务', apply: (m) => m.access.switchAuth(true) });
  for (const r of manifest.httpRoutes) {
    const seen = o.routes.find((x) => x.Path === r.path);
    if (!seen)
      steps.push({
        area: 'HTTP 访问',
        text: `创建 HTTP 访问路径 ${r.path} → 云函数 ${r.functionName}（不鉴权：微信支付的通知不带云开发登录态，由签名验证来源）`,
        apply: (m) => m.access.createAccess({ path: r.path, name: r.functionName, type: 1, auth: r.auth }),
      });
    else if (seen.Name !== r.functionName || seen.Type !== 1)
      problems.add(
        `HTTP 访问路径 ${r.path} 已指向 ${seen.Name}，应指向云函数 ${r.functionName}：请在控制台删除该路径后重新部署`,
      );
    else if (seen.EnableAuth)
      steps.push({
        area: 'HTTP 访问',
        text: `关闭 HTTP 访问路径 ${r.path} 的鉴权（微信支付的通知不带云开发登录态）`,
        apply: (m) => m.access.switchPathAuth({ apiIds: [seen.APIId], auth: false }),
      });
  }
  if (o.connected && !o.domain && wechatPay && !ctx.env.WXPAY_NOTIFY_URL)
    problems.add(
      '无法读取环境的 HTTP 访问服务域名，算不出 WXPAY_NOTIFY_URL：请在控制台开通 HTTP 访问服务，或直接设置 WXPAY_NOTIFY_URL',
    );

  return { steps, problems: [...problems], notes };
}

/** The plan as the operator reads it. */
export function formatPlan(plan: Plan, o: Observed, envId: string): string {
  const lines: string[] = [];
  lines.push(
    o.connected
      ? `部署计划：云开发环境 ${envId}（与环境当前状态比较）`
      : `部署计划：云开发环境 ${envId}（未连接环境：没有 TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY，按空环境列出全部步骤）`,
  );
  if (plan.steps.every((s) => s.reapply))
    lines.push(
      plan.steps.length
        ? `环境已是最新：没有需要更改的内容（${plan.steps.length} 条无法查询的集合安全规则照例重新设置）。`
        : '环境已是最新：没有需要更改的内容。',
    );
  if (plan.steps.length) {
    lines.push(`共 ${plan.steps.length} 步：`);
    plan.steps.forEach((s, i) => lines.push(`  ${String(i + 1).padStart(3)}. [${s.area}] ${s.text}`));
  }
  if (plan.notes.length) {
    lines.push('保留不动：');
    for (const n of plan.notes) lines.push(`  - ${n}`);
  }
  if (plan.problems.length) {
    lines.push(`部署前须解决（${plan.problems.length} 项）：`);
    for (const p of plan.problems) lines.push(`  ✗ ${p}`);
  }
  return lines.join('\n');
}

/** Applies the steps in order; the first failure stops the run (a rerun continues from what is left). */
export async function applyPlan(m: Manager, plan: Plan, log: (line: string) => void): Promise<void> {
  for (const [i, s] of plan.steps.entries()) {
    log(`  ${String(i + 1).padStart(3)}/${plan.steps.length} [${s.area}] ${s.text}`);
    try {
      await s.apply(m);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new Error(
        `第 ${i + 1} 步失败（${s.text}）：${why}。修正后重新运行 npm run deploy，已完成的步骤不会重复。`,
      );
    }
  }
}
