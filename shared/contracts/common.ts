import { z } from 'zod';

export const ROLES = ['tenant', 'manager', 'volunteer', 'admin', 'worker'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  tenant: '租户',
  manager: '物业管家',
  volunteer: '安全志愿者',
  admin: '住房保障部门',
  worker: '维修人员',
};

/** Integer fen (1 yuan = 100 fen); money never travels as a float (docs/conventions.md §8). */
export const fenSchema = z.number().int();
export const idSchema = z.string().min(1).max(64);

/**
 * One action of a function: the payload schema (everything in the event except `action`; unknown keys
 * rejected) and the result schema. The handler validates events with `input`; the client's call wrapper
 * takes its types from both.
 */
export interface ActionContract<
  I extends z.ZodTypeAny = z.ZodTypeAny,
  O extends z.ZodTypeAny = z.ZodTypeAny,
> {
  input: I;
  output: O;
}

export function action<I extends z.ZodTypeAny, O extends z.ZodTypeAny>(
  input: I,
  output: O,
): ActionContract<I, O> {
  return { input, output };
}

export const healthResult = z.object({ status: z.literal('ok'), function: z.string(), time: z.string() });
export type HealthResult = z.infer<typeof healthResult>;

/** Every function answers `health` (used by the local host, CI and deployment checks). */
export const healthAction = action(z.object({}).strict(), healthResult);
