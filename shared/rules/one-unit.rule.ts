import type { PolicyPreset } from '../policy/policy-preset';
import { cite } from '../policy/sources';
import { decide, reason, type Decision, type Reason } from './reason';

/**
 * 一户一套 (乌兰察布 第十二条: 每个申请人以家庭为单位在申请地只能申请一套公共租赁住房; elsewhere the district's
 * setting `eligibility.oneUnit`). Registration already refuses a household with a lease (eligibility.rule);
 * this rule holds at every step after it: at any moment a household holds at most one of
 *
 * - `selection`: a unit selected in a round, awaiting signature;
 * - `offer`: a vacated unit whose offer it accepted, while the unit is reserved for it;
 * - `lease`: an active lease.
 */
export const HELD_KINDS = ['selection', 'offer', 'lease'] as const;
export type HeldKind = (typeof HELD_KINDS)[number];

/** One unit a household holds, with what its refusal names. */
export interface HeldUnit {
  kind: HeldKind;
  /** The registration (selection), offer or lease that holds the unit. */
  sourceId: string;
  unitId: string;
  /** e.g. `3栋-502` */
  unitLabel: string;
  /** The round's title (selection) or the project's name (offer, lease). */
  place: string;
}

/** What the household holds, in words (no full stop: the clause follows). */
function heldText(h: HeldUnit): string {
  switch (h.kind) {
    case 'selection':
      return `您家庭已在“${h.place}”选定 ${h.unitLabel}，待签约`;
    case 'offer':
      return `您家庭已接受“${h.place}” ${h.unitLabel} 的配租邀约，该房源已为您保留`;
    case 'lease':
      return `您家庭正在承租“${h.place}” ${h.unitLabel}`;
  }
}

/**
 * May the household take another unit (select one, accept an offer, sign a lease)? `held` is everything it
 * holds apart from what the step itself turns into the new hold (signing turns the round's selection into
 * the lease; a retry of the same step holds its own unit already). One reason per unit held, each naming
 * it; the message ends before the clause, which `oneUnitRefusal` puts in its place.
 */
export function checkOneUnit(held: readonly HeldUnit[], policy: PolicyPreset): Decision<null> {
  const clause = cite(policy, 'eligibility.oneUnit');
  return decide(
    null,
    held.map((h) => reason('ONE_UNIT_HELD', clause, `${heldText(h)}；一户只能承租一套公租房`)),
  );
}

/**
 * The refusal as the household reads it, e.g. `您家庭已在“和谐新城 2026 年第四批公租房配租”选定 3栋-502，待签约；
 * 一户只能承租一套公租房（乌兰察布办法 第十二条）。`
 */
export function oneUnitRefusal(reasons: readonly Reason[]): string {
  return reasons.map((r) => `${r.message}（${r.clause}）。`).join('');
}
