import { COLLECTIONS } from '@shared/collections';
import type { DatabasePort, TransactionPort } from '../_runtime/db';
import type {
  AuditDoc,
  BuildingDoc,
  ContractDoc,
  HouseholdDoc,
  ProjectDoc,
  RegistrationDoc,
  RoundDoc,
  UnitDoc,
} from '../_runtime/documents';
import { fetchAll } from '../_runtime/fetch-all';

type Writer = DatabasePort | TransactionPort;

/** Appends to the audit trail, inside a transaction when given one. */
export async function recordAudit(w: Writer, entry: Omit<AuditDoc, '_id'>): Promise<void> {
  await w.collection(COLLECTIONS.auditLog).add(entry);
}

/** Data access for the allocation function (docs/conventions.md §2: only repositories touch collections). */
export function createAllocationRepository(db: DatabasePort) {
  const _ = db.command;
  const one = async <T>(collection: string, id: string): Promise<T | null> =>
    ((await db.collection(collection).doc(id).get()).data[0] as T | undefined) ?? null;
  return {
    db,
    project: (id: string) => one<ProjectDoc>(COLLECTIONS.projects, id),
    round: (id: string) => one<RoundDoc>(COLLECTIONS.rounds, id),
    registration: (id: string) => one<RegistrationDoc>(COLLECTIONS.registrations, id),
    household: (id: string) => one<HouseholdDoc>(COLLECTIONS.households, id),
    unit: (id: string) => one<UnitDoc>(COLLECTIONS.units, id),
    contract: (id: string) => one<ContractDoc>(COLLECTIONS.contracts, id),
    building: (id: string) => one<BuildingDoc>(COLLECTIONS.buildings, id),

    async addProject(doc: Omit<ProjectDoc, '_id'>): Promise<string> {
      return String((await db.collection(COLLECTIONS.projects).add(doc)).id);
    },
    async addBuilding(doc: Omit<BuildingDoc, '_id'>): Promise<string> {
      return String((await db.collection(COLLECTIONS.buildings).add(doc)).id);
    },
    projects: () => fetchAll<ProjectDoc>(db.collection(COLLECTIONS.projects).where({}).orderBy('_id', 'asc')),
    buildingsOf: (projectId: string) =>
      fetchAll<BuildingDoc>(db.collection(COLLECTIONS.buildings).where({ projectId }).orderBy('_id', 'asc')),
    unitsOf: (projectId: string) =>
      fetchAll<UnitDoc>(db.collection(COLLECTIONS.units).where({ projectId }).orderBy('_id', 'asc')),
    vacantUnitsOf: (projectId: string) =>
      fetchAll<UnitDoc>(
        db.collection(COLLECTIONS.units).where({ projectId, status: 'vacant' }).orderBy('_id', 'asc'),
      ),
    unitsByIds: async (ids: string[]): Promise<UnitDoc[]> => {
      const out: UnitDoc[] = [];
      for (let i = 0; i < ids.length; i += 500) {
        out.push(
          ...(await fetchAll<UnitDoc>(
            db
              .collection(COLLECTIONS.units)
              .where({ _id: _.in(ids.slice(i, i + 500)) })
              .orderBy('_id', 'asc'),
          )),
        );
      }
      return out;
    },
    async countUnits(projectId: string, status?: UnitDoc['status']): Promise<number> {
      return (
        await db
          .collection(COLLECTIONS.units)
          .where(status ? { projectId, status } : { projectId })
          .count()
      ).total;
    },
    async insertUnits(units: Omit<UnitDoc, '_id'>[]): Promise<void> {
      await db.runTransaction(async (tx) => {
        for (const u of units) await tx.collection(COLLECTIONS.units).add(u);
      });
    },

    async addRound(doc: Omit<RoundDoc, '_id'>): Promise<string> {
      return String((await db.collection(COLLECTIONS.rounds).add(doc)).id);
    },
    rounds: () => fetchAll<RoundDoc>(db.collection(COLLECTIONS.rounds).where({}).orderBy('_id', 'asc')),
    async updateRound(id: string, patch: Partial<RoundDoc>): Promise<void> {
      await db.collection(COLLECTIONS.rounds).doc(id).update(patch);
    },

    registrationsOf: (roundId: string) =>
      fetchAll<RegistrationDoc>(
        db.collection(COLLECTIONS.registrations).where({ roundId }).orderBy('_id', 'asc'),
      ),
    registrationsOfHousehold: (householdId: string) =>
      fetchAll<RegistrationDoc>(
        db.collection(COLLECTIONS.registrations).where({ householdId }).orderBy('_id', 'asc'),
      ),
    async countRegistrations(roundId: string, extra: object = {}): Promise<number> {
      return (
        await db
          .collection(COLLECTIONS.registrations)
          .where({ roundId, ...extra })
          .count()
      ).total;
    },
    async updateRegistration(id: string, patch: Partial<RegistrationDoc>): Promise<void> {
      await db.collection(COLLECTIONS.registrations).doc(id).update(patch);
    },
    async countActiveLeases(householdId: string): Promise<number> {
      return (await db.collection(COLLECTIONS.leases).where({ householdId, status: 'active' }).count()).total;
    },
    async auditOf(entityIds: string[]): Promise<AuditDoc[]> {
      const out: AuditDoc[] = [];
      for (let i = 0; i < entityIds.length; i += 500) {
        out.push(
          ...(await fetchAll<AuditDoc>(
            db
              .collection(COLLECTIONS.auditLog)
              .where({ entityId: _.in(entityIds.slice(i, i + 500)) })
              .orderBy('at', 'asc'),
          )),
        );
      }
      return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    },
  };
}

export type AllocationRepository = ReturnType<typeof createAllocationRepository>;
