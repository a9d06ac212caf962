import type { PolicyPreset } from '../policy/policy-preset';
import { cite } from '../policy/sources';
import { sha256Hex } from './digest';
import { assertIsoDate } from './dates';
import type { PriorityTier } from './priority.rule';

/**
 * Order of the waitlist for vacated units (武昌调研报告 二(二)三: 腾退空置的房源实行动态配租, 按轮候家庭持证时间
 * 顺序依次进行配租, 优先照顾低保、低收入家庭; 乌兰察布 第十四条): priority tier, then the date the
 * housing-security certificate was issued (earlier first), then SHA-256(householdId) ascending, a
 * tie-break anyone can recompute.
 */
/** What the order rests on under the policy in force (`allocation.dynamic`). */
export const waitlistClause = (policy: PolicyPreset): string => cite(policy, 'allocation.dynamic');

export interface WaitlistEntry {
  householdId: string;
  tier: PriorityTier;
  certificateDate: string;
}

/**
 * The waitlist in offering order (武昌调研报告 二(二)三; 乌兰察布 第十四条): tier ascending, then certificate date
 * (ISO `YYYY-MM-DD`) ascending, then SHA-256(householdId) hex ascending (`printf %s ID | openssl dgst -sha256`).
 * Returns a new array; the input is not changed. Independent of input order.
 */
export function orderWaitlist<T extends WaitlistEntry>(entries: readonly T[]): T[] {
  for (const e of entries) assertIsoDate(e.certificateDate, '持证日期');
  const keyed = entries.map((e) => ({ e, tie: sha256Hex(e.householdId) }));
  keyed.sort(
    (a, b) =>
      a.e.tier - b.e.tier ||
      (a.e.certificateDate < b.e.certificateDate ? -1 : a.e.certificateDate > b.e.certificateDate ? 1 : 0) ||
      (a.tie < b.tie ? -1 : a.tie > b.tie ? 1 : 0),
  );
  return keyed.map((k) => k.e);
}
