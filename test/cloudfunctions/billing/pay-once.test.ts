import { COLLECTIONS } from '@shared/collections';
import type { BillView, PaymentView } from '@shared/contracts';
import type { Envelope } from '@shared/errors';
import { createLocalHost, type LocalHost } from '../../../cloudfunctions/_local/local-host';
import type { BillDoc } from '../../../cloudfunctions/_runtime/documents';
import { addTenancy, paidEntry, type Tenancy } from '../../factories/tenancy.factory';

/**
 * A bill is paid once: an offline entry for a bill with an open WeChat Pay order closes that order through
 * WeChat Pay first (or finds it paid and records nothing twice); two orders for one bill cannot both be
 * open; and money WeChat Pay reports for a bill already paid is recorded as 多缴待退, never silently
 * credited a second time.
 */
const clock = new Date('2026-11-22T02:00:00Z');
let host: LocalHost;
let t: Tenancy;
let bill: string;

beforeEach(async () => {
  host = await createLocalHost({ dataFile: ':memory:', seed: false, now: () => clock });
  t = await addTenancy(host.runtime.db, { bills: [{ period: '2026-11', amountFen: 480_00 }] });
  bill = t.bills['2026-11']!;
});
afterEach(() => host.close());

async function call<T>(openid: string, action: string, input: object = {}) {
  return (await host.invoke('billing', { action, ...input }, { openid })) as Envelope<T>;
}
async function ok<T>(openid: string, action: string, input: object = {}): Promise<T> {
  const res = await call<T>(openid, action, input);
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.data;
}
const createOrder = (requestId: string) =>
  ok<{ orderId: string }>(t.tenant.openid, 'createPayment', { billIds: [bill], clientRequestId: requestId });
const offline = (amountFen: number, requestId = 'counter-cash-01') =>
  call<{ bill: BillView }>(t.manager.openid, 'recordEntry', {
    billId: bill,
    kind: 'payment',
    amountFen,
    reason: '物业服务中心现金缴纳',
    clientRequestId: requestId,
  });
const stored = async () =>
  (await host.runtime.db.collection(COLLECTIONS.bills).doc(bill).get()).data[0] as BillDoc;
const received = async () =>
  (await stored()).entries.filter((e) => e.kind === 'payment' || e.kind === 'overpayment');
const deliver = async (n: { headers: Record<string, string>; body: string }) =>
  host.http('billing', { httpMethod: 'POST', path: '/notify', headers: n.headers, body: n.body });

it('an offline payment for a bill with an open WeChat order closes the order first, so the tenant cannot pay it as well', async () => {
  const order = await createOrder('open-order-0001');
  const res = await offline(480_00);
  expect(res).toMatchObject({ ok: true, data: { bill: { balanceFen: 0, status: 'paid' } } });
  expect((await ok<PaymentView>(t.tenant.openid, 'paymentStatus', { orderId: order.orderId })).status).toBe(
    'closed',
  );
  // WeChat Pay refuses the closed order; had it not been closed, this is where the bill would be paid twice.
  await expect(host.runtime.payments.sandboxPay!(order.orderId)).rejects.toMatchObject({
    code: 'ORDER_CLOSED',
  });
  expect(await received()).toHaveLength(1);
  expect((await stored()).payingOrderId ?? null).toBeNull();
});

it('a WeChat payment made before the counter records cash is credited, and the cash entry refused', async () => {
  const order = await createOrder('paid-at-phone-01');
  await host.runtime.payments.sandboxPay!(order.orderId); // paid; the notification is still on its way
  const res = await offline(480_00);
  expect(res).toMatchObject({
    ok: false,
    error: { code: 'RULE_VIOLATION', message: expect.stringContaining('微信支付') },
  });
  expect((await received()).map((e) => e.method)).toEqual(['wechat']);
});

it('two orders for one bill cannot both be open, even when the taps arrive together', async () => {
  const [a, b] = await Promise.all([
    call<{ orderId: string }>(t.tenant.openid, 'createPayment', {
      billIds: [bill],
      clientRequestId: 'together-0001',
    }),
    call<{ orderId: string }>(t.tenant.openid, 'createPayment', {
      billIds: [bill],
      clientRequestId: 'together-0002',
    }),
  ]);
  expect([a.ok, b.ok].sort()).toEqual([false, true]);
  const orders = await host.runtime.db.collection(COLLECTIONS.payments).where({ status: 'created' }).get();
  expect(orders.data).toHaveLength(1);
});

it('a payment notice for a bill already paid records 多缴待退 for the manager, not a second credit', async () => {
  const order = await createOrder('late-notice-0001');
  const n = await host.runtime.payments.sandboxPay!(order.orderId);
  // Meanwhile the bill was settled by another route (here written straight into its ledger).
  await host.runtime.db
    .collection(COLLECTIONS.bills)
    .doc(bill)
    .update({ entries: [paidEntry(bill, 480_00)], status: 'paid' });
  expect((await deliver(n)).statusCode).toBe(204);
  expect((await deliver(n)).statusCode).toBe(204); // a retried notice changes nothing

  const entries = await received();
  expect(entries.map((e) => [e.kind, e.deltaFen])).toEqual([
    ['payment', -480_00],
    ['overpayment', -480_00],
  ]);
  const ledger = await ok<{
    balanceFen: number;
    refundDueFen: number;
    bills: BillView[];
    entries: { kind: string; kindLabel: string; deltaFen: number }[];
  }>(t.manager.openid, 'ledger', { leaseId: t.leaseId });
  expect(ledger.refundDueFen).toBe(480_00);
  expect(ledger.balanceFen).toBe(0);
  expect(ledger.bills[0]).toMatchObject({ status: 'overpaid', statusLabel: '多缴待退', balanceFen: -480_00 });
  expect(ledger.entries).toContainEqual(
    expect.objectContaining({ kind: 'overpayment', kindLabel: '多缴待退', deltaFen: -480_00 }),
  );
  // The manager refunds it; the bill is then simply paid.
  const refund = await call<{ bill: BillView }>(t.manager.openid, 'recordEntry', {
    billId: bill,
    kind: 'refund',
    amountFen: 480_00,
    reason: '退还重复缴纳的租金',
    clientRequestId: 'refund-double-01',
  });
  expect(refund).toMatchObject({ ok: true, data: { bill: { balanceFen: 0, status: 'paid' } } });
  const events = await host.runtime.db
    .collection(COLLECTIONS.paymentEvents)
    .where({ kind: 'overpaid' })
    .get();
  expect(events.data).toEqual([
    expect.objectContaining({ orderId: order.orderId, billId: bill, excessFen: 480_00 }),
  ]);
});

it('an offline entry that is refused anyway (more than is owed) leaves the tenant’s order open', async () => {
  const order = await createOrder('still-open-0001');
  expect(await offline(480_01)).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } });
  expect((await ok<PaymentView>(t.tenant.openid, 'paymentStatus', { orderId: order.orderId })).status).toBe(
    'created',
  );
  expect((await ok<PaymentView>(t.tenant.openid, 'sandboxPay', { orderId: order.orderId })).status).toBe(
    'paid',
  );
});
