import tcb from '@cloudbase/node-sdk';
import { openCloudbaseDatabase } from './db/production-database';
import { districtPolicy } from './district-policy';
import { createJsonLogger } from './logger';
import { createOutboxMessages } from './outbox-message.adapter';
import type { Runtime } from './runtime';
import type { StoragePort } from './storage.port';
import { AppError } from '@shared/errors';
import type { PaymentsPort } from './payments.port';
import type { PeoplePort } from './people.port';
import { idKeysFromEnv } from './id-number';
import { WechatPayProvider, type WechatPayConfig } from '../billing/wechatpay/wechatpay';

/** CloudBase storage behind the storage port (cloud path = key). */
function createCloudStorage(app: ReturnType<typeof tcb.init>): StoragePort {
  return {
    async put(key, bytes) {
      await app.uploadFile({ cloudPath: key, fileContent: Buffer.from(bytes) });
      return { key };
    },
    async get(key) {
      try {
        const res = await app.downloadFile({ fileID: key });
        const content = res.fileContent;
        if (!content) return null;
        return typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content);
      } catch {
        return null;
      }
    },
    async remove(key) {
      await app.deleteFile({ fileList: [key] });
    },
  };
}

/**
 * WeChat Pay from the function's environment variables (set in the CloudBase console, never in the repo):
 * WXPAY_APPID, WXPAY_MCHID, WXPAY_SERIAL, WXPAY_PRIVATE_KEY, WXPAY_PLATFORM_PUBLIC_KEY,
 * WXPAY_PLATFORM_SERIAL, WXPAY_APIV3_KEY and WXPAY_NOTIFY_URL (the billing function's HTTPS access path).
 * Missing settings make payment calls fail with a clear message; nothing else is affected.
 */
function createWechatPayments(now: () => Date): PaymentsPort {
  const env = process.env;
  const config = (): WechatPayConfig => {
    const need = (name: string) => {
      const v = env[name];
      if (!v)
        throw new AppError('UNAVAILABLE', '在线缴费暂未开通（微信支付尚未配置），请到物业服务中心缴费。');
      return v.replace(/\\n/g, '\n');
    };
    return {
      appId: need('WXPAY_APPID'),
      mchId: need('WXPAY_MCHID'),
      merchantSerialNo: need('WXPAY_SERIAL'),
      merchantPrivateKeyPem: need('WXPAY_PRIVATE_KEY'),
      platformPublicKeyPem: need('WXPAY_PLATFORM_PUBLIC_KEY'),
      platformSerial: need('WXPAY_PLATFORM_SERIAL'),
      apiV3Key: need('WXPAY_APIV3_KEY'),
      now,
    };
  };
  let provider: WechatPayProvider | null = null;
  return {
    provider: async () => (provider ??= new WechatPayProvider(config())),
    verifier: async () => config(),
    notifyUrl: env.WXPAY_NOTIFY_URL ?? '',
    sandboxPay: null,
  };
}

/**
 * People settings from the function's environment (CloudBase console): ANJU_ID_KEY, ANJU_ID_HASH_KEY,
 * ANJU_ID_KEY_ID (the ID-number keys) and ANJU_SETUP_CODE (the one-time first-administrator code; remove
 * it once spent). The phone number comes from WeChat's open API `getuserphonenumber`, which the function
 * may call through CloudBase's 云调用 without an access token
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html;
 * the function's config declares `phonenumber.getPhoneNumber` in `permissions.openapi`).
 */
function createCloudPeople(app: ReturnType<typeof tcb.init>): PeoplePort {
  return {
    idKeys() {
      const keys = idKeysFromEnv(process.env);
      if (!keys)
        throw new AppError('UNAVAILABLE', '证件信息加密密钥尚未配置，暂不能办理绑定，请联系住房保障部门。');
      return keys;
    },
    setupCode: () => process.env.ANJU_SETUP_CODE || null,
    async phoneFromCode(code) {
      const res = await app.callWxOpenApi({
        apiName: '/wxa/business/getuserphonenumber',
        requestData: { code },
      });
      const raw: unknown = res.result;
      const body = (
        typeof raw === 'string'
          ? JSON.parse(raw)
          : Buffer.isBuffer(raw)
            ? JSON.parse(raw.toString('utf8'))
            : raw
      ) as { errcode?: number; phone_info?: { purePhoneNumber?: string; countryCode?: string | number } };
      const phone = body?.phone_info?.purePhoneNumber;
      if (body?.errcode || !phone)
        throw new AppError('RULE_VIOLATION', '未能从微信获取手机号，请重新点击“微信手机号验证”。');
      return phone;
    },
  };
}

/**
 * The production runtime: the CloudBase database itself (unwrapped), the OPENID that the platform puts in
 * the function's context, CloudBase storage, and the outbox. Built once per container.
 */
export function createCloudRuntime(): Runtime {
  const env = process.env.TCB_ENV ?? process.env.SCF_NAMESPACE ?? tcb.SYMBOL_CURRENT_ENV;
  const app = tcb.init({ env: env as string });
  const db = openCloudbaseDatabase(env as string);
  return {
    mode: 'cloud',
    db,
    now: () => new Date(),
    identify(context) {
      // Throws on a context that is not the function's own; the handler treats that as no identity.
      const ctx = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]);
      return ctx.WX_OPENID || null;
    },
    firedByTimer(context) {
      // CloudBase sets TRIGGER_SRC=timer in the function's environment when a timer trigger fires; the
      // node-sdk itself relies on it to pick the timer's API token (@cloudbase/node-sdk 3.18.3,
      // src/utils/wxCloudToken.ts: "由定时触发器触发时（TRIGGER_SRC=timer）"). The event's `Type: 'Timer'` is
      // only the shape: a client's callFunction can send the same data but cannot set the environment.
      try {
        const ctx = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]);
        return ctx.TRIGGER_SRC === 'timer';
      } catch {
        return false;
      }
    },
    log: createJsonLogger(),
    policy: districtPolicy(),
    storage: createCloudStorage(app),
    messages: createOutboxMessages(db, () => new Date()),
    payments: createWechatPayments(() => new Date()),
    people: createCloudPeople(app),
  };
}

let cached: Runtime | null = null;
/** Lazily created so that importing a function module never touches the network. */
export function cloudRuntime(): Runtime {
  cached ??= createCloudRuntime();
  return cached;
}
