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
 * It also plays refunds (申请退款, 查询单笔退款, and `settleRefund`, which returns the REFUND.* notification),
 * the daily trade bill (申请交易账单 with its SHA-1 and the file at its download_url, built from what the
 * sandbox was paid and refunded that day) and a platform key switch (`rotatePlatformKey`: the new key signs
 * from then on, the old one stays configured until `retirePreviousKeys`). No test-only bypass: whatever the
 * sandbox sends is checked by the production verification code.
 *
 * Never deploy this: it holds the platform private key it signs with.
 */
import { createCipheriv, createPublicKey, createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  SIGNATURE_TYPE,
  sha1Hex,
  WechatPayProvider,
  buildJsapiOrderBody,
  createNonce,
  formatBeijingTime,
  getHeader,
  joinLines,
  signMessage,
  unixSeconds,
  type WechatPayFailure,
} from './wechatpay';
import {
  WechatPayError,
  type HttpRequest,
  type HttpResponse,
  type JsapiClientParams,
  type JsapiOrder,
  type NotificationVerifierConfig,
  type PaymentProvider,
  type Refund,
  type RefundRequest,
  type TradeBill,
  type Transaction,
} from './wechatpay.port';

/** A platform key the sandbox signed with before a switch, still configured until retired. */
export interface SandboxPlatformKey {
  serial: string;
  privateKeyPem: string;
  publicKeyPem: string;
}

export interface SandboxRefund {
  out_refund_no: string;
  refund_id: string;
  out_trade_no: string;
  refund: number;
  reason: string;
  notify_url: string;
  status: 'PROCESSING' | 'SUCCESS' | 'CLOSED' | 'ABNORMAL';
  create_time: string;
  success_time?: string;
  notification_id?: string;
}

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
  /** Refunds asked for (absent in states saved before refunds were played). */
  refunds?: SandboxRefund[];
  /** Platform keys replaced by `rotatePlatformKey` and still configured (absent: none). */
  previousPlatformKeys?: SandboxPlatformKey[];
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
  /** Told of every failed call, as production's provider tells its log. */
  onFailure?: (failure: WechatPayFailure) => void;
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

/** The columns of a trade bill (bill_type ALL), as WeChat Pay's file heads them. */
const TRADE_BILL_HEADER = [
  '交易时间',
  '公众账号ID',
  '商户号',
  '特约商户号',
  '设备号',
  '微信订单号',
  '商户订单号',
  '用户标识',
  '交易类型',
  '交易状态',
  '付款银行',
  '货币种类',
  '应结订单金额',
  '代金券金额',
  '微信退款单号',
  '商户退款单号',
  '退款金额',
  '充值券退款金额',
  '退款类型',
  '退款状态',
  '商品名称',
  '商户数据包',
  '手续费',
  '费率',
  '订单金额',
  '申请退款金额',
  '费率备注',
];

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
  private readonly onFailure: ((failure: WechatPayFailure) => void) | undefined;

  constructor(options: SandboxOptions) {
    this.now = options.now;
    this.onFailure = options.onFailure;
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

  /**
   * The production verifier's configuration for this sandbox's notifications: the current platform key,
   * and the previous ones while a switch is under way (as an operator lists both in WXPAY_PLATFORM_KEYS).
   */
  get verifierConfig(): NotificationVerifierConfig {
    return {
      appId: this.state.appId,
      mchId: this.state.mchId,
      platformPublicKeyPem: this.state.keys.platformPublicKeyPem,
      platformSerial: this.state.keys.platformSerial,
      extraPlatformKeys: (this.state.previousPlatformKeys ?? []).map((k) => ({
        serial: k.serial,
        publicKeyPem: k.publicKeyPem,
      })),
      apiV3Key: this.state.keys.apiV3Key,
      now: this.now,
    };
  }

  /**
   * A platform key switch (平台证书 → 微信支付公钥, or a new certificate): a new key signs from now on, under
   * `serial` (default a fresh `PUB_KEY_ID_…`); the old one stays in `verifierConfig` until
   * `retirePreviousKeys`, and messages already signed with it keep verifying meanwhile. Answers the new serial.
   */
  rotatePlatformKey(serial?: string): string {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const old = this.state.keys;
    this.state.previousPlatformKeys = [
      ...(this.state.previousPlatformKeys ?? []),
      {
        serial: old.platformSerial,
        privateKeyPem: old.platformPrivateKeyPem,
        publicKeyPem: old.platformPublicKeyPem,
      },
    ];
    this.state.keys = {
      ...old,
      platformPrivateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      platformPublicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      platformSerial: serial ?? `PUB_KEY_ID_SANDBOX${randomBytes(8).toString('hex').toUpperCase()}`,
    };
    this.client = this.buildClient();
    return this.state.keys.platformSerial;
  }

  /** The switch is over: the previous keys are no longer configured (nor used to sign). */
  retirePreviousKeys(): void {
    this.state.previousPlatformKeys = [];
    this.client = this.buildClient();
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

  createRefund(refund: RefundRequest): Promise<Refund> {
    return this.client.createRefund(refund);
  }

  queryRefund(outRefundNo: string): Promise<Refund | null> {
    return this.client.queryRefund(outRefundNo);
  }

  downloadTradeBill(billDate: string): Promise<TradeBill | null> {
    return this.client.downloadTradeBill(billDate);
  }

  /**
   * WeChat Pay finishes a refund: SUCCESS (the money reached the payer), CLOSED, or ABNORMAL (the payer's
   * card was cancelled, …), and returns the REFUND.* notification it posts to the refund's notify_url.
   */
  settleRefund(
    outRefundNo: string,
    outcome: 'SUCCESS' | 'CLOSED' | 'ABNORMAL' = 'SUCCESS',
  ): SandboxNotification {
    const refund = this.refunds().find((r) => r.out_refund_no === outRefundNo);
    if (!refund) throw new WechatPayError('RESOURCE_NOT_EXISTS', '退款单不存在', { status: 404 });
    if (refund.status !== 'PROCESSING')
      throw new WechatPayError('INVALID_REQUEST', '退款已处理完毕', { status: 400 });
    refund.status = outcome;
    if (outcome === 'SUCCESS') refund.success_time = formatBeijingTime(this.now());
    refund.notification_id = [8, 4, 4, 4, 12].map((n) => randomBytes(n / 2).toString('hex')).join('-');
    return this.refundNotificationFor(outRefundNo);
  }

  /** The refund's notification again, freshly signed (WeChat Pay's retries), with the current key or `signWith`. */
  refundNotificationFor(outRefundNo: string, opts: { signWith?: string } = {}): SandboxNotification {
    const refund = this.refunds().find((r) => r.out_refund_no === outRefundNo);
    if (!refund?.notification_id)
      throw new WechatPayError('RESOURCE_NOT_EXISTS', '退款未完成', { status: 404 });
    const order = this.state.orders.find((o) => o.out_trade_no === refund.out_trade_no) as SandboxOrder;
    const resource = {
      mchid: this.state.mchId,
      out_trade_no: refund.out_trade_no,
      transaction_id: order.transaction_id,
      out_refund_no: refund.out_refund_no,
      refund_id: refund.refund_id,
      refund_status: refund.status,
      ...(refund.success_time ? { success_time: refund.success_time } : {}),
      user_received_account: '支付用户零钱',
      amount: {
        total: order.amount_total,
        refund: refund.refund,
        payer_total: order.amount_total,
        payer_refund: refund.refund,
      },
    };
    const summary = { SUCCESS: '退款成功', CLOSED: '退款关闭', ABNORMAL: '退款异常', PROCESSING: '' }[
      refund.status
    ];
    return this.envelope(
      refund.notify_url,
      refund.notification_id,
      `REFUND.${refund.status}`,
      summary,
      'refund',
      resource,
      opts.signWith,
    );
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

  /** The notification for a paid order again, freshly signed (with the current key or `signWith`): what WeChat Pay's retries look like. */
  notificationFor(outTradeNo: string, opts: { signWith?: string } = {}): SandboxNotification {
    const order = this.state.orders.find((o) => o.out_trade_no === outTradeNo);
    if (!order?.notification_id || order.trade_state !== 'SUCCESS')
      throw new WechatPayError('ORDER_NOT_EXIST', '订单未支付', { status: 404 });
    return this.envelope(
      order.notify_url,
      order.notification_id,
      'TRANSACTION.SUCCESS',
      '支付成功',
      'transaction',
      this.transactionOf(order),
      opts.signWith,
    );
  }

  /** A notification as WeChat Pay posts it: AES-256-GCM resource with the API v3 key, signed headers. */
  private envelope(
    url: string,
    id: string,
    eventType: string,
    summary: string,
    originalType: 'transaction' | 'refund',
    resource: unknown,
    signWith?: string,
  ): SandboxNotification {
    const resourceNonce = randomAlnum(12);
    const aad = originalType;
    const cipher = createCipheriv(
      'aes-256-gcm',
      Buffer.from(this.state.keys.apiV3Key, 'utf8'),
      Buffer.from(resourceNonce),
      {
        authTagLength: 16,
      },
    );
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const plaintext = JSON.stringify(resource);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    const body = JSON.stringify({
      id,
      create_time: formatBeijingTime(this.now()),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary,
      resource: {
        original_type: originalType,
        algorithm: 'AEAD_AES_256_GCM',
        ciphertext: ciphertext.toString('base64'),
        associated_data: aad,
        nonce: resourceNonce,
      },
    });
    return { method: 'POST', url, headers: this.signedHeaders(body, signWith), body };
  }

  exportState(): SandboxState {
    return JSON.parse(JSON.stringify(this.state)) as SandboxState;
  }

  private refunds(): SandboxRefund[] {
    return (this.state.refunds ??= []);
  }

  importState(state: SandboxState): void {
    if (state.version !== 1) throw new Error(`unsupported sandbox state version ${String(state.version)}`);
    this.state = JSON.parse(JSON.stringify(state)) as SandboxState;
    this.client = this.buildClient();
  }

  /** The fake api.mch.weixin.qq.com (an `HttpTransport`). */
  readonly handle = async (req: HttpRequest): Promise<HttpResponse> => {
    // WeChat Pay signs its answer with the platform key the request names in Wechatpay-Serial when it has it
    // (a merchant that switched to the public key asks for it), otherwise with its current key.
    const asked = getHeader(req.headers, 'Wechatpay-Serial');
    const known =
      asked === this.state.keys.platformSerial ||
      (this.state.previousPlatformKeys ?? []).some((k) => k.serial === asked);
    this.replySerial = known ? asked : undefined;
    try {
      return this.route(req);
    } finally {
      this.replySerial = undefined;
    }
  };

  /** The key the answer being made is signed with (set by `handle` for the duration of one request). */
  private replySerial: string | undefined;

  private route(req: HttpRequest): HttpResponse {
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
    if (req.method === 'POST' && url.pathname === '/v3/refund/domestic/refunds')
      return this.handleRefund(body);
    const refundQuery = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && refundQuery?.[1] !== undefined) {
      const r = this.refunds().find((x) => x.out_refund_no === decodeURIComponent(refundQuery[1] ?? ''));
      if (!r) return this.respond(404, { code: 'RESOURCE_NOT_EXISTS', message: '退款单不存在' });
      return this.respond(200, this.refundOf(r));
    }
    if (req.method === 'GET' && url.pathname === '/v3/bill/tradebill') return this.handleTradeBill(url);
    if (req.method === 'GET' && url.pathname === '/v3/billdownload/file') {
      const file = this.billFiles.get(url.searchParams.get('token') ?? '');
      if (file === undefined) return this.respond(400, { code: 'PARAM_ERROR', message: '下载链接已失效' });
      // The file is served as it is, without a signature: its SHA-1 came in the signed 申请交易账单 answer.
      return { status: 200, headers: { 'Request-ID': randomBytes(16).toString('hex') }, body: file };
    }
    return this.respond(404, { code: 'NOT_FOUND', message: '接口不存在' });
  }

  /** Bill files by download token (in memory: a download_url is valid for 30 seconds at WeChat Pay). */
  private readonly billFiles = new Map<string, string>();

  /**
   * 申请退款: refunds a paid order once per out_refund_no (the same number asked again answers the same
   * refund), never more in total than the order's amount.
   */
  private handleRefund(body: string): HttpResponse {
    let input: {
      out_trade_no?: unknown;
      out_refund_no?: unknown;
      reason?: unknown;
      notify_url?: unknown;
      amount?: { refund?: unknown; total?: unknown; currency?: unknown };
    };
    try {
      input = JSON.parse(body) as typeof input;
    } catch {
      return this.respond(400, { code: 'PARAM_ERROR', message: '请求体不是 JSON' });
    }
    const no = input.out_refund_no;
    const amount = input.amount;
    if (
      typeof no !== 'string' ||
      typeof input.out_trade_no !== 'string' ||
      typeof amount?.refund !== 'number' ||
      typeof amount.total !== 'number' ||
      amount.currency !== 'CNY'
    )
      return this.respond(400, { code: 'PARAM_ERROR', message: '参数错误' });
    const existing = this.refunds().find((r) => r.out_refund_no === no);
    if (existing) {
      if (existing.out_trade_no !== input.out_trade_no || existing.refund !== amount.refund)
        return this.respond(400, { code: 'INVALID_REQUEST', message: '退款单号已用于另一笔退款' });
      return this.respond(200, this.refundOf(existing));
    }
    const order = this.state.orders.find((o) => o.out_trade_no === input.out_trade_no);
    if (!order) return this.respond(404, { code: 'RESOURCE_NOT_EXISTS', message: '订单不存在' });
    if (order.trade_state !== 'SUCCESS')
      return this.respond(400, { code: 'INVALID_REQUEST', message: '订单未支付，不能退款' });
    if (amount.total !== order.amount_total)
      return this.respond(400, { code: 'PARAM_ERROR', message: '原订单金额不正确' });
    const refunded = this.refunds()
      .filter((r) => r.out_trade_no === order.out_trade_no && r.status !== 'CLOSED')
      .reduce((sum, r) => sum + r.refund, 0);
    if (amount.refund <= 0 || refunded + amount.refund > order.amount_total)
      return this.respond(400, { code: 'INVALID_REQUEST', message: '申请退款金额超过订单可退金额' });
    this.state.seq += 1;
    const refund: SandboxRefund = {
      out_refund_no: no,
      refund_id: `50300${formatBeijingTime(this.now()).slice(0, 10).replace(/-/g, '')}${String(this.state.seq).padStart(15, '0')}`,
      out_trade_no: order.out_trade_no,
      refund: amount.refund,
      reason: typeof input.reason === 'string' ? input.reason : '',
      notify_url: typeof input.notify_url === 'string' ? input.notify_url : '',
      status: 'PROCESSING',
      create_time: formatBeijingTime(this.now()),
    };
    this.refunds().push(refund);
    return this.respond(200, this.refundOf(refund));
  }

  private refundOf(r: SandboxRefund): Refund {
    const order = this.state.orders.find((o) => o.out_trade_no === r.out_trade_no) as SandboxOrder;
    return {
      refund_id: r.refund_id,
      out_refund_no: r.out_refund_no,
      transaction_id: order.transaction_id,
      out_trade_no: r.out_trade_no,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      ...(r.success_time ? { success_time: r.success_time } : {}),
      create_time: r.create_time,
      status: r.status,
      amount: {
        total: order.amount_total,
        refund: r.refund,
        payer_total: order.amount_total,
        payer_refund: r.refund,
        currency: 'CNY',
      },
    };
  }

  /**
   * 申请交易账单 (bill_type ALL): the day's payments (by success_time) and successful refunds (by their
   * success time) as WeChat Pay's bill file, its SHA-1 and a download_url; NO_STATEMENT_EXIST for a day
   * without any.
   */
  private handleTradeBill(url: URL): HttpResponse {
    const day = url.searchParams.get('bill_date') ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || (url.searchParams.get('bill_type') ?? 'ALL') !== 'ALL')
      return this.respond(400, { code: 'PARAM_ERROR', message: '参数错误' });
    const file = this.tradeBillFile(day);
    if (file === null) return this.respond(400, { code: 'NO_STATEMENT_EXIST', message: '账单不存在' });
    const token = randomBytes(12).toString('hex');
    this.billFiles.set(token, file);
    return this.respond(200, {
      hash_type: 'SHA1',
      hash_value: sha1Hex(file),
      download_url: `${url.origin}/v3/billdownload/file?token=${token}`,
    });
  }

  /** The bill file of a Beijing day, or null when nothing was paid or refunded that day. */
  tradeBillFile(day: string): string | null {
    const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
    const time = (rfc3339: string) => rfc3339.slice(0, 19).replace('T', ' ');
    const lines: string[][] = [];
    let settled = 0;
    let refunded = 0;
    for (const o of this.state.orders) {
      if (o.trade_state !== 'SUCCESS' || !o.success_time?.startsWith(day)) continue;
      settled += o.amount_total;
      lines.push([
        time(o.success_time),
        this.state.appId,
        this.state.mchId,
        '0',
        '',
        o.transaction_id ?? '',
        o.out_trade_no,
        o.payer_openid,
        'JSAPI',
        'SUCCESS',
        'OTHERS',
        'CNY',
        yuan(o.amount_total),
        '0.00',
        '0',
        '0',
        '0.00',
        '0.00',
        '',
        '',
        o.description,
        '',
        '0.00',
        '0.60%',
        yuan(o.amount_total),
        '0.00',
        '',
      ]);
    }
    for (const r of this.refunds()) {
      if (r.status !== 'SUCCESS' || !r.success_time?.startsWith(day)) continue;
      const o = this.state.orders.find((x) => x.out_trade_no === r.out_trade_no) as SandboxOrder;
      refunded += r.refund;
      lines.push([
        time(r.success_time),
        this.state.appId,
        this.state.mchId,
        '0',
        '',
        o.transaction_id ?? '',
        o.out_trade_no,
        o.payer_openid,
        'JSAPI',
        'REFUND',
        'OTHERS',
        'CNY',
        '0.00',
        '0.00',
        r.refund_id,
        r.out_refund_no,
        yuan(r.refund),
        '0.00',
        'ORIGINAL',
        'SUCCESS',
        o.description,
        '',
        '0.00',
        '0.60%',
        yuan(o.amount_total),
        yuan(r.refund),
        '',
      ]);
    }
    if (lines.length === 0) return null;
    return [
      TRADE_BILL_HEADER.join(','),
      ...lines.map((l) => l.map((f) => '`' + f).join(',')),
      '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
      ['' + lines.length, yuan(settled), yuan(refunded), '0.00', '0.00', yuan(settled), yuan(refunded)]
        .map((f) => '`' + f)
        .join(','),
      '',
    ].join('\r\n');
  }

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

  /** The platform key named `serial` (a previous one during a switch), or the current one. */
  private signingKey(serial?: string): { serial: string; privateKeyPem: string } {
    const old = (this.state.previousPlatformKeys ?? []).find((k) => k.serial === serial);
    if (old) return old;
    if (serial !== undefined && serial !== this.state.keys.platformSerial)
      throw new Error(`the sandbox has no platform key ${serial}`);
    return { serial: this.state.keys.platformSerial, privateKeyPem: this.state.keys.platformPrivateKeyPem };
  }

  private signedHeaders(body: string, serial?: string): Record<string, string> {
    const timestamp = unixSeconds(this.now());
    const nonce = createNonce();
    const key = this.signingKey(serial);
    return {
      'Content-Type': 'application/json',
      'Request-ID': randomBytes(16).toString('hex'),
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Serial': key.serial,
      'Wechatpay-Signature': signMessage(joinLines(timestamp, nonce, body), key.privateKeyPem),
      'Wechatpay-Signature-Type': SIGNATURE_TYPE,
      'Wechatpay-Timestamp': timestamp,
    };
  }

  private respond(status: number, payload: unknown): HttpResponse {
    const body = status === 204 ? '' : JSON.stringify(payload);
    return { status, headers: this.signedHeaders(body, this.replySerial), body };
  }

  private buildClient(): WechatPayProvider {
    return new WechatPayProvider({
      ...this.verifierConfig,
      merchantSerialNo: this.state.keys.merchantSerialNo,
      merchantPrivateKeyPem: this.state.keys.merchantPrivateKeyPem,
      http: this.handle,
      ...(this.onFailure ? { onFailure: this.onFailure } : {}),
    });
  }
}
