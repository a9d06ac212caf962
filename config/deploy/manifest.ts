import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CreateIndex, ICloudFunctionTrigger } from '@cloudbase/manager-node/types/interfaces';
import type { IStorageAclRule } from '@cloudbase/manager-node/types/storage';
import { COLLECTIONS } from '../../shared/collections';
import { FUNCTION_NAMES, type FunctionName } from '../../shared/contracts';
import { FUNCTIONS } from '../../cloudfunctions/registry';
import { indexDefinitions, toCreateIndexes, type IndexDefinitions } from '../database/indexes';
import { ENV_VARS, envVarsOf, PAY_NOTIFY_PATH, type EnvVarDeclaration } from './environment-variables';
import { CLOUDBASE_NODE_RUNTIMES, readCloudbaseRc, ROOT, type CloudbaseRc } from './runtime';

/**
 * What a CloudBase environment must hold for Anju, derived from the repository's single sources and
 * nothing else: the functions from `shared/contracts` (names), `cloudbaserc.json` (runtime, memory,
 * timeout, timer triggers) and the code's own `defineFunction(…, { timers, http })`; the collections from
 * `shared/collections.ts`; their indexes from `config/database/indexes.ts`; the security rules from
 * `config/security/`; the environment variables from `config/deploy/environment-variables.ts`.
 * Another part's new collection, index, timer or variable therefore reaches the deploy with no change here.
 */
export interface DesiredFunction {
  name: FunctionName;
  runtime: string;
  memorySize: number;
  timeout: number;
  handler: string;
  installDependency: boolean;
  /** Timer triggers, in the shape `createFunctionTriggers` takes. */
  triggers: ICloudFunctionTrigger[];
  envVars: EnvVarDeclaration[];
}

export interface DesiredCollection {
  name: string;
  /** In the shape `updateCollection(name, { CreateIndexes })` takes. */
  indexes: CreateIndex[];
}

export interface HttpRoute {
  path: string;
  functionName: FunctionName;
  /**
   * CloudBase HTTP access auth switch. With auth on, a request without a CloudBase login credential fails
   * (https://cloud.tencent.com/document/product/876/44225, HTTP 访问鉴权); WeChat Pay's servers carry none,
   * so the notify route must be open, and the function proves the sender by the payment signature instead.
   * Route → function: https://docs.cloudbase.net/service/access-cloud-function.
   */
  auth: false;
}

export interface DeployManifest {
  functions: DesiredFunction[];
  collections: DesiredCollection[];
  /** Applied to every collection (JSON text, as ModifyResourcePermission takes it). */
  databaseRule: string;
  storageRule: IStorageAclRule;
  httpRoutes: HttpRoute[];
  envVars: readonly EnvVarDeclaration[];
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as T;
}

/**
 * Where the sources disagree (a timer in the code with no trigger in cloudbaserc.json, a function missing
 * from it, an index for a collection that does not exist…): each problem in Chinese, naming the file.
 */
export function manifestProblems(
  rc: CloudbaseRc = readCloudbaseRc(),
  indexes: IndexDefinitions = indexDefinitions,
): string[] {
  const problems: string[] = [];
  const rcNames = rc.functions.map((f) => f.name);
  for (const name of FUNCTION_NAMES)
    if (!rcNames.includes(name))
      problems.push(`cloudbaserc.json 缺少云函数 ${name}（shared/contracts 中有它）`);
  for (const name of rcNames)
    if (!(FUNCTION_NAMES as string[]).includes(name))
      problems.push(`cloudbaserc.json 中的云函数 ${name} 在 shared/contracts 中不存在`);
  for (const f of rc.functions) {
    if (!(CLOUDBASE_NODE_RUNTIMES as readonly string[]).includes(f.runtime))
      problems.push(`cloudbaserc.json 中 ${f.name} 的运行时 ${f.runtime} 不是云开发提供的 Node.js 运行时`);
    const code = FUNCTIONS[f.name as FunctionName]?.platformEvents.timers ?? [];
    const declared = (f.triggers ?? []).filter((t) => t.type === 'timer').map((t) => t.name);
    for (const t of code)
      if (!declared.includes(t))
        problems.push(`云函数 ${f.name} 的定时任务 ${t} 在 cloudbaserc.json 中没有定时触发器`);
    for (const t of declared)
      if (FUNCTIONS[f.name as FunctionName] && !code.includes(t))
        problems.push(`cloudbaserc.json 中 ${f.name} 的定时触发器 ${t} 在代码的 timers 中没有对应任务`);
    for (const t of f.triggers ?? [])
      if (t.type !== 'timer')
        problems.push(`cloudbaserc.json 中 ${f.name} 的触发器 ${t.name} 不是定时触发器`);
      else if (t.config.trim().split(/\s+/).length !== 7)
        problems.push(`cloudbaserc.json 中 ${f.name}/${t.name} 的 cron 应有 7 个字段：${t.config}`);
  }
  const collections = Object.values(COLLECTIONS) as string[];
  for (const name of Object.keys(indexes))
    if (!collections.includes(name))
      problems.push(
        `config/database/indexes.ts 为不存在的集合 ${name} 声明了索引（集合列在 shared/collections.ts）`,
      );
  for (const [name, list] of Object.entries(indexes)) {
    const seen = new Set<string>();
    for (const ix of list ?? []) {
      if (seen.has(ix.name))
        problems.push(`config/database/indexes.ts：集合 ${name} 有两个名为 ${ix.name} 的索引`);
      seen.add(ix.name);
      if (ix.name === '_id_') problems.push(`config/database/indexes.ts：索引名 _id_ 由云开发保留`);
    }
  }
  const httpFunctions = FUNCTION_NAMES.filter((n) => FUNCTIONS[n].platformEvents.http);
  if (httpFunctions.join() !== 'billing')
    problems.push(
      `只有账单云函数（billing）应接收 HTTP 访问请求，现在是：${httpFunctions.join('、') || '无'}`,
    );
  return problems;
}

export function deployManifest(rc: CloudbaseRc = readCloudbaseRc()): DeployManifest {
  const functions = FUNCTION_NAMES.map((name): DesiredFunction => {
    const f = rc.functions.find((x) => x.name === name);
    if (!f) throw new Error(`cloudbaserc.json 缺少云函数 ${name}`);
    return {
      name,
      runtime: f.runtime,
      memorySize: f.memorySize,
      timeout: f.timeout,
      handler: f.handler,
      installDependency: f.installDependency,
      triggers: (f.triggers ?? [])
        .filter((t) => t.type === 'timer')
        .map((t) => ({ name: t.name, type: 'timer', config: t.config })),
      envVars: envVarsOf(name),
    };
  });
  const collections = (Object.values(COLLECTIONS) as string[]).map((name) => ({
    name,
    indexes: toCreateIndexes(indexDefinitions[name as keyof IndexDefinitions] ?? []),
  }));
  return {
    functions,
    collections,
    databaseRule: JSON.stringify(readJson<object>('config/security/database.rules.json')),
    storageRule: readJson<IStorageAclRule>('config/security/storage.rules.json'),
    // One route for every WeChat Pay notification: payments (TRANSACTION.SUCCESS) and refunds (REFUND.SUCCESS /
    // REFUND.ABNORMAL / REFUND.CLOSED, the refund request names this URL as its notify_url). The billing
    // function verifies each the same way, then tells them apart by resource.original_type and event_type.
    httpRoutes: [{ path: PAY_NOTIFY_PATH, functionName: 'billing', auth: false }],
    envVars: ENV_VARS,
  };
}
