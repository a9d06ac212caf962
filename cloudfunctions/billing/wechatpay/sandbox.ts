/**
 * The local WeChat Pay: a `PaymentProvider` for the local host and tests that never leaves the process.
 *
 * It is two halves, so that the production code runs locally end to end:
 * - `handle` is a fake api.mch.weixin.qq.com: it checks the merchant's `Authorization` signature, answers
 *   the JSAPI order, query and close endpoints, and signs every answer with its own "platform" key; a closed
 *   order can no longer be paid or placed again, as with WeChat Pay;
 * - `createJsapiOrder` / `queryOrder` / `closeOrder` are the production `WechatPayProvider` wired to `handle`, so request
 *   signing and response verification are the production code too.
 * `pay(outTradeNo)` plays the payer: it marks the order paid and returns the notification HTTP request as
 * WeChat Pay v3 sends it (signed headers, AES-256-GCM encrypted resource). The caller delivers it to the
 * billing notify handler, which checks it with the production `verifyNotification` and `verifierConfig`.
 *
 * Never deploy this: it holds the platform private key it signs with.
 */
import { createCipheriv, createPublicKey, createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  SIGNATURE_TYPE,
  WechatPayProvider,
  buildJsapiOrderBody,
  createNonce,
  formatBeijingTime,
  getHeader,
  joinLines,
  signMessage,
  unixSeconds,
} from './wechatpay';
import {
  WechatPayError,
  type HttpRequest,
  type HttpResponse,
  type JsapiClientParams,
  type JsapiOrder,
  type NotificationVerifierConfig,
  type PaymentProvider,
  type Transaction,
} from './wechatpay.port';

export interface SandboxKeys {
  platformPrivateKeyPem: string;
  platformPublicKeyPem: string;
  platformSerial: string;
  apiV3Key: string;
  merchantPrivateKeyPem: string;
  merchantPublicKeyPem: string;
  merchantSerialNo: string;
}

export interface SandboxOrder {
  out_trade_no: string;
  prepay_id: string;
  description: string;
  notify_url: string;
  time_expire: string;
  /** Epoch ms of `time_expire`. */
  expires_at_ms: number;
  amount_total: number;
  payer_openid: string;
  trade_state: 'NOTPAY' | 'SUCCESS' | 'CLOSED';
  transaction_id?: string;
  success_time?: string;
  notification_id?: string;
}

/** Everything the sandbox knows, JSON-serialisable, for a local server to persist between runs. */
export interface SandboxState {
  version: 1;
  appId: string;
  mchId: string;
  keys: SandboxKeys;
  orders: SandboxOrder[];
  /** Sequence for transaction ids. */
  seq: number;
}

/** The notification request WeChat Pay would POST to `notify_url`. */
export interface SandboxNotification {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface SandboxOptions {
  now: () => Date;
  appId?: string;
  mchId?: string;
  /** Resume from `exportState()`; otherwise fresh keys are generated. */
  state?: SandboxState;
  /** Use these keys instead of generating them (tests that need fixed keys). */
  keys?: Partial<SandboxKeys>;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlnum(length: number): string {
  // 248 = 62 * 4: rejection sampling keeps the characters uniform.
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALNUM[byte % 62];
    }
  }
  return out;
}

function generateKeys(given: Partial<SandboxKeys> = {}): SandboxKeys {
  const pair = () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return {
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
  };
  const platform = given.platformPrivateKeyPem ? undefined : pair();
  const merchant = given.merchantPrivateKeyPem ? undefined : pair();
  const publicOf = (pem: string) => createPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString();
  const platformPrivateKeyPem = given.platformPrivateKeyPem ?? platform!.privateKeyPem;
  const merchantPrivateKeyPem = given.merchantPrivateKeyPem ?? merchant!.privateKeyPem;
  return {
    platformPrivateKeyPem,
    platformPublicKeyPem: given.platformPublicKeyPem ?? publicOf(platformPrivateKeyPem),
    platformSerial:
      given.platformSerial ?? `PUB_KEY_ID_SANDBOX${randomBytes(8).toString('hex').toUpperCase()}`,
    // 32 ASCII characters, like the key set in the merchant platform.
    apiV3Key: given.apiV3Key ?? randomAlnum(32),
    merchantPrivateKeyPem,
    merchantPublicKeyPem: given.merchantPublicKeyPem ?? publicOf(merchantPrivateKeyPem),
    merchantSerialNo: given.merchantSerialNo ?? randomBytes(20).toString('hex').toUpperCase(),
  };
}

/** `WECHATPAY2-SHA256-RSA2048 k="v",…` → its fields, or null when it is not that shape. */
function parseAuthorization(header: string | undefined): Record<string, string> | null {
  if (!header?.startsWith(`${SIGNATURE_TYPE} `)) return null;
  const fields: Record<string, string> = {};
  for (const part of header.slice(SIGNATURE_TYPE.length + 1).split(',')) {
    const m = /^\s*([a-z_]+)="([^"]*)"\s*$/.exec(part);
    if (!m || m[1] === undefined || m[2] === undefined) return null;
    fields[m[1]] = m[2];
  }
  return fields;
}

const jsapiBodyKeys = [
  'appid',
  'mchid',
  'description',
  'out_trade_no',
  'time_expire',
  'notify_url',
  'amount',
  'payer',
];

export class SandboxPaymentProvider implements PaymentProvider {
  private state: SandboxState;
  private client: WechatPayProvider;
  private readonly now: () => Date;

  constructor(options: SandboxOptions) {
    this.now = options.now;
    this.state = options.state
      ? (JSON.parse(JSON.stringify(options.state)) as SandboxState)
      : {
          version: 1,
          appId: options.appId ?? 'wx0000000000sandbox',
          mchId: options.mchId ?? '1900000109',
          keys: generateKeys(options.keys),
          orders: [],
          seq: 0,
        };
    this.client = this.buildClient();
  }

  /** The production verifier's configuration for this sandbox's notifications. */
  get verifierConfig(): NotificationVerifierConfig {
    return {
      appId: this.state.appId,
      mchId: this.state.mchId,
      platformPublicKeyPem: this.state.keys.platformPublicKeyPem,
      platformSerial: this.state.keys.platformSerial,
      apiV3Key: this.state.keys.apiV3Key,
      now: this.now,
    };
  }

  /** The merchant public key `paySign` and request signatures verify with. */
  get merchantPublicKeyPem(): string {
    return this.state.keys.merchantPublicKeyPem;
  }

  createJsapiOrder(order: JsapiOrder): Promise<{ prepayId: string; clientParams: JsapiClientParams }> {
    return this.client.createJsapiOrder(order);
  }

  queryOrder(outTradeNo: string): Promise<Transaction | null> {
    return this.client.queryOrder(outTradeNo);
  }

  closeOrder(outTradeNo: string): Promise<void> {
    return this.client.closeOrder(outTradeNo);
  }

  /**
   * The payer pays: marks the order paid and returns WeChat Pay's TRANSACTION.SUCCESS notification.
   * Refused like WeChat Pay would: unknown order, already paid, closed, or past `time_expire`.
   */
  pay(outTradeNo: string): SandboxNotification {
    const order = this.state.orders.find((o) => o.out_trade_no === outTradeNo);
    if (!order) throw new WechatPayError('ORDER_NOT_EXIST', '订单不存在', { status: 404 });
    if (order.trade_state === 'SUCCESS')
      throw new WechatPayError('ORDERPAID', '该订单已支付', { status: 400 });
    if (order.trade_state === 'CLOSED')
      throw new WechatPayError('ORDER_CLOSED', '订单已关闭', { status: 400 });
    const now = this.now();
    if (now.getTime() > order.expires_at_ms) throw new WechatPayError('ORDER_CLOSED', '订单已过支付截止时间');
    this.state.seq += 1;
    const day = formatBeijingTime(now).slice(0, 10).replace(/-/g, '');
    order.trade_state = 'SUCCESS';
    order.transaction_id = `4200000${day}${String(this.state.seq).padStart(13, '0')}`;
    order.success_time = formatBeijingTime(now);
    order.notification_id = [8, 4, 4, 4, 12].map((n) => randomBytes(n / 2).toString('hex')).join('-');
    return this.notificationFor(outTradeNo);
  }

  /** The notification for a paid order again, freshly signed: what WeChat Pay's retries look like. */
  notificationFor(outTradeNo: string): SandboxNotification {
    const order = this.state.orders.find((o) => o.out_trade_no === outTradeNo);
    if (!order?.notification_id || order.trade_state !== 'SUCCESS')
      throw new WechatPayError('ORDER_NOT_EXIST', '订单未支付', { status: 404 });
    const resourceNonce = randomAlnum(12);
    const aad = 'transaction';
    const cipher = createCipheriv(
      'aes-256-gcm',
      Buffer.from(this.state.keys.apiV3Key, 'utf8'),
      Buffer.from(resourceNonce),
      {
        authTagLength: 16,
      },
    );
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const plaintext = JSON.stringify(this.transactionOf(order));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    const body = JSON.stringify({
      id: order.notification_id,
      create_time: formatBeijingTime(this.now()),
      resource_type: 'encrypt-resource',
      event_type: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      resource: {
        original_type: 'transaction',
        algorithm: 'AEAD_AES_256_GCM',
        ciphertext: ciphertext.toString('base64'),
        associated_data: aad,
        nonce: resourceNonce,
      },
    });
    return { method: 'POST', url: order.notify_url, headers: this.signedHeaders(body), body };
  }

  exportState(): SandboxState {
    return JSON.parse(JSON.stringify(this.state)) as SandboxState;
  }

  importState(state: SandboxState): void {
    if (state.version !== 1) throw new Error(`unsupported sandbox state version ${String(state.version)}`);
    this.state = JSON.parse(JSON.stringify(state)) as SandboxState;
    this.client = this.buildClient();
  }

  /** The fake api.mch.weixin.qq.com (an `HttpTransport`). */
  readonly handle = async (req: HttpRequest): Promise<HttpResponse> => {
    const url = new URL(req.url);
    const pathWithQuery = url.pathname + url.search;
    const body = req.body ?? '';
    if (!this.authorized(req.method, pathWithQuery, body, getHeader(req.headers, 'Authorization')))
      return this.respond(401, { code: 'SIGN_ERROR', message: '签名错误' });

    if (req.method === 'POST' && url.pathname === '/v3/pay/transactions/jsapi') return this.handleJsapi(body);
    const query = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && query?.[1] !== undefined) {
      if (url.searchParams.get('mchid') !== this.state.mchId)
        return this.respond(400, { code: 'PARAM_ERROR', message: 'mchid 与商户号不一致' });
      const order = this.state.orders.find((o) => o.out_trade_no === decodeURIComponent(query[1] ?? ''));
      if (!order) return this.respond(404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
      return this.respond(200, this.transactionOf(order));
    }
    const close = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(url.pathname);
    if (req.method === 'POST' && close?.[1] !== undefined)
      return this.handleClose(decodeURIComponent(close[1]), body);
    return this.respond(404, { code: 'NOT_FOUND', message: '接口不存在' });
  };

  /**
   * 关闭订单: 204 No Content for an unpaid order (closed from now on), for one already closed and, as WeChat
   * Pay does, for an order number it does not know; a paid order cannot be closed (ORDERPAID).
   */
  private handleClose(outTradeNo: string, body: string): HttpResponse {
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return this.respond(400, { code: 'PARAM_ERROR', message: '请求体不是 JSON' });
    }
    if (input.mchid !== this.state.mchId)
      return this.respond(400, { code: 'PARAM_ERROR', message: 'mchid 与商户号不一致' });
    const order = this.state.orders.find((o) => o.out_trade_no === outTradeNo);
    if (order?.trade_state === 'SUCCESS')
      return this.respond(400, { code: 'ORDERPAID', message: '订单已支付' });
    if (order) order.trade_state = 'CLOSED';
    return this.respond(204, null);
  }

  private handleJsapi(body: string): HttpResponse {
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return this.respond(400, { code: 'PARAM_ERROR', message: '请求体不是 JSON' });
    }
    if (input.appid !== this.state.appId || input.mchid !== this.state.mchId)
      return this.respond(400, { code: 'PARAM_ERROR', message: 'appid 或 mchid 不正确' });
    const outTradeNo = String(input.out_trade_no);
    const amount = input.amount as { total?: unknown } | undefined;
    const payer = input.payer as { openid?: unknown } | undefined;
    const expires = Date.parse(String(input.time_expire));
    if (typeof amount?.total !== 'number' || typeof payer?.openid !== 'string' || Number.isNaN(expires))
      return this.respond(400, { code: 'PARAM_ERROR', message: '参数错误' });
    const existing = this.state.orders.find((o) => o.out_trade_no === outTradeNo);
    if (existing) {
      if (existing.trade_state === 'SUCCESS')
        return this.respond(400, { code: 'ORDERPAID', message: '该订单已支付' });
      if (existing.trade_state === 'CLOSED')
        return this.respond(400, { code: 'ORDER_CLOSED', message: '订单已关闭' });
      // WeChat Pay answers the same prepay_id for an identical repeat, and refuses a changed one.
      const before = JSON.stringify(
        buildJsapiOrderBody(this.state.appId, this.state.mchId, {
          outTradeNo,
          description: existing.description,
          amountFen: existing.amount_total,
          payerOpenid: existing.payer_openid,
          notifyUrl: existing.notify_url,
          expiresAt: new Date(existing.expires_at_ms),
        }),
      );
      const now = JSON.stringify(Object.fromEntries(jsapiBodyKeys.map((k) => [k, input[k]])));
      if (before !== now) return this.respond(400, { code: 'INVALID_REQUEST', message: '商户订单号重复' });
      return this.respond(200, { prepay_id: existing.prepay_id });
    }
    const order: SandboxOrder = {
      out_trade_no: outTradeNo,
      prepay_id: `wx${formatBeijingTime(this.now()).slice(0, 19).replace(/\D/g, '')}${randomBytes(10).toString('hex')}`,
      description: String(input.description),
      notify_url: String(input.notify_url),
      time_expire: String(input.time_expire),
      expires_at_ms: expires,
      amount_total: amount.total,
      payer_openid: payer.openid,
      trade_state: 'NOTPAY',
    };
    this.state.orders.push(order);
    return this.respond(200, { prepay_id: order.prepay_id });
  }

  /** As the real API answers: an unpaid order has no transaction id, payer or payment details. */
  private transactionOf(order: SandboxOrder): Transaction {
    const base = { appid: this.state.appId, mchid: this.state.mchId, out_trade_no: order.out_trade_no };
    if (order.trade_state === 'NOTPAY' || order.trade_state === 'CLOSED')
      return {
        ...base,
        trade_state: order.trade_state,
        trade_state_desc: order.trade_state === 'CLOSED' ? '订单已关闭' : '订单未支付',
        amount: { total: order.amount_total, currency: 'CNY', payer_currency: 'CNY' },
      };
    return {
      ...base,
      transaction_id: order.transaction_id,
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      bank_type: 'OTHERS',
      attach: '',
      success_time: order.success_time,
      payer: { openid: order.payer_openid },
      amount: {
        total: order.amount_total,
        payer_total: order.amount_total,
        currency: 'CNY',
        payer_currency: 'CNY',
      },
    };
  }

  private authorized(
    method: string,
    pathWithQuery: string,
    body: string,
    header: string | undefined,
  ): boolean {
    const auth = parseAuthorization(header);
    if (!auth?.signature || !auth.timestamp || !auth.nonce_str) return false;
    if (auth.mchid !== this.state.mchId || auth.serial_no !== this.state.keys.merchantSerialNo) return false;
    if (Math.abs(this.now().getTime() / 1000 - Number(auth.timestamp)) > 300) return false;
    return createVerify('RSA-SHA256')
      .update(joinLines(method, pathWithQuery, auth.timestamp, auth.nonce_str, body), 'utf8')
      .verify(this.state.keys.merchantPublicKeyPem, auth.signature, 'base64');
  }

  private signedHeaders(body: string): Record<string, string> {
    const timestamp = unixSeconds(this.now());
    const nonce = createNonce();
    return {
      'Content-Type': 'application/json',
      'Request-ID': randomBytes(16).toString('hex'),
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Serial': this.state.keys.platformSerial,
      'Wechatpay-Signature': signMessage(
        joinLines(timestamp, nonce, body),
        this.state.keys.platformPrivateKeyPem,
      ),
      'Wechatpay-Signature-Type': SIGNATURE_TYPE,
      'Wechatpay-Timestamp': timestamp,
    };
  }

  private respond(status: number, payload: unknown): HttpResponse {
    const body = status === 204 ? '' : JSON.stringify(payload);
    return { status, headers: this.signedHeaders(body), body };
  }

  private buildClient(): WechatPayProvider {
    return new WechatPayProvider({
      ...this.verifierConfig,
      merchantSerialNo: this.state.keys.merchantSerialNo,
      merchantPrivateKeyPem: this.state.keys.merchantPrivateKeyPem,
      http: this.handle,
    });
  }
}
