import type { Role } from '../contracts/common';
import type { PolicyPreset } from '../policy/policy-preset';
import { cite } from '../policy/sources';
import type { HouseholdCategory } from './household';
import { NEEDS_EMPLOYMENT_DURATION } from './household';
import { reason, type Decision, type Reason } from './reason';
import { REVIEW_STATE_LABELS, reviewTransition, type ReviewState } from './review.rule';

/**
 * An application's way through 三审三公示 (乌兰察布 第十三条): who may move it, from which state, to which. The
 * main path is review.rule.ts's (`reviewTransition`); this module adds who acts at each stage, the side
 * states (退回补充材料, 复核, 撤回) and what an applicant must hand in before submitting. Pure (§10).
 */

/**
 * The three reviews, each its own office role and queue, and the notice that follows it: 初审 by the
 * community, 复审 by the street office (街道办事处), 终审 by the housing department with the other departments
 * (乌兰察布 第十三条(一)–(三)).
 */
export const REVIEW_STAGES = [
  { review: 'initial_review', notice: 'initial_notice', role: 'community_reviewer', label: '社区初审' },
  { review: 'second_review', notice: 'second_notice', role: 'street_reviewer', label: '街道复审' },
  { review: 'final_review', notice: 'final_notice', role: 'housing_reviewer', label: '住房保障部门终审' },
] as const satisfies readonly { review: ReviewState; notice: ReviewState; role: Role; label: string }[];
export type ReviewStage = (typeof REVIEW_STAGES)[number];
export type ReviewerRole = ReviewStage['role'];
export const REVIEWER_ROLES: readonly ReviewerRole[] = REVIEW_STAGES.map((s) => s.role);

/** The stage a review or notice state belongs to (null for the other states). */
export function stageOf(state: ReviewState): ReviewStage | null {
  return REVIEW_STAGES.find((s) => s.review === state || s.notice === state) ?? null;
}

/** The main path an applicant sees, in order (a refusal, return or 复核 is shown where it happened). */
export const REVIEW_PATH: readonly ReviewState[] = [
  'submitted',
  'initial_review',
  'initial_notice',
  'second_review',
  'second_notice',
  'final_review',
  'final_notice',
  'approved',
];

export type ApplicationMove =
  | 'approve'
  | 'return'
  | 'refuse'
  | 'close_notice'
  | 'uphold_objection'
  | 'resubmit'
  | 'withdraw'
  | 'request_re_review'
  | 'confirm_refusal'
  | 'overturn_refusal';

export const APPLICATION_MOVE_LABELS: Record<ApplicationMove, string> = {
  approve: '审核通过',
  return: '退回补充材料',
  refuse: '审核不通过',
  close_notice: '公示期满无异议',
  uphold_objection: '异议成立，重新审核',
  resubmit: '补充材料后重新提交',
  withdraw: '撤回申请',
  request_re_review: '申请复核',
  confirm_refusal: '复核维持原决定',
  overturn_refusal: '复核撤销原决定，重新审核',
};

/** Who acts: the applicant (the household's own user) or an office role. */
/**
 * Who moves an application. `system` is the daily timer: it may only close a notice whose period has ended
 * with every objection answered (a notice without objection moves on: 乌兰察布 第十三条).
 */
export type Actor = 'applicant' | ReviewerRole | 'system';

/** States the applicant may withdraw from: anything not yet decided. */
const OPEN: readonly ReviewState[] = [
  'submitted',
  'initial_review',
  'initial_notice',
  'second_review',
  'second_notice',
  'final_review',
  'final_notice',
  'returned',
];

/** Facts a move needs besides the state: where a return or refusal happened. */
export interface MoveFacts {
  /** The review state the application was returned from or refused in (returned, rejected, re_review). */
  stageState?: ReviewState | undefined;
  /** A notice: whether it has ended (today is after its last day) and whether objections are unanswered. */
  noticeEnded?: boolean;
  pendingObjections?: number;
  /** Final review (惠州 parallel review): department tasks not yet answered. */
  unansweredDepartments?: number;
}

const illegal = (state: ReviewState, policy: PolicyPreset): Decision<ReviewState> => ({
  ok: false,
  reasons: [
    reason(
      'REVIEW_ILLEGAL_MOVE',
      cite(policy, 'review.procedure'),
      `“${REVIEW_STATE_LABELS[state]}”状态下不能进行该操作。`,
    ),
  ],
});
const notYours = (policy: PolicyPreset): Decision<ReviewState> => ({
  ok: false,
  reasons: [reason('REVIEW_WRONG_ROLE', cite(policy, 'review.procedure'), '该环节不由您审核。')],
});

/**
 * One move of an application by `actor` (乌兰察布 第十三条). Each review stage is moved only by its own role;
 * the applicant moves only their own side states. Refused moves carry the reason and the clause.
 */
export function applicationMove(
  state: ReviewState,
  move: ApplicationMove,
  actor: Actor,
  facts: MoveFacts,
  policy: PolicyPreset,
): Decision<ReviewState> {
  const stage = stageOf(state);
  const reviewerOf = (s: ReviewStage | null) => s !== null && actor === s.role;
  switch (move) {
    case 'approve':
    case 'refuse':
    case 'return': {
      if (!stage || stage.review !== state) return illegal(state, policy);
      if (!reviewerOf(stage)) return notYours(policy);
      if (move === 'return') return { ok: true, value: 'returned', reasons: [] };
      if (move === 'approve' && (facts.unansweredDepartments ?? 0) > 0)
        return {
          ok: false,
          reasons: [
            reason(
              'PARALLEL_REVIEW_OPEN',
              cite(policy, 'review.parallel'),
              `还有 ${facts.unansweredDepartments} 个部门未回复核查结果，全部回复后才能审核通过。`,
            ),
          ],
        };
      return reviewTransition(state, move === 'approve' ? 'pass' : 'fail', policy);
    }
    case 'close_notice':
    case 'uphold_objection': {
      if (!stage || stage.notice !== state) return illegal(state, policy);
      if (!reviewerOf(stage) && !(move === 'close_notice' && actor === 'system')) return notYours(policy);
      if (move === 'uphold_objection') return reviewTransition(state, 'objection', policy);
      const reasons: Reason[] = [];
      if (!facts.noticeEnded)
        reasons.push(reason('NOTICE_RUNNING', cite(policy, 'review.notice'), '公示期尚未结束。'));
      if ((facts.pendingObjections ?? 0) > 0)
        reasons.push(
          reason(
            'OBJECTION_PENDING',
            cite(policy, 'review.notice'),
            `公示期间收到的 ${facts.pendingObjections} 件异议尚未书面答复。`,
          ),
        );
      return reasons.length > 0 ? { ok: false, reasons } : reviewTransition(state, 'notice_clear', policy);
    }
    case 'resubmit':
      if (state !== 'returned' || !facts.stageState) return illegal(state, policy);
      if (actor !== 'applicant') return notYours(policy);
      return { ok: true, value: facts.stageState, reasons: [] };
    case 'withdraw':
      if (!OPEN.includes(state)) return illegal(state, policy);
      if (actor !== 'applicant') return notYours(policy);
      return { ok: true, value: 'withdrawn', reasons: [] };
    case 'request_re_review':
      if (state !== 'rejected') return illegal(state, policy);
      if (actor !== 'applicant') return notYours(policy);
      return { ok: true, value: 're_review', reasons: [] };
    case 'confirm_refusal':
    case 'overturn_refusal':
      // 复核 is the housing department's (第十三条第二款), whichever stage refused.
      if (state !== 're_review' || !facts.stageState) return illegal(state, policy);
      if (actor !== 'housing_reviewer') return notYours(policy);
      return { ok: true, value: move === 'confirm_refusal' ? 'rejected' : facts.stageState, reasons: [] };
  }
}

/** The four departments of Huizhou's parallel review (惠州 链接2(3)): each checks its own records. */
export const PARALLEL_DEPARTMENTS = [
  'civil_affairs',
  'public_security',
  'real_estate',
  'social_security',
] as const;
export type ParallelDepartment = (typeof PARALLEL_DEPARTMENTS)[number];
export const PARALLEL_DEPARTMENT_LABELS: Record<ParallelDepartment, string> = {
  civil_affairs: '民政部门（低保、收入）',
  public_security: '公安部门（户籍、身份）',
  real_estate: '不动产登记部门（住房）',
  social_security: '人力资源和社会保障部门（就业、社保）',
};

/** A department task is overdue once its due day has passed without an answer. ISO dates. */
export const departmentOverdue = (dueOn: string, answered: boolean, today: string): boolean =>
  !answered && today > dueOn;

/** The documents an application needs (photos of certificates), by kind. */
export const APPLICATION_DOCUMENTS = {
  id_card: '申请人及共同申请人身份证',
  hukou: '户口簿',
  income: '收入证明',
  housing: '住房情况证明（无房或租房证明）',
  dibao: '低保证或特困供养证',
  employment: '劳动合同或社保缴纳证明',
} as const;
export type ApplicationDocumentKind = keyof typeof APPLICATION_DOCUMENTS;

export interface ApplicationFormFacts {
  category: HouseholdCategory | null;
  members: { name: string; relation: string; idNumber: string; annualIncomeFen: number }[];
  housing: { ownedHomeAreaM2: number; description: string } | null;
  employmentMonths: number | null;
  documents: { kind: ApplicationDocumentKind; count: number }[];
}

/** Documents a category must hand in: everyone the four, 低保/特困 their certificate, workers employment. */
export function requiredDocuments(category: HouseholdCategory | null): ApplicationDocumentKind[] {
  const kinds: ApplicationDocumentKind[] = ['id_card', 'hukou', 'income', 'housing'];
  if (category === 'dibao' || category === 'tekun') kinds.push('dibao');
  if (category && (NEEDS_EMPLOYMENT_DURATION.includes(category) || category === 'new_employee'))
    kinds.push('employment');
  return kinds;
}

/**
 * What is still missing before an application can be submitted (乌兰察布 第十二条 申请材料; 第十一条 conditions
 * the office checks): the checklist the applicant sees, and the server's refusal. Empty: ready.
 */
export function missingItems(form: ApplicationFormFacts, policy: PolicyPreset): Reason[] {
  const clause = cite(policy, 'review.procedure');
  const out: Reason[] = [];
  if (!form.category) out.push(reason('MISSING_CATEGORY', clause, '请选择申请类别。'));
  if (form.members.length === 0)
    out.push(reason('MISSING_MEMBERS', clause, '请填写家庭成员（至少申请人本人）。'));
  if (!form.members.some((m) => m.relation === '本人'))
    out.push(reason('MISSING_HEAD', clause, '家庭成员中须有申请人本人（关系填“本人”）。'));
  if (!form.housing) out.push(reason('MISSING_HOUSING', clause, '请填写现住房情况。'));
  if (form.category && NEEDS_EMPLOYMENT_DURATION.includes(form.category) && form.employmentMonths === null)
    out.push(
      reason('MISSING_EMPLOYMENT', cite(policy, 'eligibility.employment'), '请填写在本地就业的月数。'),
    );
  for (const kind of requiredDocuments(form.category))
    if (!form.documents.some((d) => d.kind === kind && d.count > 0))
      out.push(
        reason(`MISSING_DOC_${kind.toUpperCase()}`, clause, `请上传：${APPLICATION_DOCUMENTS[kind]}。`),
      );
  return out;
}

/** A name as public notices show it (乌兰察布 第十三条 公示, masked per the privacy rules): 郭娜 → 郭*. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
