import { COLLECTIONS } from '@shared/collections';
import type { DatabasePort } from '../_runtime/db';
import type { UserDoc } from '../_runtime/caller';
import { fetchAll } from '../_runtime/fetch-all';
import type {
  ApplicationDoc,
  BillDoc,
  HouseholdDoc,
  LeaseDoc,
  ProjectDoc,
  UnitDoc,
} from '../_runtime/documents';

/** Data access for the account function; the only place here that touches collections (docs/conventions.md §2). */
export function createAccountRepository(db: DatabasePort) {
  const _ = db.command;
  return {
    async createUser(user: Omit<UserDoc, '_id'>): Promise<UserDoc> {
      const res = await db.collection(COLLECTIONS.users).add(user);
      return { ...user, _id: String(res.id) };
    },
    async household(id: string): Promise<HouseholdDoc | null> {
      const res = await db.collection(COLLECTIONS.households).doc(id).get();
      return (res.data[0] as HouseholdDoc | undefined) ?? null;
    },
    async activeLease(householdId: string): Promise<LeaseDoc | null> {
      const res = await db
        .collection(COLLECTIONS.leases)
        .where({ householdId, status: 'active' })
        .limit(1)
        .get();
      return (res.data[0] as LeaseDoc | undefined) ?? null;
    },
    async unit(id: string): Promise<UnitDoc | null> {
      const res = await db.collection(COLLECTIONS.units).doc(id).get();
      return (res.data[0] as UnitDoc | undefined) ?? null;
    },
    async project(id: string): Promise<ProjectDoc | null> {
      const res = await db.collection(COLLECTIONS.projects).doc(id).get();
      return (res.data[0] as ProjectDoc | undefined) ?? null;
    },
    async projects(ids: string[] | 'all'): Promise<ProjectDoc[]> {
      const base = db.collection(COLLECTIONS.projects);
      const query = ids === 'all' ? base.where({}) : base.where({ _id: _.in(ids) });
      return fetchAll<ProjectDoc>(query.orderBy('_id', 'asc'));
    },
    async openBillsOfLease(leaseId: string): Promise<BillDoc[]> {
      return fetchAll<BillDoc>(
        db
          .collection(COLLECTIONS.bills)
          .where({ leaseId, status: _.in(['unpaid', 'partial']) })
          .orderBy('_id', 'asc'),
      );
    },
    async overdueBillsOfProject(projectId: string, today: string): Promise<BillDoc[]> {
      return fetchAll<BillDoc>(
        db
          .collection(COLLECTIONS.bills)
          .where({ projectId, status: _.in(['unpaid', 'partial']), dueDate: _.lt(today) })
          .orderBy('_id', 'asc'),
      );
    },
    async countUnits(projectId: string, status?: UnitDoc['status']): Promise<number> {
      const res = await db
        .collection(COLLECTIONS.units)
        .where(status ? { projectId, status } : { projectId })
        .count();
      return res.total;
    },
    async applicationOf(householdId: string): Promise<ApplicationDoc | null> {
      const res = await db
        .collection(COLLECTIONS.applications)
        .where({ householdId })
        .orderBy('submittedAt', 'desc')
        .limit(1)
        .get();
      return (res.data[0] as ApplicationDoc | undefined) ?? null;
    },
    async countApplications(status: string): Promise<number> {
      const res = await db.collection(COLLECTIONS.applications).where({ status }).count();
      return res.total;
    },
    /** Home units of the volunteer's patrol stops this quarter still to visit (incl. second attempts). */
    async countOpenStops(volunteerUserId: string, quarter: string): Promise<number> {
      const counts = await Promise.all(
        (['to_visit', 'nobody_home'] as const).map(async (status) => {
          const res = await db
            .collection(COLLECTIONS.patrolStops)
            .where({ quarter, volunteerUserId, target: 'unit', status })
            .count();
          return res.total;
        }),
      );
      return counts.reduce((a, b) => a + b, 0);
    },
    /** Active special-care residents assigned to the volunteer (next due instant, not-reached flag). */
    async careOf(volunteerUserId: string) {
      const res = await db
        .collection(COLLECTIONS.careRegistry)
        .where({ volunteerUserId, active: true })
        .limit(200)
        .get();
      return res.data as { nextDueAt: string; notReachedSince: string | null }[];
    },
  };
}

export type AccountRepository = ReturnType<typeof createAccountRepository>;
