import type { Logger } from './logger';
import type { NotificationVerifierConfig, PaymentProvider } from '../billing/wechatpay/wechatpay.port';

/**
 * WeChat Pay behind a port: production builds it from the merchant configuration (environment), the local
 * host from the sandbox, which signs and encrypts its notifications exactly like WeChat Pay v3, so the same
 * verification and decryption code runs in both.
 */
export interface PaymentsPort {
  provider(): Promise<PaymentProvider>;
  verifier(): Promise<NotificationVerifierConfig>;
  /** Where WeChat Pay sends payment notifications (the billing function's HTTP access path). */
  notifyUrl: string;
  /** Local sandbox only: pays an order and returns the notification WeChat Pay would POST; null in production. */
  sandboxPay: ((outTradeNo: string) => Promise<{ headers: Record<string, string>; body: string }>) | null;
  /**
   * Local sandbox only: WeChat Pay finishes a refund (SUCCESS, CLOSED or ABNORMAL) and returns the REFUND.*
   * notification it would POST to the notify route; null in production.
   */
  sandboxSettleRefund:
    | ((
        outRefundNo: string,
        outcome?: 'SUCCESS' | 'CLOSED' | 'ABNORMAL',
      ) => Promise<{ headers: Record<string, string>; body: string }>)
    | null;
}

/** The log line of a failed WeChat Pay call (its Request-ID and error code), one wording for every runtime. */
export function logWechatPayFailure(
  log: Logger,
  failure: { method: string; api: string; status: number | null; code: string; requestId: string },
): void {
  log.log('warn', 'wechat pay call failed', {
    method: failure.method,
    api: failure.api,
    status: failure.status,
    code: failure.code,
    wechatRequestId: failure.requestId,
  });
}
