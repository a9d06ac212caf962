import { COLLECTIONS } from '@shared/collections';
import type { BillView } from '@shared/contracts';
import { billBalance } from '@shared/rules/billing.rule';
import ExcelJS from 'exceljs';
import type { BillDoc, LeaseDoc } from '../../../cloudfunctions/_runtime/documents';
import { createLocalHost, type LocalHost } from '../../../cloudfunctions/_local/local-host';
import { createBillingRepository } from '../../../cloudfunctions/billing/billing.repository';
import { runMonthlyBilling } from '../../../cloudfunctions/billing/billing.service';
import type { DatabasePort } from '../../../cloudfunctions/_runtime/db';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; data?: any; error?: any };
let clock = new Date('2026-11-22T02:00:00Z');

/** Bills, the ledger, WeChat Pay through the sandbox, arrears (乌兰察布 第二十一、二十二、三十二条; 惠州). */
describe('billing', () => {
  let host: LocalHost;
  const call = (openid: string, action: string, input: object = {}) =>
    host.invoke('billing', { action, ...input }, { openid }) as Promise<Answer>;
  const bills = async (where: object) =>
    (await host.runtime.db.collection(COLLECTIONS.bills).where(where).limit(1000).get()).data as BillDoc[];

  beforeAll(async () => {
    host = await createLocalHost({ dataFile: ':memory:', seed: true, now: () => clock });
  });
  afterAll(() => host.close());

  it('a tenant sees only their own bills, with the rent breakdown and derived balances', async () => {
    const mine = (await call('demo-tenant', 'myBills')).data as BillView[];
    const me = (await host.invoke('account', { action: 'me' }, { openid: 'demo-tenant' })) as Answer;
    expect(mine.length).toBeGreaterThan(0);
    const stored = await bills({ householdId: me.data.user.householdId ?? me.data.tenant.household.id });
    expect(mine.map((b) => b.id).sort()).toEqual(stored.map((b) => b._id).sort());
    for (const b of mine) {
      const doc = stored.find((d) => d._id === b.id)!;
      expect(b.balanceFen).toBe(billBalance(doc.amountFen, doc.entries).balanceFen);
      expect(b.lines.reduce((a, l) => a + l.amountFen, 0)).toBe(b.chargedFen);
    }
    const other = (await bills({ householdId: 'h-0002' }))[0]!;
    expect((await call('demo-tenant', 'billDetail', { billId: other._id })).error.code).toBe('NOT_FOUND');
    const open = mine.find((b) => b.balanceFen > 0);
    if (open) {
      const pay = await call('demo-tenant', 'createPayment', {
        billIds: [other._id],
        clientRequestId: 'pay-other-0001',
      });
      expect(pay.error.code).toBe('NOT_FOUND');
    }
    expect((await call('demo-manager', 'myBills')).data).toEqual([]);
  });

  it('pays two bills through the sandbox; replaying the notification 10 times credits once', async () => {
    const arrearsTenant = 'demo-tenant-arrears';
    const before = ((await call(arrearsTenant, 'myBills')).data as BillView[]).filter(
      (b) => b.balanceFen > 0,
    );
    expect(before.length).toBeGreaterThanOrEqual(2);
    const two = before.slice(0, 2);
    const order = await call(arrearsTenant, 'createPayment', {
      billIds: two.map((b) => b.id),
      clientRequestId: 'pay-two-bills-01',
    });
    expect(order.ok).toBe(true);
    expect(order.data).toMatchObject({ sandbox: true, amountFen: two[0]!.balanceFen + two[1]!.balanceFen });
    expect(order.data.clientParams.package).toMatch(/^prepay_id=/);
    // A retried tap returns the same order; the same bills in a new order are refused while it is open.
    const retry = await call(arrearsTenant, 'createPayment', {
      billIds: [two[1]!.id, two[0]!.id],
      clientRequestId: 'pay-two-bills-01',
    });
    expect(retry.data.orderId).toBe(order.data.orderId);
    expect(
      (
        await call(arrearsTenant, 'createPayment', {
          billIds: [two[0]!.id],
          clientRequestId: 'pay-two-bills-02',
        })
      ).error.message,
    ).toContain('正在处理中');

    // The sandbox pays and produces WeChat Pay's notification; keep a copy to replay.
    const sandboxPay = host.runtime.payments.sandboxPay!;
    const notification = await sandboxPay(order.data.orderId);
    const deliver = () =>
      host.http('billing', {
        httpMethod: 'POST',
        path: '/notify',
        headers: notification.headers,
        body: notification.body,
      });
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await deliver());
    expect(results.every((r) => r.statusCode === 204)).toBe(true);
    const after = await bills({ _id: host.runtime.db.command.in(two.map((b) => b.id)) });
    for (const b of after) {
      expect(b.entries.filter((e) => e.kind === 'payment' && e.method === 'wechat')).toHaveLength(1);
      expect(billBalance(b.amountFen, b.entries).balanceFen).toBe(0);
      expect(b.status).toBe('paid');
    }
    const status = await call(arrearsTenant, 'paymentStatus', { orderId: order.data.orderId });
    expect(status.data).toMatchObject({ status: 'paid', receiptNo: expect.stringMatching(/^AJ\d{8}/) });
    const events = await host.runtime.db
      .collection(COLLECTIONS.paymentEvents)
      .where({ orderId: order.data.orderId })
      .get();
    expect(events.data.map((e) => (e as { kind: string }).kind).sort()).toEqual([
      'credited',
      ...Array(9).fill('duplicate'),
    ]);
    // Paying a paid bill again is refused.
    expect(
      (
        await call(arrearsTenant, 'createPayment', {
          billIds: [two[0]!.id],
          clientRequestId: 'pay-again-0001',
        })
      ).error.message,
    ).toContain('已缴清');
  });

  it('a forged notification, a tampered one and one with the wrong amount are rejected, recorded, and credit nothing', async () => {
    const tenant = 'demo-tenant-arrears';
    const open = ((await call(tenant, 'myBills')).data as BillView[]).find((b) => b.balanceFen > 0)!;
    const order = await call(tenant, 'createPayment', {
      billIds: [open.id],
      clientRequestId: 'pay-forged-001',
    });
    const real = await host.runtime.payments.sandboxPay!(order.data.orderId);
    const tampered = real.body.replace(
      /"ciphertext":"(.)/,
      (_m, c: string) => `"ciphertext":"${c === 'A' ? 'B' : 'A'}`,
    );
    const forged = await host.http('billing', {
      httpMethod: 'POST',
      path: '/notify',
      headers: real.headers,
      body: tampered,
    });
    expect(forged.statusCode).toBe(401);
    const unsigned = await host.http('billing', {
      httpMethod: 'POST',
      path: '/notify',
      headers: { ...real.headers, 'Wechatpay-Signature': Buffer.alloc(256, 1).toString('base64') },
      body: real.body,
    });
    expect(unsigned.statusCode).toBe(401);
    const bill = (await bills({ _id: open.id }))[0]!;
    expect(bill.entries.filter((e) => e.kind === 'payment' && e.method === 'wechat')).toHaveLength(0);
    // Unauthenticated rejections are counted per day and reason in one document, not stored one row each.
    const rejected = await host.runtime.db
      .collection(COLLECTIONS.paymentEvents)
      .where({ kind: 'rejected-notices' })
      .get();
    expect((rejected.data[0] as { total: number }).total).toBeGreaterThanOrEqual(2);
    // The order's amount is changed behind WeChat's back: the genuine notification no longer matches.
    await host.runtime.db.collection(COLLECTIONS.payments).doc(order.data.orderId).update({ amountFen: 1 });
    const mismatch = await host.http('billing', {
      httpMethod: 'POST',
      path: '/notify',
      headers: real.headers,
      body: real.body,
    });
    expect(mismatch.statusCode).toBe(400);
    expect((await bills({ _id: open.id }))[0]!.entries).toEqual(bill.entries);
    // A client cannot post a notification through the function call path.
    const viaClient = await host.invoke(
      'billing',
      { httpMethod: 'POST', path: '/notify', headers: real.headers, body: real.body },
      { openid: tenant },
    );
    expect(viaClient.ok).toBe(false);
  });

  it('an order paid without a notification is credited by querying it', async () => {
    const tenant = 'demo-tenant-arrears';
    const open = ((await call(tenant, 'myBills')).data as BillView[]).filter(
      (b) => b.balanceFen > 0 && !b.pendingOrderId,
    );
    const order = await call(tenant, 'createPayment', {
      billIds: [open[0]!.id],
      clientRequestId: 'pay-lost-notify1',
    });
    await host.runtime.payments.sandboxPay!(order.data.orderId); // paid; the notification is lost
    clock = new Date(clock.getTime() + 6 * 60_000);
    const r = await host.trigger('billing', 'payment-reconcile');
    expect(r).toMatchObject({ ok: true, data: { credited: 1 } });
    expect((await call(tenant, 'paymentStatus', { orderId: order.data.orderId })).data.status).toBe('paid');
    expect(((await host.trigger('billing', 'payment-reconcile')) as Answer).data.credited).toBe(0);
  });

  it('the monthly run is idempotent and a crash half-way followed by a rerun leaves exactly one bill per lease', async () => {
    const period = '2026-12';
    const active = (await host.runtime.db.collection(COLLECTIONS.leases).where({ status: 'active' }).count())
      .total;
    // Crash: the third batch's insert fails.
    let adds = 0;
    const db = host.runtime.db;
    const crashing = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop !== 'collection') return Reflect.get(target, prop, receiver);
        return (name: string) => {
          const c = target.collection(name);
          if (name !== COLLECTIONS.bills) return c;
          return new Proxy(c, {
            get(ct, p, r) {
              if (p === 'add') {
                return async (data: object) => {
                  if (++adds === 3) throw new Error('simulated crash');
                  return ct.add(data);
                };
              }
              return Reflect.get(ct, p, r);
            },
          });
        };
      },
    }) as DatabasePort;
    await expect(
      runMonthlyBilling(createBillingRepository(crashing), host.runtime, period, { batchSize: 50 }),
    ).rejects.toThrow('simulated crash');
    const partial = (await bills({ period })).length;
    expect(partial).toBe(100);
    const status = await call('demo-admin', 'runStatus', { period });
    expect(status.data).toMatchObject({ status: 'running', leasesProcessed: 100 });
    const rerun = await call('demo-admin', 'runMonthly', { period });
    expect(rerun.data).toMatchObject({ status: 'done', leasesProcessed: active, billsCreated: active });
    const again = await call('demo-admin', 'runMonthly', { period });
    expect(again.data).toMatchObject({ status: 'done', billsCreated: 0, billsExisting: active });
    const all = await bills({ period });
    expect(all).toHaveLength(active);
    expect(new Set(all.map((b) => b.leaseId)).size).toBe(active);
    const lease = (
      await host.runtime.db.collection(COLLECTIONS.leases).where({ status: 'active' }).limit(1).get()
    ).data[0] as LeaseDoc;
    const b = all.find((x) => x.leaseId === lease._id)!;
    expect(b).toMatchObject({ dueDate: '2026-12-15', status: 'unpaid' });
    // The district is Wuchang: its report sets no rent tiers, so the bill names the district's setting.
    expect(b.lines[0]).toMatchObject({
      kind: 'rent',
      clause: '运营方设定（租金按收入分档，武汉市住房保障部门会同物价部门，示例值）',
    });
    expect((await call('demo-manager', 'runMonthly', { period })).error.code).toBe('NOT_FOUND');
    expect((await call('demo-admin', 'runMonthly', { period: '2026-13' })).error.code).toBe('INVALID_INPUT');
  });

  it('arrears: months overdue per lease, the 6-month exit flag, filter by building; offline entries audited and idempotent', async () => {
    const list = await call('demo-manager', 'arrears');
    expect(list.ok).toBe(true);
    const rows = list.data.rows as {
      leaseId: string;
      monthsOverdue: number;
      amountFen: number;
      exitFlag: boolean;
      buildingId: string;
    }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.exitFlag === r.monthsOverdue >= 6)).toBe(true);
    expect(rows.some((r) => r.exitFlag)).toBe(true);
    const building = rows[0]!.buildingId;
    const filtered = (await call('demo-manager', 'arrears', { buildingId: building })).data
      .rows as typeof rows;
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((r) => r.buildingId === building)).toBe(true);
    expect((await call('demo-tenant', 'arrears')).error.code).toBe('NOT_FOUND');

    const target = rows[0]!;
    const ledger = await call('demo-manager', 'ledger', { leaseId: target.leaseId });
    const overdueBill = (ledger.data.bills as BillView[]).find((b) => b.overdue)!;
    const tooMuch = await call('demo-manager', 'recordEntry', {
      billId: overdueBill.id,
      kind: 'payment',
      amountFen: overdueBill.balanceFen + 1,
      reason: '现金缴纳',
      clientRequestId: 'offline-too-much',
    });
    expect(tooMuch.error.code).toBe('RULE_VIOLATION');
    const input = {
      billId: overdueBill.id,
      kind: 'payment',
      amountFen: overdueBill.balanceFen,
      reason: '物业服务中心现金缴纳',
      clientRequestId: 'offline-pay-0001',
    };
    const first = await call('demo-manager', 'recordEntry', input);
    const second = await call('demo-manager', 'recordEntry', input);
    expect(first.data.bill).toMatchObject({ balanceFen: 0, status: 'paid' });
    expect(second.data.entries).toHaveLength(first.data.entries.length);
    const audit = await host.runtime.db
      .collection(COLLECTIONS.auditLog)
      .where({ entityId: overdueBill.id })
      .get();
    expect(audit.data).toHaveLength(1);
    const after = (await call('demo-manager', 'arrears')).data.rows as typeof rows;
    const row = after.find((r) => r.leaseId === target.leaseId);
    expect(row ? row.monthsOverdue : 0).toBe(target.monthsOverdue - 1);
  });

  it('exports month-end figures and subsidy payouts; reminders are sent once per tenant and period', async () => {
    const file = await call('demo-admin', 'exportMonth', { period: '2026-11' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.data.base64, 'base64') as unknown as ArrearsBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['汇总', '账单', '欠租', '租赁补贴']);
    const nov = await bills({ period: '2026-11' });
    expect(book.getWorksheet('账单')!.rowCount).toBe(nov.length + 1);
    const payouts = await call('demo-admin', 'subsidyPayouts', { period: '2026-11' });
    expect(payouts.data.rows.length).toBeGreaterThan(0);
    expect(payouts.data.totalFen).toBe(
      payouts.data.rows.reduce((a: number, r: { monthlySubsidyFen: number }) => a + r.monthlySubsidyFen, 0),
    );
    expect((await call('demo-manager', 'subsidyPayouts', { period: '2026-11' })).error.code).toBe(
      'NOT_FOUND',
    );

    const first = await host.trigger('billing', 'daily-rent-reminders');
    expect((first as Answer).data.overdue).toBeGreaterThan(0);
    const again = await host.trigger('billing', 'daily-rent-reminders');
    expect((again as Answer).data).toEqual({ dueSoon: 0, overdue: 0 });
  });
});

type ArrearsBuffer = ArrayBuffer;
