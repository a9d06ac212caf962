import { PARALLEL_DEPARTMENTS } from '@shared/rules/application.rule';
import { addDays, chinaDate } from '@shared/rules/dates';
import { noticePeriodEnds, type ReviewState } from '@shared/rules/review.rule';
import { addWorkingDays } from '@shared/rules/working-days.rule';
import type { ApplicationDoc, StoredDeadline } from '../_runtime/documents';

/**
 * The demo district's applications in every stage of 三审三公示 (application.service.ts), consistent with what
 * the pages show: notices running (some with an objection to answer, some ended and ready to close), final
 * reviews with the four departments' tasks (some overdue), returns for more material, refusals with 复核 and
 * withdrawals. Dates count back from the seed's day. Local demo only (never in a function bundle).
 */

/** The presets' example notice period (review.publicNoticeDays); the district's own value may differ. */
const DEMO_NOTICE_DAYS = 7;

/** The stages cycled through by the applying households, in order. */
export const DEMO_STAGES: readonly DemoStage[] = [
  'initial_review',
  'initial_notice',
  'second_review',
  'second_notice',
  'final_review',
  'final_notice',
  'initial_review',
  'initial_notice_ended',
  'second_review',
  'final_review_overdue',
  'returned',
  'rejected',
  're_review',
  'initial_notice_objection',
  'withdrawn',
];
export type DemoStage =
  ReviewState | 'initial_notice_ended' | 'initial_notice_objection' | 'final_review_overdue';

const PATH: ReviewState[] = [
  'submitted',
  'initial_review',
  'initial_notice',
  'second_review',
  'second_notice',
  'final_review',
  'final_notice',
];
const BY: Partial<Record<ReviewState, string>> = {
  submitted: '申请人',
  initial_review: '系统',
  initial_notice: '社区初审',
  second_review: '社区初审',
  second_notice: '街道复审',
  final_review: '街道复审',
  final_notice: '住房保障部门终审',
};

const deadline = (startOn: string, workingDays: number): StoredDeadline => {
  const due = addWorkingDays(startOn, workingDays);
  return { startOn, workingDays, dueOn: due.date, provisional: due.provisional };
};

/**
 * One demo application of `householdId` at `stage`, its stages 4 days apart ending `ageDays` ago (notices
 * started then, so a notice of 7 days is running unless the stage says it has ended).
 */
export function demoApplication(
  id: string,
  householdId: string,
  projectId: string,
  stage: DemoStage,
  today: Date,
): ApplicationDoc {
  const todayCn = chinaDate(today.getTime());
  const ended = stage === 'initial_notice_ended';
  const status: ReviewState =
    stage === 'initial_notice_ended' || stage === 'initial_notice_objection'
      ? 'initial_notice'
      : stage === 'final_review_overdue'
        ? 'final_review'
        : stage;
  const reachedUpTo: ReviewState =
    status === 'returned'
      ? 'initial_review'
      : status === 'rejected' || status === 're_review'
        ? 'second_review'
        : status === 'withdrawn'
          ? 'second_review'
          : status;
  const path = PATH.slice(0, PATH.indexOf(reachedUpTo) + 1);
  const lastDayAgo = ended || stage === 'final_review_overdue' ? 12 : 2;
  const dayOf = (i: number) => addDays(todayCn, -(lastDayAgo + (path.length - 1 - i) * 4));
  const at = (day: string) => `${day}T02:00:00.000Z`;
  const history: ApplicationDoc['history'] = path.map((state, i) => ({
    state,
    at: at(dayOf(i)),
    by: BY[state] ?? '',
    note: i === 0 ? '网上提交申请' : '',
  }));
  const lastDay = dayOf(path.length - 1);
  const doc: ApplicationDoc = {
    _id: id,
    householdId,
    projectId,
    status,
    submittedAt: history[0]!.at,
    history,
    notice: null,
    objections: [],
    returned: null,
    refusal: null,
  };
  if (status.endsWith('_notice'))
    doc.notice = { state: status, startsOn: lastDay, endsOn: noticePeriodEnds(lastDay, DEMO_NOTICE_DAYS) };
  if (stage === 'initial_notice_objection')
    doc.objections = [
      {
        id: `ro-demo-${householdId}`,
        state: 'initial_notice',
        text: '据了解该户在外区另有住房，请核实。',
        at: at(addDays(lastDay, 1)),
        byUserId: 'u-tenant',
        status: 'pending',
        answer: null,
        answeredAt: null,
        answeredBy: null,
        upheld: null,
      },
    ];
  if (status === 'final_review' || status === 'final_notice') {
    const opened = dayOf(PATH.indexOf('final_review'));
    const overdue = stage === 'final_review_overdue';
    // A final review in progress: the last two departments answered; overdue: only the last, the others past
    // due. Civil affairs (the demo's checker, 周丽) has both open, one of them overdue.
    const answered = (i: number) =>
      status === 'final_notice' || i >= PARALLEL_DEPARTMENTS.length - (overdue ? 1 : 2);
    doc.departments = PARALLEL_DEPARTMENTS.map((department, i) => ({
      department,
      deadline: deadline(opened, 7),
      answeredAt: answered(i) ? at(addDays(opened, 2)) : null,
      result: answered(i) ? 'clear' : null,
      note: '',
    }));
  }
  if (status === 'returned') {
    history.push({
      state: 'returned',
      at: at(addDays(lastDay, 1)),
      by: '社区初审',
      note: '需补充：近6个月收入证明',
    });
    doc.returned = {
      from: 'initial_review',
      at: at(addDays(lastDay, 1)),
      missing: ['近6个月收入证明'],
      note: '',
    };
  }
  if (status === 'rejected' || status === 're_review') {
    history.push({
      state: 'rejected',
      at: at(addDays(lastDay, 1)),
      by: '街道复审',
      note: '家庭人均收入超过标准',
    });
    doc.refusal = {
      in: 'second_review',
      at: at(addDays(lastDay, 1)),
      reason: '家庭人均收入超过标准',
      clause: '武昌调研报告 二(二)二 准入条件',
    };
  }
  if (status === 're_review') {
    const requested = addDays(lastDay, 2);
    history.push({ state: 're_review', at: at(requested), by: '申请人', note: '收入证明中含一次性补发工资' });
    doc.reReview = {
      requestedAt: at(requested),
      reason: '收入证明中含一次性补发工资',
      status: 'pending',
      deadline: deadline(requested, 15),
    };
  }
  if (status === 'withdrawn')
    history.push({ state: 'withdrawn', at: at(addDays(lastDay, 1)), by: '申请人', note: '已自行购房' });
  return doc;
}
