import type { HouseholdCategory, HouseholdStatus } from '@shared/rules/household';
import type { HeldUnit } from '@shared/rules/one-unit.rule';
import type { ReviewState } from '@shared/rules/review.rule';
import type { ExitCaseState, ExitCaseStep } from '@shared/rules/exit-case.rule';
import type { ExitTrigger } from '@shared/rules/exit.rule';

/**
 * Stored document shapes shared by the functions and the demo seed. Money in integer fen, areas in m²
 * (two decimals), dates as ISO `YYYY-MM-DD`, instants as ISO strings.
 * Personal data (ID number, phone, income) lives only here and leaves a function only through an
 * output schema that names it for a role allowed to see it (docs/conventions.md §6).
 */
export interface ProjectDoc {
  _id: string;
  name: string;
  district: string;
  address: string;
  createdAt: string;
  /** Monthly charges the operator collects with rent (e.g. 物业费), fen. */
  utilities?: { label: string; monthlyFen: number }[];
  /** 服务电话 the office sets (shared/rules/contact-phone.rule.ts), dialled from tenants' pages; '' or absent: none. */
  servicePhone?: string;
}

export interface BuildingDoc {
  _id: string;
  projectId: string;
  name: string;
  floors: number;
  /** Ulanqab Art. 8 allows medium units up to 90 m² in high-rise buildings. */
  highRise: boolean;
}

export interface UnitDoc {
  _id: string;
  projectId: string;
  buildingId: string;
  /** e.g. `3栋-1204` */
  label: string;
  floor: number;
  areaM2: number;
  layout: string;
  orientation: string;
  /** The unit's market rent (Ulanqab Art. 22); what a tenant pays is on the lease. */
  monthlyRentFen: number;
  status: 'vacant' | 'occupied' | 'reserved';
  /** A reserved unit: the registration or offer it is held for. */
  reservedBy?: string;
}

export interface HouseholdDoc {
  _id: string;
  headName: string;
  /**
   * The head's resident ID number, sealed (`_runtime/id-number.ts`): AES-256-GCM cipher, HMAC lookup hash
   * (indexed) and the masked form every screen shows; the number itself is never stored.
   */
  idNumberCipher: string;
  idNumberHash: string;
  idNumberMasked: string;
  phone: string;
  size: number;
  category: HouseholdCategory;
  status: HouseholdStatus;
  annualIncomeFen: number;
  /** Date the household's housing-security certificate was issued (waitlist order, Wuchang). */
  certificateDate: string;
  specialCare: { reason: string; contact: string } | null;
  /** Subsidy households (惠州): the monthly rent of the home they rent on the market, fen (caps the subsidy). */
  marketHomeRentFen?: number;
  /** Facts for eligibility and priority (Ulanqab Art. 11, 12, 17), verified by the housing office. */
  applicantBirthDate: string;
  ownedHomeAreaM2: number;
  employmentMonths: number;
  rentsLowRentUnit: boolean;
  lastDisqualifiedOn: string | null;
  /** The household's open exit case, if any (at most one: set and cleared in the case's transactions). */
  openExitCaseId?: string | null;
  priority: {
    solitaryElderly: boolean;
    seriousIllnessOrDisabilityWithoutIncome: boolean;
    entitledGroup: boolean;
    localPriority: boolean;
  };
  createdAt: string;
  /** The day an exited household left (status `exited`): the retention period runs from it. */
  exitedOn?: string;
  /** When the retention job erased the household's personal data (name, ID number, phone, income, care). */
  personalDataErasedAt?: string;
}

export interface LeaseDoc {
  _id: string;
  householdId: string;
  unitId: string;
  projectId: string;
  startDate: string;
  endDate: string;
  monthlyRentFen: number;
  status: 'active' | 'ended';
  /** The signed contract the lease came from (leases made by 签约). */
  contractId?: string;
  /**
   * A signed renewal (乌兰察布 第二十一条): the lease's end is moved to the new term's end; the rent of the new
   * term applies from `fromDate` (billing reads it for periods from that day).
   */
  nextRent?: { fromDate: string; monthlyRentFen: number; contractId: string } | null;
}

/** A ledger entry kept in its bill: what changed what is owed, by whom and why. */
export interface LedgerEntryDoc {
  /** Deterministic per source (order + bill, or user + request id), so a retry never adds it twice. */
  id: string;
  /** `overpayment`: received for a bill that no longer owed it, to be refunded (多缴待退). */
  kind: 'payment' | 'overpayment' | 'adjustment' | 'refund' | 'waiver';
  /** Effect on what is owed: − payment/overpayment/waiver, + refund, ± adjustment. */
  deltaFen: number;
  method: 'wechat' | 'offline' | 'system';
  /** WeChat transaction id, receipt number or other reference. */
  ref: string;
  reason: string;
  actorUserId: string;
  at: string;
  /** Payments (WeChat Pay and the counter): the receipt number (电子收据编号) given when it was recorded. */
  receiptNo?: string;
}

/**
 * A month's bill: the charge (its lines sum to `amountFen`) and its ledger entries. The balance is always
 * derived (`billBalance`); `status` is the derived label, written in the same transaction as each entry so
 * that open bills can be queried by index.
 */
export interface BillDoc {
  _id: string;
  leaseId: string;
  householdId: string;
  projectId: string;
  buildingId: string;
  unitId: string;
  /** `YYYY-MM` */
  period: string;
  amountFen: number;
  lines: {
    kind: 'rent' | 'reduction' | 'subsidy' | 'utility' | 'proration';
    label: string;
    amountFen: number;
    clause: string;
  }[];
  entries: LedgerEntryDoc[];
  status: 'unpaid' | 'partial' | 'paid' | 'waived' | 'overpaid';
  dueDate: string;
  createdAt: string;
  /**
   * The WeChat Pay order that may still pay this bill: taken in the transaction that makes the order,
   * released in the one that credits or closes it. An order it names that is no longer open holds nothing.
   */
  payingOrderId?: string | null;
}

/** The eligibility application, reviewed under 三审三公示 (Ulanqab Art. 13). */
export interface ApplicationDoc {
  _id: string;
  householdId: string;
  projectId: string;
  status: ReviewState;
  submittedAt: string;
  /** Every stage reached, in order; moves made through the review record who (a role label) and why. */
  history: { state: ReviewState; at: string; by?: string; note?: string; moveKey?: string }[];
  /** 复核 requested by the applicant after a refusal (乌兰察布 第十三条第二款). */
  reReview?: {
    requestedAt: string;
    reason: string;
    status: 'pending' | 'answered';
    deadline: StoredDeadline;
    answer?: string;
    answeredAt?: string;
  };
  /** The online application (cloudfunctions/allocation/application.service.ts); absent on older records. */
  form?: ApplicationFormDoc;
  /** The user who applied online. */
  applicantUserId?: string;
  /** The notice running now (or the last one): the review state it follows, first and last day. */
  notice?: { state: ReviewState; startsOn: string; endsOn: string } | null;
  objections?: ApplicationObjectionDoc[];
  /** Sent back for more material (退回补充材料) from the review state `from`. */
  returned?: { from: ReviewState; at: string; missing: string[]; note: string } | null;
  /** The refusal, with the review state it was made in and its clause. */
  refusal?: { in: ReviewState; at: string; reason: string; clause: string } | null;
  /** 惠州 parallel review: one task per department, all created when the final review opens. */
  departments?: DepartmentTaskDoc[];
}

export interface ApplicationFormDoc {
  category: HouseholdCategory;
  members: {
    name: string;
    relation: string;
    idNumberCipher: string;
    idNumberMasked: string;
    annualIncomeFen: number;
  }[];
  housing: { ownedHomeAreaM2: number; description: string };
  employmentMonths: number | null;
  /** Stored photos of certificates (under `applications/<id>/`), by kind. */
  documents: { kind: string; fileIds: string[] }[];
}

export interface ApplicationObjectionDoc {
  id: string;
  /** The notice state it was filed in. */
  state: ReviewState;
  text: string;
  at: string;
  byUserId: string;
  status: 'pending' | 'answered';
  answer: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
  upheld: boolean | null;
}

/** One view of a whole ID number (the housing office's, or a department checker's for its task): who, when, why. */
export interface IdAccessDoc {
  _id?: string;
  viewerUserId: string;
  householdId: string;
  reason: string;
  at: string;
}

export interface DepartmentTaskDoc {
  department: 'civil_affairs' | 'public_security' | 'real_estate' | 'social_security';
  deadline: StoredDeadline;
  answeredAt: string | null;
  result: 'clear' | 'issue' | null;
  note: string;
  /** The department checker who answered (their own account, `department_reviewer`). */
  answeredBy?: string | null;
  /** The due date the department was told it had passed (the daily timer tells each due date once). */
  overdueToldFor?: string | null;
  /**
   * The start of the task (`deadline.startOn`) its department's checkers were told of. Unset while no one has
   * been told: the move's own message was lost (a crash after the move stored) or the department had no
   * checker yet; the daily timer then tells them.
   */
  arrivalToldFor?: string | null;
}

/**
 * A deadline counted in working days, stored with what it was counted from so that it can be recomputed
 * when the office enters a year's holiday arrangement (provisional deadlines, working-days.rule.ts).
 */
export interface StoredDeadline {
  startOn: string;
  workingDays: number;
  dueOn: string;
  provisional: boolean;
}

/** One year's statutory holidays and 调休 as the housing office entered them from the State Council notice. */
export interface HolidayCalendarDoc {
  /** The year, as a string (one document per year). */
  _id: string;
  year: number;
  holidays: { date: string; name: string }[];
  workdays: string[];
  /** The notice it was copied from (e.g. 国办发明电〔2026〕7号), as the officer typed it. */
  noticeRef: string;
  enteredBy: string;
  enteredByName: string;
  enteredAt: string;
}

/** An allocation round: one project's announcement, registration, lottery, selection and notice. */
export interface RoundDoc {
  _id: string;
  projectId: string;
  title: string;
  description: string;
  status: 'announced' | 'registration_closed' | 'drawn' | 'selecting' | 'publicized';
  registrationOpensAt: string;
  registrationClosesAt: string;
  eligibleCategories: HouseholdCategory[];
  /** SHA-256 of the seed, published with the announcement. */
  seedCommitment: string;
  seed: string | null;
  algorithm: string | null;
  /** Digest of the entrants at the draw; publishing checks it still matches. */
  inputDigest: string | null;
  drawCount: number;
  drawnAt: string | null;
  windowMinutes: number | null;
  /** Units offered in the round (vacant when selection opened). */
  unitIds: string[];
  noticeEndsOn: string | null;
  createdAt: string;
}

/** A household's registration for a round (one per household per round: `_id` = `<roundId>-<householdId>`). */
export interface RegistrationDoc {
  _id: string;
  roundId: string;
  projectId: string;
  householdId: string;
  userId: string;
  status: 'registered' | 'ranked' | 'selected' | 'waived' | 'signed';
  tier: number;
  lottery: { tierRank: number; overallRank: number; score: string } | null;
  window: { turn: number; opensAt: number; closesAt: number } | null;
  unitId: string | null;
  contractId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ContractDoc {
  _id: string;
  registrationId: string;
  householdId: string;
  unitId: string;
  projectId: string;
  status: 'draft' | 'signed';
  text: string;
  textSha256: string;
  startDate: string;
  endDate: string;
  years: number;
  monthlyRentFen: number;
  signatureFileId: string | null;
  signatureSha256: string | null;
  digest: string | null;
  signedAt: string | null;
  leaseId: string | null;
  /**
   * A lease made outside a round: a renewal (`sourceId` = the renewal) or an accepted vacancy offer
   * (`sourceId` = the offer); `registrationId` then holds the same id. Absent for a round's contract.
   */
  kind?: 'renewal' | 'offer';
  sourceId?: string;
}

/**
 * An offer of a vacated unit to the next household on the waitlist (Wuchang 2(2)3: 腾退空置的房源实行动态配租),
 * open until its deadline.
 */
export interface OfferDoc {
  _id: string;
  unitId: string;
  projectId: string;
  householdId: string;
  status: 'offered' | 'accepted' | 'declined' | 'expired';
  offeredAt: string;
  /** Accept by this instant (ISO). */
  deadline: string;
  /** Position on the waitlist when offered (1 = first). */
  position: number;
  respondedAt: string | null;
}

/** An objection filed while a round's results are on notice (乌兰察布 第十三、十八条). */
export interface ObjectionDoc {
  _id: string;
  roundId: string;
  /** The registration (household) the objection is about, or null when it names none. */
  registrationId?: string | null;
  userId: string;
  name: string;
  text: string;
  at: string;
  /** Pending until the office has dealt with it (missing on objections stored before this field). */
  status?: 'pending' | 'resolved';
  resolution?: string | null;
  resolvedAt?: string | null;
}

/**
 * The unit a household holds under 一户一套 (乌兰察布 第十二条, `one-unit.rule.ts`): `_id` = household id. Every
 * transaction that gives a household a unit (selection, accepting an offer, signing) reads this document and
 * writes it, so two of them for one household conflict on it (CloudBase reruns the loser, which then sees
 * the winner's hold). A hold lasts while its source does (registration `selected`, offer `accepted`, lease
 * `active`); once the source has moved on the household is free again without a write here.
 */
export interface HouseholdHoldDoc {
  _id: string;
  held: HeldUnit;
  updatedAt: string;
}

/** A lease's renewal application (乌兰察布 第二十一条): `_id` = `renewal-<leaseId>-<endDate>`. */
export interface RenewalDoc {
  _id: string;
  leaseId: string;
  householdId: string;
  status: 'submitted' | 'approved' | 'refused' | 'signed';
  submittedAt: string;
  dueBy: string;
  /** The office's decision (乌兰察布 第二十一条): who, when, why, and what follows. */
  decidedAt?: string;
  decidedBy?: string;
  reason?: string | null;
  clause?: string;
  /** Approved: the new term, its tier rent and the contract the tenant signs online. */
  newStartDate?: string;
  newEndDate?: string;
  newMonthlyRentFen?: number;
  contractId?: string;
  /** Refused: the day the household must move out (the lease's end). */
  moveOutBy?: string;
}

/** Who did what to which record, and when (an append-only trail). */
export interface AuditDoc {
  _id?: string;
  entityType:
    | 'round'
    | 'registration'
    | 'contract'
    | 'unit'
    | 'project'
    | 'offer'
    | 'bill'
    | 'application'
    | 'holiday_calendar'
    | 'policy_version'
    | 'user'
    | 'household'
    | 'invitation'
    | 'exit_case';
  entityId: string;
  action: string;
  actorUserId: string;
  at: string;
  detail: string;
}

/** One step of an exit case as it was taken: who, when, what, why. */
export interface ExitCaseStepDoc {
  step: ExitCaseStep | 'open';
  at: string;
  byUserId: string;
  note: string;
}

/**
 * An exit case (乌兰察布 第三十一至三十三、三十七、三十八条, `exit-case.rule.ts`): `_id` from the office's
 * request id. Money in fen, days ISO.
 */
export interface ExitCaseDoc {
  _id: string;
  householdId: string;
  /** Null for a case on an approved application found false before any lease (第三十七条第二款). */
  leaseId: string | null;
  unitId: string | null;
  projectId: string;
  /** The approved application a false-material case was opened on, when there is no lease. */
  applicationId?: string | null;
  /** Photos of the evidence (false material), stored under `exit-cases/<id>/evidence-…`. */
  evidencePhotoFileIds?: string[];
  /** Market-rent back pay for the period rented, as the rules module computed it at opening (fen). */
  backPayDueFen?: number;
  trigger: ExitTrigger;
  /** Where the trigger came from: billing's arrears, a patrol signal or report, a renewal review, the office. */
  source: 'arrears' | 'patrol' | 'report' | 'renewal' | 'office';
  evidence: string;
  /** The record the evidence is in (a hazard, a visit, a renewal), when there is one. */
  evidenceRef: string | null;
  arrearsMonths: number;
  arrearsFen: number;
  vacantMonths: number;
  illegalGainsFen: number;
  clause: string;
  consequences: string[];
  maxFineFen: number;
  marketRentBackPay: boolean;
  reapplyBan: boolean;
  state: ExitCaseState;
  openedAt: string;
  noticeText: string | null;
  respondBy: string | null;
  statement: { text: string; at: string } | null;
  decisionReason: string | null;
  moveOutBy: string | null;
  inspection: { note: string; photoFileIds: string[]; at: string } | null;
  settlement: {
    depositFen: number;
    arrearsFen: number;
    backPayFen: number;
    damageFen: number;
    fineFen: number;
    owedFen: number;
    stillOwedFen: number;
    /** What the deposit leaves to give back; paid out through billing's refund action. */
    refundDueFen: number;
    refundStatus: 'none' | 'due' | 'refunded';
    /** How the refund due was paid, once the office records it (`exitRecordRefund`). */
    refundMethod?: 'transfer' | 'wechat_refund';
    /** The bank transfer's voucher number, or billing's refund number (out_refund_no). */
    refundReference?: string;
    refundedAt?: string;
  } | null;
  endedOn: string | null;
  banEndsOn: string | null;
  steps: ExitCaseStepDoc[];
  updatedAt: string;
}
