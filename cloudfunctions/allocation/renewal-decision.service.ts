import ExcelJS from 'exceljs';
import type { RenewalRow } from '@shared/contracts';
import { AppError } from '@shared/errors';
import { cite } from '@shared/policy/sources';
import { addDays, addMonths, chinaDate } from '@shared/rules/dates';
import { checkEligibility } from '@shared/rules/eligibility.rule';
import { renewalDates } from '@shared/rules/lease.rule';
import { requireRole } from '../_runtime/access';
import type { LeaseDoc, RenewalDoc, UnitDoc } from '../_runtime/documents';
import { writeExport } from '../_runtime/exports';
import type { In, ServiceContext } from '../_runtime/handler';
import { sliceFor, type JobSlice } from '../_runtime/job-slice';
import { sliceThrough } from '../_runtime/job-state';
import type { Runtime } from '../_runtime/runtime';
import { draftContract } from './contract.service';
import { withoutId, type ExitCaseRepository } from './exit-case.repository';
import { monthlyIncomePerPerson, policyToday } from './registration.service';

/**
 * The office's renewal decisions (乌兰察布 第二十一条: 合同期届满需要续租的, 应当在租期届满3个月前提出续租申请,
 * 经审核符合条件的, 准予续租). The office sees leases ending soon by due date, with or without an application,
 * and the rules module's eligibility check today (income, housing). Approval sets a new term (from the day
 * after the lease ends) and the rent tier quoted today, and drafts the contract the tenant signs online like a
 * round's (`lease-contract.service.ts`); refusal names the clause and the consequence (move out when the
 * lease ends). Both are audited and the tenant is told. Households that have not applied are told before the
 * due date by the daily timer `daily-renewal-reminders` (and the office's button).
 */

const STATUS_LABELS: Record<RenewalRow['status'], string> = {
  not_applied: '未申请续租',
  submitted: '已申请，待审核',
  approved: '已同意续租，待签约',
  refused: '不予续租',
  signed: '已签订续租合同',
};

/** Days before the due date a household that has not applied is told (and again in the last week). */
export const RENEWAL_REMINDER_DAYS = [30, 7] as const;

const renewalIdOf = (lease: Pick<LeaseDoc, '_id' | 'endDate'>) => `renewal-${lease._id}-${lease.endDate}`;

async function eligibilityOf(repo: ExitCaseRepository, lease: LeaseDoc, ctx: ServiceContext, day: string) {
  const household = await repo.household(lease.householdId);
  if (!household) return null;
  const result = checkEligibility(
    {
      category: household.category,
      applicantBirthDate: household.applicantBirthDate,
      members: household.size,
      monthlyIncomePerPersonFen: monthlyIncomePerPerson(household),
      ownedHomeAreaM2: household.ownedHomeAreaM2,
      employmentMonths: household.employmentMonths,
      rentsLowRentUnit: household.rentsLowRentUnit,
      // The unit being renewed is the one the household rents: it is not another unit.
      publicRentalUnits: 0,
      lastDisqualifiedOn: household.lastDisqualifiedOn,
    },
    await policyToday(repo, ctx),
    day,
  );
  return { household, result };
}

async function row(
  repo: ExitCaseRepository,
  lease: LeaseDoc,
  renewal: RenewalDoc | null,
  ctx: ServiceContext,
  day: string,
): Promise<RenewalRow> {
  const dates = renewalDates(lease.endDate, ctx.rt.policy);
  const unit = await repo.unit(lease.unitId);
  const project = await repo.project(lease.projectId);
  const check =
    renewal?.status === 'submitted' || !renewal ? await eligibilityOf(repo, lease, ctx, day) : null;
  const household = check?.household ?? (await repo.household(lease.householdId));
  const status: RenewalRow['status'] = renewal ? renewal.status : 'not_applied';
  return {
    leaseId: lease._id,
    renewalId: renewal?._id ?? null,
    householdName: household?.headName ?? '',
    projectName: project?.name ?? '',
    unitLabel: unit?.label ?? '',
    endDate: lease.endDate,
    dueBy: dates.renewalDueBy,
    status,
    statusLabel: STATUS_LABELS[status],
    overdue:
      status === 'not_applied' ? day > dates.renewalDueBy : status === 'submitted' && day > lease.endDate,
    eligible: check ? check.result.eligible : null,
    reasons: check ? check.result.reasons.map((r) => `${r.message}（${r.clause}）`) : [],
    monthlyRentFen: lease.monthlyRentFen,
    newStartDate: renewal?.newStartDate ?? null,
    newEndDate: renewal?.newEndDate ?? null,
    newMonthlyRentFen: renewal?.newMonthlyRentFen ?? null,
    contractId: renewal?.contractId ?? null,
    moveOutBy: renewal?.moveOutBy ?? null,
  };
}

/** Active leases ending within `withinMonths` (default 6) or with an application, by due date. */
export async function listRenewals(
  repo: ExitCaseRepository,
  input: In<'allocation', 'listRenewals'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  const day = chinaDate(ctx.rt.now().getTime());
  const horizon = addMonths(day, input.withinMonths ?? 6);
  const rows: RenewalRow[] = [];
  for (const lease of await repo.activeLeases()) {
    const renewal = await repo.renewal(renewalIdOf(lease));
    if (!renewal && lease.endDate > horizon) continue;
    const r = await row(repo, lease, renewal, ctx, day);
    if (input.status && input.status !== 'all' && r.status !== input.status) continue;
    rows.push(r);
  }
  rows.sort((a, b) => a.dueBy.localeCompare(b.dueBy) || a.unitLabel.localeCompare(b.unitLabel, 'zh-CN'));
  return rows;
}

export async function exportRenewals(repo: ExitCaseRepository, ctx: ServiceContext) {
  const rows = await listRenewals(repo, { withinMonths: 12, status: 'all' }, ctx);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('续租');
  sheet.columns = [
    { header: '户主', key: 'householdName', width: 10 },
    { header: '项目', key: 'projectName', width: 16 },
    { header: '房号', key: 'unitLabel', width: 12 },
    { header: '租期届满', key: 'endDate', width: 12 },
    { header: '申请期限', key: 'dueBy', width: 12 },
    { header: '状态', key: 'statusLabel', width: 16 },
    { header: '资格复核', key: 'check', width: 40 },
  ];
  for (const r of rows)
    sheet.addRow({
      ...r,
      check: r.eligible === null ? '' : r.eligible ? '符合条件' : r.reasons.join('；'),
    });
  const day = chinaDate(ctx.rt.now().getTime());
  return writeExport(ctx, { fileName: `续租名单-${day}.xlsx`, name: `renewals-${day}`, book });
}

/**
 * Approve or refuse a submitted application. Approval is refused while the rules module finds the household
 * no longer eligible (the office refuses instead, and may open an exit case). The same decision again
 * returns the row; a different one after deciding is refused.
 */
export async function decideRenewal(
  repo: ExitCaseRepository,
  input: In<'allocation', 'decideRenewal'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  const renewal = await repo.renewal(input.renewalId);
  if (!renewal) throw new AppError('NOT_FOUND', '未找到该续租申请。');
  const lease = (await repo.lease(renewal.leaseId)) as LeaseDoc;
  const day = chinaDate(ctx.rt.now().getTime());
  const wanted = input.approve ? 'approved' : 'refused';
  if (renewal.status === wanted || (input.approve && renewal.status === 'signed'))
    return row(repo, lease, renewal, ctx, day);
  if (renewal.status !== 'submitted')
    throw new AppError('STATE_INVALID', `该续租申请已处理（${STATUS_LABELS[renewal.status]}）。`);
  if (lease.status !== 'active') throw new AppError('STATE_INVALID', '该租约已终止。');
  const policy = ctx.rt.policy;
  const now = ctx.rt.now().toISOString();
  const actor = ctx.caller.user?._id ?? '';
  const userId = await repo.userIdOfHousehold(lease.householdId);

  if (!input.approve) {
    if (!input.reason) throw new AppError('INVALID_INPUT', '不予续租须写明理由。');
    const clause = cite(policy, 'exit.renewalRefused');
    await repo.runExitTransaction(async (t) => {
      const fresh = await t.renewal(renewal._id);
      if (fresh?.status !== 'submitted') return;
      await t.setRenewal(renewal._id, {
        ...withoutId(fresh),
        status: 'refused',
        decidedAt: now,
        decidedBy: actor,
        reason: input.reason ?? null,
        clause,
        moveOutBy: lease.endDate,
      });
      await t.recordAudit({
        entityType: 'contract',
        entityId: lease._id,
        action: 'renewal_refused',
        actorUserId: actor,
        at: now,
        detail: `不予续租（${clause}），应于 ${lease.endDate} 租期届满时退房。理由：${input.reason}`,
      });
    });
    if (userId)
      await ctx.rt.messages.enqueue({
        toUserId: userId,
        template: 'general',
        title: '续租审核结果',
        body: `您的续租申请未获批准，请于 ${lease.endDate} 租期届满时退房。理由：${input.reason}`,
        dedupeKey: `renewal:${renewal._id}:refused`,
        fields: { title: '续租审核结果', body: '续租申请未获批准' },
        link: { page: 'index', id: null },
      });
    return row(repo, lease, (await repo.renewal(renewal._id)) as RenewalDoc, ctx, day);
  }

  const check = await eligibilityOf(repo, lease, ctx, day);
  if (!check) throw new AppError('NOT_FOUND');
  if (!check.result.eligible)
    throw new AppError(
      'RULE_VIOLATION',
      `复核不符合保障条件，不能同意续租：${check.result.reasons.map((r) => `${r.message}（${r.clause}）`).join(' ')}`,
    );
  const unit = (await repo.unit(lease.unitId)) as UnitDoc;
  const project = await repo.project(lease.projectId);
  if (!project) throw new AppError('NOT_FOUND');
  const contract = await draftContract(repo, ctx, {
    household: check.household,
    unit,
    project,
    start: addDays(lease.endDate, 1),
    years: input.years ?? policy.lease.minTermYears,
    registrationId: renewal._id,
    leaseId: lease._id,
    kind: 'renewal',
  });
  const rentFen = contract.monthlyRentFen;
  const contractId = `c-${renewal._id}`;
  await repo.runExitTransaction(async (t) => {
    const fresh = await t.renewal(renewal._id);
    if (fresh?.status !== 'submitted') return;
    if (!(await t.contract(contractId))) await t.setContract(contractId, contract);
    await t.setRenewal(renewal._id, {
      ...withoutId(fresh),
      status: 'approved',
      decidedAt: now,
      decidedBy: actor,
      reason: input.reason ?? null,
      clause: cite(policy, 'lease.renewal'),
      newStartDate: contract.startDate,
      newEndDate: contract.endDate,
      newMonthlyRentFen: rentFen,
      contractId,
    });
    await t.recordAudit({
      entityType: 'contract',
      entityId: lease._id,
      action: 'renewal_approved',
      actorUserId: actor,
      at: now,
      detail: `同意续租（${cite(policy, 'lease.renewal')}）：${contract.startDate} 至 ${contract.endDate}，月租 ${(rentFen / 100).toFixed(2)} 元，待承租人在线签约`,
    });
  });
  if (userId)
    await ctx.rt.messages.enqueue({
      toUserId: userId,
      template: 'general',
      title: '续租审核结果',
      body: `您的续租申请已通过，新租期 ${contract.startDate} 至 ${contract.endDate}，请在安居小程序中阅读并签订续租合同。`,
      dedupeKey: `renewal:${renewal._id}:approved`,
      fields: { title: '续租审核结果', body: '续租申请已通过，请签约' },
      link: { page: 'index', id: null },
    });
  return row(repo, lease, (await repo.renewal(renewal._id)) as RenewalDoc, ctx, day);
}

/**
 * Tells each household whose lease is due for a renewal application within `RENEWAL_REMINDER_DAYS` and that
 * has not applied: once when the first reminder day is reached, once more in the last week (outbox dedupe
 * keys per lease term and stage). The timer runs it in slices (`job_state`
 * `daily-renewal-reminders|<day>`); the office's button makes one pass.
 */
export async function remindRenewals(repo: ExitCaseRepository, rt: Runtime, slice: JobSlice | null = null) {
  const now = rt.now();
  const day = chinaDate(now.getTime());
  const [first, last] = RENEWAL_REMINDER_DAYS;
  const { counts } = await sliceThrough({
    states: repo.jobs,
    job: 'daily-renewal-reminders',
    runKey: day,
    at: now.toISOString(),
    slice: slice ?? sliceFor(rt),
    stateless: slice === null,
    countNames: ['checked', 'told'],
    key: (l: LeaseDoc) => l._id,
    items: () => repo.activeLeases(),
    process: async (lease, n) => {
      n.checked = (n.checked ?? 0) + 1;
      const dueBy = renewalDates(lease.endDate, rt.policy).renewalDueBy;
      if (day > dueBy || addDays(day, first) < dueBy) return;
      if (await repo.renewal(renewalIdOf(lease))) return;
      const userId = await repo.userIdOfHousehold(lease.householdId);
      if (!userId) return;
      const stage = addDays(day, last) >= dueBy ? last : first;
      const { queued } = await rt.messages.enqueue({
        toUserId: userId,
        template: 'general',
        title: '续租申请提醒',
        body: `您的公租房租期将于 ${lease.endDate} 届满，如需续租，请在 ${dueBy} 前在安居小程序中提出续租申请。`,
        dedupeKey: `renewal-remind:${lease._id}:${lease.endDate}:${stage}`,
        fields: { title: '续租申请提醒', body: `请在${dueBy}前申请续租` },
        link: { page: 'index', id: null },
      });
      if (queued) n.told = (n.told ?? 0) + 1;
    },
  });
  return { told: counts.told ?? 0 };
}
