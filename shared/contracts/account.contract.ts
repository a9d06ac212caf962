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

export const myApplicationResult = z
  .object({
    id: idSchema,
    status: z.string(),
    statusLabel: z.string(),
    submittedAt: z.string(),
    /** 三审三公示 (Ulanqab Art. 13), each with when it was reached. */
    stages: z.array(
      z.object({
        state: z.string(),
        label: z.string(),
        reachedAt: z.string().nullable(),
        current: z.boolean(),
      }),
    ),
  })
  .nullable();
export type MyApplication = z.infer<typeof myApplicationResult>;

/** The `account` function: who am I, the first page of each role, and my eligibility application. */
export const accountContract = {
  health: healthAction,
  me: action(z.object({}).strict(), meResult),
  myApplication: action(z.object({}).strict(), myApplicationResult),
};
