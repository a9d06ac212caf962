import { AppError } from '@shared/errors';
import { chinaDate } from '@shared/rules/dates';
import { found, hasRole, isAdmin, notFound, requireUser } from '../_runtime/access';
import type { In, ServiceContext } from '../_runtime/handler';
import type { HouseholdDoc } from '../_runtime/documents';
import type { CaseContactRepository } from './case-contact.repository';

const OPEN_REPAIR = ['submitted', 'accepted', 'assigned', 'in_progress', 'reopened'];
const CLOSED_EXIT = ['vacated', 'closed_no_exit'];

/** Who the tenant is and which case the call is about (the audit entry names the case, never the number). */
interface Reached {
  householdId: string;
  /** The repair's reporter, when the case is a repair (their own phone before the household's). */
  reporterUserId: string | null;
  what: string;
}

/**
 * 联系租户 (issue #19): the tenant's phone for the staff handling that tenant's open case, to dial it
 * (Taro.makePhoneCall) — pages never print it. A repair: its assigned worker or a manager of the project; a
 * household behind on rent: a manager of the project; a hazard in a home: a manager or volunteer of the
 * project; an exit case: the housing office. Anyone else, or a closed case, gets the same NOT_FOUND, and
 * only an answered call is audited (who, which case; not the number).
 */
export async function caseContact(
  repo: CaseContactRepository,
  input: In<'account', 'caseContact'>,
  ctx: ServiceContext,
) {
  const me = requireUser(ctx);
  const mine = (projectId: string, ...roles: ('manager' | 'volunteer')[]) =>
    hasRole(ctx, ...roles) && (me.projectIds ?? []).includes(projectId);
  let reached: Reached;
  if ('repairId' in input) {
    const r = found(
      await repo.repair(input.repairId),
      (r) =>
        OPEN_REPAIR.includes(r.status) &&
        ((hasRole(ctx, 'worker') && r.workerUserId === me._id) || mine(r.projectId, 'manager')),
    );
    reached = { householdId: r.householdId, reporterUserId: r.userId, what: '报修' };
  } else if ('leaseId' in input) {
    const lease = found(
      await repo.lease(input.leaseId),
      (l) => l.status === 'active' && mine(l.projectId, 'manager'),
    );
    if (!(await repo.hasOverdueBill(lease._id, chinaDate(ctx.rt.now().getTime())))) notFound();
    reached = { householdId: lease.householdId, reporterUserId: null, what: '欠租' };
  } else if ('hazardId' in input) {
    const hazard = found(
      await repo.hazard(input.hazardId),
      (h) => h.status !== 'closed' && h.unitId !== null && mine(h.projectId, 'manager', 'volunteer'),
    );
    // The household living in the unit now.
    const lease = found(
      await repo.activeLeaseOfUnit(hazard.unitId as string),
      undefined,
      '该房屋目前没有租户。',
    );
    reached = { householdId: lease.householdId, reporterUserId: null, what: '隐患整改' };
  } else {
    const exit = found(
      await repo.exitCase(input.exitCaseId),
      (c) => isAdmin(ctx) && !CLOSED_EXIT.includes(c.state),
    );
    reached = { householdId: exit.householdId, reporterUserId: null, what: '退出案件' };
  }
  const [reporter, household] = await Promise.all([
    reached.reporterUserId ? repo.user(reached.reporterUserId) : Promise.resolve(null),
    repo.household(reached.householdId),
  ]);
  const phone = reporter?.phone || household?.phone || '';
  if (!phone) throw new AppError('NOT_FOUND', '该租户没有登记电话。');
  await repo.audit({
    entityType: 'household',
    entityId: reached.householdId,
    action: 'contact_called',
    actorUserId: me._id,
    at: ctx.rt.now().toISOString(),
    detail: `工作人员为${reached.what}联系租户（取用电话拨打）`,
  });
  return { name: reporter?.name || (household as HouseholdDoc | null)?.headName || '', phone };
}
