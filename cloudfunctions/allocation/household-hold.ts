import { AppError } from '@shared/errors';
import { checkOneUnit, oneUnitRefusal, type HeldUnit } from '@shared/rules/one-unit.rule';
import type { UnitDoc } from '../_runtime/documents';
import type { ServiceContext } from '../_runtime/handler';
import type { AllocationDocuments, AllocationRepository } from './allocation.repository';

/**
 * 一户一套 (`one-unit.rule.ts`) for the three steps that give a household a unit: selecting in a round,
 * accepting an offer of a vacated unit, and signing (which turns the selection into a lease).
 *
 * The guarantee is `claimHold`, inside each step's transaction: it reads the household's hold document
 * (`household_holds`, one per household) and writes it, so two steps for one household conflict on the
 * same document whatever rounds or offers they concern (CloudBase transactions read single documents
 * only; a query cannot be the check). `refuseIfHolding` runs before the transaction on the records
 * themselves (registrations, offers, leases): it names what the household holds from records kept before
 * the hold documents existed, and refuses early. `householdsHolding` is the same reading for the waitlist.
 */

function refuse(held: readonly HeldUnit[], ctx: ServiceContext): void {
  const decision = checkOneUnit(held, ctx.rt.policy);
  if (!decision.ok) throw new AppError('RULE_VIOLATION', oneUnitRefusal(decision.reasons));
}

/**
 * An accepted offer holds its unit while the unit is reserved for it: once the lease for it is recorded (the
 * unit is let, and the lease holds) or the office lifts the reservation, the offer no longer counts.
 */
const reservedFor = (unit: UnitDoc | null | undefined, offerId: string): boolean =>
  unit?.status === 'reserved' && unit.reservedBy === offerId;

/** Whether a hold's source still holds its unit, read in the transaction. */
async function stillHeld(t: AllocationDocuments, held: HeldUnit): Promise<boolean> {
  switch (held.kind) {
    case 'selection': {
      const reg = await t.registration(held.sourceId);
      return reg?.status === 'selected' && reg.unitId === held.unitId;
    }
    case 'offer': {
      if ((await t.offer(held.sourceId))?.status !== 'accepted') return false;
      return reservedFor(await t.unit(held.unitId), held.sourceId);
    }
    case 'lease':
      return (await t.lease(held.sourceId))?.status === 'active';
  }
}

/**
 * Inside the step's transaction, before its writes: refuses while the household holds another unit, else
 * records `taking` as what it holds. `replaces` is the source this step turns into `taking` (signing: the
 * registration whose selection becomes the lease). A retry of the same step finds its own hold. A hold
 * whose source has moved on (a lease ended) no longer counts, so nothing else has to release it.
 */
export async function claimHold(
  t: AllocationDocuments,
  householdId: string,
  taking: HeldUnit,
  ctx: ServiceContext,
  replaces?: string,
): Promise<void> {
  const current = await t.householdHold(householdId);
  if (
    current &&
    current.held.sourceId !== taking.sourceId &&
    current.held.sourceId !== replaces &&
    (await stillHeld(t, current.held))
  ) {
    refuse([current.held], ctx);
  }
  await t.setHouseholdHold(householdId, { held: taking, updatedAt: ctx.rt.now().toISOString() });
}

/** What the household holds according to its records, as the refusal names it. */
async function heldUnits(repo: AllocationRepository, householdId: string): Promise<HeldUnit[]> {
  const records = await repo.holdingRecordsOf([householdId]);
  const label = async (unitId: string) => (await repo.unit(unitId))?.label ?? unitId;
  const projectName = async (projectId: string) => (await repo.project(projectId))?.name ?? '';
  const out: HeldUnit[] = [];
  for (const r of records.selected) {
    if (!r.unitId) continue;
    out.push({
      kind: 'selection',
      sourceId: r._id,
      unitId: r.unitId,
      unitLabel: await label(r.unitId),
      place: (await repo.round(r.roundId))?.title ?? '',
    });
  }
  for (const o of records.accepted) {
    if (!reservedFor(await repo.unit(o.unitId), o._id)) continue;
    out.push({
      kind: 'offer',
      sourceId: o._id,
      unitId: o.unitId,
      unitLabel: await label(o.unitId),
      place: await projectName(o.projectId),
    });
  }
  for (const l of records.leases) {
    out.push({
      kind: 'lease',
      sourceId: l._id,
      unitId: l.unitId,
      unitLabel: await label(l.unitId),
      place: await projectName(l.projectId),
    });
  }
  return out;
}

/**
 * Before the transaction: refuses, naming each, when the household's records show it holding a unit other
 * than through `except` (the step's own source, or the one it turns into the new hold).
 */
export async function refuseIfHolding(
  repo: AllocationRepository,
  householdId: string,
  except: readonly string[],
  ctx: ServiceContext,
): Promise<void> {
  refuse(
    (await heldUnits(repo, householdId)).filter((h) => !except.includes(h.sourceId)),
    ctx,
  );
}

/** The households among `householdIds` that hold a unit (a vacated unit is not offered to them). */
export async function householdsHolding(
  repo: AllocationRepository,
  householdIds: string[],
): Promise<Set<string>> {
  const records = await repo.holdingRecordsOf(householdIds);
  const units = new Map(
    (await repo.unitsByIds(records.accepted.map((o) => o.unitId))).map((u) => [u._id, u]),
  );
  return new Set(
    [
      ...records.selected.filter((r) => r.unitId),
      ...records.accepted.filter((o) => reservedFor(units.get(o.unitId), o._id)),
      ...records.leases,
    ].map((r) => r.householdId),
  );
}

/** The unit and where it is, as a hold names it. */
export function heldUnit(
  kind: HeldUnit['kind'],
  sourceId: string,
  unit: { _id: string; label: string },
  place: string,
): HeldUnit {
  return { kind, sourceId, unitId: unit._id, unitLabel: unit.label, place };
}
