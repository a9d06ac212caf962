import { createHash } from 'node:crypto';
import type { PaymentView } from '@shared/contracts/billing.contract';
import { AppError } from '@shared/errors';
import { found, notFound, requireRole } from '../_runtime/access';
import type { BillDoc } from '../_runtime/documents';
import type { HttpEvent, HttpResult, In, ServiceContext } from '../_runtime/handler';
import type { JobSlice } from '../_runtime/job-slice';
import type { Runtime } from '../_runtime/runtime';
import { ledgerRefusal, sumFen } from '@shared/rules/billing.rule';
import { chinaDate } from '@shared/rules/dates';
import type { BillingRepository, PaymentDoc } from './billing.repository';
import { billView, entryViews, offlineReceipt } from './billing.service';
import { balanceOf } from './ledger';
import { closeOrder, creditPayment, reconcileOne, recordEvent } from './orders';
import { handleRefundNotification } from './refund.service';
import { verifyAnyNotification } from './wechatpay/wechatpay';
import { NotificationRejected, WechatPayError } from './wechatpay/wechatpay.port';

export type { PaymentDoc } from './billing.repository';
export { closeOrder, creditPayment } from './orders';

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
    method: 'wechat',
    methodLabel: '微信支付',
    amountFen: p.amountFen,
    status: p.status,
    statusLabel: STATUS_LABELS[p.status],
    bills: p.bills,
    createdAt: p.createdAt,
    paidAt: p.paidAt,
    transactionId: p.transactionId,
    receiptNo: p.receiptNo,
    note: null,
  };
}

const json = (statusCode: number, body: unknown): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/**
 * WeChat Pay's notifications (POST to notify_url through CloudBase's HTTP access service): the signature is
 * verified and the resource decrypted by the production code; a forged, stale or malformed notification is
 * refused and counted (per day and reason, one document). Payments and refunds share this route: after
 * verification a refund notification (original_type `refund`, event_type REFUND.*) goes to
 * `handleRefundNotification`. A verified payment for an unknown order or with an amount that does not match
 * is refused and recorded in `payment_events`; a valid one credits the order once.
 */
export async function handleNotification(
  repo: BillingRepository,
  rt: Runtime,
  req: HttpEvent,
): Promise<HttpResult> {
  if (req.httpMethod.toUpperCase() !== 'POST') return json(405, { code: 'FAIL', message: '仅支持 POST' });
  const body = req.isBase64Encoded ? Buffer.from(req.body, 'base64').toString('utf8') : req.body;
  let verified;
  try {
    verified = verifyAnyNotification(await rt.payments.verifier(), { headers: req.headers, body });
  } catch (err) {
    // Anyone can post here: a notice that fails verification is only counted (per day and reason, one
    // document), never stored, so a flood of forgeries cannot fill the database.
    const reason = err instanceof NotificationRejected ? err.reason : 'malformed';
    const now = rt.now();
    await repo.countRejectedNotice(chinaDate(now.getTime()), reason, now.toISOString());
    rt.log.log('warn', 'payment notification rejected', { reason });
    return json(401, { code: 'FAIL', message: '验签失败' });
  }
  if (verified.kind === 'refund') return handleRefundNotification(repo, rt, verified.notification);
  const notification = verified.notification;
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
  let credited: boolean;
  try {
    ({ credited } = await creditPayment(repo, rt, order._id, t));
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    // The ledger refused the entry (a bill outside the bookkeeping limits): nothing was written. WeChat Pay
    // is answered with a failure so it delivers the notice again once the bill has been corrected.
    await recordEvent(repo, rt, { kind: 'unrecordable', orderId: order._id, reason: err.message });
    rt.log.log('error', 'payment could not be recorded', { orderId: order._id });
    return json(500, { code: 'FAIL', message: '入账失败' });
  }
  await recordEvent(repo, rt, {
    kind: credited ? 'credited' : 'duplicate',
    orderId: order._id,
    notificationId: notification.id,
  });
  return { statusCode: 204, headers: {}, body: '' };
}

/**
 * Timer `payment-reconcile`: every order still unconfirmed 5 minutes after it was made is queried; paid ones
 * are credited, and ones past their expiry are closed through WeChat Pay (stale orders never linger).
 */
export async function reconcilePayments(repo: BillingRepository, rt: Runtime, slice?: JobSlice) {
  const cutoff = new Date(rt.now().getTime() - RECONCILE_AFTER_MS).toISOString();
  // Oldest first; a slice whose budget is spent stops between orders, and the timer's next firing (every
  // ten minutes) picks up the orders still open — the ones this pass settled are no longer `created`.
  const pending = (await repo.createdPaymentsUntil(cutoff)).sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0,
  );
  let credited = 0;
  let closed = 0;
  for (const [i, p] of pending.entries()) {
    if (i > 0 && slice?.spent()) {
      slice.leaveForNext();
      break;
    }
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
    // Earlier orders for any of these bills are settled first: one paid meanwhile is credited (and the bill
    // is then refused below as paid), one past its expiry is closed through WeChat Pay, and one still open
    // is refused with the way out (取消 on the bills page closes it at once).
    for (const p of await repo.createdPaymentsOf(householdId)) {
      const overlap = p.bills.filter((b) => billIds.includes(b.billId));
      if (overlap.length === 0) continue;
      const r = await unlessUnreachable(() => reconcileOne(repo, rt, p));
      if (r === 'pending') {
        throw new AppError(
          'CONFLICT',
          `${overlap.map((b) => b.period).join('、')} 月账单有一笔支付正在处理中。如已放弃那笔支付，请在账单页点“取消这笔支付”后重新缴费；未支付的订单 ${ORDER_MINUTES} 分钟后也会自动关闭。`,
        );
      }
    }
    const bills: BillDoc[] = [];
    for (const id of billIds) {
      const b = found(
        await repo.bill(id),
        (x) => x.householdId === householdId,
        '账单不存在，或不是您的账单。',
      );
      if (ledgerRefusal(b.amountFen, b.entries ?? []))
        throw new AppError('STATE_INVALID', `${b.period} 月账单金额超出允许范围，请联系物业核对后再缴。`);
      if (balanceOf(b).balanceFen <= 0)
        throw new AppError('STATE_INVALID', `${b.period} 月账单已缴清，无需再缴。`);
      bills.push(b);
    }
    const now = rt.now();
    const doc: Omit<PaymentDoc, '_id'> = {
      householdId,
      userId: user?._id ?? '',
      bills: bills.map((b) => ({ billId: b._id, period: b.period, amountFen: balanceOf(b).balanceFen })),
      amountFen: sumFen(bills.map((b) => balanceOf(b).balanceFen)),
      status: 'created',
      prepayId: null,
      clientParams: null,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + ORDER_MINUTES * 60_000).toISOString(),
      paidAt: null,
      transactionId: null,
      receiptNo: null,
    };
    // The order takes its bills in the same transaction that makes it: a bill another open order holds, or
    // whose balance changed since it was read, is refused, so two orders for one bill are never open.
    await repo.runInTransaction(async (t) => {
      if (await t.payment(orderId)) return;
      for (const line of doc.bills) {
        const b = await t.bill(line.billId);
        if (!b || balanceOf(b).balanceFen !== line.amountFen)
          throw new AppError('CONFLICT', `${line.period} 月账单刚刚有变动，请刷新后重新缴费。`);
        const holder =
          b.payingOrderId && b.payingOrderId !== orderId ? await t.payment(b.payingOrderId) : null;
        if (holder?.status === 'created')
          throw new AppError(
            'CONFLICT',
            `${line.period} 月账单有一笔支付正在处理中，请刷新后查看（如已放弃那笔支付，可在账单页取消它）。`,
          );
        await t.updateBill(b._id, { payingOrderId: orderId });
      }
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

/** A WeChat Pay call that could not get an answer becomes a Chinese "try again" for the caller. */
async function unlessUnreachable<T>(
  fn: () => Promise<T>,
  message = '暂时无法连接微信支付，请稍后再试。',
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof WechatPayError) throw new AppError('UNAVAILABLE', message);
    throw err;
  }
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

/**
 * The tenant tapped 取消 on the payment step (or the payment sheet failed, or they gave up on an earlier
 * order): the order is closed through WeChat Pay so that it can no longer be paid and its bills can be paid
 * again at once. If WeChat Pay says it was paid after all, it is credited and shown as paid.
 */
export async function cancelPayment(
  repo: BillingRepository,
  input: In<'billing', 'cancelPayment'>,
  ctx: ServiceContext,
) {
  const p = await myOrder(repo, ctx, input.orderId);
  await unlessUnreachable(
    () => closeOrder(repo, ctx.rt, p, 'cancelled'),
    `暂时无法关闭这笔支付，请稍后再试（未支付的订单 ${ORDER_MINUTES} 分钟后自动关闭）。`,
  );
  return paymentView((await repo.payment(input.orderId)) as PaymentDoc);
}

/** 缴费记录: the household's WeChat Pay orders (not the closed ones) and counter payments, newest first. */
export async function myPayments(repo: BillingRepository, ctx: ServiceContext) {
  const householdId = ctx.caller.user?.householdId;
  if (!householdId) return [];
  const orders = (await repo.paymentsOf(householdId)).filter((p) => p.status !== 'closed').map(paymentView);
  const counter = (await repo.billsOfHousehold(householdId)).flatMap((b) =>
    (b.entries ?? [])
      .filter((e) => e.kind === 'payment' && e.method === 'offline')
      .map((e) => offlineReceipt(b, e)),
  );
  const when = (p: PaymentView) => p.paidAt ?? p.createdAt;
  return [...orders, ...counter].sort((a, b) => (when(a) < when(b) ? 1 : when(a) > when(b) ? -1 : 0));
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
    let n: { headers: Record<string, string>; body: string };
    try {
      n = await rt.payments.sandboxPay(orderId);
    } catch (err) {
      if (err instanceof WechatPayError && err.code === 'ORDER_CLOSED')
        throw new AppError('STATE_INVALID', '这笔支付已关闭，请重新发起缴费。');
      throw err;
    }
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
