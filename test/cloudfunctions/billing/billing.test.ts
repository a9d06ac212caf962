import { COLLECTIONS } from '@shared/collections';
import type { BillView } from '@shared/contracts';
import { billBalance } from '@shared/rules/billing.rule';
import type { BillDoc } from '../../../cloudfunctions/_runtime/documents';
import type { DatabasePort } from '../../../cloudfunctions/_runtime/db';
import { makeHousehold } from '../../factories/housing.factory';
import { createRng } from '../../factories/rng';
import {
  addBill,
  addProject,
  addUser,
  openTestHost,
  smallDistrict,
  type TestHost,
  type TestTenant,
} from '../../factories/scenario.factory';
import { openExport } from '../../factories/export.factory';

jest.setTimeout(60_000);

const START = '2026-11-22T02:00:00Z'; // 10:00 on 22 November in China: the 15 November rent is overdue
const ADMIN = 'wx-u-admin';
const MANAGER = 'wx-u-manager';

/** Bills, the ledger, WeChat Pay through the sandbox, arrears (乌兰察布 第二十一、二十二、三十二条; 惠州). */
describe('billing', () => {
  let t: TestHost;
  const call = (openid: string, action: string, input: object = {}) =>
    t.call('billing', openid, action, input);
  const bills = (where: object) => t.all<BillDoc>(COLLECTIONS.bills, where);
  /** Pays an order in the sandbox and returns WeChat Pay's notification, not yet delivered. */
  const sandboxPaid = (orderId: string) => t.host.runtime.payments.sandboxPay!(orderId);
  const deliver = (n: { headers: Record<string, string>; body: string }) =>
    t.host.http('billing', { httpMethod: 'POST', path: '/notify', headers: n.headers, body: n.body });

  beforeEach(async () => {
    t = await openTestHost(START);
  });
  afterEach(() => t.close());

  /** 测试家园 with its tenants; the first owes October and November, September is paid. */
  async function tenantsWithBills() {
    const d = await smallDistrict(t.db);
    const [t1, t2] = d.project.tenants as [TestTenant, TestTenant];
    await addBill(t.db, t1, '2026-09', { paid: true });
    await addBill(t.db, t1, '2026-10');
    await addBill(t.db, t1, '2026-11');
    await addBill(t.db, t2, '2026-11');
    return { ...d, t1, t2 };
  }

  it('a tenant sees only their own bills, with the rent breakdown and derived balances', async () => {
    const { t1, t2 } = await tenantsWithBills();
    const mine = (await call(t1.openid, 'myBills')).data as BillView[];
    expect(mine.map((b) => [b.period, b.balanceFen, b.statusLabel, b.overdue])).toEqual([
      ['2026-11', t1.monthlyRentFen, '未缴', true],
      ['2026-10', t1.monthlyRentFen, '未缴', true],
      ['2026-09', 0, '已缴清', false],
    ]);
    for (const b of mine) {
      expect(b).toMatchObject({ projectName: '测试家园', unitLabel: t1.unitLabel });
      expect(b.lines.reduce((a, l) => a + l.amountFen, 0)).toBe(b.chargedFen);
    }
    const detail = await call(t1.openid, 'billDetail', { billId: `bill-${t1.leaseId}-2026-09` });
    type Entry = { kindLabel: string; deltaFen: number; method: string };
    expect(detail.data.entries.map((e: Entry) => [e.kindLabel, e.method, e.deltaFen])).toEqual([
      ['应收租金', '系统', t1.monthlyRentFen],
      ['缴费', '线下', -t1.monthlyRentFen],
    ]);

    const others = `bill-${t2.leaseId}-2026-11`;
    expect((await call(t1.openid, 'billDetail', { billId: others })).error.code).toBe('NOT_FOUND');
    const pay = await call(t1.openid, 'createPayment', {
      billIds: [others],
      clientRequestId: 'pay-other-0001',
    });
    expect(pay.error).toMatchObject({ code: 'NOT_FOUND', message: '账单不存在，或不是您的账单。' });
    expect(await t.count(COLLECTIONS.payments)).toBe(0);
    expect((await call(MANAGER, 'myBills')).data).toEqual([]);
  });

  it('pays two bills through the sandbox; replaying the notification 10 times credits once', async () => {
    const { t1 } = await tenantsWithBills();
    const two = [`bill-${t1.leaseId}-2026-10`, `bill-${t1.leaseId}-2026-11`];
    const order = await call(t1.openid, 'createPayment', {
      billIds: two,
      clientRequestId: 'pay-two-bills-01',
    });
    expect(order.ok).toBe(true);
    expect(order.data).toMatchObject({ sandbox: true, amountFen: 2 * t1.monthlyRentFen });
    expect(order.data.clientParams.package).toMatch(/^prepay_id=/);
    // A retried tap returns the same order; the same bills in a new order are refused while it is open.
    const retry = await call(t1.openid, 'createPayment', {
      billIds: [two[1], two[0]],
      clientRequestId: 'pay-two-bills-01',
    });
    expect(retry.data.orderId).toBe(order.data.orderId);
    const overlapping = await call(t1.openid, 'createPayment', {
      billIds: [two[0]],
      clientRequestId: 'pay-two-bills-02',
    });
    expect(overlapping.error.message).toContain('2026-10 月账单有一笔支付正在处理中');

    // The sandbox pays and produces WeChat Pay's notification; keep a copy to replay.
    const notification = await sandboxPaid(order.data.orderId);
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await deliver(notification));
    expect(results.every((r) => r.statusCode === 204)).toBe(true);
    for (const b of await bills({ _id: t.db.command.in(two) })) {
      expect(b.entries.filter((e) => e.kind === 'payment' && e.method === 'wechat')).toHaveLength(1);
      expect(billBalance(b.amountFen, b.entries).balanceFen).toBe(0);
      expect(b.status).toBe('paid');
    }
    const status = await call(t1.openid, 'paymentStatus', { orderId: order.data.orderId });
    expect(status.data).toMatchObject({ status: 'paid', receiptNo: expect.stringMatching(/^AJ\d{8}/) });
    const events = await t.all<{ kind: string }>(COLLECTIONS.paymentEvents, { orderId: order.data.orderId });
    expect(events.map((e) => e.kind).sort()).toEqual(['credited', ...Array(9).fill('duplicate')]);
    // Paying a paid bill again is refused.
    const again = await call(t1.openid, 'createPayment', {
      billIds: [two[0]],
      clientRequestId: 'pay-again-0001',
    });
    expect(again.error.message).toBe('2026-10 月账单已缴清，无需再缴。');
  });

  it('the tenant’s sandbox step credits the order through the same handler; the payments list shows the receipt', async () => {
    const { t1, t2 } = await tenantsWithBills();
    const billId = `bill-${t1.leaseId}-2026-10`;
    const order = await call(t1.openid, 'createPayment', {
      billIds: [billId],
      clientRequestId: 'pay-sandbox-01',
    });
    expect((await call(t2.openid, 'sandboxPay', { orderId: order.data.orderId })).error.code).toBe(
      'NOT_FOUND',
    );
    // The tenant's payments list shows WeChat orders and counter payments alike (a counter payment of
    // September is part of this scenario); here only the WeChat ones are looked at.
    const wechat = async (openid: string) =>
      ((await call(openid, 'myPayments')).data as { method: string }[]).filter((p) => p.method === 'wechat');
    expect(await wechat(t1.openid)).toEqual([
      expect.objectContaining({ orderId: order.data.orderId, status: 'created', statusLabel: '待支付' }),
    ]);
    const paid = await call(t1.openid, 'sandboxPay', { orderId: order.data.orderId });
    expect(paid.data).toMatchObject({
      status: 'paid',
      statusLabel: '已支付',
      amountFen: t1.monthlyRentFen,
      bills: [{ billId, period: '2026-10', amountFen: t1.monthlyRentFen }],
      transactionId: expect.stringMatching(/^\d{28}$/),
    });
    // Confirming again changes nothing.
    const twice = await call(t1.openid, 'sandboxPay', { orderId: order.data.orderId });
    expect(twice.data.receiptNo).toBe(paid.data.receiptNo);
    expect((await t.doc<BillDoc>(COLLECTIONS.bills, billId))!.entries).toHaveLength(1);
    expect(await wechat(t1.openid)).toEqual([
      expect.objectContaining({
        orderId: order.data.orderId,
        status: 'paid',
        receiptNo: paid.data.receiptNo,
      }),
    ]);
    expect(await wechat(t2.openid)).toEqual([]);
  });

  it('a forged notification, a tampered one and one with the wrong amount are rejected, recorded, and credit nothing', async () => {
    const { t1 } = await tenantsWithBills();
    const billId = `bill-${t1.leaseId}-2026-10`;
    const order = await call(t1.openid, 'createPayment', {
      billIds: [billId],
      clientRequestId: 'pay-forged-001',
    });
    const real = await sandboxPaid(order.data.orderId);
    const tampered = real.body.replace(
      /"ciphertext":"(.)/,
      (_m, c: string) => `"ciphertext":"${c === 'A' ? 'B' : 'A'}`,
    );
    expect((await deliver({ headers: real.headers, body: tampered })).statusCode).toBe(401);
    const unsigned = await deliver({
      headers: { ...real.headers, 'Wechatpay-Signature': Buffer.alloc(256, 1).toString('base64') },
      body: real.body,
    });
    expect(unsigned.statusCode).toBe(401);
    expect((await t.doc<BillDoc>(COLLECTIONS.bills, billId))!.entries).toEqual([]);
    // Unauthenticated rejections are counted per day and reason in one document, not stored one row each.
    expect(await t.count(COLLECTIONS.paymentEvents, { kind: 'rejected' })).toBe(0);
    const counter = (
      await t.host.runtime.db.collection(COLLECTIONS.paymentEvents).where({ kind: 'rejected-notices' }).get()
    ).data as { total: number }[];
    expect(counter.map((c) => c.total)).toEqual([2]);
    // The order's amount is changed behind WeChat's back: the genuine notification no longer matches.
    await t.db.collection(COLLECTIONS.payments).doc(order.data.orderId).update({ amountFen: 1 });
    expect((await deliver(real)).statusCode).toBe(400);
    expect((await t.doc<BillDoc>(COLLECTIONS.bills, billId))!).toMatchObject({
      entries: [],
      status: 'unpaid',
    });
    // A notice that verifies but names the wrong amount is still stored as a row of its own; the two that
    // failed verification are only counted.
    expect(await t.count(COLLECTIONS.paymentEvents, { kind: 'rejected' })).toBe(1);
    // A client cannot post a notification through the function call path.
    const viaClient = await t.host.invoke(
      'billing',
      { httpMethod: 'POST', path: '/notify', headers: real.headers, body: real.body },
      { openid: t1.openid },
    );
    expect(viaClient.ok).toBe(false);
  });

  it('an order paid without a notification is credited by the reconcile timer', async () => {
    const { t1 } = await tenantsWithBills();
    const order = await call(t1.openid, 'createPayment', {
      billIds: [`bill-${t1.leaseId}-2026-10`],
      clientRequestId: 'pay-lost-notify1',
    });
    await sandboxPaid(order.data.orderId); // paid; the notification is lost
    // Not yet 5 minutes old: left alone.
    expect(await t.trigger('billing', 'payment-reconcile')).toMatchObject({
      ok: true,
      data: { checked: 0, credited: 0 },
    });
    t.clock.advance(6 * 60_000);
    expect(await t.trigger('billing', 'payment-reconcile')).toMatchObject({
      ok: true,
      data: { checked: 1, credited: 1 },
    });
    expect((await call(t1.openid, 'paymentStatus', { orderId: order.data.orderId })).data.status).toBe(
      'paid',
    );
    expect((await t.trigger('billing', 'payment-reconcile')).data.credited).toBe(0);
  });

  it('the reconcile button (staff only) credits a paid order and closes one that expired unpaid', async () => {
    const { t1, t2 } = await tenantsWithBills();
    const paid = await call(t1.openid, 'createPayment', {
      billIds: [`bill-${t1.leaseId}-2026-10`],
      clientRequestId: 'pay-reconcile-1',
    });
    await sandboxPaid(paid.data.orderId); // the notification never arrives
    const abandoned = await call(t2.openid, 'createPayment', {
      billIds: [`bill-${t2.leaseId}-2026-11`],
      clientRequestId: 'pay-reconcile-2',
    });
    t.clock.advance(16 * 60_000); // past the 15-minute order expiry
    expect((await call(t1.openid, 'reconcile')).error.code).toBe('NOT_FOUND');
    expect(await t.doc(COLLECTIONS.payments, abandoned.data.orderId)).toMatchObject({ status: 'created' });
    const r = await call(MANAGER, 'reconcile');
    expect(r.data).toEqual({ checked: 2, credited: 1, closed: 1 });
    expect(await t.doc(COLLECTIONS.payments, paid.data.orderId)).toMatchObject({ status: 'paid' });
    expect(await t.doc(COLLECTIONS.payments, abandoned.data.orderId)).toMatchObject({ status: 'closed' });
    expect(await t.doc(COLLECTIONS.bills, `bill-${t2.leaseId}-2026-11`)).toMatchObject({ status: 'unpaid' });
    // The closed order no longer blocks paying the bill.
    const fresh = await call(t2.openid, 'createPayment', {
      billIds: [`bill-${t2.leaseId}-2026-11`],
      clientRequestId: 'pay-reconcile-3',
    });
    expect(fresh.ok).toBe(true);
    expect((await call(ADMIN, 'reconcile')).data).toEqual({ checked: 0, credited: 0, closed: 0 });
  });

  it('a month’s bill: rent tiered by income from the market rent, the special-group reduction and the project’s utilities', async () => {
    await addUser(t.db, { id: 'u-admin', roles: ['admin'] });
    const p = await addProject(t.db, {
      id: 'p-rent',
      tenants: 2,
      marketRentFen: 120_000,
      utilities: [{ label: '物业费', monthlyFen: 3_000 }],
      household: (i) =>
        i === 1
          ? {
              priority: {
                solitaryElderly: false,
                seriousIllnessOrDisabilityWithoutIncome: true,
                entitledGroup: false,
                localPriority: false,
              },
            }
          : {},
    });
    const run = await call(ADMIN, 'runMonthly', { period: '2026-12' });
    expect(run.data).toMatchObject({ status: 'done', leasesTotal: 2, billsCreated: 2 });
    const [plain, reduced] = p.tenants.map((x) => `bill-${x.leaseId}-2026-12`);
    // ¥1,500 per person a month is the second tier: 50% of the ¥1,200 market rent.
    expect(await t.doc(COLLECTIONS.bills, plain!)).toMatchObject({
      amountFen: 63_000,
      dueDate: '2026-12-15',
      status: 'unpaid',
      lines: [
        // The district is Wuchang: its report sets no rent tiers, so the bill names the district's setting
        // (the test host's saved settings version: no longer an example, test/cloudfunctions/settings).
        {
          kind: 'rent',
          amountFen: 60_000,
          clause: '运营方设定（租金按收入分档，武汉市住房保障部门会同物价部门）',
        },
        { kind: 'utility', label: '物业费', amountFen: 3_000 },
      ],
    });
    expect(await t.doc(COLLECTIONS.bills, reduced!)).toMatchObject({
      amountFen: 33_000,
      lines: [
        { kind: 'rent', amountFen: 60_000 },
        { kind: 'reduction', label: '特殊困难群体减免', amountFen: -30_000 },
        { kind: 'utility', amountFen: 3_000 },
      ],
    });
    expect((await call(MANAGER, 'runMonthly', { period: '2026-12' })).error.code).toBe('NOT_FOUND');
    expect((await call(ADMIN, 'runMonthly', { period: '2026-13' })).error.code).toBe('INVALID_INPUT');
  });

  it('the monthly timer bills the China month: at 02:00 on 1 December in China it is December', async () => {
    const { project } = await smallDistrict(t.db);
    t.clock.set('2026-11-30T18:00:00Z');
    const r = await t.trigger('billing', 'monthly-bills');
    expect(r).toMatchObject({ ok: true, data: { period: '2026-12', status: 'done', billsCreated: 6 } });
    expect((await bills({ period: '2026-12' })).map((b) => b.leaseId).sort()).toEqual(
      [...project.tenants.map((x) => x.leaseId), 'p-other-l1', 'p-other-l2'].sort(),
    );
    expect(await t.count(COLLECTIONS.bills, { period: '2026-11' })).toBe(0);
  });

  it('the monthly run is idempotent and a crash half-way followed by a rerun leaves exactly one bill per lease', async () => {
    await addUser(t.db, { id: 'u-admin', roles: ['admin'] });
    // 1,100 leases: the run takes them 500 at a time, so the crash comes after the first batch.
    await addProject(t.db, { id: 'p-big', buildings: 10, floors: 11, perFloor: 10, tenants: 1_100 });
    t.clock.set('2026-11-30T18:00:00Z');
    const db = t.db;
    let adds = 0;
    t.host.runtime.db = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop !== 'collection') return Reflect.get(target, prop, receiver);
        return (name: string) => {
          const c = target.collection(name);
          if (name !== COLLECTIONS.bills) return c;
          return new Proxy(c, {
            get(ct, p, r) {
              if (p !== 'add') return Reflect.get(ct, p, r);
              return async (data: object) => {
                if (++adds === 2) throw new Error('simulated crash');
                return ct.add(data);
              };
            },
          });
        };
      },
    }) as DatabasePort;
    const crashed = await t.trigger('billing', 'monthly-bills');
    t.host.runtime.db = db;
    expect(crashed.ok).toBe(false);
    expect(await t.count(COLLECTIONS.bills, { period: '2026-12' })).toBe(500);
    const status = await call(ADMIN, 'runStatus', { period: '2026-12' });
    expect(status.data).toMatchObject({ status: 'running', leasesProcessed: 500, leasesTotal: 1_100 });

    const rerun = await call(ADMIN, 'runMonthly', { period: '2026-12' });
    expect(rerun.data).toMatchObject({ status: 'done', leasesProcessed: 1_100, billsCreated: 1_100 });
    const again = await call(ADMIN, 'runMonthly', { period: '2026-12' });
    expect(again.data).toMatchObject({ status: 'done', billsCreated: 0, billsExisting: 1_100 });
    const all = await bills({ period: '2026-12' });
    expect(all).toHaveLength(1_100);
    expect(new Set(all.map((b) => b.leaseId)).size).toBe(1_100);
  });

  it('arrears: months overdue per lease, the 6-month exit flag; managers see their projects only', async () => {
    const d = await smallDistrict(t.db);
    const [behind, late1, paidUp] = d.project.tenants as [TestTenant, TestTenant, TestTenant];
    for (const m of ['05', '06', '07', '08', '09', '10']) await addBill(t.db, behind, `2026-${m}`);
    await addBill(t.db, late1, '2026-11');
    await addBill(t.db, paidUp, '2026-11', { paid: true });
    await addBill(t.db, d.other.tenants[0]!, '2026-11');

    const list = (await call(MANAGER, 'arrears')).data;
    type Row = { leaseId: string; monthsOverdue: number; amountFen: number; exitFlag: boolean };
    expect(list.rows.map((r: Row) => [r.leaseId, r.monthsOverdue, r.amountFen, r.exitFlag])).toEqual([
      [behind.leaseId, 6, 6 * behind.monthlyRentFen, true],
      [late1.leaseId, 1, late1.monthlyRentFen, false],
    ]);
    expect(list.totalFen).toBe(6 * behind.monthlyRentFen + late1.monthlyRentFen);
    expect(list.rows[0]).toMatchObject({
      projectName: '测试家园',
      buildingName: '1栋',
      unitLabel: behind.unitLabel,
    });
    expect(list.rows[0].phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect((await call('wx-u-manager-other', 'arrears')).data.rows.map((r: Row) => r.leaseId)).toEqual([
      d.other.tenants[0]!.leaseId,
    ]);
    expect((await call(ADMIN, 'arrears')).data.rows).toHaveLength(3);
    expect((await call(MANAGER, 'arrears', { projectId: 'p-other' })).error.code).toBe('NOT_FOUND');
    expect((await call(behind.openid, 'arrears')).error.code).toBe('NOT_FOUND');
  });

  it('arrears filtered by building list that building’s leases only', async () => {
    await addUser(t.db, { id: 'u-manager', roles: ['manager'], projectIds: ['p-two'] });
    const p = await addProject(t.db, { id: 'p-two', buildings: 2, floors: 1, perFloor: 1, tenants: 2 });
    for (const x of p.tenants) await addBill(t.db, x, '2026-10');
    const all = (await call(MANAGER, 'arrears')).data;
    expect(all.rows).toHaveLength(2);
    expect(all.buildings.map((b: { id: string; name: string }) => [b.id, b.name])).toEqual([
      ['p-two-b1', '1栋'],
      ['p-two-b2', '2栋'],
    ]);
    const second = (await call(MANAGER, 'arrears', { buildingId: 'p-two-b2' })).data;
    expect(
      second.rows.map((r: { leaseId: string; buildingName: string }) => [r.leaseId, r.buildingName]),
    ).toEqual([[p.tenants[1]!.leaseId, '2栋']]);
  });

  it('offline entries are audited and idempotent; one that would overpay or over-refund is refused and writes nothing', async () => {
    const { t1, t2 } = await tenantsWithBills();
    const billId = `bill-${t1.leaseId}-2026-10`;
    const rent = t1.monthlyRentFen;
    const ledger = (await call(MANAGER, 'ledger', { leaseId: t1.leaseId })).data;
    expect(ledger).toMatchObject({ balanceFen: 2 * rent, monthsOverdue: 2, unitLabel: t1.unitLabel });
    const tooMuch = await call(MANAGER, 'recordEntry', {
      billId,
      kind: 'payment',
      amountFen: rent + 1,
      reason: '现金缴纳',
      clientRequestId: 'offline-too-much',
    });
    expect(tooMuch.error).toMatchObject({
      code: 'RULE_VIOLATION',
      message: `金额超过该账单尚欠的 ${(rent / 100).toFixed(2)} 元。`,
    });
    const refund = await call(MANAGER, 'recordEntry', {
      billId,
      kind: 'refund',
      amountFen: 100,
      reason: '多收退还',
      clientRequestId: 'offline-refund-1',
    });
    expect(refund.error.message).toBe('退款不能超过已缴的 0.00 元。');
    expect(await t.doc(COLLECTIONS.bills, billId)).toMatchObject({ entries: [], status: 'unpaid' });
    expect(await t.count(COLLECTIONS.auditLog)).toBe(0);

    const input = {
      billId,
      kind: 'payment',
      amountFen: rent,
      reason: '物业服务中心现金缴纳',
      clientRequestId: 'offline-pay-0001',
    };
    const first = await call(MANAGER, 'recordEntry', input);
    const second = await call(MANAGER, 'recordEntry', input);
    expect(first.data.bill).toMatchObject({ balanceFen: 0, status: 'paid' });
    expect(second.data.entries).toEqual(first.data.entries);
    const audit = await t.all<{ action: string; actorUserId: string; detail: string }>(COLLECTIONS.auditLog, {
      entityId: billId,
    });
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'billing.payment',
        actorUserId: 'u-manager',
        detail: `缴费 ${(-rent / 100).toFixed(2)} 元：物业服务中心现金缴纳`,
      }),
    ]);
    expect((await call(MANAGER, 'ledger', { leaseId: t1.leaseId })).data).toMatchObject({
      balanceFen: rent,
      monthsOverdue: 1,
    });
    // Another project's manager can neither read nor write this lease.
    expect((await call('wx-u-manager-other', 'ledger', { leaseId: t1.leaseId })).error.code).toBe(
      'NOT_FOUND',
    );
    const foreign = await call('wx-u-manager-other', 'recordEntry', {
      ...input,
      billId: `bill-${t2.leaseId}-2026-11`,
      clientRequestId: 'offline-foreign-1',
    });
    expect(foreign.error.code).toBe('NOT_FOUND');
  });

  it('exports the month’s bills, arrears and subsidy payouts to Excel', async () => {
    const { t1, t2 } = await tenantsWithBills();
    await addSubsidyHouseholds();
    const file = await call(ADMIN, 'exportMonth', { period: '2026-11' });
    expect(file.data.fileName).toBe('租金月报-2026-11.xlsx');
    const book = await openExport(t, file.data, ADMIN);
    expect(book.worksheets.map((w) => w.name)).toEqual(['汇总', '账单', '欠租', '租赁补贴']);
    expect(book.getWorksheet('账单')!.rowCount).toBe(3); // header + two November bills
    const summary = book.getWorksheet('汇总')!;
    expect(summary.getRow(2).values).toEqual([undefined, '账单数', 2]);
    expect(summary.getRow(3).getCell(2).value).toBe((t1.monthlyRentFen + t2.monthlyRentFen) / 100);
    expect(summary.getRow(8).values).toEqual([undefined, '租赁补贴发放（元）', 441]);
    // A manager's export has no subsidy sheet.
    const managers = await call(MANAGER, 'exportMonth', { period: '2026-11' });
    const mbook = await openExport(t, managers.data, MANAGER);
    expect(mbook.worksheets.map((w) => w.name)).toEqual(['汇总', '账单', '欠租']);
  });

  /** 惠州 subsidy households: one renting on the market, one since allocated a unit (subsidy stops). */
  async function addSubsidyHouseholds() {
    const rng = createRng(5);
    const base = { status: 'subsidy' as const, category: 'dibao' as const, size: 2, ownedHomeAreaM2: 0 };
    for (const h of [
      makeHousehold(rng, { _id: 'h-sub-1', headName: '刘芳', marketHomeRentFen: 80_000, ...base }),
      makeHousehold(rng, { _id: 'h-sub-2', headName: '陈伟', marketHomeRentFen: 80_000, ...base }),
    ]) {
      const { _id, ...body } = h;
      await t.db.collection(COLLECTIONS.households).doc(_id).set(body);
    }
    await t.db.collection(COLLECTIONS.leases).doc('l-sub-2').set({
      householdId: 'h-sub-2',
      unitId: 'p-test-b1-301',
      projectId: 'p-test',
      startDate: '2026-11-01',
      endDate: '2029-10-31',
      monthlyRentFen: 30_000,
      status: 'active',
    });
  }
  it('subsidy payouts (惠州): the formula per household, stopped once a unit is allocated, office only', async () => {
    await smallDistrict(t.db);
    await addSubsidyHouseholds();
    const payouts = (await call(ADMIN, 'subsidyPayouts', { period: '2026-11' })).data;
    // 2 persons × (15 − 0) m² = 30 m² × ¥15 × 0.98 (低保) = ¥441.00, below the ¥800 rent.
    expect(payouts.rows).toEqual([
      expect.objectContaining({
        householdId: 'h-sub-1',
        areaM2: 30,
        monthlySubsidyFen: 44_100,
        cappedByRent: false,
      }),
    ]);
    expect(payouts.totalFen).toBe(44_100);
    expect(payouts.stopped).toEqual([
      { householdId: 'h-sub-2', householdName: '陈伟', reason: '已获得公租房实物配租，租赁补贴自动停发。' },
    ]);
    expect((await call(MANAGER, 'subsidyPayouts', { period: '2026-11' })).error.code).toBe('NOT_FOUND');
  });

  it('reminders: one rent-due reminder per tenant and period, one overdue reminder per tenant and month', async () => {
    const d = await smallDistrict(t.db);
    const [late, soon, paid] = d.project.tenants as [TestTenant, TestTenant, TestTenant];
    await addBill(t.db, late, '2026-10');
    await addBill(t.db, late, '2026-11');
    await addBill(t.db, paid, '2026-11', { paid: true });
    // 12 December is 3 days before the 15th: the December bill is due soon.
    t.clock.set('2026-12-12T02:00:00Z');
    await addBill(t.db, soon, '2026-12');
    const first = await t.trigger('billing', 'daily-rent-reminders');
    expect(first).toMatchObject({ ok: true, data: { dueSoon: 1, overdue: 1 } });
    const outbox = await t.all<{ toUserId: string; template: string; title: string; body: string }>(
      COLLECTIONS.outbox,
    );
    expect(outbox.map((m) => [m.toUserId, m.template, m.title]).sort()).toEqual([
      [late.userId, 'rent_overdue', '租金已逾期'],
      [soon.userId, 'rent_due', '租金即将到期'],
    ]);
    const overdue = outbox.find((m) => m.template === 'rent_overdue')!;
    // The district is Wuchang: its report is silent on arrears, so the reminder cites the district's settings.
    // The counting method is the saved version's (the test host's settings), so it is no longer an example.
    expect(overdue.body).toBe(
      `您有 2 个月租金逾期未缴，共 ${((2 * late.monthlyRentFen) / 100).toFixed(2)} 元。累计欠租 6 个月将按规定收回住房` +
        '（运营方设定（累计欠租的处理，武昌区住房保障部门，示例值）；运营方设定（欠租月数的计算方法，武昌区住房保障部门）），请尽快缴纳。',
    );
    expect(outbox.find((m) => m.template === 'rent_due')!.body).toBe(
      `2026-12 月租金 ${(soon.monthlyRentFen / 100).toFixed(2)} 元，请于 2026-12-15 前缴纳。`,
    );
    const again = await t.trigger('billing', 'daily-rent-reminders');
    expect(again).toMatchObject({ ok: true, data: { dueSoon: 0, overdue: 0 } });
    expect(await t.count(COLLECTIONS.outbox)).toBe(2);
  });

  it('the remind button sends the same reminders, for staff only', async () => {
    const d = await smallDistrict(t.db);
    const late = d.project.tenants[0]!;
    await addBill(t.db, late, '2026-10');
    expect((await call(late.openid, 'remind')).error.code).toBe('NOT_FOUND');
    expect(await t.count(COLLECTIONS.outbox)).toBe(0);
    expect((await call(MANAGER, 'remind')).data).toEqual({ dueSoon: 0, overdue: 1 });
    expect((await call(ADMIN, 'remind')).data).toEqual({ dueSoon: 0, overdue: 0 });
    expect(await t.count(COLLECTIONS.outbox, { toUserId: late.userId, template: 'rent_overdue' })).toBe(1);
  });
});
