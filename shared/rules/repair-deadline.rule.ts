import type { PolicyPreset } from '../policy/policy-preset';
import { cite } from '../policy/sources';

/**
 * Repair deadlines (武昌调研报告 二(一)二: 线上报修, 维修服务团队快速响应; no text sets hours or days): an
 * emergency within `repair.emergencyHours` (24 h by example); otherwise the category's days. Both are the
 * operator's settings and are cited as such. Instants are epoch ms.
 */
export const REPAIR_CATEGORIES = [
  'water',
  'electricity',
  'gas',
  'doors_windows',
  'walls_ceiling',
  'appliances',
  'public_areas',
  'other',
] as const;
export type RepairCategory = (typeof REPAIR_CATEGORIES)[number];

export const REPAIR_CATEGORY_LABELS: Record<RepairCategory, string> = {
  water: '水路',
  electricity: '电路',
  gas: '燃气',
  doors_windows: '门窗',
  walls_ceiling: '墙面及天花板',
  appliances: '配套家电',
  public_areas: '公共区域',
  other: '其他',
};

/** What a deadline rests on under the policy in force: the operator's setting, never a clause. */
export function repairDeadlineClause(emergency: boolean, policy: PolicyPreset): string {
  return cite(policy, emergency ? 'repair.emergency' : 'repair.categoryDays');
}

/**
 * The deadline of a repair request (`repairDeadlineClause`): submitted + `repair.emergencyHours` for an
 * emergency, otherwise + the category's days (operator setting; a category missing from the operator's
 * table falls back to `other`). Epoch ms in and out; calendar hours and days, not working days.
 */
export function repairDeadline(
  input: { category: RepairCategory; emergency: boolean; submittedAt: number },
  policy: PolicyPreset,
): number {
  const r = policy.repair;
  if (input.emergency) return input.submittedAt + r.emergencyHours.value * 3_600_000;
  const days = r.categoryDays.value[input.category] ?? r.categoryDays.value.other;
  if (days === undefined) throw new RangeError(`未配置报修类别的处理时限：${input.category}`);
  return input.submittedAt + days * 86_400_000;
}

/** Overdue: not done and strictly past the deadline (epoch ms). */
export function isRepairOverdue(deadline: number, now: number, done: boolean): boolean {
  return !done && now > deadline;
}
