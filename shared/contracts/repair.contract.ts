import { z } from 'zod';
import { REPAIR_CATEGORIES } from '../rules/repair-deadline.rule';
import { REPAIR_STATES } from '../rules/repair-flow.rule';
import {
  action,
  clientIdSchema,
  fileIdSchema,
  healthAction,
  idSchema,
  instantSchema,
  monthSchema,
  exportFileSchema,
} from './common';

/**
 * The `repair` function: repair and hardship-help requests (武昌调研报告 二(一)二: 房屋报修、困难求助). Tenants file
 * and follow their own; managers of the project dispatch; workers see only what is assigned to them.
 */
const text = (max: number) => z.string().trim().min(1).max(max);
/** A photo uploaded to the caller's own `uploads/<openid>/repair-photo/` (JPEG or PNG, at most 2 MB). */
const photo = fileIdSchema;

export const REQUEST_KINDS = ['repair', 'help'] as const;

export const repairEventSchema = z.object({
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  note: z.string(),
});

export const repairViewSchema = z.object({
  id: idSchema,
  kind: z.enum(REQUEST_KINDS),
  category: z.enum(REPAIR_CATEGORIES),
  categoryLabel: z.string(),
  description: z.string(),
  emergency: z.boolean(),
  status: z.enum(REPAIR_STATES),
  statusLabel: z.string(),
  unitLabel: z.string(),
  projectName: z.string(),
  preferredTimes: z.string(),
  deadline: z.string(),
  overdue: z.boolean(),
  workerName: z.string().nullable(),
  visitAt: z.string().nullable(),
  photos: z.number().int(),
  afterPhotos: z.number().int(),
  rating: z.object({ good: z.boolean(), reasons: z.array(z.string()) }).nullable(),
  createdAt: z.string(),
  events: z.array(repairEventSchema),
  /**
   * How long after completion the tenant may reopen it in this district (policy `repair.reopenWithinDays`),
   * and what sets that: the clause or `运营方设定（…）`.
   */
  reopen: z.object({ withinDays: z.number().int(), basis: z.string() }),
});

export const repairStatsRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  total: z.number().int(),
  finished: z.number().int(),
  medianHours: z.number().nullable(),
  overdue: z.number().int(),
  overdueRate: z.number(),
  good: z.number().int(),
  poor: z.number().int(),
});

const statsFilter = z
  .object({
    /** Months of submission, inclusive, 'YYYY-MM'; omitted: all. */
    fromMonth: monthSchema.optional(),
    toMonth: monthSchema.optional(),
    projectId: idSchema.optional(),
  })
  .strict();

export const repairContract = {
  health: healthAction,
  file: action(
    z
      .object({
        kind: z.enum(REQUEST_KINDS),
        category: z.enum(REPAIR_CATEGORIES),
        description: text(500),
        emergency: z.boolean(),
        preferredTimes: z.string().max(100),
        photos: z.array(photo).max(9),
        /** Client-made id so that a retried submission is stored once. */
        clientRequestId: clientIdSchema,
      })
      .strict(),
    repairViewSchema,
  ),
  mine: action(z.object({}).strict(), z.array(repairViewSchema)),
  detail: action(z.object({ repairId: idSchema }).strict(), repairViewSchema),
  /** Managers: requests of their projects; workers: requests assigned to them. */
  board: action(z.object({ status: z.enum(REPAIR_STATES).optional() }).strict(), z.array(repairViewSchema)),
  assign: action(
    z.object({ repairId: idSchema, workerUserId: idSchema, visitAt: instantSchema }).strict(),
    repairViewSchema,
  ),
  accept: action(z.object({ repairId: idSchema }).strict(), repairViewSchema),
  reject: action(z.object({ repairId: idSchema, reason: text(200) }).strict(), repairViewSchema),
  extendDeadline: action(
    z.object({ repairId: idSchema, deadline: instantSchema, reason: text(200) }).strict(),
    repairViewSchema,
  ),
  start: action(z.object({ repairId: idSchema }).strict(), repairViewSchema),
  complete: action(
    z.object({ repairId: idSchema, note: text(300), afterPhotos: z.array(photo).min(1).max(9) }).strict(),
    repairViewSchema,
  ),
  confirm: action(
    z
      .object({
        repairId: idSchema,
        good: z.boolean(),
        reasons: z.array(z.enum(['slow', 'unresolved', 'rude', 'other'])).max(4),
      })
      .strict(),
    repairViewSchema,
  ),
  reopen: action(z.object({ repairId: idSchema, reason: text(200) }).strict(), repairViewSchema),
  message: action(z.object({ repairId: idSchema, text: text(300) }).strict(), repairViewSchema),
  /** Managers: the maintenance workers of their projects, to assign to. */
  workers: action(
    z.object({ repairId: idSchema }).strict(),
    z.array(z.object({ userId: idSchema, name: z.string(), openTasks: z.number().int() })),
  ),
  /** Managers (their projects) and the housing office (all): per category, building and month. */
  stats: action(
    statsFilter,
    z.object({
      overall: repairStatsRowSchema,
      byCategory: z.array(repairStatsRowSchema),
      byBuilding: z.array(repairStatsRowSchema),
      byMonth: z.array(repairStatsRowSchema),
      poorReasons: z.array(z.object({ reason: z.string(), label: z.string(), count: z.number().int() })),
    }),
  ),
  exportStats: action(statsFilter, exportFileSchema),
  /**
   * The daily deadline reminder (timer trigger `daily-deadline-reminders` in production); managers and the
   * office can run it locally. Idempotent per request and day.
   */
  remindDeadlines: action(
    z.object({}).strict(),
    z.object({ checked: z.number().int(), reminded: z.number().int(), queued: z.number().int() }),
  ),
  /** A photo of a request, as a temporary address, for the tenant, the assigned worker and the project's managers only. */
  photo: action(
    z
      .object({
        repairId: idSchema,
        which: z.enum(['before', 'after']),
        index: z.number().int().min(0).max(8),
      })
      .strict(),
    z.object({ contentType: z.string(), url: z.string() }),
  ),
};

export type RepairView = z.infer<typeof repairViewSchema>;
