import { createHash } from 'node:crypto';
import { AppError } from '@shared/errors';
import { requireRole } from '../_runtime/access';
import type { ObjectionDoc } from '../_runtime/documents';
import type { In, ServiceContext } from '../_runtime/handler';
import type { AllocationRepository } from './allocation.repository';

/**
 * 公示期异议 (乌兰察布 第十三、十八条): any signed-in user may object while the results are on notice. The
 * same text from the same person is stored once, so a retry does not duplicate it.
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
  if (round.status !== 'publicized' || !round.noticeEndsOn || now.slice(0, 10) > round.noticeEndsOn) {
    throw new AppError('STATE_INVALID', '不在结果公示期内。');
  }
  const id = `obj-${createHash('sha256').update(`${round._id}|${user._id}|${input.text}`).digest('hex').slice(0, 24)}`;
  await repo.runInTransaction(async (t) => {
    if (await t.objection(id)) return;
    await t.setObjection(id, {
      roundId: round._id,
      userId: user._id,
      name: user.name,
      text: input.text,
      at: now,
    });
    await t.recordAudit({
      entityType: 'round',
      entityId: round._id,
      action: 'objection_filed',
      actorUserId: user._id,
      at: now,
      detail: `公示期异议：${input.text.slice(0, 100)}`,
    });
  });
  const stored = (await repo.objection(id)) as ObjectionDoc;
  return { id, at: stored.at };
}

export async function listObjections(
  repo: AllocationRepository,
  input: In<'allocation', 'listObjections'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  const list = await repo.objectionsOf(input.roundId);
  return list.map((o) => ({ id: o._id, name: o.name, text: o.text, at: o.at }));
}
