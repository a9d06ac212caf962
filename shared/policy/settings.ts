/**
 * The vocabularies of the district settings (matters the source texts leave open; see `SETTING_FIELDS` in
 * ./sources.ts). Kept apart from the rules so the preset schema can validate them.
 */

/**
 * Priority groups of the waitlist and the lottery. The texts put 低保 (and 分散供养特困) first and the other
 * households last (乌兰察布 第十四条; 武昌调研报告 二(二)三); the order of the groups in between is the
 * district's setting `allocation.priorityOrder`.
 */
export const PRIORITY_GROUPS = [
  'dibao_tekun',
  'solitary_elderly',
  'illness_disability',
  'entitled',
  'local_priority',
  'low_income',
  'others',
] as const;
export type PriorityGroup = (typeof PRIORITY_GROUPS)[number];

/**
 * What an objection during the results notice does to signing (setting `allocation.objectionEffect`):
 * `hold_household` — an objection naming a household holds that household's lease until the office has
 * dealt with it, and one naming nobody holds the whole round; `hold_round` — any pending objection holds
 * every lease of the round.
 */
export const OBJECTION_EFFECTS = ['hold_household', 'hold_round'] as const;
export type ObjectionEffect = (typeof OBJECTION_EFFECTS)[number];

/** Conditions of the special-care registry (setting `patrol.careRegistry`). */
export const CARE_CONDITIONS = ['serious_illness', 'solitary', 'disabled'] as const;
export type CareCondition = (typeof CARE_CONDITIONS)[number];

/** Seasonal special patrols (their months are the setting `patrol.seasonalMonths`). */
export const SEASONAL_PATROL_IDS = [
  'flood_season',
  'summer_heat',
  'heating_season',
  'spring_festival',
] as const;
export type SeasonalPatrolId = (typeof SEASONAL_PATROL_IDS)[number];

/**
 * Which bills count as a month of arrears (setting `exit.arrearsCounting`): `any_unpaid` — a bill past its
 * due date with any amount still owed; `whole_month` — only a bill past its due date with nothing paid.
 */
export const ARREARS_COUNTING = ['any_unpaid', 'whole_month'] as const;
export type ArrearsCounting = (typeof ARREARS_COUNTING)[number];
