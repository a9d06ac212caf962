import { CLAUSE } from '../policy/clauses';
import type { PolicyPreset } from '../policy/policy-preset';
import { roundAreaM2 } from './money';
import { reason, type Reason } from './reason';

/**
 * Unit sizes and project mix (乌兰察布 第八条): mainly small units under 50 m²; medium units at most 80 m²
 * (90 m² in high-rise buildings) and at most 15% of the project; the project average "控制在60平方米左右".
 * With at least 85% of units under 50 m² an average near 60 m² cannot be reached, so the average is read as
 * a ceiling: at most 60 m² plus the local tolerance. Areas are building areas in m², two decimals.
 */
export interface UnitForMix {
  id: string;
  areaM2: number;
  highRise: boolean;
}

export type UnitSize = 'small' | 'medium' | 'oversize';

export function classifyUnit(unit: Pick<UnitForMix, 'areaM2' | 'highRise'>, policy: PolicyPreset): UnitSize {
  const m = policy.unitMix;
  if (unit.areaM2 < m.smallUnitBelowM2) return 'small';
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

export function validateUnitMix(units: readonly UnitForMix[], policy: PolicyPreset): MixReport {
  const m = policy.unitMix;
  const violations: Reason[] = [];
  let small = 0;
  let medium = 0;
  let oversize = 0;
  let total = 0;
  for (const u of units) {
    if (!(u.areaM2 > 0)) {
      violations.push(reason('AREA_INVALID', CLAUSE.U_ART8, `房源 ${u.id} 的面积必须大于 0。`));
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
          CLAUSE.U_ART8,
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
        CLAUSE.U_ART8,
        `50 平方米及以上的中户型占 ${(mediumShare * 100).toFixed(1)}%，超过 ${(m.mediumMaxShareRatio * 100).toFixed(0)}% 的上限。`,
      ),
    );
  }
  if (counted && average > m.targetAverageM2 + m.averageToleranceM2.value) {
    violations.push(
      reason(
        'AVERAGE_TOO_LARGE',
        CLAUSE.U_ART8,
        `项目平均面积 ${average} 平方米，超过 ${m.targetAverageM2} 平方米左右的控制标准（允许 ${m.averageToleranceM2.value} 平方米浮动）。`,
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
