import { createHash } from 'node:crypto';
import {
  REFUND_KIND_LABELS,
  type RefundCandidate,
  type RefundView,
} from '@shared/contracts/billing.contract';
import { AppError } from '@shared/errors';
import { found, inScope, requireUser, staffScope } from '../_runtime/access';
import type { LedgerEntryDoc } from '../_runtime/documents';
import type { HttpResult, In, ServiceContext } from '../_runtime/handler';
import type { Runtime } from '../_runtime/runtime';
import type { BillingRepository, RefundDoc, RefundStatusValue } from './billing.repository';
import { balanceOf, withEntries } from './ledger';
import { recordEvent } from './orders';
import { verifyAnyNotification } from './wechatpay/wechatpay';
import { WechatPayError, type Refund, type RefundNotification } from './wechatpay/wechatpay.port';

/**
 * Refunds through WeChat Pay (申请退款 POST /v3/refund/domestic/refunds, 查询单笔退款
 * GET /v3/refund/domestic/refunds/{out_refund_no}, 退款结果通知:
 * https://pay.weixin.qq.com/docs/merchant/products/refund/apilist.html).
 *
 * - The refund number (out_refund_no) derives from the order, the bill, the kind and the source reference,
 *   so asking again for the same thing is the same refund: stored once here, and refunded once by WeChat Pay
 *   ("同一商户退款单号多次请求只退一笔").
 * - The amount is held on the order (`refundHeldFen`) in the transaction that registers the refund, so the
 *   refunds of an order never exceed what was paid, even asked together; a closed or refused refund
 *   releases its hold.
 * - The ledger gets the refund entry (`refund-<out_refund_no>`, +amount) once, when WeChat Pay says SUCCESS
 *   (notification or query), in one transaction with the refund's status: a second notification, a race of
 *   two deliveries, or a query racing a notification changes nothing.
 *
 * The refund notification comes to the same HTTP access route as payments (PAY_NOTIFY_PATH): the handler
 * tells them apart after verification by the resource's `original_type` / `event_type` (REFUND.*).
 */

const STATUS_LABELS: Record<RefundStatusValue, string> = {
  requested: '已登记，待微信支付受理',
  processing: '退款处理中',
  success: '已退款',
  closed: '退款关闭',
  abnormal: '退款异常（需在商户平台处理）',
  refused: '微信支付未受理',
};

/** Refunds whose amount is still held on the order (not closed, not refused). */
const HOLDING: ReadonlySet<RefundStatusValue> = new Set(['requested', 'processing', 'success', 'abnormal']);
/** WeChat Pay codes that mean "try again", not "no": the refund stays registered and is sent again. */
const TRANSIENT = new Set([
  'SYSTEM_ERROR',
  'FREQUENCY_LIMITED',
  'NETWORK_ERROR',
  'BAD_RESPONSE_SIGNATURE',
  'MALFORMED_RESPONSE',
]);

const yuan = (fen: number) => `${(fen / 100).toFixed(2)} 元`;

/** out_refund_no: `RF` + 30 hex of SHA-256 over what is refunded (32 characters of WeChat Pay's 64). */
export function refundNumber(orderId: string, billId: string, kind: string, sourceRef: string): string {
  return `RF${createHash('sha256').update(`${orderId}|${billId}|${kind}|${sourceRef}`).digest('hex').slice(0, 30)}`;
}

async function refundView(repo: BillingRepository, d: RefundDoc): Promise<RefundView> {
  const [household, unit] = await Promise.all([repo.household(d.householdId), repo.unit(d.unitId)]);
  return {
    refundNo: d._id,
    orderId: d.orderId,
    billId: d.billId,
    period: d.period,
    householdName: household?.headName ?? '',
    unitLabel: unit?.label ?? '',
    amountFen: d.amountFen,
    kind: d.kind,
    kindLabel: REFUND_KIND_LABELS[d.kind],
    sourceRef: d.sourceRef,
    note: d.note,
    status: d.status,
    statusLabel: STATUS_LABELS[d.status],
    requestedAt: d.requestedAt,
    updatedAt: d.updatedAt,
    succeededAt: d.succeededAt,
    problem: d.problem,
  };
}

/**
 * `billing.refund`: the office or the project's manager refunds part or all of a paid WeChat Pay order to
 * its payer, against one of the order's bills. The exit procedure (allocation) calls it with kind
 * `move_out_settlement` and its own reference as `sourceRef`.
 */
export async function requestRefund(
  repo: BillingRepository,
  input: In<'billing', 'refund'>,
  ctx: ServiceContext,
): Promise<RefundView> {
  const rt = ctx.rt;
  const scope = staffScope(ctx);
  const user = requireUser(ctx);
  const bill = found(
    await repo.bill(input.billId),
    (b) => inScope(scope, b.projectId),
    '账单不存在，或不在您管理的项目中。',
  );
  const order = found(
    await repo.payment(input.orderId),
    (p) => p.bills.some((l) => l.billId === bill._id),
    '这张账单没有这笔微信支付。',
  );
  if (order.status !== 'paid') throw new AppError('STATE_INVALID', '这笔微信支付尚未完成，不能退款。');
  const refundNo = refundNumber(order._id, bill._id, input.kind, input.sourceRef);
  const existing = await repo.refund(refundNo);
  if (existing && existing.amountFen !== input.amountFen)
    throw new AppError(
      'CONFLICT',
      `这笔退款已申请过（${yuan(existing.amountFen)}），金额不同；如需再退，请用新的退款依据。`,
    );
  if (existing && existing.status !== 'refused') {
    if (existing.status === 'requested') await submit(repo, rt, existing);
    return refundView(repo, (await repo.refund(refundNo)) as RefundDoc);
  }
  // What the bill can give back: what it received, less the refunds of it still on their way.
  const pendingOnBill = (await repo.refundsOf(order._id))
    .filter((r) => r.billId === bill._id && r._id !== refundNo)
    .filter((r) => r.status === 'requested' || r.status === 'processing' || r.status === 'abnormal')
    .reduce((sum, r) => sum + r.amountFen, 0);
  const billRefundable = balanceOf(bill).paidFen - pendingOnBill;
  if (input.amountFen > billRefundable)
    throw new AppError(
      'RULE_VIOLATION',
      `退款金额超过该账单可退的 ${yuan(Math.max(0, billRefundable))}（已缴 ${yuan(balanceOf(bill).paidFen)}，退款中 ${yuan(pendingOnBill)}）。`,
    );
  const now = rt.now().toISOString();
  await repo.runInTransaction(async (t) => {
    const p = found(await t.payment(order._id));
    const r = await t.refund(refundNo);
    if (r && r.status !== 'refused') return; // registered meanwhile (a double tap)
    const held = p.refundHeldFen ?? 0;
    if (held + input.amountFen > p.amountFen)
      throw new AppError(
        'RULE_VIOLATION',
        `退款金额超过这笔支付可退的 ${yuan(p.amountFen - held)}（实付 ${yuan(p.amountFen)}，已退或退款中 ${yuan(held)}）。`,
      );
    const doc: Omit<RefundDoc, '_id'> = {
      orderId: p._id,
      billId: bill._id,
      householdId: bill.householdId,
      projectId: bill.projectId,
      unitId: bill.unitId,
      period: bill.period,
      amountFen: input.amountFen,
      kind: input.kind,
      sourceRef: input.sourceRef,
      note: input.note,
      status: 'requested',
      wechatRefundId: null,
      requestedBy: user._id,
      requestedAt: r?.requestedAt ?? now,
      updatedAt: now,
      succeededAt: null,
      problem: null,
      notificationIds: r?.notificationIds ?? [],
    };
    await t.setRefund(refundNo, doc);
    await t.updatePayment(p._id, { refundHeldFen: held + input.amountFen });
    await t.recordAudit({
      entityType: 'bill',
      entityId: bill._id,
      action: 'billing.refund',
      actorUserId: user._id,
      at: now,
      detail: `申请${REFUND_KIND_LABELS[input.kind]} ${yuan(input.amountFen)}（退款单 ${refundNo}，依据 ${input.sourceRef}）`,
    });
  });
  await submit(repo, rt, (await repo.refund(refundNo)) as RefundDoc);
  return refundView(repo, (await repo.refund(refundNo)) as RefundDoc);
}

/**
 * Sends a registered refund to WeChat Pay (again, after no answer: the same out_refund_no refunds once) and
 * records its answer. WeChat Pay unreachable: the refund stays `requested`, and `refundStatus` sends it again.
 */
async function submit(repo: BillingRepository, rt: Runtime, d: RefundDoc): Promise<void> {
  const provider = await rt.payments.provider();
  const order = found(await repo.payment(d.orderId));
  let answer: Refund;
  try {
    answer = await provider.createRefund({
      outTradeNo: d.orderId,
      outRefundNo: d._id,
      reason: `公租房${REFUND_KIND_LABELS[d.kind]}`,
      refundFen: d.amountFen,
      totalFen: order.amountFen,
      notifyUrl: rt.payments.notifyUrl,
    });
  } catch (err) {
    if (!(err instanceof WechatPayError)) throw err;
    if (TRANSIENT.has(err.code) || err.status === undefined || err.status >= 500) return;
    await applyRefundOutcome(repo, rt, d._id, {
      status: 'REFUSED',
      problem: `微信支付未受理：${err.message.slice(0, 100)}`,
    });
    return;
  }
  await applyRefundOutcome(repo, rt, d._id, {
    status: answer.status,
    wechatRefundId: answer.refund_id,
    successTime: answer.success_time,
  });
}

/**
 * Records what WeChat Pay says of a refund, once, in one transaction: SUCCESS adds the ledger entry and
 * marks it succeeded; CLOSED and a refusal release the order's hold; ABNORMAL and PROCESSING are noted. A
 * refund already finished, or a notification already applied, changes nothing ('duplicate').
 */
export async function applyRefundOutcome(
  repo: BillingRepository,
  rt: Runtime,
  refundNo: string,
  outcome: {
    status: Refund['status'] | 'REFUSED';
    wechatRefundId?: string;
    successTime?: string | undefined;
    notificationId?: string;
    problem?: string;
  },
): Promise<'credited' | 'updated' | 'duplicate'> {
  return repo.runInTransaction(async (t) => {
    const d = found(await t.refund(refundNo));
    if (outcome.notificationId && d.notificationIds.includes(outcome.notificationId)) return 'duplicate';
    if (d.status === 'success' || d.status === 'closed' || d.status === 'refused') return 'duplicate';
    const now = rt.now().toISOString();
    const notificationIds = outcome.notificationId
      ? [...d.notificationIds, outcome.notificationId].slice(-20)
      : d.notificationIds;
    const common = {
      updatedAt: now,
      notificationIds,
      wechatRefundId: outcome.wechatRefundId ?? d.wechatRefundId,
    };
    if (outcome.status === 'SUCCESS') {
      const at = outcome.successTime ? new Date(outcome.successTime).toISOString() : now;
      const bill = found(await t.bill(d.billId));
      const entry: LedgerEntryDoc = {
        id: `refund-${d._id}`,
        kind: 'refund',
        deltaFen: d.amountFen,
        method: 'wechat',
        ref: (outcome.wechatRefundId ?? d.wechatRefundId ?? d._id).slice(0, 64),
        reason: `微信支付${REFUND_KIND_LABELS[d.kind]}${d.note ? `：${d.note}` : ''}`,
        actorUserId: d.requestedBy,
        at,
      };
      const next = withEntries(bill, [entry]);
      if (next.changed) await t.updateBill(bill._id, { entries: next.entries, status: next.status });
      await t.updateRefund(d._id, { ...common, status: 'success', succeededAt: at, problem: null });
      await t.recordAudit({
        entityType: 'bill',
        entityId: bill._id,
        action: 'billing.refund.success',
        actorUserId: d.requestedBy,
        at: now,
        detail: `微信支付已退款 ${yuan(d.amountFen)}（退款单 ${d._id}）`,
      });
      return 'credited';
    }
    if (outcome.status === 'CLOSED' || outcome.status === 'REFUSED') {
      const p = await t.payment(d.orderId);
      if (p && HOLDING.has(d.status))
        await t.updatePayment(p._id, { refundHeldFen: Math.max(0, (p.refundHeldFen ?? 0) - d.amountFen) });
      await t.updateRefund(d._id, {
        ...common,
        status: outcome.status === 'CLOSED' ? 'closed' : 'refused',
        problem:
          outcome.problem ?? (outcome.status === 'CLOSED' ? '微信支付关闭了这笔退款，款项未退出。' : null),
      });
      return 'updated';
    }
    const status: RefundStatusValue = outcome.status === 'ABNORMAL' ? 'abnormal' : 'processing';
    if (status === d.status && !outcome.notificationId && common.wechatRefundId === d.wechatRefundId)
      return 'duplicate';
    await t.updateRefund(d._id, {
      ...common,
      status,
      problem:
        status === 'abnormal'
          ? '退款异常：租户的收款账户无法入账（如银行卡已注销），请在微信支付商户平台发起异常退款处理。'
          : null,
    });
    return 'updated';
  });
}

/**
 * A verified REFUND.SUCCESS / REFUND.ABNORMAL / REFUND.CLOSED notification: checked against the refund we
 * asked for (number, order, amount), then applied once. Unknown or mismatched: recorded and refused (4xx),
 * so nothing is credited. A ledger that refuses the entry answers 500 so WeChat Pay delivers again.
 */
export async function handleRefundNotification(
  repo: BillingRepository,
  rt: Runtime,
  n: RefundNotification,
): Promise<HttpResult> {
  const json = (statusCode: number, body: unknown): HttpResult => ({
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const r = n.refund;
  const d = await repo.refund(r.out_refund_no);
  if (!d) {
    await recordEvent(repo, rt, { kind: 'rejected', reason: 'unknown-refund', refundNo: r.out_refund_no });
    return json(400, { code: 'FAIL', message: '退款单不存在' });
  }
  if (r.out_trade_no !== d.orderId || r.amount.refund !== d.amountFen) {
    await recordEvent(repo, rt, {
      kind: 'rejected',
      reason: 'refund-mismatch',
      refundNo: d._id,
      expectedFen: d.amountFen,
      notifiedFen: r.amount.refund,
    });
    rt.log.log('error', 'refund notification does not match', { refundNo: d._id });
    return json(400, { code: 'FAIL', message: '退款信息不符' });
  }
  let result: Awaited<ReturnType<typeof applyRefundOutcome>>;
  try {
    result = await applyRefundOutcome(repo, rt, d._id, {
      status: r.refund_status,
      wechatRefundId: r.refund_id,
      successTime: r.success_time,
      notificationId: n.id,
    });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    await recordEvent(repo, rt, { kind: 'unrecordable', refundNo: d._id, reason: err.message });
    rt.log.log('error', 'refund could not be recorded', { refundNo: d._id });
    return json(500, { code: 'FAIL', message: '入账失败' });
  }
  await recordEvent(repo, rt, {
    kind: result === 'credited' ? 'refund-credited' : result === 'updated' ? 'refund-updated' : 'duplicate',
    refundNo: d._id,
    orderId: d.orderId,
    notificationId: n.id,
    event: n.event_type,
  });
  return { statusCode: 204, headers: {}, body: '' };
}

async function myRefund(repo: BillingRepository, ctx: ServiceContext, refundNo: string): Promise<RefundDoc> {
  const scope = staffScope(ctx);
  return found(await repo.refund(refundNo), (d) => inScope(scope, d.projectId));
}

/** `billing.refundStatus`: sends a refund WeChat Pay never answered again, or asks how it stands. */
export async function refundStatus(
  repo: BillingRepository,
  input: In<'billing', 'refundStatus'>,
  ctx: ServiceContext,
): Promise<RefundView> {
  const d = await myRefund(repo, ctx, input.refundNo);
  const rt = ctx.rt;
  try {
    if (d.status === 'requested') await submit(repo, rt, d);
    else if (d.status === 'processing' || d.status === 'abnormal') {
      if (d.status === 'processing' && rt.payments.sandboxSettleRefund) {
        // Local sandbox: WeChat Pay finishes the refund now and posts its REFUND.SUCCESS notification, which
        // goes through the same verification and the same handler as production's. Already finished there
        // (its notification still on the way): the query below finds it.
        try {
          const n = await rt.payments.sandboxSettleRefund(d._id, 'SUCCESS');
          const verified = verifyAnyNotification(await rt.payments.verifier(), n);
          if (verified.kind === 'refund') await handleRefundNotification(repo, rt, verified.notification);
        } catch (err) {
          if (!(err instanceof WechatPayError)) throw err;
        }
      }
      const current = (await repo.refund(d._id)) as RefundDoc;
      if (current.status === 'processing' || current.status === 'abnormal') {
        const provider = await rt.payments.provider();
        const r = await provider.queryRefund(d._id);
        if (r)
          await applyRefundOutcome(repo, rt, d._id, {
            status: r.status,
            wechatRefundId: r.refund_id,
            successTime: r.success_time,
          });
      }
    }
  } catch (err) {
    if (err instanceof WechatPayError)
      throw new AppError('UNAVAILABLE', '暂时无法向微信支付查询退款状态，请稍后再试。');
    throw err;
  }
  return refundView(repo, (await repo.refund(d._id)) as RefundDoc);
}

/** `billing.refunds`: newest first; the office sees every project's, a manager their projects'. */
export async function listRefunds(
  repo: BillingRepository,
  input: In<'billing', 'refunds'>,
  ctx: ServiceContext,
): Promise<RefundView[]> {
  const scope = staffScope(ctx);
  const docs = input.orderId
    ? (await repo.refundsOf(input.orderId)).filter((d) => inScope(scope, d.projectId))
    : await repo.refundsIn(scope);
  docs.sort((a, b) => (a.requestedAt < b.requestedAt ? 1 : a.requestedAt > b.requestedAt ? -1 : 0));
  return Promise.all(docs.slice(0, 200).map((d) => refundView(repo, d)));
}

/** The WeChat Pay order an overpayment entry came from (`over-<orderId>-<billId>`, orders.ts). */
const OVERPAID_ORDER = /^over-(AJ[0-9a-f]{28})-/;

/** `billing.refundCandidates`: bills paid through WeChat Pay with money to give back (多缴待退). */
export async function refundCandidates(
  repo: BillingRepository,
  ctx: ServiceContext,
): Promise<RefundCandidate[]> {
  const scope = staffScope(ctx);
  const out: RefundCandidate[] = [];
  for (const bill of await repo.overpaidBills(scope)) {
    const toRefund = -balanceOf(bill).balanceFen;
    if (toRefund <= 0) continue;
    const orderId = (bill.entries ?? [])
      .map((e) =>
        e.kind === 'overpayment' && e.method === 'wechat' ? OVERPAID_ORDER.exec(e.id)?.[1] : undefined,
      )
      .find((id) => id !== undefined);
    if (!orderId) continue;
    const order = await repo.payment(orderId);
    if (!order) continue;
    const refunds = await repo.refundsOf(orderId);
    const pending = refunds
      .filter((r) => r.billId === bill._id)
      .filter((r) => r.status === 'requested' || r.status === 'processing' || r.status === 'abnormal')
      .reduce((sum, r) => sum + r.amountFen, 0);
    const [household, unit, project] = await Promise.all([
      repo.household(bill.householdId),
      repo.unit(bill.unitId),
      repo.project(bill.projectId),
    ]);
    out.push({
      billId: bill._id,
      orderId,
      period: bill.period,
      householdName: household?.headName ?? '',
      unitLabel: unit?.label ?? '',
      projectName: project?.name ?? '',
      toRefundFen: toRefund,
      pendingFen: pending,
      orderRefundableFen: Math.max(0, order.amountFen - (order.refundHeldFen ?? 0)),
    });
  }
  return out.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
}

/**
 * Part of the `payment-reconcile` timer: refunds WeChat Pay never answered are sent again (same number, so
 * refunded once) and refunds still processing after 5 minutes are queried, in case a notification was lost.
 * Stops between refunds once the slice is spent; the next firing continues.
 */
export async function reconcileRefunds(
  repo: BillingRepository,
  rt: Runtime,
  slice?: { spent(): boolean; leaveForNext(): void },
): Promise<{ checked: number; finished: number }> {
  const cutoff = new Date(rt.now().getTime() - 5 * 60_000).toISOString();
  const pending = await repo.unfinishedRefundsUntil(cutoff);
  let checked = 0;
  let finished = 0;
  for (const d of pending) {
    if (checked > 0 && slice?.spent()) {
      slice.leaveForNext();
      break;
    }
    checked++;
    try {
      if (d.status === 'requested') await submit(repo, rt, d);
      else {
        const r = await (await rt.payments.provider()).queryRefund(d._id);
        if (r)
          await applyRefundOutcome(repo, rt, d._id, {
            status: r.status,
            wechatRefundId: r.refund_id,
            successTime: r.success_time,
          });
      }
      const now = await repo.refund(d._id);
      if (now && now.status !== 'requested' && now.status !== 'processing') finished++;
    } catch (err) {
      rt.log.log('warn', 'refund reconcile failed', {
        refundNo: d._id,
        error: err instanceof Error ? err.name : '',
      });
    }
  }
  return { checked, finished };
}
