import { COLLECTIONS } from '@shared/collections';
import type { RepairCategory } from '@shared/rules/repair-deadline.rule';
import type { RepairState } from '@shared/rules/repair-flow.rule';
import type { UserDoc } from '../_runtime/caller';
import type { DatabasePort } from '../_runtime/db';
import type { LeaseDoc, ProjectDoc, UnitDoc } from '../_runtime/documents';
import { fetchAll, fetchAllIn } from '../_runtime/fetch-all';
import { jobStates } from '../_runtime/job-state';
import { docsOf, type Writer } from '../_runtime/repository';

/** A repair or hardship-help request; its events are kept in the document and appended atomically. */
export interface RepairDoc {
  _id: string;
  kind: 'repair' | 'help';
  category: RepairCategory;
  description: string;
  emergency: boolean;
  status: RepairState;
  householdId: string;
  userId: string;
  unitId: string;
  projectId: string;
  preferredTimes: string;
  deadline: string;
  workerUserId: string | null;
  visitAt: string | null;
  photoFileIds: string[];
  afterPhotoFileIds: string[];
  doneAt: string | null;
  rating: { good: boolean; reasons: string[] } | null;
  createdAt: string;
  events: RepairEvent[];
}

export interface RepairEvent {
  at: string;
  actorUserId: string;
  actorName: string;
  action: string;
  note: string;
}

/**
 * Single-document reads and writes: the same methods on the repository and, inside `runInTransaction`,
 * on the transaction.
 */
function repairDocuments(w: Writer, _: DatabasePort['command']) {
  const repairs = docsOf<RepairDoc>(w, COLLECTIONS.repairs);
  return {
    repair: repairs.get,
    setRepair: repairs.set,
    /** Updates fields and appends an event to the request's history, in one write. */
    updateRepair: (id: string, patch: Partial<RepairDoc>, event: RepairEvent) =>
      repairs.update(id, { ...patch, events: _.push([event]) }),
  };
}

export type RepairDocuments = ReturnType<typeof repairDocuments>;

/** Data access for the repair function (docs/conventions.md §2: only repositories touch collections). */
export function createRepairRepository(db: DatabasePort) {
  const _ = db.command;
  const one = async <T>(collection: string, id: string): Promise<T | undefined> =>
    (await db.collection(collection).doc(id).get()).data[0] as T | undefined;
  return {
    /** Timer jobs' progress (job-state.ts). */
    jobs: jobStates(db),
    ...repairDocuments(db, _),
    /** Runs `fn` in one transaction, with the single-document methods bound to it. */
    runInTransaction: <T>(fn: (t: RepairDocuments) => Promise<T>): Promise<T> =>
      db.runTransaction((tx) => fn(repairDocuments(tx, _))),

    unit: (id: string) => one<UnitDoc>(COLLECTIONS.units, id),
    project: (id: string) => one<ProjectDoc>(COLLECTIONS.projects, id),
    user: (id: string) => one<UserDoc>(COLLECTIONS.users, id),
    /** Users holding a role (managers, workers). */
    usersWithRole: (role: 'manager' | 'worker') => fetchAll<UserDoc>(db, COLLECTIONS.users, { roles: role }),
    async activeLeaseOf(householdId: string): Promise<LeaseDoc | undefined> {
      return (await db.collection(COLLECTIONS.leases).where({ householdId, status: 'active' }).limit(1).get())
        .data[0] as LeaseDoc | undefined;
    },

    /** Requests in any of these states. */
    repairsInStates: (states: readonly RepairState[]) =>
      fetchAll<RepairDoc>(db, COLLECTIONS.repairs, { status: _.in([...states]) }),
    /** Requests of some projects, or of every project (null). */
    repairsOfProjects: (projectIds: string[] | null) =>
      projectIds
        ? fetchAllIn<RepairDoc>(db, COLLECTIONS.repairs, 'projectId', projectIds)
        : fetchAll<RepairDoc>(db, COLLECTIONS.repairs, { status: _.exists(true) }),
    /** Requests of some projects, newest first. */
    latestRepairsOfProjects: (projectIds: string[]) =>
      fetchAllIn<RepairDoc>(
        db,
        COLLECTIONS.repairs,
        'projectId',
        projectIds,
        {},
        {
          orderBy: ['createdAt', 'desc'],
        },
      ),
    /** A household's requests, newest first. */
    repairsOfHousehold: (householdId: string) =>
      fetchAll<RepairDoc>(db, COLLECTIONS.repairs, { householdId }, { orderBy: ['createdAt', 'desc'] }),
    /** A worker's requests, newest first. */
    repairsOfWorker: (workerUserId: string) =>
      fetchAll<RepairDoc>(db, COLLECTIONS.repairs, { workerUserId }, { orderBy: ['createdAt', 'desc'] }),
    /** How many requests a worker has assigned or in progress. */
    async countOpenTasks(workerUserId: string): Promise<number> {
      return (
        await db
          .collection(COLLECTIONS.repairs)
          .where({ workerUserId, status: _.in(['assigned', 'in_progress']) })
          .count()
      ).total;
    },
  };
}

export type RepairRepository = ReturnType<typeof createRepairRepository>;
