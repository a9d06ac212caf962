import type { PolicyPreset } from '../policy/policy-preset';
import { cite } from '../policy/sources';
import { addDays, addMonths, addYears, assertIsoDate } from './dates';
import { reason, type Decision } from './reason';

/**
 * Lease terms (乌兰察布 第二十一条: 租赁期限一般为3-5年; 合同期届满需要续租的, 应当在租期届满3个月前提出续租申请).
 * A lease starting on S for N years ends on S + N years − 1 day. The renewal application is due by
 * end − 3 months. The text sets no earliest day to apply: applications are accepted from the start of the
 * lease unless the district sets an opening (`lease.renewalOpensMonthsBefore`, off by default), which is
 * then shown as its setting, not as a clause.
 */
export interface LeaseTerm {
  startDate: string;
  endDate: string;
  years: number;
  renewalDueBy: string;
  /** The first day renewal applications are accepted when the district sets one; null = no earliest day. */
  renewalOpensOn: string | null;
}

export interface RenewalDates {
  renewalDueBy: string;
  renewalOpensOn: string | null;
  /** Citation of the due date (the district's clause or setting). */
  dueClause: string;
  /** Citation of the opening day: the district's setting (运营方设定), or null when there is none. */
  opensClause: string | null;
}

/**
 * The renewal dates of a lease ending on `endIso` (inclusive): due by end − `lease.renewalNoticeMonths`
 * (month-end clamped); opening `lease.renewalOpensMonthsBefore` months before the due date when the
 * district sets it, otherwise none. ISO dates.
 */
export function renewalDates(endIso: string, policy: PolicyPreset): RenewalDates {
  assertIsoDate(endIso, '租期届满日期');
  const l = policy.lease;
  const renewalDueBy = addMonths(endIso, -l.renewalNoticeMonths);
  const opens = l.renewalOpensMonthsBefore.value;
  return {
    renewalDueBy,
    renewalOpensOn: opens === null ? null : addMonths(renewalDueBy, -opens),
    dueClause: cite(policy, 'lease.renewal'),
    opensClause: opens === null ? null : cite(policy, 'lease.renewalOpening'),
  };
}

/**
 * The lease's dates (乌兰察布 第二十一条): term 3–5 whole years (refused otherwise, with the district's
 * citation), end date, renewal due date (end − 3 months, month-end clamped) and, only where the district
 * sets one, the day renewal applications open. ISO dates.
 */
export function leaseTerm(startIso: string, years: number, policy: PolicyPreset): Decision<LeaseTerm> {
  assertIsoDate(startIso, '起租日期');
  const l = policy.lease;
  if (!Number.isInteger(years) || years < l.minTermYears || years > l.maxTermYears) {
    return {
      ok: false,
      reasons: [
        reason(
          'TERM_OUT_OF_RANGE',
          cite(policy, 'lease.term'),
          `租赁期限应为 ${l.minTermYears}–${l.maxTermYears} 年。`,
        ),
      ],
    };
  }
  const endDate = addDays(addYears(startIso, years), -1);
  const { renewalDueBy, renewalOpensOn } = renewalDates(endDate, policy);
  return {
    ok: true,
    value: { startDate: startIso, endDate, years, renewalDueBy, renewalOpensOn },
    reasons: [],
  };
}

export type RenewalStatus = 'not_yet' | 'open' | 'overdue' | 'expired';

/**
 * Where a lease stands for renewal on a given day (乌兰察布 第二十一条; 第三十二条(五) once it expires without an
 * application): `open` through `renewalDueBy` (`not_yet` before `renewalOpensOn` only where the district
 * set an opening) → `overdue` → `expired`.
 */
export function renewalStatus(
  term: Pick<LeaseTerm, 'endDate' | 'renewalDueBy' | 'renewalOpensOn'>,
  todayIso: string,
): RenewalStatus {
  assertIsoDate(todayIso);
  if (todayIso > term.endDate) return 'expired';
  if (todayIso > term.renewalDueBy) return 'overdue';
  if (term.renewalOpensOn !== null && todayIso < term.renewalOpensOn) return 'not_yet';
  return 'open';
}
