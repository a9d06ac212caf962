import { COLLECTIONS } from '@shared/collections';
import { OFFER_STATUS_LABELS, type OfferView, type allocationContract } from '@shared/contracts';
import { AppError } from '@shared/errors';
import { CLAUSE } from '@shared/policy/clauses';
import { priorityTier } from '@shared/rules/priority.rule';
import { orderWaitlist } from '@shared/rules/waitlist.rule';
import type { z } from 'zod';
import { requireRole } from '../_runtime/caller';
import type { HouseholdDoc, OfferDoc, UnitDoc } from '../_runtime/documents';
import { fetchAll } from '../_runtime/fetch-all';
import type { ServiceContext } from '../_runtime/handler';
import { recordAudit, type AllocationRepository } from './allocation.repository';
import { callerHousehold, unitView } from './registration.service';

/** An instant as the household reads it: `2026-11-25 10:00` in Beijing time. */
const beijingTime = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

type In<A extends keyof typeof allocationContract> = z.output<(typeof allocationContract)[A]['input']>;

/**
 * Dynamic allocation of vacated units (武昌调研报告 二(二)三: 腾退空置的房源实行动态配租, 按轮候家庭持证时间顺序
 * 依次进行配租, 优先照顾低保、低收入家庭). A vacated unit is offered to the first waitlisted household in
 * order (priority tier, then certificate date, then a verifiable tie-break) that has no open offer and has
 * not already been offered this unit; the household accepts or declines before the deadline. An offer
 * past its deadline counts as expired and the unit goes to the next in line.
 */
async function offerView(
  repo: AllocationRepository,
  o: OfferDoc,
  ctx: ServiceContext,
  now: string,
): Promise<OfferView> {
  const unit = (await repo.unit(o.unitId)) as UnitDoc;
  const household = await repo.household(o.householdId);
  const project = await repo.project(o.projectId);
  const building = await repo.building(unit.buildingId);
  const status = o.status === 'offered' && o.deadline < now ? 'expired' : o.status;
  return {
    id: o._id,
    unit: unitView(unit, building?.name ?? '', household, ctx),
    projectName: project?.name ?? '',
    headName: household?.headName ?? '',
    status,
    statusLabel: OFFER_STATUS_LABELS[status],
    deadline: o.deadline,
    position: o.position,
  };
}

const offersOfUnit = (repo: AllocationRepository, unitId: string) =>
  fetchAll<OfferDoc>(repo.db.collection(COLLECTIONS.offers).where({ unitId }).orderBy('offeredAt', 'asc'));

export async function listVacancies(
  repo: AllocationRepository,
  input: In<'listVacancies'>,
  ctx: ServiceContext,
) {
  requireRole(ctx.caller, 'admin');
  const now = ctx.rt.now().toISOString();
  const inRounds = new Set(
    (await repo.rounds()).filter((r) => r.status === 'selecting').flatMap((r) => r.unitIds),
  );
  const out = [];
  for (const unit of await repo.vacantUnitsOf(input.projectId)) {
    if (inRounds.has(unit._id)) continue;
    const offers = await offersOfUnit(repo, unit._id);
    const last = offers[offers.length - 1];
    const building = await repo.building(unit.buildingId);
    out.push({
      unit: unitView(unit, building?.name ?? '', null, ctx),
      offer: last ? await offerView(repo, last, ctx, now) : null,
    });
  }
  return out;
}

export async function offerVacancy(
  repo: AllocationRepository,
  input: In<'offerVacancy'>,
  ctx: ServiceContext,
) {
  requireRole(ctx.caller, 'admin');
  const now = ctx.rt.now();
  const nowIso = now.toISOString();
  const unit = await repo.unit(input.unitId);
  if (!unit) throw new AppError('NOT_FOUND', '未找到该房源。');
  if (unit.status !== 'vacant') throw new AppError('STATE_INVALID', '该房源不是空置状态。');
  const previous = await offersOfUnit(repo, unit._id);
  const open = previous.find((o) => o.status === 'offered' && o.deadline >= nowIso);
  if (open) throw new AppError('STATE_INVALID', `该房源已向轮候家庭发出邀约，答复期限至 ${open.deadline}。`);
  for (const o of previous.filter((p) => p.status === 'offered')) {
    await repo.db.collection(COLLECTIONS.offers).doc(o._id).update({ status: 'expired' });
  }
  const alreadyAsked = new Set(previous.map((o) => o.householdId));
  const busy = new Set(
    (
      await fetchAll<OfferDoc>(
        repo.db.collection(COLLECTIONS.offers).where({ status: 'offered' }).orderBy('_id', 'asc'),
      )
    )
      .filter((o) => o.deadline >= nowIso)
      .map((o) => o.householdId),
  );
  const waiting = await fetchAll<HouseholdDoc>(
    repo.db.collection(COLLECTIONS.households).where({ status: 'waitlisted' }).orderBy('_id', 'asc'),
  );
  const ordered = orderWaitlist(
    waiting.map((h) => ({
      householdId: h._id,
      tier: priorityTier({ category: h.category, ...h.priority }),
      certificateDate: h.certificateDate,
      h,
    })),
  );
  const position = ordered.findIndex((e) => !alreadyAsked.has(e.householdId) && !busy.has(e.householdId));
  if (position < 0) throw new AppError('STATE_INVALID', '轮候名单中已没有可邀约的家庭。');
  const chosen = ordered[position]!;
  const deadline = new Date(now.getTime() + input.acceptDays * 86_400_000).toISOString();
  const id = `offer-${unit._id}-${previous.length + 1}`;
  const doc: Omit<OfferDoc, '_id'> = {
    unitId: unit._id,
    projectId: unit.projectId,
    householdId: chosen.householdId,
    status: 'offered',
    offeredAt: nowIso,
    deadline,
    position: position + 1,
    respondedAt: null,
  };
  await ctx.rt.db.runTransaction(async (tx) => {
    await tx.collection(COLLECTIONS.offers).doc(id).set(doc);
    await recordAudit(tx, {
      entityType: 'offer',
      entityId: unit._id,
      action: 'offered',
      actorUserId: ctx.caller.user?._id ?? '',
      at: nowIso,
      detail: `空置房源 ${unit.label} 按轮候顺序第 ${position + 1} 位邀约 ${chosen.h.headName}，答复期限 ${deadline}（${CLAUSE.W_DYNAMIC}）`,
    });
  });
  const user = (
    await repo.db.collection(COLLECTIONS.users).where({ householdId: chosen.householdId }).limit(1).get()
  ).data[0] as { _id: string } | undefined;
  if (user) {
    await ctx.rt.messages.enqueue({
      toUserId: user._id,
      template: 'general',
      title: '公租房配租邀约',
      body: `您有一套空置公租房（${unit.label}）的配租邀约，请在 ${beijingTime(deadline)} 前答复。`,
      dedupeKey: `offer:${id}`,
    });
  }
  return offerView(repo, { ...doc, _id: id }, ctx, nowIso);
}

export async function myOffers(repo: AllocationRepository, ctx: ServiceContext) {
  const id = ctx.caller.user?.householdId;
  if (!id) return [];
  const now = ctx.rt.now().toISOString();
  const offers = await fetchAll<OfferDoc>(
    repo.db.collection(COLLECTIONS.offers).where({ householdId: id }).orderBy('offeredAt', 'desc'),
  );
  return Promise.all(offers.map((o) => offerView(repo, o, ctx, now)));
}

/** Accepting reserves the unit for the household in one transaction; declining frees it for the next in line. */
export async function respondOffer(
  repo: AllocationRepository,
  input: In<'respondOffer'>,
  ctx: ServiceContext,
) {
  const household = await callerHousehold(repo, ctx);
  const now = ctx.rt.now().toISOString();
  await ctx.rt.db.runTransaction(async (tx) => {
    const offer = (await tx.collection(COLLECTIONS.offers).doc(input.offerId).get()).data as OfferDoc | null;
    if (!offer || offer.householdId !== household._id) throw new AppError('NOT_FOUND');
    if (offer.status === (input.accept ? 'accepted' : 'declined')) return; // the same answer again
    if (offer.status !== 'offered') throw new AppError('STATE_INVALID', '该邀约已答复。');
    if (offer.deadline < now) throw new AppError('STATE_INVALID', '已超过答复期限，该邀约已失效。');
    if (input.accept) {
      const unit = (await tx.collection(COLLECTIONS.units).doc(offer.unitId).get()).data as UnitDoc | null;
      if (!unit || unit.status !== 'vacant') throw new AppError('CONFLICT', '该房源已不可配租。');
      await tx
        .collection(COLLECTIONS.units)
        .doc(offer.unitId)
        .update({ status: 'reserved', reservedBy: offer._id });
    }
    await tx
      .collection(COLLECTIONS.offers)
      .doc(offer._id)
      .update({ status: input.accept ? 'accepted' : 'declined', respondedAt: now });
    await recordAudit(tx, {
      entityType: 'offer',
      entityId: offer.unitId,
      action: input.accept ? 'offer_accepted' : 'offer_declined',
      actorUserId: ctx.caller.user?._id ?? '',
      at: now,
      detail: input.accept ? '接受空置房源配租邀约' : '放弃空置房源配租邀约，房源将邀约下一位轮候家庭',
    });
  });
  const offer = (await repo.db.collection(COLLECTIONS.offers).doc(input.offerId).get()).data[0] as OfferDoc;
  return offerView(repo, offer, ctx, now);
}
