import { COLLECTIONS } from '@shared/collections';
import type { allocationContract } from '@shared/contracts';
import { AppError } from '@shared/errors';
import { cite } from '@shared/policy/sources';
import { chinaDate } from '@shared/rules/dates';
import { renewalDates, renewalStatus } from '@shared/rules/lease.rule';
import type { z } from 'zod';
import type { LeaseDoc } from '../_runtime/documents';
import type { ServiceContext } from '../_runtime/handler';
import { recordAudit, type AllocationRepository } from './allocation.repository';
import { callerHousehold } from './registration.service';

type In<A extends keyof typeof allocationContract> = z.output<(typeof allocationContract)[A]['input']>;

/**
 * 续租申请 (乌兰察布 第二十一条: 应当在租期届满3个月前提出续租申请, or the district's own rule). Accepted until
 * the due date; the text sets no earliest day, so applications are accepted from the start of the lease
 * unless the district sets an opening (`lease.renewalOpensMonthsBefore`, its setting, off by default, named
 * as such when it refuses). Refused after the due date (a lease that expires without an application is an
 * exit trigger). One application per lease term, so a retry returns the same one. Dates are China dates.
 */
export async function applyRenewal(
  repo: AllocationRepository,
  input: In<'applyRenewal'>,
  ctx: ServiceContext,
) {
  const household = await callerHousehold(repo, ctx);
  const lease = (await repo.db.collection(COLLECTIONS.leases).doc(input.leaseId).get()).data[0] as
    LeaseDoc | undefined;
  if (!lease || lease.householdId !== household._id || lease.status !== 'active')
    throw new AppError('NOT_FOUND');
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
  const existing = (await repo.db.collection(COLLECTIONS.renewals).doc(id).get()).data[0] as
    { submittedAt: string } | undefined;
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
  await ctx.rt.db.runTransaction(async (tx) => {
    if ((await tx.collection(COLLECTIONS.renewals).doc(id).get()).data) return;
    await tx
      .collection(COLLECTIONS.renewals)
      .doc(id)
      .set({ leaseId: lease._id, householdId: household._id, status: 'submitted', submittedAt, dueBy });
    await recordAudit(tx, {
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
