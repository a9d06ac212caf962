import { COLLECTIONS } from '@shared/collections';
import type { DatabasePort } from '../_runtime/db';
import type { Logger } from '../_runtime/logger';
import { logWechatPayFailure, type PaymentsPort } from '../_runtime/payments.port';
import { SandboxPaymentProvider, type SandboxState } from '../billing/wechatpay/sandbox';

const STATE_ID = 'wxpay-sandbox';

/**
 * The local WeChat Pay: the sandbox provider, its keys and orders kept in the `meta` collection so that a
 * restarted local server still verifies its earlier orders. Never bundled into a cloud function.
 */
export function createSandboxPayments(db: DatabasePort, now: () => Date, log?: Logger): PaymentsPort {
  let loading: Promise<SandboxPaymentProvider> | null = null;
  const save = async (s: SandboxPaymentProvider) => {
    await db.collection(COLLECTIONS.meta).doc(STATE_ID).set({ state: s.exportState() });
  };
  const load = () =>
    (loading ??= (async () => {
      const doc = (await db.collection(COLLECTIONS.meta).doc(STATE_ID).get()).data[0] as
        { state: SandboxState } | undefined;
      const sandbox = new SandboxPaymentProvider({
        now,
        state: doc?.state,
        ...(log ? { onFailure: (f) => logWechatPayFailure(log, f) } : {}),
      });
      if (!doc) await save(sandbox);
      return sandbox;
    })());
  return {
    async provider() {
      const sandbox = await load();
      return {
        async createJsapiOrder(order) {
          const result = await sandbox.createJsapiOrder(order);
          await save(sandbox);
          return result;
        },
        queryOrder: (outTradeNo) => sandbox.queryOrder(outTradeNo),
        async closeOrder(outTradeNo) {
          try {
            await sandbox.closeOrder(outTradeNo);
          } finally {
            await save(sandbox);
          }
        },
        async createRefund(refund) {
          try {
            return await sandbox.createRefund(refund);
          } finally {
            await save(sandbox);
          }
        },
        queryRefund: (outRefundNo) => sandbox.queryRefund(outRefundNo),
        downloadTradeBill: (billDate) => sandbox.downloadTradeBill(billDate),
      };
    },
    verifier: async () => (await load()).verifierConfig,
    notifyUrl: 'https://anju.local/api/billing/notify',
    async sandboxPay(outTradeNo) {
      const sandbox = await load();
      const notification = sandbox.pay(outTradeNo);
      await save(sandbox);
      return { headers: notification.headers, body: notification.body };
    },
    async sandboxSettleRefund(outRefundNo, outcome = 'SUCCESS') {
      const sandbox = await load();
      const notification = sandbox.settleRefund(outRefundNo, outcome);
      await save(sandbox);
      return { headers: notification.headers, body: notification.body };
    },
  };
}
