import { COLLECTIONS } from '@shared/collections';
import type { DatabasePort } from '../_runtime/db';
import type { UserDoc } from '../_runtime/caller';
import { appendAudit, readDoc } from '../_runtime/repository';
import type { AuditDoc, BillDoc, ExitCaseDoc, HouseholdDoc, LeaseDoc } from '../_runtime/documents';
import type { HazardDoc } from '../patrol/patrol.documents';

/** A repair as far as the contact check reads it. */
export interface RepairCaseDoc {
  _id: string;
  status: string;
  householdId: string;
  userId: string;
  projectId: string;
  workerUserId: string | null;
}

/** The reads behind "call the tenant" (account.caseContact) and its audit entry. */
export function createCaseContactRepository(db: DatabasePort) {
  const _ = db.command;
  return {
    repair: (id: string) => readDoc<RepairCaseDoc>(db, COLLECTIONS.repairs, id),
    lease: (id: string) => readDoc<LeaseDoc>(db, COLLECTIONS.leases, id),
    hazard: (id: string) => readDoc<HazardDoc>(db, COLLECTIONS.hazards, id),
    exitCase: (id: string) => readDoc<ExitCaseDoc>(db, COLLECTIONS.exitCases, id),
    household: (id: string) => readDoc<HouseholdDoc>(db, COLLECTIONS.households, id),
    user: (id: string) => readDoc<UserDoc>(db, COLLECTIONS.users, id),
    /** Whether the lease has a bill still open after its due day (the lease is in arrears). */
    async hasOverdueBill(leaseId: string, today: string): Promise<boolean> {
      const res = await db
        .collection(COLLECTIONS.bills)
        .where({ leaseId, status: _.in(['unpaid', 'partial']), dueDate: _.lt(today) })
        .limit(1)
        .get();
      return (res.data as BillDoc[]).length > 0;
    },
    /** The active lease of a unit (who lives there now), if any. */
    async activeLeaseOfUnit(unitId: string): Promise<LeaseDoc | null> {
      const res = await db.collection(COLLECTIONS.leases).where({ unitId, status: 'active' }).limit(1).get();
      return (res.data[0] as LeaseDoc | undefined) ?? null;
    },
    audit: (entry: Omit<AuditDoc, '_id'>) => appendAudit(db, entry),
  };
}

export type CaseContactRepository = ReturnType<typeof createCaseContactRepository>;
