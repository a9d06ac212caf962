import { COLLECTIONS } from '@shared/collections';
import type { BillView } from '@shared/contracts';
import { createLocalHost, type LocalHost } from '../../cloudfunctions/_local/local-host';
import { loadMiniProgram, type MiniProgram } from './harness';

jest.setTimeout(120_000);

/**
 * The compiled mini-program pays rent the production way: the page gets the signed JSAPI parameters from the
 * server and calls wx.requestPayment. Here WeChat's sheet is played by the sandbox, which marks the order paid
 * and sends its signed, encrypted notification to the billing function's HTTP handler, as WeChat Pay would.
 */
describe('mini-program (compiled weapp build): paying rent with wx.requestPayment', () => {
  let host: LocalHost;
  let mp: MiniProgram;
  const payments: { package: string; paySign: string }[] = [];

  beforeAll(async () => {
    host = await createLocalHost({
      dataFile: ':memory:',
      seed: true,
      now: () => new Date('2026-11-22T10:00:00Z'),
    });
    const sandboxPay = host.runtime.payments.sandboxPay!;
    // What production looks like to the page: no sandbox step, only WeChat's payment sheet.
    host.runtime.payments.sandboxPay = null;
    mp = await loadMiniProgram((name, data) => host.invoke(name, data, { openid: 'demo-tenant-arrears' }), {
      requestPayment: async (options: {
        package: string;
        paySign: string;
        success?: (r: unknown) => void;
        fail?: (e: unknown) => void;
      }) => {
        payments.push({ package: options.package, paySign: options.paySign });
        const prepayId = options.package.replace(/^prepay_id=/, '');
        const order = (await host.runtime.db.collection(COLLECTIONS.payments).where({ prepayId }).get())
          .data[0] as {
          _id: string;
        };
        const n = await sandboxPay(order._id);
        await host.http('billing', { httpMethod: 'POST', path: '/notify', headers: n.headers, body: n.body });
        const res = { errMsg: 'requestPayment:ok' };
        options.success?.(res);
        return res;
      },
      showToast: () => undefined,
    });
  });
  afterAll(() => host.close());

  it('pays every open bill and the page shows them paid', async () => {
    const before = await host.invoke('billing', { action: 'myBills' }, { openid: 'demo-tenant-arrears' });
    if (!before.ok) throw new Error(before.error.code);
    const open = (before.data as BillView[]).filter((b) => b.balanceFen > 0);
    expect(open.length).toBeGreaterThan(1);
    const total = open.reduce((a, b) => a + b.balanceFen, 0);
    const page = await mp.openPage('pages/bills/index');
    await page.waitForText(`共 ${open.length} 笔未缴`);
    await page.tap('pay');
    for (let i = 0; i < 100 && payments.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(payments).toHaveLength(1);
    expect(payments[0]!.package).toMatch(/^prepay_id=/);
    expect(payments[0]!.paySign.length).toBeGreaterThan(300); // RSA-2048 signature, base64
    for (let i = 0; i < 100 && !mp.navigations.some((u) => u.startsWith('/pages/payments/index')); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(mp.navigations.some((u) => u.startsWith('/pages/payments/index?orderId=AJ'))).toBe(true);
    const after = await host.invoke('billing', { action: 'myBills' }, { openid: 'demo-tenant-arrears' });
    if (!after.ok) throw new Error(after.error.code);
    expect((after.data as BillView[]).filter((b) => b.balanceFen > 0)).toEqual([]);
    const paid = await host.invoke('billing', { action: 'myPayments' }, { openid: 'demo-tenant-arrears' });
    expect(paid).toMatchObject({ ok: true, data: [{ status: 'paid', amountFen: total }] });
  });
});
