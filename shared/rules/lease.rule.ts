import { CLAUSE } from '../policy/clauses';
import type { PolicyPreset } from '../policy/policy-preset';
import { addDays, addMonths, addYears, assertIsoDate } from './dates';
import { reason, type Decision } from './reason';

/**
 * Lease terms (乌兰察布 第二十一条: 租赁期限一般为3-5年; 合同期届满需要续租的, 应当在租期届满3个月前提出续租申请).
 * A lease starting on S for N years ends on S + N years − 1 day. The renewal application is due by
 * end − 3 months; the application window opens 3 months before that due date.
 */
export interface LeaseTerm {
  startDate: string;
  endDate: string;
  years: number;
  renewalDueBy: string;
  renewalOpensOn: string;
}

/**
 * The lease's dates (乌兰察布 第二十一条): term 3–5 whole years (refused otherwise, with the clause), end date,
 * renewal due date (end − 3 months, month-end clamped) and the day the renewal window opens. ISO dates.
 */
export function leaseTerm(startIso: string, years: number, policy: PolicyPreset): Decision<LeaseTerm> {
  assertIsoDate(startIso, '起租日期');
  const l = policy.lease;
  if (!Number.isInteger(years) || years < l.minTermYears || years > l.maxTermYears) {
    return {
      ok: false,
      reasons: [
        reason('TERM_OUT_OF_RANGE', CLAUSE.U_ART21, `租赁期限应为 ${l.minTermYears}–${l.maxTermYears} 年。`),
      ],
    };
  }
  const endDate = addDays(addYears(startIso, years), -1);
  const renewalDueBy = addMonths(endDate, -l.renewalNoticeMonths);
  return {
    ok: true,
    value: {
      startDate: startIso,
      endDate,
      years,
      renewalDueBy,
      renewalOpensOn: addMonths(renewalDueBy, -l.renewalNoticeMonths),
    },
    reasons: [],
  };
}

export type RenewalStatus = 'not_yet' | 'open' | 'overdue' | 'expired';

/**
 * Where a lease stands for renewal on a given day (乌兰察布 第二十一条; 第三十二条(五) once it expires without an
 * application): `not_yet` → `open` (from `renewalOpensOn`) → `overdue` (after `renewalDueBy`) → `expired`.
 */
export function renewalStatus(term: LeaseTerm, todayIso: string): RenewalStatus {
  assertIsoDate(todayIso);
  if (todayIso > term.endDate) return 'expired';
  if (todayIso > term.renewalDueBy) return 'overdue';
  if (todayIso >= term.renewalOpensOn) return 'open';
  return 'not_yet';
}
