import { COLLECTIONS } from '@shared/collections';
import type { RefundView } from '@shared/contracts';
import type { Envelope } from '@shared/errors';
import { createLocalHost, type LocalHost } from '../../../cloudfunctions/_local/local-host';
import type { BillDoc } from '../../../cloudfunctions/_runtime/documents';
import { addTenancy } from '../../factories/tenancy.factory';

// Each host makes its sandbox's RSA keys on first use: seconds on a busy shared machine.
jest.setTimeout(30_000);

/**
 * A refund whose REFUND.SUCCESS notification never arrives is found by the `payment-reconcile` timer (查询单笔退款
 * after 5 minutes) and credited once; a second firing changes nothing.
 */
let clock = new Date('2026-11-22T02:00:00Z');
let host: LocalHost;
afterEach(() => host.close());

it('the reconcile timer credits a refund whose notification was lost, once', async () => {
  host = await createLocalHost({ dataFile: ':memory:', seed: false, now: () => clock });
  const t = await addTenancy(host.runtime.db, { bills: [{ period: '2026-11', amountFen: 480_00 }] });
  const bill = t.bills['2026-11']!;
  const invoke = async <T>(openid: string, action: string, input: object) => {
    const res = (await host.invoke('billing', { action, ...input }, { openid })) as Envelope<T>;
    if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
    return res.data;
  };
  const { orderId } = await invoke<{ orderId: string }>(t.tenant.openid, 'createPayment', {
    billIds: [bill],
    clientRequestId: 'pay-reconcile-01',
  });
  await invoke(t.tenant.openid, 'sandboxPay', { orderId });
  const r = await invoke<RefundView>(t.manager.openid, 'refund', {
    orderId,
    billId: bill,
    amountFen: 30_00,
    kind: 'move_out_settlement',
    sourceRef: 'exit-lost-notice',
  });
  await host.runtime.payments.sandboxSettleRefund!(r.refundNo, 'SUCCESS'); // its notification is lost

  const refundEntries = async () =>
    ((await host.runtime.db.collection(COLLECTIONS.bills).doc(bill).get()).data[0] as BillDoc).entries.filter(
      (e) => e.kind === 'refund',
    );
  const early = await host.runTimer('billing', 'payment-reconcile');
  expect(early.result).toMatchObject({ ok: true, data: { refunds: { checked: 0 } } });
  expect(await refundEntries()).toEqual([]);

  clock = new Date('2026-11-22T02:06:00Z');
  const run = await host.runTimer('billing', 'payment-reconcile');
  expect(run.result).toMatchObject({ ok: true, data: { refunds: { checked: 1, finished: 1 } } });
  expect(await refundEntries()).toEqual([expect.objectContaining({ deltaFen: 30_00, method: 'wechat' })]);
  const again = await host.runTimer('billing', 'payment-reconcile');
  expect(again.result).toMatchObject({ ok: true, data: { refunds: { checked: 0 } } });
  expect(await refundEntries()).toHaveLength(1);
});
