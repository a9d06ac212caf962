import type { PolicyPreset } from '../policy/policy-preset';

/**
 * Per-person floor area, m²: the exact quotient of the household's owned area by its members, never rounded
 * before it is compared (a household at 14.997 m² per person is below 15 m²). Round only for display.
 */
export function perCapitaAreaM2(totalAreaM2: number, members: number): number {
  if (!Number.isInteger(members) || members < 1) throw new RangeError('家庭人口必须是正整数');
  if (!(totalAreaM2 >= 0)) throw new RangeError('自有住房面积不能为负');
  return totalAreaM2 / members;
}

/**
 * The one housing-area test shared by public-rental eligibility and the rental subsidy: the household owns
 * no home, or less than `eligibility.perCapitaAreaLimitM2` per person ("低于", so the limit itself is not
 * below it), compared on the exact per-person area.
 */
export function belowPerCapitaAreaLimit(perCapitaM2: number, policy: PolicyPreset): boolean {
  if (!(perCapitaM2 >= 0)) throw new RangeError('人均自有住房面积不能为负');
  return perCapitaM2 < policy.eligibility.perCapitaAreaLimitM2;
}
