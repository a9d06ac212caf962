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
}
