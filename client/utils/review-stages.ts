import type { ApplicationProgress } from '@shared/contracts';
import type { ReviewState } from '@shared/rules/review.rule';
import { formatDate } from './format';

/**
 * The three reviews of 三审三公示 (乌兰察布 第十三条) as a person reads them on the application and review pages
 * (issue #19: Steps for a case's stages): 社区初审 → 街道复审 → 住房保障部门终审, each with the day it began and
 * the day it passed (or was refused), read off the application's history. Pure: tested in
 * test/client/review-stages.test.ts.
 */
export const REVIEW_STAGES = [
  { title: '社区初审', review: 'initial_review', notice: 'initial_notice' },
  { title: '街道复审', review: 'second_review', notice: 'second_notice' },
  { title: '住房保障部门终审', review: 'final_review', notice: 'final_notice' },
] as const satisfies readonly { title: string; review: ReviewState; notice: ReviewState }[];

export type StageState = 'wait' | 'process' | 'finish' | 'refused';
export interface StageLine {
  title: string;
  state: StageState;
  /** One plain sentence with the dates: 2026年11月20日开始 · 2026年11月25日通过，公示至…. */
  description: string;
}

type History = Pick<ApplicationProgress, 'history'>['history'];

/** Which of the three stages a state belongs to (0–2), 3 once approved, null off the main path. */
function stageOf(state: string): number | null {
  const i = REVIEW_STAGES.findIndex((s) => s.review === state || s.notice === state);
  if (i >= 0) return i;
  return state === 'approved' ? 3 : null;
}

export function reviewStages(
  history: History,
  status: string,
  noticeEndsOn: string | null,
): { lines: StageLine[]; current: number } {
  const began: (string | null)[] = [null, null, null];
  const passed: (string | null)[] = [null, null, null];
  let refusedAt: { stage: number; at: string } | null = null;
  let last = 0; // the stage the application was last in on the main path
  for (const h of history) {
    const i = stageOf(h.state);
    if (i !== null && i < 3) {
      last = i;
      if (h.state === REVIEW_STAGES[i]!.review) {
        // Back to a review after an objection or a 复核: it begins again, not passed yet.
        if (began[i] === null || passed[i] !== null) began[i] = h.at;
        passed[i] = null;
        refusedAt = null;
      } else passed[i] = h.at;
    } else if (i === 3) last = 3;
    else if (h.state === 'rejected') refusedAt = { stage: last, at: h.at };
  }
  const day = (iso: string) => formatDate(iso.length > 10 ? beijingDay(iso) : iso);
  const lines = REVIEW_STAGES.map((s, i): StageLine => {
    if (refusedAt && refusedAt.stage === i)
      return { title: s.title, state: 'refused', description: `${day(refusedAt.at)}未通过` };
    if (passed[i] && (last > i || status === 'approved'))
      return { title: s.title, state: 'finish', description: `${day(passed[i]!)}通过` };
    if (passed[i])
      return {
        title: s.title,
        state: 'process',
        description: `${day(passed[i]!)}通过，${noticeEndsOn ? `公示至${formatDate(noticeEndsOn)}` : '公示中'}`,
      };
    if (began[i]) return { title: s.title, state: 'process', description: `${day(began[i]!)}开始审核` };
    return { title: s.title, state: 'wait', description: '尚未开始' };
  });
  const current = status === 'approved' ? 4 : Math.min(last, 2) + 1;
  return { lines, current };
}

/** The Beijing calendar day of an instant, as YYYY-MM-DD. */
function beijingDay(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
