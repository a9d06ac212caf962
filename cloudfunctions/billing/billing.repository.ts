import { COLLECTIONS } from '@shared/collections';
import type { UserDoc } from '../_runtime/caller';
import type { DatabasePort } from '../_runtime/db';
import type {
  AuditDoc,
  BillDoc,
  BuildingDoc,
  HouseholdDoc,
  LeaseDoc,
  ProjectDoc,
  UnitDoc,
} from '../_runtime/documents';
import { docsByIds, fetchAll } from '../_runtime/fetch-all';
import { appendAudit, docsOf, type Writer } from '../_runtime/repository';

/** A payment order (out_trade_no = `_id`) for one or more bills; credited once, whatever arrives how often. */
export interface PaymentDoc {
  _id: string;
  householdId: string;
  userId: string;
  bills: { billId: string; period: string; amountFen: number }[];
  amountFen: number;
  status: 'created' | 'paid' | 'closed';
  prepayId: string | null;
  clientParams: {
    appId: string;
    timeStamp: string;
    nonceStr: string;
    package: string;
    signType: 'RSA';
    paySign: string;
  } | null;
  createdAt: string;
  expiresAt: string;
  paidAt: string | null;
  transactionId: string | null;
  receiptNo: string | null;
}

/** A month's billing run (`meta`, `_id` = `billing-run-<period>`): its cursor and counts. */
export interface RunDoc {
  _id: string;
  kind: 'billing-run';
  period: string;
  status: 'running' | 'done';
  cursor: string;
  leasesTotal: number;
  leasesProcessed: number;
  billsCreated: number;
  billsExisting: number;
  startedAt: string;
  finishedAt: string | null;
}

/**
 * Single-document reads and writes: the same methods on the repository and, inside `runInTransaction`,
 * on the transaction.
 */
function billingDocuments(w: Writer) {
  const bills = docsOf<BillDoc>(w, COLLECTIONS.bills);
  const payments = docsOf<PaymentDoc>(w, COLLECTIONS.payments);
  const runs = docsOf<RunDoc>(w, COLLECTIONS.meta);
  return {
    bill: bills.get,
    payment: payments.get,
    run: runs.get,
    lease: (id: string) => docsOf<LeaseDoc>(w, COLLECTIONS.leases).get(id),
    household: (id: string) => docsOf<HouseholdDoc>(w, COLLECTIONS.households).get(id),
    unit: (id: string) => docsOf<UnitDoc>(w, COLLECTIONS.units).get(id),
    project: (id: string) => docsOf<ProjectDoc>(w, COLLECTIONS.projects).get(id),

    updateBill: (id: string, patch: Partial<BillDoc>) => bills.update(id, patch),
    setPayment: payments.set,
    updatePayment: (id: string, patch: Partial<PaymentDoc>) => payments.update(id, patch),
    setRun: runs.set,
    updateRun: (id: string, patch: Partial<RunDoc>) => runs.update(id, patch),
    recordAudit: (entry: Omit<AuditDoc, '_id'>) => appendAudit(w, entry),
  };
}

export type BillingDocuments = ReturnType<typeof billingDocuments>;

const OPEN = ['unpaid', 'partial'];

/** Data access for the billing function (docs/conventions.md §2: only repositories touch collections). */
export function createBillingRepository(db: DatabasePort) {
  const _ = db.command;
  return {
    ...billingDocuments(db),
    /** Runs `fn` in one transaction, with the single-document methods bound to it. */
    runInTransaction: <T>(fn: (t: BillingDocuments) => Promise<T>): Promise<T> =>
      db.runTransaction((tx) => fn(billingDocuments(tx))),

    projects: () => fetchAll<ProjectDoc>(db.collection(COLLECTIONS.projects).where({})),
    /** Buildings of some projects, or of every project (null). */
    buildingsOf: (projectIds: string[] | null) =>
      fetchAll<BuildingDoc>(
        projectIds
          ? db.collection(COLLECTIONS.buildings).where({ projectId: _.in(projectIds) })
          : db.collection(COLLECTIONS.buildings).where({}),
      ),
    unitsByIds: (ids: string[]) => docsByIds<UnitDoc>(db, COLLECTIONS.units, ids),
    householdsByIds: (ids: string[]) => docsByIds<HouseholdDoc>(db, COLLECTIONS.households, ids),
    leasesByIds: (ids: string[]) => docsByIds<LeaseDoc>(db, COLLECTIONS.leases, ids),
    subsidyHouseholds: () =>
      fetchAll<HouseholdDoc>(
        db.collection(COLLECTIONS.households).where({ status: 'subsidy' }).orderBy('_id', 'asc'),
      ),
    usersOfHouseholds: (householdIds: string[]) =>
      fetchAll<UserDoc>(db.collection(COLLECTIONS.users).where({ householdId: _.in(householdIds) })),

    async countActiveLeases(): Promise<number> {
      return (await db.collection(COLLECTIONS.leases).where({ status: 'active' }).count()).total;
    },
    /** The next batch of active leases after `cursor`, in `_id` order. */
    async activeLeasesAfter(cursor: string, limit: number): Promise<LeaseDoc[]> {
      return (
        await db
          .collection(COLLECTIONS.leases)
          .where({ status: 'active', _id: _.gt(cursor) })
          .orderBy('_id', 'asc')
          .limit(limit)
          .get()
      ).data as LeaseDoc[];
    },
    activeLeasesOfHouseholds: (householdIds: string[]) =>
      fetchAll<LeaseDoc>(
        db.collection(COLLECTIONS.leases).where({ householdId: _.in(householdIds), status: 'active' }),
      ),

    /** Which of these bill ids exist (at most 1000 ids). */
    async existingBillIds(ids: string[]): Promise<Set<string>> {
      return new Set(
        (
          await db
            .collection(COLLECTIONS.bills)
            .where({ _id: _.in(ids) })
            .field({ _id: true })
            .limit(1000)
            .get()
        ).data.map((d) => String((d as { _id: string })._id)),
      );
    },
    /** Inserts bills in one request. */
    async addBills(bills: BillDoc[]): Promise<void> {
      await db.collection(COLLECTIONS.bills).add(bills);
    },
    /** Unpaid and part-paid bills due on or before `date`. */
    openBillsDueBy: (date: string) =>
      fetchAll<BillDoc>(db.collection(COLLECTIONS.bills).where({ status: _.in(OPEN), dueDate: _.lte(date) })),
    /** Unpaid and part-paid bills due before `today`, of some projects (null: every one), maybe one building. */
    overdueBills: (today: string, projectIds: string[] | null, buildingId?: string) => {
      const where: Record<string, unknown> = { status: _.in(OPEN), dueDate: _.lt(today) };
      if (projectIds) where.projectId = _.in(projectIds);
      if (buildingId) where.buildingId = buildingId;
      return fetchAll<BillDoc>(db.collection(COLLECTIONS.bills).where(where));
    },
    billsOfLease: (leaseId: string) =>
      fetchAll<BillDoc>(db.collection(COLLECTIONS.bills).where({ leaseId }).orderBy('period', 'desc')),
    billsOfHousehold: (householdId: string) =>
      fetchAll<BillDoc>(db.collection(COLLECTIONS.bills).where({ householdId }).orderBy('period', 'desc')),
    /** A period's bills, of some projects (null: every one). */
    billsOfPeriod: (period: string, projectIds: string[] | null) => {
      const where: Record<string, unknown> = { period };
      if (projectIds) where.projectId = _.in(projectIds);
      return fetchAll<BillDoc>(db.collection(COLLECTIONS.bills).where(where).orderBy('_id', 'asc'));
    },

    /** Orders still waiting for payment, of one household. */
    createdPaymentsOf: (householdId: string) =>
      fetchAll<PaymentDoc>(db.collection(COLLECTIONS.payments).where({ householdId, status: 'created' })),
    /** Orders still waiting for payment that were made at or before `cutoff`. */
    createdPaymentsUntil: (cutoff: string) =>
      fetchAll<PaymentDoc>(
        db.collection(COLLECTIONS.payments).where({ status: 'created', createdAt: _.lte(cutoff) }),
      ),
    paymentsOf: (householdId: string) =>
      fetchAll<PaymentDoc>(
        db.collection(COLLECTIONS.payments).where({ householdId }).orderBy('createdAt', 'desc'),
      ),
    /** Records what happened to a payment notification or query (`payment_events`). */
    async recordPaymentEvent(event: Record<string, unknown>): Promise<void> {
      await db.collection(COLLECTIONS.paymentEvents).add(event);
    },
  };
}

export type BillingRepository = ReturnType<typeof createBillingRepository>;
