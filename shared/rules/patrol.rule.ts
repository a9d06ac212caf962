import type { PolicyPreset } from '../policy/policy-preset';
import type { CareCondition, SeasonalPatrolId } from '../policy/settings';
import { cite } from '../policy/sources';
import { addDays } from './dates';
import { reason, type Reason } from './reason';

/**
 * Safety patrols and special care (武昌调研报告 二(三)三、四): every occupied unit visited once per calendar
 * quarter, public facilities and fire lanes checked, seasonal special patrols; residents over 70 with
 * serious illness, solitary (孤寡) or disabled residents are registered and checked on weekly.
 */
export interface ResidentFacts {
  ageYears: number;
  seriousIllness?: boolean;
  solitary?: boolean;
  disabled?: boolean;
}

export const CARE_LABELS: Record<CareCondition, string> = {
  serious_illness: '患重病',
  solitary: '孤寡独居',
  disabled: '残障、行动不便',
};

/**
 * Why a resident belongs in the special-care registry, or null. The report names the groups (武昌调研报告
 * 二(三)四: 70岁以上的重病和行动不方便的残障人群 … 建立重病、孤寡、残障等住户管理信息台账); which conditions count and
 * which of them need the age is the operator's reading, the setting `patrol.careRegistry` (by default the age
 * applies to serious illness only). The first matching condition, in the order serious illness, solitary,
 * disabled, gives the reason.
 */
export function specialCareReason(r: ResidentFacts, policy: PolicyPreset): string | null {
  const { conditions, ageAppliesTo } = policy.patrol.careRegistry.value;
  const age = policy.patrol.specialCareAgeYears;
  const has: Record<CareCondition, boolean> = {
    serious_illness: r.seriousIllness === true,
    solitary: r.solitary === true,
    disabled: r.disabled === true,
  };
  for (const c of ['serious_illness', 'solitary', 'disabled'] as const) {
    if (!conditions.includes(c) || !has[c]) continue;
    if (ageAppliesTo.includes(c)) {
      if (r.ageYears >= age) return `${age}岁以上${CARE_LABELS[c]}`;
    } else return CARE_LABELS[c];
  }
  return null;
}

/** What the registry's criteria rest on: the report's groups, read by the operator's setting. */
export function specialCareClause(policy: PolicyPreset): string {
  return `${cite(policy, 'patrol.care')}；${cite(policy, 'patrol.careRegistry')}`;
}

export interface CoverageReport {
  due: number;
  visited: number;
  missing: string[];
  /** Units visited more than once this quarter (a plan error, not extra credit). */
  repeated: string[];
  /** visited / due, 0–1 (1 when nothing is due). */
  coverage: number;
}

/** Coverage of a quarter's home visits: each occupied unit counts once however often it was visited. */
export function quarterCoverage(
  occupiedUnitIds: readonly string[],
  visitedUnitIds: readonly string[],
): CoverageReport {
  const due = new Set(occupiedUnitIds);
  const seen = new Map<string, number>();
  for (const id of visitedUnitIds) seen.set(id, (seen.get(id) ?? 0) + 1);
  const visited = [...due].filter((id) => seen.has(id)).length;
  return {
    due: due.size,
    visited,
    missing: [...due].filter((id) => !seen.has(id)).sort(),
    repeated: [...seen.entries()]
      .filter(([, n]) => n > 1)
      .map(([id]) => id)
      .sort(),
    coverage: due.size === 0 ? 1 : visited / due.size,
  };
}

/** Checks a plan assigns every occupied unit exactly once. */
export function checkPlanCoversOnce(
  occupiedUnitIds: readonly string[],
  plannedUnitIds: readonly string[],
  policy: PolicyPreset,
): Reason[] {
  const r = quarterCoverage(occupiedUnitIds, plannedUnitIds);
  const reasons: Reason[] = [];
  const clause = cite(policy, 'patrol.quarterly');
  if (r.missing.length)
    reasons.push(reason('PLAN_MISSING_UNITS', clause, `巡查计划遗漏 ${r.missing.length} 户在住房源。`));
  if (r.repeated.length)
    reasons.push(reason('PLAN_REPEATS_UNITS', clause, `巡查计划重复安排 ${r.repeated.length} 户。`));
  return reasons;
}

/** When the next special-care check-in is due (epoch ms), given the last one. */
export function nextCareCheckDue(lastCheckAt: number, policy: PolicyPreset): number {
  return lastCheckAt + policy.patrol.specialCareCadenceDays * 86_400_000;
}

/**
 * A missed check-in escalates to the manager and the registered contact once it is overdue by the
 * escalation delay.
 */
export function careEscalationDue(lastCheckAt: number, now: number, policy: PolicyPreset): boolean {
  return now >= nextCareCheckDue(lastCheckAt, policy) + policy.patrol.careEscalationHours.value * 3_600_000;
}

export interface SeasonalPatrol {
  id: SeasonalPatrolId;
  label: string;
  checklist: string[];
}

/**
 * Seasonal special patrols (武昌调研报告 二(三)三: 结合季节、气候特点，不定期开展专项安全巡查). The report names no
 * seasons or months: which months each is run in is the operator's setting `patrol.seasonalMonths`.
 */
export const SEASONAL_PATROLS: readonly SeasonalPatrol[] = [
  {
    id: 'flood_season',
    label: '汛期专项巡查',
    checklist: ['地下室及低洼处积水', '排水沟渠畅通', '外墙及窗户渗漏', '配电设施防水'],
  },
  {
    id: 'summer_heat',
    label: '夏季用电专项巡查',
    checklist: ['空调及大功率电器线路', '插座过载', '电动车违规充电'],
  },
  {
    id: 'heating_season',
    label: '采暖季专项巡查',
    checklist: ['燃气软管及阀门', '取暖器使用', '一氧化碳报警器', '通风情况'],
  },
  {
    id: 'spring_festival',
    label: '春节前专项巡查',
    checklist: ['消防通道畅通', '烟花爆竹存放', '灭火器有效期', '独居老人安全'],
  },
];

/** The seasonal patrols usually run in `month` (1–12) under the district's setting, with their months. */
export function seasonalPatrolsFor(
  month: number,
  policy: PolicyPreset,
): (SeasonalPatrol & { months: number[]; clause: string })[] {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError('月份必须在 1 到 12 之间');
  const months = policy.patrol.seasonalMonths.value;
  const clause = `${cite(policy, 'patrol.seasonal')}；${cite(policy, 'patrol.seasonalMonths')}`;
  return SEASONAL_PATROLS.filter((p) => months[p.id].includes(month)).map((p) => ({
    ...p,
    months: months[p.id],
    clause,
  }));
}

/** The home-visit checklist (gas, electricity, fire, water, corridors, alterations, vacancy/sublet signs). */
export const HOME_VISIT_CHECKLIST = [
  { id: 'gas', label: '燃气软管及阀门' },
  { id: 'wiring', label: '电线老化及插座过载' },
  { id: 'fire', label: '烟感报警器及灭火器' },
  { id: 'water', label: '漏水渗水' },
  { id: 'corridor', label: '楼道及消防通道堵塞' },
  { id: 'alteration', label: '违规改装' },
  { id: 'vacancy_sublet', label: '空置或转租迹象' },
] as const;

/**
 * Public areas checked once a quarter per building (武昌调研报告 二(三)三: 对小区内的公共设施设备、消防通道等进行安全检查).
 */
export const PUBLIC_AREA_CHECKLIST = [
  { id: 'fire_lane', label: '消防通道及楼道畅通' },
  { id: 'extinguisher', label: '灭火器、消火栓完好有效' },
  { id: 'emergency_light', label: '应急照明及疏散指示' },
  { id: 'electrical_room', label: '配电间及公共线路' },
  { id: 'ebike', label: '电动车违规停放及充电' },
  { id: 'facilities', label: '电梯、门禁等公共设施' },
] as const;

/**
 * The source of the operator defaults below: the report asks for problems to be listed and their
 * rectification followed up (武昌调研报告 二(三)二: 发现问题形成清单，并跟踪督促整改) without fixing any days, so the
 * days are the operator's settings, like the repair days (policy `repair.categoryDays`). Cited per district.
 */
export function patrolRectifyClause(policy: PolicyPreset): string {
  return cite(policy, 'patrol.rectify');
}
/** Vacancy and sublet signals feed the exit procedure (cited per district: `patrol.vacancySignals`). */
export function patrolVacancyClause(policy: PolicyPreset): string {
  return cite(policy, 'patrol.vacancySignals');
}

export const HAZARD_SEVERITIES = ['immediate', 'serious', 'minor'] as const;
export type HazardSeverity = (typeof HAZARD_SEVERITIES)[number];
export const HAZARD_SEVERITY_LABELS: Record<HazardSeverity, string> = {
  immediate: '立即危险',
  serious: '严重隐患',
  minor: '一般隐患',
};

/**
 * Operator settings of the patrol (see `patrolRectifyClause`; not fixed by any source document):
 * rectification hours by hazard severity, days before a second attempt at a unit where nobody was home, and
 * how many attempts a unit gets in a quarter. Passed explicitly to the rules below so that a district can
 * override them.
 */
export interface PatrolOperatorSettings {
  hazardDeadlineHours: Record<HazardSeverity, number>;
  nobodyHomeRetryDays: number;
  maxAttemptsPerQuarter: number;
  /** Units per route: a route is one volunteer's walk through a few floors of one building. */
  maxUnitsPerRoute: number;
}

/**
 * The defaults; a district sets its own on the settings page (operator-constants.rule.ts `patrolLimits`),
 * read in the patrol function with `patrolSettings(rt)`.
 */
export const PATROL_OPERATOR_DEFAULTS: PatrolOperatorSettings = {
  // immediate danger: within 24 h; serious: 7 days; minor: 30 days.
  hazardDeadlineHours: { immediate: 24, serious: 7 * 24, minor: 30 * 24 },
  nobodyHomeRetryDays: 2,
  maxAttemptsPerQuarter: 3,
  maxUnitsPerRoute: 12,
};

/** The rectification deadline of a hazard (epoch ms): reported + the severity's hours (`patrolRectifyClause`). */
export function hazardDeadline(
  severity: HazardSeverity,
  reportedAt: number,
  settings: PatrolOperatorSettings = PATROL_OPERATOR_DEFAULTS,
): number {
  return reportedAt + settings.hazardDeadlineHours[severity] * 3_600_000;
}

/** Overdue: not closed and strictly past its deadline (epoch ms). */
export function isHazardOverdue(deadline: number, now: number, closed: boolean): boolean {
  return !closed && now > deadline;
}

/**
 * After "nobody home" (武昌调研报告 二(三)三: 全覆盖入户), the date of the next attempt (ISO date), or null when the
 * unit has had its `maxAttemptsPerQuarter` attempts (the manager follows it up; repeated absence is also a
 * vacancy signal, `patrolVacancyClause`).
 */
export function nextAttemptOn(
  attemptDate: string,
  attempts: number,
  settings: PatrolOperatorSettings = PATROL_OPERATOR_DEFAULTS,
): string | null {
  if (attempts >= settings.maxAttemptsPerQuarter) return null;
  return addDays(attemptDate, settings.nobodyHomeRetryDays);
}

/**
 * A special-care resident not reached escalates to the manager and the registered contact once
 * `patrol.careEscalationHours` have passed since the first failed attempt (武昌调研报告 二(三)四: 防止严重冲击社会
 * 道德底线的事件发生; the delay is the operator's setting). Epoch ms.
 */
export function notReachedEscalationDue(notReachedSince: number, now: number, policy: PolicyPreset): boolean {
  return now >= notReachedSince + policy.patrol.careEscalationHours.value * 3_600_000;
}

/**
 * A check-in that did not happen at all escalates the same way once it is overdue by the escalation delay
 * (the per-resident form of `careEscalationDue`, for a resident whose cadence differs from the weekly
 * default). `nextDueAt` and `now` in epoch ms.
 */
export function missedCheckEscalationDue(nextDueAt: number, now: number, policy: PolicyPreset): boolean {
  return now >= nextDueAt + policy.patrol.careEscalationHours.value * 3_600_000;
}
