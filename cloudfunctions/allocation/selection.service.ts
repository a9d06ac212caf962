import { AppError } from '@shared/errors';
import { applyWaiver, checkSelectionWindow, type SelectionWindow } from '@shared/rules/selection.rule';
import type { RegistrationDoc, RoundDoc } from '../_runtime/documents';
import type { In, ServiceContext } from '../_runtime/handler';
import { isTransactionConflict } from '../_runtime/transaction-errors';
import type { AllocationRepository } from './allocation.repository';
import { claimHold, heldUnit, refuseIfHolding } from './household-hold';
import { callerHousehold, registrationView } from './registration.service';

async function selectingRound(repo: AllocationRepository, roundId: string): Promise<RoundDoc> {
  const round = await repo.round(roundId);
  if (!round) throw new AppError('NOT_FOUND', '未找到该配租轮次。');
  if (round.status !== 'selecting') throw new AppError('STATE_INVALID', '本轮尚未开始选房或选房已结束。');
  return round;
}

const windowOf = (reg: RegistrationDoc): SelectionWindow[] =>
  reg.window
    ? [
        {
          applicationId: reg._id,
          turn: reg.window.turn,
          opensAt: reg.window.opensAt,
          closesAt: reg.window.closesAt,
        },
      ]
    : [];

/**
 * 选房 (Wuchang 2(2)3). One transaction reads the registration and the unit and writes both, so two
 * applicants can never get the same unit (the loser is told the unit is taken). The same transaction claims
 * the household's hold (一户一套, `household-hold.ts`), so a household holding a unit elsewhere (another
 * round's selection, an accepted offer, a lease) is refused with what it holds, even when the two requests
 * race. A retry of a selection that succeeded returns the same result; anything refused changes nothing.
 */
export async function selectUnit(
  repo: AllocationRepository,
  input: In<'allocation', 'selectUnit'>,
  ctx: ServiceContext,
) {
  const household = await callerHousehold(repo, ctx);
  const round = await selectingRound(repo, input.roundId);
  const regId = `${round._id}-${household._id}`;
  const now = ctx.rt.now();
  // Whether the caller is in this round at all comes first: a stranger learns nothing about holds.
  if (!(await repo.registration(regId))) throw new AppError('NOT_FOUND', '您没有参加本轮配租。');
  await refuseIfHolding(repo, household._id, [regId], ctx);
  try {
    await selectInTransaction();
  } catch (err) {
    if (err instanceof AppError || !isTransactionConflict(err)) throw err;
    // Many applicants chose at once and the SDK's reruns were used up. Tell the tenant what happened, never
    // 系统繁忙: the unit went to someone else, or nothing changed and they may try again.
    const [reg, unit] = await Promise.all([repo.registration(regId), repo.unit(input.unitId)]);
    if (reg?.unitId !== input.unitId) {
      if (unit && unit.status !== 'vacant')
        throw new AppError('CONFLICT', '该房源已被他人选定，请选择其他房源。');
      throw new AppError('CONFLICT', '同时选房的人较多，这次没有选上，请重试。');
    }
  }
  const reg = await repo.registration(regId);
  return registrationView(repo, reg as RegistrationDoc, ctx, round);

  async function selectInTransaction() {
    await repo.runInTransaction(async (t) => {
      const reg = await t.registration(regId);
      if (!reg) throw new AppError('NOT_FOUND', '您没有参加本轮配租。');
      if (reg.unitId === input.unitId) return; // the same request again: already done
      if (reg.unitId) throw new AppError('STATE_INVALID', '您已选定房源，不能再次选房。');
      if (reg.status !== 'ranked') throw new AppError('STATE_INVALID', '您当前的状态不能选房。');
      const allowed = checkSelectionWindow(windowOf(reg), reg._id, now.getTime(), ctx.rt.policy);
      if (!allowed.ok) throw new AppError('RULE_VIOLATION', allowed.reasons.map((r) => r.message).join(' '));
      if (!round.unitIds.includes(input.unitId))
        throw new AppError('RULE_VIOLATION', '该房源不属于本轮选房项目。');
      const unit = await t.unit(input.unitId);
      if (!unit || unit.projectId !== round.projectId)
        throw new AppError('RULE_VIOLATION', '该房源不属于本轮选房项目。');
      if (unit.status !== 'vacant') throw new AppError('CONFLICT', '该房源已被他人选定，请选择其他房源。');
      await claimHold(t, household._id, heldUnit('selection', reg._id, unit, round.title), ctx);
      await t.updateUnit(unit._id, { status: 'reserved', reservedBy: reg._id });
      await t.updateRegistration(reg._id, {
        status: 'selected',
        unitId: unit._id,
        updatedAt: now.toISOString(),
      });
      await t.recordAudit({
        entityType: 'registration',
        entityId: reg._id,
        action: 'unit_selected',
        actorUserId: ctx.caller.user?._id ?? '',
        at: now.toISOString(),
        detail: `选定房源 ${unit.label}`,
      });
    });
  }
}

/**
 * 放弃选房: recorded with its consequence (Wuchang 1: 选房放弃承租), and everyone after the applicant moves
 * up a turn.
 */
export async function waive(
  repo: AllocationRepository,
  input: In<'allocation', 'waive'>,
  ctx: ServiceContext,
) {
  const household = await callerHousehold(repo, ctx);
  const round = await selectingRound(repo, input.roundId);
  const regId = `${round._id}-${household._id}`;
  const now = ctx.rt.now();
  const all = (await repo.registrationsOf(round._id)).filter((r) => r.window && r.status !== 'waived');
  const me = all.find((r) => r._id === regId);
  if (!me) throw new AppError('NOT_FOUND', '您没有参加本轮配租或已放弃。');
  if (me.status !== 'ranked') throw new AppError('STATE_INVALID', '您已选定房源，不能放弃选房。');
  const windows = all
    .map((r) => ({
      applicationId: r._id,
      turn: r.window!.turn,
      opensAt: r.window!.opensAt,
      closesAt: r.window!.closesAt,
    }))
    .sort((a, b) => a.turn - b.turn);
  // The later windows move up by the round's own window length, which the office may have set at opening.
  const span = ctx.rt.policy.selection.windowMinutes;
  const policy = {
    ...ctx.rt.policy,
    selection: {
      ...ctx.rt.policy.selection,
      windowMinutes: { ...span, value: round.windowMinutes ?? span.value },
    },
  };
  let next: ReturnType<typeof applyWaiver>;
  try {
    next = applyWaiver(windows, regId, now.getTime(), policy);
  } catch (err) {
    throw new AppError('STATE_INVALID', err instanceof Error ? err.message : '不能放弃选房。');
  }
  await repo.runInTransaction(async (t) => {
    const reg = await t.registration(regId);
    if (!reg || reg.status !== 'ranked') throw new AppError('STATE_INVALID', '您当前的状态不能放弃选房。');
    await t.updateRegistration(regId, { status: 'waived', updatedAt: now.toISOString() });
    await t.recordAudit({
      entityType: 'registration',
      entityId: regId,
      action: 'waived',
      actorUserId: ctx.caller.user?._id ?? '',
      at: now.toISOString(),
      detail: `放弃第 ${next.waiver.turn} 顺位选房（${next.waiver.clause}），后续顺位依次递补`,
    });
  });
  const before = new Map(windows.map((w) => [w.applicationId, w]));
  for (const w of next.windows) {
    const old = before.get(w.applicationId);
    if (old && (old.turn !== w.turn || old.opensAt !== w.opensAt || old.closesAt !== w.closesAt)) {
      await repo.updateRegistration(w.applicationId, {
        window: { turn: w.turn, opensAt: w.opensAt, closesAt: w.closesAt },
      });
    }
  }
  return registrationView(repo, (await repo.registration(regId)) as RegistrationDoc, ctx, round);
}
