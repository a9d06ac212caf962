import { COLLECTIONS } from '@shared/collections';
import type { PaymentView } from '@shared/contracts';
import type { Envelope } from '@shared/errors';
import { createLocalHost, type LocalHost } from '../../../cloudfunctions/_local/local-host';
import type { BillDoc } from '../../../cloudfunctions/_runtime/documents';
import { SandboxPaymentProvider } from '../../../cloudfunctions/billing/wechatpay/sandbox';
import { WechatPayProvider } from '../../../cloudfunctions/billing/wechatpay/wechatpay';
import type { HttpRequest, JsapiOrder } from '../../../cloudfunctions/billing/wechatpay/wechatpay.port';
import { addTenancy, type Tenancy } from '../../factories/tenancy.factory';

/**
 * A cancelled or abandoned WeChat payment never locks the bills: the order is closed through WeChat Pay's
 * close-order API (then queried, since a payment can complete while the close is in flight), and a closed
 * order can no longer be paid, in production as in the sandbox.
 */
let clock = new Date('2026-11-22T02:00:00Z');
let host: LocalHost;
let t: Tenancy;

beforeEach(async () => {
  clock = new Date('2026-11-22T02:00:00Z');
  host = await createLocalHost({ dataFile: ':memory:', seed: false, now: () => clock });
  t = await addTenancy(host.runtime.db, {
    bills: [
      { period: '2026-10', amountFen: 480_00 },
      { period: '2026-11', amountFen: 480_00 },
    ],
  });
});
afterEach(() => host.close());

async function ok<T>(action: string, input: object = {}, openid = t.tenant.openid): Promise<T> {
  const res = (await host.invoke('billing', { action, ...input }, { openid })) as Envelope<T>;
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.data;
}
async function call(action: string, input: object = {}, openid = t.tenant.openid) {
  return (await host.invoke('billing', { action, ...input }, { openid })) as Envelope<unknown>;
}
const billIds = () => Object.values(t.bills);
const pay = (requestId: string) =>
  ok<{ orderId: string; amountFen: number }>('createPayment', {
    billIds: billIds(),
    clientRequestId: requestId,
  });
const wechatState = async (orderId: string) =>
  (await (await host.runtime.payments.provider()).queryOrder(orderId))?.trade_state ?? null;
const paymentsOfBill = async (id: string) =>
  ((await host.runtime.db.collection(COLLECTIONS.bills).doc(id).get()).data[0] as BillDoc).entries.filter(
    (e) => e.kind === 'payment',
  );

it('取消 closes the order through WeChat Pay: it can no longer be paid, and the tenant pays again at once', async () => {
  const first = await pay('cancel-first-01');
  const closed = await ok<PaymentView>('cancelPayment', { orderId: first.orderId });
  expect(closed.status).toBe('closed');
  expect(await wechatState(first.orderId)).toBe('CLOSED');
  // The closed order cannot be paid any more (WeChat Pay answers ORDER_CLOSED), so nothing is credited.
  await expect(host.runtime.payments.sandboxPay!(first.orderId)).rejects.toMatchObject({
    code: 'ORDER_CLOSED',
  });
  expect((await call('sandboxPay', { orderId: first.orderId })).ok).toBe(true);
  for (const id of billIds()) expect(await paymentsOfBill(id)).toEqual([]);
  // The bills are free again at once, with no wait for the order to expire.
  const bills = await ok<{ pendingOrderId: string | null }[]>('myBills');
  expect(bills.map((b) => b.pendingOrderId)).toEqual([null, null]);
  const second = await pay('cancel-second-1');
  expect(second.orderId).not.toBe(first.orderId);
  const paid = await ok<PaymentView>('sandboxPay', { orderId: second.orderId });
  expect(paid.status).toBe('paid');
  for (const id of billIds()) expect(await paymentsOfBill(id)).toHaveLength(1);
  // Cancelling a paid order changes nothing.
  expect((await ok<PaymentView>('cancelPayment', { orderId: second.orderId })).status).toBe('paid');
});

it('an abandoned order (the app was closed on the payment sheet) does not lock the bills: 取消 on the bills page closes it, expiry closes it too', async () => {
  const abandoned = await pay('abandoned-0001');
  const open = await call('createPayment', { billIds: billIds(), clientRequestId: 'abandoned-0002' });
  expect(open).toMatchObject({
    ok: false,
    error: { code: 'CONFLICT', message: expect.stringContaining('取消这笔支付') },
  });
  const bills = await ok<{ pendingOrderId: string | null }[]>('myBills');
  expect(bills.map((b) => b.pendingOrderId)).toEqual([abandoned.orderId, abandoned.orderId]);
  expect((await ok<PaymentView>('cancelPayment', { orderId: abandoned.orderId })).status).toBe('closed');
  const next = await pay('abandoned-0002');
  expect((await ok<PaymentView>('sandboxPay', { orderId: next.orderId })).status).toBe('paid');

  // An order left open past its expiry is closed through WeChat Pay by the next payment for its bills.
  const other = await addTenancy(host.runtime.db, {
    prefix: 'x',
    bills: [{ period: '2026-11', amountFen: 480_00 }],
  });
  const bill = [other.bills['2026-11']!];
  const stale = await ok<{ orderId: string }>(
    'createPayment',
    { billIds: bill, clientRequestId: 'expired-00001' },
    other.tenant.openid,
  );
  clock = new Date(clock.getTime() + 16 * 60_000);
  await ok('createPayment', { billIds: bill, clientRequestId: 'expired-00002' }, other.tenant.openid);
  expect(await wechatState(stale.orderId)).toBe('CLOSED');
  expect(
    (await ok<PaymentView>('paymentStatus', { orderId: stale.orderId }, other.tenant.openid)).status,
  ).toBe('closed');
});

it('an order paid in WeChat whose notification has not arrived is credited, not closed, when the tenant cancels or pays again', async () => {
  const order = await pay('paid-no-notify1');
  await host.runtime.payments.sandboxPay!(order.orderId); // paid; the notification is still on its way
  const again = await call('createPayment', { billIds: billIds(), clientRequestId: 'paid-no-notify2' });
  expect(again).toMatchObject({ ok: false, error: { code: 'STATE_INVALID' } });
  expect((await ok<PaymentView>('cancelPayment', { orderId: order.orderId })).status).toBe('paid');
  for (const id of billIds()) expect(await paymentsOfBill(id)).toHaveLength(1);
});

it('the payment-reconcile job closes orders left past their expiry through WeChat Pay', async () => {
  const order = await pay('stale-order-001');
  clock = new Date(clock.getTime() + 16 * 60_000);
  const r = await host.trigger('billing', 'payment-reconcile');
  expect(r).toMatchObject({ ok: true, data: { checked: 1, closed: 1, credited: 0 } });
  expect(await wechatState(order.orderId)).toBe('CLOSED');
  await expect(host.runtime.payments.sandboxPay!(order.orderId)).rejects.toMatchObject({
    code: 'ORDER_CLOSED',
  });
});

describe('the close-order call (WeChat Pay v3: POST /v3/pay/transactions/out-trade-no/{no}/close)', () => {
  const now = () => new Date('2026-11-22T02:00:00Z');
  const order = (outTradeNo: string): JsapiOrder => ({
    outTradeNo,
    description: '公租房租金 2026-11',
    amountFen: 480_00,
    payerOpenid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
    notifyUrl: 'https://anju.example.cn/billing/notify',
    expiresAt: new Date(now().getTime() + 15 * 60_000),
  });

  it('is a signed POST with the merchant id in the body, answered 204 and verified; repeat closes are harmless', async () => {
    const sandbox = new SandboxPaymentProvider({ now });
    const keys = sandbox.exportState().keys;
    const seen: HttpRequest[] = [];
    const client = new WechatPayProvider({
      ...sandbox.verifierConfig,
      merchantSerialNo: keys.merchantSerialNo,
      merchantPrivateKeyPem: keys.merchantPrivateKeyPem,
      http: async (req) => {
        seen.push(req);
        return sandbox.handle(req);
      },
    });
    await client.createJsapiOrder(order('CLOSE000000001'));
    await client.closeOrder('CLOSE000000001');
    const req = seen[1]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe(
      'https://api.mch.weixin.qq.com/v3/pay/transactions/out-trade-no/CLOSE000000001/close',
    );
    expect(JSON.parse(req.body ?? '')).toEqual({ mchid: sandbox.verifierConfig.mchId });
    expect(req.headers.Authorization).toMatch(/^WECHATPAY2-SHA256-RSA2048 mchid="/);
    await expect(client.queryOrder('CLOSE000000001')).resolves.toMatchObject({
      trade_state: 'CLOSED',
      trade_state_desc: '订单已关闭',
    });
    await expect(client.closeOrder('CLOSE000000001')).resolves.toBeUndefined();
    // WeChat Pay refuses to pay, or to place again, a closed order.
    expect(() => sandbox.pay('CLOSE000000001')).toThrow(expect.objectContaining({ code: 'ORDER_CLOSED' }));
    await expect(client.createJsapiOrder(order('CLOSE000000001'))).rejects.toMatchObject({
      code: 'ORDER_CLOSED',
    });
    // A paid order cannot be closed.
    await client.createJsapiOrder(order('CLOSE000000002'));
    sandbox.pay('CLOSE000000002');
    await expect(client.closeOrder('CLOSE000000002')).rejects.toMatchObject({ code: 'ORDERPAID' });
    await expect(client.closeOrder('bad no')).rejects.toMatchObject({ code: 'INVALID_ORDER' });
  });
});
