import {
  policyPresetSchema,
  type LocalValue,
  type PolicyPreset,
  type RentTier,
} from '../policy/policy-preset';
import { ARREARS_COUNTING, type ArrearsCounting } from '../policy/settings';
import { SETTING_FIELDS, type LawKey } from '../policy/sources';
import { isIsoDate } from './dates';
import {
  OPERATOR_SETTING_FIELDS,
  validateOperatorSettings,
  type OperatorSettingValues,
  type SettingGroup,
} from './operator-settings.rule';
import {
  OPERATOR_CONSTANT_DECIDED_BY,
  OPERATOR_CONSTANT_DEFAULTS,
  OPERATOR_CONSTANT_FIELDS,
  operatorConstantOfPath,
  validateOperatorConstants,
  type OperatorConstantField,
  type OperatorConstantValues,
} from './operator-constants.rule';

/**
 * The district's own values, set by the housing office on the settings page (issue #16 "District settings
 * before real money"). Each replaces a `LocalValue` of the preset that is marked as an example (示例值); a
 * saved set is a version with the first day of the month it is in force from, and the version in force on a
 * day is the latest one effective on or before it (`versionInForce`).
 */
export interface DistrictSettingValues extends OperatorSettingValues, OperatorConstantValues {
  /** 申请收入标准: monthly income per person, fen. */
  monthlyIncomeLinePerPersonFen: number;
  /** 同地段市场租金: fen per m² per month. */
  marketRentPerM2Fen: number;
  /** 租金分档 by monthly income per person (the last tier unbounded). */
  rentTiers: RentTier[];
  /** 特殊困难群体租金减免比例 (0–1). */
  specialGroupReductionRatio: number;
  /** 每月缴租日 (1–28). */
  dueDay: number;
  /** 缴租提醒提前天数 (0–20). */
  reminderDaysBefore: number;
  /** 起租当月租金. */
  firstMonthRent: 'calendar-days' | 'full-month';
  /** 租赁补贴标准: fen per m² per month. */
  subsidyStandardPerM2Fen: number;
  /** 欠租月数的计算方法. */
  arrearsCounting: ArrearsCounting;
}
export type DistrictSettingField = keyof DistrictSettingValues;

/** What the page shows of a field besides its value. */
export interface SettingFieldInfo {
  /** The preset path it sets. */
  path: string;
  /** Its Chinese name. */
  label: string;
  /** The law keys whose citation rests on it. */
  sources: readonly LawKey[];
  /** Its group on the page. */
  group: SettingGroup;
  /** Its unit (Chinese), '' for a choice. */
  unit: string;
  /** True for a matter no policy text decides (`SETTING_FIELDS`): shown as 运营方设定. */
  operator: boolean;
}

const OPERATOR_PATHS = [
  ...(Object.values(SETTING_FIELDS) as string[]),
  ...Object.values(OPERATOR_CONSTANT_FIELDS).map((f) => f.path),
];

/** Page groups of the operator constants (operator-constants.rule.ts), one each. */
const CONSTANT_GROUPS: Record<OperatorConstantField, SettingGroup> = {
  peopleLimits: 'peopleOps',
  patrolLimits: 'patrolOps',
  messageLimits: 'messageOps',
  exitCasePeriods: 'exitOps',
};

const MONEY_FIELDS: Record<
  Exclude<DistrictSettingField, keyof OperatorSettingValues | OperatorConstantField>,
  { path: string; label: string; sources: readonly LawKey[]; group: SettingGroup; unit: string }
> = {
  monthlyIncomeLinePerPersonFen: {
    path: 'eligibility.monthlyIncomeLinePerPersonFen',
    label: '申请收入标准（人均月收入）',
    sources: ['eligibility.income'],
    group: 'money',
    unit: '元/人·月',
  },
  marketRentPerM2Fen: {
    path: 'rent.marketRentPerM2Fen',
    label: '同地段市场租金（每平方米）',
    sources: ['rent.belowMarket'],
    group: 'money',
    unit: '元/平方米·月',
  },
  rentTiers: { path: 'rent.tiers', label: '租金分档', sources: ['rent.tiers'], group: 'money', unit: '' },
  specialGroupReductionRatio: {
    path: 'rent.specialGroupReductionRatio',
    label: '特殊困难群体租金减免比例',
    sources: ['rent.specialReduction'],
    group: 'money',
    unit: '%',
  },
  dueDay: { path: 'billing.dueDay', label: '每月缴租日', sources: [], group: 'billing', unit: '日' },
  reminderDaysBefore: {
    path: 'billing.reminderDaysBefore',
    label: '缴租提醒提前天数',
    sources: [],
    group: 'billing',
    unit: '天',
  },
  firstMonthRent: {
    path: 'billing.firstMonthRent',
    label: '起租当月租金',
    sources: [],
    group: 'billing',
    unit: '',
  },
  subsidyStandardPerM2Fen: {
    path: 'subsidy.standardPerM2Fen',
    label: '租赁补贴标准（每平方米）',
    sources: ['subsidy.formula'],
    group: 'subsidy',
    unit: '元/平方米·月',
  },
  arrearsCounting: {
    path: 'exit.arrearsCounting',
    label: '欠租月数的计算方法',
    sources: [],
    group: 'billing',
    unit: '',
  },
};

/**
 * Each field: the preset path it sets, its Chinese name, the law keys whose citation rests on it, its group
 * and unit, and whether it is an operator setting (运营方设定).
 */
export const DISTRICT_SETTING_FIELDS: Record<DistrictSettingField, SettingFieldInfo> = Object.fromEntries(
  [
    ...Object.entries(MONEY_FIELDS),
    ...Object.entries(OPERATOR_SETTING_FIELDS).map(([k, f]) => [k, { ...f, sources: [] }] as const),
    ...Object.entries(OPERATOR_CONSTANT_FIELDS).map(
      ([k, f]) =>
        [
          k,
          {
            path: f.path,
            label: f.label,
            sources: [],
            group: CONSTANT_GROUPS[k as OperatorConstantField],
            unit: '',
          },
        ] as const,
    ),
  ].map(([k, f]) => [k, { ...f, operator: OPERATOR_PATHS.includes(f.path) }]),
) as Record<DistrictSettingField, SettingFieldInfo>;
export const DISTRICT_SETTING_KEYS = Object.keys(DISTRICT_SETTING_FIELDS) as DistrictSettingField[];

/** What each money decision rests on: while one of these is an example, that decision refuses. */
export const MONEY_USES = {
  billing: {
    what: '月度账单',
    fields: ['rentTiers', 'specialGroupReductionRatio', 'dueDay', 'firstMonthRent'],
  },
  rentQuote: { what: '租金测算', fields: ['rentTiers', 'specialGroupReductionRatio'] },
  subsidy: { what: '租赁补贴发放', fields: ['subsidyStandardPerM2Fen'] },
} as const satisfies Record<string, { what: string; fields: readonly DistrictSettingField[] }>;
export type MoneyUse = keyof typeof MONEY_USES;

/** Bounds of the page's figures (a district's real figures sit far inside them). */
export const SETTING_LIMITS = {
  maxIncomeLineFen: 100_000_00,
  maxRentPerM2Fen: 1_000_00,
  maxSubsidyPerM2Fen: 1_000_00,
  maxTiers: 8,
  maxTierLabel: 20,
} as const;

/**
 * The `LocalValue` at a field's path. An operator constant absent from the policy (no version has set it)
 * is the module's default, still an example.
 */
export function localValueAt(policy: PolicyPreset, path: string): LocalValue<unknown> {
  let node: unknown = policy;
  for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  const constant = operatorConstantOfPath(path);
  if (constant) {
    const saved = node as LocalValue<Record<string, number>> | undefined;
    return {
      value: { ...OPERATOR_CONSTANT_DEFAULTS[constant], ...(saved?.value ?? {}) },
      example: saved?.example ?? true,
      decidedBy: saved?.decidedBy ?? OPERATOR_CONSTANT_DECIDED_BY,
    };
  }
  return node as LocalValue<unknown>;
}
const localAt = localValueAt;

/** The current values of the settable fields in a policy, and which are still examples. */
export function currentSettings(policy: PolicyPreset): {
  values: DistrictSettingValues;
  examples: DistrictSettingField[];
} {
  const values = {} as Record<DistrictSettingField, unknown>;
  const examples: DistrictSettingField[] = [];
  for (const key of DISTRICT_SETTING_KEYS) {
    const local = localAt(policy, DISTRICT_SETTING_FIELDS[key].path);
    values[key] = local.value;
    if (local.example) examples.push(key);
  }
  return { values: values as unknown as DistrictSettingValues, examples };
}

/** The Chinese names of the example values a money decision rests on (empty: it may go ahead). */
export function examplesBlocking(policy: PolicyPreset, use: MoneyUse): string[] {
  const { examples } = currentSettings(policy);
  return (MONEY_USES[use].fields as readonly DistrictSettingField[])
    .filter((f) => examples.includes(f))
    .map((f) => DISTRICT_SETTING_FIELDS[f].label);
}

/** Every settable value still an example (the admin home's list). */
export function examplesToSet(policy: PolicyPreset): string[] {
  return currentSettings(policy).examples.map((f) => DISTRICT_SETTING_FIELDS[f].label);
}

/** The refusal naming the values to set, or null when `use` may go ahead. */
export function moneyRefusal(policy: PolicyPreset, use: MoneyUse): string | null {
  const labels = examplesBlocking(policy, use);
  if (labels.length === 0) return null;
  return `${MONEY_USES[use].what}所依据的以下数值仍是示例值，不能用于实际收费或发放，请先在“辖区政策设定”中设定：${labels.join('、')}。`;
}

/**
 * The preset with the district's values in place of its examples: each set field becomes the district's
 * decision (`example: false`, same `decidedBy`), and a law key the district sets (a `setting` source) stops
 * being an example with it.
 */
export function applyDistrictSettings(
  policy: PolicyPreset,
  values: Partial<DistrictSettingValues>,
): PolicyPreset {
  // A JSON copy: presets are plain data, and `structuredClone` is missing on older Node runtimes and in the
  // mini-program's JavaScript engine.
  const out = JSON.parse(JSON.stringify(policy)) as PolicyPreset;
  for (const key of DISTRICT_SETTING_KEYS) {
    // A version saved before a field was settable lacks it: the preset's value stays (still an example).
    if (values[key] === undefined) continue;
    const { path, sources } = DISTRICT_SETTING_FIELDS[key];
    const parts = path.split('.');
    // An operator constant's section (`operator`) is absent from the presets: made on first use.
    const parent = parts
      .slice(0, -1)
      .reduce<Record<string, unknown>>(
        (node, part) => (node[part] ??= {}) as Record<string, unknown>,
        out as unknown as Record<string, unknown>,
      );
    const last = parts[parts.length - 1] as string;
    const was = (parent[last] as LocalValue<unknown> | undefined) ?? localAt(policy, path);
    parent[last] = {
      value: JSON.parse(JSON.stringify(values[key])) as unknown,
      example: false,
      decidedBy: was.decidedBy,
    };
    for (const lawKey of sources) {
      const source = out.sources[lawKey];
      if (source.kind === 'setting') out.sources[lawKey] = { ...source, example: false };
    }
  }
  return out;
}

/** A saved version, as far as choosing one is concerned. */
export interface VersionLike {
  effectiveFrom: string;
  savedAt: string;
}

/**
 * The version in force on `day`: the latest effective on or before it (of two with the same date, the one
 * saved last); null when none is.
 */
export function versionInForce<V extends VersionLike>(versions: readonly V[], day: string): V | null {
  let best: V | null = null;
  for (const v of versions) {
    if (v.effectiveFrom > day) continue;
    if (
      !best ||
      v.effectiveFrom > best.effectiveFrom ||
      (v.effectiveFrom === best.effectiveFrom && v.savedAt > best.savedAt)
    )
      best = v;
  }
  return best;
}

/** The names of the fields whose values differ (the audit's "what changed"). */
export function changedFields(
  before: Partial<DistrictSettingValues>,
  after: Partial<DistrictSettingValues>,
): string[] {
  return DISTRICT_SETTING_KEYS.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).map(
    (k) => DISTRICT_SETTING_FIELDS[k].label,
  );
}

export type SettingsCheck =
  | { ok: true; value: { effectiveFrom: string; values: DistrictSettingValues } }
  | { ok: false; fields: Record<string, string> };

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);
const isNum = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/**
 * Checks a settings entry before it is saved: every figure in range, the tiers ordered by income with only
 * the last unbounded and each below the market rent (rent.belowMarket), an effective date on the first of a
 * month not before the current month (a month already under way is billed by its first day's version, so
 * an earlier date would rewrite history). Per field, in Chinese; then the whole policy through the preset
 * schema (`policy` null: the fields only, as the page does before sending). `today` is China's date.
 */
export function validateDistrictSettings(
  input: { effectiveFrom: string; values: DistrictSettingValues },
  policy: PolicyPreset | null,
  today: string,
): SettingsCheck {
  const fields: Record<string, string> = {};
  const v = input.values;
  const thisMonth = `${today.slice(0, 7)}-01`;
  if (!isIsoDate(input.effectiveFrom) || !input.effectiveFrom.endsWith('-01'))
    fields.effectiveFrom = '生效日期应为某月的 1 日。';
  else if (input.effectiveFrom < thisMonth)
    fields.effectiveFrom = `生效日期不能早于本月（${thisMonth}），已开始的月份按原设定计费。`;

  if (!isInt(v.monthlyIncomeLinePerPersonFen) || v.monthlyIncomeLinePerPersonFen <= 0)
    fields.monthlyIncomeLinePerPersonFen = '申请收入标准应为大于 0 的金额（精确到分）。';
  else if (v.monthlyIncomeLinePerPersonFen > SETTING_LIMITS.maxIncomeLineFen)
    fields.monthlyIncomeLinePerPersonFen = `申请收入标准不应超过 ${SETTING_LIMITS.maxIncomeLineFen / 100} 元。`;

  if (!isInt(v.marketRentPerM2Fen) || v.marketRentPerM2Fen <= 0)
    fields.marketRentPerM2Fen = '市场租金应为大于 0 的金额（精确到分）。';
  else if (v.marketRentPerM2Fen > SETTING_LIMITS.maxRentPerM2Fen)
    fields.marketRentPerM2Fen = `市场租金每平方米不应超过 ${SETTING_LIMITS.maxRentPerM2Fen / 100} 元。`;

  const tiers = Array.isArray(v.rentTiers) ? v.rentTiers : [];
  if (tiers.length === 0) fields.rentTiers = '请至少设定一个租金档。';
  else if (tiers.length > SETTING_LIMITS.maxTiers)
    fields.rentTiers = `租金档最多 ${SETTING_LIMITS.maxTiers} 个。`;
  else {
    let prev = 0;
    for (const [i, t] of tiers.entries()) {
      const name = `第 ${i + 1} 档`;
      const label = typeof t.label === 'string' ? t.label.trim() : '';
      const last = i === tiers.length - 1;
      let problem: string | null = null;
      if (!label || label.length > SETTING_LIMITS.maxTierLabel)
        problem = `${name}的名称应为 1–${SETTING_LIMITS.maxTierLabel} 个字。`;
      else if (!isNum(t.shareOfMarket) || t.shareOfMarket <= 0 || t.shareOfMarket >= 1)
        problem = `${name}的租金比例应大于 0% 且低于市场租金（小于 100%）。`;
      else if (last && t.maxMonthlyIncomePerPersonFen !== null)
        problem = '最后一档应不设收入上限（涵盖其余保障对象）。';
      else if (!last && (!isInt(t.maxMonthlyIncomePerPersonFen) || t.maxMonthlyIncomePerPersonFen <= prev))
        problem = `${name}的收入上限应为金额，且高于上一档。`;
      if (problem) {
        fields.rentTiers = problem;
        break;
      }
      prev = t.maxMonthlyIncomePerPersonFen ?? prev;
    }
  }

  if (
    !isNum(v.specialGroupReductionRatio) ||
    v.specialGroupReductionRatio < 0 ||
    v.specialGroupReductionRatio > 1
  )
    fields.specialGroupReductionRatio = '减免比例应在 0% 到 100% 之间。';
  if (!isInt(v.dueDay) || v.dueDay < 1 || v.dueDay > 28)
    fields.dueDay = '缴租日应为每月 1 日到 28 日之间（每个月都有的日子）。';
  if (!isInt(v.reminderDaysBefore) || v.reminderDaysBefore < 0 || v.reminderDaysBefore > 20)
    fields.reminderDaysBefore = '提醒提前天数应为 0 到 20 天。';
  if (v.firstMonthRent !== 'calendar-days' && v.firstMonthRent !== 'full-month')
    fields.firstMonthRent = '请选择起租当月的租金计算方式。';
  if (!isInt(v.subsidyStandardPerM2Fen) || v.subsidyStandardPerM2Fen <= 0)
    fields.subsidyStandardPerM2Fen = '补贴标准应为大于 0 的金额（精确到分）。';
  else if (v.subsidyStandardPerM2Fen > SETTING_LIMITS.maxSubsidyPerM2Fen)
    fields.subsidyStandardPerM2Fen = `补贴标准每平方米不应超过 ${SETTING_LIMITS.maxSubsidyPerM2Fen / 100} 元。`;
  if (!(ARREARS_COUNTING as readonly string[]).includes(v.arrearsCounting))
    fields.arrearsCounting = '请选择欠租月数的计算方法。';
  Object.assign(fields, validateOperatorSettings(v));
  Object.assign(fields, validateOperatorConstants(v));

  if (Object.keys(fields).length > 0) return { ok: false, fields };
  const values: DistrictSettingValues = {
    ...v,
    rentTiers: tiers.map((t) => ({ ...t, label: t.label.trim() })),
  };
  // The whole policy with the values in place must still be a valid preset (the same schema as the presets);
  // the page, without the district's preset, checks the fields only.
  if (!policy) return { ok: true, value: { effectiveFrom: input.effectiveFrom, values } };
  const whole = policyPresetSchema.safeParse(applyDistrictSettings(policy, values));
  if (!whole.success)
    return { ok: false, fields: { values: '设定的数值不符合政策预设的格式，请检查后重试。' } };
  return { ok: true, value: { effectiveFrom: input.effectiveFrom, values } };
}
