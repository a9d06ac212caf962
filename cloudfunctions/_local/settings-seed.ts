import type { PolicyPreset } from '@shared/policy/policy-preset';
import { currentSettings } from '@shared/rules/district-settings.rule';
import type { DatabasePort } from '../_runtime/db';
import { COLLECTIONS } from '@shared/collections';
import { policyVersions, type PolicyVersionDoc } from '../_runtime/policy-versions';

/** The id of the local host's saved settings (so a restart does not add another). */
export const LOCAL_SETTINGS_VERSION_ID = 'policy-local-demo';

/**
 * Locally only (the demo district and the tests' hosts): a saved settings version holding the preset's
 * figures as the district's own, in force from 2000-01-01, so the demo bills. A deployed district has none
 * until the office saves its values on the settings page, and until then its bills, rent quotes and subsidy
 * payouts refuse (shared/rules/district-settings.rule.ts). Written only when no version exists.
 */
export async function seedLocalSettings(db: DatabasePort, policy: PolicyPreset, at: Date): Promise<void> {
  if ((await policyVersions(db)).length > 0) return;
  // Not audited: no one decided it; the office's own saves are (savePolicyVersion).
  const doc: Omit<PolicyVersionDoc, '_id'> = {
    effectiveFrom: '2000-01-01',
    values: currentSettings(policy).values,
    savedBy: '',
    savedByName: '本地演示',
    savedAt: at.toISOString(),
    changed: [],
    note: '本地演示数据：沿用政策预设的示例数值',
  };
  await db.collection(COLLECTIONS.policyVersions).doc(LOCAL_SETTINGS_VERSION_ID).set(doc);
}
