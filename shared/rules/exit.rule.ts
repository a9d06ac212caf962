import type { PolicyPreset } from '../policy/policy-preset';
import { cite, type LawKey } from '../policy/sources';
import { addYears, assertIsoDate } from './dates';

/**
 * Exit and disqualification (乌兰察布 第三十一、三十二、三十三、三十七、三十八条). Each trigger found comes with
 * its consequences: disqualification and recovery of the unit (Art. 32), a written decision with reasons
 * that the tenant may appeal (Art. 33), back-payment of rent at market price from the day of the violation
 * (Art. 37, 38), a fine of at most 1,000 yuan, or where there are illegal gains at most 3× the gains and
 * never above 30,000 yuan (Art. 38), and a 5-year ban on reapplying from the day the unit is returned
 * (Art. 37, 38). Months are whole calendar months counted by the caller; money is integer fen. Every
 * finding and consequence cites the policy in force: a district whose own document has no exit rules shows
 * them as its settings.
 */
export interface TenancyFacts {
  /** 虚报隐瞒户籍、家庭人口、收入、财产、住房 (Art. 32(1), 37). */
  falseInformation?: boolean;
  /** 转借、转租、擅自调换, or change of use, not rectified (Art. 32(2), 38(1)(2)). */
  subletOrChangeOfUse?: boolean;
  /** 破坏或者擅自装修, not restored (Art. 38(3)). */
  damageOrUnauthorizedRenovation?: boolean;
  /** 在公共租赁住房内从事违法活动 (Art. 38(4)). */
  illegalActivity?: boolean;
  /** Consecutive months not lived in without good reason (Art. 32(3), 38(5)). */
  consecutiveVacantMonths: number;
  /** Months of rent unpaid, cumulative, without good reason (Art. 32(4), 38(6)). */
  cumulativeArrearsMonths: number;
  leaseExpiredWithoutRenewalApplication?: boolean;
  renewalRefused?: boolean;
  /** Acquired other housing or income improved beyond the limits (Art. 31). */
  noLongerEligible?: boolean;
  /** Illegal gains from the violation (e.g. sublet rent received), fen. */
  illegalGainsFen?: number;
}

export type ExitTrigger =
  | 'false_information'
  | 'sublet_or_change_of_use'
  | 'damage_or_renovation'
  | 'illegal_activity'
  | 'vacant_6_months'
  | 'arrears_6_months'
  | 'expired_without_renewal'
  | 'renewal_refused'
  | 'no_longer_eligible';

export interface ExitFinding {
  trigger: ExitTrigger;
  clause: string;
  message: string;
  disqualify: boolean;
  marketRentBackPay: boolean;
  /** Maximum fine, fen (0 when the clause sets none). */
  maxFineFen: number;
  reapplyBan: boolean;
  /** Every consequence in Chinese, each with its clause, in the order they apply. */
  consequences: string[];
}

/** The trigger's label with the district's figures (e.g. 连续6个月以上未居住). */
export function exitTriggerLabels(policy: PolicyPreset): Record<ExitTrigger, string> {
  const e = policy.exit;
  return {
    false_information: '虚报隐瞒情况取得保障性住房',
    sublet_or_change_of_use: '违规转租、出借或改变用途',
    damage_or_renovation: '破坏或擅自装修住房且拒不恢复原状',
    illegal_activity: '在住房内从事违法活动',
    vacant_6_months: `无正当理由连续${e.vacancyMonths}个月以上未居住`,
    arrears_6_months: `累计${e.arrearsMonths}个月以上未交纳租金`,
    expired_without_renewal: '租赁期满未申请续租',
    renewal_refused: '续租审核不符合条件',
    no_longer_eligible: '不再符合保障条件',
  };
}

const TRIGGER_KEYS: Record<ExitTrigger, LawKey> = {
  false_information: 'exit.falseInformation',
  sublet_or_change_of_use: 'exit.sublet',
  damage_or_renovation: 'exit.damage',
  illegal_activity: 'exit.illegalActivity',
  vacant_6_months: 'exit.vacancy',
  arrears_6_months: 'exit.arrears',
  expired_without_renewal: 'exit.expired',
  renewal_refused: 'exit.renewalRefused',
  no_longer_eligible: 'exit.noLongerEligible',
};

/** The citation of one exit trigger under the policy in force. */
export function exitTriggerClause(trigger: ExitTrigger, policy: PolicyPreset): string {
  return cite(policy, TRIGGER_KEYS[trigger]);
}

// No Intl: the mini-program's JS engines do not all ship full locale data.
const yuan = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));

/**
 * The fine cap for a violation under 乌兰察布 第三十八条 (and 第三十七条 without gains): 1,000 yuan; where
 * there are illegal gains, 3× the gains but never above 30,000 yuan (the gains-based cap replaces the
 * 1,000-yuan one, as in the clause's wording). Fen in, fen out; integer arithmetic, no rounding.
 */
export function maxFineFen(illegalGainsFen: number, policy: PolicyPreset): number {
  const e = policy.exit;
  if (!Number.isInteger(illegalGainsFen) || illegalGainsFen < 0)
    throw new RangeError('违法所得必须是非负整数（分）');
  return illegalGainsFen > 0
    ? Math.min(illegalGainsFen * e.illegalGainsMultiple, e.illegalGainsFineCapFen)
    : e.fineCapFen;
}

/**
 * Every exit trigger the facts show, each with its consequences (乌兰察布 第三十一至三十三、三十七、三十八条).
 * Thresholds (6 months vacant, 6 months arrears) are inclusive ("6个月以上"). An empty list means no trigger.
 */
export function evaluateExit(facts: TenancyFacts, policy: PolicyPreset): ExitFinding[] {
  const e = policy.exit;
  for (const [name, v] of [
    ['连续空置月数', facts.consecutiveVacantMonths],
    ['累计欠租月数', facts.cumulativeArrearsMonths],
  ] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${name}必须是非负整数`);
  }
  const labels = exitTriggerLabels(policy);
  const art38Fine = maxFineFen(facts.illegalGainsFen ?? 0, policy);
  const out: ExitFinding[] = [];
  const add = (
    trigger: ExitTrigger,
    f: Omit<ExitFinding, 'trigger' | 'clause' | 'message' | 'consequences'>,
  ) => {
    const clause = exitTriggerClause(trigger, policy);
    const consequences: string[] = [];
    if (trigger === 'no_longer_eligible')
      consequences.push(`在规定期限内腾退；逾期不腾退的，按市场价格交纳租金或按市场价格购买（${clause}）`);
    else if (f.disqualify)
      consequences.push(`取消保障资格，收回或回购住房（${cite(policy, 'exit.disqualification')}）`);
    consequences.push(`书面通知并说明理由，当事人有异议可申诉（${cite(policy, 'exit.writtenNotice')}）`);
    if (f.marketRentBackPay)
      consequences.push(`按市场价格补缴自违规行为发生之日起的租金（${cite(policy, 'exit.backPay')}）`);
    if (f.maxFineFen > 0) consequences.push(`处以不超过 ${yuan(f.maxFineFen)} 元的罚款（${clause}）`);
    if (f.reapplyBan)
      consequences.push(
        `自退回住房之日起 ${e.reapplyBanYears} 年内不得再次申请（${cite(policy, 'exit.reapplyBan')}）`,
      );
    out.push({ trigger, clause, message: labels[trigger], ...f, consequences });
  };
  const violation = { disqualify: true, marketRentBackPay: true, reapplyBan: true };
  if (facts.falseInformation) add('false_information', { ...violation, maxFineFen: e.fineCapFen });
  if (facts.subletOrChangeOfUse) add('sublet_or_change_of_use', { ...violation, maxFineFen: art38Fine });
  if (facts.damageOrUnauthorizedRenovation)
    add('damage_or_renovation', { ...violation, maxFineFen: art38Fine });
  if (facts.illegalActivity) add('illegal_activity', { ...violation, maxFineFen: art38Fine });
  if (facts.consecutiveVacantMonths >= e.vacancyMonths)
    add('vacant_6_months', { ...violation, maxFineFen: art38Fine });
  if (facts.cumulativeArrearsMonths >= e.arrearsMonths)
    add('arrears_6_months', { ...violation, maxFineFen: art38Fine });
  const exitOnly = { disqualify: true, marketRentBackPay: false, maxFineFen: 0, reapplyBan: false };
  if (facts.leaseExpiredWithoutRenewalApplication) add('expired_without_renewal', exitOnly);
  if (facts.renewalRefused) add('renewal_refused', exitOnly);
  // Art. 31: vacate within the set period, otherwise pay market rent or buy at market price.
  if (facts.noLongerEligible) add('no_longer_eligible', exitOnly);
  return out;
}

/**
 * The day the reapplication ban ends (乌兰察布 第三十七、三十八条: 自退回公共租赁住房之日起五年内不得再次申请):
 * the fifth anniversary of the return date, ISO `YYYY-MM-DD`; applying on that day is allowed.
 */
export function reapplyBanEnds(returnedOnIso: string, policy: PolicyPreset): string {
  assertIsoDate(returnedOnIso, '退房日期');
  return addYears(returnedOnIso, policy.exit.reapplyBanYears);
}

/** The stage at which a household used deception (乌兰察布 第三十七条 第二款). */
export type DeceptionStage = 'waitlisted' | 'renting' | 'purchased';

export interface PenaltyFinding {
  clause: string;
  /** Maximum fine, fen. */
  maxFineFen: number;
  /** What follows, in Chinese, in the order it applies. */
  consequences: string[];
}

/**
 * Deception at the waitlist, tenancy or purchase stage (乌兰察布 第三十七条 第二款: 以欺骗等不正手段，登记为
 * 轮候对象或者承租购买公共租赁住房的 … 处以1000元以下罚款，记入公共租赁住房管理档案; 登记为轮候对象的，取消其登记;
 * 已承租的，责令限期退回 … 并按市场价格补缴租金，逾期不退回的，可以依法申请人民法院强制执行; 已购买的，责令限期退回，
 * 逾期不退回的，按市场价格补交房款或申请人民法院强制执行。承租人或购买人自退回之日起五年内不得再次申请). Fen.
 */
export function deceptionPenalty(stage: DeceptionStage, policy: PolicyPreset): PenaltyFinding {
  const e = policy.exit;
  const clause = cite(policy, 'exit.deception');
  const consequences = [`处以不超过 ${yuan(e.fineCapFen)} 元的罚款`, '记入公共租赁住房管理档案'];
  if (stage === 'waitlisted') consequences.push('取消其轮候登记');
  if (stage === 'renting')
    consequences.push(
      '责令限期退回所承租的公共租赁住房',
      '按市场价格补缴租金',
      '逾期不退回的，可以依法申请人民法院强制执行',
    );
  if (stage === 'purchased')
    consequences.push(
      '责令限期退回所购买的公共租赁住房',
      '逾期不退回的，按市场价格补交房款或申请人民法院强制执行',
    );
  if (stage !== 'waitlisted') consequences.push(`自退回住房之日起 ${e.reapplyBanYears} 年内不得再次申请`);
  return { clause, maxFineFen: e.fineCapFen, consequences };
}

/** What an owner or its operator did (乌兰察布 第三十六条 (一)–(三)). */
export type OperatorViolation = 'let_or_sold_to_ineligible' | 'maintenance_neglected' | 'changed_use';

export const OPERATOR_VIOLATION_LABELS: Record<OperatorViolation, string> = {
  let_or_sold_to_ineligible: '向不符合条件的对象出租出售公共租赁住房',
  maintenance_neglected: '未履行公共租赁住房及其配套设施维修养护义务',
  changed_use: '改变公共租赁住房的保障性住房性质、用途，以及配套设施的规划用途',
};

/**
 * An owner's or operator's violation (乌兰察布 第三十六条: 由各旗县市区人民政府住房保障主管部门责令限期改正，并处以
 * 3万元以下罚款): an order to correct within a set period and a fine of at most 30,000 yuan. One finding per
 * violation. Fen.
 */
export function operatorPenalty(violation: OperatorViolation, policy: PolicyPreset): PenaltyFinding {
  const cap = policy.exit.operatorFineCapFen;
  return {
    clause: cite(policy, 'exit.operatorFine'),
    maxFineFen: cap,
    consequences: [
      `${OPERATOR_VIOLATION_LABELS[violation]}：责令限期改正`,
      `处以不超过 ${yuan(cap)} 元的罚款`,
    ],
  };
}

/**
 * An estate agent's or agency's brokerage of a public rental unit (乌兰察布 第三十九条: 房地产经纪机构及其经纪人员
 * 提供公共租赁住房出租、转租、出售等经纪业务的 … 责令限期改正，记入房地产经纪信用档案；对房地产经纪人员，处以1万元
 * 以下罚款；对房地产经纪机构，取消网上签约资格，处以3万元以下罚款). Fen.
 */
export function estateAgentPenalty(party: 'agent' | 'agency', policy: PolicyPreset): PenaltyFinding {
  const e = policy.exit;
  const cap = party === 'agent' ? e.agentStaffFineCapFen : e.agentFirmFineCapFen;
  const consequences = ['责令限期改正', '记入房地产经纪信用档案'];
  if (party === 'agency') consequences.push('取消网上签约资格');
  consequences.push(`处以不超过 ${yuan(cap)} 元的罚款`);
  return { clause: cite(policy, 'exit.agentFine'), maxFineFen: cap, consequences };
}
