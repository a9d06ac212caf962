import { ULANQAB_PRESET as U } from '@shared/policy/presets/district.presets';
import {
  applicationMove,
  departmentOverdue,
  maskName,
  missingItems,
  requiredDocuments,
  type Actor,
  type ApplicationMove,
  type MoveFacts,
} from '@shared/rules/application.rule';
import type { ReviewState } from '@shared/rules/review.rule';

/** Who moves an application from which state (乌兰察布 第十三条 三审三公示), and what must be handed in. */
describe('application moves', () => {
  const ok: [string, ReviewState, ApplicationMove, Actor, MoveFacts, ReviewState][] = [
    [
      'Ulanqab Art.13: the community review passes to its notice',
      'initial_review',
      'approve',
      'community_reviewer',
      {},
      'initial_notice',
    ],
    [
      'Ulanqab Art.13: the district review passes to its notice',
      'second_review',
      'approve',
      'street_reviewer',
      {},
      'second_notice',
    ],
    [
      'Ulanqab Art.13: the housing department passes when every department answered',
      'final_review',
      'approve',
      'housing_reviewer',
      { unansweredDepartments: 0 },
      'final_notice',
    ],
    ['Ulanqab Art.13: a review refuses', 'second_review', 'refuse', 'street_reviewer', {}, 'rejected'],
    [
      'Ulanqab Art.13: a review returns for more material',
      'initial_review',
      'return',
      'community_reviewer',
      {},
      'returned',
    ],
    [
      'Ulanqab Art.13: a notice ended without objection moves on',
      'initial_notice',
      'close_notice',
      'community_reviewer',
      { noticeEnded: true, pendingObjections: 0 },
      'second_review',
    ],
    [
      'Ulanqab Art.13: the last notice ends in approval',
      'final_notice',
      'close_notice',
      'housing_reviewer',
      { noticeEnded: true },
      'approved',
    ],
    [
      'Ulanqab Art.13: an upheld objection sends the case back to its review',
      'second_notice',
      'uphold_objection',
      'street_reviewer',
      {},
      'second_review',
    ],
    [
      'Ulanqab Art.13: the applicant resubmits to the review that returned it',
      'returned',
      'resubmit',
      'applicant',
      { stageState: 'second_review' },
      'second_review',
    ],
    [
      'Ulanqab Art.13 ¶2: the applicant asks for 复核 after a refusal',
      'rejected',
      'request_re_review',
      'applicant',
      {},
      're_review',
    ],
    [
      'Ulanqab Art.13 ¶2: 复核 keeps the refusal',
      're_review',
      'confirm_refusal',
      'housing_reviewer',
      { stageState: 'initial_review' },
      'rejected',
    ],
    [
      'Ulanqab Art.13 ¶2: 复核 sends it back to the refusing review',
      're_review',
      'overturn_refusal',
      'housing_reviewer',
      { stageState: 'initial_review' },
      'initial_review',
    ],
    ['the applicant withdraws while under review', 'second_notice', 'withdraw', 'applicant', {}, 'withdrawn'],
  ];
  it.each(ok)('%s', (_name, state, move, actor, facts, next) => {
    expect(applicationMove(state, move, actor, facts, U)).toEqual({ ok: true, value: next, reasons: [] });
  });

  const refused: [string, ReviewState, ApplicationMove, Actor, MoveFacts, string][] = [
    [
      'Ulanqab Art.13: the district reviewer cannot decide the community review',
      'initial_review',
      'approve',
      'street_reviewer',
      {},
      'REVIEW_WRONG_ROLE',
    ],
    [
      'Ulanqab Art.13: the applicant cannot approve',
      'initial_review',
      'approve',
      'applicant',
      {},
      'REVIEW_WRONG_ROLE',
    ],
    [
      'Ulanqab Art.13: a notice is not reviewed',
      'initial_notice',
      'approve',
      'community_reviewer',
      {},
      'REVIEW_ILLEGAL_MOVE',
    ],
    [
      'Ulanqab Art.13: a running notice does not close',
      'initial_notice',
      'close_notice',
      'community_reviewer',
      { noticeEnded: false },
      'NOTICE_RUNNING',
    ],
    [
      'Ulanqab Art.13: an unanswered objection holds the notice',
      'second_notice',
      'close_notice',
      'street_reviewer',
      { noticeEnded: true, pendingObjections: 1 },
      'OBJECTION_PENDING',
    ],
    [
      'Huizhou 链接2(3): approval waits for every department',
      'final_review',
      'approve',
      'housing_reviewer',
      { unansweredDepartments: 2 },
      'PARALLEL_REVIEW_OPEN',
    ],
    [
      'Ulanqab Art.13 ¶2: only a refusal can be re-reviewed',
      'approved',
      'request_re_review',
      'applicant',
      {},
      'REVIEW_ILLEGAL_MOVE',
    ],
    [
      'Ulanqab Art.13 ¶2: 复核 is the housing department’s',
      're_review',
      'overturn_refusal',
      'community_reviewer',
      { stageState: 'initial_review' },
      'REVIEW_WRONG_ROLE',
    ],
    [
      'an approved application cannot be withdrawn',
      'approved',
      'withdraw',
      'applicant',
      {},
      'REVIEW_ILLEGAL_MOVE',
    ],
    [
      'a reviewer cannot withdraw for the applicant',
      'initial_review',
      'withdraw',
      'community_reviewer',
      {},
      'REVIEW_WRONG_ROLE',
    ],
  ];
  it.each(refused)('%s', (_name, state, move, actor, facts, code) => {
    const d = applicationMove(state, move, actor, facts, U);
    expect(d.ok).toBe(false);
    expect(d.reasons.map((r) => r.code)).toContain(code);
    expect(d.reasons.every((r) => r.clause.length > 0 && r.message.length > 0)).toBe(true);
  });
});

describe('what an applicant must hand in', () => {
  const complete = {
    category: 'low_income' as const,
    members: [{ name: '郭晓明', relation: '本人', idNumber: 'x', annualIncomeFen: 0 }],
    housing: { ownedHomeAreaM2: 0, description: '' },
    employmentMonths: null,
    documents: requiredDocuments('low_income').map((kind) => ({ kind, count: 1 })),
  };
  it('Ulanqab Art.12: a complete application misses nothing', () => {
    expect(missingItems(complete, U)).toEqual([]);
  });
  it.each([
    ['Ulanqab Art.12: no category', { category: null }, 'MISSING_CATEGORY'],
    [
      'Ulanqab Art.12: no applicant among the members',
      { members: [{ ...complete.members[0]!, relation: '配偶' }] },
      'MISSING_HEAD',
    ],
    [
      'Ulanqab Art.12: no income certificate',
      { documents: complete.documents.filter((d) => d.kind !== 'income') },
      'MISSING_DOC_INCOME',
    ],
    [
      'Ulanqab Art.11: a migrant worker states the employment months',
      {
        category: 'migrant_worker' as const,
        documents: requiredDocuments('migrant_worker').map((kind) => ({ kind, count: 1 })),
      },
      'MISSING_EMPLOYMENT',
    ],
    [
      'Ulanqab Art.12: a 低保 household shows its certificate',
      { category: 'dibao' as const },
      'MISSING_DOC_DIBAO',
    ],
  ])('%s', (_name, patch, code) => {
    expect(missingItems({ ...complete, ...patch }, U).map((r) => r.code)).toContain(code);
  });
});

describe('masking and department deadlines', () => {
  it.each([
    ['郭娜', '郭*'],
    ['欧阳明月', '欧***'],
  ])('public notices mask %s as %s', (name, masked) => expect(maskName(name)).toBe(masked));
  it('Huizhou 链接2(3): a task is overdue the day after its due day, unless answered', () => {
    expect(departmentOverdue('2026-09-16', false, '2026-09-16')).toBe(false);
    expect(departmentOverdue('2026-09-16', false, '2026-09-17')).toBe(true);
    expect(departmentOverdue('2026-09-16', true, '2026-09-17')).toBe(false);
  });
});
