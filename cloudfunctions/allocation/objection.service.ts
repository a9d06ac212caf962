import { createHash } from 'node:crypto';
import { COLLECTIONS } from '@shared/collections';
import type { allocationContract } from '@shared/contracts';
import { AppError } from '@shared/errors';
import { chinaDate } from '@shared/rules/dates';
import { noticeRunning } from '@shared/rules/review.rule';
import type { z } from 'zod';
import { requireRole } from '../_runtime/caller';
import { fetchAll } from '../_runtime/fetch-all';
import type { ServiceContext } from '../_runtime/handler';
import { recordAudit, type AllocationRepository } from './allocation.repository';

type In<A extends keyof typeof allocationContract> = z.output<(typeof allocationContract)[A]['input']>;

export interface ObjectionDoc {
  _id: string;
  roundId: string;
  /** The registration (household) the objection is about, or null when it names none. */
  registrationId?: string | null;
  userId: string;
  name: string;
  text: string;
  at: string;
  /** Pending until the office has dealt with it (missing on objections stored before this field). */
  status?: 'pending' | 'resolved';
  resolution?: string | null;
  resolvedAt?: string | null;
}

/**
 * 公示期异议 (乌兰察布 第十三、十八条; 武昌调研报告 二(二)三 公示): any signed-in user may object while the results are
 * on notice, naming a household's registration or none. The same text from the same person about the same
 * registration is stored once, so a retry does not duplicate it. A pending objection holds signing as the
 * district's setting `allocation.objectionEffect` says (`checkSigningOpen`) until the office resolves it.
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
  if (round.status !== 'publicized' || !round.noticeEndsOn || !noticeRunning(round.noticeEndsOn, today)) {
    throw new AppError('STATE_INVALID', '不在结果公示期内。');
  }
  const registrationId = input.registrationId ?? null;
  if (registrationId) {
    const reg = await repo.registration(registrationId);
    if (!reg || reg.roundId !== round._id) throw new AppError('NOT_FOUND', '本轮没有该报名记录。');
  }
  const user = ctx.caller.user;
  if (!user) throw new AppError('UNAUTHENTICATED');
  const key = `${round._id}|${user._id}|${registrationId ?? ''}|${input.text}`;
  const id = `obj-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
  await ctx.rt.db.runTransaction(async (tx) => {
    if ((await tx.collection(COLLECTIONS.objections).doc(id).get()).data) return;
    const doc: Omit<ObjectionDoc, '_id'> = {
      roundId: round._id,
      registrationId,
      userId: user._id,
      name: user.name,
      text: input.text,
      at: now,
      status: 'pending',
      resolution: null,
      resolvedAt: null,
    };
    await tx.collection(COLLECTIONS.objections).doc(id).set(doc);
    await recordAudit(tx, {
      entityType: 'round',
      entityId: round._id,
      action: 'objection_filed',
      actorUserId: user._id,
      at: now,
      detail: `公示期异议${registrationId ? `（针对 ${registrationId}）` : ''}：${input.text.slice(0, 100)}`,
    });
  });
  const stored = (await repo.db.collection(COLLECTIONS.objections).doc(id).get()).data[0] as ObjectionDoc;
  return { id, at: stored.at };
}

/** The objections of a round still pending (what holds signing). */
export async function pendingObjections(
  repo: AllocationRepository,
  roundId: string,
): Promise<ObjectionDoc[]> {
  const list = await fetchAll<ObjectionDoc>(
    repo.db.collection(COLLECTIONS.objections).where({ roundId }).orderBy('at', 'asc'),
  );
  return list.filter((o) => (o.status ?? 'pending') === 'pending');
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
  input: In<'resolveObjection'>,
  ctx: ServiceContext,
) {
  requireRole(ctx.caller, 'admin');
  const found = (await repo.db.collection(COLLECTIONS.objections).doc(input.objectionId).get()).data[0] as
    ObjectionDoc | undefined;
  if (!found) throw new AppError('NOT_FOUND', '未找到该异议。');
  if (found.status !== 'resolved') {
    const now = ctx.rt.now().toISOString();
    await ctx.rt.db.runTransaction(async (tx) => {
      await tx
        .collection(COLLECTIONS.objections)
        .doc(found._id)
        .update({ status: 'resolved', resolution: input.resolution, resolvedAt: now });
      await recordAudit(tx, {
        entityType: 'round',
        entityId: found.roundId,
        action: 'objection_resolved',
        actorUserId: ctx.caller.user?._id ?? '',
        at: now,
        detail: `异议核查处理完毕：${input.resolution.slice(0, 100)}`,
      });
    });
  }
  return { id: found._id, status: 'resolved' as const };
}
