import type { DistrictSettingsResult } from '@shared/contracts';
import { AppError } from '@shared/errors';
import { chinaDate } from '@shared/rules/dates';
import {
  applyDistrictSettings,
  DISTRICT_SETTING_FIELDS,
  DISTRICT_SETTING_KEYS,
  changedFields,
  currentSettings,
  examplesToSet,
  localValueAt,
  moneyRefusal,
  validateDistrictSettings,
  versionInForce,
  type DistrictSettingValues,
  type MoneyUse,
} from '@shared/rules/district-settings.rule';
import { requireRole } from '../_runtime/access';
import { presetOf } from '../_runtime/policy-versions';
import type { In, ServiceContext } from '../_runtime/handler';
import type { AccountRepository } from './account.repository';

/**
 * The district's own values (issue #16 "District settings before real money"): the office sees which of
 * them are still the module's examples, and saves a version effective from a month's first day.
 */
export async function getDistrictSettings(
  repo: AccountRepository,
  ctx: ServiceContext,
): Promise<DistrictSettingsResult> {
  requireRole(ctx, 'admin');
  const today = chinaDate(ctx.rt.now().getTime());
  const [versions, policy] = await Promise.all([repo.policyVersions(), repo.policyOn(ctx.rt.policy, today)]);
  const { values, examples } = currentSettings(policy);
  const uses: MoneyUse[] = ['billing', 'rentQuote', 'subsidy'];
  return {
    district: ctx.rt.policy.name,
    today,
    current: values as unknown as Record<string, unknown>,
    examples,
    toSet: examplesToSet(policy),
    refusals: uses.map((u) => moneyRefusal(policy, u)).filter((m): m is string => m !== null),
    decidedBy: Object.fromEntries(
      DISTRICT_SETTING_KEYS.map((k) => [
        k,
        localValueAt(ctx.rt.policy, DISTRICT_SETTING_FIELDS[k].path).decidedBy,
      ]),
    ),
    versions: [...versions]
      .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.savedAt.localeCompare(a.savedAt))
      .map((v) => ({
        effectiveFrom: v.effectiveFrom,
        values: v.values as unknown as Record<string, unknown>,
        savedByName: v.savedByName,
        savedAt: v.savedAt,
        changed: v.changed,
        note: v.note,
      })),
  };
}

/**
 * Saves a new version after the rule's checks (nothing is written when any fails: per-field Chinese
 * messages), with who, when and what changed against the version it follows, audited in the same
 * transaction. A retried save (same `requestKey`) saves nothing more.
 */
export async function saveDistrictSettings(
  repo: AccountRepository,
  input: In<'account', 'saveDistrictSettings'>,
  ctx: ServiceContext,
): Promise<{ effectiveFrom: string; saved: boolean; changed: string[] }> {
  requireRole(ctx, 'admin');
  const { rt, caller } = ctx;
  const now = rt.now();
  const today = chinaDate(now.getTime());
  const preset = presetOf(rt.policy);
  // The values that would otherwise be in force from that month: a field the save leaves out (an operator
  // setting the caller did not send) keeps that value.
  const before = /^\d{4}-\d{2}-\d{2}$/.test(input.effectiveFrom)
    ? versionInForce(await repo.policyVersions(), input.effectiveFrom)
    : null;
  const inForce = currentSettings(before ? applyDistrictSettings(preset, before.values) : preset).values;
  const sent = Object.fromEntries(Object.entries(input.values).filter(([, v]) => v !== undefined));
  const checked = validateDistrictSettings(
    { effectiveFrom: input.effectiveFrom, values: { ...inForce, ...sent } as DistrictSettingValues },
    preset,
    today,
  );
  if (!checked.ok)
    throw new AppError('INVALID_INPUT', Object.values(checked.fields).join(''), checked.fields);
  const { effectiveFrom } = checked.value;
  // Stored: the fields sent and those the version before had decided; a field neither decided stays the
  // preset's example (not marked as the district's decision by a save that did not name it).
  const values = Object.fromEntries(
    DISTRICT_SETTING_KEYS.filter((k) => k in sent || (before && before.values[k] !== undefined)).map((k) => [
      k,
      checked.value.values[k],
    ]),
  ) as Partial<DistrictSettingValues>;
  const changed = changedFields(inForce, checked.value.values);
  const result = await repo.savePolicyVersion(
    {
      _id: `policy-${input.requestKey}`,
      effectiveFrom,
      values,
      savedBy: caller.user?._id ?? '',
      savedByName: caller.user?.name ?? '',
      savedAt: now.toISOString(),
      changed,
      note: input.note,
    },
    {
      entityType: 'policy_version',
      entityId: `policy-${input.requestKey}`,
      action: 'create',
      actorUserId: caller.user?._id ?? '',
      at: now.toISOString(),
      detail: `设定辖区政策数值，自 ${effectiveFrom} 起生效：${changed.length > 0 ? changed.join('、') : '数值未变'}${input.note ? `（${input.note}）` : ''}`,
    },
  );
  rt.log.log('info', 'district settings saved', { effectiveFrom, changed: changed.length, result });
  return { effectiveFrom, saved: result === 'saved', changed };
}
