import { z } from 'zod';
import { HOUSEHOLD_CATEGORIES } from '../rules/household';
import { applicationContract } from './application.contract';
import {
  action,
  exportFileSchema,
  fenSchema,
  fileIdSchema,
  idSchema,
  instantSchema,
  sha256Schema,
} from './common';
import { exitCaseActions, renewalActions } from './exit-case.contract';

/**
 * The `allocation` function: the Wuchang procedure 项目公告 → 登记 → 摇号 → 选房 → 公示 → 签约 (武昌调研报告
 * 二(二)三) and dynamic allocation of vacated units. Admin actions need the `admin` role; the others act for
 * the caller's own household only.
 */
const isoInstant = instantSchema;
const text = (max: number) => z.string().trim().min(1).max(max);

export const ROUND_STATUSES = [
  'announced',
  'registration_closed',
  'drawn',
  'selecting',
  'publicized',
] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = {
  announced: '报名中',
  registration_closed: '报名已截止',
  drawn: '已摇号',
  selecting: '选房中',
  publicized: '结果公示中',
};

export const REGISTRATION_STATUSES = ['registered', 'ranked', 'selected', 'waived', 'signed'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  registered: '已报名，等待摇号',
  ranked: '已摇号，等待选房',
  selected: '已选房，待签约',
  waived: '已放弃选房',
  signed: '已签约',
};

export const roundSummarySchema = z.object({
  id: idSchema,
  projectId: idSchema,
  projectName: z.string(),
  title: z.string(),
  description: z.string(),
  status: z.enum(ROUND_STATUSES),
  statusLabel: z.string(),
  registrationOpensAt: z.string(),
  registrationClosesAt: z.string(),
  eligibleCategories: z.array(z.enum(HOUSEHOLD_CATEGORIES)),
  seedCommitment: z.string(),
  /** Revealed at the draw. */
  seed: z.string().nullable(),
  algorithm: z.string().nullable(),
  inputDigest: z.string().nullable(),
  registrations: z.number().int(),
  vacantUnits: z.number().int(),
  noticeEndsOn: z.string().nullable(),
});

export const unitSchema = z.object({
  id: idSchema,
  label: z.string(),
  buildingName: z.string(),
  floor: z.number().int(),
  areaM2: z.number(),
  layout: z.string(),
  orientation: z.string(),
  /** The tenant's rent for this household (rules module), fen. */
  monthlyRentFen: fenSchema,
  marketRentFen: fenSchema,
});

export const myRegistrationSchema = z.object({
  id: idSchema,
  roundId: idSchema,
  roundTitle: z.string(),
  projectName: z.string(),
  status: z.enum(REGISTRATION_STATUSES),
  statusLabel: z.string(),
  tier: z.number().int(),
  tierLabel: z.string(),
  lottery: z
    .object({
      tierRank: z.number().int(),
      tierTotal: z.number().int(),
      overallRank: z.number().int(),
      total: z.number().int(),
      score: z.string(),
      seed: z.string(),
      algorithm: z.string(),
      inputDigest: z.string(),
      verifyCommand: z.string(),
    })
    .nullable(),
  /**
   * The household's selection window, with the server's clock when it answered (`serverNow`): a countdown
   * counts from it, so a phone whose clock is wrong still shows the time left truly.
   */
  window: z
    .object({ turn: z.number().int(), opensAt: z.string(), closesAt: z.string(), serverNow: z.string() })
    .nullable(),
  unit: unitSchema.nullable(),
  contractId: idSchema.nullable(),
});

export const contractViewSchema = z.object({
  id: idSchema,
  status: z.enum(['draft', 'signed']),
  text: z.string(),
  textSha256: z.string(),
  signatureSha256: z.string().nullable(),
  /** SHA-256 over the text digest and the signature digest; recomputed on every view. */
  digest: z.string().nullable(),
  digestMatches: z.boolean().nullable(),
  signedAt: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  /** The first day renewal applications are accepted, only where the district sets one. */
  renewalOpensOn: z.string().nullable(),
  renewalDueBy: z.string(),
  /** Where the renewal dates come from in this district (its clause, or its setting for the opening). */
  renewalClause: z.string(),
  /** While signing is not yet possible: why and from when (Chinese); null once it is. */
  signingNotice: z.string().nullable(),
});

export const OFFER_STATUS_LABELS = {
  offered: '待答复',
  accepted: '已接受',
  declined: '已放弃',
  expired: '已过期',
} as const;

export const offerSchema = z.object({
  id: idSchema,
  unit: unitSchema,
  projectName: z.string(),
  headName: z.string(),
  status: z.enum(['offered', 'accepted', 'declined', 'expired']),
  statusLabel: z.string(),
  deadline: z.string(),
  position: z.number().int(),
});

export const vacancySchema = z.object({
  unit: unitSchema,
  offer: offerSchema.nullable(),
});

export const auditEntrySchema = z.object({
  at: z.string(),
  actor: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  action: z.string(),
  detail: z.string(),
});

/**
 * A project's 服务电话 as typed: empty (none), or a number `normalizeServicePhone` reads. The service checks
 * the form, so that the office reads the rule's own message (the handler names a failed field only generically).
 */
const servicePhoneInput = z.string().trim().max(24);

export const allocationContract = {
  // Applications through 三审三公示: application.contract.ts
  ...applicationContract,
  health: action(
    z.object({}).strict(),
    z.object({ status: z.literal('ok'), function: z.string(), time: z.string() }),
  ),

  // ——— housing office ———
  createProject: action(
    z
      .object({
        name: text(40),
        address: text(120),
        /** 服务电话 (optional): a mobile or a landline with its area code; tenants dial it from their bills page. */
        servicePhone: servicePhoneInput.optional(),
        buildings: z
          .array(
            z
              .object({ name: text(20), floors: z.number().int().min(1).max(60), highRise: z.boolean() })
              .strict(),
          )
          .min(1)
          .max(50),
      })
      .strict(),
    z.object({
      id: idSchema,
      name: z.string(),
      buildings: z.array(z.object({ id: idSchema, name: z.string() })),
    }),
  ),
  listProjects: action(
    z.object({}).strict(),
    z.array(
      z.object({
        id: idSchema,
        name: z.string(),
        address: z.string(),
        /** The service desk's number as stored, or '' when the office has not set one. */
        servicePhone: z.string(),
        units: z.number().int(),
        vacant: z.number().int(),
      }),
    ),
  ),
  /** The office sets (or, with '', clears) a project's 服务电话. */
  setServicePhone: action(
    z.object({ projectId: idSchema, servicePhone: servicePhoneInput }).strict(),
    z.object({ id: idSchema, name: z.string(), servicePhone: z.string() }),
  ),
  /**
   * Units from a sheet (.xlsx or .csv) with the columns 楼栋, 房号, 楼层, 面积, 户型, 朝向, 市场租金. Every row is
   * checked first; if any row is refused, nothing is imported and the refused rows are reported (the first
   * 200 with their reasons, `refusedCount` in all). Otherwise the units are written in batches under
   * CloudBase's transaction limit; a retry writes nothing twice (`alreadyImportedRows`). A large sheet may
   * take several calls (`done: false`), each inside the timeout.
   */
  importUnits: action(
    z
      .object({
        projectId: idSchema,
        fileName: z
          .string()
          .max(200, '文件名过长')
          .regex(/\.(xlsx|csv)$/i, '仅支持 .xlsx 或 .csv 文件'),
        /** The sheet uploaded to the admin's own `uploads/<openid>/unit-sheet/` (shared/uploads.ts). */
        fileId: fileIdSchema,
      })
      .strict(),
    z.object({
      /**
       * False when the call stopped between batches to stay inside the function's timeout: the page calls
       * again with the same file, and the units already stored are skipped by their ids.
       */
      done: z.boolean(),
      /** Valid rows this call neither wrote nor found stored: what the next call continues with. */
      remainingRows: z.number().int(),
      /** Units this call wrote. */
      imported: z.number().int(),
      /** Sheet rows (the header is row 1) whose unit this call wrote. */
      writtenRows: z.array(z.number().int()),
      /** Sheet rows whose unit was already stored by an earlier attempt of the same import. */
      alreadyImportedRows: z.array(z.number().int()),
      /** How many rows were refused; `rowErrors` lists the first 200 with their reasons. */
      refusedCount: z.number().int(),
      rowErrors: z.array(z.object({ row: z.number().int(), message: z.string() })),
      /** Transactions the units were written in. */
      batches: z.number().int(),
      mix: z.object({
        ok: z.boolean(),
        violations: z.array(z.object({ code: z.string(), clause: z.string(), message: z.string() })),
        averageAreaM2: z.number(),
        mediumShare: z.number(),
      }),
    }),
  ),
  createRound: action(
    z
      .object({
        projectId: idSchema,
        title: text(60),
        description: text(2000),
        registrationOpensAt: isoInstant,
        registrationClosesAt: isoInstant,
        eligibleCategories: z.array(z.enum(HOUSEHOLD_CATEGORIES)).min(1).max(HOUSEHOLD_CATEGORIES.length),
        seedCommitment: sha256Schema,
      })
      .strict(),
    roundSummarySchema,
  ),
  closeRegistration: action(z.object({ roundId: idSchema }).strict(), roundSummarySchema),
  runLottery: action(
    z
      .object({ roundId: idSchema, seed: z.string().min(16).max(128), rerunReason: text(200).optional() })
      .strict(),
    roundSummarySchema,
  ),
  openSelection: action(
    z
      .object({
        roundId: idSchema,
        startsAt: isoInstant,
        windowMinutes: z.number().int().min(1).max(1440).optional(),
      })
      .strict(),
    roundSummarySchema,
  ),
  publishResults: action(
    z.object({ roundId: idSchema, noticeDays: z.number().int().min(1).max(30) }).strict(),
    roundSummarySchema,
  ),
  roundResults: action(
    z.object({ roundId: idSchema }).strict(),
    z.object({
      round: roundSummarySchema,
      rows: z.array(
        z.object({
          registrationId: idSchema,
          headName: z.string(),
          idNumberMasked: z.string(),
          tier: z.number().int(),
          tierLabel: z.string(),
          tierRank: z.number().int().nullable(),
          overallRank: z.number().int().nullable(),
          status: z.string(),
          statusLabel: z.string(),
          unitLabel: z.string().nullable(),
        }),
      ),
    }),
  ),
  exportResults: action(z.object({ roundId: idSchema }).strict(), exportFileSchema),
  auditLog: action(z.object({ entityId: idSchema }).strict(), z.array(auditEntrySchema)),

  /** Vacant units of a project outside any open round, each with its latest offer. */
  listVacancies: action(z.object({ projectId: idSchema }).strict(), z.array(vacancySchema)),
  /** Offers a vacated unit to the next household on the waitlist (tier, then certificate date). */
  offerVacancy: action(
    z.object({ unitId: idSchema, acceptDays: z.number().int().min(1).max(30) }).strict(),
    offerSchema,
  ),

  listObjections: action(
    z.object({ roundId: idSchema }).strict(),
    z.array(
      z.object({
        id: idSchema,
        name: z.string(),
        text: z.string(),
        at: z.string(),
        /** The registration objected to, or null when the objection names none. */
        registrationId: idSchema.nullable(),
        status: z.enum(['pending', 'resolved']),
        resolution: z.string().nullable(),
      }),
    ),
  ),
  /** The office records how it dealt with an objection; a resolved objection no longer holds signing. */
  resolveObjection: action(
    z.object({ objectionId: idSchema, resolution: text(500) }).strict(),
    z.object({ id: idSchema, status: z.literal('resolved') }),
  ),

  // ——— tenants and applicants ———
  /**
   * 续租申请 (Ulanqab Art. 21): due 3 months before the lease ends; accepted from the start of the lease unless
   * the district sets an opening day (its setting, off by default).
   */
  applyRenewal: action(
    z.object({ leaseId: idSchema }).strict(),
    z.object({
      id: idSchema,
      status: z.literal('submitted'),
      submittedAt: z.string(),
      dueBy: z.string(),
      endDate: z.string(),
      /** Where the due date comes from in this district. */
      clause: z.string(),
    }),
  ),
  /**
   * An objection during the results notice (公示, 接受社会监督), optionally naming the registration it is about;
   * pending objections hold signing as the district's setting says.
   */
  fileObjection: action(
    z.object({ roundId: idSchema, text: text(500), registrationId: idSchema.optional() }).strict(),
    z.object({ id: idSchema, at: z.string() }),
  ),
  myOffers: action(z.object({}).strict(), z.array(offerSchema)),
  respondOffer: action(z.object({ offerId: idSchema, accept: z.boolean() }).strict(), offerSchema),
  listRounds: action(z.object({}).strict(), z.array(roundSummarySchema)),
  // Exit cases and renewal decisions (exit-case.contract.ts).
  ...exitCaseActions,
  ...renewalActions,
  register: action(z.object({ roundId: idSchema }).strict(), myRegistrationSchema),
  myRegistrations: action(z.object({}).strict(), z.array(myRegistrationSchema)),
  availableUnits: action(z.object({ roundId: idSchema }).strict(), z.array(unitSchema)),
  selectUnit: action(z.object({ roundId: idSchema, unitId: idSchema }).strict(), myRegistrationSchema),
  waive: action(z.object({ roundId: idSchema }).strict(), myRegistrationSchema),
  getContract: action(z.object({ registrationId: idSchema }).strict(), contractViewSchema),
  signContract: action(
    z
      .object({
        registrationId: idSchema,
        /** PNG of the handwritten signature uploaded to `uploads/<openid>/signature/`, at most 300 KB. */
        signatureFileId: fileIdSchema,
        textSha256: sha256Schema,
      })
      .strict(),
    contractViewSchema,
  ),
};

export type RoundSummary = z.infer<typeof roundSummarySchema>;
export type MyRegistration = z.infer<typeof myRegistrationSchema>;
export type UnitView = z.infer<typeof unitSchema>;
export type ContractView = z.infer<typeof contractViewSchema>;
export type OfferView = z.infer<typeof offerSchema>;
