import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OPTIONAL_FEATURES, type OptionalFeature } from '../../config/deploy/environment-variables';
import { deployManifest, manifestProblems } from '../../config/deploy/manifest';
import { ROOT } from '../../config/deploy/runtime';
import { FUNCTION_NAMES } from '../../shared/contracts';
import { CREDENTIAL_VARS, hasCredentials, type Manager } from './manager';
import { applyPlan, bundleHash, computePlan, emptyEnvironment, formatPlan, observe, type Plan } from './plan';

type Env = Readonly<Record<string, string | undefined>>;

/** The one variable that names the CloudBase environment for every part: functions, client build, deploy. */
export const ENV_ID_VAR = 'ANJU_ENV_ID';

/**
 * A sanity check of the id's shape (as the console shows ids: lowercase letters, digits and hyphens, e.g.
 * `anju-prod-3g5x7a1b`), to catch a pasted name or URL; whether the environment exists is the API's answer.
 */
export function envIdProblem(envId: string | undefined): string | null {
  if (!envId)
    return `缺少 ${ENV_ID_VAR}：请设置为云开发环境 ID（云开发控制台 → 环境 → 环境 ID），例如 export ${ENV_ID_VAR}=anju-prod-xxxx`;
  if (!/^[a-z][a-z0-9-]{2,63}$/.test(envId))
    return `${ENV_ID_VAR}（${envId}）不是云开发环境 ID 的格式（小写字母开头，只含小写字母、数字和 -）`;
  return null;
}

export interface DeployIo {
  argv: readonly string[];
  env: Env;
  log: (line: string) => void;
  /** Builds the function bundles (scripts/build-functions.ts). */
  buildFunctions: () => void;
  /** Builds the mini-program for this environment (after a real deploy). */
  buildWeapp: (envId: string) => void;
  /** The manager for the environment, or null without credentials. */
  connect: (envId: string) => Promise<Manager | null>;
  /** project.config.json's appid (read from the file unless given). */
  projectAppId?: string;
  /** A built bundle's hash (read from dist/cloudfunctions unless given). */
  bundleHash?: (name: string) => string | null;
}

export interface DeployArgs {
  dryRun: boolean;
  without: OptionalFeature[];
}

export function parseArgs(argv: readonly string[]): DeployArgs | string {
  const args: DeployArgs = { dryRun: false, without: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--dry-run') args.dryRun = true;
    else if (a === '--without') {
      const f = argv[++i];
      if (!f || !(f in OPTIONAL_FEATURES))
        return `--without 后应是 ${Object.keys(OPTIONAL_FEATURES).join('、')} 之一`;
      args.without.push(f as OptionalFeature);
    } else
      return `不认识的参数 ${a}（可用：--dry-run、--without ${Object.keys(OPTIONAL_FEATURES).join('|')}）`;
  }
  return args;
}

function projectAppId(): string {
  const cfg = JSON.parse(readFileSync(path.join(ROOT, 'project.config.json'), 'utf8')) as { appid?: string };
  return cfg.appid ?? '';
}

/**
 * `npm run deploy [-- --dry-run] [--without wechat-pay]`: checks the settings, builds the function
 * bundles, reads the environment, prints the plan (the difference), and — unless it is a dry run or
 * something is missing or wrong — applies it, checks that nothing is left to do, and builds the
 * mini-program for the environment. Returns the exit code.
 */
export async function runDeploy(io: DeployIo): Promise<number> {
  const { log, env } = io;
  const args = parseArgs(io.argv);
  if (typeof args === 'string') {
    log(args);
    return 2;
  }
  const envId = env[ENV_ID_VAR];
  const idProblem = envIdProblem(envId);
  if (idProblem) {
    log(`✗ ${idProblem}`);
    log('部署已停止：没有更改任何东西。');
    return 1;
  }
  const repoProblems = manifestProblems();
  if (repoProblems.length) {
    for (const p of repoProblems) log(`✗ ${p}`);
    log('仓库中的部署配置不一致，部署已停止：没有更改任何东西。');
    return 1;
  }
  for (const f of args.without) log(`不部署：${OPTIONAL_FEATURES[f]}`);

  io.buildFunctions();
  const manifest = deployManifest();
  const manager = await io.connect(envId as string);
  const observed = manager ? await observe(manager, envId as string) : emptyEnvironment();
  const context = {
    envId: envId as string,
    env,
    without: args.without,
    projectAppId: io.projectAppId ?? projectAppId(),
    hashes: Object.fromEntries(FUNCTION_NAMES.map((n) => [n, (io.bundleHash ?? bundleHash)(n)])),
  };
  const plan: Plan = computePlan(manifest, observed, context);
  if (!manager && !args.dryRun)
    plan.problems.unshift(
      `缺少云开发的 API 密钥：请设置 ${CREDENTIAL_VARS.join(' 和 ')}（腾讯云控制台 → 访问管理 → API 密钥）`,
    );
  log(formatPlan(plan, observed, envId as string));

  if (args.dryRun) {
    log(
      plan.problems.length
        ? '这是预演（--dry-run）：没有更改任何东西。正式部署前须先解决上面列出的问题。'
        : '这是预演（--dry-run）：没有更改任何东西。',
    );
    return 0;
  }
  if (plan.problems.length) {
    log('部署已停止：没有更改任何东西。');
    return 1;
  }
  const m = manager as Manager;
  if (plan.steps.length) {
    log('开始部署：');
    await applyPlan(m, plan, log);
    const after = computePlan(manifest, await observe(m, envId as string), context);
    const left = after.steps.filter((s) => !s.reapply);
    if (left.length) {
      log('部署后复查：环境仍与仓库不同：');
      left.forEach((s) => log(`  - [${s.area}] ${s.text}`));
      return 1;
    }
    log(`部署完成：共 ${plan.steps.length} 步，复查无差异。`);
  }
  io.buildWeapp(envId as string);
  log(`小程序已按环境 ${envId} 构建到 dist/weapp：用微信开发者工具打开本目录，上传并提交审核。`);
  return 0;
}

export { hasCredentials };
