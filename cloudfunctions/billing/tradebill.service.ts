import { DIFFERENCE_LABELS, type BillDifference } from '@shared/contracts/billing.contract';
import { AppError } from '@shared/errors';
import { addDays, chinaDate, chinaDayStart } from '@shared/rules/dates';
import ExcelJS from 'exceljs';
import { requireRole } from '../_runtime/access';
import { writeExport } from '../_runtime/exports';
import type { In, ServiceContext } from '../_runtime/handler';
import type { JobSlice } from '../_runtime/job-slice';
import { sliceThrough } from '../_runtime/job-state';
import type { Runtime } from '../_runtime/runtime';
import type { BillingRepository, DifferenceDoc } from './billing.repository';
import { WechatPayError, type TradeBill } from './wechatpay/wechatpay.port';

/**
 * Daily reconciliation against WeChat Pay's trade bill (申请交易账单 GET /v3/bill/tradebill, bill_type ALL;
 * WeChat Pay makes the bill of a day after 10:00 the next day and keeps three months:
 * https://pay.weixin.qq.com/docs/merchant/apis/mini-program-payment/get-trade-bill.html). The file is trusted
 * through the SHA-1 of the signed answer (wechatpay.ts `downloadTradeBill`).
 *
 * Each payment row is matched with the order credited in the ledger (by out_trade_no) and each refund row
 * with the refund recorded (by out_refund_no), both ways: paid at WeChat Pay but not in the ledger, in the
 * ledger but not in WeChat Pay's bill, and amounts that differ. Every difference is stored under
 * `<day>|<kind>|<number>`, so a rerun stores it once, and listed for the office (page 对账差异).
 */

export const TRADE_BILL_JOB = 'trade-bill-reconcile';
const COUNTS = ['rows', 'differences'] as const;

/** One thing to compare: a payment or a refund, by its number, with what each side says. */
interface Item {
  key: string;
  kind: 'pay' | 'refund';
  orderId: string;
  refundNo: string | null;
  wechatFen: number | null;
  /** The ledger's amount, or null when the ledger has nothing for it that day. */
  ledgerFen: number | null;
  householdId: string | null;
}

/** The UTC instants of a Beijing day: [start, end). */
function dayRange(day: string): { from: string; to: string } {
  const start = chinaDayStart(day);
  return { from: new Date(start).toISOString(), to: new Date(start + 86_400_000).toISOString() };
}

async function itemsOf(repo: BillingRepository, rt: Runtime, day: string): Promise<Item[]> {
  const provider = await rt.payments.provider();
  const bill: TradeBill | null = await provider.downloadTradeBill(day);
  const { from, to } = dayRange(day);
  const paid = await repo.paymentsPaidBetween(from, to);
  const refunded = await repo.refundsSucceededBetween(from, to);
  const items = new Map<string, Item>();
  for (const row of bill?.rows ?? []) {
    if (row.outRefundNo) {
      const key = `refund|${row.outRefundNo}`;
      const prev = items.get(key);
      items.set(key, {
        key,
        kind: 'refund',
        orderId: row.outTradeNo,
        refundNo: row.outRefundNo,
        wechatFen: (prev?.wechatFen ?? 0) + row.refundFen,
        ledgerFen: null,
        householdId: null,
      });
    } else if (row.tradeState === 'SUCCESS' || row.tradeState === 'REFUND') {
      const key = `pay|${row.outTradeNo}`;
      items.set(key, {
        key,
        kind: 'pay',
        orderId: row.outTradeNo,
        refundNo: null,
        wechatFen: row.settledFen,
        ledgerFen: null,
        householdId: null,
      });
    }
  }
  for (const p of paid) {
    const key = `pay|${p._id}`;
    const it = items.get(key);
    items.set(key, {
      key,
      kind: 'pay',
      orderId: p._id,
      refundNo: null,
      wechatFen: it?.wechatFen ?? null,
      ledgerFen: p.amountFen,
      householdId: p.householdId,
    });
  }
  for (const r of refunded) {
    const key = `refund|${r._id}`;
    const it = items.get(key);
    items.set(key, {
      key,
      kind: 'refund',
      orderId: r.orderId,
      refundNo: r._id,
      wechatFen: it?.wechatFen ?? null,
      ledgerFen: r.amountFen,
      householdId: r.householdId,
    });
  }
  // A row at WeChat Pay whose ledger record falls on the neighbouring Beijing day (a notification credited
  // after midnight) is looked up by its number before it is called missing.
  for (const it of items.values()) {
    if (it.ledgerFen !== null || it.wechatFen === null) continue;
    if (it.kind === 'pay') {
      const p = await repo.payment(it.orderId);
      if (p?.status === 'paid') {
        it.ledgerFen = p.amountFen;
        it.householdId = p.householdId;
      } else if (p) it.householdId = p.householdId;
    } else {
      const r = await repo.refund(it.refundNo as string);
      if (r?.status === 'success') it.ledgerFen = r.amountFen;
      if (r) it.householdId = r.householdId;
    }
  }
  return [...items.values()];
}

function differenceOf(day: string, it: Item, at: string): DifferenceDoc | null {
  const pay = it.kind === 'pay';
  let kind: DifferenceDoc['kind'] | null = null;
  if (it.ledgerFen === null) kind = pay ? 'paid_not_in_ledger' : 'refund_not_in_ledger';
  else if (it.wechatFen === null) kind = pay ? 'in_ledger_not_paid' : 'refund_in_ledger_not_at_wechat';
  else if (it.wechatFen !== it.ledgerFen) kind = pay ? 'amount_mismatch' : 'refund_amount_mismatch';
  if (!kind) return null;
  return {
    _id: `${day}|${kind}|${it.refundNo ?? it.orderId}`,
    billDate: day,
    kind,
    orderId: it.orderId,
    refundNo: it.refundNo,
    wechatFen: it.wechatFen,
    ledgerFen: it.ledgerFen,
    householdId: it.householdId,
    foundAt: at,
  };
}

/**
 * Reconciles one day. The timer (`trade-bill-reconcile`, mornings after WeChat Pay made yesterday's bill)
 * works in slices with its cursor in `job_state` (one run per day); the office's button reruns a day whole
 * and replaces that day's differences with what it finds now.
 */
export async function reconcileTradeBillDay(
  repo: BillingRepository,
  rt: Runtime,
  day: string,
  opts: { slice: JobSlice; stateless?: boolean },
): Promise<{ billDate: string; status: 'done' | 'no_bill' | 'running'; rows: number; differences: number }> {
  const at = rt.now().toISOString();
  let items: Item[] | null = null;
  const load = async () => (items ??= await itemsOf(repo, rt, day));
  const found = new Set<string>();
  const { counts, state } = await sliceThrough<Item>({
    states: repo.jobs,
    job: TRADE_BILL_JOB,
    runKey: day,
    at,
    slice: opts.slice,
    items: load,
    key: (it) => it.key,
    countNames: COUNTS,
    batchSize: 200,
    stateless: opts.stateless,
    process: async (it, c) => {
      c.rows = (c.rows ?? 0) + 1;
      const d = differenceOf(day, it, at);
      if (!d) return;
      found.add(d._id);
      await repo.setDifference(d);
      c.differences = (c.differences ?? 0) + 1;
    },
  });
  if (opts.stateless) {
    // The office's rerun: differences of that day that are no longer there (credited since) go.
    for (const old of await repo.differencesBetween(day, day))
      if (!found.has(old._id)) await repo.removeDifference(old._id);
  }
  const running = state !== null && state.status !== 'done';
  return {
    billDate: day,
    status: running ? 'running' : (items ?? []).length === 0 && counts.rows === 0 ? 'no_bill' : 'done',
    rows: counts.rows ?? 0,
    differences: counts.differences ?? 0,
  };
}

/** Timer `trade-bill-reconcile`: yesterday's bill (Beijing days). */
export async function reconcileYesterday(repo: BillingRepository, rt: Runtime, slice: JobSlice) {
  const yesterday = addDays(chinaDate(rt.now().getTime()), -1);
  return reconcileTradeBillDay(repo, rt, yesterday, { slice });
}

/** `billing.reconcileTradeBill`: the office reconciles a day now (within WeChat Pay's three months). */
export async function reconcileTradeBill(
  repo: BillingRepository,
  input: In<'billing', 'reconcileTradeBill'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  const today = chinaDate(ctx.rt.now().getTime());
  if (input.billDate >= today)
    throw new AppError('RULE_VIOLATION', '只能对账今天以前的日期（微信支付次日生成账单）。');
  if (input.billDate < addDays(today, -92))
    throw new AppError('RULE_VIOLATION', '微信支付只提供三个月内的账单。');
  try {
    return await reconcileTradeBillDay(repo, ctx.rt, input.billDate, {
      slice: { spent: () => false, leaveForNext: () => undefined, unfinished: false },
      stateless: true,
    });
  } catch (err) {
    if (err instanceof WechatPayError)
      throw new AppError('UNAVAILABLE', `暂时无法下载微信支付账单，请稍后再试（${err.code}）。`);
    throw err;
  }
}

/** `billing.billDifferences`: the differences of bill dates in [from, to] (default: the last 31 days). */
export async function billDifferences(
  repo: BillingRepository,
  input: In<'billing', 'billDifferences'>,
  ctx: ServiceContext,
): Promise<BillDifference[]> {
  requireRole(ctx, 'admin');
  const today = chinaDate(ctx.rt.now().getTime());
  const to = input.to ?? today;
  const from = input.from ?? addDays(to, -31);
  if (from > to) throw new AppError('INVALID_INPUT', '开始日期不能晚于结束日期。');
  const docs = await repo.differencesBetween(from, to);
  const names = new Map<string, string>();
  for (const d of docs)
    if (d.householdId && !names.has(d.householdId))
      names.set(d.householdId, (await repo.household(d.householdId))?.headName ?? '');
  return docs
    .sort((a, b) => (a.billDate < b.billDate ? 1 : a.billDate > b.billDate ? -1 : a._id < b._id ? -1 : 1))
    .slice(0, 500)
    .map((d) => ({
      id: d._id,
      billDate: d.billDate,
      kind: d.kind,
      kindLabel: DIFFERENCE_LABELS[d.kind],
      orderId: d.orderId,
      refundNo: d.refundNo,
      wechatFen: d.wechatFen,
      ledgerFen: d.ledgerFen,
      householdName: d.householdId ? (names.get(d.householdId) ?? '') : '',
      foundAt: d.foundAt,
    }));
}

/** `billing.exportDifferences`: the listed differences as 对账差异-<from>-<to>.xlsx (amounts in yuan). */
export async function exportDifferences(
  repo: BillingRepository,
  input: In<'billing', 'exportDifferences'>,
  ctx: ServiceContext,
) {
  const rows = await billDifferences(repo, input, ctx);
  const today = chinaDate(ctx.rt.now().getTime());
  const to = input.to ?? today;
  const from = input.from ?? addDays(to, -31);
  const book = new ExcelJS.Workbook();
  book.creator = '安居';
  const sheet = book.addWorksheet('对账差异');
  sheet.addRow([
    '账单日期',
    '差异',
    '承租人',
    '商户订单号',
    '商户退款单号',
    '微信支付（元）',
    '账本（元）',
    '发现时间',
  ]).font = { bold: true };
  const yuan = (fen: number | null) => (fen === null ? '' : fen / 100);
  for (const d of rows)
    sheet.addRow([
      d.billDate,
      d.kindLabel,
      d.householdName,
      d.orderId,
      d.refundNo ?? '',
      yuan(d.wechatFen),
      yuan(d.ledgerFen),
      d.foundAt,
    ]);
  sheet.columns.forEach((c) => (c.width = 20));
  return writeExport(ctx, {
    fileName: `微信支付对账差异-${from}-${to}.xlsx`,
    name: `trade-bill-differences-${from}-${to}`,
    book,
  });
}
