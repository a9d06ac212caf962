import { CLAUSE } from '../policy/clauses';
import type { PolicyPreset } from '../policy/policy-preset';
import { addYears, assertIsoDate } from './dates';

/**
 * Exit and disqualification (乌兰察布 第三十一、三十二、三十七、三十八条). Each trigger found comes with its
 * consequences: disqualification and recovery of the unit (Art. 32), back-payment of rent at market
 * price from the day of the violation (Art. 37, 38), a fine of at most 1,000 yuan, or for illegal gains at
 * most 3× the gains and never above 30,000 yuan (Art. 38), and a 5-year ban on reapplying (Art. 37, 38).
 */
export interface TenancyFacts {
  falseInformation?: boolean;
  /** 转借、转租、擅自调换, or change of use, not rectified. */
  subletOrChangeOfUse?: boolean;
  consecutiveVacantMonths: number;
  cumulativeArrearsMonths: number;
  leaseExpiredWithoutRenewalApplication?: boolean;
  renewalRefused?: boolean;
  /** Acquired other housing or income improved beyond the limits (Art. 31). */
  noLongerEligible?: boolean;
  /** Illegal gains from subletting, fen. */
  illegalGainsFen?: number;
}

export type ExitTrigger =
  | 'false_information'
  | 'sublet_or_change_of_use'
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
}

export const EXIT_TRIGGER_LABELS: Record<ExitTrigger, string> = {
  false_information: '虚报隐瞒情况取得保障性住房',
  sublet_or_change_of_use: '违规转租、出借或改变用途',
  vacant_6_months: '无正当理由连续6个月以上未居住',
  arrears_6_months: '累计6个月以上未交纳租金',
  expired_without_renewal: '租赁期满未申请续租',
  renewal_refused: '续租审核不符合条件',
  no_longer_eligible: '不再符合保障条件',
};

/** The fine cap for a violation under Art. 38: 1,000 yuan, or 3× illegal gains capped at 30,000 yuan. */
export function maxFineFen(illegalGainsFen: number, policy: PolicyPreset): number {
  const e = policy.exit;
  if (!Number.isInteger(illegalGainsFen) || illegalGainsFen < 0)
    throw new RangeError('违法所得必须是非负整数（分）');
  return illegalGainsFen > 0
    ? Math.min(illegalGainsFen * e.illegalGainsMultiple, e.illegalGainsFineCapFen)
    : e.fineCapFen;
}

export function evaluateExit(facts: TenancyFacts, policy: PolicyPreset): ExitFinding[] {
  const e = policy.exit;
  const out: ExitFinding[] = [];
  const add = (
    trigger: ExitTrigger,
    clause: string,
    f: Omit<ExitFinding, 'trigger' | 'clause' | 'message'>,
  ) => out.push({ trigger, clause, message: EXIT_TRIGGER_LABELS[trigger], ...f });
  if (facts.falseInformation) {
    add('false_information', `${CLAUSE.U_ART32}(一)、${CLAUSE.U_ART37}`, {
      disqualify: true,
      marketRentBackPay: true,
      maxFineFen: e.fineCapFen,
      reapplyBan: true,
    });
  }
  if (facts.subletOrChangeOfUse) {
    add('sublet_or_change_of_use', `${CLAUSE.U_ART32}(二)、${CLAUSE.U_ART38}(一)(二)`, {
      disqualify: true,
      marketRentBackPay: true,
      maxFineFen: maxFineFen(facts.illegalGainsFen ?? 0, policy),
      reapplyBan: true,
    });
  }
  if (facts.consecutiveVacantMonths >= e.vacancyMonths) {
    add('vacant_6_months', `${CLAUSE.U_ART32}(三)、${CLAUSE.U_ART38}(五)`, {
      disqualify: true,
      marketRentBackPay: true,
      maxFineFen: e.fineCapFen,
      reapplyBan: true,
    });
  }
  if (facts.cumulativeArrearsMonths >= e.arrearsMonths) {
    add('arrears_6_months', `${CLAUSE.U_ART32}(四)、${CLAUSE.U_ART38}(六)`, {
      disqualify: true,
      marketRentBackPay: true,
      maxFineFen: e.fineCapFen,
      reapplyBan: true,
    });
  }
  if (facts.leaseExpiredWithoutRenewalApplication) {
    add('expired_without_renewal', `${CLAUSE.U_ART32}(五)`, {
      disqualify: true,
      marketRentBackPay: false,
      maxFineFen: 0,
      reapplyBan: false,
    });
  }
  if (facts.renewalRefused) {
    add('renewal_refused', `${CLAUSE.U_ART32}(六)`, {
      disqualify: true,
      marketRentBackPay: false,
      maxFineFen: 0,
      reapplyBan: false,
    });
  }
  if (facts.noLongerEligible) {
    // Art. 31: vacate in time, otherwise pay market rent or buy at market price.
    add('no_longer_eligible', CLAUSE.U_ART31, {
      disqualify: true,
      marketRentBackPay: false,
      maxFineFen: 0,
      reapplyBan: false,
    });
  }
  return out;
}

/** The last day of the reapplication ban that starts when the unit is returned. */
export function reapplyBanEnds(returnedOnIso: string, policy: PolicyPreset): string {
  assertIsoDate(returnedOnIso, '退房日期');
  return addYears(returnedOnIso, policy.exit.reapplyBanYears);
}
