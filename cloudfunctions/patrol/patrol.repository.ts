import { COLLECTIONS } from '@shared/collections';
import type { UserDoc } from '../_runtime/caller';
import type { DatabasePort } from '../_runtime/db';
import type { BuildingDoc, HouseholdDoc, LeaseDoc, ProjectDoc, UnitDoc } from '../_runtime/documents';
import { docsByIds, fetchAll, getDoc } from '../_runtime/fetch-all';
import { jobStates } from '../_runtime/job-state';
import { docsOf, type Writer } from '../_runtime/repository';
import type { RepairDoc } from '../repair/repair.repository';
import type {
  CareCheckinDoc,
  CareDoc,
  HazardDoc,
  PatrolLogDoc,
  PatrolRouteDoc,
  PatrolRunDoc,
  PatrolVisitDoc,
} from './patrol.documents';

/** Documents per batched insert (one request each; CloudBase accepts arrays in `add`). */
export const WRITE_BATCH = 500;

type HazardEvent = HazardDoc['events'][number];

/**
 * Single-document reads and writes: the same methods on the repository and, inside `runInTransaction`,
 * on the transaction.
 */
function patrolDocuments(w: Writer, _: DatabasePort['command']) {
  const runs = docsOf<PatrolRunDoc>(w, COLLECTIONS.patrolRuns);
  const routes = docsOf<PatrolRouteDoc>(w, COLLECTIONS.patrolPlans);
  const visits = docsOf<PatrolVisitDoc>(w, COLLECTIONS.patrolStops);
  const logs = docsOf<PatrolLogDoc>(w, COLLECTIONS.patrolVisits);
  const hazards = docsOf<HazardDoc>(w, COLLECTIONS.hazards);
  const care = docsOf<CareDoc>(w, COLLECTIONS.careRegistry);
  const checkins = docsOf<CareCheckinDoc>(w, COLLECTIONS.careCheckins);
  return {
    run: runs.get,
    setRun: runs.set,
    updateRun: (id: string, patch: Partial<PatrolRunDoc>) => runs.update(id, patch),
    route: routes.get,
    updateRoute: (id: string, patch: Partial<PatrolRouteDoc>) => routes.update(id, patch),
    /** A stop of a patrol (`patrol_stops`; a "visit" in the contract). */
    visit: visits.get,
    updateVisit: (id: string, patch: Partial<PatrolVisitDoc>) => visits.update(id, patch),
    /** A logged visit attempt (`patrol_visits`). */
    log: logs.get,
    setLog: logs.set,
    hazard: hazards.get,
    setHazard: hazards.set,
    /** Updates fields and appends an event to the hazard's history, in one write. */
    updateHazard: (id: string, patch: Partial<HazardDoc>, event: HazardEvent) =>
      hazards.update(id, { ...patch, events: _.push([event]) }),
    care: care.get,
    setCare: care.set,
    updateCare: (id: string, patch: Partial<CareDoc>) => care.update(id, patch),
    checkin: checkins.get,
    setCheckin: checkins.set,
    /** A hardship-help request on the repair board, in the repair function's shape. */
    setRepair: (id: string, body: Omit<RepairDoc, '_id'>) =>
      docsOf<RepairDoc>(w, COLLECTIONS.repairs).set(id, body),
  };
}

export type PatrolDocuments = ReturnType<typeof patrolDocuments>;

function isDuplicate(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  return e?.code === 'DATABASE_DUPLICATE_WRITE' || /duplicate/i.test(String(e?.message ?? ''));
}

/** Data access for the patrol function (docs/conventions.md §2: only repositories touch collections). */
export function createPatrolRepository(db: DatabasePort) {
  const _ = db.command;
  const users = (where: object) => fetchAll<UserDoc>(db, COLLECTIONS.users, where);

  /**
   * Inserts the documents that are not there yet. The common case (a first run) is one batched insert; when
   * a batch meets documents already written (a rerun after a crash, or two runs at once) it reads which ids
   * exist and inserts only the rest, so a plan is never written twice.
   */
  async function insertMissing(collection: string, docs: { _id: string }[]): Promise<number> {
    if (docs.length === 0) return 0;
    try {
      await db.collection(collection).add(docs);
      return docs.length;
    } catch (err) {
      if (!isDuplicate(err)) throw err;
    }
    const existing = await docsByIds<{ _id: string }>(
      db,
      collection,
      docs.map((d) => d._id),
    );
    const missing = docs.filter((d) => !existing.has(d._id));
    if (missing.length) await db.collection(collection).add(missing);
    return missing.length;
  }

  /** Inserts in batches of WRITE_BATCH, only what is missing; returns how many were written. */
  async function writeBatched(collection: string, docs: { _id: string }[]): Promise<number> {
    let written = 0;
    for (let i = 0; i < docs.length; i += WRITE_BATCH)
      written += await insertMissing(collection, docs.slice(i, i + WRITE_BATCH));
    return written;
  }

  return {
    /** Timer jobs' progress (job-state.ts). */
    jobs: jobStates(db),
    ...patrolDocuments(db, _),
    /** Runs `fn` in one transaction, with the single-document methods bound to it. */
    runInTransaction: <T>(fn: (t: PatrolDocuments) => Promise<T>): Promise<T> =>
      db.runTransaction((tx) => fn(patrolDocuments(tx, _))),

    project: (id: string) => getDoc<ProjectDoc>(db, COLLECTIONS.projects, id),
    building: (id: string) => getDoc<BuildingDoc>(db, COLLECTIONS.buildings, id),
    household: (id: string) => getDoc<HouseholdDoc>(db, COLLECTIONS.households, id),
    unit: (id: string) => getDoc<UnitDoc>(db, COLLECTIONS.units, id),
    user: (id: string) => getDoc<UserDoc>(db, COLLECTIONS.users, id),
    projectsByIds: (ids: string[]) => docsByIds<ProjectDoc>(db, COLLECTIONS.projects, ids),
    buildingsByIds: (ids: string[]) => docsByIds<BuildingDoc>(db, COLLECTIONS.buildings, ids),
    householdsByIds: (ids: string[]) => docsByIds<HouseholdDoc>(db, COLLECTIONS.households, ids),
    unitsByIds: (ids: string[]) => docsByIds<UnitDoc>(db, COLLECTIONS.units, ids),
    runsByIds: (ids: string[]) => docsByIds<PatrolRunDoc>(db, COLLECTIONS.patrolRuns, ids),
    /** Names of users by id (for views), one read per distinct id. */
    async userNames(ids: (string | null)[]): Promise<Map<string, string>> {
      const found = await docsByIds<UserDoc>(
        db,
        COLLECTIONS.users,
        ids.filter((x): x is string => !!x),
      );
      return new Map([...found.values()].map((u) => [u._id, u.name]));
    },

    /** Every project, in `_id` order (`maxDocs` as fetchAll). */
    allProjects: (maxDocs?: number) =>
      fetchAll<ProjectDoc>(db, COLLECTIONS.projects, {}, { maxDocs: maxDocs }),
    buildingsOf: (projectId: string) => fetchAll<BuildingDoc>(db, COLLECTIONS.buildings, { projectId }),
    unitsOfBuilding: (buildingId: string) =>
      fetchAll<UnitDoc>(db, COLLECTIONS.units, { buildingId }, { maxDocs: 100_000 }),
    async activeLeaseOf(householdId: string): Promise<LeaseDoc | undefined> {
      return (await db.collection(COLLECTIONS.leases).where({ householdId, status: 'active' }).limit(1).get())
        .data[0] as LeaseDoc | undefined;
    },
    activeLeasesOfProject: (projectId: string) =>
      fetchAll<LeaseDoc>(db, COLLECTIONS.leases, { projectId, status: 'active' }, { maxDocs: 100_000 }),

    /** Every volunteer, in `_id` order. */
    volunteers: () => fetchAll<UserDoc>(db, COLLECTIONS.users, { roles: 'volunteer' }, { maxDocs: 100_000 }),
    volunteersOf: (projectId: string) => users({ roles: 'volunteer', projectIds: projectId }),
    /** The managers of a project (or the housing office when it has none): who gets alerts. */
    async managersOf(projectId: string): Promise<UserDoc[]> {
      const managers = await users({ roles: 'manager', projectIds: projectId });
      if (managers.length) return managers;
      return users({ roles: 'admin' });
    },

    runsOfQuarter: (quarter: string) => fetchAll<PatrolRunDoc>(db, COLLECTIONS.patrolRuns, { quarter }),
    routesOfRun: (runId: string) =>
      fetchAll<PatrolRouteDoc>(db, COLLECTIONS.patrolPlans, { planId: runId }, { maxDocs: 100_000 }),
    routesOfVolunteer: (quarter: string, volunteerUserId: string) =>
      fetchAll<PatrolRouteDoc>(db, COLLECTIONS.patrolPlans, { quarter, volunteerUserId }),
    insertRoutes: (docs: PatrolRouteDoc[]) => writeBatched(COLLECTIONS.patrolPlans, docs),

    visitsOfRoute: (routeId: string) => fetchAll<PatrolVisitDoc>(db, COLLECTIONS.patrolStops, { routeId }),
    /** The statuses of a route's visits (for its progress). */
    visitStatusesOfRoute: (routeId: string) =>
      fetchAll<Pick<PatrolVisitDoc, 'status'>>(
        db,
        COLLECTIONS.patrolStops,
        { routeId },
        { field: { status: true } },
      ),
    visitsOfVolunteer: (quarter: string, volunteerUserId: string) =>
      fetchAll<PatrolVisitDoc>(db, COLLECTIONS.patrolStops, { quarter, volunteerUserId }),
    visitsOfProject: (projectId: string, quarter: string) =>
      fetchAll<PatrolVisitDoc>(db, COLLECTIONS.patrolStops, { projectId, quarter }, { maxDocs: 200_000 }),
    insertVisits: (docs: PatrolVisitDoc[]) => writeBatched(COLLECTIONS.patrolStops, docs),
    /** Hands every visit of a route to a volunteer. */
    async assignVisitsOfRoute(routeId: string, volunteerUserId: string): Promise<void> {
      await db.collection(COLLECTIONS.patrolStops).where({ routeId }).update({ volunteerUserId });
    },

    logsOfVolunteer: (volunteerUserId: string, quarter: string) =>
      fetchAll<PatrolLogDoc>(
        db,
        COLLECTIONS.patrolVisits,
        { volunteerUserId, quarter },
        { orderBy: ['visitedAt', 'desc'] },
      ),
    logsOfProject: (projectId: string, quarter: string) =>
      fetchAll<PatrolLogDoc>(db, COLLECTIONS.patrolVisits, { projectId, quarter }, { maxDocs: 200_000 }),

    allHazards: () => fetchAll<HazardDoc>(db, COLLECTIONS.hazards, {}, { maxDocs: 100_000 }),
    hazardsOfProject: (projectId: string) =>
      fetchAll<HazardDoc>(db, COLLECTIONS.hazards, { projectId }, { maxDocs: 100_000 }),
    hazardsAssignedTo: (userId: string) =>
      fetchAll<HazardDoc>(db, COLLECTIONS.hazards, { assigneeUserId: userId }),
    hazardsReportedBy: (userId: string) =>
      fetchAll<HazardDoc>(db, COLLECTIONS.hazards, { reporterUserId: userId }),

    allCare: () => fetchAll<CareDoc>(db, COLLECTIONS.careRegistry, {}, { maxDocs: 100_000 }),
    activeCare: () => fetchAll<CareDoc>(db, COLLECTIONS.careRegistry, { active: true }, { maxDocs: 100_000 }),
    careOfProject: (projectId: string) => fetchAll<CareDoc>(db, COLLECTIONS.careRegistry, { projectId }),
    activeCareOfProject: (projectId: string) =>
      fetchAll<CareDoc>(db, COLLECTIONS.careRegistry, { projectId, active: true }),
    careOfVolunteer: (volunteerUserId: string) =>
      fetchAll<CareDoc>(db, COLLECTIONS.careRegistry, { volunteerUserId }),
    checkinsOf: (careId: string) => fetchAll<CareCheckinDoc>(db, COLLECTIONS.careCheckins, { careId }),
  };
}

export type PatrolRepository = ReturnType<typeof createPatrolRepository>;
