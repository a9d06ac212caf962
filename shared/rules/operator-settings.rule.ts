import {
  CARE_CONDITIONS,
  OBJECTION_EFFECTS,
  PRIORITY_GROUPS,
  SEASONAL_PATROL_IDS,
  type CareCondition,
  type ObjectionEffect,
  type PriorityGroup,
  type SeasonalPatrolId,
} from '../policy/settings';
import { CARE_LABELS, SEASONAL_PATROLS } from './patrol.rule';
import { PRIORITY_GROUP_LABELS } from './priority.rule';
import { REPAIR_CATEGORIES, REPAIR_CATEGORY_LABELS, type RepairCategory } from './repair-deadline.rule';

/**
 * The operator settings (运营方设定) the district settings page sets besides its money values: every matter the
 * policy texts leave open (`SETTING_FIELDS` in shared/policy/sources.ts) that is not already a money value of
 * district-settings.rule.ts (due day, reminder, first month, arrears counting). Each replaces the preset's
 * `LocalValue` at `path`; the rules read them from the policy in force (`rt.policy`, which the handler
 * builds from the saved version in force today: cloudfunctions/_runtime/policy-versions.ts).
 */
export interface OperatorSettingValues {
  /** 优先情形的先后顺序 (低保、特困 first, 其他 last). */
  priorityOrder: PriorityGroup[];
  /** 公示期异议的处理方式. */
  objectionEffect: ObjectionEffect;
  /** 每户选房时长, minutes. */
  selectionWindowMinutes: number;
  /** 放弃选房的处理: true = leaves the round, false = moves to the end of the order. */
  waiverLeavesRound: boolean;
  /** 续租申请开始受理: months before the renewal deadline; null = from the lease's start. */
  renewalOpensMonthsBefore: number | null;
  /** 紧急报修处理时限, hours. */
  repairEmergencyHours: number;
  /** 各类报修处理时限, days per category. */
  repairCategoryDays: Record<RepairCategory, number>;
  /** 完工后可重新报修的期限, days. */
  repairReopenWithinDays: number;
  /** 特殊关爱对象的条件, and which of them need the age. */
  careRegistry: { conditions: CareCondition[]; ageAppliesTo: CareCondition[] };
  /** 关爱对象未联系上的上报时限, hours. */
  careEscalationHours: number;
  /** 专项巡查月份 per seasonal patrol (1–12). */
  seasonalMonths: Record<SeasonalPatrolId, number[]>;
}
export type OperatorSettingField = keyof OperatorSettingValues;

/** Groups of the page, in order (Chinese headings). */
export const SETTING_GROUPS = {
  money: '收入和租金',
  subsidy: '租赁补贴',
  billing: '缴租',
  allocation: '配租和选房',
  lease: '续租',
  repair: '报修',
  patrol: '巡查和关爱',
  peopleOps: '住户账号和档案',
  patrolOps: '巡查隐患和入户',
  messageOps: '消息提醒',
  exitOps: '退出程序',
} as const;
export type SettingGroup = keyof typeof SETTING_GROUPS;

/** Each operator field: the preset path it sets, its Chinese name, its unit and its group. */
export const OPERATOR_SETTING_FIELDS: Record<
  OperatorSettingField,
  { path: string; label: string; unit: string; group: SettingGroup }
> = {
  priorityOrder: {
    path: 'allocation.priorityOrder',
    label: '优先情形的先后顺序',
    unit: '',
    group: 'allocation',
  },
  objectionEffect: {
    path: 'allocation.objectionEffect',
    label: '公示期异议的处理方式',
    unit: '',
    group: 'allocation',
  },
  selectionWindowMinutes: {
    path: 'selection.windowMinutes',
    label: '每户选房时长',
    unit: '分钟',
    group: 'allocation',
  },
  waiverLeavesRound: {
    path: 'selection.waiverLeavesRound',
    label: '放弃选房的处理',
    unit: '',
    group: 'allocation',
  },
  renewalOpensMonthsBefore: {
    path: 'lease.renewalOpensMonthsBefore',
    label: '续租申请开始受理日期',
    unit: '个月',
    group: 'lease',
  },
  repairEmergencyHours: {
    path: 'repair.emergencyHours',
    label: '紧急报修处理时限',
    unit: '小时',
    group: 'repair',
  },
  repairCategoryDays: { path: 'repair.categoryDays', label: '各类报修处理时限', unit: '天', group: 'repair' },
  repairReopenWithinDays: {
    path: 'repair.reopenWithinDays',
    label: '完工后可重新报修的期限',
    unit: '天',
    group: 'repair',
  },
  careRegistry: {
    path: 'patrol.careRegistry',
    label: '特殊关爱对象的年龄和条件',
    unit: '',
    group: 'patrol',
  },
  careEscalationHours: {
    path: 'patrol.careEscalationHours',
    label: '关爱对象未联系上的上报时限',
    unit: '小时',
    group: 'patrol',
  },
  seasonalMonths: { path: 'patrol.seasonalMonths', label: '专项巡查月份', unit: '月', group: 'patrol' },
};
export const OPERATOR_SETTING_KEYS = Object.keys(OPERATOR_SETTING_FIELDS) as OperatorSettingField[];

/** Bounds of the operator figures (each a plain reading of what a day-to-day operation can keep to). */
export const OPERATOR_LIMITS = {
  selectionWindowMinutes: { min: 5, max: 1440 },
  renewalOpensMonthsBefore: { min: 1, max: 24 },
  repairEmergencyHours: { min: 1, max: 72 },
  repairCategoryDays: { min: 1, max: 90 },
  repairReopenWithinDays: { min: 1, max: 365 },
  careEscalationHours: { min: 1, max: 168 },
} as const;

/** Chinese names of the choices, for the page and the messages. */
export const OBJECTION_EFFECT_TEXT: Record<ObjectionEffect, string> = {
  hold_household: '异议涉及的家庭暂缓签约，其他家庭照常签约',
  hold_round: '有异议未处理完时，整轮暂缓签约',
};
export const WAIVER_TEXT = { true: '放弃后退出本轮', false: '放弃后排到本轮最后' } as const;
export const PRIORITY_LABELS = PRIORITY_GROUP_LABELS;
export const CARE_CONDITION_LABELS = CARE_LABELS;
export const REPAIR_LABELS = REPAIR_CATEGORY_LABELS;
export const SEASONAL_LABELS = Object.fromEntries(SEASONAL_PATROLS.map((p) => [p.id, p.label])) as Record<
  SeasonalPatrolId,
  string
>;

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);
const within = (n: unknown, b: { min: number; max: number }) => isInt(n) && n >= b.min && n <= b.max;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks the operator fields: one Chinese message per field at fault (empty: all good). Fields absent from
 * `v` are not checked (a stored version from before they were settable keeps the preset's value).
 */
export function validateOperatorSettings(v: Partial<OperatorSettingValues>): Record<string, string> {
  const fields: Record<string, string> = {};
  const has = (k: OperatorSettingField) => v[k] !== undefined;
  const L = OPERATOR_LIMITS;

  if (has('priorityOrder')) {
    const order = v.priorityOrder as unknown;
    if (
      !Array.isArray(order) ||
      order.length !== PRIORITY_GROUPS.length ||
      new Set(order).size !== PRIORITY_GROUPS.length ||
      !order.every((g) => (PRIORITY_GROUPS as readonly unknown[]).includes(g))
    )
      fields.priorityOrder = '优先顺序应列出每一种优先情形，且每种只列一次。';
    else if (order[0] !== 'dibao_tekun' || order[order.length - 1] !== 'others')
      fields.priorityOrder = `${PRIORITY_GROUP_LABELS.dibao_tekun}须排在最前，${PRIORITY_GROUP_LABELS.others}须排在最后。`;
  }
  if (has('objectionEffect') && !(OBJECTION_EFFECTS as readonly unknown[]).includes(v.objectionEffect))
    fields.objectionEffect = '请选择公示期异议的处理方式。';
  if (has('selectionWindowMinutes') && !within(v.selectionWindowMinutes, L.selectionWindowMinutes))
    fields.selectionWindowMinutes = `每户选房时长应为 ${L.selectionWindowMinutes.min} 到 ${L.selectionWindowMinutes.max} 分钟的整数。`;
  if (has('waiverLeavesRound') && typeof v.waiverLeavesRound !== 'boolean')
    fields.waiverLeavesRound = '请选择放弃选房的处理方式。';
  if (
    v.renewalOpensMonthsBefore !== undefined &&
    v.renewalOpensMonthsBefore !== null &&
    !within(v.renewalOpensMonthsBefore, L.renewalOpensMonthsBefore)
  )
    fields.renewalOpensMonthsBefore = `续租申请应在截止前 ${L.renewalOpensMonthsBefore.min} 到 ${L.renewalOpensMonthsBefore.max} 个月开始受理（整数），或不限开始日期。`;
  if (has('repairEmergencyHours') && !within(v.repairEmergencyHours, L.repairEmergencyHours))
    fields.repairEmergencyHours = `紧急报修处理时限应为 ${L.repairEmergencyHours.min} 到 ${L.repairEmergencyHours.max} 小时的整数。`;
  if (has('repairCategoryDays')) {
    const days = v.repairCategoryDays as unknown;
    const bad = !isRecord(days)
      ? REPAIR_CATEGORIES[0]
      : REPAIR_CATEGORIES.find((c) => !within(days[c], L.repairCategoryDays));
    const extra =
      isRecord(days) && Object.keys(days).some((k) => !(REPAIR_CATEGORIES as readonly string[]).includes(k));
    if (bad)
      fields.repairCategoryDays = `${REPAIR_CATEGORY_LABELS[bad]}类报修的处理时限应为 ${L.repairCategoryDays.min} 到 ${L.repairCategoryDays.max} 天的整数。`;
    else if (extra) fields.repairCategoryDays = '报修类别只能是已有的类别。';
  }
  if (has('repairReopenWithinDays') && !within(v.repairReopenWithinDays, L.repairReopenWithinDays))
    fields.repairReopenWithinDays = `可重新报修的期限应为完工后 ${L.repairReopenWithinDays.min} 到 ${L.repairReopenWithinDays.max} 天的整数。`;
  if (has('careRegistry')) {
    const care = v.careRegistry as unknown;
    const list = (x: unknown): x is CareCondition[] =>
      Array.isArray(x) &&
      new Set(x).size === x.length &&
      x.every((c) => (CARE_CONDITIONS as readonly unknown[]).includes(c));
    if (!isRecord(care) || !list(care.conditions) || care.conditions.length === 0)
      fields.careRegistry = '请至少选择一种特殊关爱对象的情形。';
    else if (
      !list(care.ageAppliesTo) ||
      care.ageAppliesTo.some((c) => !(care.conditions as CareCondition[]).includes(c))
    )
      fields.careRegistry = '年龄条件只能用于已选择的关爱情形。';
  }
  if (has('careEscalationHours') && !within(v.careEscalationHours, L.careEscalationHours))
    fields.careEscalationHours = `未联系上的上报时限应为 ${L.careEscalationHours.min} 到 ${L.careEscalationHours.max} 小时的整数。`;
  if (has('seasonalMonths')) {
    const months = v.seasonalMonths as unknown;
    const bad = !isRecord(months)
      ? SEASONAL_PATROL_IDS[0]
      : SEASONAL_PATROL_IDS.find((id) => {
          const m = months[id];
          return (
            !Array.isArray(m) ||
            new Set(m).size !== m.length ||
            !m.every((x) => within(x, { min: 1, max: 12 }))
          );
        });
    if (bad) fields.seasonalMonths = `${SEASONAL_LABELS[bad]}的月份应为 1 到 12 月中的不重复月份。`;
  }
  return fields;
}
