/**
 * Household classes. Ulanqab Art. 10 names the classes that may apply (城镇低收入住房困难家庭, 外来务工人员,
 * 农村进城镇就业人员, 城镇新就业无房职工); Art. 14 and Huizhou §1 distinguish 低保, 分散供养特困 and 低收入
 * within the first class.
 */
export const HOUSEHOLD_CATEGORIES = [
  'dibao',
  'tekun',
  'low_income',
  'housing_difficulty',
  'migrant_worker',
  'rural_to_urban',
  'new_employee',
] as const;
export type HouseholdCategory = (typeof HOUSEHOLD_CATEGORIES)[number];

export const HOUSEHOLD_CATEGORY_LABELS: Record<HouseholdCategory, string> = {
  dibao: '城镇最低生活保障家庭（低保）',
  tekun: '分散供养特困人员',
  low_income: '城镇低收入住房困难家庭',
  housing_difficulty: '城镇住房困难家庭',
  migrant_worker: '外来务工人员',
  rural_to_urban: '农村进城镇就业人员',
  new_employee: '城镇新就业无房职工',
};

/** Classes that must show an employment duration (Ulanqab Art. 11 末款). */
export const NEEDS_EMPLOYMENT_DURATION: readonly HouseholdCategory[] = ['migrant_worker', 'rural_to_urban'];

export function isHouseholdCategory(value: string): value is HouseholdCategory {
  return (HOUSEHOLD_CATEGORIES as readonly string[]).includes(value);
}

/** Where a household stands (display labels for the stored status). */
export const HOUSEHOLD_STATUSES = ['applying', 'waitlisted', 'tenant', 'subsidy', 'exited'] as const;
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];

export const HOUSEHOLD_STATUS_LABELS: Record<HouseholdStatus, string> = {
  applying: '申请审核中',
  waitlisted: '轮候中',
  tenant: '在租',
  subsidy: '领取租赁补贴',
  exited: '已退出',
};
