import { COLLECTIONS } from '@shared/collections';
import type { Role } from '@shared/contracts';
import type { DatabasePort } from '../_runtime/db';
import type {
  AuditDoc,
  BuildingDoc,
  ContractDoc,
  HouseholdDoc,
  HouseholdHoldDoc,
  LeaseDoc,
  ObjectionDoc,
  OfferDoc,
  ProjectDoc,
  RegistrationDoc,
  RenewalDoc,
  RoundDoc,
  UnitDoc,
} from '../_runtime/documents';
import { docsByIds, fetchAll, fetchAllIn } from '../_runtime/fetch-all';
import { appendAudit, docsOf, type Writer } from '../_runtime/repository';
import { policyOn } from '../_runtime/policy-versions';
import type { PolicyPreset } from '@shared/policy/policy-preset';

/**
 * Single-document reads and writes: the same methods on the repository and, inside `runInTransaction`,
 * on the transaction.
 */
export function allocationDocuments(w: Writer, _: DatabasePort['command']) {
  const projects = docsOf<ProjectDoc>(w, COLLECTIONS.projects);
  const rounds = docsOf<RoundDoc>(w, COLLECTIONS.rounds);
  const registrations = docsOf<RegistrationDoc>(w, COLLECTIONS.registrations);
  const households = docsOf<HouseholdDoc>(w, COLLECTIONS.households);
  const units = docsOf<UnitDoc>(w, COLLECTIONS.units);
  const contracts = docsOf<ContractDoc>(w, COLLECTIONS.contracts);
  const buildings = docsOf<BuildingDoc>(w, COLLECTIONS.buildings);
  const leases = docsOf<LeaseDoc>(w, COLLECTIONS.leases);
  const offers = docsOf<OfferDoc>(w, COLLECTIONS.offers);
  const objections = docsOf<ObjectionDoc>(w, COLLECTIONS.objections);
  const renewals = docsOf<RenewalDoc>(w, COLLECTIONS.renewals);
  const holds = docsOf<HouseholdHoldDoc>(w, COLLECTIONS.householdHolds);
  return {
    project: projects.get,
    round: rounds.get,
    registration: registrations.get,
    household: households.get,
    unit: units.get,
    contract: contracts.get,
    building: buildings.get,
    lease: leases.get,
    offer: offers.get,
    objection: objections.get,
    renewal: renewals.get,
    /** The unit a household holds under 一户一套 (`_id` = household id), read in every transaction that gives one. */
    householdHold: holds.get,

    updateProject: (id: string, patch: Partial<ProjectDoc>) => projects.update(id, patch),
    updateRound: (id: string, patch: Partial<RoundDoc>) => rounds.update(id, patch),
    setRegistration: registrations.set,
    updateRegistration: (id: string, patch: Partial<RegistrationDoc>) => registrations.update(id, patch),
    setContract: contracts.set,
    updateContract: (id: string, patch: Partial<ContractDoc>) => contracts.update(id, patch),
    updateUnit: (id: string, patch: Partial<UnitDoc>) => units.update(id, patch),
    updateHousehold: (id: string, patch: Partial<HouseholdDoc>) => households.update(id, patch),
    setLease: leases.set,
    setOffer: offers.set,
    updateOffer: (id: string, patch: Partial<OfferDoc>) => offers.update(id, patch),
    setObjection: objections.set,
    updateObjection: (id: string, patch: Partial<ObjectionDoc>) => objections.update(id, patch),
    setRenewal: renewals.set,
    setHouseholdHold: holds.set,
    /** Adds a role to a user's roles (once). */
    grantRole: (userId: string, role: Role) =>
      docsOf<{ _id: string }>(w, COLLECTIONS.users).update(userId, { roles: _.addToSet(role) }),
    recordAudit: (entry: Omit<AuditDoc, '_id'>) => appendAudit(w, entry),
  };
}

export type AllocationDocuments = ReturnType<typeof allocationDocuments>;

/** Data access for the allocation function (docs/conventions.md §2: only repositories touch collections). */
export function createAllocationRepository(db: DatabasePort) {
  const _ = db.command;
  return {
    ...allocationDocuments(db, _),
    /** The policy in force on `day`: the preset with the district's version effective that day on top. */
    policyOn: (preset: PolicyPreset, day: string) => policyOn(db, preset, day),
    /** Runs `fn` in one transaction, with the single-document methods bound to it. */
    runInTransaction: <T>(fn: (t: AllocationDocuments) => Promise<T>): Promise<T> =>
      db.runTransaction((tx) => fn(allocationDocuments(tx, _))),

    async addProject(doc: Omit<ProjectDoc, '_id'>): Promise<string> {
      return String((await db.collection(COLLECTIONS.projects).add(doc)).id);
    },
    async addBuilding(doc: Omit<BuildingDoc, '_id'>): Promise<string> {
      return String((await db.collection(COLLECTIONS.buildings).add(doc)).id);
    },
    projects: () => fetchAll<ProjectDoc>(db, COLLECTIONS.projects),
    buildingsOf: (projectId: string) => fetchAll<BuildingDoc>(db, COLLECTIONS.buildings, { projectId }),
    unitsOf: (projectId: string) => fetchAll<UnitDoc>(db, COLLECTIONS.units, { projectId }),
    vacantUnitsOf: (projectId: string) =>
      fetchAll<UnitDoc>(db, COLLECTIONS.units, { projectId, status: 'vacant' }),
    unitsByIds: async (ids: string[]): Promise<UnitDoc[]> =>
      [...(await docsByIds<UnitDoc>(db, COLLECTIONS.units, ids)).values()].sort((a, b) =>
        a._id < b._id ? -1 : a._id > b._id ? 1 : 0,
      ),
    async countUnits(projectId: string, status?: UnitDoc['status']): Promise<number> {
      return (
        await db
          .collection(COLLECTIONS.units)
          .where(status ? { projectId, status } : { projectId })
          .count()
      ).total;
    },
    /**
     * Adds units under their given ids in ONE transaction (the caller keeps a batch within
     * MAX_TRANSACTION_WRITES) and never overwrites: a unit whose id is already stored (an earlier attempt
     * of the same import, or an import running at the same time) is left as it is. Returns the ids this
     * call wrote.
     */
    async addUnitsIfAbsent(units: UnitDoc[]): Promise<string[]> {
      let pending = units;
      for (let attempt = 0; pending.length > 0; attempt++) {
        try {
          const batch = pending;
          await db.runTransaction(async (tx) => {
            for (const u of batch) await tx.collection(COLLECTIONS.units).add(u);
          });
          return batch.map((u) => u._id);
        } catch (err) {
          // Another writer stored one of these ids first: the transaction rolled back; add the rest.
          if ((err as { code?: string }).code !== 'DATABASE_DUPLICATE_WRITE' || attempt >= 2) throw err;
          const stored = await docsByIds<UnitDoc>(
            db,
            COLLECTIONS.units,
            pending.map((u) => u._id),
          );
          pending = pending.filter((u) => !stored.has(u._id));
        }
      }
      return [];
    },

    async addRound(doc: Omit<RoundDoc, '_id'>): Promise<string> {
      return String((await db.collection(COLLECTIONS.rounds).add(doc)).id);
    },
    rounds: () => fetchAll<RoundDoc>(db, COLLECTIONS.rounds),

    registrationsOf: (roundId: string) =>
      fetchAll<RegistrationDoc>(db, COLLECTIONS.registrations, { roundId }),
    registrationsOfHousehold: (householdId: string) =>
      fetchAll<RegistrationDoc>(db, COLLECTIONS.registrations, { householdId }),
    async countRegistrations(roundId: string, extra: object = {}): Promise<number> {
      return (
        await db
          .collection(COLLECTIONS.registrations)
          .where({ roundId, ...extra })
          .count()
      ).total;
    },
    async countActiveLeases(householdId: string): Promise<number> {
      return (await db.collection(COLLECTIONS.leases).where({ householdId, status: 'active' }).count()).total;
    },

    /**
     * The records by which households hold a unit (一户一套): registrations with a selected unit, accepted
     * offers and active leases of `householdIds`.
     */
    async holdingRecordsOf(householdIds: string[]): Promise<{
      selected: RegistrationDoc[];
      accepted: OfferDoc[];
      leases: LeaseDoc[];
    }> {
      const out = { selected: [] as RegistrationDoc[], accepted: [] as OfferDoc[], leases: [] as LeaseDoc[] };
      const ids = [...new Set(householdIds)];
      out.selected = await fetchAllIn<RegistrationDoc>(db, COLLECTIONS.registrations, 'householdId', ids, {
        status: 'selected',
      });
      out.accepted = await fetchAllIn<OfferDoc>(db, COLLECTIONS.offers, 'householdId', ids, {
        status: 'accepted',
      });
      out.leases = await fetchAllIn<LeaseDoc>(db, COLLECTIONS.leases, 'householdId', ids, {
        status: 'active',
      });
      return out;
    },

    objectionsOf: (roundId: string) =>
      fetchAll<ObjectionDoc>(db, COLLECTIONS.objections, { roundId }, { orderBy: ['at', 'asc'] }),

    offersOfUnit: (unitId: string) =>
      fetchAll<OfferDoc>(db, COLLECTIONS.offers, { unitId }, { orderBy: ['offeredAt', 'asc'] }),
    offersOfHousehold: (householdId: string) =>
      fetchAll<OfferDoc>(db, COLLECTIONS.offers, { householdId }, { orderBy: ['offeredAt', 'desc'] }),
    /** Offers still marked offered (some may be past their deadline). */
    offeredOffers: () => fetchAll<OfferDoc>(db, COLLECTIONS.offers, { status: 'offered' }),
    waitlistedHouseholds: () => fetchAll<HouseholdDoc>(db, COLLECTIONS.households, { status: 'waitlisted' }),
    /** The user id of a household's account, if it has one. */
    async userIdOfHousehold(householdId: string): Promise<string | null> {
      const user = (await db.collection(COLLECTIONS.users).where({ householdId }).limit(1).get()).data[0] as
        { _id: string } | undefined;
      return user?._id ?? null;
    },

    async auditOf(entityIds: string[]): Promise<AuditDoc[]> {
      return fetchAllIn<AuditDoc>(
        db,
        COLLECTIONS.auditLog,
        'entityId',
        entityIds,
        {},
        { orderBy: ['at', 'asc'] },
      );
    },
  };
}

export type AllocationRepository = ReturnType<typeof createAllocationRepository>;
