import type { PolicyPreset } from '../policy/policy-preset';
import type { PriorityGroup } from '../policy/settings';
import { cite, type LawKey } from '../policy/sources';
import type { HouseholdCategory } from './household';

/**
 * Priority tiers, 1 first. The texts say who comes first and who last (乌兰察布 第十四条: 优先保障低保家庭, 在
 * 低保家庭、分散供养的特困人员应保尽保的前提下逐步保障其他; 武昌调研报告 二(二)三: 优先照顾低保、低收入家庭) and which
 * households are to be given priority (乌兰察布 第十七条 (一)–(四)); the order of the groups in between is the
 * district's setting `allocation.priorityOrder`. A household's tier is the position of the first group, in
 * that order, that it belongs to. Each group cites the district's own clause or, where its document does not
 * name the group, its setting.
 */
export const PRIORITY_GROUP_LABELS: Record<PriorityGroup, string> = {
  dibao_tekun: '低保家庭、分散供养特困人员',
  solitary_elderly: '孤寡老人',
  illness_disability: '重大疾病或残疾丧失劳动能力且无生活来源',
  entitled: '重点优抚对象、见义勇为、劳动模范等',
  local_priority: '当地政府规定的其他优先情形',
  low_income: '低收入家庭',
  others: '其他保障对象',
};

const GROUP_KEYS: Record<PriorityGroup, LawKey> = {
  dibao_tekun: 'priority.dibao',
  solitary_elderly: 'priority.solitaryElderly',
  illness_disability: 'priority.illness',
  entitled: 'priority.entitled',
  local_priority: 'priority.local',
  low_income: 'priority.lowIncome',
  others: 'priority.others',
};

/** A tier number, 1 first (there are as many tiers as groups). */
export type PriorityTier = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface PriorityTierInfo {
  tier: PriorityTier;
  group: PriorityGroup;
  label: string;
  clause: string;
}

/** The tiers of the policy in force, first to last, each with its group, label and citation. */
export function priorityTiers(policy: PolicyPreset): PriorityTierInfo[] {
  return policy.allocation.priorityOrder.value.map((group, i) => ({
    tier: (i + 1) as PriorityTier,
    group,
    label: PRIORITY_GROUP_LABELS[group],
    clause: cite(policy, GROUP_KEYS[group]),
  }));
}

/** Citation of the order itself (the district's setting). */
export function priorityOrderClause(policy: PolicyPreset): string {
  return cite(policy, 'allocation.priorityOrder');
}

export interface PriorityFacts {
  category: HouseholdCategory;
  solitaryElderly?: boolean;
  seriousIllnessOrDisabilityWithoutIncome?: boolean;
  /** 重点优抚对象、涉军及参战群体、自治区级以上见义勇为、特殊贡献、劳动模范. */
  entitledGroup?: boolean;
  /** A priority the local government has added (Art. 17(4)). */
  localPriority?: boolean;
}

const BELONGS: Record<PriorityGroup, (f: PriorityFacts) => boolean> = {
  dibao_tekun: (f) => f.category === 'dibao' || f.category === 'tekun',
  solitary_elderly: (f) => f.solitaryElderly === true,
  illness_disability: (f) => f.seriousIllnessOrDisabilityWithoutIncome === true,
  entitled: (f) => f.entitledGroup === true,
  local_priority: (f) => f.localPriority === true,
  low_income: (f) => f.category === 'low_income',
  others: () => true,
};

/**
 * The household's tier, 1 first: the position, in the district's order, of the first group it belongs to,
 * so a 低保 household that is also solitary elderly stays in the 低保 tier.
 */
export function priorityTier(facts: PriorityFacts, policy: PolicyPreset): PriorityTier {
  const order = policy.allocation.priorityOrder.value;
  const i = order.findIndex((g) => BELONGS[g](facts));
  return (i + 1) as PriorityTier;
}

/** The Chinese label of a tier under the policy in force, for lists and notices. */
export function tierLabel(tier: PriorityTier, policy: PolicyPreset): string {
  const group = policy.allocation.priorityOrder.value[tier - 1];
  return group ? PRIORITY_GROUP_LABELS[group] : String(tier);
}
