import { z } from 'zod';
import { CARE_CONDITIONS, SEASONAL_PATROL_IDS } from '../policy/settings';
import { REPAIR_CATEGORIES } from '../rules/repair-deadline.rule';
import {
  OPERATOR_CONSTANT_FIELDS,
  type OperatorConstantField,
  type OperatorConstantValues,
} from '../rules/operator-constants.rule';
import { action } from './common';

/**
 * The district's own values (settings page; shared/rules/district-settings.rule.ts). The input's bounds are
 * wide on purpose: a figure out of the district's range gets the rule's Chinese message for its field,
 * while the largest call stays far under CloudBase's 100 KB.
 */
const figure = z.number().min(-1e9).max(1e9);
const rentTierInput = z
  .object({
    maxMonthlyIncomePerPersonFen: figure.nullable(),
    shareOfMarket: figure,
    label: z.string().max(40),
  })
  .strict();

/** One group of operator constants: each of its figures (the rule checks the ranges, in Chinese). */
const constantGroup = <F extends OperatorConstantField>(field: F) =>
  z
    .object(
      Object.fromEntries(
        Object.keys(OPERATOR_CONSTANT_FIELDS[field].figures).map((k) => [k, figure]),
      ) as Record<keyof OperatorConstantValues[F] & string, typeof figure>,
    )
    .strict()
    .optional();

export const districtSettingValuesSchema = z
  .object({
    monthlyIncomeLinePerPersonFen: figure,
    marketRentPerM2Fen: figure,
    // Twice the rule's own limit (SETTING_LIMITS.maxTiers = 8), so one over it gets the rule's reason.
    rentTiers: z.array(rentTierInput).max(16),
    specialGroupReductionRatio: figure,
    dueDay: figure,
    reminderDaysBefore: figure,
    firstMonthRent: z.string().max(20),
    subsidyStandardPerM2Fen: figure,
    arrearsCounting: z.string().max(20),
    // Operator settings (运营方设定; shared/rules/operator-settings.rule.ts). Optional: a save without one
    // keeps the value in force for it (the version before, or the preset's example).
    priorityOrder: z.array(z.string().max(30)).max(16).optional(),
    objectionEffect: z.string().max(20).optional(),
    selectionWindowMinutes: figure.optional(),
    waiverLeavesRound: z.boolean().optional(),
    renewalOpensMonthsBefore: figure.nullable().optional(),
    repairEmergencyHours: figure.optional(),
    repairCategoryDays: z
      .object(
        Object.fromEntries(REPAIR_CATEGORIES.map((c) => [c, figure])) as Record<
          (typeof REPAIR_CATEGORIES)[number],
          typeof figure
        >,
      )
      .strict()
      .optional(),
    repairReopenWithinDays: figure.optional(),
    careRegistry: z
      .object({
        conditions: z.array(z.string().max(30)).max(CARE_CONDITIONS.length * 2),
        ageAppliesTo: z.array(z.string().max(30)).max(CARE_CONDITIONS.length * 2),
      })
      .strict()
      .optional(),
    careEscalationHours: figure.optional(),
    seasonalMonths: z
      .object(
        Object.fromEntries(SEASONAL_PATROL_IDS.map((id) => [id, z.array(figure).max(24)])) as Record<
          (typeof SEASONAL_PATROL_IDS)[number],
          z.ZodArray<typeof figure>
        >,
      )
      .strict()
      .optional(),
    // Operator constants (运营方设定; shared/rules/operator-constants.rule.ts), optional like the above.
    peopleLimits: constantGroup('peopleLimits'),
    patrolLimits: constantGroup('patrolLimits'),
    messageLimits: constantGroup('messageLimits'),
    exitCasePeriods: constantGroup('exitCasePeriods'),
  })
  .strict();

export const saveDistrictSettingsInput = z
  .object({
    /** Chosen by the page once per form: a retried save with the same key saves one version. */
    requestKey: z.string().min(8).max(64),
    effectiveFrom: z.string().max(10),
    values: districtSettingValuesSchema,
    note: z.string().trim().max(100),
  })
  .strict();

const settingsView = z.object({
  effectiveFrom: z.string(),
  values: z.record(z.string(), z.unknown()),
  savedByName: z.string(),
  savedAt: z.string(),
  changed: z.array(z.string()),
  note: z.string(),
});

export const districtSettingsResult = z.object({
  /** The district (preset) name. */
  district: z.string(),
  today: z.string(),
  /** The values in force today (the preset's examples where no version is in force). */
  current: z.record(z.string(), z.unknown()),
  /** Fields (by key) still examples today. */
  examples: z.array(z.string()),
  /** Chinese names of the example values, and the money decisions they hold back today. */
  toSet: z.array(z.string()),
  refusals: z.array(z.string()),
  /** Who decides each field (Chinese). */
  decidedBy: z.record(z.string(), z.string()),
  /** Every saved version, newest first. */
  versions: z.array(settingsView),
});
export type DistrictSettingsResult = z.infer<typeof districtSettingsResult>;

export const districtSettingsActions = {
  /** Housing office: the district's own values in force, still-example values and saved versions. */
  districtSettings: action(z.object({}).strict(), districtSettingsResult),
  /** Housing office: saves a new version of the district's values from its effective month. */
  saveDistrictSettings: action(
    saveDistrictSettingsInput,
    z.object({ effectiveFrom: z.string(), saved: z.boolean(), changed: z.array(z.string()) }),
  ),
};
