import { createHash } from 'node:crypto';
import { COLLECTIONS } from '@shared/collections';
import type { allocationContract } from '@shared/contracts';
import { AppError } from '@shared/errors';
import { chinaDate } from '@shared/rules/dates';
import type { z } from 'zod';
import { requireRole } from '../_runtime/caller';
import { fetchAll } from '../_runtime/fetch-all';
import type { ServiceContext } from '../_runtime/handler';
import { recordAudit, type AllocationRepository } from './allocation.repository';

type In<A extends keyof typeof allocationContract> = z.output<(typeof allocationContract)[A]['input']>;

interface ObjectionDoc {
  _id: string;
  roundId: string;
  userId: string;
  name: string;
  text: string;
  at: string;
}

/**
 * 公示期异议 (乌兰察布 第十三、十八条): any signed-in user may object while the results are on notice. The
 * same text from the same person is stored once, so a retry does not duplicate it.
 */
export async function fileObjection(
  repo: AllocationRepository,
  input: In<'fileObjection'>,
  ctx: ServiceContext,
) {
  const round = await repo.round(input.roundId);
  if (!round) throw new AppError('NOT_FOUND', '未找到该配租轮次。');
  const now = ctx.rt.now().toISOString();
  const today = chinaDate(ctx.rt.now().getTime());
  if (round.status !== 'publicized' || !round.noticeEndsOn || today > round.noticeEndsOn) {
    throw new AppError('STATE_INVALID', '不在结果公示期内。');
  }
  const user = ctx.caller.user;
  if (!user) throw new AppError('UNAUTHENTICATED');
  const id = `obj-${createHash('sha256').update(`${round._id}|${user._id}|${input.text}`).digest('hex').slice(0, 24)}`;
  await ctx.rt.db.runTransaction(async (tx) => {
    if ((await tx.collection(COLLECTIONS.objections).doc(id).get()).data) return;
    await tx
      .collection(COLLECTIONS.objections)
      .doc(id)
      .set({ roundId: round._id, userId: user._id, name: user.name, text: input.text, at: now });
    await recordAudit(tx, {
      entityType: 'round',
      entityId: round._id,
      action: 'objection_filed',
      actorUserId: user._id,
      at: now,
      detail: `公示期异议：${input.text.slice(0, 100)}`,
    });
  });
  const stored = (await repo.db.collection(COLLECTIONS.objections).doc(id).get()).data[0] as ObjectionDoc;
  return { id, at: stored.at };
}

export async function listObjections(
  repo: AllocationRepository,
  input: In<'listObjections'>,
  ctx: ServiceContext,
) {
  requireRole(ctx.caller, 'admin');
  const list = await fetchAll<ObjectionDoc>(
    repo.db.collection(COLLECTIONS.objections).where({ roundId: input.roundId }).orderBy('at', 'asc'),
  );
  return list.map((o) => ({ id: o._id, name: o.name, text: o.text, at: o.at }));
}
