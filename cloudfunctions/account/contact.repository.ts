import { COLLECTIONS } from '@shared/collections';
import type { UserDoc } from '../_runtime/caller';
import type { DatabasePort } from '../_runtime/db';
import type { AuditDoc, LeaseDoc, ProjectDoc } from '../_runtime/documents';
import { phoneOfUser } from '../_runtime/person-phone';
import { appendAudit, docsOf, readDoc, type Writer } from '../_runtime/repository';

/** The writes of these actions: the caller's user record and the audit trail, on the database or a transaction. */
function writer(w: Writer) {
  return {
    users: docsOf<UserDoc>(w, COLLECTIONS.users),
    audit: (entry: Omit<AuditDoc, '_id'>) => appendAudit(w, entry),
  };
}

/** Data access for contact by telephone (issue #17); the only code of these actions that touches collections (§2). */
export function createContactRepository(db: DatabasePort) {
  return {
    ...writer(db),
    /** Runs `fn` in one transaction (safe to rerun) with the writes bound to it. */
    runInTransaction: <T>(fn: (tx: ReturnType<typeof writer>) => Promise<T>): Promise<T> =>
      db.runTransaction((tx) => fn(writer(tx))),
    /** The few fields of a repair that decide whose it is and who handles it. */
    repairCase: (id: string) =>
      readDoc<{
        _id: string;
        status: string;
        householdId: string;
        projectId: string;
        workerUserId?: string | null;
      }>(db, COLLECTIONS.repairs, id),
    /** A user's mobile number: the one lookup urgent SMS uses too (`_runtime/person-phone.ts`). */
    workPhone: (userId: string) => phoneOfUser(db, userId),
    async activeLease(householdId: string): Promise<LeaseDoc | null> {
      const res = await db
        .collection(COLLECTIONS.leases)
        .where({ householdId, status: 'active' })
        .limit(1)
        .get();
      return (res.data[0] as LeaseDoc | undefined) ?? null;
    },
    project: (id: string) => readDoc<ProjectDoc>(db, COLLECTIONS.projects, id),
  };
}
export type ContactRepository = ReturnType<typeof createContactRepository>;
