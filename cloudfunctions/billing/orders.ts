import { found } from '../_runtime/access';
import type { LedgerEntryDoc } from '../_runtime/documents';
import type { Runtime } from '../_runtime/runtime';
import type { BillingDocuments, BillingRepository, CloseReason, PaymentDoc } from './billing.repository';
import { balanceOf, receiptNumber, withEntries } from './ledger';
import { WechatPayError, type Transaction } from './wechatpay/wechatpay.port';

/**
 * A WeChat Pay order's life after it is made: credited once when paid, closed through WeChat Pay when it is
 * not. An order holds its bills while it is open (`BillDoc.payingOrderId`, taken in the transaction that
 * makes the order, released in the one that credits or closes it), so two orders for one bill are never
 * open at once and an offline entry can see an order in flight.
 */

export async function recordEvent(repo: BillingRepository, rt: Runtime, event: Record<string, unknown>) {
  await repo.recordPaymentEvent({ ...event, at: rt.now().toISOString() });
}

/** Releases the bills an order held (those still held by it), inside the caller's transaction. */
export async function releaseBills(t: BillingDocuments, p: PaymentDoc): Promise<void> {
  for (const line of p.bills) {
    const bill = await t.bill(line.billId);
    if (bill?.payingOrderId === p._id) await t.updateBill(bill._id, { payingOrderId: null });
  }
}

/**
 * Credits a paid order, in one transaction: for each bill, the part of its line that the bill still owes
 * is a payment and the rest (a bill already paid by another route) is an overpayment, 多缴待退, kept in the
 * bill's ledger for the manager to refund, never a silent second credit; entry ids derive from the order
 * and the bill; the order is marked paid with its receipt number and releases its bills. A second
 * notification, a late one, or a reconciliation that races a notification finds the order paid (or the
 * entries present) and changes nothing. Overpayments are recorded in `payment_events` and the audit trail.
 */
export async function creditPayment(
  repo: BillingRepository,
  rt: Runtime,
  orderId: string,
  tx: Pick<Transaction, 'transaction_id' | 'success_time'>,
): Promise<{ credited: boolean }> {
  const overpaid: { billId: string; excessFen: number }[] = [];
  const result = await repo.runInTransaction(async (t) => {
    overpaid.length = 0; // the callback may run again on a conflict
    const p = found(await t.payment(orderId));
    if (p.status === 'paid') return { credited: false };
    const at = tx.success_time ? new Date(tx.success_time).toISOString() : rt.now().toISOString();
    const receiptNo = receiptNumber(at, orderId);
    for (const line of p.bills) {
      const bill = await t.bill(line.billId);
      if (!bill) continue;
      const owed = Math.max(0, balanceOf(bill).balanceFen);
      const applied = Math.min(owed, line.amountFen);
      const excess = line.amountFen - applied;
      const common = {
        method: 'wechat' as const,
        ref: tx.transaction_id ?? '',
        actorUserId: p.userId,
        at,
        receiptNo,
      };
      const entries: LedgerEntryDoc[] = [];
      if (applied > 0)
        entries.push({
          id: `pay-${orderId}-${line.billId}`,
          kind: 'payment',
          deltaFen: -applied,
          reason: '微信支付',
          ...common,
        });
      if (excess > 0)
        entries.push({
          id: `over-${orderId}-${line.billId}`,
          kind: 'overpayment',
          deltaFen: -excess,
          reason: '多缴待退：微信支付到账时该账单已无欠款，应退还租户',
          ...common,
        });
      const next = withEntries(bill, entries);
      if (!next.changed) continue;
      await t.updateBill(bill._id, {
        entries: next.entries,
        status: next.status,
        ...(bill.payingOrderId === orderId ? { payingOrderId: null } : {}),
      });
      if (excess > 0) {
        overpaid.push({ billId: bill._id, excessFen: excess });
        await t.recordAudit({
          entityType: 'bill',
          entityId: bill._id,
          action: 'billing.overpayment',
          actorUserId: p.userId,
          at,
          detail: `多缴待退 ${(excess / 100).toFixed(2)} 元：微信支付订单 ${orderId} 到账时该账单已无欠款`,
        });
      }
    }
    await releaseBills(t, p);
    await t.updatePayment(orderId, {
      status: 'paid',
      paidAt: at,
      transactionId: tx.transaction_id ?? null,
      receiptNo,
    });
    return { credited: true };
  });
  for (const o of overpaid) {
    await recordEvent(repo, rt, { kind: 'overpaid', orderId, ...o });
    rt.log.log('warn', 'payment credited a settled bill', { orderId, billId: o.billId });
  }
  return result;
}

/** Credits an order WeChat Pay reports paid (amount checked); 'pending' when the amount does not match. */
async function creditQueried(
  repo: BillingRepository,
  rt: Runtime,
  p: PaymentDoc,
  t: Transaction,
): Promise<'credited' | 'pending'> {
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

/** Marks an order closed and releases its bills (once; a paid or already closed order is left as it is). */
async function markClosed(repo: BillingRepository, rt: Runtime, orderId: string, because: CloseReason) {
  await repo.runInTransaction(async (t) => {
    const p = await t.payment(orderId);
    if (!p || p.status !== 'created') return;
    await releaseBills(t, p);
    await t.updatePayment(orderId, {
      status: 'closed',
      closedAt: rt.now().toISOString(),
      closedBecause: because,
    });
  });
}

/** WeChat Pay's answers to a close that mean "nothing left to close": look at the order instead. */
const CLOSE_SETTLED = new Set(['ORDERPAID', 'ORDER_CLOSED', 'ORDERCLOSED', 'ORDER_NOT_EXIST']);

/**
 * Closes an unpaid order through WeChat Pay (关闭订单), so that it can no longer be paid, and then asks
 * WeChat Pay what became of it: WeChat Pay answers 204 even for an order it does not know, and a payment
 * the payer was already confirming can still complete. Paid after all: credited ('paid'). Closed (or never
 * placed with WeChat Pay): marked closed, its bills released ('closed'). Anything else (the payer is
 * entering the password): left open ('pending'). Throws `WechatPayError` when WeChat Pay cannot be reached.
 */
export async function closeOrder(
  repo: BillingRepository,
  rt: Runtime,
  p: PaymentDoc,
  because: CloseReason,
): Promise<'paid' | 'closed' | 'pending'> {
  if (p.status !== 'created') return p.status;
  const provider = await rt.payments.provider();
  try {
    await provider.closeOrder(p._id);
  } catch (err) {
    if (!(err instanceof WechatPayError && CLOSE_SETTLED.has(err.code))) throw err;
  }
  const t = await provider.queryOrder(p._id);
  if (t?.trade_state === 'SUCCESS')
    return (await creditQueried(repo, rt, p, t)) === 'credited' ? 'paid' : 'pending';
  if (!t || t.trade_state === 'CLOSED' || t.trade_state === 'REVOKED') {
    await markClosed(repo, rt, p._id, because);
    await recordEvent(repo, rt, { kind: 'closed', orderId: p._id, because });
    return 'closed';
  }
  return 'pending';
}

/**
 * Asks WeChat Pay about an unconfirmed order: credits it if paid; closes it through WeChat Pay once it is
 * past its expiry (or if WeChat Pay already closed it).
 */
export async function reconcileOne(
  repo: BillingRepository,
  rt: Runtime,
  p: PaymentDoc,
): Promise<'credited' | 'closed' | 'pending'> {
  if (p.status !== 'created') return 'pending';
  const provider = await rt.payments.provider();
  const t = await provider.queryOrder(p._id);
  if (t && t.trade_state === 'SUCCESS') return creditQueried(repo, rt, p, t);
  const expired = rt.now().getTime() > Date.parse(p.expiresAt);
  if (expired || (t && (t.trade_state === 'CLOSED' || t.trade_state === 'REVOKED'))) {
    const r = await closeOrder(repo, rt, p, 'expired');
    return r === 'paid' ? 'credited' : r;
  }
  return 'pending';
}
