import { moneyRefusal } from '@shared/rules/district-settings.rule';
import { idFromClient } from '../_runtime/ids';
import ExcelJS from 'exceljs';
import type { ArrearsRow, BillView, PaymentView } from '@shared/contracts/billing.contract';
import { AppError } from '@shared/errors';
import {
  arrearsExitClause,
  arrearsExitRule,
  arrearsTriggersExit,
  BILL_STATUS_LABELS,
  addFen,
  billBalance,
  billCountsAsArrears,
  billDueDate,
  billLines,
  firstMonthProration,
  LEDGER_KIND_LABELS,
  ledgerRefusal,
  renewedRentApplies,
  sumFen,
} from '@shared/rules/billing.rule';
import { chinaDate } from '@shared/rules/dates';
import { HOUSEHOLD_CATEGORY_LABELS } from '@shared/rules/household';
import { quoteSubsidy } from '@shared/rules/subsidy.rule';
import { found, hasRole, inScope, notFound, requireRole, requireUser, staffScope } from '../_runtime/access';
import { writeExport } from '../_runtime/exports';
import type { PolicyPreset } from '@shared/policy/policy-preset';
import { cite } from '@shared/policy/sources';
import type { BillDoc, LeaseDoc, LedgerEntryDoc } from '../_runtime/documents';
import type { UserDoc } from '../_runtime/caller';
import type { In, ServiceContext } from '../_runtime/handler';
import { sliceFor, type JobSlice } from '../_runtime/job-slice';
import { sliceThrough } from '../_runtime/job-state';
import { maskPhone } from '../_runtime/mask';
import type { Runtime } from '../_runtime/runtime';
import type { BillingRepository, RunDoc } from './billing.repository';
import { balanceOf, billDocProblem, receiptNumber, receiptOf, withEntry } from './ledger';
import { closeOrder } from './orders';
import { WechatPayError } from './wechatpay/wechatpay.port';

export type { RunDoc } from './billing.repository';

/** China time (UTC+8, no daylight saving): the calendar rent is billed and due in. */
export const chinaPeriod = (d: Date) => chinaDate(d.getTime()).slice(0, 7);

export function entryViews(bill: BillDoc) {
  const charge = {
    id: `charge-${bill._id}`,
    billId: bill._id,
    period: bill.period,
    kind: 'charge' as const,
    kindLabel: LEDGER_KIND_LABELS.charge,
    deltaFen: bill.amountFen,
    method: '系统',
    reason: `${bill.period} 月租金`,
    at: bill.createdAt,
    receiptNo: null,
  };
  return [
    charge,
    ...(bill.entries ?? []).map((e) => ({
      id: e.id,
      billId: bill._id,
      period: bill.period,
      kind: e.kind,
      kindLabel: LEDGER_KIND_LABELS[e.kind],
      deltaFen: e.deltaFen,
      method: e.method === 'wechat' ? '微信支付' : e.method === 'offline' ? '线下' : '系统',
      reason: e.reason,
      at: e.at,
      receiptNo: receiptOf(e),
    })),
  ];
}

/** The receipt of a payment recorded at the counter: the same view (and numbering) as a WeChat Pay one. */
export function offlineReceipt(bill: BillDoc, e: LedgerEntryDoc): PaymentView {
  return {
    orderId: e.id,
    method: 'offline',
    methodLabel: '线下缴费',
    amountFen: -e.deltaFen,
    status: 'paid',
    statusLabel: '已支付',
    bills: [{ billId: bill._id, period: bill.period, amountFen: -e.deltaFen }],
    createdAt: e.at,
    paidAt: e.at,
    transactionId: null,
    receiptNo: receiptOf(e),
    note: e.reason,
  };
}

export function billView(
  bill: BillDoc,
  ctx: { unitLabel: string; projectName: string; today: string; pendingOrderId?: string | null },
): BillView {
  const b = balanceOf(bill);
  return {
    id: bill._id,
    leaseId: bill.leaseId,
    period: bill.period,
    unitLabel: ctx.unitLabel,
    projectName: ctx.projectName,
    dueDate: bill.dueDate,
    chargedFen: b.chargedFen,
    paidFen: b.paidFen,
    balanceFen: b.balanceFen,
    status: b.status,
    statusLabel: BILL_STATUS_LABELS[b.status],
    overdue: b.balanceFen > 0 && bill.dueDate < ctx.today,
    lines: bill.lines ?? [],
    pendingOrderId: ctx.pendingOrderId ?? null,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The monthly run

const runId = (period: string) => `billing-run-${period}`;
/** How many refused leases a run lists by name (the count is always exact). */
const MAX_REFUSED_LISTED = 100;

export function runView(period: string, run: RunDoc | null) {
  return run
    ? {
        period,
        status: run.status,
        leasesTotal: run.leasesTotal,
        leasesProcessed: run.leasesProcessed,
        billsCreated: run.billsCreated,
        billsExisting: run.billsExisting,
        billsRefused: run.billsRefused ?? 0,
        refused: run.refused ?? [],
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
      }
    : {
        period,
        status: 'not_started' as const,
        leasesTotal: 0,
        leasesProcessed: 0,
        billsCreated: 0,
        billsExisting: 0,
        billsRefused: 0,
        refused: [],
        startedAt: null,
        finishedAt: null,
      };
}

/**
 * The rent a signed renewal fixed for `period`, as the bill's rent line: from the new term's first month on
 * (`lease.nextRent`, written when the tenant signs the renewal contract online), saying it comes from the
 * renewal contract; null before it or without a renewal (the rules' rent then).
 */
export function renewedRent(lease: LeaseDoc, period: string, policy: PolicyPreset) {
  const next = lease.nextRent;
  if (!next || !renewedRentApplies(period, next)) return null;
  return {
    monthlyRentFen: next.monthlyRentFen,
    label: '租金（续租合同约定）',
    clause: `续租合同约定，${next.fromDate} 起执行（${cite(policy, 'lease.renewal')}）`,
  };
}

/**
 * Creates every active lease's bill for `period` (乌兰察布 第二十一、二十二条 rent; 惠州 subsidy; utilities).
 * Idempotent: a bill's id is `bill-<lease>-<period>` and the unique (lease, period) index backs it up; a
 * bill that exists is left alone. Resumable: leases are taken in `_id` order in batches and the run
 * document keeps the cursor and counts, written after each batch, so a crash half-way and a rerun give
 * exactly the same set of bills. A finished run that is started again (by the office, `rescan`) rescans for
 * leases added since; the timer leaves a finished run alone.
 *
 * Sliced (job-slice.ts): between batches it asks `slice.spent()`, and once the slice's budget is spent it
 * returns the run still `running` with its cursor saved (`slice.leaveForNext()`); the next slice continues.
 */
export async function runMonthlyBilling(
  repo: BillingRepository,
  rt: Runtime,
  period: string,
  opts: {
    batchSize?: number;
    onProgress?: (run: RunDoc) => void;
    slice?: JobSlice;
    /** Start a finished run over (the office's button), rather than leave it alone (the timer). */
    rescan?: boolean;
  } = {},
): Promise<RunDoc> {
  const batchSize = opts.batchSize ?? 500;
  const startedAt = rt.now().toISOString();
  let run = await repo.run(runId(period));
  if (run?.status === 'done' && opts.rescan === false) return run;
  // The version of the district's values in force on the period's first day; never the module's examples.
  const policy = await repo.policyOn(rt.policy, `${period}-01`);
  const refusal = moneyRefusal(policy, 'billing');
  if (refusal) {
    rt.log.log('error', 'billing run refused: example values', { period });
    throw new AppError('RULE_VIOLATION', refusal);
  }
  if (!run || run.status === 'done') {
    const leasesTotal = await repo.countActiveLeases();
    run = {
      _id: runId(period),
      kind: 'billing-run',
      period,
      status: 'running',
      cursor: '',
      leasesTotal,
      leasesProcessed: 0,
      billsCreated: 0,
      billsExisting: 0,
      billsRefused: 0,
      refused: [],
      startedAt,
      finishedAt: null,
    };
    const { _id, ...rest } = run;
    await repo.setRun(_id, rest);
  }
  const projects = new Map((await repo.projects()).map((p) => [p._id, p]));
  for (;;) {
    const leases = await repo.activeLeasesAfter(run.cursor, batchSize);
    if (leases.length === 0) break;
    const existing = await repo.existingBillIds(leases.map((l) => `bill-${l._id}-${period}`));
    // Units and households only for the leases still without this month's bill (a rerun reads none).
    const todo = leases.filter((l) => !existing.has(`bill-${l._id}-${period}`));
    const units = await repo.unitsByIds(todo.map((l) => l.unitId));
    const households = await repo.householdsByIds(todo.map((l) => l.householdId));
    const createdAt = rt.now().toISOString();
    // Every bill of the batch is made today: its due date is this one, or its lease's start if later
    // (billDueDate, with the date arithmetic done once per batch rather than per lease).
    const dueBy = billDueDate({ period, leaseStartDate: '', madeOn: chinaDate(rt.now().getTime()) }, policy);
    const fresh: BillDoc[] = [];
    const refused: { leaseId: string; reason: string }[] = [];
    for (const lease of todo) {
      const id = `bill-${lease._id}-${period}`;
      // A lease that starts after the month or ended before it is not billed for it.
      if (lease.startDate.slice(0, 7) > period || lease.endDate.slice(0, 7) < period) continue;
      const unit = units.get(lease.unitId);
      const household = households.get(lease.householdId);
      if (!unit || !household) continue; // broken references are reported by the count below
      // Each bill is checked before it is written: its figures within the bookkeeping limits
      // (ledgerRefusal) and its shape (billDocProblem). A lease whose bill fails gets none, and the run
      // names it; the other leases are billed.
      let computed: ReturnType<typeof billLines>;
      try {
        computed = billLines(
          {
            marketRentFen: unit.monthlyRentFen,
            monthlyIncomePerPersonFen: Math.round(household.annualIncomeFen / 12 / household.size),
            specialHardship: household.priority.seriousIllnessOrDisabilityWithoutIncome,
            purchasedShare: 0,
            category: household.category,
            persons: household.size,
            ownedAreaPerPersonM2: household.ownedHomeAreaM2 / household.size,
            utilities: projects.get(lease.projectId)?.utilities ?? [],
            contractRent: renewedRent(lease, period, policy),
          },
          policy,
        );
      } catch (err) {
        refused.push({ leaseId: lease._id, reason: err instanceof Error ? err.message : '租金计算失败' });
        continue;
      }
      // The month a lease starts in (运营方设定 billing.firstMonthRent): the days before it are taken off.
      const proration = firstMonthProration(period, lease.startDate, computed.amountFen, policy);
      const lines = proration ? [...computed.lines, proration] : computed.lines;
      const amountFen = computed.amountFen + (proration?.amountFen ?? 0);
      const dueDate = lease.startDate > dueBy ? lease.startDate : dueBy;
      const bill: BillDoc = {
        _id: id,
        leaseId: lease._id,
        householdId: lease.householdId,
        projectId: lease.projectId,
        buildingId: unit.buildingId,
        unitId: unit._id,
        period,
        amountFen,
        lines,
        entries: [],
        status: amountFen === 0 ? 'paid' : 'unpaid',
        dueDate,
        createdAt,
      };
      const problem = billDocProblem(bill) ?? ledgerRefusal(bill.amountFen, [])?.message ?? null;
      if (problem) {
        refused.push({ leaseId: lease._id, reason: problem });
        continue;
      }
      fresh.push(bill);
    }
    for (const r of refused) rt.log.log('error', 'bill refused', { period, ...r });
    if (fresh.length > 0) await repo.addBills(fresh);
    run = {
      ...run,
      cursor: (leases[leases.length - 1] as LeaseDoc)._id,
      leasesProcessed: run.leasesProcessed + leases.length,
      billsCreated: run.billsCreated + fresh.length,
      billsExisting: run.billsExisting + existing.size,
      billsRefused: (run.billsRefused ?? 0) + refused.length,
      refused: [...(run.refused ?? []), ...refused].slice(0, MAX_REFUSED_LISTED),
    };
    await repo.updateRun(run._id, {
      cursor: run.cursor,
      leasesProcessed: run.leasesProcessed,
      billsCreated: run.billsCreated,
      billsExisting: run.billsExisting,
      billsRefused: run.billsRefused,
      refused: run.refused,
    });
    opts.onProgress?.(run);
    if (leases.length < batchSize) break;
    if (opts.slice?.spent()) {
      opts.slice.leaveForNext();
      rt.log.log('info', 'billing run slice', { period, processed: run.leasesProcessed });
      return run;
    }
  }
  run = { ...run, status: 'done', finishedAt: rt.now().toISOString() };
  await repo.updateRun(run._id, { status: 'done', finishedAt: run.finishedAt });
  rt.log.log('info', 'billing run', {
    period,
    processed: run.leasesProcessed,
    created: run.billsCreated,
    existing: run.billsExisting,
  });
  return run;
}

/** The housing office starts a month's run (or resumes one that stopped). */
export async function runMonthly(
  repo: BillingRepository,
  input: In<'billing', 'runMonthly'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  // One slice, like a timer run: a run that does not finish in it is continued by the monthly timer's next
  // firing (or by pressing again).
  return runView(
    input.period,
    await runMonthlyBilling(repo, ctx.rt, input.period, { slice: sliceFor(ctx.rt), rescan: true }),
  );
}

export async function runStatus(
  repo: BillingRepository,
  input: In<'billing', 'runStatus'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin', 'manager');
  return runView(input.period, await repo.run(runId(input.period)));
}

// ---------------------------------------------------------------------------------------------------------
// Reminders

/** Tenants read (with their open bills) per page of the reminder run. */
const REMINDER_PAGE = 200;

/**
 * Rent-due and overdue reminders (timer `daily-rent-reminders`): a tenant with an open bill due within
 * `billing.reminderDaysBefore` days gets one rent-due reminder per period; a tenant with overdue bills gets
 * one overdue reminder per period. Outbox dedupe keys make reruns harmless.
 *
 * Sliced: the day's run (`job_state` `daily-rent-reminders|<day>`) goes through the tenants in `_id` order,
 * a page at a time with their open bills, and keeps its cursor; a slice stops when its budget is spent, the
 * next continues, and a run that finds the day done sends nothing.
 */
export async function sendRentReminders(
  repo: BillingRepository,
  rt: Runtime,
  slice: JobSlice | null = null,
): Promise<{ dueSoon: number; overdue: number }> {
  const today = chinaDate(rt.now().getTime());
  // The district's reminder days in force today (its saved version over the preset).
  const policy = await repo.policyOn(rt.policy, today);
  const soon = chinaDate(rt.now().getTime() + policy.billing.reminderDaysBefore.value * 86_400_000);
  const byHousehold = new Map<string, BillDoc[]>();
  const period = chinaPeriod(rt.now());
  const { counts } = await sliceThrough({
    states: repo.jobs,
    job: 'daily-rent-reminders',
    runKey: today,
    at: rt.now().toISOString(),
    slice: slice ?? sliceFor(rt),
    stateless: slice === null,
    countNames: ['dueSoon', 'overdue'],
    key: (user: UserDoc) => user._id,
    page: async (after): Promise<UserDoc[]> => {
      const users = await repo.tenantsAfter(after, REMINDER_PAGE);
      byHousehold.clear();
      const households = users.map((u) => u.householdId).filter((h): h is string => Boolean(h));
      for (const b of await repo.openBillsOfHouseholdsDueBy(households, soon))
        byHousehold.set(b.householdId, [...(byHousehold.get(b.householdId) ?? []), b]);
      return users;
    },
    process: (user, n) => remindTenant(user, n),
  });
  return { dueSoon: counts.dueSoon ?? 0, overdue: counts.overdue ?? 0 };

  async function remindTenant(user: { _id: string; householdId?: string | null }, n: Record<string, number>) {
    const bills = byHousehold.get(user.householdId ?? '') ?? [];
    const late = bills.filter((b) => b.dueDate < today);
    const coming = bills.filter((b) => b.dueDate >= today);
    const owed = (list: BillDoc[]) => sumFen(list.map((b) => balanceOf(b).balanceFen));
    if (late.length > 0) {
      const r = await rt.messages.enqueue({
        toUserId: user._id,
        template: 'rent_overdue',
        title: '租金已逾期',
        body: `您有 ${late.length} 个月租金逾期未缴，共 ${(owed(late) / 100).toFixed(2)} 元。累计欠租 ${rt.policy.exit.arrearsMonths} 个月将按规定收回住房（${arrearsExitClause(rt.policy)}），请尽快缴纳。`,
        dedupeKey: `rent-overdue|${user._id}|${period}`,
        fields: {
          what: `${late.length} 个月租金逾期`,
          amount: `${(owed(late) / 100).toFixed(2)}元`,
          note: `累计欠租 ${rt.policy.exit.arrearsMonths} 个月将收回住房，请尽快缴纳`,
        },
        link: { page: 'bills', id: null },
      });
      if (r.queued) n.overdue = (n.overdue ?? 0) + 1;
    }
    for (const b of coming) {
      const r = await rt.messages.enqueue({
        toUserId: user._id,
        template: 'rent_due',
        title: '租金即将到期',
        body: `${b.period} 月租金 ${(balanceOf(b).balanceFen / 100).toFixed(2)} 元，请于 ${b.dueDate} 前缴纳。`,
        dedupeKey: `rent-due|${user._id}|${b.period}`,
        fields: {
          what: `${b.period} 月租金`,
          amount: `${(balanceOf(b).balanceFen / 100).toFixed(2)}元`,
          dueDate: b.dueDate,
          note: '可在安居小程序在线缴纳',
        },
        link: { page: 'bill', id: b._id },
      });
      if (r.queued) n.dueSoon = (n.dueSoon ?? 0) + 1;
    }
  }
}

/** Staff send today's reminders now (the timer does it daily). */
export async function remind(repo: BillingRepository, ctx: ServiceContext) {
  requireRole(ctx, 'admin', 'manager');
  return sendRentReminders(repo, ctx.rt);
}

// ---------------------------------------------------------------------------------------------------------
// Managers

export async function arrearsList(
  repo: BillingRepository,
  input: In<'billing', 'arrears'>,
  ctx: ServiceContext,
) {
  const rt = ctx.rt;
  const scope = staffScope(ctx);
  if (input.projectId && !inScope(scope, input.projectId)) notFound();
  const projectIds = input.projectId ? [input.projectId] : scope;
  const today = chinaDate(rt.now().getTime());
  // How arrears are counted is the district's setting in force today.
  const policy = await repo.policyOn(rt.policy, today);
  const bills = await repo.overdueBills(today, projectIds, input.buildingId);
  const byLease = new Map<string, BillDoc[]>();
  for (const b of bills) byLease.set(b.leaseId, [...(byLease.get(b.leaseId) ?? []), b]);
  const leases = await repo.leasesByIds([...byLease.keys()]);
  const households = await repo.householdsByIds(bills.map((b) => b.householdId));
  const units = await repo.unitsByIds(bills.map((b) => b.unitId));
  const buildings = await repo.buildingsOf(projectIds);
  const projects = new Map((await repo.projects()).map((p) => [p._id, p]));
  const buildingById = new Map(buildings.map((b) => [b._id, b]));
  const rows: ArrearsRow[] = [];
  for (const [leaseId, list] of byLease) {
    const first = list[0] as BillDoc;
    const owed = sumFen(list.map((b) => balanceOf(b).balanceFen));
    if (owed <= 0) continue;
    const months = list.filter((b) => billCountsAsArrears(balanceOf(b), policy)).length;
    const household = households.get(first.householdId);
    rows.push({
      leaseId,
      householdName: household?.headName ?? '',
      phone: household ? maskPhone(household.phone) : '',
      projectName: projects.get(first.projectId)?.name ?? '',
      buildingId: first.buildingId,
      buildingName: buildingById.get(first.buildingId)?.name ?? '',
      unitLabel: units.get(first.unitId)?.label ?? '',
      monthsOverdue: months,
      amountFen: owed,
      exitFlag: arrearsTriggersExit(months, policy) && leases.get(leaseId)?.status === 'active',
    });
  }
  rows.sort((a, b) => b.monthsOverdue - a.monthsOverdue || b.amountFen - a.amountFen);
  return {
    rows,
    totalFen: sumFen(rows.map((r) => r.amountFen)),
    exitRule: arrearsExitRule(policy),
    buildings: buildings
      .map((b) => ({ id: b._id, name: b.name, projectName: projects.get(b.projectId)?.name ?? '' }))
      .sort(
        (a, b) =>
          a.projectName.localeCompare(b.projectName, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'),
      ),
  };
}

export async function leaseLedger(
  repo: BillingRepository,
  input: In<'billing', 'ledger'>,
  ctx: ServiceContext,
) {
  const rt = ctx.rt;
  const scope = staffScope(ctx);
  const lease = found(await repo.lease(input.leaseId), (l) => inScope(scope, l.projectId));
  const [household, unit, project] = await Promise.all([
    repo.household(lease.householdId),
    repo.unit(lease.unitId),
    repo.project(lease.projectId),
  ]);
  const bills = await repo.billsOfLease(lease._id);
  const today = chinaDate(rt.now().getTime());
  const views = bills.map((b) =>
    billView(b, { unitLabel: unit?.label ?? '', projectName: project?.name ?? '', today }),
  );
  return {
    householdName: household?.headName ?? '',
    unitLabel: unit?.label ?? '',
    projectName: project?.name ?? '',
    balanceFen: sumFen(views.map((v) => Math.max(0, v.balanceFen))),
    refundDueFen: sumFen(views.map((v) => Math.max(0, -v.balanceFen))),
    monthsOverdue: views.filter((v) => v.overdue).length,
    bills: views,
    entries: bills.flatMap(entryViews).sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)),
  };
}

/**
 * An offline payment, adjustment, refund or waiver (managers of the lease's project; the office), with its
 * reason, in the bill's ledger and the audit log. Idempotent per request id. Refused, changing nothing: a
 * payment or waiver above what is owed, a refund above what was paid, and any entry after which the bill's
 * recomputed figures would leave the bookkeeping limits (`ledgerRefusal`: exact integers, a charge of 0 to
 * ¥1,000,000, never more waived than charged). The checks run before the write, never after.
 */
export async function recordEntry(
  repo: BillingRepository,
  input: In<'billing', 'recordEntry'>,
  ctx: ServiceContext,
) {
  const rt = ctx.rt;
  const scope = staffScope(ctx);
  const user = requireUser(ctx);
  const id = idFromClient('man', user._id, input.clientRequestId);
  const at = rt.now().toISOString();
  const amount = input.amountFen;
  if (input.kind !== 'adjustment' && amount < 0) throw new AppError('INVALID_INPUT', '金额必须为正数。');
  const deltaFen = input.kind === 'payment' || input.kind === 'waiver' ? -amount : amount;
  const entry: LedgerEntryDoc = {
    id,
    kind: input.kind,
    deltaFen,
    method: 'offline',
    ref: input.clientRequestId,
    reason: input.reason,
    actorUserId: user._id,
    at,
    ...(input.kind === 'payment' ? { receiptNo: receiptNumber(at, id) } : {}),
  };
  // The bill with the entry, or the Chinese reason it is refused (checked before any order is closed, and
  // again in the transaction that writes it).
  const accept = (bill: BillDoc, paidOnline: boolean) => {
    let b: ReturnType<typeof balanceOf>;
    try {
      b = balanceOf(bill);
    } catch {
      throw new AppError('RULE_VIOLATION', '该账单的金额超出允许范围，无法记账，请联系住房保障部门核对。');
    }
    if ((input.kind === 'payment' || input.kind === 'waiver') && amount > b.balanceFen) {
      const owed = `${(Math.max(0, b.balanceFen) / 100).toFixed(2)} 元`;
      throw new AppError(
        'RULE_VIOLATION',
        paidOnline
          ? `租户已通过微信支付缴纳这张账单，现尚欠 ${owed}，未记录这笔${LEDGER_KIND_LABELS[input.kind]}。`
          : `金额超过该账单尚欠的 ${owed}。`,
      );
    }
    if (input.kind === 'refund' && amount > b.paidFen) {
      throw new AppError('RULE_VIOLATION', `退款不能超过已缴的 ${(b.paidFen / 100).toFixed(2)} 元。`);
    }
    return withEntry(bill, entry);
  };
  // An entry that lowers what is owed (a payment at the counter, a waiver, a lower charge) while a WeChat Pay
  // order for the bill is open would let the bill be paid twice: the order is closed through WeChat Pay
  // first. If WeChat Pay says the tenant paid meanwhile, that payment is credited and the entry is then
  // checked against what is still owed; if they are paying right now, the entry waits.
  let paidOnline = false;
  if (deltaFen < 0) {
    const current = found(await repo.bill(input.billId), (b) => inScope(scope, b.projectId));
    const retry = (current.entries ?? []).some((e) => e.id === id);
    if (!retry) accept(current, false); // a refused entry closes nobody's order
    for (const p of retry ? [] : await repo.createdPaymentsOf(current.householdId)) {
      if (!p.bills.some((b) => b.billId === current._id)) continue;
      let r: Awaited<ReturnType<typeof closeOrder>>;
      try {
        r = await closeOrder(repo, rt, p, 'offline-entry');
      } catch (err) {
        if (err instanceof WechatPayError)
          throw new AppError(
            'UNAVAILABLE',
            '租户有一笔在线支付未完成，暂时无法向微信支付确认，请稍后再记录。',
          );
        throw err;
      }
      if (r === 'pending') throw new AppError('CONFLICT', '租户正在用微信支付缴纳这张账单，请稍后再记录。');
      if (r === 'paid') paidOnline = true;
    }
  }
  await repo.runInTransaction(async (t) => {
    const bill = found(await t.bill(input.billId), (b) => inScope(scope, b.projectId));
    if ((bill.entries ?? []).some((e) => e.id === id)) return; // a retried submission
    if (deltaFen < 0 && bill.payingOrderId) {
      const holder = await t.payment(bill.payingOrderId);
      if (holder?.status === 'created')
        throw new AppError('CONFLICT', '租户刚刚发起了微信支付，请稍后再记录。');
    }
    const next = accept(bill, paidOnline);
    await t.updateBill(bill._id, { entries: next.entries, status: next.status });
    await t.recordAudit({
      entityType: 'bill',
      entityId: bill._id,
      action: `billing.${input.kind}`,
      actorUserId: user._id,
      at,
      detail: `${LEDGER_KIND_LABELS[input.kind]} ${(deltaFen / 100).toFixed(2)} 元：${input.reason}`,
    });
  });
  const bill = (await repo.bill(input.billId)) as BillDoc;
  const stored = (bill.entries ?? []).find((e) => e.id === id);
  const [unit, project] = await Promise.all([repo.unit(bill.unitId), repo.project(bill.projectId)]);
  return {
    bill: billView(bill, {
      unitLabel: unit?.label ?? '',
      projectName: project?.name ?? '',
      today: chinaDate(rt.now().getTime()),
    }),
    entries: entryViews(bill),
    receipt: stored?.kind === 'payment' ? offlineReceipt(bill, stored) : null,
  };
}

/** Rental subsidy payouts for a month (惠州 租赁补贴): subsidy households by the rules module; stopped ones listed. */
export async function subsidyPayouts(
  repo: BillingRepository,
  _input: In<'billing', 'subsidyPayouts'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  const rt = ctx.rt;
  const policy = await repo.policyOn(rt.policy, chinaDate(rt.now().getTime()));
  const refusal = moneyRefusal(policy, 'subsidy');
  if (refusal) throw new AppError('RULE_VIOLATION', refusal);
  const households = await repo.subsidyHouseholds();
  const leased = new Set(
    (await repo.activeLeasesOfHouseholds(households.map((h) => h._id))).map((l) => l.householdId),
  );
  const rows: {
    householdId: string;
    householdName: string;
    categoryLabel: string;
    persons: number;
    areaM2: number;
    monthlySubsidyFen: number;
    cappedByRent: boolean;
  }[] = [];
  const stopped: { householdId: string; householdName: string; reason: string }[] = [];
  for (const h of households) {
    const q = quoteSubsidy(
      {
        category: h.category,
        persons: h.size,
        ownedAreaPerPersonM2: h.ownedHomeAreaM2 / h.size,
        monthlyRentFen: h.marketHomeRentFen ?? 0,
        hasAllocatedUnit: leased.has(h._id),
      },
      policy,
    );
    if (!q.eligible || q.monthlySubsidyFen === 0) {
      stopped.push({
        householdId: h._id,
        householdName: h.headName,
        reason:
          q.reasons.map((r) => r.message).join(' ') ||
          (h.marketHomeRentFen ? '补贴为 0。' : '未登记市场租房租金，无法核定补贴。'),
      });
      continue;
    }
    rows.push({
      householdId: h._id,
      householdName: h.headName,
      categoryLabel: HOUSEHOLD_CATEGORY_LABELS[h.category],
      persons: h.size,
      areaM2: q.areaM2,
      monthlySubsidyFen: q.monthlySubsidyFen,
      cappedByRent: q.cappedByRent,
    });
  }
  return { rows, stopped, totalFen: sumFen(rows.map((r) => r.monthlySubsidyFen)) };
}

/** Month-end figures for a period: bills, arrears and subsidy payouts, as .xlsx. */
export async function exportMonth(
  repo: BillingRepository,
  input: In<'billing', 'exportMonth'>,
  ctx: ServiceContext,
) {
  const period = input.period;
  const scope = staffScope(ctx);
  const bills = await repo.billsOfPeriod(period, scope);
  const units = await repo.unitsByIds(bills.map((b) => b.unitId));
  const households = await repo.householdsByIds(bills.map((b) => b.householdId));
  const projects = new Map((await repo.projects()).map((p) => [p._id, p]));
  const book = new ExcelJS.Workbook();
  book.creator = '安居';
  const yuan = (fen: number) => fen / 100;
  const summary = book.addWorksheet('汇总');
  const sheet = book.addWorksheet('账单');
  sheet.addRow([
    '项目',
    '房号',
    '承租人',
    '账期',
    '应收（元）',
    '已收（元）',
    '未收（元）',
    '状态',
    '缴费截止',
  ]).font = {
    bold: true,
  };
  let charged = 0;
  let paid = 0;
  let owed = 0;
  for (const b of bills) {
    const bal = billBalance(b.amountFen, b.entries ?? []);
    charged = addFen(charged, bal.chargedFen);
    paid = addFen(paid, bal.paidFen);
    owed = addFen(owed, Math.max(0, bal.balanceFen));
    sheet.addRow([
      projects.get(b.projectId)?.name ?? '',
      units.get(b.unitId)?.label ?? '',
      households.get(b.householdId)?.headName ?? '',
      b.period,
      yuan(bal.chargedFen),
      yuan(bal.paidFen),
      yuan(bal.balanceFen),
      BILL_STATUS_LABELS[bal.status],
      b.dueDate,
    ]);
  }
  for (const c of [5, 6, 7]) sheet.getColumn(c).numFmt = '#,##0.00';
  sheet.columns.forEach((c) => (c.width = 14));
  const arrears = await arrearsList(repo, {}, ctx);
  const a = book.addWorksheet('欠租');
  a.addRow(['项目', '楼栋', '房号', '承租人', '电话', '欠租月数', '欠缴（元）', '启动退出程序']).font = {
    bold: true,
  };
  for (const r of arrears.rows) {
    a.addRow([
      r.projectName,
      r.buildingName,
      r.unitLabel,
      r.householdName,
      r.phone,
      r.monthsOverdue,
      yuan(r.amountFen),
      r.exitFlag ? `是（${arrearsExitClause(ctx.rt.policy)}）` : '',
    ]);
  }
  a.columns.forEach((c) => (c.width = 14));
  summary.addRow(['账期', period]);
  summary.addRow(['账单数', bills.length]);
  summary.addRow(['应收（元）', yuan(charged)]);
  summary.addRow(['已收（元）', yuan(paid)]);
  summary.addRow(['未收（元）', yuan(owed)]);
  summary.addRow(['欠租户数', arrears.rows.length]);
  summary.addRow([
    `累计欠租${ctx.rt.policy.exit.arrearsMonths}个月以上户数`,
    arrears.rows.filter((r) => r.exitFlag).length,
  ]);
  if (hasRole(ctx, 'admin')) {
    const payouts = await subsidyPayouts(repo, { period }, ctx);
    const s = book.addWorksheet('租赁补贴');
    s.addRow(['户主', '类别', '人口', '核定面积（㎡）', '月补贴（元）', '按租金封顶']).font = { bold: true };
    for (const r of payouts.rows)
      s.addRow([
        r.householdName,
        r.categoryLabel,
        r.persons,
        r.areaM2,
        yuan(r.monthlySubsidyFen),
        r.cappedByRent ? '是' : '',
      ]);
    s.addRow(['合计', '', '', '', yuan(payouts.totalFen), '']);
    summary.addRow(['租赁补贴发放（元）', yuan(payouts.totalFen)]);
  }
  summary.getColumn(1).width = 24;
  summary.getColumn(2).width = 16;
  return writeExport(ctx, { fileName: `租金月报-${period}.xlsx`, name: `billing-month-${period}`, book });
}
