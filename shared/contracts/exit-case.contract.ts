import { z } from 'zod';
import { EXIT_CASE_PERIOD_BOUNDS, EXIT_CASE_STATES, EXIT_CASE_STEPS } from '../rules/exit-case.rule';
import {
  MAX_ENTRY_FEN,
  action,
  clientIdSchema,
  exportFileSchema,
  fenSchema,
  fileIdSchema,
  idSchema,
  sha256Schema,
} from './common';

/**
 * Exit cases (乌兰察布 第三十一至三十三、三十七、三十八条) and renewal decisions (第二十一条), actions of the
 * `allocation` function, spread into its contract. Office actions need the `admin` role; the household's act
 * only on its own case or lease.
 */
const text = (max: number) => z.string().trim().min(1).max(max);

export const EXIT_TRIGGERS = [
  'false_information',
  'sublet_or_change_of_use',
  'damage_or_renovation',
  'illegal_activity',
  'vacant_6_months',
  'arrears_6_months',
  'expired_without_renewal',
  'renewal_refused',
  'no_longer_eligible',
] as const;

export const EXIT_SOURCES = ['arrears', 'patrol', 'report', 'renewal', 'office'] as const;
export const EXIT_SOURCE_LABELS: Record<(typeof EXIT_SOURCES)[number], string> = {
  arrears: '欠租名单',
  patrol: '巡查发现',
  report: '群众举报',
  renewal: '续租审核',
  office: '部门核查',
};

const days = z.number().int().min(EXIT_CASE_PERIOD_BOUNDS.minDays).max(EXIT_CASE_PERIOD_BOUNDS.maxDays);
const amount = z.number().int().min(0).max(MAX_ENTRY_FEN);

export const exitCaseViewSchema = z.object({
  id: idSchema,
  householdName: z.string(),
  projectName: z.string(),
  /** Null for a case on an approved application with no lease yet (false material found before a lease). */
  unitId: idSchema.nullable(),
  unitLabel: z.string(),
  /** Whether the case concerns a tenancy (a lease) or an approved application on the waitlist. */
  stage: z.enum(['tenancy', 'application']),
  trigger: z.enum(EXIT_TRIGGERS),
  triggerLabel: z.string(),
  source: z.enum(EXIT_SOURCES),
  sourceLabel: z.string(),
  evidence: z.string(),
  /** Temporary addresses of the evidence photos (the office's view only; empty for the household). */
  evidencePhotoUrls: z.array(z.string()),
  /** Market-rent back pay for the period rented, computed at opening (false material); 0 otherwise. */
  backPayDueFen: fenSchema,
  arrearsMonths: z.number().int(),
  arrearsFen: fenSchema,
  clause: z.string(),
  consequences: z.array(z.string()),
  maxFineFen: fenSchema,
  state: z.enum(EXIT_CASE_STATES),
  stateLabel: z.string(),
  openedAt: z.string(),
  noticeText: z.string().nullable(),
  respondBy: z.string().nullable(),
  statement: z.object({ text: z.string(), at: z.string() }).nullable(),
  decisionReason: z.string().nullable(),
  moveOutBy: z.string().nullable(),
  inspection: z
    .object({
      note: z.string(),
      photoCount: z.number().int(),
      /** Temporary addresses of the move-out photos (the office's view only; empty for the household). */
      photoUrls: z.array(z.string()),
      at: z.string(),
    })
    .nullable(),
  settlement: z
    .object({
      depositFen: fenSchema,
      arrearsFen: fenSchema,
      backPayFen: fenSchema,
      damageFen: fenSchema,
      fineFen: fenSchema,
      owedFen: fenSchema,
      stillOwedFen: fenSchema,
      refundDueFen: fenSchema,
      refundStatus: z.enum(['none', 'due', 'refunded']),
      refundMethod: z.enum(['transfer', 'wechat_refund']).optional(),
      refundReference: z.string().optional(),
      refundedAt: z.string().optional(),
    })
    .nullable(),
  endedOn: z.string().nullable(),
  banEndsOn: z.string().nullable(),
  deadline: z.object({ awaiting: z.string().nullable(), dueOn: z.string().nullable(), overdue: z.boolean() }),
  /** Steps the caller may take now (the rules module's moves for this state and role). */
  nextSteps: z.array(z.enum(EXIT_CASE_STEPS)),
  /** The steps' names for this case (without a lease the last one cancels the waitlist registration). */
  stepLabels: z.record(z.enum(EXIT_CASE_STEPS), z.string()),
  steps: z.array(z.object({ label: z.string(), at: z.string(), note: z.string() })),
});
export type ExitCaseView = z.infer<typeof exitCaseViewSchema>;

const caseId = { caseId: idSchema };

export const LEASE_CONTRACT_KIND_LABELS = { renewal: '续租合同', offer: '空置房源配租合同' } as const;

export const leaseContractSummarySchema = z.object({
  id: idSchema,
  kind: z.enum(['renewal', 'offer']),
  kindLabel: z.string(),
  projectName: z.string(),
  unitLabel: z.string(),
  status: z.enum(['draft', 'signed']),
  startDate: z.string(),
  endDate: z.string(),
  monthlyRentFen: fenSchema,
});
export type LeaseContractSummary = z.infer<typeof leaseContractSummarySchema>;

/** A renewal's or an offer's contract as the tenant reads and signs it (the round's contract view, less 公示). */
export const leaseContractViewSchema = z.object({
  id: idSchema,
  kind: z.enum(['renewal', 'offer']),
  kindLabel: z.string(),
  status: z.enum(['draft', 'signed']),
  text: z.string(),
  textSha256: z.string(),
  signatureSha256: z.string().nullable(),
  digest: z.string().nullable(),
  digestMatches: z.boolean().nullable(),
  signedAt: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  monthlyRentFen: fenSchema,
});
export type LeaseContractView = z.infer<typeof leaseContractViewSchema>;

export const renewalRowSchema = z.object({
  leaseId: idSchema,
  renewalId: idSchema.nullable(),
  householdName: z.string(),
  projectName: z.string(),
  unitLabel: z.string(),
  endDate: z.string(),
  dueBy: z.string(),
  status: z.enum(['not_applied', 'submitted', 'approved', 'refused', 'signed']),
  statusLabel: z.string(),
  overdue: z.boolean(),
  /** The rules module's eligibility check today, with each failed condition and its clause. */
  eligible: z.boolean().nullable(),
  reasons: z.array(z.string()),
  monthlyRentFen: fenSchema,
  /** After an approval: the new term and the contract for the tenant to sign. */
  newStartDate: z.string().nullable(),
  newEndDate: z.string().nullable(),
  newMonthlyRentFen: fenSchema.nullable(),
  contractId: idSchema.nullable(),
  moveOutBy: z.string().nullable(),
});
export type RenewalRow = z.infer<typeof renewalRowSchema>;

/** The vacancy the patrol's visits show for a lease's unit (乌兰察布 第三十二条(三)). */
export const vacancyEvidenceSchema = z.object({
  projectName: z.string(),
  unitLabel: z.string(),
  householdName: z.string(),
  /** Whole months from the first to the last visit of the current run of vacancy. */
  months: z.number().int(),
  /** The district's threshold and where it comes from (its clause, or the operator's setting). */
  thresholdMonths: z.number().int(),
  clause: z.string(),
  reaches: z.boolean(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  visits: z.array(
    z.object({
      date: z.string(),
      quarterLabel: z.string(),
      outcomeLabel: z.string(),
      findingLabel: z.string(),
      notes: z.string(),
      counted: z.boolean(),
    }),
  ),
});
export type VacancyEvidence = z.infer<typeof vacancyEvidenceSchema>;

export const exitCaseActions = {
  /** What the patrol's visits show of a unit's vacancy, before a 连续未居住 case is opened (office). */
  vacancyEvidence: action(
    z.object({ leaseId: idSchema.optional(), unitId: idSchema.optional() }).strict(),
    vacancyEvidenceSchema,
  ),
  /** Opens a case from its trigger (office): the rules module gives the clause and the consequences. */
  openExitCase: action(
    z
      .object({
        /**
         * Exactly one of: the lease; (from a patrol signal, which names a unit) the unit whose active lease it
         * is; or (false material only) an approved application whose household has no lease yet.
         */
        leaseId: idSchema.optional(),
        unitId: idSchema.optional(),
        applicationId: idSchema.optional(),
        trigger: z.enum(EXIT_TRIGGERS),
        source: z.enum(EXIT_SOURCES),
        evidence: text(500),
        evidenceRef: idSchema.optional(),
        /** Photos of the evidence (e.g. the false certificate), uploaded to `uploads/<openid>/exit-evidence/`. */
        evidencePhotoFileIds: z.array(fileIdSchema).max(9).optional(),
        illegalGainsFen: amount.optional(),
        clientRequestId: clientIdSchema,
      })
      .strict(),
    exitCaseViewSchema,
  ),
  listExitCases: action(
    z
      .object({
        state: z.enum([...EXIT_CASE_STATES, 'open', 'all']).optional(),
        trigger: z.enum(EXIT_TRIGGERS).optional(),
        sort: z.enum(['due', 'opened']).optional(),
      })
      .strict(),
    z.array(exitCaseViewSchema),
  ),
  exportExitCases: action(
    z.object({ state: z.enum([...EXIT_CASE_STATES, 'open', 'all']).optional() }).strict(),
    exportFileSchema,
  ),
  exitCase: action(z.object(caseId).strict(), exitCaseViewSchema),
  // A period left out is the district's setting (operator-constants.rule.ts, exitCasePeriods).
  exitNotify: action(z.object({ ...caseId, respondDays: days.optional() }).strict(), exitCaseViewSchema),
  exitDecide: action(
    z.object({ ...caseId, reason: text(500), moveOutDays: days.optional() }).strict(),
    exitCaseViewSchema,
  ),
  exitClose: action(z.object({ ...caseId, reason: text(500) }).strict(), exitCaseViewSchema),
  exitInspect: action(
    z
      .object({
        ...caseId,
        note: text(500),
        /** Move-out photos uploaded to `uploads/<openid>/exit-photo/`. */
        photoFileIds: z.array(fileIdSchema).min(1).max(9),
      })
      .strict(),
    exitCaseViewSchema,
  ),
  exitSettle: action(
    z
      .object({
        ...caseId,
        depositFen: amount,
        backPayFen: amount,
        damageFen: amount,
        fineFen: amount,
      })
      .strict(),
    exitCaseViewSchema,
  ),
  exitEndLease: action(z.object({ ...caseId, note: text(200) }).strict(), exitCaseViewSchema),
  /**
   * The office records how the settlement's refund was paid: a bank transfer (its voucher number) or a
   * WeChat Pay refund made on the refunds page with this case as its source (billing's refund number).
   */
  exitRecordRefund: action(
    z
      .object({
        ...caseId,
        method: z.enum(['transfer', 'wechat_refund']),
        reference: z
          .string()
          .trim()
          .min(1, '请填写转账凭证号或微信支付退款单号')
          .max(64, '凭证号不超过 64 个字符')
          .regex(/^[0-9A-Za-z_\-|*]+$/, '凭证号只能包含字母、数字和 _ - | *'),
      })
      .strict(),
    exitCaseViewSchema,
  ),
  /** The household's statement on the notice (Art. 33), while the case waits for it. */
  exitStatement: action(z.object({ ...caseId, text: text(1000) }).strict(), exitCaseViewSchema),
  myExitCases: action(z.object({}).strict(), z.array(exitCaseViewSchema)),
};

/** Renewal decisions (乌兰察布 第二十一条), actions of the `allocation` function. */
export const renewalActions = {
  /** Leases ending within `withinMonths`, with their renewal application (or none), by due date. */
  listRenewals: action(
    z
      .object({
        withinMonths: z.number().int().min(1).max(24).optional(),
        status: z.enum(['not_applied', 'submitted', 'approved', 'refused', 'signed', 'all']).optional(),
      })
      .strict(),
    z.array(renewalRowSchema),
  ),
  exportRenewals: action(z.object({}).strict(), exportFileSchema),
  /** Approve (a new term and rent tier; the tenant signs online) or refuse with the clause and move-out date. */
  decideRenewal: action(
    z
      .object({
        renewalId: idSchema,
        approve: z.boolean(),
        reason: text(500).optional(),
        years: z.number().int().min(1).max(10).optional(),
      })
      .strict(),
    renewalRowSchema,
  ),
  /** Tells households whose lease ends soon and who have not applied (the timer does the same daily). */
  remindRenewals: action(z.object({}).strict(), z.object({ told: z.number().int() })),

  // ——— leases signed online outside a round: a renewal, an accepted vacancy offer ———
  /** The household's renewal and vacancy-offer contracts (an accepted offer's contract is drafted here). */
  myLeaseContracts: action(z.object({}).strict(), z.array(leaseContractSummarySchema)),
  getLeaseContract: action(z.object({ contractId: idSchema }).strict(), leaseContractViewSchema),
  /** Signs exactly the text read (its SHA-256) with a handwritten PNG uploaded to `signature/`. */
  signLeaseContract: action(
    z.object({ contractId: idSchema, signatureFileId: fileIdSchema, textSha256: sha256Schema }).strict(),
    leaseContractViewSchema,
  ),
};
