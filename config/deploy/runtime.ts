import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * cloudbaserc.json, the deployment manifest: each function's runtime, memory, timeout and timer triggers.
 * Read by the functions build (its esbuild target), the local scheduler and the deploy plan.
 */
export interface CloudbaseRc {
  version: string;
  envId: string;
  functionRoot: string;
  functions: CloudbaseRcFunction[];
}

export interface CloudbaseRcFunction {
  name: string;
  timeout: number;
  memorySize: number;
  runtime: string;
  handler: string;
  installDependency: boolean;
  triggers?: { name: string; type: string; config: string }[];
}

export const ROOT = path.resolve(__dirname, '../..');

export function readCloudbaseRc(file = path.join(ROOT, 'cloudbaserc.json')): CloudbaseRc {
  return JSON.parse(readFileSync(file, 'utf8')) as CloudbaseRc;
}

/**
 * The Node.js runtimes CloudBase offers for ordinary (event) cloud functions, as listed on
 * https://docs.cloudbase.net/cloud-function/runtime-support ("Node.js | 24.11, 22.21, 20.19, 18.15, 16.13").
 */
export const CLOUDBASE_NODE_RUNTIMES = [
  'Nodejs16.13',
  'Nodejs18.15',
  'Nodejs20.19',
  'Nodejs22.21',
  'Nodejs24.11',
] as const;

/** `Nodejs18.15` → esbuild's `node18.15`, so a bundle uses no syntax or API newer than what it runs on. */
export function esbuildTarget(runtime: string): string {
  if (!(CLOUDBASE_NODE_RUNTIMES as readonly string[]).includes(runtime))
    throw new Error(
      `cloudbaserc.json 中的运行时 ${runtime} 不是云开发提供的 Node.js 运行时（可选：${CLOUDBASE_NODE_RUNTIMES.join('、')}）`,
    );
  return `node${runtime.slice('Nodejs'.length)}`;
}

/** The one runtime all functions share (the build targets it); differing runtimes are refused. */
export function functionsRuntime(rc: CloudbaseRc = readCloudbaseRc()): string {
  const runtimes = [...new Set(rc.functions.map((f) => f.runtime))];
  if (runtimes.length !== 1)
    throw new Error(`cloudbaserc.json 中的云函数应使用同一个运行时，现在是：${runtimes.join('、')}`);
  return runtimes[0] as string;
}
