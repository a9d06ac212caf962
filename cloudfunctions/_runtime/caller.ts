import type { Role } from '@shared/contracts';
import type { ParallelDepartment } from '@shared/rules/application.rule';
import { COLLECTIONS } from '@shared/collections';
import type { DatabasePort } from './db';

/** A stored user: one per WeChat OPENID (unique index). Roles are granted by the housing office. */
export interface UserDoc {
  _id: string;
  openid: string;
  name: string;
  roles: Role[];
  /** Tenants and applicants: their household. */
  householdId?: string;
  /** Managers, workers and volunteers: the projects they serve. */
  projectIds?: string[];
  /** A department checker (`department_reviewer`): the department of the parallel review they answer for. */
  department?: ParallelDepartment | null;
  createdAt: string;
  /** Bound to `householdId` as its head (name, ID number and WeChat phone matched) or as a family member. */
  householdRelation?: 'head' | 'member';
  boundAt?: string;
  /** The phone number WeChat confirmed: at binding, or a member of staff's work phone (account.confirmWorkPhone). */
  phone?: string;
  /** A family member's own ID number, sealed (`_runtime/id-number.ts`). */
  idNumberCipher?: string;
  idNumberHash?: string;
  idNumberMasked?: string;
  /** Consent to the privacy notices: the version agreed to and when (个人信息保护法 第十四条、第二十九条). */
  consents?: { personal?: { version: string; at: string }; sensitive?: { version: string; at: string } };
  /**
   * The application this person submitted last (allocation's application.service.ts): written in the
   * submitting transaction and compared there, so two submissions racing with different request ids make one.
   */
  lastApplicationId?: string;
  /** Requests to correct one's data (第四十六条), newest last. */
  corrections?: { id: string; field: string; text: string; at: string; status: 'open' | 'done' }[];
}

/** Who is calling: resolved from the platform OPENID and the users collection, never from the event. */
export interface Caller {
  openid: string;
  user: UserDoc | null;
  roles: Role[];
}

export async function loadCaller(db: DatabasePort, openid: string): Promise<Caller> {
  const res = await db.collection(COLLECTIONS.users).where({ openid }).limit(1).get();
  const user = (res.data[0] as UserDoc | undefined) ?? null;
  return { openid, user, roles: user?.roles ?? [] };
}
