/**
 * The payment port the billing service talks to: WeChat Pay API v3, mini-program (JSAPI) payments.
 *
 * Production: `WechatPayProvider` (wechatpay.ts). Locally and in tests: `SandboxPaymentProvider`
 * (sandbox.ts), which answers the same HTTP API and signs and encrypts its notifications exactly as WeChat
 * Pay does, so `verifyNotification` (wechatpay.ts) is the same code in both.
 *
 * Money is integer fen throughout (WeChat Pay's `amount.total` is fen as well).
 */

/** Documented `trade_state` values of a v3 transaction. */
export type TradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';

/**
 * A v3 transaction (查询订单 response, and the decrypted `resource` of a payment notification); field names
 * exactly as WeChat Pay v3 documents them. Fields WeChat Pay leaves out while an order is unpaid
 * (`transaction_id`, `trade_type`, `bank_type`, `success_time`, the payer) are optional. Unknown fields
 * WeChat Pay may add (`promotion_detail`, `scene_info`, …) are kept on the object as received.
 */
export interface Transaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_type?: string;
  trade_state: TradeState;
  trade_state_desc: string;
  bank_type?: string;
  attach?: string;
  /** RFC 3339, e.g. `2026-11-22T22:30:00+08:00`. */
  success_time?: string;
  payer?: { openid?: string };
  amount: { total?: number; payer_total?: number; currency?: 'CNY'; payer_currency?: 'CNY' };
}

/** What the billing service asks for. */
export interface JsapiOrder {
  /** 商户订单号: 6–32 characters of `0-9 A-Z a-z _ - | *`, unique per merchant. */
  outTradeNo: string;
  /** 商品描述, at most 127 characters; shown to the payer. */
  description: string;
  /** Positive integer fen. */
  amountFen: number;
  /** The payer's openid under `appId` (from the platform context, never from a request body). */
  payerOpenid: string;
  /** HTTPS URL WeChat Pay posts the notification to; no query string. */
  notifyUrl: string;
  /** 支付结束时间: WeChat Pay refuses payment after this instant. Sent as RFC 3339 in +08:00. */
  expiresAt: Date;
}

/** The arguments of `wx.requestPayment` / `Taro.requestPayment`, already signed. */
export interface JsapiClientParams {
  appId: string;
  /** Seconds since the epoch, as a string. */
  timeStamp: string;
  nonceStr: string;
  /** `prepay_id=<id>` */
  package: string;
  signType: 'RSA';
  paySign: string;
}

export interface PaymentProvider {
  /**
   * Creates a JSAPI order server-side (POST /v3/pay/transactions/jsapi) and returns the signed client
   * params for wx.requestPayment. Throws `WechatPayError` on refusal (e.g. code `ORDERPAID`).
   */
  createJsapiOrder(order: JsapiOrder): Promise<{ prepayId: string; clientParams: JsapiClientParams }>;
  /**
   * Queries an order by out_trade_no (GET /v3/pay/transactions/out-trade-no/{no}?mchid=) for
   * reconciliation. Only a response whose signature verified can produce a Transaction; `null` when
   * WeChat Pay answers ORDER_NOT_EXIST.
   */
  queryOrder(outTradeNo: string): Promise<Transaction | null>;
  /**
   * Closes an unpaid order (POST /v3/pay/transactions/out-trade-no/{no}/close, body `{ mchid }`, answered
   * 204 No Content): WeChat Pay then refuses to pay it. Used when the payer cancels, when an order expires
   * and before a new order for the same bills. WeChat Pay answers 204 for an order that is already closed
   * or that it does not know, and a payment already in progress can still complete, so the caller queries
   * the order afterwards to learn what became of it. Throws `WechatPayError` (e.g. `ORDERPAID`).
   */
  closeOrder(outTradeNo: string): Promise<void>;
}

/** An HTTP request as the billing service's notify endpoint received it. Header names in any case. */
export interface NotificationRequest {
  headers: Record<string, string | string[] | undefined>;
  /** The raw body exactly as received (UTF-8). Re-serialised JSON will not verify. */
  body: string;
}

/** The verified, decrypted payment notification. */
export interface PaymentNotification {
  /** Notification id: the same id is delivered again on retries, so handle it idempotently. */
  id: string;
  create_time: string;
  event_type: string;
  summary: string;
  transaction: Transaction;
}

/**
 * What `verifyNotification` needs: the platform key WeChat Pay signs with, the API v3 key the resource is
 * encrypted with, the merchant the notification must be for, and a clock.
 */
export interface NotificationVerifierConfig {
  appId: string;
  mchId: string;
  /** WeChat Pay public key (`-----BEGIN PUBLIC KEY-----`) or platform certificate PEM. */
  platformPublicKeyPem: string;
  /** Its id: `PUB_KEY_ID_…` for a WeChat Pay public key, the certificate serial for a platform cert. */
  platformSerial: string;
  /** API v3 key: 32 ASCII characters, set in the merchant platform. */
  apiV3Key: string;
  now: () => Date;
}

export type NotificationRejectReason =
  'bad-signature' | 'unknown-serial' | 'stale-timestamp' | 'bad-ciphertext' | 'malformed' | 'wrong-merchant';

const REJECT_MESSAGES: Record<NotificationRejectReason, string> = {
  'bad-signature': '支付通知签名无效',
  'unknown-serial': '支付通知的平台证书序列号未知',
  'stale-timestamp': '支付通知时间戳超出允许范围',
  'bad-ciphertext': '支付通知密文无法解密',
  malformed: '支付通知格式错误',
  'wrong-merchant': '支付通知不属于本商户',
};

/**
 * A notification (or an API response) that must not be trusted. Answer WeChat Pay with a 4xx/5xx and
 * `{ code: 'FAIL', message }` so it retries; never act on the body.
 */
export class NotificationRejected extends Error {
  readonly reason: NotificationRejectReason;
  constructor(reason: NotificationRejectReason, detail?: string) {
    super(detail ? `${REJECT_MESSAGES[reason]}（${detail}）` : REJECT_MESSAGES[reason]);
    this.name = 'NotificationRejected';
    this.reason = reason;
  }
}

/**
 * A call to the WeChat Pay API that did not produce a trusted answer. `code` is WeChat Pay's error code
 * (`ORDERPAID`, `PARAM_ERROR`, `SYSTEM_ERROR`, …) or one of ours: `INVALID_ORDER` (refused before sending),
 * `BAD_RESPONSE_SIGNATURE` (the answer did not verify; `reason` says why), `MALFORMED_RESPONSE`,
 * `NETWORK_ERROR`.
 */
export class WechatPayError extends Error {
  readonly code: string;
  readonly status: number | undefined;
  readonly reason: NotificationRejectReason | undefined;
  constructor(
    code: string,
    message: string,
    opts: { status?: number; reason?: NotificationRejectReason } = {},
  ) {
    super(message);
    this.name = 'WechatPayError';
    this.code = code;
    this.status = opts.status;
    this.reason = opts.reason;
  }
}

/** The HTTP seam: production uses node:https, tests and the sandbox inject their own. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  /** Absolute URL. */
  url: string;
  headers: Record<string, string>;
  body?: string;
}
export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}
export type HttpTransport = (req: HttpRequest) => Promise<HttpResponse>;
