import Taro from '@tarojs/taro';
import type { PaymentView } from '@shared/contracts';
import { formatFen } from '../utils/format';
import { confirm } from '../utils/ui';
import { callFunction } from './call';

/**
 * Closes an order the tenant did not pay (取消 on the payment step, or the sheet failed) through the server,
 * which closes it with WeChat Pay so the same bills can be paid again at once. Resolves with the order if it
 * turned out paid (or is still being paid), null once it is closed.
 */
export async function cancelPayment(orderId: string): Promise<PaymentView | null> {
  const order = await callFunction('billing', 'cancelPayment', { orderId });
  return order.status === 'closed' ? null : order;
}

/**
 * Pays bills: the server creates the WeChat Pay order; the mini-program opens WeChat's payment sheet with
 * the signed parameters, while the local browser build shows a sandbox confirmation whose notification goes
 * through the same server-side verification. Either way the result comes from the server (the notification
 * or a query of the order), never from the client's word. Resolves with the order, or null if cancelled (the
 * order is then closed, so the caller makes a new request id for the next attempt).
 */
export async function payBills(billIds: string[], requestId: string): Promise<PaymentView | null> {
  const order = await callFunction('billing', 'createPayment', { billIds, clientRequestId: requestId });
  if (order.sandbox) {
    const ok = await confirm(
      '沙箱支付（本地演示）',
      `模拟微信支付 ${formatFen(order.amountFen)}。本地环境不会真实扣款，支付结果由沙箱按微信支付 v3 格式签名通知服务器。`,
      '确认支付',
    );
    if (!ok) return cancelPayment(order.orderId);
    return callFunction('billing', 'sandboxPay', { orderId: order.orderId });
  }
  try {
    await Taro.requestPayment({
      timeStamp: order.clientParams.timeStamp,
      nonceStr: order.clientParams.nonceStr,
      package: order.clientParams.package,
      signType: order.clientParams.signType,
      paySign: order.clientParams.paySign,
    });
  } catch {
    // Cancelled or failed in the sheet: close the order (the server asks WeChat Pay first, so a payment that
    // went through after all is credited and returned as paid).
    return cancelPayment(order.orderId);
  }
  // Paid in the sheet: wait for the notification (or the server's query of the order).
  for (let i = 0; i < 10; i++) {
    const status = await callFunction('billing', 'paymentStatus', { orderId: order.orderId });
    if (status.status === 'paid') return status;
    await new Promise((r) => setTimeout(r, 1500));
  }
  return callFunction('billing', 'paymentStatus', { orderId: order.orderId });
}
