import type { PolicyPreset } from '../policy/policy-preset';
import { cite } from '../policy/sources';
import { assertIsoDate } from './dates';
import { reason, type Decision, type Reason } from './reason';
import { dayAfterNotice, noticeRunning } from './review.rule';

/**
 * 选房 → 公示 → 签约 (武昌调研报告 二(二)三: 项目公告-登记-摇号-选房-公示-签约): a lease may be signed only once
 * the results notice has ended and no objection holds the household. What a pending objection holds is the
 * district's setting `allocation.objectionEffect` (the texts say only that notices invite objections):
 * `hold_household` — an objection naming this household holds its lease, and one naming nobody holds the
 * whole round until the office has dealt with it; `hold_round` — any pending objection holds every lease of
 * the round.
 */
export interface SigningFacts {
  /** Last day of the results notice (ISO), or null while the results are not published. */
  noticeEndsOn: string | null;
  /** Pending objections naming this household's registration. */
  pendingAgainstHousehold: number;
  /** Pending objections naming no household. */
  pendingUnnamed: number;
  /** Pending objections naming other households of the round. */
  pendingAgainstOthers: number;
}

/**
 * May the household sign on `todayIso` (China date)? On success, the first day signing was possible (the day
 * after the notice). Each refusal says why and, where it is known, from which day signing opens; notice
 * reasons cite the district's procedure, objection reasons its setting.
 */
export function checkSigningOpen(
  facts: SigningFacts,
  todayIso: string,
  policy: PolicyPreset,
): Decision<{ opensOn: string }> {
  assertIsoDate(todayIso);
  for (const n of [facts.pendingAgainstHousehold, facts.pendingUnnamed, facts.pendingAgainstOthers])
    if (!Number.isInteger(n) || n < 0) throw new RangeError('异议数量必须是非负整数');
  const procedure = cite(policy, 'allocation.signAfterNotice');
  if (facts.noticeEndsOn === null) {
    return {
      ok: false,
      reasons: [
        reason('RESULTS_NOT_PUBLISHED', procedure, '选房结果尚未公示：结果公示期满、无异议后方可签约。'),
      ],
    };
  }
  const opensOn = dayAfterNotice(facts.noticeEndsOn);
  const reasons: Reason[] = [];
  if (noticeRunning(facts.noticeEndsOn, todayIso)) {
    reasons.push(
      reason(
        'NOTICE_RUNNING',
        procedure,
        `选房结果公示至 ${facts.noticeEndsOn}，公示期满后方可签约：最早 ${opensOn} 起可签约。`,
      ),
    );
  }
  const objections = cite(policy, 'allocation.objectionEffect');
  const holdRound = policy.allocation.objectionEffect.value === 'hold_round';
  if (facts.pendingAgainstHousehold > 0) {
    reasons.push(
      reason(
        'OBJECTION_PENDING',
        objections,
        `公示期内有针对您家庭的异议（${facts.pendingAgainstHousehold} 件）正在核查，核查处理完毕后方可签约。`,
      ),
    );
  } else if (facts.pendingUnnamed > 0 || (holdRound && facts.pendingAgainstOthers > 0)) {
    reasons.push(
      reason(
        'OBJECTION_PENDING_ROUND',
        objections,
        '本轮公示期内有异议正在核查，核查处理完毕前本轮暂停签约。',
      ),
    );
  }
  return reasons.length ? { ok: false, reasons } : { ok: true, value: { opensOn }, reasons };
}
