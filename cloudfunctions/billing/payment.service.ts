import { createHash } from 'node:crypto';
import type { PaymentView } from '@shared/contracts/billing.contract';
import { AppError } from '@shared/errors';
import { found, notFound, requireRole } from '../_runtime/access';
import type { BillDoc, LedgerEntryDoc } from '../_runtime/documents';
import type { HttpEvent, HttpResult, In, ServiceContext } from '../_runtime/handler';
import type { Runtime } from '../_runtime/runtime';
import { chinaDate } from '@shared/rules/dates';
import type { BillingRepository, PaymentDoc } from './billing.repository';
import { billView, entryViews } from './billing.service';
import { balanceOf, withEntry } from './ledger';
import { verifyNotification } from './wechatpay/wechatpay';
import { NotificationRejected, type Transaction } from './wechatpay/wechatpay.port';

export type { PaymentDoc } from './billing.repository';

/** Orders expire after 15 minutes (time_expire): an unpaid one no longer blocks paying the same bills. */
const ORDER_MINUTES = 15;
/** Orders unconfirmed this long are queried (WeChat Pay's advice: query when no notification came). */
const RECONCILE_AFTER_MS = 5 * 60_000;

const STATUS_LABELS: Record<PaymentDoc['status'], string> = {
  created: '待支付',
  paid: '已支付',
  closed: '已关闭',
};

export function paymentView(p: PaymentDoc): PaymentView {
  return {
    orderId: p._id,
    amountFen: p.amountFen,
    status: p.status,
    statusLabel: STATUS_LABELS[p.status],
    bills: p.bills,
    createdAt: p.createdAt,
    paidAt: p.paidAt,
    transactionId: p.transactionId,
    receiptNo: p.receiptNo,
  };
}

async function recordEvent(repo: BillingRepository, rt: Runtime, event: Record<string, unknown>) {
  await repo.recordPaymentEvent({ ...event, at: rt.now().toISOString() });
}

/**
 * Credits a paid order: one payment entry per bill, with ids derived from the order and the bill, and the
 * order marked paid, all in one transaction. A second notification, a late one, or a reconciliation that
 * races a notification finds the order paid (or the entries present) and changes nothing.
 */
export async function creditPayment(
  repo: BillingRepository,
  rt: Runtime,
  orderId: string,
  tx: Pick<Transaction, 'transaction_id' | 'success_time'>,
): Promise<{ credited: boolean }> {
  return repo.runInTransaction(async (t) => {
    const p = found(await t.payment(orderId));
    if (p.status === 'paid') return { credited: false };
    const at = tx.success_time ? new Date(tx.success_time).toISOString() : rt.now().toISOString();
    for (const line of p.bills) {
      const bill = await t.bill(line.billId);
      if (!bill) continue;
      const entry: LedgerEntryDoc = {
        id: `pay-${orderId}-${line.billId}`,
        kind: 'payment',
        deltaFen: -line.amountFen,
        method: 'wechat',
        ref: tx.transaction_id ?? '',
        reason: '微信支付',
        actorUserId: p.userId,
        at,
      };
      const next = withEntry(bill, entry);
      if (next.changed) await t.updateBill(bill._id, { entries: next.entries, status: next.status });
    }
    await t.updatePayment(orderId, {
      status: 'paid',
      paidAt: at,
      transactionId: tx.transaction_id ?? null,
      receiptNo: `AJ${at.slice(0, 10).replace(/-/g, '')}${orderId.slice(-8).toUpperCase()}`,
    });
    return { credited: true };
  });
}

const json = (statusCode: number, body: unknown): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/**
 * WeChat Pay's payment notification (POST to notify_url through CloudBase's HTTP access service): the
 * signature is verified and the resource decrypted by the production code; a forged or stale notification,
 * an unknown order or an amount that does not match is refused and recorded in `payment_events`; a valid one
 * credits the order once.
 */
export async function handleNotification(
  repo: BillingRepository,
  rt: Runtime,
  req: HttpEvent,
): Promise<HttpResult> {
  if (req.httpMethod.toUpperCase() !== 'POST') return json(405, { code: 'FAIL', message: '仅支持 POST' });
  const body = req.isBase64Encoded ? Buffer.from(req.body, 'base64').toString('utf8') : req.body;
  let notification;
  try {
    notification = verifyNotification(await rt.payments.verifier(), { headers: req.headers, body });
  } catch (err) {
    const reason = err instanceof NotificationRejected ? err.reason : 'malformed';
    await recordEvent(repo, rt, {
      kind: 'rejected',
      reason,
      bodySha256: createHash('sha256').update(body).digest('hex'),
    });
    rt.log.log('warn', 'payment notification rejected', { reason });
    return json(401, { code: 'FAIL', message: '验签失败' });
  }
  const t = notification.transaction;
  const order = await repo.payment(t.out_trade_no);
  if (!order) {
    await recordEvent(repo, rt, { kind: 'rejected', reason: 'unknown-order', orderId: t.out_trade_no });
    return json(400, { code: 'FAIL', message: '订单不存在' });
  }
  if (t.trade_state !== 'SUCCESS') {
    await recordEvent(repo, rt, { kind: 'ignored', reason: t.trade_state, orderId: order._id });
    return { statusCode: 204, headers: {}, body: '' };
  }
  if (t.amount?.total !== order.amountFen) {
    await recordEvent(repo, rt, {
      kind: 'rejected',
      reason: 'amount-mismatch',
      orderId: order._id,
      expectedFen: order.amountFen,
      notifiedFen: t.amount?.total ?? null,
    });
    rt.log.log('error', 'payment amount mismatch', { orderId: order._id });
    return json(400, { code: 'FAIL', message: '金额不符' });
  }
  const { credited } = await creditPayment(repo, rt, order._id, t);
  await recordEvent(repo, rt, {
    kind: credited ? 'credited' : 'duplicate',
    orderId: order._id,
    notificationId: notification.id,
  });
  return { statusCode: 204, headers: {}, body: '' };
}

/** Asks WeChat Pay about an unconfirmed order: credits it if paid, closes it if it expired unpaid. */
async function reconcileOne(
  repo: BillingRepository,
  rt: Runtime,
  p: PaymentDoc,
): Promise<'credited' | 'closed' | 'pending'> {
  if (p.status !== 'created') return 'pending';
  const provider = await rt.payments.provider();
  const t = await provider.queryOrder(p._id);
  if (t && t.trade_state === 'SUCCESS') {
    if (t.amount?.total !== p.amountFen) {
      await recordEvent(repo, rt, {
        kind: 'rejected',
        reason: 'amount-mismatch',
        orderId: p._id,
        via: 'query',
      });
      return 'pending';
    }
    const { credited } = await creditPayment(repo, rt, p._id, t);
    return credited ? 'credited' : 'pending';
  }
  const expired = rt.now().getTime() > Date.parse(p.expiresAt);
  if (
    (!t && expired) ||
    (t &&
      (t.trade_state === 'CLOSED' || t.trade_state === 'REVOKED' || (expired && t.trade_state === 'NOTPAY')))
  ) {
    await repo.updatePayment(p._id, { status: 'closed' });
    return 'closed';
  }
  return 'pending';
}

/** Timer `payment-reconcile`: every order still unconfirmed 5 minutes after it was made. */
export async function reconcilePayments(repo: BillingRepository, rt: Runtime) {
  const cutoff = new Date(rt.now().getTime() - RECONCILE_AFTER_MS).toISOString();
  const pending = await repo.createdPaymentsUntil(cutoff);
  let credited = 0;
  let closed = 0;
  for (const p of pending) {
    try {
      const r = await reconcileOne(repo, rt, p);
      if (r === 'credited') credited++;
      if (r === 'closed') closed++;
    } catch (err) {
      rt.log.log('warn', 'reconcile failed', { orderId: p._id, error: err instanceof Error ? err.name : '' });
    }
  }
  return { checked: pending.length, credited, closed };
}

/** Staff run the reconciliation now (the timer does it every few minutes). */
export async function reconcile(repo: BillingRepository, ctx: ServiceContext) {
  requireRole(ctx, 'admin', 'manager');
  return reconcilePayments(repo, ctx.rt);
}

// ---------------------------------------------------------------------------------------------------------
// Tenants

function householdOf(ctx: ServiceContext): string {
  const h = ctx.caller.user?.householdId;
  if (!h) notFound('您还没有在租房屋，没有租金账单。');
  return h;
}

async function labels(repo: BillingRepository, bills: BillDoc[]) {
  const units = new Map<string, string>();
  const projects = new Map<string, string>();
  for (const b of bills) {
    if (!units.has(b.unitId)) units.set(b.unitId, (await repo.unit(b.unitId))?.label ?? '');
    if (!projects.has(b.projectId)) projects.set(b.projectId, (await repo.project(b.projectId))?.name ?? '');
  }
  return (b: BillDoc) => ({
    unitLabel: units.get(b.unitId) ?? '',
    projectName: projects.get(b.projectId) ?? '',
  });
}

async function openOrders(repo: BillingRepository, rt: Runtime, householdId: string): Promise<PaymentDoc[]> {
  const list = await repo.createdPaymentsOf(householdId);
  const now = rt.now().getTime();
  return list.filter((p) => Date.parse(p.expiresAt) > now);
}

export async function myBills(repo: BillingRepository, ctx: ServiceContext) {
  const rt = ctx.rt;
  const householdId = ctx.caller.user?.householdId;
  if (!householdId) return [];
  const bills = await repo.billsOfHousehold(householdId);
  const label = await labels(repo, bills);
  const pending = new Map<string, string>();
  for (const p of await openOrders(repo, rt, householdId))
    for (const b of p.bills) pending.set(b.billId, p._id);
  const today = chinaDate(rt.now().getTime());
  return bills.map((b) => billView(b, { ...label(b), today, pendingOrderId: pending.get(b._id) ?? null }));
}

export async function billDetail(
  repo: BillingRepository,
  input: In<'billing', 'billDetail'>,
  ctx: ServiceContext,
) {
  const householdId = householdOf(ctx);
  const bill = found(await repo.bill(input.billId), (b) => b.householdId === householdId);
  const label = await labels(repo, [bill]);
  return {
    bill: billView(bill, { ...label(bill), today: chinaDate(ctx.rt.now().getTime()) }),
    entries: entryViews(bill),
  };
}

/**
 * Creates the WeChat Pay order for the caller's chosen bills (their whole balances). The order id is derived
 * from the caller and the page's request id, so a retried tap returns the same order; bills already in
 * another unexpired order are refused with a clear message, so nobody is charged twice for one bill.
 */
export async function createPayment(
  repo: BillingRepository,
  input: In<'billing', 'createPayment'>,
  ctx: ServiceContext,
) {
  const rt = ctx.rt;
  const user = ctx.caller.user;
  const householdId = householdOf(ctx);
  const orderId = `AJ${createHash('sha256').update(`${user?._id}|${input.clientRequestId}`).digest('hex').slice(0, 28)}`;
  const billIds = [...new Set(input.billIds)].sort();
  let order = await repo.payment(orderId);
  if (
    order &&
    order.bills
      .map((b) => b.billId)
      .sort()
      .join() !== billIds.join()
  ) {
    throw new AppError('CONFLICT', '这笔支付已提交过，且账单不同，请返回账单页重新选择。');
  }
  if (!order) {
    const bills: BillDoc[] = [];
    for (const id of billIds) {
      const b = found(
        await repo.bill(id),
        (x) => x.householdId === householdId,
        '账单不存在，或不是您的账单。',
      );
      if (balanceOf(b).balanceFen <= 0)
        throw new AppError('STATE_INVALID', `${b.period} 月账单已缴清，无需再缴。`);
      bills.push(b);
    }
    for (const p of await openOrders(repo, rt, householdId)) {
      const overlap = p.bills.filter((b) => billIds.includes(b.billId));
      if (overlap.length > 0) {
        throw new AppError(
          'CONFLICT',
          `${overlap.map((b) => b.period).join('、')} 月账单有一笔支付正在处理中，请稍候刷新查看结果（未支付的订单 ${ORDER_MINUTES} 分钟后自动关闭）。`,
        );
      }
    }
    const now = rt.now();
    const doc: Omit<PaymentDoc, '_id'> = {
      householdId,
      userId: user?._id ?? '',
      bills: bills.map((b) => ({ billId: b._id, period: b.period, amountFen: balanceOf(b).balanceFen })),
      amountFen: bills.reduce((a, b) => a + balanceOf(b).balanceFen, 0),
      status: 'created',
      prepayId: null,
      clientParams: null,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + ORDER_MINUTES * 60_000).toISOString(),
      paidAt: null,
      transactionId: null,
      receiptNo: null,
    };
    await repo.runInTransaction(async (t) => {
      if (await t.payment(orderId)) return;
      await t.setPayment(orderId, doc);
    });
    order = (await repo.payment(orderId)) as PaymentDoc;
  }
  if (order.status === 'paid') throw new AppError('STATE_INVALID', '这笔支付已完成。');
  if (order.status === 'closed') throw new AppError('STATE_INVALID', '这笔支付已关闭，请重新发起缴费。');
  if (!order.clientParams) {
    const provider = await rt.payments.provider();
    const periods = order.bills.map((b) => b.period).join('、');
    const { prepayId, clientParams } = await provider.createJsapiOrder({
      outTradeNo: orderId,
      description: `公租房租金 ${periods}`.slice(0, 127),
      amountFen: order.amountFen,
      payerOpenid: ctx.caller.user?.openid ?? '',
      notifyUrl: rt.payments.notifyUrl,
      expiresAt: new Date(order.expiresAt),
    });
    await repo.updatePayment(orderId, { prepayId, clientParams });
    order = { ...order, prepayId, clientParams };
  }
  return {
    orderId,
    amountFen: order.amountFen,
    sandbox: rt.payments.sandboxPay !== null,
    clientParams: order.clientParams as NonNullable<PaymentDoc['clientParams']>,
  };
}

async function myOrder(repo: BillingRepository, ctx: ServiceContext, orderId: string): Promise<PaymentDoc> {
  const householdId = householdOf(ctx);
  return found(await repo.payment(orderId), (p) => p.householdId === householdId);
}

/** The order's status; if still unconfirmed, WeChat Pay is asked (the sheet said paid but no notification yet). */
export async function paymentStatus(
  repo: BillingRepository,
  input: In<'billing', 'paymentStatus'>,
  ctx: ServiceContext,
) {
  const p = await myOrder(repo, ctx, input.orderId);
  if (p.status === 'created' && p.prepayId) {
    try {
      await reconcileOne(repo, ctx.rt, p);
    } catch {
      // WeChat Pay unreachable: the status stays as it is, and the reconcile job tries again.
    }
  }
  return paymentView((await repo.payment(input.orderId)) as PaymentDoc);
}

export async function myPayments(repo: BillingRepository, ctx: ServiceContext) {
  const householdId = ctx.caller.user?.householdId;
  if (!householdId) return [];
  const list = await repo.paymentsOf(householdId);
  return list.filter((p) => p.status !== 'closed').map(paymentView);
}

/**
 * Local sandbox: the tenant confirmed the sandbox payment step. The sandbox marks the order paid and produces
 * WeChat Pay's signed, encrypted notification, which goes through the same handler as production's.
 */
export async function sandboxPay(
  repo: BillingRepository,
  input: In<'billing', 'sandboxPay'>,
  ctx: ServiceContext,
) {
  const rt = ctx.rt;
  const orderId = input.orderId;
  if (!rt.payments.sandboxPay) notFound();
  const p = await myOrder(repo, ctx, orderId);
  if (p.status === 'created') {
    const n = await rt.payments.sandboxPay(orderId);
    const res = await handleNotification(repo, rt, {
      httpMethod: 'POST',
      path: '/billing/notify',
      headers: n.headers,
      body: n.body,
    });
    if (res.statusCode >= 300) throw new AppError('UNAVAILABLE', '支付结果确认失败，请稍后刷新。');
  }
  return paymentView((await repo.payment(orderId)) as PaymentDoc);
}
