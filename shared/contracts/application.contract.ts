import { z } from 'zod';
import {
  APPLICATION_DOCUMENTS,
  PARALLEL_DEPARTMENTS,
  type ApplicationDocumentKind,
} from '../rules/application.rule';
import { HOUSEHOLD_CATEGORIES } from '../rules/household';
import { REVIEW_STATES } from '../rules/review.rule';
import { action, clientIdSchema, exportFileSchema, fenSchema, fileIdSchema, idSchema } from './common';
import { idNumberInput } from './people.contract';

/**
 * Applications through 三审三公示 (乌兰察布 第十三条), in the `allocation` function: the applicant's online
 * application, withdrawal, supplement and progress; the three reviews' queues and decisions; each review's
 * public notice with objections answered in writing; 复核; Huizhou's parallel department review; the waitlist.
 */
const text = (max: number) => z.string().trim().min(1).max(max);
const DOC_KINDS = Object.keys(APPLICATION_DOCUMENTS) as [
  ApplicationDocumentKind,
  ...ApplicationDocumentKind[],
];

export const applicationStatusSchema = z.enum(REVIEW_STATES);

const memberInput = z
  .object({
    name: z.string().trim().min(1, '请填写姓名').max(30, '姓名不超过 30 个字'),
    relation: z.string().trim().min(1, '请填写与申请人关系').max(10),
    idNumber: idNumberInput,
    /** Last year's income, fen (¥0 – ¥10,000,000). */
    annualIncomeFen: fenSchema.min(0).max(1_000_000_000),
  })
  .strict();

/** Photos of certificates, by kind; each file uploaded first under `application-doc` (shared/uploads.ts). */
const documentsInput = z
  .array(z.object({ kind: z.enum(DOC_KINDS), fileIds: z.array(fileIdSchema).min(1).max(6) }).strict())
  .max(DOC_KINDS.length);

export const applicationFormInput = z
  .object({
    clientRequestId: clientIdSchema,
    category: z.enum(HOUSEHOLD_CATEGORIES),
    members: z.array(memberInput).min(1).max(12),
    housing: z
      .object({
        ownedHomeAreaM2: z.number().min(0).max(1000),
        description: z.string().trim().max(200),
      })
      .strict(),
    employmentMonths: z.number().int().min(0).max(600).nullable(),
    documents: documentsInput,
  })
  .strict();
export type ApplicationFormInput = z.infer<typeof applicationFormInput>;

const stageEntry = z.object({
  state: applicationStatusSchema,
  label: z.string(),
  at: z.string(),
  /** Who acted (a role label, never a name), and the note they wrote (a return's list, a refusal's reason). */
  by: z.string(),
  note: z.string(),
});

const objectionView = z.object({
  id: idSchema,
  stage: z.string(),
  text: z.string(),
  at: z.string(),
  status: z.enum(['pending', 'answered']),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  upheld: z.boolean().nullable(),
});

const departmentTaskView = z.object({
  department: z.enum(PARALLEL_DEPARTMENTS),
  label: z.string(),
  dueOn: z.string(),
  provisional: z.boolean(),
  overdue: z.boolean(),
  answeredAt: z.string().nullable(),
  result: z.enum(['clear', 'issue']).nullable(),
  note: z.string(),
});

/** What the applicant sees: every stage with dates, what was returned for, objections and answers. */
export const applicationProgressSchema = z.object({
  id: idSchema,
  status: applicationStatusSchema,
  statusLabel: z.string(),
  category: z.enum(HOUSEHOLD_CATEGORIES),
  categoryLabel: z.string(),
  submittedAt: z.string(),
  history: z.array(stageEntry),
  /** The notice running now, if any: its last day. */
  noticeEndsOn: z.string().nullable(),
  /** Sent back for more material: what is missing. */
  returned: z.object({ at: z.string(), missing: z.array(z.string()), note: z.string() }).nullable(),
  refusal: z.object({ at: z.string(), reason: z.string(), clause: z.string() }).nullable(),
  reReview: z
    .object({
      requestedAt: z.string(),
      reason: z.string(),
      dueOn: z.string(),
      provisional: z.boolean(),
      answer: z.string().nullable(),
      clause: z.string(),
    })
    .nullable(),
  objections: z.array(objectionView),
  documents: z.array(z.object({ kind: z.enum(DOC_KINDS), label: z.string(), count: z.number().int() })),
  canWithdraw: z.boolean(),
  canResubmit: z.boolean(),
  canRequestReReview: z.boolean(),
  certificateDate: z.string().nullable(),
});
export type ApplicationProgress = z.infer<typeof applicationProgressSchema>;

/** A row of a review queue (masked: the office's list, §6). */
export const applicationRowSchema = z.object({
  id: idSchema,
  headNameMasked: z.string(),
  idNumberMasked: z.string(),
  category: z.enum(HOUSEHOLD_CATEGORIES),
  categoryLabel: z.string(),
  size: z.number().int(),
  status: applicationStatusSchema,
  statusLabel: z.string(),
  submittedAt: z.string(),
  /** When it reached its current state. */
  since: z.string(),
  noticeEndsOn: z.string().nullable(),
  pendingObjections: z.number().int(),
  overdueDepartments: z.number().int(),
});

/** One application as its reviewer sees it. */
export const applicationDetailSchema = applicationProgressSchema.extend({
  headName: z.string(),
  idNumberMasked: z.string(),
  members: z.array(
    z.object({
      name: z.string(),
      relation: z.string(),
      idNumberMasked: z.string(),
      annualIncomeFen: fenSchema,
    }),
  ),
  annualIncomeFen: fenSchema,
  housing: z.object({ ownedHomeAreaM2: z.number(), description: z.string() }),
  employmentMonths: z.number().nullable(),
  /** The photos, as temporary addresses. */
  documentFiles: z.array(z.object({ kind: z.enum(DOC_KINDS), label: z.string(), url: z.string() })),
  departments: z.array(departmentTaskView),
  /** The moves the caller may make now. */
  moves: z.array(z.string()),
});
export type ApplicationDetail = z.infer<typeof applicationDetailSchema>;

/** A public notice entry (公示): masked name and ID number, category, size and the result. */
export const reviewNoticeSchema = z.object({
  stage: z.string(),
  state: applicationStatusSchema,
  entries: z.array(
    z.object({
      applicationId: idSchema,
      headNameMasked: z.string(),
      idNumberMasked: z.string(),
      categoryLabel: z.string(),
      size: z.number().int(),
      startsOn: z.string(),
      endsOn: z.string(),
    }),
  ),
  clause: z.string(),
});

/**
 * A parallel-review task as its department's checker sees it (惠州 链接2(3)): the household only as far as
 * the department's check needs it (names and masked ID numbers to find the records, and the one fact the
 * department checks: incomes for civil affairs, housing for real estate, employment for social security).
 */
export const departmentTaskRowSchema = z.object({
  applicationId: idSchema,
  department: z.enum(PARALLEL_DEPARTMENTS),
  departmentLabel: z.string(),
  categoryLabel: z.string(),
  sentOn: z.string(),
  dueOn: z.string(),
  provisional: z.boolean(),
  overdue: z.boolean(),
  members: z.array(z.object({ name: z.string(), relation: z.string(), idNumberMasked: z.string() })),
  /** What this department checks, as label and value (Chinese). */
  facts: z.array(z.object({ label: z.string(), value: z.string() })),
  answeredAt: z.string().nullable(),
  result: z.enum(['clear', 'issue']).nullable(),
  note: z.string(),
});
export type DepartmentTaskRow = z.infer<typeof departmentTaskRowSchema>;

const QUEUE_SORTS = ['oldest', 'newest', 'notice_ends'] as const;

export const applicationContract = {
  /** The applicant submits (idempotent on `clientRequestId`); refused with the checklist while items are missing. */
  submitApplication: action(applicationFormInput, applicationProgressSchema),
  /** The caller's own application (null when none). */
  myApplicationProgress: action(z.object({}).strict(), applicationProgressSchema.nullable()),
  /** Sent back for more material: the applicant adds documents and resubmits to the stage that returned it. */
  resubmitApplication: action(
    z
      .object({ applicationId: idSchema, note: z.string().trim().max(300), documents: documentsInput })
      .strict(),
    applicationProgressSchema,
  ),
  withdrawApplication: action(
    z.object({ applicationId: idSchema, reason: text(200) }).strict(),
    applicationProgressSchema,
  ),
  /** 复核 (乌兰察布 第十三条第二款), started by the applicant after a refusal; its own state. */
  requestApplicationReReview: action(
    z.object({ applicationId: idSchema, reason: text(500) }).strict(),
    applicationProgressSchema,
  ),
  /** A review queue (the caller's own stage; the office sees every stage), filtered and sorted. */
  reviewQueue: action(
    z
      .object({
        status: applicationStatusSchema.optional(),
        category: z.enum(HOUSEHOLD_CATEGORIES).optional(),
        sort: z.enum(QUEUE_SORTS).optional(),
      })
      .strict(),
    z.array(applicationRowSchema),
  ),
  exportApplications: action(
    z.object({ status: applicationStatusSchema.optional() }).strict(),
    exportFileSchema,
  ),
  applicationDetail: action(z.object({ applicationId: idSchema }).strict(), applicationDetailSchema),
  /** A reviewer's decision at their stage: approve, return (with what is missing) or refuse (with the reason). */
  reviewApplication: action(
    z
      .object({
        applicationId: idSchema,
        decision: z.enum(['approve', 'return', 'refuse']),
        note: z.string().trim().max(500),
        missing: z.array(z.string().trim().min(1).max(60)).max(10).optional(),
      })
      .strict(),
    applicationDetailSchema,
  ),
  /** The notice ended with no unanswered objection: the case moves to the next stage (or the waitlist). */
  closeReviewNotice: action(z.object({ applicationId: idSchema }).strict(), applicationDetailSchema),
  /** The reviewer answers an objection in writing; an upheld one sends the case back to that review. */
  answerReviewObjection: action(
    z
      .object({ applicationId: idSchema, objectionId: idSchema, answer: text(500), upheld: z.boolean() })
      .strict(),
    applicationDetailSchema,
  ),
  /**
   * The open parallel-review tasks of the caller's department (惠州 链接2(3)), by due date, overdue flagged:
   * a department checker's queue.
   */
  departmentTasks: action(z.object({}).strict(), z.array(departmentTaskRowSchema)),
  /**
   * The checker's answer to their department's task: 核查无异常, or 有异常 with the written finding. Only the
   * department's own checkers answer it; a retry of the same answer returns it.
   */
  answerDepartmentTask: action(
    z
      .object({
        applicationId: idSchema,
        result: z.enum(['clear', 'issue']),
        note: z.string().trim().max(300),
      })
      .strict(),
    departmentTaskRowSchema,
  ),
  /**
   * A department checker sees one member's whole ID number, to find the records its check needs, while its
   * department's task is open and for a stated reason; the view is logged first, in the office's record of
   * ID-number views (个人信息保护法 第六条: the masked number is shown otherwise).
   */
  revealMemberIdNumber: action(
    z
      .object({
        applicationId: idSchema,
        member: z.number().int().min(0).max(11),
        reason: z.string().trim().min(2).max(100),
      })
      .strict(),
    z.object({ idNumber: z.string(), loggedAt: z.string() }),
  ),
  /** The housing department's written answer to a 复核: keep the refusal, or send it back to that review. */
  decideReReview: action(
    z.object({ applicationId: idSchema, overturn: z.boolean(), answer: text(500) }).strict(),
    applicationDetailSchema,
  ),
  /** The review notices running now (公示): anyone signed in with the link may read them (masked). */
  reviewNotices: action(z.object({}).strict(), z.array(reviewNoticeSchema)),
  /** An objection during a review notice (idempotent on `clientRequestId`). */
  fileReviewObjection: action(
    z.object({ applicationId: idSchema, clientRequestId: clientIdSchema, text: text(500) }).strict(),
    z.object({ id: idSchema, at: z.string() }),
  ),
  /**
   * A round's results notice (公示), public for anyone with the link while it runs: the ranked list with names
   * and ID numbers masked, and whether objections are waiting (signing waits for them and the notice's end).
   */
  roundNotice: action(
    z.object({ roundId: idSchema }).strict(),
    z.object({
      roundId: idSchema,
      title: z.string(),
      projectName: z.string(),
      noticeEndsOn: z.string(),
      pendingObjections: z.number().int(),
      clause: z.string(),
      rows: z.array(
        z.object({
          overallRank: z.number().int(),
          tierLabel: z.string(),
          headNameMasked: z.string(),
          idNumberMasked: z.string(),
          statusLabel: z.string(),
          unitLabel: z.string().nullable(),
        }),
      ),
    }),
  ),
  /** The waitlist (optionally one tier) as an Excel file, names masked. */
  exportWaitlist: action(
    z.object({ tier: z.number().int().min(1).max(9).optional() }).strict(),
    exportFileSchema,
  ),
  /** Approved households by priority tier and certificate date (the office). */
  waitlist: action(
    z.object({ tier: z.number().int().min(1).max(9).optional() }).strict(),
    z.array(
      z.object({
        position: z.number().int(),
        householdId: idSchema,
        /** The approved application that put the household here (an exit case for false material opens on it). */
        applicationId: idSchema.nullable(),
        headNameMasked: z.string(),
        categoryLabel: z.string(),
        tier: z.number().int(),
        tierLabel: z.string(),
        certificateDate: z.string(),
      }),
    ),
  ),
};
