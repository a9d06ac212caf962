import { REGISTRATION_STATUS_LABELS } from '@shared/contracts';
import { cite } from '@shared/policy/sources';
import { maskName } from '@shared/rules/application.rule';
import { chinaDate } from '@shared/rules/dates';
import { tierLabel, type PriorityTier } from '@shared/rules/priority.rule';
import { noticeRunning } from '@shared/rules/review.rule';
import { AppError } from '@shared/errors';
import { found } from '../_runtime/access';
import type { In, ServiceContext } from '../_runtime/handler';
import type { AllocationRepository } from './allocation.repository';
import { pendingObjections } from './objection.service';

/**
 * The public results notice of a round (选房 → 公示 → 签约, 武昌调研报告 二(二)三): anyone who opens the link may
 * read the ranked list, names and ID numbers masked, while the notice runs, and raise an objection
 * (`fileObjection`). Signing waits for the notice to end without a pending objection (contract.service.ts
 * `checkSigningOpen`), which the page says.
 */
export async function roundNotice(
  repo: AllocationRepository,
  input: In<'allocation', 'roundNotice'>,
  ctx: ServiceContext,
) {
  const today = chinaDate(ctx.rt.now().getTime());
  // Rounds are public (listRounds): one whose notice is not running says so rather than hiding.
  const round = found(await repo.round(input.roundId));
  if (round.status !== 'publicized' || !round.noticeEndsOn)
    throw new AppError('STATE_INVALID', '该轮次的配租结果尚未公示。');
  if (!noticeRunning(round.noticeEndsOn, today))
    throw new AppError('STATE_INVALID', `该轮次的结果公示已于 ${round.noticeEndsOn} 结束。`);
  const project = await repo.project(round.projectId);
  const regs = (await repo.registrationsOf(round._id))
    .filter((r) => r.lottery)
    .sort((a, b) => a.lottery!.overallRank - b.lottery!.overallRank || (a._id < b._id ? -1 : 1));
  const rows = [];
  for (const r of regs) {
    const household = await repo.household(r.householdId);
    const unit = r.unitId ? await repo.unit(r.unitId) : null;
    rows.push({
      overallRank: r.lottery!.overallRank,
      tierLabel: tierLabel(r.tier as PriorityTier, ctx.rt.policy),
      headNameMasked: maskName(household?.headName ?? ''),
      idNumberMasked: household?.idNumberMasked ?? '',
      statusLabel: REGISTRATION_STATUS_LABELS[r.status],
      unitLabel: unit?.label ?? null,
    });
  }
  return {
    roundId: round._id,
    title: round.title,
    projectName: project?.name ?? '',
    noticeEndsOn: round.noticeEndsOn,
    pendingObjections: (await pendingObjections(repo, round._id)).length,
    clause: cite(ctx.rt.policy, 'allocation.signAfterNotice'),
    rows,
  };
}
