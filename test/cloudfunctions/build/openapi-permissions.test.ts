import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FUNCTION_NAMES } from '@shared/contracts';
import {
  OPENAPI_BY_PATH,
  OPENAPI_BY_PORT_CALL,
  apiPathsIn,
  openapiPermissions,
  portCallsIn,
} from '../../../config/deploy/openapi';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../../..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return tsFiles(file);
    return /\.tsx?$/.test(name) ? [file] : [];
  });
}

/**
 * 云调用: each function declares in its config.json `permissions.openapi` exactly the WeChat open APIs it
 * calls (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/openapi/openapi.html, 为云函数声明所需调用的接口).
 * The built config.json of every function is compared with the calls found in its source.
 */
describe('open-API permissions in each function’s config.json', () => {
  let out: string;
  const declared = (name: string) =>
    (
      JSON.parse(readFileSync(path.join(out, name, 'config.json'), 'utf8')) as {
        permissions: { openapi: string[] };
      }
    ).permissions.openapi;

  beforeAll(() => {
    out = mkdtempSync(path.join(os.tmpdir(), 'anju-openapi-'));
    execFileSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/build-functions.ts'],
      { cwd: ROOT, stdio: 'pipe', env: { ...process.env, ANJU_FUNCTIONS_OUT: out } },
    );
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it.each(FUNCTION_NAMES)('%s: every open-API call in its source is declared, and nothing else', (name) => {
    const calls = new Set<string>(['subscribeMessage.send']);
    for (const file of tsFiles(path.join(ROOT, 'cloudfunctions', name))) {
      const source = readFileSync(file, 'utf8');
      // wx-server-sdk style `cloud.openapi.X.Y(...)`, should any appear.
      for (const m of source.matchAll(/\bopenapi\.(\w+)\.(\w+)\s*\(/g)) calls.add(`${m[1]}.${m[2]}`);
      for (const call of portCallsIn(source)) calls.add(OPENAPI_BY_PORT_CALL[call] as string);
      for (const p of apiPathsIn(source)) calls.add(OPENAPI_BY_PATH[p] ?? `unknown ${p}`);
    }
    expect(declared(name)).toEqual([...calls].sort());
  });

  it('the account function declares its phone-number and mini-program-code calls; the others only messages', () => {
    expect(declared('account')).toEqual([
      'phonenumber.getPhoneNumber',
      'subscribeMessage.send',
      'wxacode.getUnlimited',
    ]);
    for (const name of FUNCTION_NAMES.filter((n) => n !== 'account'))
      expect(declared(name)).toEqual(['subscribeMessage.send']);
  });

  it('every open API the runtime calls is known, and each port method maps to the API its body calls', () => {
    const runtimeSources = tsFiles(path.join(ROOT, 'cloudfunctions/_runtime')).map((f) =>
      readFileSync(f, 'utf8'),
    );
    const paths = runtimeSources.flatMap(apiPathsIn);
    expect(paths.length).toBeGreaterThanOrEqual(3);
    for (const p of paths) expect(OPENAPI_BY_PATH).toHaveProperty([p]);
    const cloud = readFileSync(path.join(ROOT, 'cloudfunctions/_runtime/cloud-runtime.ts'), 'utf8');
    for (const [call, permission] of Object.entries(OPENAPI_BY_PORT_CALL)) {
      const method = call.split('.')[1] as string;
      const start = cloud.indexOf(`async ${method}(`);
      expect(start).toBeGreaterThan(-1);
      const next = cloud.indexOf('async ', start + 6);
      const body = cloud.slice(start, next === -1 ? undefined : next);
      expect(apiPathsIn(body).map((p) => OPENAPI_BY_PATH[p])).toEqual([permission]);
    }
  });

  it('an open API the tables do not know fails the derivation', () => {
    expect(apiPathsIn("app.callWxOpenApi({ apiName: '/wxa/unknown' })")).toEqual(['/wxa/unknown']);
    expect(portCallsIn('await ctx.rt.people.wxacode(page, code)')).toEqual(['people.wxacode']);
    expect(openapiPermissions(ROOT, 'billing')).toEqual(['subscribeMessage.send']);
  });
});
