import { COLLECTIONS } from '@shared/collections';
import type { RefundCandidate, RefundView } from '@shared/contracts';
import type { Envelope } from '@shared/errors';
import { createLocalHost, type LocalHost } from '../../../cloudfunctions/_local/local-host';
import type { BillDoc } from '../../../cloudfunctions/_runtime/documents';
import { refundNumber } from '../../../cloudfunctions/billing/refund.service';
import { addTenancy, paidEntry, type Tenancy } from '../../factories/tenancy.factory';

// Each host makes its sandbox's RSA keys on first use: seconds on a busy shared machine.
jest.setTimeout(30_000);

/**
 * Refunds through WeChat Pay's refund API (sandbox playing api.mch.weixin.qq.com, production verification
 * code): the refund number derives from what is refunded so a retry never refunds twice; a refund never
 * exceeds what was paid minus what was already refunded; the REFUND.SUCCESS notification is verified and
 * credited to the ledger once, however often and however concurrently it arrives.
 */
const clock = new Date('2026-11-22T02:00:00Z');
let host: LocalHost;
let t: Tenancy;
let bill: string;
let orderId: string;

async function call<T>(openid: string, action: string, input: object = {}) {
  return (await host.invoke('billing', { action, ...input }, { openid })) as Envelope<T>;
}
async function ok<T>(openid: string, action: string, input: object = {}): Promise<T> {
  const res = await call<T>(openid, action, input);
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.data;
}
const deliver = (n: { headers: Record<string, string>; body: string }) =>
  host.http('billing', { httpMethod: 'POST', path: '/notify', headers: n.headers, body: n.body });
const storedBill = async () =>
  (await host.runtime.db.collection(COLLECTIONS.bills).doc(bill).get()).data[0] as BillDoc;
const refundEntries = async () => (await storedBill()).entries.filter((e) => e.kind === 'refund');
const refundInput = (over: object = {}) => ({
  orderId,
  billId: bill,
  amountFen: 120_00,
  kind: 'move_out_settlement',
  sourceRef: 'exit-h1-2026-11',
  note: '退租结算',
  ...over,
});
/** Everything a refund may touch: refunds, the order, the bill, audit trail, and the sandbox's refunds. */
async function snapshot() {
  const all = async (c: string) =>
    (await host.runtime.db.collection(c).where({}).limit(1000).get()).data
      .map((d) => JSON.stringify(d))
      .sort();
  const sandboxState = (
    (await host.runtime.db.collection(COLLECTIONS.meta).doc('wxpay-sandbox').get()).data[0] as {
      state: { refunds?: unknown[] };
    }
  ).state;
  return {
    refunds: await all(COLLECTIONS.refunds),
    payments: await all(COLLECTIONS.payments),
    bills: await all(COLLECTIONS.bills),
    audit: await all(COLLECTIONS.auditLog),
    sandboxRefunds: JSON.stringify(sandboxState.refunds ?? []),
  };
}

beforeEach(async () => {
  host = await createLocalHost({ dataFile: ':memory:', seed: false, now: () => clock });
  t = await addTenancy(host.runtime.db, { bills: [{ period: '2026-11', amountFen: 480_00 }] });
  bill = t.bills['2026-11']!;
  const order = await ok<{ orderId: string }>(t.tenant.openid, 'createPayment', {
    billIds: [bill],
    clientRequestId: 'pay-november-01',
  });
  orderId = order.orderId;
  await ok(t.tenant.openid, 'sandboxPay', { orderId });
});
afterEach(() => host.close());

it('a refund is asked of WeChat Pay once, however often the office asks, and credited once when WeChat Pay confirms', async () => {
  const first = await ok<RefundView>(t.manager.openid, 'refund', refundInput());
  expect(first).toMatchObject({
    refundNo: refundNumber(orderId, bill, 'move_out_settlement', 'exit-h1-2026-11'),
    status: 'processing',
    statusLabel: '退款处理中',
    amountFen: 120_00,
    kindLabel: '退租结算退款',
  });
  const again = await ok<RefundView>(t.manager.openid, 'refund', refundInput());
  expect(again.refundNo).toBe(first.refundNo);
  const state = (await host.runtime.db.collection(COLLECTIONS.meta).doc('wxpay-sandbox').get()).data[0] as {
    state: { refunds: { out_refund_no: string }[] };
  };
  expect(state.state.refunds.map((r) => r.out_refund_no)).toEqual([first.refundNo]);
  expect(await refundEntries()).toEqual([]); // nothing in the ledger before WeChat Pay confirms

  const n = await host.runtime.payments.sandboxSettleRefund!(first.refundNo, 'SUCCESS');
  expect((await deliver(n)).statusCode).toBe(204);
  expect((await deliver(n)).statusCode).toBe(204); // WeChat Pay's retry
  const entries = await refundEntries();
  expect(entries).toEqual([
    expect.objectContaining({ id: `refund-${first.refundNo}`, deltaFen: 120_00, method: 'wechat' }),
  ]);
  expect((await storedBill()).status).toBe('partial');
  const view = await ok<RefundView>(t.manager.openid, 'refundStatus', { refundNo: first.refundNo });
  expect(view).toMatchObject({ status: 'success', statusLabel: '已退款' });
  expect(view.succeededAt).not.toBeNull();
  // The office asking again after success still changes nothing.
  await ok<RefundView>(t.manager.openid, 'refund', refundInput());
  expect(await refundEntries()).toHaveLength(1);
});

it('two deliveries of the same REFUND.SUCCESS racing each other credit the ledger once', async () => {
  const r = await ok<RefundView>(t.manager.openid, 'refund', refundInput());
  const n = await host.runtime.payments.sandboxSettleRefund!(r.refundNo, 'SUCCESS');
  // Two separately signed deliveries of the same notification (same id), started together.
  const body = n.body;
  const results = await Promise.all([deliver(n), deliver({ headers: n.headers, body })]);
  expect(results.map((x) => x.statusCode)).toEqual([204, 204]);
  expect(await refundEntries()).toHaveLength(1);
  const events = (
    await host.runtime.db.collection(COLLECTIONS.paymentEvents).where({ refundNo: r.refundNo }).get()
  ).data as { kind: string }[];
  expect(events.map((e) => e.kind).sort()).toEqual(['duplicate', 'refund-credited']);
});

it('a status query racing the notification credits once', async () => {
  const r = await ok<RefundView>(t.manager.openid, 'refund', refundInput());
  const n = await host.runtime.payments.sandboxSettleRefund!(r.refundNo, 'SUCCESS');
  const [, view] = await Promise.all([
    deliver(n),
    ok<RefundView>(t.manager.openid, 'refundStatus', { refundNo: r.refundNo }),
  ]);
  expect(['success', 'processing']).toContain(view.status);
  expect(await refundEntries()).toHaveLength(1);
});

it('a refund above what was paid minus what was already refunded is refused in Chinese, and nothing changes', async () => {
  await ok<RefundView>(
    t.manager.openid,
    'refund',
    refundInput({ amountFen: 400_00, sourceRef: 'first-part' }),
  );
  const before = await snapshot();
  const res = await call<RefundView>(
    t.manager.openid,
    'refund',
    refundInput({ amountFen: 80_01, sourceRef: 'second-part' }),
  );
  expect(res).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } });
  if (!res.ok) expect(res.error.message).toMatch(/退款金额超过.*80\.00 元/);
  expect(await snapshot()).toEqual(before);
  // Exactly what is left is accepted.
  expect(
    (
      await ok<RefundView>(
        t.manager.openid,
        'refund',
        refundInput({ amountFen: 80_00, sourceRef: 'second-part' }),
      )
    ).status,
  ).toBe('processing');
});

it('two refunds asked together never exceed the payment', async () => {
  const results = await Promise.all([
    call<RefundView>(t.manager.openid, 'refund', refundInput({ amountFen: 300_00, sourceRef: 'race-a' })),
    call<RefundView>(t.manager.openid, 'refund', refundInput({ amountFen: 300_00, sourceRef: 'race-b' })),
  ]);
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['RULE_VIOLATION']);
  const refunds = await ok<RefundView[]>(t.manager.openid, 'refunds', { orderId });
  expect(refunds.map((r) => r.amountFen)).toEqual([300_00]);
});

it('a closed refund releases its amount, and a refund with the same number but another amount is a conflict', async () => {
  const r = await ok<RefundView>(t.manager.openid, 'refund', refundInput({ amountFen: 480_00 }));
  const conflict = await call(t.manager.openid, 'refund', refundInput({ amountFen: 1_00 }));
  expect(conflict).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  expect(
    await call(t.manager.openid, 'refund', refundInput({ amountFen: 1_00, sourceRef: 'another' })),
  ).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } });
  expect(
    (await deliver(await host.runtime.payments.sandboxSettleRefund!(r.refundNo, 'CLOSED'))).statusCode,
  ).toBe(204);
  expect((await ok<RefundView>(t.manager.openid, 'refundStatus', { refundNo: r.refundNo })).status).toBe(
    'closed',
  );
  expect(await refundEntries()).toEqual([]);
  const next = await ok<RefundView>(
    t.manager.openid,
    'refund',
    refundInput({ amountFen: 480_00, sourceRef: 'retry' }),
  );
  expect(next.status).toBe('processing');
});

it('REFUND.ABNORMAL is shown with what to do, and credits nothing', async () => {
  const r = await ok<RefundView>(t.manager.openid, 'refund', refundInput());
  expect(
    (await deliver(await host.runtime.payments.sandboxSettleRefund!(r.refundNo, 'ABNORMAL'))).statusCode,
  ).toBe(204);
  const [view] = await ok<RefundView[]>(t.manager.openid, 'refunds', {});
  expect(view).toMatchObject({ status: 'abnormal', problem: expect.stringContaining('商户平台') });
  expect(await refundEntries()).toEqual([]);
});

it('a forged refund notification is refused and changes nothing', async () => {
  const r = await ok<RefundView>(t.manager.openid, 'refund', refundInput());
  const n = await host.runtime.payments.sandboxSettleRefund!(r.refundNo, 'SUCCESS');
  const before = await snapshot();
  const tampered = n.body.replace(
    /"ciphertext":"(.)/,
    (_m, c: string) => `"ciphertext":"${c === 'A' ? 'B' : 'A'}`,
  );
  expect((await deliver({ headers: n.headers, body: tampered })).statusCode).toBe(401);
  expect(
    (await deliver({ headers: { ...n.headers, 'Wechatpay-Serial': 'PUB_KEY_ID_UNKNOWN' }, body: n.body }))
      .statusCode,
  ).toBe(401);
  expect(await snapshot()).toEqual(before);
});

it('only the office and the project’s manager may refund; a tenant or another project’s manager is told it is not there', async () => {
  const other = await addTenancy(host.runtime.db, {
    prefix: 'other',
    bills: [{ period: '2026-11', amountFen: 100_00 }],
  });
  const before = await snapshot();
  for (const who of [t.tenant.openid, other.manager.openid])
    expect(await call(who, 'refund', refundInput())).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  expect(await snapshot()).toEqual(before);
  expect(await call(t.manager.openid, 'refund', refundInput({ amountFen: 0 }))).toMatchObject({
    ok: false,
    error: { code: 'INVALID_INPUT' },
  });
});

it('an overpaid bill is offered for refund, and refunding it settles the bill', async () => {
  // The bill is paid at the counter while WeChat Pay's notification is still on its way: 多缴待退.
  const t2 = await addTenancy(host.runtime.db, {
    prefix: 'second',
    bills: [{ period: '2026-11', amountFen: 300_00 }],
  });
  const bill2 = t2.bills['2026-11']!;
  const order2 = await ok<{ orderId: string }>(t2.tenant.openid, 'createPayment', {
    billIds: [bill2],
    clientRequestId: 'pay-twice-0001',
  });
  const n = await host.runtime.payments.sandboxPay!(order2.orderId);
  await host.runtime.db
    .collection(COLLECTIONS.bills)
    .doc(bill2)
    .update({ entries: [paidEntry(bill2, 300_00)], status: 'paid' });
  expect((await deliver(n)).statusCode).toBe(204);
  const candidates = await ok<RefundCandidate[]>(t2.manager.openid, 'refundCandidates');
  expect(candidates).toEqual([
    expect.objectContaining({ billId: bill2, orderId: order2.orderId, toRefundFen: 300_00, pendingFen: 0 }),
  ]);
  const r = await ok<RefundView>(t2.manager.openid, 'refund', {
    orderId: order2.orderId,
    billId: bill2,
    amountFen: 300_00,
    kind: 'overpayment',
    sourceRef: `over-${order2.orderId}-${bill2}`,
  });
  expect((await ok<RefundCandidate[]>(t2.manager.openid, 'refundCandidates'))[0]?.pendingFen).toBe(300_00);
  await deliver(await host.runtime.payments.sandboxSettleRefund!(r.refundNo, 'SUCCESS'));
  const settled = (await host.runtime.db.collection(COLLECTIONS.bills).doc(bill2).get()).data[0] as BillDoc;
  expect(settled.status).toBe('paid');
  expect(await ok<RefundCandidate[]>(t2.manager.openid, 'refundCandidates')).toEqual([]);
});

it('locally, asking for the result makes the sandbox finish the refund and deliver its signed notification', async () => {
  const r = await ok<RefundView>(t.manager.openid, 'refund', refundInput());
  const view = await ok<RefundView>(t.admin.openid, 'refundStatus', { refundNo: r.refundNo });
  expect(view.status).toBe('success');
  expect(await refundEntries()).toHaveLength(1);
  const events = (
    await host.runtime.db.collection(COLLECTIONS.paymentEvents).where({ refundNo: r.refundNo }).get()
  ).data as { kind: string; event: string }[];
  expect(events).toEqual([expect.objectContaining({ kind: 'refund-credited', event: 'REFUND.SUCCESS' })]);
});
