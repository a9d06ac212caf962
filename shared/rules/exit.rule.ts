import { CLAUSE } from '../policy/clauses';
import type { PolicyPreset } from '../policy/policy-preset';
import { addYears, assertIsoDate } from './dates';

/**
 * Exit and disqualification (乌兰察布 第三十一、三十二、三十三、三十七、三十八条). Each trigger found comes with
 * its consequences: disqualification and recovery of the unit (Art. 32), a written decision with reasons
 * that the tenant may appeal (Art. 33), back-payment of rent at market price from the day of the violation
 * (Art. 37, 38), a fine of at most 1,000 yuan, or where there are illegal gains at most 3× the gains and
 * never above 30,000 yuan (Art. 38), and a 5-year ban on reapplying from the day the unit is returned
 * (Art. 37, 38). Months are whole calendar months counted by the caller; money is integer fen.
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

export const EXIT_TRIGGER_LABELS: Record<ExitTrigger, string> = {
  false_information: '虚报隐瞒情况取得保障性住房',
  sublet_or_change_of_use: '违规转租、出借或改变用途',
  damage_or_renovation: '破坏或擅自装修住房且拒不恢复原状',
  illegal_activity: '在住房内从事违法活动',
  vacant_6_months: '无正当理由连续6个月以上未居住',
  arrears_6_months: '累计6个月以上未交纳租金',
  expired_without_renewal: '租赁期满未申请续租',
  renewal_refused: '续租审核不符合条件',
  no_longer_eligible: '不再符合保障条件',
};

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
  const art38Fine = maxFineFen(facts.illegalGainsFen ?? 0, policy);
  const out: ExitFinding[] = [];
  const add = (
    trigger: ExitTrigger,
    clause: string,
    f: Omit<ExitFinding, 'trigger' | 'clause' | 'message' | 'consequences'>,
  ) => {
    const consequences: string[] = [];
    if (trigger === 'no_longer_eligible')
      consequences.push(
        `在规定期限内腾退；逾期不腾退的，按市场价格交纳租金或按市场价格购买（${CLAUSE.U_ART31}）`,
      );
    else if (f.disqualify) consequences.push(`取消保障资格，收回或回购住房（${CLAUSE.U_ART32}）`);
    consequences.push(`书面通知并说明理由，当事人有异议可申诉（${CLAUSE.U_ART33}）`);
    if (f.marketRentBackPay)
      consequences.push(`按市场价格补缴自违规行为发生之日起的租金（${CLAUSE.U_ART37}、${CLAUSE.U_ART38}）`);
    if (f.maxFineFen > 0) consequences.push(`处以不超过 ${yuan(f.maxFineFen)} 元的罚款（${clause}）`);
    if (f.reapplyBan)
      consequences.push(
        `自退回住房之日起 ${e.reapplyBanYears} 年内不得再次申请（${CLAUSE.U_ART37}、${CLAUSE.U_ART38}）`,
      );
    out.push({ trigger, clause, message: EXIT_TRIGGER_LABELS[trigger], ...f, consequences });
  };
  const violation = { disqualify: true, marketRentBackPay: true, reapplyBan: true };
  if (facts.falseInformation) {
    add('false_information', `${CLAUSE.U_ART32}(一)、${CLAUSE.U_ART37}`, {
      ...violation,
      maxFineFen: e.fineCapFen,
    });
  }
  if (facts.subletOrChangeOfUse) {
    add('sublet_or_change_of_use', `${CLAUSE.U_ART32}(二)、${CLAUSE.U_ART38}(一)(二)`, {
      ...violation,
      maxFineFen: art38Fine,
    });
  }
  if (facts.damageOrUnauthorizedRenovation) {
    add('damage_or_renovation', `${CLAUSE.U_ART32}(七)、${CLAUSE.U_ART38}(三)`, {
      ...violation,
      maxFineFen: art38Fine,
    });
  }
  if (facts.illegalActivity) {
    add('illegal_activity', `${CLAUSE.U_ART32}(七)、${CLAUSE.U_ART38}(四)`, {
      ...violation,
      maxFineFen: art38Fine,
    });
  }
  if (facts.consecutiveVacantMonths >= e.vacancyMonths) {
    add('vacant_6_months', `${CLAUSE.U_ART32}(三)、${CLAUSE.U_ART38}(五)`, {
      ...violation,
      maxFineFen: art38Fine,
    });
  }
  if (facts.cumulativeArrearsMonths >= e.arrearsMonths) {
    add('arrears_6_months', `${CLAUSE.U_ART32}(四)、${CLAUSE.U_ART38}(六)`, {
      ...violation,
      maxFineFen: art38Fine,
    });
  }
  const exitOnly = { disqualify: true, marketRentBackPay: false, maxFineFen: 0, reapplyBan: false };
  if (facts.leaseExpiredWithoutRenewalApplication) {
    add('expired_without_renewal', `${CLAUSE.U_ART32}(五)`, exitOnly);
  }
  if (facts.renewalRefused) {
    add('renewal_refused', `${CLAUSE.U_ART32}(六)`, exitOnly);
  }
  if (facts.noLongerEligible) {
    // Art. 31: vacate within the set period, otherwise pay market rent or buy at market price.
    add('no_longer_eligible', CLAUSE.U_ART31, exitOnly);
  }
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
