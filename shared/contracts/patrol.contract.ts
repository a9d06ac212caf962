import { z } from 'zod';
import { HAZARD_SEVERITIES, SEASONAL_PATROLS } from '../rules/patrol.rule';
import {
  action,
  clientIdSchema,
  fileIdSchema,
  healthAction,
  idSchema,
  instantSchema,
  isoDateSchema,
  quarterSchema,
  exportFileSchema,
} from './common';

/**
 * The `patrol` function: quarterly home safety patrols, public-area checks, seasonal special patrols,
 * hazards as rectification tasks, and the special-care registry (武昌调研报告 二(三)三、四).
 *
 * Who sees what: a volunteer only the routes, visits, logs and care residents assigned to them; a manager
 * only their projects (user.projectIds); the housing office (admin) everything. Times are ISO instants;
 * dates are ISO `YYYY-MM-DD` in China time (UTC+8).
 */
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).default('');
/** A photo uploaded to the caller's own `uploads/<openid>/hazard-photo / visit-photo/` (JPEG or PNG, at most 2 MB). */
const photo = fileIdSchema;
const isoDate = isoDateSchema;
const instant = instantSchema;
/** Made on the phone when the record is created, so a record replayed after going offline is stored once. */
const clientId = clientIdSchema;

export const VISIT_STATUSES = ['to_visit', 'visited', 'nobody_home', 'refused'] as const;
export const VISIT_OUTCOMES = ['visited', 'nobody_home', 'refused'] as const;
/** 是否有人居住 on a home visit: 有人居住 / 无人居住迹象 / 无法判断 (vacancy-evidence.rule.ts). */
export const OCCUPANCY_ANSWERS = ['lived_in', 'vacant', 'unsure'] as const;
/** The visit form's version that asks 是否有人居住 (sent as `logVisit.form`; see there). */
export const VISIT_FORM_VERSION = 2;
export const CHECK_RESULTS = ['ok', 'problem', 'na'] as const;
export const HAZARD_STATUSES = ['open', 'assigned', 'rectified', 'closed'] as const;
export const CARE_OUTCOMES = ['well', 'needs_help', 'not_reached'] as const;
export const CARE_CHANNELS = ['visit', 'phone', 'wechat'] as const;
export const PLAN_SCOPES = ['homes_and_public', 'homes', 'public_areas'] as const;

export const hazardSeveritySchema = z.enum(HAZARD_SEVERITIES);

export const checklistItemSchema = z.object({ id: z.string(), label: z.string() });

export const planRunViewSchema = z.object({
  id: idSchema,
  kind: z.enum(['quarterly', 'seasonal']),
  quarter: z.string(),
  label: z.string(),
  scope: z.enum(PLAN_SCOPES),
  status: z.enum(['running', 'complete']),
  projectIds: z.array(z.string()),
  startsOn: z.string(),
  dueOn: z.string(),
  homeChecklist: z.array(checklistItemSchema),
  publicChecklist: z.array(checklistItemSchema),
  routes: z.number().int(),
  unassignedRoutes: z.number().int(),
  units: z.number().int(),
  publicAreas: z.number().int(),
  /** Written by this call (0 when the plan already existed: rerunning never duplicates). */
  written: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const routeViewSchema = z.object({
  id: idSchema,
  runId: z.string(),
  runLabel: z.string(),
  quarter: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  buildingId: z.string(),
  buildingName: z.string(),
  /** e.g. `1栋 1–4层` */
  title: z.string(),
  floorFrom: z.number().int().nullable(),
  floorTo: z.number().int().nullable(),
  includesPublicArea: z.boolean(),
  volunteerUserId: z.string().nullable(),
  volunteerName: z.string().nullable(),
  plannedOn: z.string(),
  total: z.number().int(),
  toVisit: z.number().int(),
  visited: z.number().int(),
  nobodyHome: z.number().int(),
  refused: z.number().int(),
});

export const visitViewSchema = z.object({
  id: idSchema,
  runId: z.string(),
  routeId: z.string(),
  target: z.enum(['unit', 'public_area']),
  /** Unit label, or `<building> 公共区域`. */
  label: z.string(),
  buildingName: z.string(),
  floor: z.number().int().nullable(),
  status: z.enum(VISIT_STATUSES),
  statusLabel: z.string(),
  specialCare: z.boolean(),
  attempts: z.number().int(),
  /** After "nobody home": the day of the next attempt, or null. */
  retryOn: z.string().nullable(),
  plannedOn: z.string(),
  lastVisitedAt: z.string().nullable(),
  checklist: z.array(checklistItemSchema),
});

export const logViewSchema = z.object({
  id: idSchema,
  clientLogId: z.string(),
  visitId: z.string(),
  label: z.string(),
  outcome: z.enum(VISIT_OUTCOMES),
  outcomeLabel: z.string(),
  visitedAt: z.string(),
  receivedAt: z.string(),
  checklist: z.array(
    z.object({ id: z.string(), label: z.string(), result: z.enum(CHECK_RESULTS), note: z.string() }),
  ),
  notes: z.string(),
  photos: z.number().int(),
  /** The answer to 是否有人居住 (null on logs made before the question was asked, or left unanswered). */
  occupancy: z.enum(OCCUPANCY_ANSWERS).nullable(),
});

export const hazardViewSchema = z.object({
  id: idSchema,
  projectId: z.string(),
  projectName: z.string(),
  buildingName: z.string(),
  location: z.string(),
  /** In a home (a unit): its tenant can be called about it (account.caseContact). */
  inHome: z.boolean(),
  category: z.string(),
  severity: hazardSeveritySchema,
  severityLabel: z.string(),
  description: z.string(),
  status: z.enum(HAZARD_STATUSES),
  statusLabel: z.string(),
  reportedAt: z.string(),
  reporterName: z.string(),
  deadline: z.string(),
  overdue: z.boolean(),
  assigneeName: z.string().nullable(),
  photos: z.number().int(),
  afterPhotos: z.number().int(),
  events: z.array(z.object({ at: z.string(), actorName: z.string(), action: z.string(), note: z.string() })),
});

export const careContactSchema = z
  .object({
    name: text(20),
    relation: optionalText(20),
    phone: z
      .string()
      .max(20)
      .regex(/^[0-9+\-\s]{5,20}$/),
    /** A contact who uses the mini-program also gets the escalation message. */
    userId: idSchema.optional(),
  })
  .strict();

export const careViewSchema = z.object({
  id: idSchema,
  householdId: z.string(),
  projectId: z.string(),
  unitLabel: z.string(),
  personName: z.string(),
  reason: z.string(),
  contacts: z.array(z.object({ name: z.string(), relation: z.string(), phone: z.string() })),
  cadenceDays: z.number().int(),
  volunteerUserId: z.string().nullable(),
  volunteerName: z.string().nullable(),
  active: z.boolean(),
  lastCheckAt: z.string().nullable(),
  lastOutcome: z.enum(CARE_OUTCOMES).nullable(),
  nextDueAt: z.string(),
  overdue: z.boolean(),
  /** Not reached since this instant (escalates after the policy delay), or null. */
  notReachedSince: z.string().nullable(),
  escalatedAt: z.string().nullable(),
});

export const careDueItemSchema = z.object({
  careId: z.string(),
  personName: z.string(),
  unitLabel: z.string(),
  reason: z.string(),
  nextDueAt: z.string(),
  overdue: z.boolean(),
  notReachedSince: z.string().nullable(),
});

export const coverageRowSchema = z.object({
  projectId: z.string(),
  projectName: z.string(),
  buildingId: z.string().nullable(),
  buildingName: z.string(),
  unitsDue: z.number().int(),
  unitsVisited: z.number().int(),
  /** unitsVisited / unitsDue, 0–1 (1 when nothing is due). */
  coverage: z.number(),
  attempts: z.number().int(),
  nobodyHomeAttempts: z.number().int(),
  /** Share of home-visit attempts that found nobody home, 0–1. */
  nobodyHomeRate: z.number(),
  refused: z.number().int(),
  publicAreasDue: z.number().int(),
  publicAreasChecked: z.number().int(),
  hazardsFound: z.number().int(),
  hazardsClosed: z.number().int(),
  hazardsOverdue: z.number().int(),
  careDone: z.number().int(),
  careDue: z.number().int(),
});

export const signalSchema = z.object({
  kind: z.enum(['vacancy_sublet', 'repeated_nobody_home']),
  kindLabel: z.string(),
  projectName: z.string(),
  buildingName: z.string(),
  unitId: z.string(),
  unitLabel: z.string(),
  note: z.string(),
  at: z.string(),
  clause: z.string(),
});

export const coverageViewSchema = z.object({
  quarter: z.string(),
  asOf: z.string(),
  projects: z.array(coverageRowSchema),
  buildings: z.array(coverageRowSchema),
  /** Suspected vacancy or sublet: the list for the exit procedure. */
  signals: z.array(signalSchema),
});

/** A stored photo to show: a temporary address (getTempFileURL), not its bytes. */
const photoOut = z.object({ contentType: z.string(), url: z.string() });

export const patrolContract = {
  health: healthAction,

  // ---- planning (admin: all projects; manager: their projects) ----
  /** Creates the quarter's plan (the `quarterly-plan` timer does the same for all projects). Idempotent. */
  generatePlan: action(
    z
      .object({ quarter: quarterSchema.optional(), projectIds: z.array(idSchema).max(200).optional() })
      .strict(),
    planRunViewSchema,
  ),
  /** Adds a seasonal special patrol with its own checklist (a preset, or a custom one with its items). */
  addSeasonalPatrol: action(
    z
      .object({
        projectId: idSchema,
        preset: z.enum(SEASONAL_PATROLS.map((p) => p.id) as [string, ...string[]]).optional(),
        label: text(40).optional(),
        checklist: z.array(text(40)).min(1).max(20).optional(),
        scope: z.enum(PLAN_SCOPES),
        startsOn: isoDate,
        dueOn: isoDate,
      })
      .strict(),
    planRunViewSchema,
  ),
  /** The patrols (quarterly and seasonal) of a quarter the caller manages. */
  runs: action(z.object({ quarter: quarterSchema.optional() }).strict(), z.array(planRunViewSchema)),
  /** A project's routes with progress, and its volunteers with their load (the rebalance page). */
  routes: action(
    z.object({ projectId: idSchema, runId: idSchema.optional() }).strict(),
    z.object({
      routes: z.array(routeViewSchema),
      volunteers: z.array(
        z.object({ userId: z.string(), name: z.string(), routes: z.number().int(), units: z.number().int() }),
      ),
    }),
  ),
  /** Rebalance: moves a route (with its remaining visits) to another volunteer of the project. */
  moveRoute: action(z.object({ routeId: idSchema, volunteerUserId: idSchema }).strict(), routeViewSchema),

  // ---- volunteers ----
  /** My route for today: care residents due first, then second attempts, then today's planned visits. */
  myToday: action(
    z.object({ date: isoDate.optional() }).strict(),
    z.object({
      date: z.string(),
      care: z.array(careDueItemSchema),
      visits: z.array(visitViewSchema),
      counts: z.object({
        toVisit: z.number().int(),
        visited: z.number().int(),
        nobodyHome: z.number().int(),
        refused: z.number().int(),
      }),
    }),
  ),
  /** All my routes of the current patrols, with progress. */
  myRoutes: action(z.object({ quarter: quarterSchema.optional() }).strict(), z.array(routeViewSchema)),
  /** One route's visits (the volunteer of the route, or its project's managers). */
  routeVisits: action(
    z.object({ routeId: idSchema }).strict(),
    z.object({ route: routeViewSchema, visits: z.array(visitViewSchema) }),
  ),
  /**
   * Logs a visit attempt. Replaying the same `clientLogId` with the same content returns the stored log
   * (`replayed: true`); with different content it is refused. "nobody_home" schedules a second attempt.
   * A "visited" log answers every item of the visit's checklist explicitly (ok / problem / na): an item left
   * out is INVALID_INPUT naming it (`fields['checklist.<id>']`); nothing defaults to ok.
   */
  logVisit: action(
    z
      .object({
        clientLogId: clientId,
        visitId: idSchema,
        outcome: z.enum(VISIT_OUTCOMES),
        /** When it happened on the phone (may be earlier than when it reached the server). */
        visitedAt: instant,
        checklist: z
          .array(
            z
              .object({ id: z.string().max(40), result: z.enum(CHECK_RESULTS), note: optionalText(200) })
              .strict(),
          )
          .max(20),
        notes: optionalText(500),
        photos: z.array(photo).max(6),
        /**
         * 是否有人居住: what the volunteer saw of the home (a unit's visit only). The evidence of 连续未居住
         * (乌兰察布 第三十二条(三)) the exit procedure counts from. Required on a home visit from a phone that
         * sends `form` (every current one); a log without `form` was queued by an app from before the
         * question and is kept unanswered (vacancy-evidence.rule.ts: an open door is 有人居住, else nothing).
         */
        occupancy: z.enum(OCCUPANCY_ANSWERS).optional(),
        /**
         * The visit form the phone filled: 2 asks 是否有人居住 and must answer it on a home visit. Absent on
         * logs that older app versions queued offline (they are still accepted, see `occupancy`).
         */
        form: z.literal(VISIT_FORM_VERSION).optional(),
      })
      .strict(),
    z.object({ log: logViewSchema, visit: visitViewSchema, replayed: z.boolean() }),
  ),
  myLogs: action(z.object({ quarter: quarterSchema.optional() }).strict(), z.array(logViewSchema)),
  /** A photo of a visit log (its volunteer and the project's managers). */
  logPhoto: action(z.object({ logId: idSchema, index: z.number().int().min(0).max(5) }).strict(), photoOut),
  /** Reports a hazard found on a visit or in a public area; "immediate" alerts the managers at once. */
  reportHazard: action(
    z
      .object({
        clientHazardId: clientId,
        /** The visit it was found on (gives the place), or a building of the volunteer's projects. */
        visitId: idSchema.optional(),
        buildingId: idSchema.optional(),
        location: optionalText(60),
        category: z.string().max(40),
        severity: hazardSeveritySchema,
        description: text(500),
        reportedAt: instant,
        photos: z.array(photo).max(6),
      })
      .strict(),
    hazardViewSchema,
  ),

  // ---- hazards as rectification tasks ----
  /** Managers: their projects' hazards (overdue first); workers: assigned to them; volunteers: reported by them. */
  hazards: action(
    z
      .object({
        projectId: idSchema.optional(),
        status: z.enum(HAZARD_STATUSES).optional(),
        overdueOnly: z.boolean().optional(),
      })
      .strict(),
    z.array(hazardViewSchema),
  ),
  assignHazard: action(
    z
      .object({
        hazardId: idSchema,
        /** A worker of the project, or an outside party by name (e.g. the tenant, the gas company). */
        assigneeUserId: idSchema.optional(),
        assigneeName: text(40).optional(),
        note: optionalText(200),
      })
      .strict(),
    hazardViewSchema,
  ),
  /** The assignee or a manager records the rectification with after-photos. */
  rectifyHazard: action(
    z.object({ hazardId: idSchema, note: text(300), afterPhotos: z.array(photo).min(1).max(6) }).strict(),
    hazardViewSchema,
  ),
  /** A manager rechecks: passed closes it, failed sends it back to the assignee. */
  recheckHazard: action(
    z.object({ hazardId: idSchema, passed: z.boolean(), note: optionalText(300) }).strict(),
    hazardViewSchema,
  ),
  hazardPhoto: action(
    z
      .object({
        hazardId: idSchema,
        which: z.enum(['before', 'after']),
        index: z.number().int().min(0).max(5),
      })
      .strict(),
    photoOut,
  ),

  // ---- special care ----
  /** Managers: the registry of their projects; volunteers: the residents assigned to them. */
  careList: action(
    z.object({ projectId: idSchema.optional(), includeInactive: z.boolean().optional() }).strict(),
    z.array(careViewSchema),
  ),
  /** Managers: registers (or updates) a resident of a household of their projects. */
  careUpsert: action(
    z
      .object({
        householdId: idSchema,
        personName: text(20),
        reason: text(60),
        contacts: z.array(careContactSchema).min(1).max(5),
        /** Days between check-ins; the policy's cadence (weekly) when omitted. */
        cadenceDays: z.number().int().min(1).max(31).optional(),
        volunteerUserId: idSchema.nullable().optional(),
        active: z.boolean(),
      })
      .strict(),
    careViewSchema,
  ),
  /**
   * Managers: households of a project's active leases to register, searched by unit or name; those the rules
   * suggest (武昌调研报告 二(三)四: 70 岁以上患重病、孤寡、残障) first, each with whether it is registered.
   */
  careCandidates: action(
    z.object({ projectId: idSchema, query: z.string().trim().max(20).default('') }).strict(),
    z.array(
      z.object({
        householdId: z.string(),
        headName: z.string(),
        unitLabel: z.string(),
        ageYears: z.number().int(),
        suggestedReason: z.string().nullable(),
        inRegistry: z.boolean(),
      }),
    ),
  ),
  /** The week's care visits due (from `weekStart`, default this week's Monday), grouped by volunteer. */
  careDue: action(
    z.object({ weekStart: isoDate.optional(), projectId: idSchema.optional() }).strict(),
    z.object({
      weekStart: z.string(),
      weekEnd: z.string(),
      volunteers: z.array(
        z.object({
          volunteerUserId: z.string().nullable(),
          volunteerName: z.string(),
          items: z.array(careDueItemSchema),
        }),
      ),
    }),
  ),
  /**
   * A special-care check-in: well; needs help (creates a help request on the repair board); not reached
   * (escalates to the managers and the registered contacts after the policy delay). Idempotent by client id.
   */
  careCheckIn: action(
    z
      .object({
        clientCheckinId: clientId,
        careId: idSchema,
        outcome: z.enum(CARE_OUTCOMES),
        channel: z.enum(CARE_CHANNELS),
        at: instant,
        note: optionalText(300),
        help: z
          .object({ description: text(300), urgent: z.boolean() })
          .strict()
          .optional(),
      })
      .strict(),
    z.object({
      checkinId: z.string(),
      care: careViewSchema,
      helpRequestId: z.string().nullable(),
      replayed: z.boolean(),
    }),
  ),
  /** Runs the escalation check now (the `care-escalation` timer does it daily). Admin or manager. */
  runCareEscalation: action(
    z.object({}).strict(),
    z.object({ checked: z.number().int(), escalated: z.number().int(), messages: z.number().int() }),
  ),

  // ---- reports ----
  coverage: action(
    z.object({ quarter: quarterSchema.optional(), projectId: idSchema.optional() }).strict(),
    coverageViewSchema,
  ),
  exportCoverage: action(
    z.object({ quarter: quarterSchema.optional(), projectId: idSchema.optional() }).strict(),
    exportFileSchema,
  ),
};

export type PlanRunView = z.infer<typeof planRunViewSchema>;
export type RouteView = z.infer<typeof routeViewSchema>;
export type VisitView = z.infer<typeof visitViewSchema>;
export type LogView = z.infer<typeof logViewSchema>;
export type HazardView = z.infer<typeof hazardViewSchema>;
export type CareView = z.infer<typeof careViewSchema>;
export type CareDueItem = z.infer<typeof careDueItemSchema>;
export type CoverageView = z.infer<typeof coverageViewSchema>;
