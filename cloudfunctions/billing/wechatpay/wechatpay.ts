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

/**
 * Checks a message signed by WeChat Pay (API response or notification): the serial must be the configured
 * platform key's, the timestamp within 5 minutes of `now`, and the signature over `timestamp\nnonce\nbody\n`
 * must verify with the platform public key. Throws `NotificationRejected`.
 */
export function verifyWechatpaySignature(
  key: { platformKey: KeyObject; platformSerial: string; now: () => Date },
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
  if (serial !== key.platformSerial) throw new NotificationRejected('unknown-serial', serial);
  if (!/^\d{1,12}$/.test(timestamp)) throw new NotificationRejected('malformed', 'Wechatpay-Timestamp');
  const skew = Math.abs(key.now().getTime() / 1000 - Number(timestamp));
  if (skew > MAX_CLOCK_SKEW_SECONDS) throw new NotificationRejected('stale-timestamp');
  const ok = createVerify('RSA-SHA256')
    .update(joinLines(timestamp, nonce, body), 'utf8')
    .verify(key.platformKey, signature, 'base64');
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
  id: z.string(),
  create_time: z.string(),
  event_type: z.string(),
  resource_type: z.literal('encrypt-resource'),
  summary: z.string().optional(),
  resource: z.object({
    algorithm: z.literal('AEAD_AES_256_GCM'),
    ciphertext: z.string().min(1),
    associated_data: z.string().optional(),
    original_type: z.literal('transaction'),
    nonce: z.string().min(1),
  }),
});

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
 * Verifies and decrypts a payment notification (支付成功回调): signature headers first (serial, clock skew,
 * RSA signature over the raw body), then the JSON envelope, then AES-256-GCM, then the transaction's shape
 * and that it is for our `appid`/`mchid`. Throws `NotificationRejected` with the first reason that applies.
 *
 * It does not check the amount against the bill, `trade_state`, or duplicates: that is the billing service's
 * job (WeChat Pay redelivers the same notification until it gets a 2xx).
 */
export function verifyNotification(
  config: NotificationVerifierConfig,
  request: NotificationRequest,
): PaymentNotification {
  checkApiV3Key(config.apiV3Key);
  verifyWechatpaySignature(
    {
      platformKey: loadPlatformKey(config.platformPublicKeyPem),
      platformSerial: config.platformSerial,
      now: config.now,
    },
    request.headers,
    request.body,
  );
  const envelope = notificationSchema.safeParse(parseJson(request.body));
  if (!envelope.success) throw new NotificationRejected('malformed', '通知报文');
  const plaintext = decryptResource(config.apiV3Key, envelope.data.resource);
  const transaction = transactionSchema.safeParse(parseJson(plaintext));
  if (!transaction.success) throw new NotificationRejected('malformed', '交易数据');
  if (transaction.data.mchid !== config.mchId || transaction.data.appid !== config.appId)
    throw new NotificationRejected('wrong-merchant');
  return {
    id: envelope.data.id,
    create_time: envelope.data.create_time,
    event_type: envelope.data.event_type,
    summary: envelope.data.summary ?? '',
    transaction: transaction.data,
  };
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

/** Production `PaymentProvider`: talks to api.mch.weixin.qq.com and trusts only verified answers. */
export class WechatPayProvider implements PaymentProvider {
  private readonly merchantKey: KeyObject;
  private readonly platformKey: KeyObject;
  private readonly http: HttpTransport;
  private readonly baseUrl: string;

  constructor(private readonly config: WechatPayConfig) {
    checkApiV3Key(config.apiV3Key);
    this.merchantKey = createPrivateKey(config.merchantPrivateKeyPem);
    this.platformKey = loadPlatformKey(config.platformPublicKeyPem);
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
    if (!parsed.success)
      throw new WechatPayError('MALFORMED_RESPONSE', '微信支付应答格式错误', { status: data.status });
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
    let data: { status: number; json: unknown };
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
      throw new WechatPayError('MALFORMED_RESPONSE', '微信支付应答格式错误', { status: data.status });
    return parsed.data;
  }

  async closeOrder(outTradeNo: string): Promise<void> {
    if (!OUT_TRADE_NO.test(outTradeNo))
      throw new WechatPayError('INVALID_ORDER', '支付订单参数无效：商户订单号');
    await this.call('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`, {
      mchid: this.config.mchId,
    });
  }

  /**
   * Signs and sends one request. A 2xx answer is trusted only after its signature verifies; a non-2xx
   * becomes a `WechatPayError` carrying WeChat Pay's code (it never yields data).
   */
  private async call(method: 'GET' | 'POST', pathWithQuery: string, payload?: unknown) {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const now = this.config.now();
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
      throw new WechatPayError(
        'NETWORK_ERROR',
        `无法连接微信支付：${err instanceof Error ? err.message : ''}`,
      );
    }
    if (res.status >= 200 && res.status < 300) {
      try {
        verifyWechatpaySignature(
          { platformKey: this.platformKey, platformSerial: this.config.platformSerial, now: this.config.now },
          res.headers,
          res.body,
        );
      } catch (err) {
        if (!(err instanceof NotificationRejected)) throw err;
        throw new WechatPayError('BAD_RESPONSE_SIGNATURE', '微信支付应答签名无效', {
          status: res.status,
          reason: err.reason,
        });
      }
      return { status: res.status, json: res.body ? parseJson(res.body) : {} };
    }
    const error = z
      .object({ code: z.string(), message: z.string().optional() })
      .safeParse(parseJson(res.body));
    throw new WechatPayError(
      error.success ? error.data.code : `HTTP_${res.status}`,
      error.success && error.data.message ? error.data.message : `微信支付返回错误（HTTP ${res.status}）`,
      { status: res.status },
    );
  }
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
