import { cite } from '../policy/sources';
import type { PolicyPreset } from '../policy/policy-preset';
import { addDays, addMonths, addYears, assertIsoDate } from './dates';
import type { HouseholdCategory } from './household';
import { belowPerCapitaAreaLimit } from './area';
import { roundHalfUpFen } from './money';
import { reason, type Decision, type Reason } from './reason';

/**
 * Rental subsidy (惠州市城镇住房保障租赁补贴管理办法):
 *   subsidy = standard × (guaranteed area per person − owned area per person) × persons counted × coefficient
 * persons counted: 1 person → 1.5, 2–3 → actual, 4 or more → 4; guaranteed area 15 m² per person; the
 * household's guaranteed area at most 60 m²; coefficient 0.98 for 低保 / 分散供养特困, 0.9 for 低收入; never
 * above the monthly rent of the rented home; stops once a public rental unit is allocated. Fen, rounded
 * half up once at the end.
 */
export interface SubsidyInput {
  category: HouseholdCategory;
  persons: number;
  /** Owned floor area per person, m², the exact quotient (`perCapitaAreaM2`), not rounded. */
  ownedAreaPerPersonM2: number;
  /** Monthly rent of the home the household rents on the market, fen. */
  monthlyRentFen: number;
  hasAllocatedUnit: boolean;
  /**
   * A current tenant applying to switch from the unit to the subsidy (惠州 链接1(4): 不含申请公租房实物配租转租赁
   * 补贴); the timing is checked by `canSwitchToSubsidy`.
   */
  switchingFromUnit?: boolean;
  /**
   * The applicant holds local urban 户籍 and works or lives in the county/district (惠州 链接1(1)); omitted means
   * not checked here (the caller verified it).
   */
  localHukou?: boolean;
}

export interface SubsidyQuote {
  eligible: boolean;
  monthlySubsidyFen: number;
  reasons: Reason[];
  personsCounted: number;
  areaM2: number;
  coefficient: number;
  /** Before the rent cap, fen. */
  formulaFen: number;
  cappedByRent: boolean;
  /** What the amount rests on under the policy in force (the formula, or the rent cap when it bit). */
  clause: string;
}

/**
 * Persons counted (惠州 补贴标准: 1人户按1.5人计, 2人及3人户按实计, 4人及4人以上户按4人计). Persons in, a
 * number of persons out (1.5 possible); no rounding.
 */
export function personsCounted(persons: number, policy: PolicyPreset): number {
  if (!Number.isInteger(persons) || persons < 1) throw new RangeError('家庭人口必须是正整数');
  if (persons === 1) return policy.subsidy.singlePersonFactor;
  return Math.min(persons, policy.subsidy.maxPersonsCounted);
}

/**
 * The subsidy coefficient (惠州 补贴标准: 最低生活保障对象、分散供养特困人员 0.98, 低收入家庭 0.9); null for a
 * class the subsidy does not cover (惠州 链接1(3)).
 */
export function subsidyCoefficient(category: HouseholdCategory, policy: PolicyPreset): number | null {
  const s = policy.subsidy;
  if (category === 'dibao') return s.coefficientDibao;
  if (category === 'tekun') return s.coefficientTekun;
  if (category === 'low_income') return s.coefficientLowIncome;
  return null;
}

/**
 * The monthly rental subsidy with every reason it is refused (惠州 补贴测算公式, 补贴标准, 链接1). The area is
 * (15 − owned m² per person) × persons counted, capped at 60 m², not rounded; the amount is standard (fen per
 * m², a local value) × area × coefficient, rounded half up once, at the end, to the fen, then capped at the
 * monthly rent. The housing test ("人均建筑面积低于15平方米") is `belowPerCapitaAreaLimit`, the one eligibility
 * uses, on the exact per-person area. A refused household gets 0 and all its reasons.
 */
export function quoteSubsidy(input: SubsidyInput, policy: PolicyPreset): SubsidyQuote {
  const s = policy.subsidy;
  if (input.ownedAreaPerPersonM2 < 0) throw new RangeError('人均自有住房面积不能为负');
  if (!Number.isInteger(input.monthlyRentFen) || input.monthlyRentFen < 0)
    throw new RangeError('月租金必须是非负整数（分）');
  const counted = personsCounted(input.persons, policy);
  const coefficient = subsidyCoefficient(input.category, policy);
  const reasons: Reason[] = [];
  if (coefficient === null) {
    reasons.push(
      reason(
        'SUBSIDY_CATEGORY',
        cite(policy, 'subsidy.category'),
        '租赁补贴仅面向最低生活保障对象、分散供养特困人员和低收入家庭。',
      ),
    );
  }
  if (!belowPerCapitaAreaLimit(input.ownedAreaPerPersonM2, policy)) {
    reasons.push(
      reason(
        'SUBSIDY_OWNS_ENOUGH',
        cite(policy, 'subsidy.housingArea'),
        `人均自有住房面积不低于 ${policy.eligibility.perCapitaAreaLimitM2} 平方米。`,
      ),
    );
  }
  if (input.localHukou === false) {
    reasons.push(
      reason(
        'SUBSIDY_HUKOU',
        cite(policy, 'subsidy.hukou'),
        '申请人须已取得本县（区）城镇户籍，并在本县（区）工作或生活。',
      ),
    );
  }
  if (input.hasAllocatedUnit && !input.switchingFromUnit) {
    reasons.push(
      reason(
        'SUBSIDY_STOPS_ON_ALLOCATION',
        cite(policy, 'subsidy.stopsOnAllocation'),
        '已获得公租房实物配租，租赁补贴自动停发。',
      ),
    );
  }
  // No rounding here: money is rounded once, at the end (the formula's area is exact).
  const area = Math.min(
    Math.max(0, s.guaranteedAreaPerPersonM2 - input.ownedAreaPerPersonM2) * counted,
    s.maxHouseholdAreaM2,
  );
  const formulaFen = roundHalfUpFen(s.standardPerM2Fen.value * area * (coefficient ?? 0));
  const eligible = reasons.length === 0;
  const capped = Math.min(formulaFen, input.monthlyRentFen);
  return {
    eligible,
    monthlySubsidyFen: eligible ? capped : 0,
    reasons,
    personsCounted: counted,
    areaM2: area,
    coefficient: coefficient ?? 0,
    formulaFen,
    cappedByRent: eligible && formulaFen > input.monthlyRentFen,
    clause: cite(
      policy,
      eligible && formulaFen > input.monthlyRentFen ? 'subsidy.rentCap' : 'subsidy.formula',
    ),
  };
}

/**
 * A tenant may switch from a unit to the subsidy only by applying at least `switchNoticeMonths` before
 * the lease ends (惠州: 可在公租房租赁合同期满3个月前提出申请).
 */
export function canSwitchToSubsidy(
  leaseEndIso: string,
  applicationIso: string,
  policy: PolicyPreset,
): Reason[] {
  assertIsoDate(leaseEndIso, '合同到期日');
  assertIsoDate(applicationIso, '申请日期');
  const latest = addMonths(leaseEndIso, -policy.subsidy.switchNoticeMonths);
  return applicationIso <= latest
    ? []
    : [
        reason(
          'SWITCH_TOO_LATE',
          cite(policy, 'subsidy.switch'),
          `须在合同期满 ${policy.subsidy.switchNoticeMonths} 个月前（${latest} 之前）提出申请。`,
        ),
      ];
}

/**
 * The yearly agreement's months (惠州: 租赁补贴协议合同实行一年一签, 按月发放): `YYYY-MM` periods paid and the
 * agreement's last day (start + 12 months − 1 day), ISO dates.
 */
export function subsidyAgreement(
  startIso: string,
  policy: PolicyPreset,
): { endDate: string; periods: string[] } {
  assertIsoDate(startIso, '协议开始日期');
  const periods = Array.from({ length: policy.subsidy.agreementMonths }, (_, i) =>
    addMonths(startIso, i).slice(0, 7),
  );
  return { endDate: addDays(addMonths(startIso, policy.subsidy.agreementMonths), -1), periods };
}

/**
 * The next yearly agreement (惠州: 租赁补贴协议合同实行一年一签，按月发放，协议期满符合条件的可以续签): when the
 * agreement that started on `previousStartIso` ends, a household that still qualifies (`quote`, computed for
 * the renewal) signs a new one starting the next day; one that no longer qualifies is refused with every
 * reason of the quote and the renewal clause. ISO dates.
 */
export function renewSubsidyAgreement(
  previousStartIso: string,
  quote: SubsidyQuote,
  policy: PolicyPreset,
): Decision<{ startDate: string; endDate: string; periods: string[]; monthlySubsidyFen: number }> {
  const previous = subsidyAgreement(previousStartIso, policy);
  if (!quote.eligible) {
    return {
      ok: false,
      reasons: [
        reason(
          'SUBSIDY_NOT_RENEWED',
          cite(policy, 'subsidy.agreementRenewal'),
          `协议于 ${previous.endDate} 期满，经审核不再符合条件，不予续签。`,
        ),
        ...quote.reasons,
      ],
    };
  }
  const startDate = addDays(previous.endDate, 1);
  return {
    ok: true,
    value: { startDate, ...subsidyAgreement(startDate, policy), monthlySubsidyFen: quote.monthlySubsidyFen },
    reasons: [],
  };
}

/** A household member's 户籍 facts for the rental subsidy (惠州 链接1(1)). */
export interface HukouFacts {
  relation: 'applicant' | 'spouse' | 'child' | 'other';
  birthDate: string;
  /** Urban 户籍 of the county or district applied in (已取得所属县、区城镇户籍). */
  countyUrbanHukou: boolean;
  /** Works or lives in that county or district (在所属县、区工作或生活). */
  worksOrLivesInCounty: boolean;
  /** Urban 户籍 of the city (本市城镇户籍). */
  cityUrbanHukou: boolean;
  /** Works or lives in the city's urban area (在本市城镇工作或居住). */
  worksOrLivesInCityUrbanArea: boolean;
  /** 户籍 moved out of the city for study, military service or the like, and still in that period. */
  hukouAwayForStudyOrService?: boolean;
}

/**
 * The 户籍 condition of the rental subsidy and its two exceptions for co-applicants (惠州 链接1(1): 已取得
 * 所属县、区城镇户籍，并在所属县、区工作或生活，但以下两种情况除外：申请人配偶及未满18周岁子女非本市城镇户籍但在
 * 本市城镇工作或居住的，可以作为共同申请人；家庭成员的户籍因就学、服兵役等原因迁出本市的，在就学、服兵役期间可以
 * 作为共同申请人). Read as written: the applicant always needs the county's urban 户籍 and to work or live in
 * the county; a spouse or a child under 18 on `todayIso` without the city's urban 户籍 may join if working or
 * living in the city's urban area; any family member whose 户籍 left the city for study or military service
 * may join during that period. (A spouse holding another county's urban 户籍 of the same city fits neither
 * exception as worded and is refused here: the office decides such a case.) Returns the reasons, empty when
 * the member qualifies.
 */
export function checkSubsidyHukou(member: HukouFacts, todayIso: string, policy: PolicyPreset): Reason[] {
  assertIsoDate(todayIso);
  assertIsoDate(member.birthDate, '出生日期');
  if (member.countyUrbanHukou && member.worksOrLivesInCounty) return [];
  if (member.relation === 'applicant') {
    return [
      reason(
        'SUBSIDY_HUKOU',
        cite(policy, 'subsidy.hukou'),
        '申请人须已取得本县（区）城镇户籍，并在本县（区）工作或生活。',
      ),
    ];
  }
  const minorChild =
    member.relation === 'child' && addYears(member.birthDate, policy.subsidy.minorChildAgeYears) > todayIso;
  if (
    (member.relation === 'spouse' || minorChild) &&
    !member.cityUrbanHukou &&
    member.worksOrLivesInCityUrbanArea
  )
    return [];
  if (member.hukouAwayForStudyOrService) return [];
  return [
    reason(
      'CO_APPLICANT_HUKOU',
      cite(policy, 'subsidy.coApplicants'),
      member.relation === 'spouse' || minorChild
        ? '配偶或未满18周岁子女须为本县（区）城镇户籍；非本市城镇户籍的，须在本市城镇工作或居住方可作为共同申请人。'
        : '家庭成员须为本县（区）城镇户籍；户籍因就学、服兵役等原因迁出本市的，仅在就学、服兵役期间可作为共同申请人。',
    ),
  ];
}
