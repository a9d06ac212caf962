import { COLLECTIONS } from '@shared/collections';
import type { Envelope } from '@shared/errors';
import { createLocalHost, type LocalHost } from '../../../cloudfunctions/_local/local-host';
import type { BillDoc } from '../../../cloudfunctions/_runtime/documents';
import { addTenancy, type Tenancy } from '../../factories/tenancy.factory';

/**
 * Money stays finite and exact: every entry is checked against the bill's figures recomputed with it
 * before anything is written; a refused entry leaves the bill and the audit trail as they were.
 */
const clock = new Date('2026-11-22T02:00:00Z');
let host: LocalHost;

beforeEach(async () => {
  host = await createLocalHost({ dataFile: ':memory:', seed: false, now: () => clock });
});
afterEach(() => host.close());

async function call<T>(openid: string, action: string, input: object): Promise<Envelope<T>> {
  return (await host.invoke('billing', { action, ...input }, { openid })) as Envelope<T>;
}
const storedBill = async (id: string) =>
  (await host.runtime.db.collection(COLLECTIONS.bills).doc(id).get()).data[0] as BillDoc;
const auditCount = async () => (await host.runtime.db.collection(COLLECTIONS.auditLog).count()).total;
let seq = 0;
const entry = <T = unknown>(t: Tenancy, period: string, kind: string, amountFen: number) =>
  call<T>(t.manager.openid, 'recordEntry', {
    billId: t.bills[period],
    kind,
    amountFen,
    reason: '测试记账',
    clientRequestId: `entry-${String(++seq).padStart(6, '0')}`,
  });

function refused(res: Envelope<unknown>, text: RegExp) {
  expect(res.ok).toBe(false);
  if (res.ok) return;
  expect(res.error.code).toBe('RULE_VIOLATION');
  expect(res.error.message).toMatch(text);
  expect(res.error.message).toMatch(/[\u4e00-\u9fff]/);
}

it('an adjustment that would carry a bill past the safe-integer range is refused before anything is written', async () => {
  // A bill whose charge came from outside the monthly run (an import, a console edit).
  const t = await addTenancy(host.runtime.db, {
    bills: [{ period: '2026-11', amountFen: Number.MAX_SAFE_INTEGER - 100 }],
  });
  const before = await storedBill(t.bills['2026-11']!);
  const res = await entry(t, '2026-11', 'adjustment', 1_000);
  refused(res, /超出/);
  expect(await storedBill(t.bills['2026-11']!)).toEqual(before);
  expect(await auditCount()).toBe(0);
});

it('adjustments each within ¥1,000,000 cannot add up to a month’s charge above ¥1,000,000', async () => {
  const t = await addTenancy(host.runtime.db, { bills: [{ period: '2026-11', amountFen: 500_00 }] });
  expect((await entry(t, '2026-11', 'adjustment', 999_000_00)).ok).toBe(true);
  const before = await storedBill(t.bills['2026-11']!);
  refused(await entry(t, '2026-11', 'adjustment', 1_000_00), /100 万元/);
  expect(await storedBill(t.bills['2026-11']!)).toEqual(before);
  expect(await auditCount()).toBe(1);
});

it('a waiver and then a lower charge cannot leave money owed to a tenant who paid nothing', async () => {
  const t = await addTenancy(host.runtime.db, { bills: [{ period: '2026-11', amountFen: 500_00 }] });
  expect((await entry(t, '2026-11', 'waiver', 500_00)).ok).toBe(true);
  const before = await storedBill(t.bills['2026-11']!);
  refused(await entry(t, '2026-11', 'adjustment', -200_00), /减免/);
  expect(await storedBill(t.bills['2026-11']!)).toEqual(before);
  // Lowering the charge of a bill that was paid leaves a credit to refund, which is allowed.
  const paid = await addTenancy(host.runtime.db, {
    prefix: 'paid',
    bills: [{ period: '2026-11', amountFen: 500_00 }],
  });
  expect((await entry(paid, '2026-11', 'payment', 500_00)).ok).toBe(true);
  const lower = await entry<{ bill: { balanceFen: number; status: string } }>(
    paid,
    '2026-11',
    'adjustment',
    -200_00,
  );
  expect(lower).toMatchObject({ ok: true, data: { bill: { balanceFen: -200_00 } } });
});

it('the monthly run checks each bill before writing it: a lease whose figures leave the allowed range gets none and is reported', async () => {
  const good = await addTenancy(host.runtime.db, { prefix: 'good', lease: { startDate: '2025-01-01' } });
  // A unit whose market rent was typed in fen as yuan twice over (¥10,000,000,000 a month).
  const bad = await addTenancy(host.runtime.db, {
    prefix: 'bad',
    unit: { monthlyRentFen: 1_000_000_000_000 },
    lease: { startDate: '2025-01-01' },
  });
  const run = await call<{ billsCreated: number; billsRefused: number; refused: { leaseId: string }[] }>(
    good.admin.openid,
    'runMonthly',
    { period: '2026-11' },
  );
  expect(run).toMatchObject({ ok: true, data: { billsCreated: 1, billsRefused: 1 } });
  if (run.ok) expect(run.data.refused).toEqual([expect.objectContaining({ leaseId: bad.leaseId })]);
  const bills = (await host.runtime.db.collection(COLLECTIONS.bills).limit(1000).get()).data as BillDoc[];
  expect(bills.map((b) => b.leaseId)).toEqual([good.leaseId]);
  expect(Number.isSafeInteger(bills[0]!.amountFen)).toBe(true);
});

it('a bill outside the limits cannot be put in a WeChat order, and a notice that would credit one writes nothing and is reported', async () => {
  const t = await addTenancy(host.runtime.db, {
    bills: [
      { period: '2026-10', amountFen: 200_000_000 },
      { period: '2026-11', amountFen: 480_00 },
    ],
  });
  const tenant = t.tenant.openid;
  const order = async (period: string, requestId: string) =>
    call<{ orderId: string }>(tenant, 'createPayment', {
      billIds: [t.bills[period]],
      clientRequestId: requestId,
    });
  expect(await order('2026-10', 'too-large-order1')).toMatchObject({
    ok: false,
    error: { code: 'STATE_INVALID', message: expect.stringContaining('超出允许范围') },
  });
  // An order made before the bill's figures were changed behind the ledger's back (a console edit).
  const made = await order('2026-11', 'made-before-edit');
  if (!made.ok) throw new Error(made.error.message);
  const notice = await host.runtime.payments.sandboxPay!(made.data.orderId);
  await host.runtime.db
    .collection(COLLECTIONS.bills)
    .doc(t.bills['2026-11']!)
    .update({ amountFen: 200_000_000 });
  const before = await storedBill(t.bills['2026-11']!);
  const res = await host.http('billing', {
    httpMethod: 'POST',
    path: '/notify',
    headers: notice.headers,
    body: notice.body,
  });
  expect(res.statusCode).toBe(500); // WeChat Pay delivers it again once the bill is corrected
  expect(await storedBill(t.bills['2026-11']!)).toEqual(before);
  const events = await host.runtime.db
    .collection(COLLECTIONS.paymentEvents)
    .where({ kind: 'unrecordable' })
    .get();
  expect(events.data).toEqual([
    expect.objectContaining({ orderId: made.data.orderId, reason: expect.stringMatching(/超出/) }),
  ]);
});
