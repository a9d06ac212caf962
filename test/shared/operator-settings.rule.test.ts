import { PRESETS } from '@shared/policy/presets/district.presets';
import { resolvePolicy } from '@shared/policy/policy-preset';
import { SETTING_FIELDS } from '@shared/policy/sources';
import {
  DISTRICT_SETTING_FIELDS,
  DISTRICT_SETTING_KEYS,
  applyDistrictSettings,
  currentSettings,
  validateDistrictSettings,
} from '@shared/rules/district-settings.rule';
import { validateOperatorSettings } from '@shared/rules/operator-settings.rule';

/** The operator settings (shared/rules/operator-settings.rule.ts) as the settings page and the service check them. */
describe('operator settings rule', () => {
  it('every matter no text decides (SETTING_FIELDS) is a field of the settings page, marked operator', () => {
    const paths = DISTRICT_SETTING_KEYS.map((k) => DISTRICT_SETTING_FIELDS[k].path);
    for (const path of Object.values(SETTING_FIELDS)) expect(paths).toContain(path);
    for (const k of DISTRICT_SETTING_KEYS)
      expect(DISTRICT_SETTING_FIELDS[k].operator).toBe(
        (Object.values(SETTING_FIELDS) as string[]).includes(DISTRICT_SETTING_FIELDS[k].path) ||
          // The operator constants (operator-constants.rule.ts) are 运营方设定 too.
          DISTRICT_SETTING_FIELDS[k].path.startsWith('operator.'),
      );
  });

  it.each(Object.keys(PRESETS))(
    '%s: the preset’s own values pass, and applied they still make a valid policy',
    (id) => {
      const preset = PRESETS[id as keyof typeof PRESETS];
      const { values } = currentSettings(preset);
      expect(validateOperatorSettings(values)).toEqual({});
      expect(validateDistrictSettings({ effectiveFrom: '2026-12-01', values }, preset, '2026-11-22').ok).toBe(
        true,
      );
      expect(() => resolvePolicy(applyDistrictSettings(preset, values))).not.toThrow();
    },
  );

  it('refuses each bad value with its own message; an absent field is not checked', () => {
    expect(validateOperatorSettings({})).toEqual({});
    const fields = validateOperatorSettings({
      priorityOrder: ['dibao_tekun', 'dibao_tekun'] as never,
      waiverLeavesRound: 'yes' as never,
      renewalOpensMonthsBefore: 0,
      careRegistry: { conditions: [], ageAppliesTo: [] },
      repairCategoryDays: { water: 1 } as never,
    });
    expect(Object.keys(fields).sort()).toEqual(
      [
        'careRegistry',
        'priorityOrder',
        'renewalOpensMonthsBefore',
        'repairCategoryDays',
        'waiverLeavesRound',
      ].sort(),
    );
    expect(fields.repairCategoryDays).toContain('电路');
    expect(validateOperatorSettings({ renewalOpensMonthsBefore: null })).toEqual({});
  });
});
