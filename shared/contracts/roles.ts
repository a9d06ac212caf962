/**
 * The roles and their names, without zod: the mini-program's home page and the browser's first screen show
 * role names, and importing them from here (through common.ts and index.ts, which the build treats as free of
 * side effects: config/index.ts) keeps zod and the contracts out of the main package (issue #19, budgets).
 */
export const ROLES = [
  'tenant',
  'manager',
  'volunteer',
  'admin',
  'worker',
  // The three reviews of 三审三公示 (乌兰察布 第十三条), each its own office queue (application.rule.ts).
  'community_reviewer',
  'street_reviewer',
  'housing_reviewer',
  // A checker of one department of Huizhou's parallel review (惠州 链接2(3)): 民政, 公安, 不动产登记 or 人社;
  // which one is the user's `department` (set by the invitation that granted the role).
  'department_reviewer',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  tenant: '租户',
  manager: '物业管家',
  volunteer: '安全志愿者',
  admin: '住房保障部门',
  worker: '维修人员',
  community_reviewer: '社区初审',
  street_reviewer: '街道复审',
  housing_reviewer: '住房保障部门终审',
  department_reviewer: '部门核查',
};
