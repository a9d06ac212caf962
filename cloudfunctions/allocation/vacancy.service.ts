import { OFFER_STATUS_LABELS, type OfferView } from '@shared/contracts';
import { AppError } from '@shared/errors';
import { priorityTier } from '@shared/rules/priority.rule';
import { orderWaitlist, waitlistClause } from '@shared/rules/waitlist.rule';
import { found, requireRole } from '../_runtime/access';
import type { OfferDoc, UnitDoc } from '../_runtime/documents';
import type { In, ServiceContext } from '../_runtime/handler';
import type { AllocationRepository } from './allocation.repository';
import { claimHold, heldUnit, householdsHolding, refuseIfHolding } from './household-hold';
import { callerHousehold, policyToday, unitView } from './registration.service';

/** An instant as the household reads it: `2026-11-25 10:00` in Beijing time. */
const beijingTime = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * Dynamic allocation of vacated units (武昌调研报告 二(二)三: 腾退空置的房源实行动态配租, 按轮候家庭持证时间顺序
 * 依次进行配租, 优先照顾低保、低收入家庭). A vacated unit is offered to the first waitlisted household in
 * order (priority tier, then certificate date, then a verifiable tie-break) that has no open offer, holds
 * no unit (一户一套: a selected unit, an accepted offer or a lease) and has not already been offered this
 * unit; the household accepts or declines before the deadline. An offer past its deadline counts as
 * expired and the unit goes to the next in line.
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
    unit: unitView(unit, building?.name ?? '', household, await policyToday(repo, ctx)),
    projectName: project?.name ?? '',
    headName: household?.headName ?? '',
    status,
    statusLabel: OFFER_STATUS_LABELS[status],
    deadline: o.deadline,
    position: o.position,
  };
}

export async function listVacancies(
  repo: AllocationRepository,
  input: In<'allocation', 'listVacancies'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  const now = ctx.rt.now().toISOString();
  const inRounds = new Set(
    (await repo.rounds()).filter((r) => r.status === 'selecting').flatMap((r) => r.unitIds),
  );
  const out = [];
  for (const unit of await repo.vacantUnitsOf(input.projectId)) {
    if (inRounds.has(unit._id)) continue;
    const offers = await repo.offersOfUnit(unit._id);
    const last = offers[offers.length - 1];
    const building = await repo.building(unit.buildingId);
    out.push({
      unit: unitView(unit, building?.name ?? '', null, ctx.rt.policy),
      offer: last ? await offerView(repo, last, ctx, now) : null,
    });
  }
  return out;
}

export async function offerVacancy(
  repo: AllocationRepository,
  input: In<'allocation', 'offerVacancy'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  const now = ctx.rt.now();
  const nowIso = now.toISOString();
  const unit = await repo.unit(input.unitId);
  if (!unit) throw new AppError('NOT_FOUND', '未找到该房源。');
  if (unit.status !== 'vacant') throw new AppError('STATE_INVALID', '该房源不是空置状态。');
  const previous = await repo.offersOfUnit(unit._id);
  const open = previous.find((o) => o.status === 'offered' && o.deadline >= nowIso);
  if (open) throw new AppError('STATE_INVALID', `该房源已向轮候家庭发出邀约，答复期限至 ${open.deadline}。`);
  const alreadyAsked = new Set(previous.map((o) => o.householdId));
  const busy = new Set(
    (await repo.offeredOffers()).filter((o) => o.deadline >= nowIso).map((o) => o.householdId),
  );
  const waiting = await repo.waitlistedHouseholds();
  const holding = await householdsHolding(
    repo,
    waiting.map((h) => h._id),
  );
  const ordered = orderWaitlist(
    waiting.map((h) => ({
      householdId: h._id,
      tier: priorityTier({ category: h.category, ...h.priority }, ctx.rt.policy),
      certificateDate: h.certificateDate,
      h,
    })),
  );
  const position = ordered.findIndex(
    (e) => !alreadyAsked.has(e.householdId) && !busy.has(e.householdId) && !holding.has(e.householdId),
  );
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
  // Written only once the next household is known: a refusal (nobody left to ask) changes nothing.
  await repo.runInTransaction(async (t) => {
    for (const o of previous.filter((p) => p.status === 'offered')) {
      await t.updateOffer(o._id, { status: 'expired' });
    }
    await t.setOffer(id, doc);
    await t.recordAudit({
      entityType: 'offer',
      entityId: unit._id,
      action: 'offered',
      actorUserId: ctx.caller.user?._id ?? '',
      at: nowIso,
      detail: `空置房源 ${unit.label} 按轮候顺序第 ${position + 1} 位邀约 ${chosen.h.headName}，答复期限 ${deadline}（${waitlistClause(ctx.rt.policy)}）`,
    });
  });
  const userId = await repo.userIdOfHousehold(chosen.householdId);
  if (userId) {
    await ctx.rt.messages.enqueue({
      toUserId: userId,
      template: 'vacancy_offer',
      title: '公租房配租邀约',
      body: `您有一套空置公租房（${unit.label}）的配租邀约，请在 ${beijingTime(deadline)} 前答复。`,
      dedupeKey: `offer:${id}`,
      fields: { unit: unit.label, deadline: beijingTime(deadline), note: '请在安居小程序中接受或放弃' },
      link: { page: 'rounds', id: null },
    });
  }
  return offerView(repo, { ...doc, _id: id }, ctx, nowIso);
}

export async function myOffers(repo: AllocationRepository, ctx: ServiceContext) {
  const id = ctx.caller.user?.householdId;
  if (!id) return [];
  const now = ctx.rt.now().toISOString();
  const offers = await repo.offersOfHousehold(id);
  return Promise.all(offers.map((o) => offerView(repo, o, ctx, now)));
}

/**
 * Accepting reserves the unit for the household in one transaction, which also claims the household's hold
 * (一户一套, `household-hold.ts`): a household holding a unit already is refused with what it holds.
 * Declining frees the unit for the next in line.
 */
export async function respondOffer(
  repo: AllocationRepository,
  input: In<'allocation', 'respondOffer'>,
  ctx: ServiceContext,
) {
  const household = await callerHousehold(repo, ctx);
  const now = ctx.rt.now().toISOString();
  const asked = found(await repo.offer(input.offerId), (o) => o.householdId === household._id);
  const projectName = (await repo.project(asked.projectId))?.name ?? '';
  if (input.accept && asked.status === 'offered') {
    await refuseIfHolding(repo, household._id, [asked._id], ctx);
  }
  await repo.runInTransaction(async (t) => {
    const offer = found(await t.offer(input.offerId), (o) => o.householdId === household._id);
    if (offer.status === (input.accept ? 'accepted' : 'declined')) return; // the same answer again
    if (offer.status !== 'offered') throw new AppError('STATE_INVALID', '该邀约已答复。');
    if (offer.deadline < now) throw new AppError('STATE_INVALID', '已超过答复期限，该邀约已失效。');
    if (input.accept) {
      const unit = await t.unit(offer.unitId);
      if (!unit || unit.status !== 'vacant') throw new AppError('CONFLICT', '该房源已不可配租。');
      await claimHold(t, household._id, heldUnit('offer', offer._id, unit, projectName), ctx);
      await t.updateUnit(offer.unitId, { status: 'reserved', reservedBy: offer._id });
    }
    await t.updateOffer(offer._id, { status: input.accept ? 'accepted' : 'declined', respondedAt: now });
    await t.recordAudit({
      entityType: 'offer',
      entityId: offer.unitId,
      action: input.accept ? 'offer_accepted' : 'offer_declined',
      actorUserId: ctx.caller.user?._id ?? '',
      at: now,
      detail: input.accept ? '接受空置房源配租邀约' : '放弃空置房源配租邀约，房源将邀约下一位轮候家庭',
    });
  });
  const offer = (await repo.offer(input.offerId)) as OfferDoc;
  return offerView(repo, offer, ctx, now);
}
