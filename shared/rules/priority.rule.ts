import { CLAUSE } from '../policy/clauses';
import type { HouseholdCategory } from './household';

/**
 * Priority tiers, 1 first (乌兰察布 第十四条: 优先保障低保家庭, 在低保家庭、分散供养的特困人员应保尽保的前提下
 * 逐步保障其他; 第十七条 (一)–(四) 优先保障情形; 武昌调研报告 二(二)三: 优先照顾低保、低收入家庭).
 */
export const PRIORITY_TIERS = [
  { tier: 1, label: '低保家庭、分散供养特困人员', clause: CLAUSE.U_ART14 },
  { tier: 2, label: '孤寡老人', clause: `${CLAUSE.U_ART17}(一)` },
  { tier: 3, label: '重大疾病或残疾丧失劳动能力且无生活来源', clause: `${CLAUSE.U_ART17}(二)` },
  { tier: 4, label: '重点优抚对象、见义勇为、劳动模范等', clause: `${CLAUSE.U_ART17}(三)` },
  { tier: 5, label: '当地政府规定的其他优先情形', clause: `${CLAUSE.U_ART17}(四)` },
  { tier: 6, label: '低收入家庭', clause: CLAUSE.W_DYNAMIC },
  { tier: 7, label: '其他保障对象', clause: CLAUSE.U_ART14 },
] as const;

export type PriorityTier = (typeof PRIORITY_TIERS)[number]['tier'];

/** Chinese labels by tier (UI). */
export const PRIORITY_TIER_LABELS = Object.fromEntries(
  PRIORITY_TIERS.map((t) => [t.tier, t.label]),
) as Record<PriorityTier, string>;

export interface PriorityFacts {
  category: HouseholdCategory;
  solitaryElderly?: boolean;
  seriousIllnessOrDisabilityWithoutIncome?: boolean;
  /** 重点优抚对象、涉军及参战群体、自治区级以上见义勇为、特殊贡献、劳动模范. */
  entitledGroup?: boolean;
  /** A priority the local government has added (Art. 17(4)). */
  localPriority?: boolean;
}

/**
 * The household's tier, 1 first (乌兰察布 第十四条, 第十七条(一)–(四); 武昌调研报告 二(二)三): the first
 * (lowest-numbered) that applies, so a 低保 household that is also solitary elderly stays in tier 1.
 */
export function priorityTier(facts: PriorityFacts): PriorityTier {
  if (facts.category === 'dibao' || facts.category === 'tekun') return 1;
  if (facts.solitaryElderly) return 2;
  if (facts.seriousIllnessOrDisabilityWithoutIncome) return 3;
  if (facts.entitledGroup) return 4;
  if (facts.localPriority) return 5;
  if (facts.category === 'low_income') return 6;
  return 7;
}

/** The Chinese label of a tier, for lists and notices. */
export function tierLabel(tier: PriorityTier): string {
  return PRIORITY_TIERS.find((t) => t.tier === tier)?.label ?? String(tier);
}
