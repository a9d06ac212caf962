import { cite } from '../policy/sources';
import type { PolicyPreset } from '../policy/policy-preset';
import { belowPerCapitaAreaLimit, perCapitaAreaM2 } from './area';
import { addYears, assertIsoDate } from './dates';
import { NEEDS_EMPLOYMENT_DURATION, type HouseholdCategory } from './household';
import { reason, type Reason } from './reason';

/** What the housing office knows about an applying household (verified facts, not claims). */
export interface HouseholdFacts {
  category: HouseholdCategory;
  applicantBirthDate: string;
  /** Household members, applicant included. */
  members: number;
  /** Household monthly income divided by members, fen. */
  monthlyIncomePerPersonFen: number;
  /** Total floor area of homes the household owns locally, m² (0 when none). */
  ownedHomeAreaM2: number;
  /** Months of stable local employment (migrant and rural-to-urban workers). */
  employmentMonths?: number;
  /** Already housed in a 廉租住房 unit (实物配租). */
  rentsLowRentUnit: boolean;
  /** Public rental units the household already rents or has applied for. */
  publicRentalUnits: number;
  /** Date the household last returned a unit after disqualification (Art. 37, 38), if ever. */
  lastDisqualifiedOn?: string | null;
  /** The application hides facts or rests on false material, as found by the review (Art. 37). */
  falseInformation?: boolean;
}

export interface EligibilityResult {
  eligible: boolean;
  /** Every failed condition with its clause (empty when eligible). */
  reasons: Reason[];
  /** Per-capita owned area, m², the exact quotient (round it only to display it). */
  perCapitaOwnedAreaM2: number;
}

/**
 * Public rental housing eligibility (乌兰察布 第十、十一、十二条; 第三十七、三十八条 for the ban).
 * Classes (Art. 10) are the `HouseholdCategory` values. Income: monthly per-person income at or below the
 * local line (Art. 11(1); the line is a `LocalValue`). Housing: no local home or less than 15 m² per person
 * (Art. 11(2): 低于 excludes 15.00). Employment duration for migrant and rural-to-urban workers (Art. 11(3)
 * and 末款; months, local value). One unit per household, no 廉租住房 tenant, no minors (Art. 12: the applicant
 * is 18 on `todayIso`). Five years' ban from the day a unit was returned on disqualification (Art. 37, 38;
 * the ban ends on the anniversary). False material is refused (Art. 37). Dates are ISO `YYYY-MM-DD`; money is
 * fen per person per month; the per-capita area is the exact quotient, compared unrounded through
 * `belowPerCapitaAreaLimit` (the same test the rental subsidy uses). Returns every failed condition, not just
 * the first. Each reason cites the policy in force (`cite`): the district's own clause or its setting.
 */
export function checkEligibility(
  facts: HouseholdFacts,
  policy: PolicyPreset,
  todayIso: string,
): EligibilityResult {
  assertIsoDate(todayIso, '审核日期');
  assertIsoDate(facts.applicantBirthDate, '出生日期');
  if (!Number.isInteger(facts.members) || facts.members < 1) throw new RangeError('家庭人口必须是正整数');
  const p = policy.eligibility;
  const reasons: Reason[] = [];
  const perCapita = perCapitaAreaM2(facts.ownedHomeAreaM2, facts.members);

  if (addYears(facts.applicantBirthDate, p.minApplicantAgeYears) > todayIso) {
    reasons.push(
      reason(
        'MINOR_APPLICANT',
        cite(policy, 'eligibility.minor'),
        '未成年人不能申请公共租赁住房，请由成年家庭成员作为申请人。',
      ),
    );
  }
  if (facts.monthlyIncomePerPersonFen > p.monthlyIncomeLinePerPersonFen.value) {
    reasons.push(
      reason(
        'INCOME_ABOVE_LINE',
        cite(policy, 'eligibility.income'),
        `家庭人均月收入 ${(facts.monthlyIncomePerPersonFen / 100).toFixed(2)} 元，高于本地低收入保障线 ${(p.monthlyIncomeLinePerPersonFen.value / 100).toFixed(2)} 元。`,
      ),
    );
  }
  if (!belowPerCapitaAreaLimit(perCapita, policy)) {
    reasons.push(
      reason(
        'HOUSING_ABOVE_LIMIT',
        cite(policy, 'eligibility.housingArea'),
        `家庭在本地自有住房人均 ${perCapita.toFixed(2)} 平方米，不低于人均 ${p.perCapitaAreaLimitM2} 平方米的标准。`,
      ),
    );
  }
  if (NEEDS_EMPLOYMENT_DURATION.includes(facts.category)) {
    const months = facts.employmentMonths ?? 0;
    if (months < p.migrantMinEmploymentMonths.value) {
      reasons.push(
        reason(
          'EMPLOYMENT_TOO_SHORT',
          cite(policy, 'eligibility.employment'),
          `在本地稳定就业 ${months} 个月，未满 ${p.migrantMinEmploymentMonths.value} 个月。`,
        ),
      );
    }
  }
  if (facts.rentsLowRentUnit) {
    reasons.push(
      reason(
        'ALREADY_LOW_RENT',
        cite(policy, 'eligibility.lowRentTenant'),
        '已享受廉租住房实物配租的家庭不得再次申请公共租赁住房。',
      ),
    );
  }
  if (facts.publicRentalUnits > 0) {
    reasons.push(
      reason(
        'ONE_UNIT_PER_HOUSEHOLD',
        cite(policy, 'eligibility.oneUnit'),
        '每个家庭只能申请一套公共租赁住房。',
      ),
    );
  }
  if (facts.lastDisqualifiedOn) {
    assertIsoDate(facts.lastDisqualifiedOn, '取消资格日期');
    const until = addYears(facts.lastDisqualifiedOn, p.banAfterDisqualificationYears);
    if (todayIso < until) {
      reasons.push(
        reason(
          'BANNED_AFTER_DISQUALIFICATION',
          cite(policy, 'exit.reapplyBan'),
          `因违规被取消保障资格，自退回住房之日起 ${p.banAfterDisqualificationYears} 年内（至 ${until}）不得再次申请。`,
        ),
      );
    }
  }
  if (facts.falseInformation) {
    reasons.push(
      reason(
        'FALSE_APPLICATION_INFO',
        cite(policy, 'eligibility.falseInformation'),
        '申请人隐瞒有关情况或者提供虚假材料，不予受理，并记入公共租赁住房管理档案。',
      ),
    );
  }
  return { eligible: reasons.length === 0, reasons, perCapitaOwnedAreaM2: perCapita };
}
