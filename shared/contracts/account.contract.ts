import { z } from 'zod';
import { action, fenSchema, healthAction, idSchema, roleSchema } from './common';
import { contactActions } from './contact.contract';
import { districtSettingsActions } from './district-settings.contract';
import { peopleActions } from './people.contract';

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
  user: z.object({
    id: idSchema,
    name: z.string(),
    roles: z.array(roleSchema),
    /** Bound to a household as its head or as a family member (people, issue #17); null when not bound. */
    householdRelation: z.enum(['head', 'member']).nullable().optional(),
  }),
  tenant: tenantHomeSchema.nullable(),
  /** Projects the caller manages (manager) or all projects (admin). */
  projects: z.array(projectSummarySchema),
  volunteer: z.object({ unitsToVisit: z.number().int(), specialCareDue: z.number().int() }).nullable(),
  admin: z
    .object({
      applicationsByStatus: z.record(z.string(), z.number().int()),
      /** From 1 October: next year while the office has not entered its holidays (else null). */
      calendarMissingYear: z.number().int().nullable(),
      /** The district's values still examples (示例值): bills, rent quotes and subsidy payouts wait for them. */
      settingsToSet: z.array(z.string()).optional(),
    })
    .nullable(),
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
    /** 复核 (乌兰察布 第十三条第二款): may the applicant ask for one now, and the one asked for. */
    canRequestReReview: z.boolean(),
    reReview: z
      .object({
        requestedAt: z.string(),
        reason: z.string(),
        status: z.enum(['pending', 'answered']),
        statusLabel: z.string(),
        dueOn: z.string(),
        /** Counted Monday–Friday because a year it crosses has no holiday arrangement yet. */
        provisional: z.boolean(),
        /** How many working days the office has, and where that comes from in this district. */
        workingDays: z.number().int(),
        clause: z.string(),
      })
      .nullable(),
  })
  .nullable();
export type MyApplication = z.infer<typeof myApplicationResult>;

const yearSchema = z.number().int().min(2000).max(2100);
/** An ISO date as typed; whether it exists is the rule's check, with its own message. */
const dateText = z.string().max(10);

export const holidayCalendarResult = z.object({
  year: z.number().int(),
  /** Where the year's arrangement comes from now: the office's entry, the bundled dataset, or neither. */
  source: z.enum(['office', 'dataset', 'weekdays']),
  entry: z
    .object({
      holidays: z.array(z.object({ date: z.string(), name: z.string() })),
      workdays: z.array(z.string()),
      noticeRef: z.string(),
      enteredByName: z.string(),
      enteredAt: z.string(),
    })
    .nullable(),
  /** The arrangement in force for the year (entry, dataset or none), for the month-by-month preview. */
  holidays: z.array(z.object({ date: z.string(), name: z.string() })),
  workdays: z.array(z.string()),
  /** The year the office should enter now (from 1 October), or null. */
  missingYear: z.number().int().nullable(),
  /** Open working-day deadlines the calendar decides, soonest first. */
  deadlines: z.array(
    z.object({
      what: z.string(),
      subject: z.string(),
      startOn: z.string(),
      dueOn: z.string(),
      provisional: z.boolean(),
    }),
  ),
});
export type HolidayCalendarResult = z.infer<typeof holidayCalendarResult>;

export const saveHolidayCalendarInput = z
  .object({
    year: yearSchema,
    // Twice the rule's own limits (ARRANGEMENT_LIMITS in working-days.rule.ts: 60 and 20), so that a list
    // just over them gets the rule's Chinese reason, while the largest call stays under CloudBase's 100 KB
    // (test/cloudfunctions/platform/max-payload.test.ts); 366 each did not fit.
    holidays: z.array(z.object({ date: dateText, name: z.string().max(20) }).strict()).max(120),
    workdays: z.array(dateText).max(40),
    noticeRef: z.string().trim().max(60),
  })
  .strict();

/** The `account` function: who am I, the first page of each role, and my eligibility application. */
export const accountContract = {
  health: healthAction,
  me: action(z.object({}).strict(), meResult),
  myApplication: action(z.object({}).strict(), myApplicationResult),
  /**
   * The caller's own upload folder in cloud storage (`uploads/<openid>/`, shared/uploads.ts): the phone
   * uploads photos, signatures and sheets under it and passes only the file IDs to an action.
   */
  uploadPrefix: action(z.object({}).strict(), z.object({ prefix: z.string() })),
  /** 复核: the applicant disagrees with a refusal and asks for a re-review. */
  requestReReview: action(
    z.object({ reason: z.string().trim().min(1).max(500) }).strict(),
    myApplicationResult,
  ),
  /** Housing office: one year's statutory holidays and 调休, and the deadlines they decide. */
  holidayCalendar: action(z.object({ year: yearSchema }).strict(), holidayCalendarResult),
  saveHolidayCalendar: action(
    saveHolidayCalendarInput,
    z.object({
      year: z.number().int(),
      checked: z.number().int(),
      moved: z.number().int(),
      stillProvisional: z.number().int(),
    }),
  ),
  /** People: setup, invitations, binding, family members, consent and one's own data (issue #17). */
  ...peopleActions,
  ...contactActions,
  /** The district's own values, versioned (issue #16). */
  ...districtSettingsActions,
};
