import type { Role } from '@shared/contracts';
import { AppError } from '@shared/errors';
import type { UserDoc } from './caller';
import type { ServiceContext } from './handler';

/**
 * The access checks every service opens with (docs/conventions.md §5), in one place. A refusal reads as
 * NOT_FOUND, so "not allowed" and "not there" look the same to the caller.
 */

/** "Not found, or not yours": the one refusal (with the record's own message where there is one). */
export function notFound(message?: string): never {
  throw new AppError('NOT_FOUND', message);
}

/** The record when it exists and the caller may see it; otherwise the same NOT_FOUND either way. */
export function found<T>(
  doc: T | null | undefined,
  allowed: (doc: T) => boolean = () => true,
  message?: string,
): T {
  if (doc === null || doc === undefined || !allowed(doc)) notFound(message);
  return doc;
}

export function hasRole(ctx: Pick<ServiceContext, 'caller'>, ...roles: Role[]): boolean {
  return roles.some((r) => ctx.caller.roles.includes(r));
}

/** Refuses callers who have none of `roles`. */
export function requireRole(ctx: Pick<ServiceContext, 'caller'>, ...roles: Role[]): void {
  if (!hasRole(ctx, ...roles)) notFound();
}

/** The caller's user record (a caller seen for the first time has none yet). */
export function requireUser(ctx: Pick<ServiceContext, 'caller'>): UserDoc {
  return found(ctx.caller.user);
}

export const isAdmin = (ctx: Pick<ServiceContext, 'caller'>): boolean => hasRole(ctx, 'admin');

/** The projects the caller manages as a manager (none for anyone else). */
export const managedProjects = (ctx: Pick<ServiceContext, 'caller'>): string[] =>
  hasRole(ctx, 'manager') ? (ctx.caller.user?.projectIds ?? []) : [];

/** The projects the caller oversees: null for the housing office (every project), else the managed ones. */
export const projectScope = (ctx: Pick<ServiceContext, 'caller'>): string[] | null =>
  isAdmin(ctx) ? null : managedProjects(ctx);

/** Whether a project is in a scope (null: every project). */
export const inScope = (scope: string[] | null, projectId: string): boolean =>
  scope === null || scope.includes(projectId);

/** The housing office, or a manager of the project. */
export const canManage = (ctx: Pick<ServiceContext, 'caller'>, projectId: string): boolean =>
  inScope(projectScope(ctx), projectId);

/**
 * Staff (the housing office or managers): their project scope. A manager without projects passes and
 * sees nothing; anyone else is refused.
 */
export function staffScope(ctx: Pick<ServiceContext, 'caller'>): string[] | null {
  requireRole(ctx, 'admin', 'manager');
  return projectScope(ctx);
}

/**
 * Callers who oversee at least one project (the housing office, managers with projects): their scope.
 * Given a project, also refuses callers who do not oversee it.
 */
export function requireOversight(ctx: Pick<ServiceContext, 'caller'>, projectId?: string): string[] | null {
  const scope = projectScope(ctx);
  if (scope?.length === 0) notFound();
  if (projectId !== undefined && !inScope(scope, projectId)) notFound();
  return scope;
}

/** Whether a user (not the caller: a worker or volunteer being assigned) has the role in the project. */
export const servesProject = (user: UserDoc | null | undefined, role: Role, projectId: string): boolean =>
  !!user && user.roles.includes(role) && (user.projectIds ?? []).includes(projectId);
