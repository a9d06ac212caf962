import tcb from '@cloudbase/node-sdk';
import { openCloudbaseDatabase } from './db/production-database';
import { districtPolicy } from './district-policy';
import { createJsonLogger, type Logger } from './logger';
import { createCloudNotifyChannels } from './cloud-notify.adapter';
import { createOutboxMessages } from './outbox-message.adapter';
import type { Runtime } from './runtime';
import { StorageError, TEMP_URL_SECONDS, type StoragePort } from './storage.port';
import { AppError } from '@shared/errors';
import { logWechatPayFailure, type PaymentsPort } from './payments.port';
import type { PeoplePort } from './people.port';
import { idKeysFromEnv } from './id-number';
import { WechatPayProvider, parsePlatformKeys, type WechatPayConfig } from '../billing/wechatpay/wechatpay';

/** The node-sdk storage calls the adapter makes (a test passes a stand-in with the same shapes). */
type CloudStorageCalls = 'uploadFile' | 'downloadFile' | 'getTempFileURL' | 'deleteFile';

/** The code of a failed CloudBase storage call (the SDK throws errors carrying `code`). */
const codeOf = (err: unknown): string =>
  err && typeof err === 'object' && typeof (err as { code?: unknown }).code === 'string'
    ? (err as { code: string }).code
    : 'STORAGE_REQUEST_FAIL';

/**
 * CloudBase storage behind the storage port, by file ID (@cloudbase/node-sdk 3.18.3, types/index.d.ts:
 * `uploadFile({ cloudPath, fileContent })` → `{ fileID }`; `downloadFile({ fileID })`;
 * `getTempFileURL({ fileList: [{ fileID, maxAge }] })` → per-file `code` and `tempFileURL`;
 * `deleteFile({ fileList: fileIDs })`). https://docs.cloudbase.net/storage/sdk
 */
export function createCloudStorage(app: Pick<ReturnType<typeof tcb.init>, CloudStorageCalls>): StoragePort {
  return {
    async upload(cloudPath, bytes) {
      const res = await app.uploadFile({ cloudPath, fileContent: Buffer.from(bytes) });
      if (!res.fileID) throw new StorageError('STORAGE_REQUEST_FAIL', '文件上传失败。');
      return res.fileID;
    },
    async download(fileId) {
      let content: string | Buffer | undefined;
      try {
        content = (await app.downloadFile({ fileID: fileId })).fileContent;
      } catch (err) {
        throw new StorageError(codeOf(err), '文件读取失败。');
      }
      if (content === undefined) throw new StorageError('STORAGE_FILE_NONEXIST', '文件不存在。');
      return typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content);
    },
    async tempUrl(fileId, maxAgeSeconds = TEMP_URL_SECONDS) {
      const res = await app.getTempFileURL({ fileList: [{ fileID: fileId, maxAge: maxAgeSeconds }] });
      const item = res.fileList?.[0];
      if (!item || item.code !== 'SUCCESS' || !item.tempFileURL)
        throw new StorageError(item?.code || 'STORAGE_FILE_NONEXIST', '文件不存在。');
      return item.tempFileURL;
    },
    async remove(fileIds) {
      if (fileIds.length === 0) return;
      await app.deleteFile({ fileList: fileIds });
    },
  };
}

/**
 * WeChat Pay from the function's environment variables (set in the CloudBase console, never in the repo):
 * WXPAY_APPID, WXPAY_MCHID, WXPAY_SERIAL, WXPAY_PRIVATE_KEY, WXPAY_PLATFORM_PUBLIC_KEY,
 * WXPAY_PLATFORM_SERIAL, WXPAY_APIV3_KEY and WXPAY_NOTIFY_URL (the billing function's HTTPS access path);
 * WXPAY_PLATFORM_KEYS (optional) lists more platform keys accepted during a switch
 * (https://pay.weixin.qq.com/doc/v3/merchant/4012154180). Every failed call is logged with WeChat Pay's
 * Request-ID and error code. Missing settings make payment calls fail with a clear message; nothing else is
 * affected.
 */
function createWechatPayments(now: () => Date, log: Logger): PaymentsPort {
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
      extraPlatformKeys: parsePlatformKeys(env.WXPAY_PLATFORM_KEYS ?? ''),
      apiV3Key: need('WXPAY_APIV3_KEY'),
      now,
    };
  };
  let provider: WechatPayProvider | null = null;
  return {
    provider: async () =>
      (provider ??= new WechatPayProvider({ ...config(), onFailure: (f) => logWechatPayFailure(log, f) })),
    verifier: async () => config(),
    notifyUrl: env.WXPAY_NOTIFY_URL ?? '',
    sandboxPay: null,
    sandboxSettleRefund: null,
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
    /**
     * wxacode.getUnlimited through 云调用 (the function's config declares `wxacode.getUnlimited` in
     * `permissions.openapi`; https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/getUnlimitedQRCode.html).
     * The node-sdk's `callWxOpenApi` decodes the answer as text (src/wx/index.ts: `JSON.parse(res.data.responseData)`),
     * which would spoil an image; `callCompatibleWxOpenApi` answers the raw body ("正常内容为buffer，报错为json",
     * @cloudbase/node-sdk src/wx/index.ts), so the image is read from there and told from an error by its bytes.
     */
    async wxacode(page, scene) {
      const refused = new AppError('UNAVAILABLE', '暂时无法生成小程序码，请稍后再试，或把邀请码发给受邀人。');
      const res: unknown = await app.callCompatibleWxOpenApi({
        apiName: '/wxa/getwxacodeunlimit',
        requestData: Buffer.from(
          JSON.stringify({ scene, page, check_path: false, env_version: 'release', width: 430 }),
        ),
      });
      const bytes = Buffer.isBuffer(res) ? res : res instanceof Uint8Array ? Buffer.from(res) : null;
      if (!bytes) throw refused;
      const contentType = imageType(bytes);
      if (!contentType) throw refused; // a JSON error ({ errcode, errmsg }) instead of an image
      return { bytes: new Uint8Array(bytes), contentType };
    },
  };
}

/** PNG or JPEG by the file's signature (https://www.w3.org/TR/png/#5PNG-file-signature; JPEG starts FF D8 FF). */
function imageType(b: Buffer): string | null {
  if (b.length > 8 && b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a)
    return 'image/png';
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  return null;
}

/**
 * The production runtime: the CloudBase database itself (unwrapped), the OPENID that the platform puts in
 * the function's context, CloudBase storage, and the outbox. Built once per container.
 */
export function createCloudRuntime(): Runtime {
  const env = process.env.TCB_ENV ?? process.env.SCF_NAMESPACE ?? tcb.SYMBOL_CURRENT_ENV;
  const app = tcb.init({ env: env as string });
  const db = openCloudbaseDatabase(env as string);
  const now = () => new Date();
  const log = createJsonLogger();
  const notify = createCloudNotifyChannels(app, process.env);
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
    log,
    policy: districtPolicy(),
    storage: createCloudStorage(app),
    messages: createOutboxMessages({ db, channels: notify, now, log }),
    notify,
    payments: createWechatPayments(() => new Date(), log),
    people: createCloudPeople(app),
  };
}

let cached: Runtime | null = null;
/** Lazily created so that importing a function module never touches the network. */
export function cloudRuntime(): Runtime {
  cached ??= createCloudRuntime();
  return cached;
}
