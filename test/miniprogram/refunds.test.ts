import { COLLECTIONS } from '@shared/collections';
import type { BillView } from '@shared/contracts';
import { createLocalHost, type LocalHost } from '../../cloudfunctions/_local/local-host';
import type { BillDoc } from '../../cloudfunctions/_runtime/documents';
import { loadMiniProgram, type MiniProgram } from './harness';

jest.setTimeout(120_000);

/**
 * The compiled mini-program's 微信支付退款 page: the office refunds a 多缴待退 bill through WeChat Pay's refund
 * API (played by the sandbox, answers verified by the production code) after confirming, then asks for the
 * result: the sandbox finishes the refund and posts its signed REFUND.SUCCESS notification to the same handler
 * as production's, and the bill is settled.
 */
describe('mini-program (compiled weapp build): refunding an overpayment', () => {
  let host: LocalHost;
  let mp: MiniProgram;
  const modals: string[] = [];
  let billId = '';

  beforeAll(async () => {
    host = await createLocalHost({
      dataFile: ':memory:',
      seed: true,
      now: () => new Date('2026-11-22T10:00:00Z'),
    });
    const tenant = { openid: 'demo-tenant-arrears' };
    const bills = await host.invoke('billing', { action: 'myBills' }, tenant);
    if (!bills.ok) throw new Error(bills.error.code);
    const open = (bills.data as BillView[]).find((b) => b.balanceFen > 0)!;
    billId = open.id;
    const order = await host.invoke(
      'billing',
      { action: 'createPayment', billIds: [billId], clientRequestId: 'mp-refund-0001' },
      tenant,
    );
    if (!order.ok) throw new Error(order.error.code);
    const orderId = (order.data as { orderId: string }).orderId;
    // Paid at WeChat Pay; the bill is settled at the counter before the notification arrives: 多缴待退.
    const n = await host.runtime.payments.sandboxPay!(orderId);
    const bill = (await host.runtime.db.collection(COLLECTIONS.bills).doc(billId).get()).data[0] as BillDoc;
    await host.runtime.db
      .collection(COLLECTIONS.bills)
      .doc(billId)
      .update({
        entries: [
          ...bill.entries,
          {
            id: 'counter-cash-mp-1',
            kind: 'payment',
            deltaFen: -open.balanceFen,
            method: 'offline',
            ref: 'counter',
            reason: '现金',
            actorUserId: 'u-demo-manager',
            at: '2026-11-22T01:00:00.000Z',
          },
        ],
        status: 'paid',
      });
    await host.http('billing', { httpMethod: 'POST', path: '/notify', headers: n.headers, body: n.body });
    mp = await loadMiniProgram((name, data) => host.invoke(name, data, { openid: 'demo-admin' }), {
      showModal: (o: { content?: string; success?: (r: unknown) => void }) => {
        modals.push(o.content ?? '');
        const r = { confirm: true, cancel: false, errMsg: 'showModal:ok' };
        o.success?.(r);
        return Promise.resolve(r);
      },
      showToast: () => undefined,
    });
  });
  afterAll(() => host.close());

  it('原路退款 after confirming, then 查询退款结果 shows it refunded and the bill settled', async () => {
    const page = await mp.openPage('pages/refunds/index');
    await page.waitForText('多缴待退');
    await page.waitForText('原路退款');
    await page.tap(`refund-${billId}`);
    // Confirmed in the page's own dialog (utils/ui.ts confirm()), not WeChat's modal.
    expect(await page.answerDialog(true)).toContain('原路退回');
    await page.waitForText('退款处理中', 10_000);
    expect(modals).toEqual([]);
    const [refund] = (await host.runtime.db.collection(COLLECTIONS.refunds).where({ billId }).get()).data as {
      _id: string;
    }[];
    await page.tap(`refund-refresh-${refund!._id}`);
    await page.waitForText('已退款', 10_000);
    const bill = (await host.runtime.db.collection(COLLECTIONS.bills).doc(billId).get()).data[0] as BillDoc;
    expect(bill.status).toBe('paid');
    expect(bill.entries.filter((e) => e.kind === 'refund')).toHaveLength(1);
  });
});
