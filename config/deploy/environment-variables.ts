import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { FunctionName } from '../../shared/contracts';
import { PRESETS } from '../../shared/policy/presets/district.presets';
import { MESSAGE_TEMPLATES } from '../messages';
import { parsePlatformKeys } from '../../cloudfunctions/billing/wechatpay/wechatpay';

/**
 * THE list of environment variables the cloud functions read (one entry per variable). `npm run deploy`
 * sets exactly these on the functions named, checks every value before it changes anything, and stops
 * naming whatever is missing or wrong. A function that reads a new variable (an SMS key, a subscription
 * template id, an encryption key…) declares it here and nowhere else; the deploy test fails for a
 * `process.env.X` in cloudfunctions/ that is not declared.
 *
 * Values come from the shell that runs the deploy (`export WXPAY_MCHID=…`); a value the operator does not
 * give again is kept from what the function already has, so secrets need not be typed on every run. They
 * are never printed: the plan says only 已设置 / 将更改.
 */
export interface EnvVarDeclaration {
  name: string;
  /** The functions that read it. */
  functions: readonly FunctionName[] | 'all';
  /** What it is, for the operator (Chinese, shown when it is missing or wrong). */
  description: string;
  /** Never shown, not even in part. */
  secret: boolean;
  /** Given by the operator, or computed by the deploy itself (e.g. the notify URL from the HTTP route). */
  source: 'operator' | 'derived';
  /**
   * Optional features: a variable in a feature the operator switched off (`--without wechat-pay`) is not
   * required; every other declared variable is.
   */
  feature?: 'wechat-pay';
  /**
   * May be left unset: the feature it serves then degrades as its description says (e.g. without a
   * subscription template id, that kind of message reaches people through the inbox only).
   */
  optional?: true;
  /** A Chinese description of what is wrong with the value, or null when it is acceptable. */
  check?: (value: string, all: Readonly<Record<string, string | undefined>>) => string | null;
}

/** Features the operator may leave out of a deployment, with what leaving them out means. */
export const OPTIONAL_FEATURES = {
  'wechat-pay': '不开通微信支付在线缴费（租户到物业服务中心缴费；缴费页会说明在线缴费暂未开通）',
} as const;
export type OptionalFeature = keyof typeof OPTIONAL_FEATURES;

/** The path of the HTTP access route WeChat Pay posts its notifications to (the billing function). */
export const PAY_NOTIFY_PATH = '/billing/notify';

const pem = (v: string) => v.replace(/\\n/g, '\n');

export const ENV_VARS: readonly EnvVarDeclaration[] = [
  {
    name: 'ANJU_POLICY',
    functions: 'all',
    description: `本区采用的政策预设（可选：${Object.keys(PRESETS).join('、')}）`,
    secret: false,
    source: 'operator',
    check: (v) => (v in PRESETS ? null : `不是已有的政策预设（可选：${Object.keys(PRESETS).join('、')}）`),
  },
  {
    name: 'WXPAY_APPID',
    functions: ['billing'],
    description: '微信支付绑定的小程序 AppID（与 project.config.json 的 appid 相同）',
    secret: false,
    source: 'operator',
    feature: 'wechat-pay',
    check: (v) => (/^wx[0-9a-f]{16}$/.test(v) ? null : '应为 wx 开头的 18 位小程序 AppID'),
  },
  {
    name: 'WXPAY_MCHID',
    functions: ['billing'],
    description: '微信支付商户号',
    secret: false,
    source: 'operator',
    feature: 'wechat-pay',
    check: (v) => (/^\d{8,12}$/.test(v) ? null : '应为纯数字的商户号'),
  },
  {
    name: 'WXPAY_SERIAL',
    functions: ['billing'],
    description: '商户 API 证书序列号',
    secret: false,
    source: 'operator',
    feature: 'wechat-pay',
    check: (v) => (/^[0-9A-Fa-f]{32,40}$/.test(v) ? null : '应为 32–40 位十六进制的证书序列号'),
  },
  {
    name: 'WXPAY_PRIVATE_KEY',
    functions: ['billing'],
    description: '商户 API 私钥（apiclient_key.pem 的全文，换行可写成 \\n）',
    secret: true,
    source: 'operator',
    feature: 'wechat-pay',
    check: (v) => {
      try {
        createPrivateKey(pem(v));
        return null;
      } catch {
        return '不是可读取的 PEM 私钥';
      }
    },
  },
  {
    name: 'WXPAY_PLATFORM_PUBLIC_KEY',
    functions: ['billing'],
    description: '微信支付平台公钥（PEM 全文，换行可写成 \\n）',
    secret: false,
    source: 'operator',
    feature: 'wechat-pay',
    check: (v) => {
      try {
        createPublicKey(pem(v));
        return null;
      } catch {
        return '不是可读取的 PEM 公钥';
      }
    },
  },
  {
    name: 'WXPAY_PLATFORM_SERIAL',
    functions: ['billing'],
    description: '微信支付平台公钥 ID（PUB_KEY_ID_ 开头）或平台证书序列号',
    secret: false,
    source: 'operator',
    feature: 'wechat-pay',
    check: (v) =>
      /^(PUB_KEY_ID_\w+|[0-9A-Fa-f]{32,40})$/.test(v) ? null : '应为 PUB_KEY_ID_ 开头的公钥 ID 或证书序列号',
  },
  {
    name: 'WXPAY_PLATFORM_KEYS',
    functions: ['billing'],
    // During a switch (平台证书 → 微信支付公钥, or a new platform certificate) WeChat Pay may sign with the old
    // or the new key; both must verify until the switch is over
    // (https://pay.weixin.qq.com/doc/v3/merchant/4012154180, 如何从平台证书切换成微信支付公钥).
    description:
      '切换期间同时接受的其他微信支付平台公钥或平台证书：JSON 列表 [{"serial":"…","pem":"…"}]，或“序列号=PEM”多项用分号分隔（不切换时不设置；切换完成后删去旧的）',
    secret: false,
    source: 'operator',
    feature: 'wechat-pay',
    optional: true,
    check: (v, all) => {
      try {
        const keys = parsePlatformKeys(v);
        if (keys.some((k) => k.serial === all.WXPAY_PLATFORM_SERIAL))
          return '不要重复列出 WXPAY_PLATFORM_SERIAL 已指定的公钥';
        return null;
      } catch (err) {
        return err instanceof Error ? err.message : '格式不正确';
      }
    },
  },
  {
    name: 'WXPAY_APIV3_KEY',
    functions: ['billing'],
    // AES-256-GCM needs a 32-byte key: the APIv3 key is 32 characters
    // (https://pay.weixin.qq.com/wiki/doc/apiv3/wechatpay/wechatpay4_2.shtml, 证书和回调报文解密).
    description: '商户 APIv3 密钥（32 个字符）',
    secret: true,
    source: 'operator',
    feature: 'wechat-pay',
    check: (v) => (Buffer.byteLength(v, 'utf8') === 32 ? null : '应为 32 个字符（AES-256 密钥）'),
  },
  {
    name: 'WXPAY_NOTIFY_URL',
    functions: ['billing'],
    // notify_url: reachable from the internet, https, no query string
    // (https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter3_5_1.shtml, JSAPI下单 notify_url).
    description: `微信支付结果通知地址：环境的 HTTP 访问服务域名 + ${PAY_NOTIFY_PATH}（部署时自动算出；绑定了自定义域名时可自行设置）`,
    secret: false,
    source: 'derived',
    feature: 'wechat-pay',
    check: (v) => {
      let url: URL;
      try {
        url = new URL(v);
      } catch {
        return '不是网址';
      }
      if (url.protocol !== 'https:') return '必须是 https 地址（微信支付要求）';
      if (url.search || url.hash) return '不能带查询参数（微信支付要求）';
      if (url.pathname !== PAY_NOTIFY_PATH)
        return `路径应为 ${PAY_NOTIFY_PATH}（账单云函数的 HTTP 访问路径）`;
      return null;
    },
  },
  // People (README: People and personal information): the account function is the only one that seals or
  // opens ID numbers (cloudfunctions/_runtime/id-number.ts) and takes the first administrator's setup code.
  ...(['ANJU_ID_KEY', 'ANJU_ID_HASH_KEY'] as const).map((name): EnvVarDeclaration => ({
    name,
    functions: ['account'],
    description:
      name === 'ANJU_ID_KEY'
        ? '身份证号加密密钥（32 字节，base64；可用 openssl rand -base64 32 生成，丢失后已加密的号码无法读出）'
        : '身份证号查询用的 HMAC 密钥（32 字节，base64；与加密密钥不同）',
    secret: true,
    source: 'operator',
    check: (v, all) => {
      if (Buffer.from(v, 'base64').length !== 32 || !/^[A-Za-z0-9+/]+={0,2}$/.test(v))
        return '应为 32 字节的 base64（如 openssl rand -base64 32 的输出）';
      if (name === 'ANJU_ID_HASH_KEY' && v === all.ANJU_ID_KEY) return '不能与 ANJU_ID_KEY 相同';
      return null;
    },
  })),
  {
    name: 'ANJU_ID_KEY_ID',
    functions: ['account'],
    description: '当前身份证号加密密钥的编号（默认 k1；更换密钥时改为新编号）',
    secret: false,
    source: 'operator',
    optional: true,
    check: (v) => (/^[A-Za-z0-9_-]{1,16}$/.test(v) ? null : '应为 1–16 个字母、数字、-、_'),
  },
  {
    name: 'ANJU_SETUP_CODE',
    functions: ['account'],
    description: '首位管理员的一次性设置码（在小程序“初始设置”页输入一次后作废）',
    secret: true,
    source: 'operator',
    check: (v) => (v.length >= 8 && v.length <= 64 ? null : '应为 8–64 个字符'),
  },
  // Messages (config/messages.ts, README 消息): every function queues messages and sends them right after
  // the event, so every function reads the template ids and the SMS settings. All optional: an unset
  // template sends that kind to the inbox only; without SMS settings urgent alerts reach the inbox only.
  ...Object.values(MESSAGE_TEMPLATES).flatMap((t): EnvVarDeclaration[] => [
    {
      name: t.envVar,
      functions: 'all',
      description: `订阅消息模板 ID（小程序后台公共模板库“${t.consoleTitle}”；不设置时此类消息只进消息页）`,
      secret: false,
      source: 'operator',
      optional: true,
      check: (v) => (/^[A-Za-z0-9_-]{10,64}$/.test(v) ? null : '不像订阅消息模板 ID（字母、数字、-、_）'),
    },
    ...(t.sms
      ? [
          {
            name: t.sms.envVar,
            functions: 'all' as const,
            description: `腾讯云短信正文模板 ID（${t.consoleTitle}的紧急短信；不设置时只进消息页）`,
            secret: false,
            source: 'operator' as const,
            optional: true as const,
            check: (v: string) => (/^\d{1,12}$/.test(v) ? null : '应为数字模板 ID'),
          },
        ]
      : []),
  ]),
  {
    name: 'SMS_SDK_APP_ID',
    functions: 'all',
    description: '腾讯云短信应用 SdkAppId（紧急提醒短信；不设置时紧急提醒只进消息页）',
    secret: false,
    source: 'operator',
    optional: true,
    check: (v) => (/^14\d{8}$/.test(v) ? null : '应为 14 开头的 10 位 SdkAppId'),
  },
  {
    name: 'SMS_SIGN_NAME',
    functions: 'all',
    description: '腾讯云短信签名内容（已审核通过的签名）',
    secret: false,
    source: 'operator',
    optional: true,
    check: (v) =>
      v.length >= 2 && v.length <= 12 && !/[【】\s]/.test(v) ? null : '应为 2–12 个字、不带【】的签名',
  },
  {
    name: 'SMS_REGION',
    functions: 'all',
    description: '腾讯云短信地域（默认 ap-guangzhou）',
    secret: false,
    source: 'operator',
    optional: true,
    check: (v) => (/^ap-[a-z]+$/.test(v) ? null : '应为 ap- 开头的地域，如 ap-guangzhou'),
  },
  {
    name: 'WX_MINIPROGRAM_STATE',
    functions: 'all',
    description: '订阅消息跳转的小程序版本：formal（正式版，默认）、trial（体验版）或 developer（开发版）',
    secret: false,
    source: 'operator',
    optional: true,
    check: (v) => (['formal', 'trial', 'developer'].includes(v) ? null : '应为 formal、trial 或 developer'),
  },
];

/** The declared variables a function gets. */
export function envVarsOf(fn: FunctionName): EnvVarDeclaration[] {
  return ENV_VARS.filter((v) => v.functions === 'all' || v.functions.includes(fn));
}
