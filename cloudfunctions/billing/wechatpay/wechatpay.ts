/**
 * WeChat Pay API v3 for JSAPI (mini-program) rent payments: request signing, response and notification
 * verification, AES-256-GCM resource decryption, and the client `paySign`.
 *
 * Library decision: node:crypto, no WeChat Pay library. Evaluated (npm, 2026-11):
 * - wechatpay-axios-plugin 0.9.6 (well kept, MIT): its Rsa/Aes/Formatter helpers are each a few lines over
 *   node:crypto, but `lib/rsa.js` requires `lib/utils.js`, which requires `axios` at load time, so even the
 *   three helpers alone bundle to 558 KB (281 KB minified; 56 packages installed with fast-xml-parser,
 *   form-data, yargs as a peer) for about 40 lines of crypto. Its transport is axios, not an injected
 *   function. Its GCM decrypt takes the tag length from the input (a 4-byte "tag" is accepted); we pin 16.
 * - wechatpay-node-v3 2.2.x: superagent + @fidm/x509, no injectable transport, certificate-only.
 * The formulas below are WeChat Pay's documented ones (签名生成 / 签名验证 / 证书和回调报文解密 / JSAPI调起支付);
 * the tests check them independently with `openssl` and a separate node:crypto path.
 *
 * The default transport is node:https, not global fetch: the functions are built for the node16 runtime.
 */
import {
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  createSign,
  createHash,
  createVerify,
  randomBytes,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { z } from 'zod';
import {
  NotificationRejected,
  WechatPayError,
  type HttpResponse,
  type HttpTransport,
  type JsapiClientParams,
  type JsapiOrder,
  type NotificationRequest,
  type NotificationVerifierConfig,
  type PaymentNotification,
  type PaymentProvider,
  type PlatformKey,
  type Refund,
  type RefundNotification,
  type RefundRequest,
  type TradeBill,
  type TradeBillRow,
  type Transaction,
} from './wechatpay.port';

export const WECHATPAY_BASE_URL = 'https://api.mch.weixin.qq.com';
export const SIGNATURE_TYPE = 'WECHATPAY2-SHA256-RSA2048';
/** Notifications and responses more than this far from our clock are refused (WeChat Pay's guidance). */
export const MAX_CLOCK_SKEW_SECONDS = 300;

export interface WechatPayConfig extends NotificationVerifierConfig {
  /** 商户API证书序列号 (the merchant certificate's serial, 40 hex characters). */
  merchantSerialNo: string;
  /** 商户API私钥 (apiclient_key.pem, PKCS#8 or PKCS#1 PEM). */
  merchantPrivateKeyPem: string;
  http?: HttpTransport;
  baseUrl?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Primitives

/** `pieces.join('\n') + '\n'`: every WeChat Pay v3 signing message ends with a line feed. */
export function joinLines(...pieces: string[]): string {
  return pieces.map((p) => p + '\n').join('');
}

/** RSA-SHA256 (PKCS#1 v1.5) signature, base64. */
export function signMessage(message: string, privateKey: KeyObject | string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');
}

/** A 32-character random nonce (hex). */
export function createNonce(): string {
  return randomBytes(16).toString('hex');
}

/** Whole seconds since the epoch, as WeChat Pay's timestamps are. */
export function unixSeconds(date: Date): string {
  return String(Math.floor(date.getTime() / 1000));
}

/** RFC 3339 in Beijing time, whole seconds: `2026-11-23T06:30:00+08:00` (WeChat Pay's time format). */
export function formatBeijingTime(date: Date): string {
  const shifted = new Date(Math.floor(date.getTime() / 1000) * 1000 + 8 * 3600_000);
  return shifted.toISOString().slice(0, 19) + '+08:00';
}

/**
 * The `Authorization` header of an API request. Signed message: `METHOD\nURL\ntimestamp\nnonce\nbody\n`
 * where URL is the path with its query string and body is '' for GET.
 */
export function buildAuthorization(args: {
  mchId: string;
  serialNo: string;
  privateKey: KeyObject | string;
  method: string;
  pathWithQuery: string;
  body: string;
  timestamp: string;
  nonce: string;
}): string {
  const message = joinLines(args.method, args.pathWithQuery, args.timestamp, args.nonce, args.body);
  const signature = signMessage(message, args.privateKey);
  return (
    `${SIGNATURE_TYPE} mchid="${args.mchId}",nonce_str="${args.nonce}",signature="${signature}",` +
    `timestamp="${args.timestamp}",serial_no="${args.serialNo}"`
  );
}

/** `paySign` for wx.requestPayment: RSA-SHA256 over `appId\ntimeStamp\nnonceStr\nprepay_id=…\n`. */
export function signJsapiClientParams(
  appId: string,
  prepayId: string,
  privateKey: KeyObject | string,
  timeStamp: string,
  nonceStr: string,
): JsapiClientParams {
  const pkg = `prepay_id=${prepayId}`;
  return {
    appId,
    timeStamp,
    nonceStr,
    package: pkg,
    signType: 'RSA',
    paySign: signMessage(joinLines(appId, timeStamp, nonceStr, pkg), privateKey),
  };
}

/**
 * Decrypts a notification `resource` with the API v3 key: AES-256-GCM, the key's 32 bytes, the 12-character
 * nonce as IV, `associated_data` as AAD, and the last 16 bytes of the base64-decoded ciphertext as the tag.
 * Any failure (tag mismatch, wrong key, truncated input) is `bad-ciphertext`.
 */
export function decryptResource(
  apiV3Key: string,
  resource: { ciphertext: string; nonce: string; associated_data?: string },
): string {
  try {
    const data = Buffer.from(resource.ciphertext, 'base64');
    if (data.length <= 16) throw new Error('ciphertext shorter than its tag');
    const decipher = createDecipheriv(
      'aes-256-gcm',
      Buffer.from(apiV3Key, 'utf8'),
      Buffer.from(resource.nonce),
      {
        authTagLength: 16,
      },
    );
    decipher.setAuthTag(data.subarray(data.length - 16));
    decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString(
      'utf8',
    );
  } catch (err) {
    throw new NotificationRejected('bad-ciphertext', err instanceof Error ? err.message : undefined);
  }
}

/** A header by case-insensitive name; the first value if repeated. */
export function getHeader(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** Parses a platform public key or certificate PEM (fails fast on a bad configuration). */
export function loadPlatformKey(pem: string): KeyObject {
  return createPublicKey(pem);
}

/** Serial → key: the primary platform key and any others configured for a switch. */
export type PlatformKeyring = ReadonlyMap<string, KeyObject>;

/**
 * The keys a verifier accepts: the configured platform key and `extraPlatformKeys` (an old platform
 * certificate and the new `PUB_KEY_ID_…` public key during a switch, both valid until the old one is removed
 * from the configuration: https://pay.weixin.qq.com/doc/v3/merchant/4012154180). Each PEM is parsed here, so a
 * bad configuration fails at once.
 */
export function platformKeyring(
  config: Pick<NotificationVerifierConfig, 'platformPublicKeyPem' | 'platformSerial' | 'extraPlatformKeys'>,
): PlatformKeyring {
  const ring = new Map<string, KeyObject>([
    [config.platformSerial, loadPlatformKey(config.platformPublicKeyPem)],
  ]);
  for (const k of config.extraPlatformKeys ?? [])
    if (!ring.has(k.serial)) ring.set(k.serial, loadPlatformKey(k.publicKeyPem));
  return ring;
}

/**
 * Reads the extra platform keys from configuration (`WXPAY_PLATFORM_KEYS`): either a JSON list
 * `[{"serial":"PUB_KEY_ID_…","pem":"-----BEGIN PUBLIC KEY-----\n…"}]` or `serial=PEM` entries separated by `;`
 * (a PEM holds no `;`; only the first `=` separates, base64 padding stays in the PEM). `\n` written as two
 * characters is a line feed. Throws an Error naming what is wrong.
 */
export function parsePlatformKeys(text: string): PlatformKey[] {
  const pemOf = (v: string) => v.replace(/\\n/g, '\n').trim();
  const trimmed = text.trim();
  if (trimmed === '') return [];
  let entries: { serial: string; pem: string }[];
  if (trimmed.startsWith('[')) {
    const parsed = z
      .array(z.object({ serial: z.string().min(1).max(64), pem: z.string().min(1) }).strict())
      .max(10)
      .safeParse(parseJson(trimmed));
    if (!parsed.success) throw new Error('应为 [{"serial":"…","pem":"…"}] 形式的 JSON 列表');
    entries = parsed.data;
  } else {
    entries = trimmed
      .split(';')
      .map((e) => e.trim())
      .filter((e) => e !== '')
      .map((e) => {
        const at = e.indexOf('=');
        if (at <= 0) throw new Error('每一项应为 序列号=PEM，各项用分号分隔');
        return { serial: e.slice(0, at).trim(), pem: e.slice(at + 1) };
      });
  }
  const seen = new Set<string>();
  return entries.map((e) => {
    if (!/^(PUB_KEY_ID_\w+|[0-9A-Fa-f]{32,40})$/.test(e.serial))
      throw new Error(`序列号 ${e.serial.slice(0, 64)} 不是 PUB_KEY_ID_ 开头的公钥 ID 或证书序列号`);
    if (seen.has(e.serial)) throw new Error(`序列号 ${e.serial} 重复`);
    seen.add(e.serial);
    const publicKeyPem = pemOf(e.pem);
    try {
      loadPlatformKey(publicKeyPem);
    } catch {
      throw new Error(`序列号 ${e.serial} 的 PEM 不是可读取的公钥或证书`);
    }
    return { serial: e.serial, publicKeyPem };
  });
}

/**
 * Checks a message signed by WeChat Pay (API response or notification): the serial must name one of the
 * configured platform keys, the timestamp within 5 minutes of `now`, and the signature over
 * `timestamp\nnonce\nbody\n` must verify with that key. Throws `NotificationRejected`.
 */
export function verifyWechatpaySignature(
  key: { keyring: PlatformKeyring; now: () => Date },
  headers: Record<string, string | string[] | undefined>,
  body: string,
): void {
  const signature = getHeader(headers, 'Wechatpay-Signature');
  const timestamp = getHeader(headers, 'Wechatpay-Timestamp');
  const nonce = getHeader(headers, 'Wechatpay-Nonce');
  const serial = getHeader(headers, 'Wechatpay-Serial');
  const type = getHeader(headers, 'Wechatpay-Signature-Type');
  if (!signature || !timestamp || !nonce || !serial)
    throw new NotificationRejected('malformed', '缺少签名头');
  if (type !== undefined && type !== SIGNATURE_TYPE) throw new NotificationRejected('malformed', type);
  const platformKey = key.keyring.get(serial);
  if (!platformKey) throw new NotificationRejected('unknown-serial', serial.slice(0, 64));
  if (!/^\d{1,12}$/.test(timestamp)) throw new NotificationRejected('malformed', 'Wechatpay-Timestamp');
  const skew = Math.abs(key.now().getTime() / 1000 - Number(timestamp));
  if (skew > MAX_CLOCK_SKEW_SECONDS) throw new NotificationRejected('stale-timestamp');
  const ok = createVerify('RSA-SHA256')
    .update(joinLines(timestamp, nonce, body), 'utf8')
    .verify(platformKey, signature, 'base64');
  if (!ok) throw new NotificationRejected('bad-signature');
}

// ---------------------------------------------------------------------------------------------------------
// Shapes of what WeChat Pay sends (unknown fields kept: WeChat Pay adds fields without notice)

const tradeStates = ['SUCCESS', 'REFUND', 'NOTPAY', 'CLOSED', 'REVOKED', 'USERPAYING', 'PAYERROR'] as const;

export const transactionSchema = z
  .object({
    appid: z.string(),
    mchid: z.string(),
    out_trade_no: z.string(),
    transaction_id: z.string().optional(),
    trade_type: z.string().optional(),
    trade_state: z.enum(tradeStates),
    trade_state_desc: z.string(),
    bank_type: z.string().optional(),
    attach: z.string().optional(),
    success_time: z.string().optional(),
    payer: z.object({ openid: z.string().optional() }).passthrough().optional(),
    amount: z
      .object({
        total: z.number().int().nonnegative().optional(),
        payer_total: z.number().int().nonnegative().optional(),
        currency: z.literal('CNY').optional(),
        payer_currency: z.literal('CNY').optional(),
      })
      .passthrough(),
  })
  .passthrough();

const notificationSchema = z.object({
  id: z.string().max(64),
  create_time: z.string().max(40),
  event_type: z.string().max(64),
  resource_type: z.literal('encrypt-resource'),
  summary: z.string().max(200).optional(),
  resource: z.object({
    algorithm: z.literal('AEAD_AES_256_GCM'),
    ciphertext: z.string().min(1),
    associated_data: z.string().optional(),
    original_type: z.enum(['transaction', 'refund']),
    nonce: z.string().min(1),
  }),
});

const refundStatuses = ['SUCCESS', 'CLOSED', 'PROCESSING', 'ABNORMAL'] as const;
const refundAmountSchema = z
  .object({
    total: z.number().int().nonnegative(),
    refund: z.number().int().nonnegative(),
    payer_total: z.number().int().nonnegative().optional(),
    payer_refund: z.number().int().nonnegative().optional(),
    currency: z.string().optional(),
  })
  .passthrough();

/** 申请退款 / 查询单笔退款 answer (https://pay.weixin.qq.com/docs/merchant/products/refund/apilist.html). */
export const refundSchema = z
  .object({
    refund_id: z.string().min(1),
    out_refund_no: z.string().min(1),
    transaction_id: z.string().optional(),
    out_trade_no: z.string().min(1),
    channel: z.string().optional(),
    user_received_account: z.string().optional(),
    success_time: z.string().optional(),
    create_time: z.string().optional(),
    status: z.enum(refundStatuses),
    amount: refundAmountSchema,
  })
  .passthrough();

/** The decrypted resource of 退款结果通知 (original_type `refund`). */
export const refundResourceSchema = z
  .object({
    mchid: z.string(),
    out_trade_no: z.string().min(1),
    transaction_id: z.string().optional(),
    out_refund_no: z.string().min(1),
    refund_id: z.string().min(1),
    refund_status: z.enum(['SUCCESS', 'CLOSED', 'ABNORMAL']),
    success_time: z.string().optional(),
    user_received_account: z.string().optional(),
    amount: refundAmountSchema,
  })
  .passthrough();

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function checkApiV3Key(apiV3Key: string): void {
  if (Buffer.byteLength(apiV3Key, 'utf8') !== 32) throw new Error('WeChat Pay API v3 key must be 32 bytes');
}

// ---------------------------------------------------------------------------------------------------------
// Notifications

/**
 * Verifies a notification's signature headers (serial among the configured keys, clock skew, RSA signature
 * over the raw body), then its JSON envelope, then decrypts its resource (AES-256-GCM). The one path every
 * notification takes, payment or refund, in production and in the sandbox.
 */
function openNotification(config: NotificationVerifierConfig, request: NotificationRequest) {
  checkApiV3Key(config.apiV3Key);
  verifyWechatpaySignature(
    { keyring: platformKeyring(config), now: config.now },
    request.headers,
    request.body,
  );
  const envelope = notificationSchema.safeParse(parseJson(request.body));
  if (!envelope.success) throw new NotificationRejected('malformed', '通知报文');
  const plaintext = decryptResource(config.apiV3Key, envelope.data.resource);
  return { envelope: envelope.data, plain: parseJson(plaintext) };
}

/**
 * Verifies and decrypts a payment notification (支付成功回调): `openNotification`, then the transaction's
 * shape and that it is for our `appid`/`mchid`. Throws `NotificationRejected` with the first reason that
 * applies (a refund notification here is `malformed`).
 *
 * It does not check the amount against the bill, `trade_state`, or duplicates: that is the billing service's
 * job (WeChat Pay redelivers the same notification until it gets a 2xx).
 */
export function verifyNotification(
  config: NotificationVerifierConfig,
  request: NotificationRequest,
): PaymentNotification {
  const n = verifyAnyNotification(config, request);
  if (n.kind !== 'payment') throw new NotificationRejected('malformed', '不是支付通知');
  return n.notification;
}

/**
 * Verifies and decrypts whatever WeChat Pay posted to the notify route: a payment (original_type
 * `transaction`) or a refund (original_type `refund`, event_type REFUND.SUCCESS / REFUND.ABNORMAL /
 * REFUND.CLOSED: https://pay.weixin.qq.com/docs/merchant/apis/mini-program-payment/refund-result-notice.html).
 * Both are signed and encrypted the same way; the refund resource carries `mchid` only, which must be ours.
 */
export function verifyAnyNotification(
  config: NotificationVerifierConfig,
  request: NotificationRequest,
):
  | { kind: 'payment'; notification: PaymentNotification }
  | { kind: 'refund'; notification: RefundNotification } {
  const { envelope, plain } = openNotification(config, request);
  if (envelope.resource.original_type === 'refund') {
    const refund = refundResourceSchema.safeParse(plain);
    const event = z
      .enum(['REFUND.SUCCESS', 'REFUND.ABNORMAL', 'REFUND.CLOSED'])
      .safeParse(envelope.event_type);
    if (!refund.success || !event.success) throw new NotificationRejected('malformed', '退款数据');
    if (refund.data.mchid !== config.mchId) throw new NotificationRejected('wrong-merchant');
    return {
      kind: 'refund',
      notification: {
        id: envelope.id,
        create_time: envelope.create_time,
        event_type: event.data,
        summary: envelope.summary ?? '',
        refund: refund.data,
      },
    };
  }
  const transaction = transactionSchema.safeParse(plain);
  if (!transaction.success) throw new NotificationRejected('malformed', '交易数据');
  if (transaction.data.mchid !== config.mchId || transaction.data.appid !== config.appId)
    throw new NotificationRejected('wrong-merchant');
  return {
    kind: 'payment',
    notification: {
      id: envelope.id,
      create_time: envelope.create_time,
      event_type: envelope.event_type,
      summary: envelope.summary ?? '',
      transaction: transaction.data,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Trade bills

/** The bill's columns this reconciliation reads, by their Chinese header (WeChat Pay may add columns). */
const BILL_COLUMNS = {
  tradeTime: '交易时间',
  transactionId: '微信订单号',
  outTradeNo: '商户订单号',
  tradeState: '交易状态',
  settled: '应结订单金额',
  refundId: '微信退款单号',
  outRefundNo: '商户退款单号',
  refund: '退款金额',
  refundStatus: '退款状态',
} as const;

/** `12.34` yuan → 1234 fen, exactly (no floating point); throws on anything else. */
export function yuanToFen(text: string): number {
  const m = /^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new Error(`金额格式不正确：${text.slice(0, 20)}`);
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -fen : fen;
}

/**
 * Parses a trade bill file (交易账单, bill_type ALL): a header line of Chinese column names, one line per
 * trade whose every field starts with a backtick (`` ` ``, so spreadsheets keep long numbers as text), then
 * the totals' header (总交易单数,…) and one totals line. Amounts are yuan with two decimals
 * (https://pay.weixin.qq.com/docs/merchant/apis/mini-program-payment/get-trade-bill.html: 账单金额单位为人民币“元”).
 */
export function parseTradeBill(billDate: string, text: string): TradeBill {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const fields = (line: string) => line.split(',').map((f) => f.replace(/^`/, '').trim());
  const header = fields(lines[0] ?? '');
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new WechatPayError('MALFORMED_BILL', `账单缺少“${name}”列`);
    return i;
  };
  const at = Object.fromEntries(Object.entries(BILL_COLUMNS).map(([k, v]) => [k, col(v)])) as Record<
    keyof typeof BILL_COLUMNS,
    number
  >;
  const totalsAt = lines.findIndex((l) => l.startsWith('总交易单数'));
  if (totalsAt < 1 || totalsAt + 1 >= lines.length)
    throw new WechatPayError('MALFORMED_BILL', '账单缺少汇总行');
  const rows: TradeBillRow[] = [];
  try {
    for (const line of lines.slice(1, totalsAt)) {
      const f = fields(line);
      const get = (i: number) => f[i] ?? '';
      rows.push({
        tradeTime: get(at.tradeTime),
        transactionId: get(at.transactionId),
        outTradeNo: get(at.outTradeNo),
        tradeState: get(at.tradeState),
        settledFen: yuanToFen(get(at.settled) || '0'),
        refundId: get(at.refundId) === '0' ? '' : get(at.refundId),
        outRefundNo: get(at.outRefundNo) === '0' ? '' : get(at.outRefundNo),
        refundFen: yuanToFen(get(at.refund) || '0'),
        refundStatus: get(at.refundStatus),
      });
    }
    const totalsHeader = fields(lines[totalsAt] as string);
    const totals = fields(lines[totalsAt + 1] as string);
    const total = (name: string) => totals[totalsHeader.indexOf(name)] ?? '';
    return {
      billDate,
      rows,
      summary: {
        count: Number.parseInt(total('总交易单数'), 10),
        settledFen: yuanToFen(total('应结订单总金额')),
        refundFen: yuanToFen(total('退款总金额')),
      },
    };
  } catch (err) {
    if (err instanceof WechatPayError) throw err;
    throw new WechatPayError('MALFORMED_BILL', `账单格式不正确：${err instanceof Error ? err.message : ''}`);
  }
}

/** SHA-1 of the downloaded file, lower-case hex, as `hash_value` gives it (hash_type SHA1). */
export function sha1Hex(body: Buffer | string): string {
  return createHash('sha1').update(body).digest('hex');
}

// ---------------------------------------------------------------------------------------------------------
// Orders

const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;

/** The checks WeChat Pay would refuse an order for, made before sending it. Throws `INVALID_ORDER`. */
export function validateJsapiOrder(order: JsapiOrder, now: Date): void {
  const bad = (what: string): never => {
    throw new WechatPayError('INVALID_ORDER', `支付订单参数无效：${what}`);
  };
  if (!OUT_TRADE_NO.test(order.outTradeNo)) bad('商户订单号');
  if (order.description.length < 1 || order.description.length > 127) bad('商品描述');
  if (!Number.isSafeInteger(order.amountFen) || order.amountFen <= 0) bad('金额');
  if (order.payerOpenid.length < 1 || order.payerOpenid.length > 128) bad('付款人');
  if (!/^https:\/\/[^?#\s]+$/.test(order.notifyUrl)) bad('通知地址');
  if (!(order.expiresAt.getTime() > now.getTime())) bad('支付截止时间');
}

/** The JSON body of POST /v3/pay/transactions/jsapi. */
export function buildJsapiOrderBody(
  appId: string,
  mchId: string,
  order: JsapiOrder,
): Record<string, unknown> {
  return {
    appid: appId,
    mchid: mchId,
    description: order.description,
    out_trade_no: order.outTradeNo,
    time_expire: formatBeijingTime(order.expiresAt),
    notify_url: order.notifyUrl,
    amount: { total: order.amountFen, currency: 'CNY' },
    payer: { openid: order.payerOpenid },
  };
}

/** What is logged of a failed WeChat Pay call: never a body, never personal data. */
export interface WechatPayFailure {
  method: string;
  /** The API path without its query string (no order numbers: they are in the path only for queries). */
  api: string;
  status: number | null;
  /** WeChat Pay's error code, or ours (NETWORK_ERROR, BAD_RESPONSE_SIGNATURE, …). */
  code: string;
  /** WeChat Pay's `Request-ID` response header, '' when no answer came. */
  requestId: string;
}

/** 商户退款单号: 1–64 of `0-9 A-Z a-z _ - | * @` (申请退款 out_refund_no). */
const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;
const BILL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Production `PaymentProvider`: talks to api.mch.weixin.qq.com and trusts only verified answers. */
export class WechatPayProvider implements PaymentProvider {
  private readonly merchantKey: KeyObject;
  private readonly keyring: PlatformKeyring;
  private readonly http: HttpTransport;
  private readonly baseUrl: string;

  constructor(
    private readonly config: WechatPayConfig & {
      /** Called once for every call that failed (refused, unreachable, unverifiable), before it throws. */
      onFailure?: (failure: WechatPayFailure) => void;
    },
  ) {
    checkApiV3Key(config.apiV3Key);
    this.merchantKey = createPrivateKey(config.merchantPrivateKeyPem);
    this.keyring = platformKeyring(config);
    this.http = config.http ?? httpsTransport();
    this.baseUrl = config.baseUrl ?? WECHATPAY_BASE_URL;
  }

  async createJsapiOrder(order: JsapiOrder): Promise<{ prepayId: string; clientParams: JsapiClientParams }> {
    validateJsapiOrder(order, this.config.now());
    const data = await this.call(
      'POST',
      '/v3/pay/transactions/jsapi',
      buildJsapiOrderBody(this.config.appId, this.config.mchId, order),
    );
    const parsed = z.object({ prepay_id: z.string().min(1) }).safeParse(data.json);
    if (!parsed.success) throw this.malformed(data);
    const prepayId = parsed.data.prepay_id;
    const clientParams = signJsapiClientParams(
      this.config.appId,
      prepayId,
      this.merchantKey,
      unixSeconds(this.config.now()),
      createNonce(),
    );
    return { prepayId, clientParams };
  }

  async queryOrder(outTradeNo: string): Promise<Transaction | null> {
    if (!OUT_TRADE_NO.test(outTradeNo))
      throw new WechatPayError('INVALID_ORDER', '支付订单参数无效：商户订单号');
    const path =
      `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}` +
      `?mchid=${encodeURIComponent(this.config.mchId)}`;
    let data: CallResult;
    try {
      data = await this.call('GET', path);
    } catch (err) {
      if (err instanceof WechatPayError && err.code === 'ORDER_NOT_EXIST') return null;
      throw err;
    }
    const parsed = transactionSchema.safeParse(data.json);
    if (
      !parsed.success ||
      parsed.data.out_trade_no !== outTradeNo ||
      parsed.data.mchid !== this.config.mchId ||
      parsed.data.appid !== this.config.appId
    )
      throw this.malformed(data);
    return parsed.data;
  }

  async closeOrder(outTradeNo: string): Promise<void> {
    if (!OUT_TRADE_NO.test(outTradeNo))
      throw new WechatPayError('INVALID_ORDER', '支付订单参数无效：商户订单号');
    await this.call('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`, {
      mchid: this.config.mchId,
    });
  }

  async createRefund(refund: RefundRequest): Promise<Refund> {
    const bad = (what: string): never => {
      throw new WechatPayError('INVALID_REFUND', `退款参数无效：${what}`);
    };
    if (!OUT_TRADE_NO.test(refund.outTradeNo)) bad('商户订单号');
    if (!OUT_REFUND_NO.test(refund.outRefundNo)) bad('商户退款单号');
    // reason: at most 80 bytes (申请退款 reason string(80)).
    if (Buffer.byteLength(refund.reason, 'utf8') > 80) bad('退款原因');
    if (!Number.isSafeInteger(refund.totalFen) || refund.totalFen <= 0) bad('原订单金额');
    if (
      !Number.isSafeInteger(refund.refundFen) ||
      refund.refundFen <= 0 ||
      refund.refundFen > refund.totalFen
    )
      bad('退款金额');
    if (!/^https:\/\/[^?#\s]+$/.test(refund.notifyUrl)) bad('通知地址');
    const data = await this.call('POST', '/v3/refund/domestic/refunds', {
      out_trade_no: refund.outTradeNo,
      out_refund_no: refund.outRefundNo,
      ...(refund.reason ? { reason: refund.reason } : {}),
      notify_url: refund.notifyUrl,
      amount: { refund: refund.refundFen, total: refund.totalFen, currency: 'CNY' },
    });
    const parsed = refundSchema.safeParse(data.json);
    if (!parsed.success || parsed.data.out_refund_no !== refund.outRefundNo) throw this.malformed(data);
    return parsed.data;
  }

  async queryRefund(outRefundNo: string): Promise<Refund | null> {
    if (!OUT_REFUND_NO.test(outRefundNo))
      throw new WechatPayError('INVALID_REFUND', '退款参数无效：商户退款单号');
    let data: CallResult;
    try {
      data = await this.call('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`);
    } catch (err) {
      if (err instanceof WechatPayError && err.code === 'RESOURCE_NOT_EXISTS') return null;
      throw err;
    }
    const parsed = refundSchema.safeParse(data.json);
    if (!parsed.success || parsed.data.out_refund_no !== outRefundNo) throw this.malformed(data);
    return parsed.data;
  }

  async downloadTradeBill(billDate: string): Promise<TradeBill | null> {
    if (!BILL_DATE.test(billDate)) throw new WechatPayError('INVALID_BILL', '账单日期格式应为 YYYY-MM-DD');
    let data: CallResult;
    try {
      data = await this.call('GET', `/v3/bill/tradebill?bill_date=${billDate}&bill_type=ALL`);
    } catch (err) {
      // No trade that day: WeChat Pay makes no bill (NO_STATEMENT_EXIST).
      if (err instanceof WechatPayError && err.code === 'NO_STATEMENT_EXIST') return null;
      throw err;
    }
    const parsed = z
      .object({
        hash_type: z.literal('SHA1'),
        hash_value: z.string().regex(/^[0-9a-fA-F]{40}$/),
        download_url: z.string().url(),
      })
      .safeParse(data.json);
    if (!parsed.success) throw this.malformed(data);
    const url = new URL(parsed.data.download_url);
    const base = new URL(this.baseUrl);
    if (url.protocol !== base.protocol || url.host !== base.host) throw this.malformed(data);
    // 下载账单: the file itself is not signed; it is trusted through the hash of the signed answer.
    const file = await this.call('GET', url.pathname + url.search, undefined, { verify: false });
    if (sha1Hex(file.body).toLowerCase() !== parsed.data.hash_value.toLowerCase()) {
      const err = new WechatPayError('BILL_HASH_MISMATCH', '账单文件的 SHA1 与微信支付给出的不一致', {
        status: file.status,
        requestId: file.requestId,
      });
      this.fail('GET', url.pathname, file.status, err.code, file.requestId);
      throw err;
    }
    return parseTradeBill(billDate, file.body);
  }

  private malformed(data: CallResult): WechatPayError {
    this.fail(data.method, data.api, data.status, 'MALFORMED_RESPONSE', data.requestId);
    return new WechatPayError('MALFORMED_RESPONSE', '微信支付应答格式错误', {
      status: data.status,
      requestId: data.requestId,
    });
  }

  private fail(method: string, api: string, status: number | null, code: string, requestId: string): void {
    this.config.onFailure?.({ method, api, status, code, requestId });
  }

  /**
   * Signs and sends one request. A 2xx answer is trusted only after its signature verifies (except a bill
   * file, checked by its hash); a non-2xx becomes a `WechatPayError` carrying WeChat Pay's code and
   * `Request-ID` (it never yields data). Every failure is reported to `onFailure` before it is thrown.
   * `Wechatpay-Serial` names the platform key we expect WeChat Pay to use (its public key ID after a
   * switch: https://pay.weixin.qq.com/doc/v3/merchant/4012154180).
   */
  private async call(
    method: 'GET' | 'POST',
    pathWithQuery: string,
    payload?: unknown,
    opts: { verify?: boolean } = {},
  ): Promise<CallResult> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const now = this.config.now();
    const api = pathWithQuery.split('?')[0] as string;
    const headers: Record<string, string> = {
      Authorization: buildAuthorization({
        mchId: this.config.mchId,
        serialNo: this.config.merchantSerialNo,
        privateKey: this.merchantKey,
        method,
        pathWithQuery,
        body,
        timestamp: unixSeconds(now),
        nonce: createNonce(),
      }),
      Accept: 'application/json',
      'User-Agent': 'anju-billing (WeChatPay-APIv3; node)',
      'Wechatpay-Serial': this.config.platformSerial,
    };
    if (payload !== undefined) headers['Content-Type'] = 'application/json';
    let res: HttpResponse;
    try {
      res = await this.http({
        method,
        url: this.baseUrl + pathWithQuery,
        headers,
        ...(body ? { body } : {}),
      });
    } catch (err) {
      this.fail(method, api, null, 'NETWORK_ERROR', '');
      throw new WechatPayError(
        'NETWORK_ERROR',
        `无法连接微信支付：${err instanceof Error ? err.message : ''}`,
      );
    }
    const requestId = (getHeader(res.headers, 'Request-ID') ?? '').slice(0, 128);
    if (res.status >= 200 && res.status < 300) {
      if (opts.verify !== false) {
        try {
          verifyWechatpaySignature({ keyring: this.keyring, now: this.config.now }, res.headers, res.body);
        } catch (err) {
          if (!(err instanceof NotificationRejected)) throw err;
          this.fail(method, api, res.status, 'BAD_RESPONSE_SIGNATURE', requestId);
          throw new WechatPayError('BAD_RESPONSE_SIGNATURE', '微信支付应答签名无效', {
            status: res.status,
            reason: err.reason,
            requestId,
          });
        }
      }
      return {
        method,
        api,
        status: res.status,
        requestId,
        body: res.body,
        json: res.body && opts.verify !== false ? parseJson(res.body) : {},
      };
    }
    const error = z
      .object({ code: z.string().max(64), message: z.string().optional() })
      .safeParse(parseJson(res.body));
    const code = error.success ? error.data.code : `HTTP_${res.status}`;
    this.fail(method, api, res.status, code, requestId);
    throw new WechatPayError(
      code,
      error.success && error.data.message ? error.data.message : `微信支付返回错误（HTTP ${res.status}）`,
      { status: res.status, requestId },
    );
  }
}

interface CallResult {
  method: string;
  api: string;
  status: number;
  requestId: string;
  body: string;
  json: unknown;
}

/** The default transport: node:https with a timeout (works on the node16 CloudBase runtime). */
export function httpsTransport(timeoutMs = 10_000): HttpTransport {
  return (req) =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { ...req.headers };
      if (req.body !== undefined) headers['Content-Length'] = Buffer.byteLength(req.body, 'utf8');
      const r = httpsRequest(req.url, { method: req.method, headers, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      });
      r.on('timeout', () => r.destroy(new Error('timeout')));
      r.on('error', reject);
      if (req.body !== undefined) r.write(req.body);
      r.end();
    });
}
