import { COLLECTIONS } from '@shared/collections';
import type { allocationContract } from '@shared/contracts';
import { AppError } from '@shared/errors';
import { CLAUSE } from '@shared/policy/clauses';
import { addMonths, chinaDate } from '@shared/rules/dates';
import { renewalStatus } from '@shared/rules/lease.rule';
import type { z } from 'zod';
import type { LeaseDoc } from '../_runtime/documents';
import type { ServiceContext } from '../_runtime/handler';
import { recordAudit, type AllocationRepository } from './allocation.repository';
import { callerHousehold } from './registration.service';

type In<A extends keyof typeof allocationContract> = z.output<(typeof allocationContract)[A]['input']>;

/**
 * 续租申请 (乌兰察布 第二十一条: 应当在租期届满3个月前提出续租申请). Accepted while the renewal window is open;
 * refused before it opens and after the due date (a lease that expires without an application is an exit
 * trigger, Art. 32(5)). One application per lease term, so a retry returns the same one.
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
  const months = ctx.rt.policy.lease.renewalNoticeMonths;
  const dueBy = addMonths(lease.endDate, -months);
  const term = {
    startDate: lease.startDate,
    endDate: lease.endDate,
    years: 0,
    renewalDueBy: dueBy,
    renewalOpensOn: addMonths(dueBy, -months),
  };
  const id = `renewal-${lease._id}-${lease.endDate}`;
  const existing = (await repo.db.collection(COLLECTIONS.renewals).doc(id).get()).data[0] as
    { submittedAt: string } | undefined;
  if (existing)
    return {
      id,
      status: 'submitted' as const,
      submittedAt: existing.submittedAt,
      dueBy,
      endDate: lease.endDate,
    };
  const today = chinaDate(ctx.rt.now().getTime()); // the tenant's calendar day
  const status = renewalStatus(term, today);
  if (status === 'not_yet')
    throw new AppError('STATE_INVALID', `续租申请将于 ${term.renewalOpensOn} 开放，须在 ${dueBy} 前提出。`);
  if (status !== 'open') {
    throw new AppError(
      'RULE_VIOLATION',
      `已超过续租申请期限（${dueBy}，租期届满3个月前），请联系住房保障部门（${CLAUSE.U_ART21}、${CLAUSE.U_ART32}(五)）。`,
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
  return { id, status: 'submitted' as const, submittedAt, dueBy, endDate: lease.endDate };
}
