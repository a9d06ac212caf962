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
import { docsByIds, fetchAll, fetchAllIn, inChunks } from '../_runtime/fetch-all';
import { jobStates } from '../_runtime/job-state';
import { policyOn } from '../_runtime/policy-versions';
import type { PolicyPreset } from '@shared/policy/policy-preset';
import { QUERY_LIMIT } from '../_runtime/platform-limits';
import { appendAudit, docsOf, readDoc, type Writer } from '../_runtime/repository';

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
  /** When and why the order was closed (absent on orders closed before this was recorded). */
  closedAt?: string | null;
  closedBecause?: CloseReason | null;
  /**
   * Refunds asked for or made against this order and not closed or refused (absent: none), kept with the order
   * and changed in the transaction that registers or ends a refund, so two refunds together can never exceed
   * what was paid.
   */
  refundHeldFen?: number;
}

/** A WeChat Pay refund (`refunds`, `_id` = out_refund_no). */
export interface RefundDoc {
  _id: string;
  orderId: string;
  billId: string;
  householdId: string;
  projectId: string;
  unitId: string;
  period: string;
  amountFen: number;
  kind: RefundKind;
  /** What is refunded: the overpaid entry, the exit procedure's id, … (part of the refund number). */
  sourceRef: string;
  note: string;
  status: RefundStatusValue;
  wechatRefundId: string | null;
  requestedBy: string;
  requestedAt: string;
  updatedAt: string;
  succeededAt: string | null;
  problem: string | null;
  /** Notifications already applied (WeChat Pay delivers one again until answered 2xx). */
  notificationIds: string[];
}
export type RefundKind = 'overpayment' | 'move_out_settlement';
export type RefundStatusValue = 'requested' | 'processing' | 'success' | 'closed' | 'abnormal' | 'refused';

/** One difference between a day's trade bill and the ledger (`trade_bill_differences`). */
export interface DifferenceDoc {
  _id: string;
  billDate: string;
  kind:
    | 'paid_not_in_ledger'
    | 'in_ledger_not_paid'
    | 'amount_mismatch'
    | 'refund_not_in_ledger'
    | 'refund_in_ledger_not_at_wechat'
    | 'refund_amount_mismatch';
  orderId: string;
  refundNo: string | null;
  wechatFen: number | null;
  ledgerFen: number | null;
  householdId: string | null;
  foundAt: string;
}

/**
 * Why an order was closed through WeChat Pay: the payer tapped 取消 (or the sheet failed), it passed its
 * expiry, a new order for the same bills replaced it, or a manager is recording a payment at the counter.
 */
export type CloseReason = 'cancelled' | 'expired' | 'superseded' | 'offline-entry';

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
  /** Leases whose bill failed its checks and was not written (absent on runs made before the count). */
  billsRefused?: number;
  /** The first of them, with the reason. */
  refused?: { leaseId: string; reason: string }[];
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
  const refunds = docsOf<RefundDoc>(w, COLLECTIONS.refunds);
  return {
    bill: bills.get,
    payment: payments.get,
    refund: refunds.get,
    setRefund: refunds.set,
    updateRefund: (id: string, patch: Partial<RefundDoc>) => refunds.update(id, patch),
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
    /** The policy in force on `day`: the preset with the district's version effective that day on top. */
    policyOn: (preset: PolicyPreset, day: string) => policyOn(db, preset, day),
    /** Timer jobs' progress (job-state.ts). */
    jobs: jobStates(db),
    ...billingDocuments(db),
    /** Runs `fn` in one transaction, with the single-document methods bound to it. */
    runInTransaction: <T>(fn: (t: BillingDocuments) => Promise<T>): Promise<T> =>
      db.runTransaction((tx) => fn(billingDocuments(tx))),

    projects: () => fetchAll<ProjectDoc>(db, COLLECTIONS.projects),
    /** Buildings of some projects, or of every project (null). */
    buildingsOf: (projectIds: string[] | null) =>
      projectIds
        ? fetchAllIn<BuildingDoc>(db, COLLECTIONS.buildings, 'projectId', projectIds)
        : fetchAll<BuildingDoc>(db, COLLECTIONS.buildings),
    unitsByIds: (ids: string[]) => docsByIds<UnitDoc>(db, COLLECTIONS.units, ids),
    householdsByIds: (ids: string[]) => docsByIds<HouseholdDoc>(db, COLLECTIONS.households, ids),
    leasesByIds: (ids: string[]) => docsByIds<LeaseDoc>(db, COLLECTIONS.leases, ids),
    subsidyHouseholds: () => fetchAll<HouseholdDoc>(db, COLLECTIONS.households, { status: 'subsidy' }),

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
      fetchAllIn<LeaseDoc>(db, COLLECTIONS.leases, 'householdId', householdIds, { status: 'active' }),

    /** Which of these bill ids exist (read in chunks of the `in` list limit). */
    async existingBillIds(ids: string[]): Promise<Set<string>> {
      const out = new Set<string>();
      for (const chunk of inChunks(ids)) {
        const page = await db
          .collection(COLLECTIONS.bills)
          .where({ _id: _.in(chunk) })
          .field({ _id: true })
          .limit(QUERY_LIMIT)
          .get();
        for (const d of page.data) out.add(String((d as { _id: string })._id));
      }
      return out;
    },
    /** Inserts bills in one request. */
    async addBills(bills: BillDoc[]): Promise<void> {
      await db.collection(COLLECTIONS.bills).add(bills);
    },
    /** The next `limit` users of a household (tenants) after `afterId`, in `_id` order. */
    async tenantsAfter(afterId: string, limit: number): Promise<UserDoc[]> {
      return (
        await db
          .collection(COLLECTIONS.users)
          .where({ householdId: _.gt(''), _id: _.gt(afterId) })
          .orderBy('_id', 'asc')
          .limit(limit)
          .get()
      ).data as UserDoc[];
    },
    /** Unpaid and part-paid bills of these households due on or before `date`. */
    openBillsOfHouseholdsDueBy: (householdIds: string[], date: string) =>
      fetchAllIn<BillDoc>(db, COLLECTIONS.bills, 'householdId', householdIds, {
        status: _.in(OPEN),
        dueDate: _.lte(date),
      }),
    /** Unpaid and part-paid bills due before `today`, of some projects (null: every one), maybe one building. */
    overdueBills: (today: string, projectIds: string[] | null, buildingId?: string) => {
      const where: Record<string, unknown> = { status: _.in(OPEN), dueDate: _.lt(today) };
      if (buildingId) where.buildingId = buildingId;
      return projectIds
        ? fetchAllIn<BillDoc>(db, COLLECTIONS.bills, 'projectId', projectIds, where)
        : fetchAll<BillDoc>(db, COLLECTIONS.bills, where);
    },
    billsOfLease: (leaseId: string) =>
      fetchAll<BillDoc>(db, COLLECTIONS.bills, { leaseId }, { orderBy: ['period', 'desc'] }),
    billsOfHousehold: (householdId: string) =>
      fetchAll<BillDoc>(db, COLLECTIONS.bills, { householdId }, { orderBy: ['period', 'desc'] }),
    /** A period's bills, of some projects (null: every one). */
    billsOfPeriod: (period: string, projectIds: string[] | null) => {
      return projectIds
        ? fetchAllIn<BillDoc>(
            db,
            COLLECTIONS.bills,
            'projectId',
            projectIds,
            { period },
            {
              orderBy: ['_id', 'asc'],
            },
          )
        : fetchAll<BillDoc>(db, COLLECTIONS.bills, { period });
    },

    /** Orders still waiting for payment, of one household. */
    createdPaymentsOf: (householdId: string) =>
      fetchAll<PaymentDoc>(db, COLLECTIONS.payments, { householdId, status: 'created' }),
    /** Orders still waiting for payment that were made at or before `cutoff`. */
    createdPaymentsUntil: (cutoff: string) =>
      fetchAll<PaymentDoc>(db, COLLECTIONS.payments, { status: 'created', createdAt: _.lte(cutoff) }),
    paymentsOf: (householdId: string) =>
      fetchAll<PaymentDoc>(db, COLLECTIONS.payments, { householdId }, { orderBy: ['createdAt', 'desc'] }),
    /** Refunds of one order. */
    refundsOf: (orderId: string) => fetchAll<RefundDoc>(db, COLLECTIONS.refunds, { orderId }),
    /** Every refund, of some projects (null: every one). */
    refundsIn: (projectIds: string[] | null) =>
      projectIds
        ? fetchAllIn<RefundDoc>(db, COLLECTIONS.refunds, 'projectId', projectIds)
        : fetchAll<RefundDoc>(db, COLLECTIONS.refunds),
    /** Refunds WeChat Pay has not finished (or never answered), asked for at or before `cutoff`. */
    unfinishedRefundsUntil: (cutoff: string) =>
      fetchAll<RefundDoc>(db, COLLECTIONS.refunds, {
        status: _.in(['requested', 'processing']),
        requestedAt: _.lte(cutoff),
      }),
    /** Refunds that succeeded within [fromIso, toIso). */
    refundsSucceededBetween: (fromIso: string, toIso: string) =>
      fetchAll<RefundDoc>(db, COLLECTIONS.refunds, {
        status: 'success',
        succeededAt: _.gte(fromIso).and(_.lt(toIso)),
      }),
    /** Orders paid within [fromIso, toIso). */
    paymentsPaidBetween: (fromIso: string, toIso: string) =>
      fetchAll<PaymentDoc>(db, COLLECTIONS.payments, {
        status: 'paid',
        paidAt: _.gte(fromIso).and(_.lt(toIso)),
      }),
    /** Bills with more received than owed (多缴待退), of some projects (null: every one). */
    overpaidBills: (projectIds: string[] | null) =>
      projectIds
        ? fetchAllIn<BillDoc>(db, COLLECTIONS.bills, 'projectId', projectIds, { status: 'overpaid' })
        : fetchAll<BillDoc>(db, COLLECTIONS.bills, { status: 'overpaid' }),
    /** Writes a reconciliation difference (same id: replaced, so a rerun stores it once). */
    async setDifference(d: DifferenceDoc): Promise<void> {
      const { _id, ...body } = d;
      await db.collection(COLLECTIONS.tradeBillDifferences).doc(_id).set(body);
    },
    async removeDifference(id: string): Promise<void> {
      await db.collection(COLLECTIONS.tradeBillDifferences).doc(id).remove();
    },
    /** Differences of bill dates within [from, to] (YYYY-MM-DD). */
    differencesBetween: (from: string, to: string) =>
      fetchAll<DifferenceDoc>(db, COLLECTIONS.tradeBillDifferences, {
        billDate: _.gte(from).and(_.lte(to)),
      }),
    /** Records what happened to a payment notification or query (`payment_events`). */
    async recordPaymentEvent(event: Record<string, unknown>): Promise<void> {
      await db.collection(COLLECTIONS.paymentEvents).add(event);
    },
    /**
     * Counts a payment notification that failed verification: one document per Beijing day
     * (`rejected-notices-<day>` in `payment_events`) with a count per reason, incremented atomically on the
     * database (`_.inc`), so unauthenticated requests never add a row each. The first of the day creates
     * the document in a transaction, so two first requests do not overwrite each other.
     */
    async countRejectedNotice(day: string, reason: string, at: string): Promise<void> {
      const id = `rejected-notices-${day}`;
      const inc = { [`counts.${reason}`]: _.inc(1), total: _.inc(1), lastAt: at };
      const done = await db.collection(COLLECTIONS.paymentEvents).doc(id).update(inc);
      if (done.updated > 0) return;
      await db.runTransaction(async (tx) => {
        const doc = tx.collection(COLLECTIONS.paymentEvents).doc(id);
        if (await readDoc(tx, COLLECTIONS.paymentEvents, id)) await doc.update(inc);
        else
          await doc.set({
            kind: 'rejected-notices',
            day,
            counts: { [reason]: 1 },
            total: 1,
            firstAt: at,
            lastAt: at,
          });
      });
    },
  };
}

export type BillingRepository = ReturnType<typeof createBillingRepository>;
