import { createHash } from 'node:crypto';
import { AppError } from '@shared/errors';
import { chinaDate } from '@shared/rules/dates';
import { noticeRunning } from '@shared/rules/review.rule';
import { requireRole } from '../_runtime/access';
import type { ObjectionDoc } from '../_runtime/documents';
import type { In, ServiceContext } from '../_runtime/handler';
import type { AllocationRepository } from './allocation.repository';

/**
 * 公示期异议 (乌兰察布 第十三、十八条; 武昌调研报告 二(二)三 公示): any signed-in user may object while the results are
 * on notice, naming a household's registration or none. The same text from the same person about the same
 * registration is stored once, so a retry does not duplicate it. A pending objection holds signing as the
 * district's setting `allocation.objectionEffect` says (`checkSigningOpen`) until the office resolves it.
 */
export async function fileObjection(
  repo: AllocationRepository,
  input: In<'allocation', 'fileObjection'>,
  ctx: ServiceContext,
) {
  // Who is calling first, then the round and its state: a caller who may not object learns nothing more.
  const user = ctx.caller.user;
  if (!user) throw new AppError('UNAUTHENTICATED');
  const round = await repo.round(input.roundId);
  if (!round) throw new AppError('NOT_FOUND', '未找到该配租轮次。');
  const now = ctx.rt.now().toISOString();
  const today = chinaDate(ctx.rt.now().getTime());
  if (round.status !== 'publicized' || !round.noticeEndsOn || !noticeRunning(round.noticeEndsOn, today)) {
    throw new AppError('STATE_INVALID', '不在结果公示期内。');
  }
  const registrationId = input.registrationId ?? null;
  if (registrationId) {
    const reg = await repo.registration(registrationId);
    if (!reg || reg.roundId !== round._id) throw new AppError('NOT_FOUND', '本轮没有该报名记录。');
  }
  const key = `${round._id}|${user._id}|${registrationId ?? ''}|${input.text}`;
  const id = `obj-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
  await repo.runInTransaction(async (t) => {
    if (await t.objection(id)) return;
    await t.setObjection(id, {
      roundId: round._id,
      registrationId,
      userId: user._id,
      name: user.name,
      text: input.text,
      at: now,
      status: 'pending',
      resolution: null,
      resolvedAt: null,
    });
    await t.recordAudit({
      entityType: 'round',
      entityId: round._id,
      action: 'objection_filed',
      actorUserId: user._id,
      at: now,
      detail: `公示期异议${registrationId ? `（针对 ${registrationId}）` : ''}：${input.text.slice(0, 100)}`,
    });
  });
  const stored = (await repo.objection(id)) as ObjectionDoc;
  return { id, at: stored.at };
}

/** The objections of a round still pending (what holds signing). */
export async function pendingObjections(
  repo: AllocationRepository,
  roundId: string,
): Promise<ObjectionDoc[]> {
  const list = await repo.objectionsOf(roundId);
  return list.filter((o) => (o.status ?? 'pending') === 'pending');
}

export async function listObjections(
  repo: AllocationRepository,
  input: In<'allocation', 'listObjections'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  const list = await repo.objectionsOf(input.roundId);
  return list.map((o) => ({
    id: o._id,
    name: o.name,
    text: o.text,
    at: o.at,
    registrationId: o.registrationId ?? null,
    status: o.status ?? ('pending' as const),
    resolution: o.resolution ?? null,
  }));
}

/** The office records how it dealt with an objection; it then no longer holds signing. Idempotent. */
export async function resolveObjection(
  repo: AllocationRepository,
  input: In<'allocation', 'resolveObjection'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  const objection = await repo.objection(input.objectionId);
  if (!objection) throw new AppError('NOT_FOUND', '未找到该异议。');
  if (objection.status !== 'resolved') {
    const now = ctx.rt.now().toISOString();
    await repo.runInTransaction(async (t) => {
      await t.updateObjection(objection._id, {
        status: 'resolved',
        resolution: input.resolution,
        resolvedAt: now,
      });
      await t.recordAudit({
        entityType: 'round',
        entityId: objection.roundId,
        action: 'objection_resolved',
        actorUserId: ctx.caller.user?._id ?? '',
        at: now,
        detail: `异议核查处理完毕：${input.resolution.slice(0, 100)}`,
      });
    });
  }
  return { id: objection._id, status: 'resolved' as const };
}
