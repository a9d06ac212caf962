import { WUCHANG_PRESET } from '@shared/policy/presets/district.presets';
import { policyPresetSchema } from '@shared/policy/policy-preset';
import { applyDistrictSettings } from '@shared/rules/district-settings.rule';
import {
  exitCasePeriodsOf,
  messageSettingsOf,
  OPERATOR_CONSTANT_DEFAULTS,
  patrolSettingsOf,
  peopleSettings,
  retentionSourceIn,
  validateOperatorConstants,
} from '@shared/rules/operator-constants.rule';
import { MESSAGE_OPERATOR_DEFAULTS } from '@shared/rules/messages.rule';
import { PATROL_OPERATOR_DEFAULTS } from '@shared/rules/patrol.rule';
import { PEOPLE_OPERATOR_DEFAULTS } from '@shared/rules/people.rule';

/** The operator constants' accessors and checks (shared/rules/operator-constants.rule.ts). */
describe('operator constants rule', () => {
  it('a policy without them reads the module defaults', () => {
    expect(peopleSettings(WUCHANG_PRESET)).toEqual({ ...PEOPLE_OPERATOR_DEFAULTS });
    expect(patrolSettingsOf(WUCHANG_PRESET)).toEqual(PATROL_OPERATOR_DEFAULTS);
    expect(messageSettingsOf(WUCHANG_PRESET, { ...MESSAGE_OPERATOR_DEFAULTS })).toEqual(
      MESSAGE_OPERATOR_DEFAULTS,
    );
    expect(exitCasePeriodsOf(WUCHANG_PRESET)).toEqual({ respondDays: 15, moveOutDays: 30 });
    expect(retentionSourceIn(WUCHANG_PRESET)).toContain('5 年，区住房保障部门，示例值');
  });

  it('a policy with saved values reads them, and is still a valid preset', () => {
    const policy = applyDistrictSettings(WUCHANG_PRESET, {
      peopleLimits: { ...OPERATOR_CONSTANT_DEFAULTS.peopleLimits, exitedRetentionYears: 8 },
      patrolLimits: { ...OPERATOR_CONSTANT_DEFAULTS.patrolLimits, hazardSeriousHours: 96 },
      messageLimits: { ...OPERATOR_CONSTANT_DEFAULTS.messageLimits, alertAckMinutes: 30 },
      exitCasePeriods: { respondDays: 10, moveOutDays: 60 },
    });
    expect(policyPresetSchema.safeParse(policy).success).toBe(true);
    expect(peopleSettings(policy).exitedRetentionYears).toBe(8);
    expect(peopleSettings(policy).retentionBatch).toBe(PEOPLE_OPERATOR_DEFAULTS.retentionBatch);
    expect(patrolSettingsOf(policy).hazardDeadlineHours.serious).toBe(96);
    expect(messageSettingsOf(policy, { ...MESSAGE_OPERATOR_DEFAULTS, batchSize: 7 })).toMatchObject({
      alertAckMinutes: 30,
      batchSize: 7,
    });
    expect(exitCasePeriodsOf(policy)).toEqual({ respondDays: 10, moveOutDays: 60 });
    expect(retentionSourceIn(policy)).toContain('8 年，区住房保障部门；');
    // The preset itself is not changed.
    expect(WUCHANG_PRESET.operator).toBeUndefined();
  });

  it('checks each group: whole numbers in range, the default within the maximum, deadlines in order', () => {
    const D = OPERATOR_CONSTANT_DEFAULTS;
    expect(validateOperatorConstants(D)).toEqual({});
    expect(validateOperatorConstants({})).toEqual({});
    const bad = validateOperatorConstants({
      peopleLimits: { ...D.peopleLimits, invitationDefaultDays: 40, invitationMaxDays: 30 },
      patrolLimits: { ...D.patrolLimits, hazardSeriousHours: 10, hazardImmediateHours: 20 },
      messageLimits: { ...D.messageLimits, retryBaseSeconds: 5 },
      exitCasePeriods: { respondDays: 15, moveOutDays: 91 },
    });
    expect(bad.peopleLimits).toBe('邀请码默认有效期不能长于最长有效期。');
    expect(bad.patrolLimits).toContain('立即危险不长于严重隐患');
    expect(bad.messageLimits).toBe('发送失败后首次重发的等待时间应为 10 到 3600 秒的整数。');
    expect(bad.exitCasePeriods).toBe('决定收回后的腾退期限应为 7 到 90 天的整数。');
    expect(
      validateOperatorConstants({ exitCasePeriods: { respondDays: 15 } as never }).exitCasePeriods,
    ).toContain('腾退期限'); // a figure left out is at fault
  });
});
