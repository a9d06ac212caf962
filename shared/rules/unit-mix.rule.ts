import type { PolicyPreset } from '../policy/policy-preset';
import { cite } from '../policy/sources';
import { roundAreaM2 } from './money';
import { reason, type Reason } from './reason';

/**
 * Unit sizes and project mix (乌兰察布 第八条: "应以50平方米以下的小户型为主, 可适度建设中户型的保障性住房, 中户型
 * 保障性住房最大不得超过80平方米, 高层可放大到90平方米以内, 中户型要严格控制在总量的15%以内。项目内保障性住房
 * 平均面积要控制在60平方米左右。各类户型具体面积由各旗县市区结合实际确定。").
 *
 * Reading: 以下 / 以内 include the figure (民法典 第一千二百五十九条), so small = at most 50 m², medium = above
 * 50 and at most 80 m² (90 m² in a high-rise), medium at most 15% of the units (inclusive). With at least 85%
 * of units at 50 m² or less the average cannot exceed 56 m², so "60平方米左右" can only bind from above: the
 * average must not exceed 60 m² plus the local tolerance. Areas are building areas in m²; the average is
 * rounded to two decimals (`roundAreaM2`), the share is unrounded.
 */
export interface UnitForMix {
  id: string;
  areaM2: number;
  highRise: boolean;
}

export type UnitSize = 'small' | 'medium' | 'oversize';

/** The size class of one unit (乌兰察布 第八条); boundaries inclusive, m². */
export function classifyUnit(unit: Pick<UnitForMix, 'areaM2' | 'highRise'>, policy: PolicyPreset): UnitSize {
  const m = policy.unitMix;
  if (unit.areaM2 <= m.smallUnitMaxM2) return 'small';
  return unit.areaM2 <= (unit.highRise ? m.mediumMaxHighRiseM2 : m.mediumMaxM2) ? 'medium' : 'oversize';
}

export interface MixReport {
  ok: boolean;
  violations: Reason[];
  units: number;
  small: number;
  medium: number;
  oversize: number;
  mediumShare: number;
  averageAreaM2: number;
}

/**
 * Checks a project's unit list against 乌兰察布 第八条 and explains each violation (one reason per oversize
 * unit, one for the medium share, one for the average). Units with a non-positive area are reported and
 * left out of the figures.
 */
export function validateUnitMix(units: readonly UnitForMix[], policy: PolicyPreset): MixReport {
  const m = policy.unitMix;
  const violations: Reason[] = [];
  const clause = cite(policy, 'unitMix');
  let small = 0;
  let medium = 0;
  let oversize = 0;
  let total = 0;
  for (const u of units) {
    if (!(u.areaM2 > 0)) {
      violations.push(reason('AREA_INVALID', clause, `房源 ${u.id} 的面积必须大于 0。`));
      continue;
    }
    total += u.areaM2;
    const size = classifyUnit(u, policy);
    if (size === 'small') small++;
    else if (size === 'medium') medium++;
    else {
      oversize++;
      const cap = u.highRise ? m.mediumMaxHighRiseM2 : m.mediumMaxM2;
      violations.push(
        reason(
          'UNIT_TOO_LARGE',
          clause,
          `房源 ${u.id} 面积 ${u.areaM2} 平方米，超过中户型上限 ${cap} 平方米${u.highRise ? '（高层）' : ''}。`,
        ),
      );
    }
  }
  const counted = small + medium + oversize;
  const mediumShare = counted ? (medium + oversize) / counted : 0;
  const average = counted ? roundAreaM2(total / counted) : 0;
  if (counted && mediumShare > m.mediumMaxShareRatio) {
    violations.push(
      reason(
        'TOO_MANY_MEDIUM',
        clause,
        `面积超过 ${m.smallUnitMaxM2} 平方米的中户型占 ${(mediumShare * 100).toFixed(1)}%，超过 ${(m.mediumMaxShareRatio * 100).toFixed(0)}% 的上限。`,
      ),
    );
  }
  if (counted && average > m.targetAverageM2 + m.averageToleranceM2.value) {
    violations.push(
      reason(
        'AVERAGE_TOO_LARGE',
        clause,
        `项目平均面积 ${average} 平方米，超过 ${m.targetAverageM2} 平方米左右的控制标准（允许 ${m.averageToleranceM2.value} 平方米浮动${m.averageToleranceM2.example ? '，示例值' : ''}）。`,
      ),
    );
  }
  return {
    ok: violations.length === 0,
    violations,
    units: units.length,
    small,
    medium,
    oversize,
    mediumShare,
    averageAreaM2: average,
  };
}
