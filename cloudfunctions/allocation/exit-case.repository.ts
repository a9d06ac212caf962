import { COLLECTIONS } from '@shared/collections';
import type { DatabasePort } from '../_runtime/db';
import type {
  ApplicationDoc,
  BillDoc,
  ContractDoc,
  ExitCaseDoc,
  LeaseDoc,
  OfferDoc,
} from '../_runtime/documents';
import { fetchAll, fetchAllIn } from '../_runtime/fetch-all';
import { jobStates } from '../_runtime/job-state';
import { docsOf, type Writer } from '../_runtime/repository';
import {
  allocationDocuments,
  createAllocationRepository,
  type AllocationDocuments,
} from './allocation.repository';

/** Single-document reads and writes of exit cases, on the database or inside a transaction. */
function exitCaseDocuments(w: Writer) {
  const cases = docsOf<ExitCaseDoc>(w, COLLECTIONS.exitCases);
  return {
    exitCase: cases.get,
    setExitCase: cases.set,
    updateExitCase: (id: string, patch: Partial<ExitCaseDoc>) => cases.update(id, patch),
    updateLease: (id: string, patch: Partial<LeaseDoc>) =>
      docsOf<LeaseDoc>(w, COLLECTIONS.leases).update(id, patch),
  };
}

export type ExitCaseDocuments = AllocationDocuments & ReturnType<typeof exitCaseDocuments>;

/**
 * Data access for exit cases and renewals (docs/conventions.md §2), on top of the allocation repository: the
 * cases themselves, the bills of a lease (billing's arrears are the evidence of the arrears trigger, read
 * only) and the leases that end soon.
 */
export function createExitCaseRepository(db: DatabasePort) {
  const base = createAllocationRepository(db);
  return {
    ...base,
    ...exitCaseDocuments(db),
    /** Runs `fn` in one transaction with the allocation and exit-case single-document methods bound to it. */
    runExitTransaction: <T>(fn: (t: ExitCaseDocuments) => Promise<T>): Promise<T> =>
      db.runTransaction((tx) => fn({ ...allocationDocuments(tx, db.command), ...exitCaseDocuments(tx) })),
    jobs: jobStates(db),
    exitCases: () => fetchAll<ExitCaseDoc>(db, COLLECTIONS.exitCases),
    exitCasesOfHousehold: (householdId: string) =>
      fetchAll<ExitCaseDoc>(db, COLLECTIONS.exitCases, { householdId }),
    /** A WeChat Pay refund made by billing (read only: the proof a settlement's refund was paid). */
    refund: (id: string) =>
      docsOf<{
        _id: string;
        householdId: string;
        amountFen: number;
        kind: string;
        sourceRef: string;
        status: string;
      }>(db, COLLECTIONS.refunds).get(id),
    /** The bills of one lease (billing's, read only: the arrears evidence). */
    billsOfLease: (leaseId: string) => fetchAll<BillDoc>(db, COLLECTIONS.bills, { leaseId }),
    async activeLeaseOfUnit(unitId: string): Promise<LeaseDoc | null> {
      return (await fetchAll<LeaseDoc>(db, COLLECTIONS.leases, { unitId, status: 'active' }))[0] ?? null;
    },
    activeLeases: () => fetchAll<LeaseDoc>(db, COLLECTIONS.leases, { status: 'active' }),
    /** An application (the review's, read only: a false-material case opened before any lease names it). */
    application: (id: string) => docsOf<ApplicationDoc>(db, COLLECTIONS.applications).get(id),
    /**
     * The patrol's visit logs of one unit (patrol's, read only: the evidence of 连续未居住). Only the fields
     * the count reads.
     */
    patrolLogsOfUnit: (unitId: string) =>
      fetchAll<{
        _id: string;
        unitId: string | null;
        quarter: string;
        outcome: 'visited' | 'nobody_home' | 'refused';
        visitedAt: string;
        notes: string;
        occupancy?: 'lived_in' | 'vacant' | 'unsure' | null;
      }>(db, COLLECTIONS.patrolVisits, { unitId }),
    activeLeasesOfHousehold: (householdId: string) =>
      fetchAll<LeaseDoc>(db, COLLECTIONS.leases, { householdId, status: 'active' }),
    offersOfHouseholdAccepted: (householdId: string) =>
      fetchAll<OfferDoc>(db, COLLECTIONS.offers, { householdId, status: 'accepted' }),
    contractsOfHousehold: (householdId: string) =>
      fetchAll<ContractDoc>(db, COLLECTIONS.contracts, { householdId }),
    leasesOfHouseholds: (ids: string[]) => fetchAllIn<LeaseDoc>(db, COLLECTIONS.leases, 'householdId', ids),
  };
}

export type ExitCaseRepository = ReturnType<typeof createExitCaseRepository>;

/** A stored document's body, to write it back whole with `set` (which takes no `_id`). */
export function withoutId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id: _omit, ...body } = doc;
  return body;
}
