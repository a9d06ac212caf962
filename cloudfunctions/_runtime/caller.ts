import type { Role } from '@shared/contracts';
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
  createdAt: string;
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
