import type { PolicyPreset } from '../policy/policy-preset';
import { cite } from '../policy/sources';
import { addDays, assertIsoDate } from './dates';
import {
  deceptionPenalty,
  evaluateExit,
  type ExitFinding,
  type ExitTrigger,
  type TenancyFacts,
} from './exit.rule';
import { reason, type Decision, type Reason } from './reason';

/**
 * The exit procedure as a state machine (乌兰察布 第三十一至三十三、三十七、三十八条). A case opens from one
 * trigger with its evidence; the office gives the household written notice with the reasons and a period
 * to answer or move out (第三十三条: 书面通知当事人并说明理由 … 当事人无异议的, 应当在规定期限内退回住房); the
 * household may make a statement; the office decides (exit, with a move-out day, or closing without exit
 * with a reason, e.g. the arrears were paid); then the move-out inspection with photos, the settlement of
 * arrears and deposit, and the end of the lease (the unit becomes vacant and goes to the waitlist).
 *
 * Each step names the one role that may take it and the states it may be taken from; any other step is
 * refused with its reason and changes nothing. The periods are the office's to set (the text says
 * 规定期限 without a figure): `EXIT_CASE_OPERATOR_DEFAULTS` are the defaults the office may change per case
 * within `EXIT_CASE_PERIOD_BOUNDS`.
 */
export const EXIT_CASE_STATES = [
  'opened',
  'notified',
  'statement_received',
  'decided_exit',
  'inspected',
  'settled',
  'vacated',
  'closed_no_exit',
] as const;
export type ExitCaseState = (typeof EXIT_CASE_STATES)[number];

export const EXIT_CASE_STATE_LABELS: Record<ExitCaseState, string> = {
  opened: '已立案，待书面通知',
  notified: '已书面通知，待住户陈述',
  statement_received: '住户已陈述，待决定',
  decided_exit: '已决定退出，待验房',
  inspected: '已验房，待结算',
  settled: '已结算，待终止租约',
  vacated: '已退房，房源已空置',
  closed_no_exit: '不予退出，已结案',
};

/** Cases still in progress: a household may have at most one. */
export const OPEN_EXIT_CASE_STATES: readonly ExitCaseState[] = [
  'opened',
  'notified',
  'statement_received',
  'decided_exit',
  'inspected',
  'settled',
];
export const isOpenExitCase = (s: ExitCaseState): boolean => OPEN_EXIT_CASE_STATES.includes(s);

export const EXIT_CASE_STEPS = [
  'notify',
  'statement',
  'decide_exit',
  'close_no_exit',
  'inspect',
  'settle',
  'end_lease',
] as const;
export type ExitCaseStep = (typeof EXIT_CASE_STEPS)[number];
export type ExitCaseRole = 'office' | 'household';

export const EXIT_CASE_STEP_LABELS: Record<ExitCaseStep, string> = {
  notify: '书面通知住户',
  statement: '住户陈述',
  decide_exit: '决定退出',
  close_no_exit: '不予退出并结案',
  inspect: '退房验房',
  settle: '结算欠租和押金',
  end_lease: '终止租约、收回房源',
};

interface StepSpec {
  from: readonly ExitCaseState[];
  to: ExitCaseState;
  by: ExitCaseRole;
}

/** Who may take each step, from which states, into which state. */
export const EXIT_CASE_MOVES: Record<ExitCaseStep, StepSpec> = {
  notify: { from: ['opened'], to: 'notified', by: 'office' },
  statement: { from: ['notified'], to: 'statement_received', by: 'household' },
  decide_exit: { from: ['notified', 'statement_received'], to: 'decided_exit', by: 'office' },
  close_no_exit: { from: ['opened', 'notified', 'statement_received'], to: 'closed_no_exit', by: 'office' },
  inspect: { from: ['decided_exit'], to: 'inspected', by: 'office' },
  settle: { from: ['inspected'], to: 'settled', by: 'office' },
  end_lease: { from: ['settled'], to: 'vacated', by: 'office' },
};

/**
 * Periods no document fixes (第三十三条 says 规定期限): days for the household to answer the notice, and days
 * from the decision to move out. The office may set others per case within the bounds.
 */
// The defaults; a district sets its own on the settings page (operator-constants.rule.ts `exitCasePeriods`),
// used when the office names no period for the case.
export const EXIT_CASE_OPERATOR_DEFAULTS = { respondDays: 15, moveOutDays: 30 } as const;
export const EXIT_CASE_PERIOD_BOUNDS = { minDays: 7, maxDays: 90 } as const;
/** Where the periods and settlement checks come from: the office's own setting, no clause fixes them. */
export const EXIT_CASE_OPERATOR_CLAUSE = '运营方设定（办法第三十三条只规定"规定期限"）';

/** The clause each step rests on, cited under the policy in force. */
export function exitStepClause(step: ExitCaseStep, trigger: ExitTrigger, policy: PolicyPreset): string {
  switch (step) {
    case 'notify':
    case 'statement':
      return cite(policy, 'exit.writtenNotice');
    case 'decide_exit':
    case 'end_lease':
      return cite(policy, 'exit.disqualification');
    case 'settle':
      return cite(policy, 'exit.backPay');
    default:
      return cite(policy, trigger === 'arrears_6_months' ? 'exit.arrears' : 'exit.writtenNotice');
  }
}

export interface ExitCaseFacts {
  state: ExitCaseState;
  /** The day the household must answer by (set by the notice). */
  respondBy: string | null;
  /** The day the household must move out by (set by the decision). */
  moveOutBy: string | null;
  /**
   * False when the case concerns an approved application with no lease yet (false material found before
   * a lease, 第三十七条第二款): no unit to inspect, so the settlement (the fine) follows the decision and the
   * last step cancels the waitlist registration. Absent: a tenancy.
   */
  hasLease?: boolean;
}

/** A state's name for the case: without a lease there is no inspection and no unit to take back. */
export function exitStateLabel(state: ExitCaseState, hasLease = true): string {
  if (!hasLease && state === 'decided_exit') return '已决定取消资格，待结算罚款';
  if (!hasLease && state === 'settled') return '已结算，待取消轮候登记';
  if (!hasLease && state === 'vacated') return '已取消保障资格和轮候登记';
  return EXIT_CASE_STATE_LABELS[state];
}

/** A step's name for the case: without a lease the last step cancels the waitlist registration. */
export function exitStepLabel(step: ExitCaseStep, hasLease = true): string {
  if (hasLease) return EXIT_CASE_STEP_LABELS[step];
  if (step === 'end_lease') return '取消轮候登记';
  if (step === 'settle') return '结算罚款';
  return EXIT_CASE_STEP_LABELS[step];
}

/**
 * Whether `role` may take `step` on a case in `facts.state` on `today` (China date). A decision on a
 * notified case without a statement waits for the end of the period to answer (第三十三条: the household is
 * heard first); a statement after that period is still taken while no decision is made, so the office reads
 * it. Refusals name each failed condition with its clause.
 */
export function checkExitStep(
  facts: ExitCaseFacts,
  step: ExitCaseStep,
  role: ExitCaseRole,
  today: string,
  trigger: ExitTrigger,
  policy: PolicyPreset,
): Decision<ExitCaseState> {
  assertIsoDate(today, '今天');
  const hasLease = facts.hasLease !== false;
  const spec = EXIT_CASE_MOVES[step];
  // Without a lease there is nothing to inspect: the settlement follows the decision.
  const from: readonly ExitCaseState[] = !hasLease && step === 'settle' ? ['decided_exit'] : spec.from;
  const clause = exitStepClause(step, trigger, policy);
  const reasons: Reason[] = [];
  if (!hasLease && step === 'inspect')
    reasons.push(reason('EXIT_STEP_NO_LEASE', clause, '该家庭尚未承租住房，无需退房验房。'));
  if (spec.by !== role)
    reasons.push(
      reason(
        'EXIT_STEP_WRONG_ROLE',
        clause,
        `「${exitStepLabel(step, hasLease)}」只能由${spec.by === 'office' ? '住房保障部门' : '住户本人'}办理。`,
      ),
    );
  if (!(step === 'inspect' && !hasLease) && !from.includes(facts.state))
    reasons.push(
      reason(
        'EXIT_STEP_WRONG_STATE',
        clause,
        `退出案件当前状态为「${EXIT_CASE_STATE_LABELS[facts.state]}」，不能办理「${exitStepLabel(step, hasLease)}」。`,
      ),
    );
  if (
    step === 'decide_exit' &&
    facts.state === 'notified' &&
    facts.respondBy !== null &&
    today <= facts.respondBy
  )
    reasons.push(
      reason(
        'EXIT_STEP_RESPOND_PERIOD',
        clause,
        `住户陈述期限至 ${facts.respondBy}，期限届满或收到陈述后才能作出退出决定。`,
      ),
    );
  return reasons.length === 0 ? { ok: true, value: spec.to, reasons } : { ok: false, reasons };
}

/** A period in days the office set, checked against the bounds. */
export function checkPeriodDays(days: number, what: string): Reason[] {
  const { minDays, maxDays } = EXIT_CASE_PERIOD_BOUNDS;
  return Number.isInteger(days) && days >= minDays && days <= maxDays
    ? []
    : [
        reason(
          'EXIT_PERIOD_OUT_OF_RANGE',
          EXIT_CASE_OPERATOR_CLAUSE,
          `${what}须为 ${minDays}–${maxDays} 天。`,
        ),
      ];
}

/** The day a period of `days` ends, counted from `fromIso` (the day after it is day 1). */
export const periodEnds = (fromIso: string, days: number): string => addDays(fromIso, days);

export interface ExitCaseDeadline {
  /** What is awaited, in Chinese; null when the case waits for nobody (closed). */
  awaiting: string | null;
  /** The day it is due; null when the step has no deadline. */
  dueOn: string | null;
  overdue: boolean;
}

/**
 * What a case waits for and by when: the household's answer by `respondBy` while notified, the move-out by
 * `moveOutBy` once exit is decided (inspection and settlement follow the move-out). Overdue is strictly
 * after the day due.
 */
export function exitCaseDeadline(facts: ExitCaseFacts, today: string): ExitCaseDeadline {
  const at = (awaiting: string, dueOn: string | null): ExitCaseDeadline => ({
    awaiting,
    dueOn,
    overdue: dueOn !== null && today > dueOn,
  });
  switch (facts.state) {
    case 'opened':
      return at('住房保障部门书面通知住户', null);
    case 'notified':
      return at('住户陈述或在期限内退房', facts.respondBy);
    case 'statement_received':
      return at('住房保障部门作出决定', null);
    case 'decided_exit':
      return facts.hasLease === false ? at('结算罚款', null) : at('住户退房，部门验房', facts.moveOutBy);
    case 'inspected':
      return at('结算欠租和押金', facts.moveOutBy);
    case 'settled':
      return at(facts.hasLease === false ? '取消轮候登记' : '终止租约、收回房源', null);
    default:
      return { awaiting: null, dueOn: null, overdue: false };
  }
}

/** The facts that raise one trigger, from the office's figures (months, illegal gains). */
export function triggerFacts(
  trigger: ExitTrigger,
  figures: { arrearsMonths?: number; vacantMonths?: number; illegalGainsFen?: number },
): TenancyFacts {
  return {
    consecutiveVacantMonths: trigger === 'vacant_6_months' ? (figures.vacantMonths ?? 0) : 0,
    cumulativeArrearsMonths: trigger === 'arrears_6_months' ? (figures.arrearsMonths ?? 0) : 0,
    falseInformation: trigger === 'false_information',
    subletOrChangeOfUse: trigger === 'sublet_or_change_of_use',
    damageOrUnauthorizedRenovation: trigger === 'damage_or_renovation',
    illegalActivity: trigger === 'illegal_activity',
    leaseExpiredWithoutRenewalApplication: trigger === 'expired_without_renewal',
    renewalRefused: trigger === 'renewal_refused',
    noLongerEligible: trigger === 'no_longer_eligible',
    illegalGainsFen: figures.illegalGainsFen ?? 0,
  };
}

/**
 * The finding a case opens on: the rules module's consequences for the trigger with the office's figures,
 * or a refusal when the figures do not reach the threshold (e.g. 5 months of arrears where the policy says
 * 6), naming the clause.
 */
export function openingFinding(
  trigger: ExitTrigger,
  figures: { arrearsMonths?: number; vacantMonths?: number; illegalGainsFen?: number },
  policy: PolicyPreset,
): Decision<ExitFinding> {
  const found = evaluateExit(triggerFacts(trigger, figures), policy).find((f) => f.trigger === trigger);
  if (found) return { ok: true, value: found, reasons: [] };
  const e = policy.exit;
  const what =
    trigger === 'arrears_6_months'
      ? `累计欠租 ${figures.arrearsMonths ?? 0} 个月，未达到 ${e.arrearsMonths} 个月`
      : `连续未居住 ${figures.vacantMonths ?? 0} 个月，未达到 ${e.vacancyMonths} 个月`;
  return {
    ok: false,
    reasons: [
      reason(
        'EXIT_TRIGGER_NOT_MET',
        cite(policy, trigger === 'arrears_6_months' ? 'exit.arrears' : 'exit.vacancy'),
        `${what}，不能据此启动退出程序。`,
      ),
    ],
  };
}

/**
 * The settlement at move-out (fen): the deposit pays what is owed (arrears, market-rent back pay, damage,
 * fine); what remains is refunded, what the deposit does not cover is still owed. Integer fen in and out.
 */
export function exitSettlement(
  input: {
    depositFen: number;
    arrearsFen: number;
    backPayFen: number;
    damageFen: number;
    fineFen: number;
    maxFineFen: number;
  },
  policy: PolicyPreset,
): Decision<{ owedFen: number; refundDueFen: number; stillOwedFen: number }> {
  const reasons: Reason[] = [];
  for (const [k, v] of Object.entries(input))
    if (!Number.isInteger(v) || v < 0)
      reasons.push(
        reason('EXIT_SETTLEMENT_AMOUNT', EXIT_CASE_OPERATOR_CLAUSE, `金额须为非负整数（分）：${k}`),
      );
  if (input.fineFen > input.maxFineFen)
    reasons.push(
      reason(
        'EXIT_FINE_ABOVE_CAP',
        cite(policy, 'exit.fine'),
        `罚款不能超过 ${(input.maxFineFen / 100).toFixed(2)} 元（依据立案时的条款上限）。`,
      ),
    );
  if (reasons.length > 0) return { ok: false, reasons };
  const owedFen = input.arrearsFen + input.backPayFen + input.damageFen + input.fineFen;
  return {
    ok: true,
    value: {
      owedFen,
      refundDueFen: Math.max(0, input.depositFen - owedFen),
      stillOwedFen: Math.max(0, owedFen - input.depositFen),
    },
    reasons: [],
  };
}

/** Where false material was found: in a tenancy, or in an approved application before any lease. */
export type FalseMaterialStage = 'tenancy' | 'application';

/**
 * The finding a false-material case opens on (乌兰察布 第三十二条(一): 虚报隐瞒户籍、家庭人口、收入、财产、住房等情况
 * 取得保障性住房的 … 取消保障资格; 第三十七条第二款: 以欺骗等不正手段，登记为轮候对象或者承租购买公共租赁住房的 …
 * 处以1000元以下罚款，记入公共租赁住房管理档案；登记为轮候对象的，取消其登记；已承租公共租赁住房的，责令限期退回 …
 * 并按市场价格补缴租金 … 承租人或购买人自退回公共租赁住房之日起五年内不得再次申请). A tenancy: disqualification and
 * return of the unit, market-rent back pay for the period rented, the fine within the cap, the archive
 * record and the ban years the text names. An approved application: the fine, the archive record and the
 * cancellation of the waitlist registration (the ban applies to tenants and buyers only). Both clauses are
 * cited under the policy in force.
 */
export function falseMaterialFinding(stage: FalseMaterialStage, policy: PolicyPreset): ExitFinding {
  const deception = cite(policy, 'exit.deception');
  const clause = `${cite(policy, 'exit.falseInformation')}、${deception}`;
  if (stage === 'tenancy') {
    const [f] = evaluateExit(triggerFacts('false_information', {}), policy);
    const base = f as ExitFinding;
    return {
      ...base,
      clause,
      consequences: [...base.consequences, `记入公共租赁住房管理档案（${deception}）`],
    };
  }
  const p = deceptionPenalty('waitlisted', policy);
  return {
    trigger: 'false_information',
    clause,
    message: '虚报隐瞒情况登记为轮候对象',
    disqualify: true,
    marketRentBackPay: false,
    maxFineFen: p.maxFineFen,
    reapplyBan: false,
    consequences: [
      ...p.consequences.map((c) => `${c}（${p.clause}）`),
      `书面通知并说明理由，当事人有异议可申诉（${cite(policy, 'exit.writtenNotice')}）`,
    ],
  };
}

/**
 * Rent at market price for the period rented (乌兰察布 第三十七条第二款、第三十八条: 按市场价格补缴租金): for each
 * month billed, the unit's market rent less the rent charged (never below zero). Integer fen.
 */
export function marketRentBackPayFen(
  months: readonly { marketRentFen: number; chargedRentFen: number }[],
): number {
  let total = 0;
  for (const m of months) {
    if (!Number.isInteger(m.marketRentFen) || !Number.isInteger(m.chargedRentFen))
      throw new RangeError('租金必须是整数（分）');
    total += Math.max(0, m.marketRentFen - m.chargedRentFen);
  }
  return total;
}
