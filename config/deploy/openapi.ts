import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The WeChat open APIs the functions call through CloudBase's 云调用, and how each function's `config.json`
 * declares them. 云调用 requires every cloud function to list the APIs it calls in the `permissions.openapi`
 * field of its config.json ("为云函数声明所需调用的接口":
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/openapi/openapi.html). The list is derived
 * from the code, not written by hand: `scripts/build-functions.ts` writes it, and
 * `test/cloudfunctions/build/openapi-permissions.test.ts` checks it against the calls in the source.
 */

/** Each open API the runtime calls (`apiName` of `callWxOpenApi` / `callCompatibleWxOpenApi`) → its permission name. */
export const OPENAPI_BY_PATH: Record<string, string> = {
  // https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
  '/cgi-bin/message/subscribe/send': 'subscribeMessage.send',
  // https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html
  '/wxa/business/getuserphonenumber': 'phonenumber.getPhoneNumber',
  // https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/getUnlimitedQRCode.html
  '/wxa/getwxacodeunlimit': 'wxacode.getUnlimited',
};

/**
 * The runtime's port methods that make an open-API call (cloudfunctions/_runtime/cloud-runtime.ts), as a
 * service calls them (`rt.people.phoneFromCode(...)`).
 */
export const OPENAPI_BY_PORT_CALL: Record<string, string> = {
  'people.phoneFromCode': 'phonenumber.getPhoneNumber',
  'people.wxacode': 'wxacode.getUnlimited',
};

/**
 * Declared by every function: any function may queue a message, and the outbox sends it at once through
 * subscribeMessage.send (cloudfunctions/_runtime/cloud-notify.adapter.ts, outbox-message.adapter.ts).
 */
export const OPENAPI_EVERY_FUNCTION = ['subscribeMessage.send'] as const;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(name) ? [file] : [];
  });
}

/** `rt.people.phoneFromCode(` and the like in a source text: the port calls it makes. */
export function portCallsIn(source: string): string[] {
  const out = new Set<string>();
  for (const call of Object.keys(OPENAPI_BY_PORT_CALL)) {
    const [port, method] = call.split('.') as [string, string];
    if (new RegExp(`\\.${port}\\s*\\.\\s*${method}\\s*\\(`).test(source)) out.add(call);
  }
  return [...out];
}

/** The `apiName: '/…'` paths a source text calls. */
export function apiPathsIn(source: string): string[] {
  return [...source.matchAll(/apiName:\s*['"`](\/[^'"`]+)['"`]/g)].map((m) => m[1] as string);
}

/**
 * The open APIs function `name` calls, sorted: every function's, plus those of the port calls in its own
 * folder (cloudfunctions/<name>/). Throws on a call the tables above do not know.
 */
export function openapiPermissions(root: string, name: string): string[] {
  const out = new Set<string>(OPENAPI_EVERY_FUNCTION);
  for (const file of sourceFiles(path.join(root, 'cloudfunctions', name))) {
    const source = readFileSync(file, 'utf8');
    for (const call of portCallsIn(source)) out.add(OPENAPI_BY_PORT_CALL[call] as string);
    for (const apiPath of apiPathsIn(source)) {
      const permission = OPENAPI_BY_PATH[apiPath];
      if (!permission) throw new Error(`${file}: 未登记的云调用接口 ${apiPath}（config/deploy/openapi.ts）`);
      out.add(permission);
    }
  }
  return [...out].sort();
}
