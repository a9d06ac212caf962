import { z } from 'zod';
import { action, fenSchema, healthAction, idSchema, roleSchema } from './common';

export const tenantHomeSchema = z.object({
  household: z.object({
    id: idSchema,
    headName: z.string(),
    size: z.number().int(),
    category: z.string(),
    categoryLabel: z.string(),
    status: z.string(),
    statusLabel: z.string(),
  }),
  lease: z
    .object({
      id: idSchema,
      projectName: z.string(),
      unitLabel: z.string(),
      areaM2: z.number(),
      monthlyRentFen: fenSchema,
      startDate: z.string(),
      endDate: z.string(),
    })
    .nullable(),
  /** Sum of unpaid and partially paid bills, fen. */
  balanceDueFen: fenSchema,
  unpaidBills: z.number().int(),
});

export const projectSummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  units: z.number().int(),
  occupied: z.number().int(),
  vacant: z.number().int(),
  leasesInArrears: z.number().int(),
  arrearsFen: fenSchema,
});

export const meResult = z.object({
  user: z.object({ id: idSchema, name: z.string(), roles: z.array(roleSchema) }),
  tenant: tenantHomeSchema.nullable(),
  /** Projects the caller manages (manager) or all projects (admin). */
  projects: z.array(projectSummarySchema),
  volunteer: z.object({ unitsToVisit: z.number().int(), specialCareDue: z.number().int() }).nullable(),
  admin: z.object({ applicationsByStatus: z.record(z.string(), z.number().int()) }).nullable(),
});

export type MeResult = z.infer<typeof meResult>;

/** The `account` function: who am I, and the first page of each role. */
export const accountContract = {
  health: healthAction,
  me: action(z.object({}).strict(), meResult),
};
