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
  /**
   * 申请退款 (POST /v3/refund/domestic/refunds, https://pay.weixin.qq.com/docs/merchant/products/refund/apilist.html):
   * the same `out_refund_no` asked again refunds once ("同一商户退款单号多次请求只退一笔"), so a retry is
   * safe. Answers the refund as WeChat Pay accepted it (status PROCESSING, or SUCCESS at once).
   * Throws `WechatPayError` on refusal (e.g. `NOT_ENOUGH`, `INVALID_REQUEST`).
   */
  createRefund(refund: RefundRequest): Promise<Refund>;
  /** 查询单笔退款 (GET /v3/refund/domestic/refunds/{out_refund_no}); `null` when WeChat Pay has no such refund. */
  queryRefund(outRefundNo: string): Promise<Refund | null>;
  /**
   * 申请交易账单 (GET /v3/bill/tradebill?bill_date=&bill_type=ALL) and 下载账单 (GET download_url): the file is
   * trusted only when its SHA-1 equals the `hash_value` of the signed answer; parsed into rows.
   * `null` when WeChat Pay has no bill for that day (NO_STATEMENT_EXIST: no trade that day).
   */
  downloadTradeBill(billDate: string): Promise<TradeBill | null>;
}

/** One platform key WeChat Pay signs with: a WeChat Pay public key or a platform certificate. */
export interface PlatformKey {
  /** `PUB_KEY_ID_…` for a WeChat Pay public key, the certificate serial for a platform certificate. */
  serial: string;
  /** `-----BEGIN PUBLIC KEY-----` or a certificate PEM. */
  publicKeyPem: string;
}

/** What the billing service asks to refund. */
export interface RefundRequest {
  /** The paid order (商户订单号). */
  outTradeNo: string;
  /** 商户退款单号: 1–64 of `0-9 A-Z a-z _ - | * @`; deterministic from what is refunded. */
  outRefundNo: string;
  /** Shown to the payer in WeChat's refund message (at most 80 bytes). */
  reason: string;
  /** Positive integer fen, at most the order's total. */
  refundFen: number;
  /** The order's original total (amount.total), fen. */
  totalFen: number;
  /** HTTPS, no query string. */
  notifyUrl: string;
}

/** Documented refund `status` values (退款状态). */
export type RefundStatus = 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';

/** A v3 refund (申请退款 / 查询单笔退款 answer); field names as WeChat Pay documents them. */
export interface Refund {
  refund_id: string;
  out_refund_no: string;
  transaction_id?: string;
  out_trade_no: string;
  channel?: string;
  user_received_account?: string;
  success_time?: string;
  create_time?: string;
  status: RefundStatus;
  amount: { total: number; refund: number; payer_total?: number; payer_refund?: number; currency?: string };
}

/** The decrypted `resource` of a refund notification (退款结果通知, original_type `refund`). */
export interface RefundResource {
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  out_refund_no: string;
  refund_id: string;
  refund_status: 'SUCCESS' | 'CLOSED' | 'ABNORMAL';
  success_time?: string;
  user_received_account?: string;
  amount: { total: number; refund: number; payer_total?: number; payer_refund?: number };
}

/** The verified, decrypted refund notification (event_type REFUND.SUCCESS / REFUND.ABNORMAL / REFUND.CLOSED). */
export interface RefundNotification {
  id: string;
  create_time: string;
  event_type: 'REFUND.SUCCESS' | 'REFUND.ABNORMAL' | 'REFUND.CLOSED';
  summary: string;
  refund: RefundResource;
}

/** One row of a trade bill (交易账单), amounts turned from yuan into integer fen. */
export interface TradeBillRow {
  /** 交易时间, `YYYY-MM-DD HH:mm:ss` Beijing time. */
  tradeTime: string;
  transactionId: string;
  outTradeNo: string;
  /** 交易状态: SUCCESS for a payment, REFUND for a refund row. */
  tradeState: string;
  /** 应结订单金额 in fen (payments). */
  settledFen: number;
  refundId: string;
  outRefundNo: string;
  /** 退款金额 in fen (refund rows). */
  refundFen: number;
  /** 退款状态 (refund rows): SUCCESS, PROCESSING, … */
  refundStatus: string;
}

export interface TradeBill {
  billDate: string;
  rows: TradeBillRow[];
  /** The totals line: 总交易单数, 应结订单总金额 and 退款总金额 in fen. */
  summary: { count: number; settledFen: number; refundFen: number };
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
  /**
   * More keys accepted at the same time, during a switch (平台证书 → 微信支付公钥, or a new platform
   * certificate): a message is checked with the key its `Wechatpay-Serial` names, and refused when that
   * serial is none of the configured ones
   * (https://pay.weixin.qq.com/doc/v3/merchant/4012154180, 如何从平台证书切换成微信支付公钥).
   */
  extraPlatformKeys?: readonly PlatformKey[];
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
  /** WeChat Pay's `Request-ID` response header, for its support to trace the call (absent without an answer). */
  readonly requestId: string | undefined;
  constructor(
    code: string,
    message: string,
    opts: { status?: number; reason?: NotificationRejectReason; requestId?: string } = {},
  ) {
    super(message);
    this.name = 'WechatPayError';
    this.code = code;
    this.status = opts.status;
    this.reason = opts.reason;
    this.requestId = opts.requestId;
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
