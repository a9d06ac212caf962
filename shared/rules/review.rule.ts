import type { PolicyPreset } from '../policy/policy-preset';
import { cite } from '../policy/sources';
import { addDays, assertIsoDate } from './dates';
import { reason, type Decision } from './reason';
import { addWorkingDays, type WorkingCalendar, type WorkingDayDeadline } from './working-days.rule';

/**
 * "三审三公示" (乌兰察布 第十三条): 初审 (community) → 公示 → 复审 (street office) → 公示 → 终审 (housing office with
 * the departments) → 公示 → 确定为保障对象. A failed review ends in rejection with written reasons; an
 * objection during a notice sends the case back to that stage's review. Re-review on request is answered
 * within 15 working days (Art. 13); the subsidy's parallel department review is sent within 7 working
 * days (惠州 链接2(3)).
 */
export const REVIEW_STATES = [
  'submitted',
  'initial_review',
  'initial_notice',
  'second_review',
  'second_notice',
  'final_review',
  'final_notice',
  'approved',
  'rejected',
  // Outside the main path (application.rule.ts): sent back for more material, 复核 on request, withdrawn.
  'returned',
  're_review',
  'withdrawn',
] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export type ReviewEvent = 'accept' | 'pass' | 'fail' | 'notice_clear' | 'objection';

export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  submitted: '已提交',
  initial_review: '社区初审中',
  initial_notice: '初审公示中',
  second_review: '街道复审中',
  second_notice: '复审公示中',
  final_review: '住房保障部门终审中',
  final_notice: '终审公示中',
  approved: '已确定为保障对象',
  rejected: '未通过审核',
  returned: '退回补充材料',
  re_review: '复核中',
  withdrawn: '已撤回',
};

const NEXT: Partial<Record<ReviewState, Partial<Record<ReviewEvent, ReviewState>>>> = {
  submitted: { accept: 'initial_review' },
  initial_review: { pass: 'initial_notice', fail: 'rejected' },
  initial_notice: { notice_clear: 'second_review', objection: 'initial_review' },
  second_review: { pass: 'second_notice', fail: 'rejected' },
  second_notice: { notice_clear: 'final_review', objection: 'second_review' },
  final_review: { pass: 'final_notice', fail: 'rejected' },
  final_notice: { notice_clear: 'approved', objection: 'final_review' },
};

/**
 * One move of the review (乌兰察布 第十三条 三审三公示; in other districts their own procedure, as the policy
 * cites it). An illegal move is refused with the district's citation. An objection during a notice sends
 * the case back to that stage's review (the texts say only that a notice without objection moves on).
 */
export function reviewTransition(
  state: ReviewState,
  event: ReviewEvent,
  policy: PolicyPreset,
): Decision<ReviewState> {
  const next = NEXT[state]?.[event];
  return next
    ? { ok: true, value: next, reasons: [] }
    : {
        ok: false,
        reasons: [
          reason(
            'REVIEW_ILLEGAL_MOVE',
            cite(policy, 'review.procedure'),
            `“${REVIEW_STATE_LABELS[state]}”状态下不能进行该操作。`,
          ),
        ],
      };
}

/**
 * Due date of a re-review requested on `requestedIso`: the result is told in writing within 15 working days
 * (乌兰察布 第十三条第二款). Provisional while a year it crosses has no holiday arrangement.
 */
export function reReviewDueDate(
  requestedIso: string,
  policy: PolicyPreset,
  calendar?: WorkingCalendar,
): WorkingDayDeadline {
  return addWorkingDays(requestedIso, policy.review.reReviewWorkingDays, calendar);
}

/** Date by which the subsidy file must be sent for parallel department review (7 working days, 惠州 链接2(3)). */
export function parallelReviewDueDate(
  receivedIso: string,
  policy: PolicyPreset,
  calendar?: WorkingCalendar,
): WorkingDayDeadline {
  return addWorkingDays(receivedIso, policy.review.parallelReviewWorkingDays, calendar);
}

/**
 * Last day of a notice of `days` calendar days published on `startIso`. A notice of N days includes the day
 * it is published (公示期 N 天: day 1 is the publication day), so it ends on start + N − 1; an objection is
 * accepted through that day, and whatever waits for the notice (approval, signing) may happen from the next
 * day. The one computation of a notice's end: review notices, allocation results and objections all use
 * it. ISO dates.
 */
export function noticePeriodEnds(startIso: string, days: number): string {
  if (!Number.isInteger(days) || days < 1) throw new RangeError('公示期至少 1 天');
  return addDays(startIso, days - 1);
}

/** Whether a notice ending on `endsOnIso` (inclusive) is still running on `todayIso`. ISO dates. */
export function noticeRunning(endsOnIso: string, todayIso: string): boolean {
  assertIsoDate(endsOnIso, '公示截止日期');
  assertIsoDate(todayIso);
  return todayIso <= endsOnIso;
}

/** The first day after a notice ending on `endsOnIso`: what waits for the notice may happen from then. */
export function dayAfterNotice(endsOnIso: string): string {
  return addDays(endsOnIso, 1);
}

/**
 * Last day of a review stage's public notice published on `startIso` (乌兰察布 第十三条 三公示; 武昌调研报告
 * 二(二)二 公示): `noticePeriodEnds` with the district's `review.publicNoticeDays` (a local value).
 */
export function publicNoticeEnds(startIso: string, policy: PolicyPreset): string {
  return noticePeriodEnds(startIso, policy.review.publicNoticeDays.value);
}
