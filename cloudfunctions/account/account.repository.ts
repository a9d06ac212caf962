import { COLLECTIONS } from '@shared/collections';
import { AppError } from '@shared/errors';
import type { DatabasePort } from '../_runtime/db';
import { docsByIds, fetchAll } from '../_runtime/fetch-all';
import { jobStates } from '../_runtime/job-state';
import {
  policyOn,
  policyVersions,
  savePolicyVersion,
  type PolicyVersionDoc,
} from '../_runtime/policy-versions';
import type { PolicyPreset } from '@shared/policy/policy-preset';
import {
  loadWorkingCalendar,
  provisionalDeadlines,
  recomputeProvisionalDeadlines,
  recountDeadline,
  type ProvisionalDeadline,
} from '../_runtime/working-calendar';
import type { WorkingCalendar } from '@shared/rules/working-days.rule';
import type {
  ApplicationDoc,
  AuditDoc,
  BillDoc,
  HolidayCalendarDoc,
  HouseholdDoc,
  LeaseDoc,
  ProjectDoc,
  UnitDoc,
} from '../_runtime/documents';

/** Data access for the account function; the only place here that touches collections (docs/conventions.md §2). */
export function createAccountRepository(db: DatabasePort) {
  const _ = db.command;
  return {
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
      if (ids === 'all') return fetchAll<ProjectDoc>(db, COLLECTIONS.projects);
      const found = await docsByIds<ProjectDoc>(db, COLLECTIONS.projects, ids);
      return [...found.values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
    },
    async openBillsOfLease(leaseId: string): Promise<BillDoc[]> {
      return fetchAll<BillDoc>(db, COLLECTIONS.bills, { leaseId, status: _.in(['unpaid', 'partial']) });
    },
    async overdueBillsOfProject(projectId: string, today: string): Promise<BillDoc[]> {
      return fetchAll<BillDoc>(db, COLLECTIONS.bills, {
        projectId,
        status: _.in(['unpaid', 'partial']),
        dueDate: _.lt(today),
      });
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
    /** The working-day calendar in force (dataset + the office's entered years). */
    workingCalendar: () => loadWorkingCalendar(db),
    /** Recounts every provisional working-day deadline with `calendar` and stores the result. */
    recountDeadlines: (calendar: WorkingCalendar) => recomputeProvisionalDeadlines(db, calendar),
    provisionalDeadlines: () => provisionalDeadlines(db),
    recountDeadline: (calendar: WorkingCalendar, item: ProvisionalDeadline, counts: Record<string, number>) =>
      recountDeadline(db, calendar, item, counts),
    /** Timer jobs' progress (job-state.ts). */
    jobs: jobStates(db),
    /** The district's saved policy versions, oldest first (settings page). */
    policyVersions: () => policyVersions(db),
    /** The policy in force on `day`: the preset with the version effective that day on top. */
    policyOn: (preset: PolicyPreset, day: string) => policyOn(db, preset, day),
    /** Saves a policy version with its audit entry; a retried save (same id) writes nothing. */
    savePolicyVersion: (doc: PolicyVersionDoc, audit: Omit<AuditDoc, '_id'>) =>
      savePolicyVersion(db, doc, audit),
    async holidayCalendar(year: number): Promise<HolidayCalendarDoc | null> {
      const res = await db.collection(COLLECTIONS.holidayCalendars).doc(String(year)).get();
      return (res.data[0] as HolidayCalendarDoc | undefined) ?? null;
    },
    /** Saves a year's arrangement (replacing an earlier entry of it) and its audit entry, together. */
    async saveHolidayCalendar(doc: HolidayCalendarDoc, audit: Omit<AuditDoc, '_id'>): Promise<void> {
      await db.runTransaction(async (tx) => {
        const { _id, ...fields } = doc;
        await tx.collection(COLLECTIONS.holidayCalendars).doc(_id).set(fields);
        await tx.collection(COLLECTIONS.auditLog).add(audit);
      });
    },
    /** Re-reviews waiting for an answer, with the head of each household's name (office view). */
    async pendingReReviews(): Promise<{ app: ApplicationDoc; headName: string }[]> {
      const apps = await fetchAll<ApplicationDoc>(db, COLLECTIONS.applications, {
        'reReview.status': 'pending',
      });
      const households = await docsByIds<HouseholdDoc>(
        db,
        COLLECTIONS.households,
        apps.map((a) => a.householdId),
      );
      return apps.map((app) => ({ app, headName: households.get(app.householdId)?.headName ?? '' }));
    },
    /**
     * Records a re-review request on an application, in a transaction that re-reads it: the decision
     * `decide` takes is made on the stored state, so two taps cannot both record one.
     */
    async requestReReview(
      id: string,
      decide: (app: ApplicationDoc) => ApplicationDoc['reReview'] | 'unchanged',
      audit: (app: ApplicationDoc) => Omit<AuditDoc, '_id'>,
    ): Promise<void> {
      await db.runTransaction(async (tx) => {
        const app = (await tx.collection(COLLECTIONS.applications).doc(id).get())
          .data as ApplicationDoc | null;
        if (!app) throw new AppError('NOT_FOUND');
        const reReview = decide(app);
        if (reReview === 'unchanged') return;
        await tx.collection(COLLECTIONS.applications).doc(id).update({ reReview });
        await tx.collection(COLLECTIONS.auditLog).add(audit(app));
      });
    },
  };
}

export type AccountRepository = ReturnType<typeof createAccountRepository>;
