import { AppError } from '@shared/errors';
import { cite } from '@shared/policy/sources';
import { chinaDate } from '@shared/rules/dates';
import { renewalDates, renewalStatus } from '@shared/rules/lease.rule';
import { found } from '../_runtime/access';
import type { In, ServiceContext } from '../_runtime/handler';
import type { AllocationRepository } from './allocation.repository';
import { callerHousehold } from './registration.service';

/**
 * 续租申请 (乌兰察布 第二十一条: 应当在租期届满3个月前提出续租申请, or the district's own rule). Accepted until
 * the due date; the text sets no earliest day, so applications are accepted from the start of the lease
 * unless the district sets an opening (`lease.renewalOpensMonthsBefore`, its setting, off by default, named
 * as such when it refuses). Refused after the due date (a lease that expires without an application is an
 * exit trigger). One application per lease term, so a retry returns the same one. Dates are China dates.
 */
export async function applyRenewal(
  repo: AllocationRepository,
  input: In<'allocation', 'applyRenewal'>,
  ctx: ServiceContext,
) {
  const household = await callerHousehold(repo, ctx);
  const lease = found(
    await repo.lease(input.leaseId),
    (l) => l.householdId === household._id && l.status === 'active',
  );
  const policy = ctx.rt.policy;
  const dates = renewalDates(lease.endDate, policy);
  const dueBy = dates.renewalDueBy;
  const id = `renewal-${lease._id}-${lease.endDate}`;
  const answer = (submittedAt: string) => ({
    id,
    status: 'submitted' as const,
    submittedAt,
    dueBy,
    endDate: lease.endDate,
    clause: dates.dueClause,
  });
  const existing = await repo.renewal(id);
  if (existing) return answer(existing.submittedAt);
  const today = chinaDate(ctx.rt.now().getTime());
  const status = renewalStatus({ endDate: lease.endDate, ...dates }, today);
  if (status === 'not_yet')
    throw new AppError(
      'STATE_INVALID',
      `续租申请将于 ${dates.renewalOpensOn} 开始受理（${dates.opensClause}），须在 ${dueBy} 前提出（${dates.dueClause}）。`,
    );
  if (status !== 'open') {
    throw new AppError(
      'RULE_VIOLATION',
      `已超过续租申请期限（${dueBy}，租期届满${policy.lease.renewalNoticeMonths}个月前），请联系住房保障部门（${dates.dueClause}；${cite(policy, 'exit.expired')}）。`,
    );
  }
  const submittedAt = ctx.rt.now().toISOString();
  await repo.runInTransaction(async (t) => {
    if (await t.renewal(id)) return;
    await t.setRenewal(id, {
      leaseId: lease._id,
      householdId: household._id,
      status: 'submitted',
      submittedAt,
      dueBy,
    });
    await t.recordAudit({
      entityType: 'contract',
      entityId: lease._id,
      action: 'renewal_applied',
      actorUserId: ctx.caller.user?._id ?? '',
      at: submittedAt,
      detail: `申请续租（租期至 ${lease.endDate}，申请期限 ${dueBy}）`,
    });
  });
  return answer(submittedAt);
}
