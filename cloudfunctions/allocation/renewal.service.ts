import { AppError } from '@shared/errors';
import { CLAUSE } from '@shared/policy/clauses';
import { addMonths } from '@shared/rules/dates';
import { renewalStatus } from '@shared/rules/lease.rule';
import { found } from '../_runtime/access';
import type { In, ServiceContext } from '../_runtime/handler';
import type { AllocationRepository } from './allocation.repository';
import { callerHousehold } from './registration.service';

/**
 * 续租申请 (乌兰察布 第二十一条: 应当在租期届满3个月前提出续租申请). Accepted while the renewal window is open;
 * refused before it opens and after the due date (a lease that expires without an application is an exit
 * trigger, Art. 32(5)). One application per lease term, so a retry returns the same one.
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
  const existing = await repo.renewal(id);
  if (existing)
    return {
      id,
      status: 'submitted' as const,
      submittedAt: existing.submittedAt,
      dueBy,
      endDate: lease.endDate,
    };
  const today = ctx.rt.now().toISOString().slice(0, 10);
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
  return { id, status: 'submitted' as const, submittedAt, dueBy, endDate: lease.endDate };
}
