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
  values: DistrictSettingValues;
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
  const version = versionInForce(await policyVersions(db), day);
  return version ? applyDistrictSettings(preset, version.values) : preset;
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
