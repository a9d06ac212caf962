import type { ParallelDepartment } from '@shared/rules/application.rule';
import { COLLECTIONS } from '@shared/collections';
import type { DatabasePort } from '../_runtime/db';
import type { UserDoc } from '../_runtime/caller';
import { docsByIds, fetchAll } from '../_runtime/fetch-all';
import { appendAudit, docsOf, readDoc, type Writer } from '../_runtime/repository';
import type { AuditDoc, HouseholdDoc, IdAccessDoc, ProjectDoc } from '../_runtime/documents';
import type { InvitationRole } from '@shared/contracts';

/** An invitation to a staff role (in projects) or, from a household head, into the household. */
export interface InvitationDoc {
  _id: string;
  code: string;
  role: InvitationRole;
  projectIds: string[];
  /** Family invitations: the household the member joins. */
  householdId?: string;
  /** Department checkers' invitations: the department (惠州 链接2(3)). */
  department?: ParallelDepartment;
  note: string;
  createdBy: string;
  createdByName: string;
  createdAt: string;
  expiresAt: string;
  status: 'open' | 'accepted' | 'revoked';
  acceptedBy?: string;
  acceptedByName?: string;
  acceptedAt?: string;
  revokedAt?: string;
  /** The stored 小程序码 (`invitations/<id>/wxacode.png`), once made. */
  wxacodeFileId?: string;
}

/** `household_bindings/<householdId>`: who is bound to a household (one head, family members). */
export interface HouseholdBindingDoc {
  _id: string;
  headUserId: string | null;
  memberUserIds: string[];
  updatedAt: string;
}

export interface AttemptCounterDoc {
  _id: string;
  count: number;
  day: string;
}

/** The meta document that records the spent first-administrator setup code. */
export const FIRST_ADMIN_META = 'first-admin';

/** Single-document reads and writes, the same on the database and inside a transaction. */
function writerMethods(w: Writer, cmd: DatabasePort['command']) {
  return {
    /** Unbinds a user from their household: the binding fields removed, `roles` stored. */
    async unbindUser(id: string, roles: string[]): Promise<void> {
      await w.collection(COLLECTIONS.users).doc(id).update({
        householdId: cmd.remove(),
        householdRelation: cmd.remove(),
        boundAt: cmd.remove(),
        roles,
      });
    },
    users: docsOf<UserDoc>(w, COLLECTIONS.users),
    invitations: docsOf<InvitationDoc>(w, COLLECTIONS.invitations),
    bindings: docsOf<HouseholdBindingDoc>(w, COLLECTIONS.householdBindings),
    counters: docsOf<AttemptCounterDoc>(w, COLLECTIONS.attemptCounters),
    households: docsOf<HouseholdDoc>(w, COLLECTIONS.households),
    firstAdmin: () =>
      readDoc<{ _id: string; userId: string; at: string }>(w, COLLECTIONS.meta, FIRST_ADMIN_META),
    async spendFirstAdmin(userId: string, at: string): Promise<void> {
      await w.collection(COLLECTIONS.meta).doc(FIRST_ADMIN_META).set({ userId, at });
    },
    audit: (entry: Omit<AuditDoc, '_id'>) => appendAudit(w, entry),
    async logIdAccess(entry: Omit<IdAccessDoc, '_id'>): Promise<void> {
      await w.collection(COLLECTIONS.idAccessLog).add(entry);
    },
  };
}
export type PeopleWriter = ReturnType<typeof writerMethods>;

/** Data access for people (issue #17); the only code of these actions that touches collections (§2). */
export function createPeopleRepository(db: DatabasePort) {
  const _ = db.command;
  return {
    ...writerMethods(db, db.command),
    /** Runs `fn` in one transaction with the single-document methods bound to it (safe to rerun). */
    runInTransaction: <T>(fn: (tx: PeopleWriter) => Promise<T>): Promise<T> =>
      db.runTransaction((tx) => fn(writerMethods(tx, db.command))),
    async userByOpenid(openid: string): Promise<UserDoc | null> {
      const res = await db.collection(COLLECTIONS.users).where({ openid }).limit(1).get();
      return (res.data[0] as UserDoc | undefined) ?? null;
    },
    /** Creates the user `id` unless it exists; false when another call created it first. */
    async createUserIfAbsent(user: UserDoc): Promise<boolean> {
      return db.runTransaction(async (tx) => {
        if (await readDoc<UserDoc>(tx, COLLECTIONS.users, user._id)) return false;
        const { _id, ...body } = user;
        await tx.collection(COLLECTIONS.users).doc(_id).set(body);
        return true;
      });
    },
    /** The few fields of a repair that decide who is handling it. */
    async repairCase(id: string): Promise<{
      _id: string;
      status: string;
      householdId: string;
      userId: string;
      projectId: string;
      workerUserId: string | null;
    } | null> {
      return readDoc(db, COLLECTIONS.repairs, id);
    },
    async householdByIdHash(idNumberHash: string): Promise<HouseholdDoc | null> {
      const res = await db.collection(COLLECTIONS.households).where({ idNumberHash }).limit(1).get();
      return (res.data[0] as HouseholdDoc | undefined) ?? null;
    },
    async invitationByCode(code: string): Promise<InvitationDoc | null> {
      const res = await db.collection(COLLECTIONS.invitations).where({ code }).limit(1).get();
      return (res.data[0] as InvitationDoc | undefined) ?? null;
    },
    async addInvitation(doc: InvitationDoc): Promise<void> {
      const { _id, ...body } = doc;
      await db.collection(COLLECTIONS.invitations).add({ _id, ...body });
    },
    /** Invitations made by a user, or every staff invitation (the office), newest first (at most 200). */
    async invitationsBy(userId: string | 'all-staff'): Promise<InvitationDoc[]> {
      const query =
        userId === 'all-staff'
          ? db.collection(COLLECTIONS.invitations).where({ role: _.neq('family') })
          : db.collection(COLLECTIONS.invitations).where({ createdBy: userId });
      const res = await query.orderBy('createdAt', 'desc').limit(200).get();
      return res.data as InvitationDoc[];
    },
    async projects(ids: string[]): Promise<Map<string, ProjectDoc>> {
      return docsByIds<ProjectDoc>(db, COLLECTIONS.projects, ids);
    },
    async allProjectIds(): Promise<string[]> {
      const all = await fetchAll<ProjectDoc>(db, COLLECTIONS.projects, {}, { field: { _id: true } });
      return all.map((p) => p._id);
    },
    async usersByIds(ids: string[]): Promise<Map<string, UserDoc>> {
      return docsByIds<UserDoc>(db, COLLECTIONS.users, ids);
    },
    async householdsByIds(ids: string[]): Promise<Map<string, HouseholdDoc>> {
      return docsByIds<HouseholdDoc>(db, COLLECTIONS.households, ids);
    },
    /** Everyone holding one of `roles`. */
    async usersWithRoles(roles: string[]): Promise<UserDoc[]> {
      return fetchAll<UserDoc>(db, COLLECTIONS.users, { roles: _.in(roles) });
    },
    /** Everyone bound to a household (heads and family members). */
    async boundUsers(): Promise<UserDoc[]> {
      return fetchAll<UserDoc>(db, COLLECTIONS.users, { householdId: _.exists(true) });
    },
    /** Everyone who has asked for a correction (read to the end, docs/conventions.md §13). */
    async usersWithCorrections(): Promise<UserDoc[]> {
      return fetchAll<UserDoc>(db, COLLECTIONS.users, { corrections: _.exists(true) });
    },
    async usersOfHousehold(householdId: string): Promise<UserDoc[]> {
      const res = await db.collection(COLLECTIONS.users).where({ householdId }).limit(100).get();
      return res.data as UserDoc[];
    },
    async idAccessLog(): Promise<IdAccessDoc[]> {
      const res = await db
        .collection(COLLECTIONS.idAccessLog)
        .where({})
        .orderBy('at', 'desc')
        .limit(200)
        .get();
      return res.data as IdAccessDoc[];
    },
    /** Households still holding a plain `idNumber` (written before ID numbers were sealed): at most `limit`. */
    async plainIdHouseholds(limit: number): Promise<(HouseholdDoc & { idNumber: string })[]> {
      const res = await db
        .collection(COLLECTIONS.households)
        .where({ idNumber: _.exists(true) })
        .limit(limit)
        .get();
      return res.data as (HouseholdDoc & { idNumber: string })[];
    },
    /** Replaces a household's plain ID number by its sealed form. */
    async sealHousehold(
      id: string,
      sealed: Pick<HouseholdDoc, 'idNumberCipher' | 'idNumberHash' | 'idNumberMasked'>,
    ) {
      await db
        .collection(COLLECTIONS.households)
        .doc(id)
        .update({ ...sealed, idNumber: _.remove() });
    },
    /** Exited households past `cutoff` (exit day) whose personal data is still held: at most `limit`. */
    async exitedBefore(cutoff: string, limit: number): Promise<HouseholdDoc[]> {
      const res = await db
        .collection(COLLECTIONS.households)
        .where({ status: 'exited', exitedOn: _.lt(cutoff), personalDataErasedAt: _.exists(false) })
        .limit(limit)
        .get();
      return res.data as HouseholdDoc[];
    },
  };
}

export type PeopleRepository = ReturnType<typeof createPeopleRepository>;
