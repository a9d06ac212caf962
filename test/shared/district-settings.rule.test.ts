import { policyPresetSchema } from '@shared/policy/policy-preset';
import { ULANQAB_PRESET, WUCHANG_PRESET } from '@shared/policy/presets/district.presets';
import { cite, restsOnExample } from '@shared/policy/sources';
import {
  DISTRICT_SETTING_FIELDS,
  DISTRICT_SETTING_KEYS,
  applyDistrictSettings,
  currentSettings,
  examplesBlocking,
  moneyRefusal,
  validateDistrictSettings,
  versionInForce,
} from '@shared/rules/district-settings.rule';

/** The pure part of the district's own values (shared/rules/district-settings.rule.ts). */
describe('district settings rule', () => {
  const values = currentSettings(WUCHANG_PRESET).values;

  it('every settable field is a value the presets mark as an example (示例值)', () => {
    for (const preset of [WUCHANG_PRESET, ULANQAB_PRESET]) {
      const { examples } = currentSettings(preset);
      for (const key of DISTRICT_SETTING_KEYS) {
        const path = DISTRICT_SETTING_FIELDS[key].path.split('.');
        // The operator constants (`operator.*`) are absent from the presets: their defaults are examples.
        const local = (path.reduce<unknown>(
          (n, p) => (n as Record<string, unknown> | undefined)?.[p],
          preset,
        ) as { example: boolean } | undefined) ?? { example: path[0] === 'operator' };
        expect(examples.includes(key)).toBe(local.example);
      }
    }
    expect(examplesBlocking(WUCHANG_PRESET, 'subsidy')).toEqual(['租赁补贴标准（每平方米）']);
    expect(moneyRefusal(WUCHANG_PRESET, 'billing')).toContain('每月缴租日');
  });

  it('applying the district values ends the examples they carry, in the values and in the citations', () => {
    expect(restsOnExample(WUCHANG_PRESET, 'rent.tiers')).toBe(true);
    const applied = applyDistrictSettings(WUCHANG_PRESET, { ...values, dueDay: 8 });
    expect(policyPresetSchema.safeParse(applied).success).toBe(true);
    expect(applied.billing.dueDay).toEqual({ value: 8, example: false, decidedBy: '租赁合同约定' });
    expect(restsOnExample(applied, 'rent.tiers')).toBe(false);
    expect(cite(applied, 'rent.tiers')).not.toContain('示例值');
    for (const use of ['billing', 'rentQuote', 'subsidy'] as const)
      expect(moneyRefusal(applied, use)).toBeNull();
    // The preset itself is untouched.
    expect(WUCHANG_PRESET.billing.dueDay.example).toBe(true);
    // The operator settings are set with them; a version saved before they were settable lacks them, and
    // the preset's example stays.
    expect(applied.patrol.careEscalationHours.example).toBe(false);
    const { careEscalationHours: _unset, ...older } = values;
    expect(applyDistrictSettings(WUCHANG_PRESET, older).patrol.careEscalationHours.example).toBe(true);
  });

  it('the version in force on a day is the latest effective on or before it', () => {
    const v = (effectiveFrom: string, savedAt: string) => ({ effectiveFrom, savedAt });
    const versions = [v('2026-11-01', 'b'), v('2027-01-01', 'c'), v('2026-11-01', 'd'), v('2026-09-01', 'a')];
    expect(versionInForce(versions, '2026-08-31')).toBeNull();
    expect(versionInForce(versions, '2026-10-15')).toEqual(v('2026-09-01', 'a'));
    expect(versionInForce(versions, '2026-12-01')).toEqual(v('2026-11-01', 'd'));
    expect(versionInForce(versions, '2027-01-01')).toEqual(v('2027-01-01', 'c'));
  });

  it('checks each field and names the ones that are wrong', () => {
    const ok = validateDistrictSettings(
      { effectiveFrom: '2026-12-01', values },
      WUCHANG_PRESET,
      '2026-11-22',
    );
    expect(ok.ok).toBe(true);
    const bad = validateDistrictSettings(
      {
        effectiveFrom: '2026-12-15',
        values: {
          ...values,
          marketRentPerM2Fen: 0,
          specialGroupReductionRatio: 1.5,
          reminderDaysBefore: 2.5,
          rentTiers: [{ maxMonthlyIncomePerPersonFen: 800_00, shareOfMarket: 0.3, label: '唯一档' }],
        },
      },
      WUCHANG_PRESET,
      '2026-11-22',
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(Object.keys(bad.fields).sort()).toEqual(
      [
        'effectiveFrom',
        'marketRentPerM2Fen',
        'reminderDaysBefore',
        'rentTiers',
        'specialGroupReductionRatio',
      ].sort(),
    );
    expect(bad.fields.rentTiers).toBe('最后一档应不设收入上限（涵盖其余保障对象）。');
    const past = validateDistrictSettings({ effectiveFrom: '2026-10-01', values }, null, '2026-11-22');
    expect(past).toEqual({ ok: false, fields: { effectiveFrom: expect.stringContaining('2026-11-01') } });
  });
});
