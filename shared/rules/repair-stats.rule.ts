import type { PolicyPreset } from '../policy/policy-preset';
import { cite } from '../policy/sources';
import { REPAIR_CATEGORIES, REPAIR_CATEGORY_LABELS, type RepairCategory } from './repair-deadline.rule';
import type { RepairState } from './repair-flow.rule';

/**
 * Repair statistics for the operator (武昌调研报告 二(一)二: 维修服务团队快速响应): requests per category,
 * median time to completion, overdue rate and ratings, per building and month. Pure: the caller passes the
 * requests and the clock; instants are epoch ms.
 */
/** What the statistics rest on under the policy in force. */
export const repairStatsClause = (policy: PolicyPreset): string => cite(policy, 'repair.service');

export interface RepairFact {
  category: RepairCategory;
  kind: 'repair' | 'help';
  status: RepairState;
  buildingLabel: string;
  /** Month of submission, 'YYYY-MM' in China time. */
  month: string;
  createdAt: number;
  deadline: number;
  /** When the worker marked it done (the last time, after a reopen), or null. */
  doneAt: number | null;
  rating: { good: boolean; reasons: string[] } | null;
}

export interface RepairStatsRow {
  key: string;
  label: string;
  total: number;
  finished: number;
  /** Median hours from submission to done, over finished requests; null when none is finished. */
  medianHours: number | null;
  /** Requests that were or are late: done after the deadline, or open past it. */
  overdue: number;
  /** overdue / total, 0 when total is 0 (rounded to 3 places). */
  overdueRate: number;
  good: number;
  poor: number;
}

export interface RepairStats {
  overall: RepairStatsRow;
  byCategory: RepairStatsRow[];
  byBuilding: RepairStatsRow[];
  byMonth: RepairStatsRow[];
  /** The reasons given with poor ratings, most frequent first. */
  poorReasons: { reason: string; count: number }[];
}

/** The median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const FINISHED: readonly RepairState[] = ['done', 'confirmed'];

function isLate(f: RepairFact, now: number): boolean {
  if (f.status === 'rejected') return false;
  if (f.doneAt !== null && FINISHED.includes(f.status)) return f.doneAt > f.deadline;
  return now > f.deadline;
}

function row(key: string, label: string, facts: readonly RepairFact[], now: number): RepairStatsRow {
  const finished = facts.filter((f) => FINISHED.includes(f.status) && f.doneAt !== null);
  const hours = finished.map((f) => ((f.doneAt as number) - f.createdAt) / 3_600_000);
  const m = median(hours);
  const overdue = facts.filter((f) => isLate(f, now)).length;
  return {
    key,
    label,
    total: facts.length,
    finished: finished.length,
    medianHours: m === null ? null : Math.round(m * 10) / 10,
    overdue,
    overdueRate: facts.length === 0 ? 0 : Math.round((overdue / facts.length) * 1000) / 1000,
    good: facts.filter((f) => f.rating?.good === true).length,
    poor: facts.filter((f) => f.rating?.good === false).length,
  };
}

function groupBy(facts: readonly RepairFact[], keyOf: (f: RepairFact) => string): Map<string, RepairFact[]> {
  const groups = new Map<string, RepairFact[]>();
  for (const f of facts) {
    const k = keyOf(f);
    const list = groups.get(k);
    if (list) list.push(f);
    else groups.set(k, [f]);
  }
  return groups;
}

export function repairStatistics(facts: readonly RepairFact[], now: number): RepairStats {
  const byCategory = REPAIR_CATEGORIES.map((c) =>
    row(
      c,
      REPAIR_CATEGORY_LABELS[c],
      facts.filter((f) => f.category === c),
      now,
    ),
  ).filter((r) => r.total > 0);
  const byBuilding = [...groupBy(facts, (f) => f.buildingLabel)]
    .sort(([a], [b]) => a.localeCompare(b, 'zh-CN'))
    .map(([k, list]) => row(k, k, list, now));
  const byMonth = [...groupBy(facts, (f) => f.month)]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, list]) => row(k, k, list, now));
  const reasons = new Map<string, number>();
  for (const f of facts) {
    if (f.rating?.good !== false) continue;
    for (const r of f.rating.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
  }
  return {
    overall: row('all', '全部', facts, now),
    byCategory,
    byBuilding,
    byMonth,
    poorReasons: [...reasons]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
  };
}

export const RATING_REASON_LABELS: Record<string, string> = {
  slow: '太慢',
  unresolved: '没修好',
  rude: '态度差',
  other: '其他',
};
