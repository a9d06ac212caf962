import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { COLLECTIONS } from '@shared/collections';
import type { BillDifference, RefundView } from '@shared/contracts';
import type { Envelope } from '@shared/errors';
import { createLocalHost, type LocalHost } from '../../../cloudfunctions/_local/local-host';
import { SandboxPaymentProvider } from '../../../cloudfunctions/billing/wechatpay/sandbox';
import {
  WechatPayProvider,
  parseTradeBill,
  yuanToFen,
} from '../../../cloudfunctions/billing/wechatpay/wechatpay';
import { WechatPayError } from '../../../cloudfunctions/billing/wechatpay/wechatpay.port';
import { addTenancy, type Tenancy } from '../../factories/tenancy.factory';

// Each host makes its sandbox's RSA keys on first use: seconds on a busy shared machine.
jest.setTimeout(30_000);

/**
 * The daily trade bill (申请交易账单 + download, SHA-1 checked) reconciled against the ledger by the
 * `trade-bill-reconcile` timer, in slices; differences stored once and listed for the office.
 */

describe('the trade bill file', () => {
  const BILL = [
    '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注',
    '`2026-11-21 09:30:00,`wx0000000000sandbox,`1900000109,`0,`,`4200000001202611210000000001,`AJ0001,`o-1,`JSAPI,`SUCCESS,`OTHERS,`CNY,`480.00,`0.00,`0,`0,`0.00,`0.00,`,`,`公租房租金 2026-11,`,`2.88,`0.60%,`480.00,`0.00,`',
    '`2026-11-21 15:00:00,`wx0000000000sandbox,`1900000109,`0,`,`4200000001202611200000000002,`AJ0002,`o-2,`JSAPI,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`50300001,`RF0001,`12.05,`0.00,`ORIGINAL,`SUCCESS,`公租房租金 2026-10,`,`0.00,`0.60%,`300.00,`12.05,`',
    '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
    '`2,`480.00,`12.05,`0.00,`2.88,`780.00,`12.05',
    '',
  ].join('\r\n');

  it('reads the backtick-prefixed fields and turns yuan into exact fen', () => {
    const bill = parseTradeBill('2026-11-21', BILL);
    expect(bill.rows).toEqual([
      expect.objectContaining({
        outTradeNo: 'AJ0001',
        tradeState: 'SUCCESS',
        settledFen: 480_00,
        outRefundNo: '',
      }),
      expect.objectContaining({
        outTradeNo: 'AJ0002',
        outRefundNo: 'RF0001',
        refundFen: 12_05,
        refundStatus: 'SUCCESS',
      }),
    ]);
    expect(bill.summary).toEqual({ count: 2, settledFen: 480_00, refundFen: 12_05 });
  });

  it.each([
    ['0.01', 1],
    ['12.3', 12_30],
    ['100000.99', 100_000_99],
  ])('yuan %s is %i fen', (yuan, fen) => {
    expect(yuanToFen(yuan)).toBe(fen);
  });

  it('refuses a bill without its columns or totals', () => {
    expect(() => parseTradeBill('2026-11-21', BILL.replace('商户订单号', '订单'))).toThrow('商户订单号');
    expect(() => parseTradeBill('2026-11-21', BILL.split('\r\n').slice(0, 3).join('\r\n'))).toThrow('汇总');
  });

  it('a downloaded file whose SHA-1 differs from the signed answer is refused', async () => {
    const clock = new Date('2026-11-22T02:00:00Z');
    const sandbox = new SandboxPaymentProvider({ now: () => clock });
    await sandbox.createJsapiOrder({
      outTradeNo: 'AJHASH0000000000000000001',
      description: '公租房租金 2026-11',
      amountFen: 480_00,
      payerOpenid: 'o-1',
      notifyUrl: 'https://anju.example/billing/notify',
      expiresAt: new Date(clock.getTime() + 60_000),
    });
    sandbox.pay('AJHASH0000000000000000001');
    const day = '2026-11-22';
    const file = sandbox.tradeBillFile(day) as string;
    expect(file).toContain('`AJHASH0000000000000000001');
    const state = sandbox.exportState();
    const failures: { code: string; requestId: string }[] = [];
    const client = (tamper: boolean) =>
      new WechatPayProvider({
        ...sandbox.verifierConfig,
        merchantSerialNo: state.keys.merchantSerialNo,
        merchantPrivateKeyPem: state.keys.merchantPrivateKeyPem,
        onFailure: (f) => failures.push(f),
        http: async (req) => {
          const res = await sandbox.handle(req);
          return tamper && req.url.includes('/billdownload/')
            ? { ...res, body: res.body.replace('480.00', '4.80') }
            : res;
        },
      });
    const good = await client(false).downloadTradeBill(day);
    expect(good?.rows.map((r) => [r.outTradeNo, r.settledFen])).toEqual([
      ['AJHASH0000000000000000001', 480_00],
    ]);
    expect(createHash('sha1').update(file).digest('hex')).toHaveLength(40);
    await expect(client(true).downloadTradeBill(day)).rejects.toMatchObject({ code: 'BILL_HASH_MISMATCH' });
    expect(failures).toEqual([
      expect.objectContaining({
        code: 'BILL_HASH_MISMATCH',
        requestId: expect.stringMatching(/^[0-9a-f]{32}$/),
      }),
    ]);
    await expect(client(false).downloadTradeBill('2026-11-01')).resolves.toBeNull(); // no trade that day
    await expect(client(false).downloadTradeBill('2026/11/01')).rejects.toBeInstanceOf(WechatPayError);
  });
});

describe('reconciling the ledger with the trade bill', () => {
  let clock = new Date('2026-11-21T02:00:00Z'); // 10:00 in Beijing, 2026-11-21
  let host: LocalHost;
  let t: Tenancy;

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

  beforeEach(async () => {
    clock = new Date('2026-11-21T02:00:00Z');
    host = await createLocalHost({
      dataFile: ':memory:',
      seed: false,
      now: () => clock,
      jobSliceBudgetMs: 0,
    });
    t = await addTenancy(host.runtime.db, {
      bills: [
        { period: '2026-09', amountFen: 100_00 },
        { period: '2026-10', amountFen: 200_00 },
        { period: '2026-11', amountFen: 300_00 },
      ],
    });
  });
  afterEach(() => host.close());

  const order = (period: string, requestId: string) =>
    ok<{ orderId: string }>(t.tenant.openid, 'createPayment', {
      billIds: [t.bills[period]!],
      clientRequestId: requestId,
    });

  it('finds what WeChat Pay has and the ledger lacks, and the reverse, for payments and refunds, in slices', async () => {
    // 1. Paid and credited, then a refund credited: both sides agree.
    const agreed = await order('2026-09', 'agreed-000001');
    await ok(t.tenant.openid, 'sandboxPay', { orderId: agreed.orderId });
    const refund = await ok<RefundView>(t.manager.openid, 'refund', {
      orderId: agreed.orderId,
      billId: t.bills['2026-09']!,
      amountFen: 10_00,
      kind: 'overpayment',
      sourceRef: 'agreed-refund',
    });
    await deliver(await host.runtime.payments.sandboxSettleRefund!(refund.refundNo, 'SUCCESS'));
    // 2. Paid at WeChat Pay, the notification lost: not in the ledger.
    const lost = await order('2026-10', 'lost-00000001');
    await host.runtime.payments.sandboxPay!(lost.orderId);
    // 3. Paid and credited, but the stored amount differs from WeChat Pay's.
    const differs = await order('2026-11', 'differs-00001');
    await ok(t.tenant.openid, 'sandboxPay', { orderId: differs.orderId });
    await host.runtime.db.collection(COLLECTIONS.payments).doc(differs.orderId).update({ amountFen: 299_00 });
    // 4. In the ledger but unknown to WeChat Pay.
    await host.runtime.db.collection(COLLECTIONS.payments).doc('AJ0000000000000000000000ghost0').set({
      householdId: t.householdId,
      userId: t.tenant.userId,
      bills: [],
      amountFen: 50_00,
      status: 'paid',
      prepayId: null,
      clientParams: null,
      createdAt: '2026-11-21T01:00:00.000Z',
      expiresAt: '2026-11-21T01:15:00.000Z',
      paidAt: '2026-11-21T01:05:00.000Z',
      transactionId: null,
      receiptNo: null,
    });
    // 5. A refund WeChat Pay made whose notification never arrived.
    const silent = await ok<RefundView>(t.manager.openid, 'refund', {
      orderId: agreed.orderId,
      billId: t.bills['2026-09']!,
      amountFen: 5_00,
      kind: 'overpayment',
      sourceRef: 'silent-refund',
    });
    await host.runtime.payments.sandboxSettleRefund!(silent.refundNo, 'SUCCESS');

    clock = new Date('2026-11-22T03:00:00Z'); // 11:00 the next morning in Beijing
    const run = await host.runTimer('billing', 'trade-bill-reconcile');
    expect(run.result.ok).toBe(true);
    const state = (
      await host.runtime.db.collection(COLLECTIONS.jobState).doc('trade-bill-reconcile|2026-11-21').get()
    ).data[0] as { status: string; counts: Record<string, number> };
    expect(state).toMatchObject({ status: 'done', counts: { rows: 6, differences: 4 } });

    const diffs = await ok<BillDifference[]>(t.admin.openid, 'billDifferences', {
      from: '2026-11-21',
      to: '2026-11-21',
    });
    const seen = diffs.map((d) => [d.kind, d.refundNo ?? d.orderId, d.wechatFen, d.ledgerFen]).sort();
    expect(seen).toEqual(
      [
        ['amount_mismatch', differs.orderId, 300_00, 299_00],
        ['in_ledger_not_paid', 'AJ0000000000000000000000ghost0', null, 50_00],
        ['paid_not_in_ledger', lost.orderId, 200_00, null],
        ['refund_not_in_ledger', silent.refundNo, 5_00, null],
      ].sort(),
    );
    const headName = (
      (await host.runtime.db.collection(COLLECTIONS.households).doc(t.householdId).get()).data[0] as {
        headName: string;
      }
    ).headName;
    expect(diffs.every((d) => d.kindLabel.length > 0 && d.householdName === headName)).toBe(true);

    // A rerun of the timer the same day writes nothing twice.
    const again = await host.runTimer('billing', 'trade-bill-reconcile');
    expect(again.result.ok).toBe(true);
    expect(
      (await host.runtime.db.collection(COLLECTIONS.tradeBillDifferences).where({}).get()).data,
    ).toHaveLength(4);

    // The lost notification arrives; the office reruns the day and that difference is gone.
    await ok(t.tenant.openid, 'paymentStatus', { orderId: lost.orderId });
    const rerun = await ok<{ status: string; differences: number }>(t.admin.openid, 'reconcileTradeBill', {
      billDate: '2026-11-21',
    });
    expect(rerun).toMatchObject({ status: 'done', differences: 3 });
    const after = await ok<BillDifference[]>(t.admin.openid, 'billDifferences', {});
    expect(after.map((d) => d.kind).sort()).toEqual([
      'amount_mismatch',
      'in_ledger_not_paid',
      'refund_not_in_ledger',
    ]);

    // Exported as a spreadsheet for the office.
    const file = await ok<{ fileName: string; fileId: string }>(t.admin.openid, 'exportDifferences', {});
    expect(file.fileName).toMatch(/^微信支付对账差异-.*\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await host.runtime.storage.download(file.fileId)) as unknown as ArrayBuffer);
    const rows = book.getWorksheet('对账差异')!.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => [r[2], r[6], r[7]]).sort()).toEqual(
      [
        ['收款金额不一致', 300, 299],
        ['账本已入账，微信支付账单中没有', '', 50],
        ['微信支付已退款，账本未记录', 5, ''],
      ].sort(),
    );
    expect(await call(t.manager.openid, 'exportDifferences', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('only the office sees differences and reruns a day; a day today or later is refused in Chinese', async () => {
    for (const who of [t.manager.openid, t.tenant.openid]) {
      expect(await call(who, 'billDifferences', {})).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(await call(who, 'reconcileTradeBill', { billDate: '2026-11-20' })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    }
    expect(await call(t.admin.openid, 'reconcileTradeBill', { billDate: '2026-11-21' })).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATION', message: expect.stringContaining('今天以前') },
    });
    expect(await call(t.admin.openid, 'reconcileTradeBill', { billDate: '2026-02-30' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await ok(t.admin.openid, 'reconcileTradeBill', { billDate: '2026-11-20' })).toMatchObject({
      status: 'no_bill',
      rows: 0,
    });
  });
});
