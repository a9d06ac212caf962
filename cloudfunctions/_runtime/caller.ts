import type { Role } from '@shared/contracts';
import { COLLECTIONS } from '@shared/collections';
import { AppError } from '@shared/errors';
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

export function hasRole(caller: Caller, ...roles: Role[]): boolean {
  return roles.some((r) => caller.roles.includes(r));
}

/**
 * The access check that opens every service method (docs/conventions.md §5). Refusals read as NOT_FOUND so that
 * "not allowed" and "not there" look the same to the caller.
 */
export function requireRole(caller: Caller, ...roles: Role[]): void {
  if (!hasRole(caller, ...roles)) throw new AppError('NOT_FOUND');
}
