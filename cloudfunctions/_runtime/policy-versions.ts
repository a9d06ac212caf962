import { COLLECTIONS } from '@shared/collections';
import type { PolicyPreset } from '@shared/policy/policy-preset';
import {
  applyDistrictSettings,
  versionInForce,
  type DistrictSettingValues,
} from '@shared/rules/district-settings.rule';
import type { DatabasePort } from './db';
import type { AuditDoc } from './documents';
import { fetchAll } from './fetch-all';

/**
 * A saved version of the district's own values (the settings page): in force from `effectiveFrom` (the
 * first day of a month) until a later version's. Never changed once saved: a change is a new version.
 */
export interface PolicyVersionDoc {
  _id: string;
  effectiveFrom: string;
  /**
   * The values saved. A version saved before a field was settable (the operator settings came later) lacks
   * it: the preset's value stays in force for that field.
   */
  values: Partial<DistrictSettingValues>;
  savedBy: string;
  savedByName: string;
  savedAt: string;
  /** Chinese names of the values that differ from the version before it (the audit's "what changed"). */
  changed: string[];
  note: string;
}

/**
 * Every saved version (a district saves a handful a year; FETCH_ALL_MAX_DOCS bounds the read), oldest
 * first.
 */
export async function policyVersions(db: DatabasePort): Promise<PolicyVersionDoc[]> {
  return fetchAll<PolicyVersionDoc>(
    db,
    COLLECTIONS.policyVersions,
    {},
    { orderBy: ['effectiveFrom', 'asc'] },
  );
}

/**
 * The policy in force on `day` (China's date): the preset with the version effective that day on top, or
 * the preset alone (its examples still marked) when no version is in force yet.
 */
export async function policyOn(db: DatabasePort, preset: PolicyPreset, day: string): Promise<PolicyPreset> {
  // Given a policy already in force (`rt.policy` inside a call, see `policyInForce`), start from its preset,
  // so a day with no version in force gets the preset's examples, not today's values.
  const base = PRESET_OF.get(preset) ?? preset;
  const version = versionInForce(await policyVersions(db), day);
  return version ? applyDistrictSettings(base, version.values) : base;
}

/** The preset each policy made by `policyInForce` was built from. */
const PRESET_OF = new WeakMap<PolicyPreset, PolicyPreset>();

/**
 * The policy in force on `day` for a whole call: the handler puts it in `rt.policy` for every action, timer
 * and HTTP request (handler.ts), so every rule a service calls with `rt.policy` reads the district's saved
 * values — the operator settings (repair deadlines, selection window, care escalation, …) as well as the
 * money values. `policyOn` given this policy starts again from the preset (for another day's version).
 */
export async function policyInForce(
  db: DatabasePort,
  preset: PolicyPreset,
  day: string,
): Promise<PolicyPreset> {
  const base = PRESET_OF.get(preset) ?? preset;
  const policy = await policyOn(db, base, day);
  if (policy !== base) PRESET_OF.set(policy, base);
  return policy;
}

/** The preset a policy in force was built from (the policy itself when it is a preset). */
export function presetOf(policy: PolicyPreset): PolicyPreset {
  return PRESET_OF.get(policy) ?? policy;
}

/** Saves a new version and its audit entry together (a retried save with the same id writes nothing new). */
export async function savePolicyVersion(
  db: DatabasePort,
  doc: PolicyVersionDoc,
  audit: Omit<AuditDoc, '_id'>,
): Promise<'saved' | 'existing'> {
  return db.runTransaction(async (tx) => {
    const existing = await tx.collection(COLLECTIONS.policyVersions).doc(doc._id).get();
    if (existing.data) return 'existing';
    const { _id, ...fields } = doc;
    await tx.collection(COLLECTIONS.policyVersions).doc(_id).set(fields);
    await tx.collection(COLLECTIONS.auditLog).add(audit);
    return 'saved';
  });
}
