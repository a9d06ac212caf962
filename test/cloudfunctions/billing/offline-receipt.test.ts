import type { BillView, PaymentView } from '@shared/contracts';
import type { Envelope } from '@shared/errors';
import { createLocalHost, type LocalHost } from '../../../cloudfunctions/_local/local-host';
import { addTenancy, type Tenancy } from '../../factories/tenancy.factory';

/**
 * A payment at the counter gets a receipt like a WeChat payment: the same receipt view (the tenant's 缴费记录
 * and the manager's answer) and the same numbering, AJ + the Beijing date + 8 hex characters of the payment.
 */
const clock = new Date('2026-11-21T23:30:00Z'); // 2026-11-22 07:30 in Beijing, still the 21st in UTC
let host: LocalHost;
let t: Tenancy;

beforeEach(async () => {
  host = await createLocalHost({ dataFile: ':memory:', seed: false, now: () => clock });
  t = await addTenancy(host.runtime.db, {
    bills: [
      { period: '2026-10', amountFen: 480_00 },
      { period: '2026-11', amountFen: 480_00 },
    ],
  });
});
afterEach(() => host.close());

async function ok<T>(openid: string, action: string, input: object = {}): Promise<T> {
  const res = (await host.invoke('billing', { action, ...input }, { openid })) as Envelope<T>;
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.data;
}
const RECEIPT = /^AJ20261122[0-9A-F]{8}$/;
const counterPayment = {
  billId: '',
  kind: 'payment',
  amountFen: 480_00,
  reason: '物业服务中心现金缴纳',
  clientRequestId: 'counter-cash-0001',
};

it('a payment recorded at the counter has a receipt, shown to the manager and in the tenant’s 缴费记录', async () => {
  const input = { ...counterPayment, billId: t.bills['2026-10'] };
  const first = await ok<{
    receipt: PaymentView | null;
    entries: { kind: string; receiptNo: string | null }[];
  }>(t.manager.openid, 'recordEntry', input);
  expect(first.receipt).toMatchObject({
    receiptNo: expect.stringMatching(RECEIPT),
    method: 'offline',
    methodLabel: '线下缴费',
    status: 'paid',
    amountFen: 480_00,
    bills: [{ billId: t.bills['2026-10'], period: '2026-10', amountFen: 480_00 }],
    paidAt: clock.toISOString(),
    transactionId: null,
    note: '物业服务中心现金缴纳',
  });
  const receiptNo = first.receipt!.receiptNo;
  expect(first.entries.find((e) => e.kind === 'payment')?.receiptNo).toBe(receiptNo);
  // A retried submission answers the same receipt.
  const again = await ok<{ receipt: PaymentView | null }>(t.manager.openid, 'recordEntry', input);
  expect(again.receipt?.receiptNo).toBe(receiptNo);

  const mine = await ok<PaymentView[]>(t.tenant.openid, 'myPayments');
  expect(mine).toEqual([first.receipt]);
  const ledger = await ok<{ entries: { kind: string; receiptNo: string | null }[] }>(
    t.manager.openid,
    'ledger',
    {
      leaseId: t.leaseId,
    },
  );
  expect(ledger.entries.filter((e) => e.receiptNo)).toEqual([expect.objectContaining({ receiptNo })]);
  // Not every entry is a payment: a waiver has no receipt.
  const waiver = await ok<{ receipt: PaymentView | null }>(t.manager.openid, 'recordEntry', {
    ...counterPayment,
    billId: t.bills['2026-11'],
    kind: 'waiver',
    amountFen: 100_00,
    reason: '特殊困难减免',
    clientRequestId: 'waiver-000000001',
  });
  expect(waiver.receipt).toBeNull();
});

it('WeChat and counter payments are numbered alike, on the Beijing date', async () => {
  const order = await ok<{ orderId: string }>(t.tenant.openid, 'createPayment', {
    billIds: [t.bills['2026-11']],
    clientRequestId: 'wechat-pay-000001',
  });
  const paid = await ok<PaymentView>(t.tenant.openid, 'sandboxPay', { orderId: order.orderId });
  expect(paid).toMatchObject({ status: 'paid', method: 'wechat', methodLabel: '微信支付' });
  expect(paid.receiptNo).toMatch(RECEIPT);
  const counter = await ok<{ receipt: PaymentView }>(t.manager.openid, 'recordEntry', {
    ...counterPayment,
    billId: t.bills['2026-10'],
  });
  expect(counter.receipt.receiptNo).toMatch(RECEIPT);
  expect(counter.receipt.receiptNo).not.toBe(paid.receiptNo);
  const mine = await ok<PaymentView[]>(t.tenant.openid, 'myPayments');
  expect(mine.map((p) => p.method).sort()).toEqual(['offline', 'wechat']);
  const bill = await ok<{ bill: BillView; entries: { receiptNo: string | null }[] }>(
    t.tenant.openid,
    'billDetail',
    {
      billId: t.bills['2026-11'],
    },
  );
  expect(bill.entries.map((e) => e.receiptNo)).toContain(paid.receiptNo);
});
