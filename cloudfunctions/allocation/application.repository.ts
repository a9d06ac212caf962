import { COLLECTIONS } from '@shared/collections';
import type { ReviewState } from '@shared/rules/review.rule';
import type { UserDoc } from '../_runtime/caller';
import type { DatabasePort } from '../_runtime/db';
import type { ApplicationDoc, AuditDoc, HouseholdDoc, IdAccessDoc } from '../_runtime/documents';
import { docsByIds, fetchAll } from '../_runtime/fetch-all';
import { jobStates } from '../_runtime/job-state';
import { appendAudit, docsOf, type Writer } from '../_runtime/repository';
import { loadWorkingCalendar } from '../_runtime/working-calendar';

/** `household_bindings/<householdId>` as people.repository.ts keeps it (the head who applied online). */
interface BindingDoc {
  _id: string;
  headUserId: string | null;
  memberUserIds: string[];
  updatedAt: string;
}

/** Single-document reads and writes, the same on the database and inside a transaction. */
function applicationDocuments(w: Writer) {
  const applications = docsOf<ApplicationDoc>(w, COLLECTIONS.applications);
  const households = docsOf<HouseholdDoc>(w, COLLECTIONS.households);
  const users = docsOf<UserDoc>(w, COLLECTIONS.users);
  const bindings = docsOf<BindingDoc>(w, COLLECTIONS.householdBindings);
  return {
    application: applications.get,
    setApplication: applications.set,
    updateApplication: (id: string, patch: Partial<ApplicationDoc>) => applications.update(id, patch),
    household: households.get,
    setHousehold: households.set,
    updateHousehold: (id: string, patch: Partial<HouseholdDoc>) => households.update(id, patch),
    user: users.get,
    /** Links the applicant's user to the household their application made (as binding the head would). */
    async linkHead(userId: string, householdId: string, at: string): Promise<void> {
      await users.update(userId, { householdId, householdRelation: 'head' });
      await bindings.set(householdId, { headUserId: userId, memberUserIds: [], updatedAt: at });
    },
    /** Marks the user's latest application (the guard `submitApplication` compares in its transaction). */
    markApplied: (userId: string, applicationId: string) =>
      users.update(userId, { lastApplicationId: applicationId }),
    recordAudit: (entry: Omit<AuditDoc, '_id'>) => appendAudit(w, entry),
  };
}
export type ApplicationDocuments = ReturnType<typeof applicationDocuments>;

/** Data access for applications under 三审三公示 (docs/conventions.md §2). */
export function createApplicationRepository(db: DatabasePort) {
  const _ = db.command;
  return {
    ...applicationDocuments(db),
    runInTransaction: <T>(fn: (t: ApplicationDocuments) => Promise<T>): Promise<T> =>
      db.runTransaction((tx) => fn(applicationDocuments(tx))),
    /** The household's latest application. */
    async applicationOfHousehold(householdId: string): Promise<ApplicationDoc | null> {
      const res = await db
        .collection(COLLECTIONS.applications)
        .where({ householdId })
        .orderBy('submittedAt', 'desc')
        .limit(1)
        .get();
      return (res.data[0] as ApplicationDoc | undefined) ?? null;
    },
    /** Applications in any of `statuses` (a queue, the notices running, an export). */
    applicationsIn: (statuses: readonly ReviewState[]) =>
      fetchAll<ApplicationDoc>(db, COLLECTIONS.applications, { status: _.in([...statuses]) }),
    householdsByIds: (ids: string[]) => docsByIds<HouseholdDoc>(db, COLLECTIONS.households, ids),
    /** Households holding the head's ID number (by its lookup hash). */
    async householdsWithIdHash(hash: string): Promise<HouseholdDoc[]> {
      const res = await db.collection(COLLECTIONS.households).where({ idNumberHash: hash }).limit(10).get();
      return res.data as HouseholdDoc[];
    },
    /** Everyone holding `role` (a review stage's reviewers, told of an objection to their stage). */
    usersWithRole: (role: string) => fetchAll<UserDoc>(db, COLLECTIONS.users, { roles: _.in([role]) }),
    /** A department's checkers (`department_reviewer` with that `department`), told of its tasks. */
    departmentCheckers: (department: string) =>
      fetchAll<UserDoc>(db, COLLECTIONS.users, { roles: _.in(['department_reviewer']), department }),
    waitlistedHouseholds: () => fetchAll<HouseholdDoc>(db, COLLECTIONS.households, { status: 'waitlisted' }),
    workingCalendar: () => loadWorkingCalendar(db),
    /** One view of a whole ID number, logged before it is shown (the office reads the log in account). */
    async logIdAccess(entry: Omit<IdAccessDoc, '_id'>): Promise<void> {
      await db.collection(COLLECTIONS.idAccessLog).add(entry);
    },
    jobs: jobStates(db),
  };
}
export type ApplicationRepository = ReturnType<typeof createApplicationRepository>;
