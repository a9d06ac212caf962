import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { DistrictSettingsResult } from '@shared/contracts';
import type { CareCondition, PriorityGroup } from '@shared/policy/settings';
import {
  DISTRICT_SETTING_FIELDS,
  validateDistrictSettings,
  type DistrictSettingField,
  type DistrictSettingValues,
} from '@shared/rules/district-settings.rule';
import {
  CARE_CONDITION_LABELS,
  OBJECTION_EFFECT_TEXT,
  PRIORITY_LABELS,
  REPAIR_LABELS,
  SEASONAL_LABELS,
  SETTING_GROUPS,
  WAIVER_TEXT,
  type OperatorSettingValues,
} from '@shared/rules/operator-settings.rule';
import {
  OPERATOR_CONSTANT_FIELDS,
  OPERATOR_CONSTANT_KEYS,
  type OperatorConstantField,
  type OperatorConstantValues,
} from '@shared/rules/operator-constants.rule';
import { ErrorState, Loading } from '../../components/status-view';
import { CallError, callFunction } from '../../services/call';
import { formatDate, parseYuan } from '../../utils/format';
import { useLoad } from '../../utils/use-load';
import { confirm, errorText, formatInstant, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { DateField } from '../../components/date-field';
import { NumberField } from '../../components/number-field';
import { Button as NutButton } from '../../components/nut';
import { ChoiceChips } from '../../components/choice-chips';
import { FieldError, TextField } from '../../components/text-field';

interface TierDraft {
  label: string;
  /** Upper bound of monthly income per person, yuan ('' on the last tier: no bound). */
  maxYuan: string;
  /** Rent as a percentage of the market rent. */
  percent: string;
}
interface Draft {
  effectiveMonth: string;
  incomeLineYuan: string;
  marketRentYuan: string;
  tiers: TierDraft[];
  reductionPercent: string;
  dueDay: string;
  reminderDays: string;
  firstMonthRent: DistrictSettingValues['firstMonthRent'];
  subsidyYuan: string;
  arrearsCounting: DistrictSettingValues['arrearsCounting'];
  // Operator settings (运营方设定), as typed.
  priorityOrder: PriorityGroup[];
  objectionEffect: OperatorSettingValues['objectionEffect'];
  windowMinutes: string;
  waiverLeavesRound: boolean;
  /** Months before the renewal deadline; '' = from the lease's start. */
  renewalOpensMonths: string;
  emergencyHours: string;
  categoryDays: Record<keyof OperatorSettingValues['repairCategoryDays'], string>;
  reopenDays: string;
  careConditions: CareCondition[];
  careAgeApplies: CareCondition[];
  escalationHours: string;
  /** Months of each seasonal patrol, as typed ("5、6、7"). */
  seasonalMonths: Record<keyof OperatorSettingValues['seasonalMonths'], string>;
  /** Operator constants (运营方设定), each group's figures as typed. */
  constants: Record<OperatorConstantField, Record<string, string>>;
  note: string;
}

const FIRST_MONTH_TEXT = { 'calendar-days': '按实际天数计算', 'full-month': '按整月计算' } as const;
const ARREARS_TEXT = { any_unpaid: '逾期有欠款即计一个月', whole_month: '逾期且整月未缴才计一个月' } as const;

type FigureDraft =
  | 'incomeLineYuan'
  | 'marketRentYuan'
  | 'reductionPercent'
  | 'dueDay'
  | 'reminderDays'
  | 'subsidyYuan'
  | 'windowMinutes'
  | 'renewalOpensMonths'
  | 'emergencyHours'
  | 'reopenDays'
  | 'escalationHours';
/**
 * The page's single figures, one row each (element id → the setting, the draft text it edits): one field
 * component (components/number-field.tsx) renders them all. Label and unit come from the setting
 * (DISTRICT_SETTING_FIELDS) unless the row says how the figure is typed (yuan, %).
 */
const FIGURES = {
  'income-line': {
    key: 'monthlyIncomeLinePerPersonFen',
    draft: 'incomeLineYuan',
    decimals: true,
    unit: '元/人·月',
  },
  'market-rent': { key: 'marketRentPerM2Fen', draft: 'marketRentYuan', decimals: true, unit: '元/平方米·月' },
  reduction: { key: 'specialGroupReductionRatio', draft: 'reductionPercent', decimals: true, unit: '%' },
  'due-day': { key: 'dueDay', draft: 'dueDay', label: '每月缴费截止日', unit: '每月几日' },
  'reminder-days': { key: 'reminderDaysBefore', draft: 'reminderDays', label: '截止前几天提醒', unit: '天' },
  'subsidy-standard': {
    key: 'subsidyStandardPerM2Fen',
    draft: 'subsidyYuan',
    decimals: true,
    unit: '元/平方米·月',
  },
  'window-minutes': { key: 'selectionWindowMinutes', draft: 'windowMinutes' },
  'renewal-opens': {
    key: 'renewalOpensMonthsBefore',
    draft: 'renewalOpensMonths',
    placeholder: '不填：租期内随时可申请',
  },
  'emergency-hours': { key: 'repairEmergencyHours', draft: 'emergencyHours' },
  'reopen-days': { key: 'repairReopenWithinDays', draft: 'reopenDays' },
  'escalation-hours': { key: 'careEscalationHours', draft: 'escalationHours' },
} satisfies Record<
  string,
  {
    key: DistrictSettingField;
    draft: FigureDraft;
    label?: string;
    unit?: string;
    decimals?: boolean;
    placeholder?: string;
  }
>;
type FigureId = keyof typeof FIGURES;
type Figure = (typeof FIGURES)[FigureId] & {
  label?: string;
  unit?: string;
  decimals?: boolean;
  placeholder?: string;
};

const yuan = (fen: number) => (fen / 100).toFixed(2);
const pct = (ratio: number) => String(Math.round(ratio * 1000) / 10);
const fenOf = (text: string) => parseYuan(text) ?? Number.NaN;
const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
const mapValues = <K extends string, A, B>(o: Record<K, A>, f: (a: A) => B): Record<K, B> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v as A)])) as Record<K, B>;
/** "5、6，7 8" → [5, 6, 7, 8]; '' → []; a part that is not a number stays NaN for the rule to refuse. */
const monthsOf = (text: string) =>
  text
    .split(/[\s,，、]+/)
    .filter((p) => p !== '')
    .map((p) => num(p));

function nextMonth(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function draftOf(s: DistrictSettingsResult): Draft {
  const v = s.current as unknown as DistrictSettingValues;
  return {
    effectiveMonth: nextMonth(s.today),
    incomeLineYuan: yuan(v.monthlyIncomeLinePerPersonFen),
    marketRentYuan: yuan(v.marketRentPerM2Fen),
    tiers: v.rentTiers.map((t) => ({
      label: t.label,
      maxYuan: t.maxMonthlyIncomePerPersonFen === null ? '' : yuan(t.maxMonthlyIncomePerPersonFen),
      percent: pct(t.shareOfMarket),
    })),
    reductionPercent: pct(v.specialGroupReductionRatio),
    dueDay: String(v.dueDay),
    reminderDays: String(v.reminderDaysBefore),
    firstMonthRent: v.firstMonthRent,
    subsidyYuan: yuan(v.subsidyStandardPerM2Fen),
    arrearsCounting: v.arrearsCounting,
    priorityOrder: [...v.priorityOrder],
    objectionEffect: v.objectionEffect,
    windowMinutes: String(v.selectionWindowMinutes),
    waiverLeavesRound: v.waiverLeavesRound,
    renewalOpensMonths: v.renewalOpensMonthsBefore === null ? '' : String(v.renewalOpensMonthsBefore),
    emergencyHours: String(v.repairEmergencyHours),
    categoryDays: mapValues(v.repairCategoryDays, String),
    reopenDays: String(v.repairReopenWithinDays),
    careConditions: [...v.careRegistry.conditions],
    careAgeApplies: [...v.careRegistry.ageAppliesTo],
    escalationHours: String(v.careEscalationHours),
    seasonalMonths: mapValues(v.seasonalMonths, (m) => m.join('、')),
    constants: Object.fromEntries(
      OPERATOR_CONSTANT_KEYS.map((k) => [
        k,
        mapValues(v[k] as unknown as Record<string, number>, (n) => String(n)),
      ]),
    ) as Draft['constants'],
    note: '',
  };
}

function valuesOf(d: Draft): DistrictSettingValues {
  return {
    monthlyIncomeLinePerPersonFen: fenOf(d.incomeLineYuan),
    marketRentPerM2Fen: fenOf(d.marketRentYuan),
    rentTiers: d.tiers.map((t, i) => ({
      label: t.label,
      maxMonthlyIncomePerPersonFen:
        i === d.tiers.length - 1 && t.maxYuan.trim() === '' ? null : fenOf(t.maxYuan),
      shareOfMarket: num(t.percent) / 100,
    })),
    specialGroupReductionRatio: num(d.reductionPercent) / 100,
    dueDay: num(d.dueDay),
    reminderDaysBefore: num(d.reminderDays),
    firstMonthRent: d.firstMonthRent,
    subsidyStandardPerM2Fen: fenOf(d.subsidyYuan),
    arrearsCounting: d.arrearsCounting,
    priorityOrder: d.priorityOrder,
    objectionEffect: d.objectionEffect,
    selectionWindowMinutes: num(d.windowMinutes),
    waiverLeavesRound: d.waiverLeavesRound,
    renewalOpensMonthsBefore: d.renewalOpensMonths.trim() === '' ? null : num(d.renewalOpensMonths),
    repairEmergencyHours: num(d.emergencyHours),
    repairCategoryDays: mapValues(d.categoryDays, num),
    repairReopenWithinDays: num(d.reopenDays),
    careRegistry: {
      conditions: d.careConditions,
      ageAppliesTo: d.careAgeApplies.filter((c) => d.careConditions.includes(c)),
    },
    careEscalationHours: num(d.escalationHours),
    seasonalMonths: mapValues(d.seasonalMonths, monthsOf),
    ...(Object.fromEntries(
      OPERATOR_CONSTANT_KEYS.map((k) => [k, mapValues(d.constants[k], num)]),
    ) as unknown as OperatorConstantValues),
  };
}

function newKey(): string {
  return `ds-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * 辖区政策设定 (housing office): the district's own values in place of the module's examples (示例值) —
 * income line, market rent, rent tiers and reduction, due day, reminder, first month, subsidy standard,
 * arrears counting — and every operator setting (运营方设定: priority order, objections, selection window and
 * waivers, renewal opening, repair deadlines, care registry and escalation, seasonal patrol months), grouped,
 * each with its unit — saved as a version from a month's first day (audited). Until they are saved, monthly
 * bills, rent quotes and subsidy payouts refuse (shared/rules/district-settings.rule.ts).
 */
export default function DistrictSettings() {
  const { data, error, reload } = useLoad(() => callFunction('account', 'districtSettings', {}));
  const [draft, setDraft] = useState<Draft | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [requestKey, setRequestKey] = useState(newKey);

  useEffect(() => {
    if (data) setDraft(draftOf(data));
  }, [data]);

  if (error && !data) return <ErrorState message={error} onRetry={() => void reload()} />;
  if (!data || !draft) return <Loading />;

  const set = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setProblem(null);
  };
  const setTier = (i: number, patch: Partial<TierDraft>) =>
    set({ tiers: draft.tiers.map((t, j) => (j === i ? { ...t, ...patch } : t)) });
  /**
   * The error of a setting typed or chosen in several places (the tiers, a group's figures, chips), under them
   * as `#<setting>-error`; a single figure's error stands under its own field (`#<figure id>-error`).
   */
  const fieldError = (key: DistrictSettingField) => <FieldError id={key} error={fields[key]} />;
  /** The fields of a setting whose one error is shown under the group: marked invalid and tied to it. */
  const groupInvalid = (key: DistrictSettingField) =>
    fields[key] ? { invalid: true, describedBy: `${key}-error` } : {};
  const example = (key: DistrictSettingField) =>
    data.examples.includes(key) ? <Text className="tag tag-warn">示例值</Text> : null;
  const label = (key: DistrictSettingField) => (
    <View className="row">
      <Text className="label">{DISTRICT_SETTING_FIELDS[key].label}</Text>
      {DISTRICT_SETTING_FIELDS[key].operator ? (
        <Text className="tag" id={`operator-${key}`}>
          运营方设定
        </Text>
      ) : null}
      {example(key)}
    </View>
  );
  /** A figure of the table FIGURES: its label, who decides it, the field with its unit, its error. */
  const figure = (id: FigureId) => {
    const f: Figure = FIGURES[id];
    const { label: name, unit } = DISTRICT_SETTING_FIELDS[f.key];
    return (
      <>
        {label(f.key)}
        {who(f.key)}
        <NumberField
          id={id}
          label={f.label ?? name}
          unit={f.unit ?? unit}
          decimals={f.decimals}
          placeholder={f.placeholder}
          value={draft[f.draft]}
          error={fields[f.key]}
          onChange={(text) => set({ [f.draft]: text })}
        />
      </>
    );
  };
  const moveGroup = (i: number, by: -1 | 1) => {
    const order = [...draft.priorityOrder];
    const j = i + by;
    [order[i], order[j]] = [order[j] as PriorityGroup, order[i] as PriorityGroup];
    set({ priorityOrder: order });
  };
  // "由…确定", once: a source that already ends in 确定 ("…会同物价部门确定") is not given a second one.
  const who = (key: DistrictSettingField) => (
    <Text className="muted">由{data.decidedBy[key]?.replace(/确定$/, '')}确定</Text>
  );

  const save = async () => {
    const effectiveFrom = `${draft.effectiveMonth.trim()}-01`;
    const values = valuesOf(draft);
    const checked = validateDistrictSettings({ effectiveFrom, values }, null, data.today);
    if (!checked.ok) {
      setFields(checked.fields);
      setProblem('请按提示修改标红的项目，尚未保存。');
      return;
    }
    setFields({});
    if (
      !(await confirm(
        '保存辖区政策设定',
        `自 ${formatDate(effectiveFrom)} 起生效。此前的月份仍按原设定计费。`,
        '保存',
      ))
    )
      return;
    setBusy(true);
    try {
      const r = await callFunction('account', 'saveDistrictSettings', {
        requestKey,
        effectiveFrom,
        values: checked.value.values,
        note: draft.note.trim(),
      });
      toast(r.changed.length > 0 ? `已保存，${r.changed.length} 项有变化` : '已保存', 'success');
      setRequestKey(newKey());
      await reload();
    } catch (err) {
      if (err instanceof CallError && err.fields) setFields(err.fields);
      setProblem(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen
      id="district-settings"
      title="辖区政策设定"
      bottom={
        <View className="bottom-stack">
          {problem ? (
            <Text className="notice-warn" id="settings-error">
              {problem}
            </Text>
          ) : null}
          <NutButton
            type="primary"
            size="large"
            id="save-settings"
            disabled={busy}
            loading={busy}
            onClick={() => void save()}
          >
            保存设定
          </NutButton>
        </View>
      }
    >
      <View className="card">
        <Text className="card-title">{data.district}</Text>
        {data.refusals.length > 0 ? (
          <View id="settings-refusals">
            {data.refusals.map((r) => (
              <Text className="notice-warn" key={r}>
                {r}
              </Text>
            ))}
          </View>
        ) : (
          <Text className="muted" id="settings-ready">
            收费和补贴所依据的数值均已设定。
          </Text>
        )}
      </View>

      <View className="card">
        <Text className="card-title">收入和租金</Text>
        {figure('income-line')}

        {figure('market-rent')}

        {label('rentTiers')}
        {who('rentTiers')}
        {draft.tiers.map((t, i) => (
          <View className="tier" key={i} id={`tier-${i}`}>
            <TextField
              id={`tier-${i}-label`}
              label={`第 ${i + 1} 档名称`}
              value={t.label}
              maxLength={20}
              placeholder="档位名称"
              onChange={(text) => setTier(i, { label: text })}
            />
            {i < draft.tiers.length - 1 ? (
              <>
                <Text className="label tier-figure-label">人均月收入上限</Text>
                <NumberField
                  id={`tier-${i}-max`}
                  label={`第 ${i + 1} 档人均月收入上限`}
                  unit="元/人·月"
                  decimals
                  value={t.maxYuan}
                  placeholder="人均月收入上限"
                  onChange={(text) => setTier(i, { maxYuan: text })}
                  {...groupInvalid('rentTiers')}
                />
              </>
            ) : (
              <Text className="muted">不设收入上限</Text>
            )}
            <Text className="label tier-figure-label">租金</Text>
            <NumberField
              id={`tier-${i}-percent`}
              label={`第 ${i + 1} 档租金占市场租金的百分比`}
              unit="% 市场租金"
              decimals
              value={t.percent}
              placeholder="占市场租金的百分比"
              onChange={(text) => setTier(i, { percent: text })}
              {...groupInvalid('rentTiers')}
            />
          </View>
        ))}
        <View className="row">
          <NutButton
            type="primary"
            fill="outline"
            size="small"
            className="action-button"
            id="add-tier"
            onClick={() =>
              set({
                tiers: [
                  ...draft.tiers
                    .slice(0, -1)
                    .concat(
                      draft.tiers.length > 0
                        ? [{ ...(draft.tiers[draft.tiers.length - 1] as TierDraft), maxYuan: '' }]
                        : [],
                    ),
                  { label: '', maxYuan: '', percent: '' },
                ],
              })
            }
          >
            增加一档
          </NutButton>
          {draft.tiers.length > 1 ? (
            <NutButton
              type="primary"
              fill="outline"
              size="small"
              className="action-button"
              id="remove-tier"
              onClick={() => set({ tiers: draft.tiers.slice(0, -1) })}
            >
              删除最后一档
            </NutButton>
          ) : null}
        </View>
        {fieldError('rentTiers')}

        {figure('reduction')}
      </View>

      <View className="card">
        <Text className="card-title">缴租</Text>
        {figure('due-day')}
        {figure('reminder-days')}
        {label('firstMonthRent')}
        {who('firstMonthRent')}
        <ChoiceChips
          label={DISTRICT_SETTING_FIELDS.firstMonthRent.label}
          options={(Object.keys(FIRST_MONTH_TEXT) as DistrictSettingValues['firstMonthRent'][]).map(
            (k) => [k, FIRST_MONTH_TEXT[k]] as const,
          )}
          value={draft.firstMonthRent}
          idOf={(k) => `first-month-${k}`}
          onChange={(firstMonthRent) => set({ firstMonthRent })}
        />
        {fieldError('firstMonthRent')}
        {label('arrearsCounting')}
        {who('arrearsCounting')}
        <ChoiceChips
          label={DISTRICT_SETTING_FIELDS.arrearsCounting.label}
          options={(Object.keys(ARREARS_TEXT) as DistrictSettingValues['arrearsCounting'][]).map(
            (k) => [k, ARREARS_TEXT[k]] as const,
          )}
          value={draft.arrearsCounting}
          idOf={(k) => `arrears-${k}`}
          onChange={(arrearsCounting) => set({ arrearsCounting })}
        />
        {fieldError('arrearsCounting')}
      </View>

      <View className="card">
        <Text className="card-title">租赁补贴</Text>
        {figure('subsidy-standard')}
      </View>

      <View className="card" id="group-allocation">
        <Text className="card-title">{SETTING_GROUPS.allocation}</Text>
        {label('priorityOrder')}
        {who('priorityOrder')}
        {draft.priorityOrder.map((g, i) => (
          <View className="row" key={g} id={`priority-${i}`}>
            <Text className="value">
              {i + 1}. {PRIORITY_LABELS[g]}
            </Text>
            {/* 低保、特困 stay first and 其他 last (the texts fix both); the groups between move. */}
            {i > 1 && i < draft.priorityOrder.length - 1 ? (
              <NutButton
                type="primary"
                fill="outline"
                size="small"
                id={`priority-${i}-up`}
                aria-label={`${PRIORITY_LABELS[g]}上移`}
                onClick={() => moveGroup(i, -1)}
              >
                上移
              </NutButton>
            ) : null}
            {i > 0 && i < draft.priorityOrder.length - 2 ? (
              <NutButton
                type="primary"
                fill="outline"
                size="small"
                id={`priority-${i}-down`}
                aria-label={`${PRIORITY_LABELS[g]}下移`}
                onClick={() => moveGroup(i, 1)}
              >
                下移
              </NutButton>
            ) : null}
          </View>
        ))}
        {fieldError('priorityOrder')}
        {label('objectionEffect')}
        {who('objectionEffect')}
        <ChoiceChips
          label={DISTRICT_SETTING_FIELDS.objectionEffect.label}
          options={(Object.keys(OBJECTION_EFFECT_TEXT) as OperatorSettingValues['objectionEffect'][]).map(
            (k) => [k, OBJECTION_EFFECT_TEXT[k]] as const,
          )}
          value={draft.objectionEffect}
          idOf={(k) => `objection-${k}`}
          onChange={(objectionEffect) => set({ objectionEffect })}
        />
        {fieldError('objectionEffect')}
        {figure('window-minutes')}
        {label('waiverLeavesRound')}
        {who('waiverLeavesRound')}
        <ChoiceChips
          label={DISTRICT_SETTING_FIELDS.waiverLeavesRound.label}
          options={[
            [true, WAIVER_TEXT.true],
            [false, WAIVER_TEXT.false],
          ]}
          value={draft.waiverLeavesRound}
          idOf={(v) => (v ? 'waiver-leaves' : 'waiver-last')}
          onChange={(waiverLeavesRound) => set({ waiverLeavesRound })}
        />
        {fieldError('waiverLeavesRound')}
      </View>

      <View className="card" id="group-lease">
        <Text className="card-title">{SETTING_GROUPS.lease}</Text>
        {figure('renewal-opens')}
        <Text className="muted">续租申请截止前几个月开始受理；不填则不限开始日期。</Text>
      </View>

      <View className="card" id="group-repair">
        <Text className="card-title">{SETTING_GROUPS.repair}</Text>
        {figure('emergency-hours')}
        {label('repairCategoryDays')}
        {who('repairCategoryDays')}
        {(Object.keys(draft.categoryDays) as (keyof Draft['categoryDays'])[]).map((c) => (
          <View className="row" key={c}>
            <Text className="label">{REPAIR_LABELS[c]}</Text>
            <NumberField
              id={`repair-days-${c}`}
              label={`${REPAIR_LABELS[c]}维修期限`}
              unit="天"
              value={draft.categoryDays[c]}
              onChange={(text) => set({ categoryDays: { ...draft.categoryDays, [c]: text } })}
              {...groupInvalid('repairCategoryDays')}
            />
          </View>
        ))}
        {fieldError('repairCategoryDays')}
        {figure('reopen-days')}
      </View>

      <View className="card" id="group-patrol">
        <Text className="card-title">{SETTING_GROUPS.patrol}</Text>
        {label('careRegistry')}
        {who('careRegistry')}
        <Text className="muted">列入关爱名单的情形：</Text>
        <ChoiceChips
          multiple
          label="列入关爱名单的情形"
          options={(Object.keys(CARE_CONDITION_LABELS) as CareCondition[]).map(
            (c) => [c, CARE_CONDITION_LABELS[c]] as const,
          )}
          value={draft.careConditions}
          onChange={(careConditions) => set({ careConditions })}
          idOf={(c) => `care-${c}`}
        />
        <Text className="muted">其中须达到关爱年龄的情形：</Text>
        <ChoiceChips
          multiple
          label="须达到关爱年龄的情形"
          options={draft.careConditions.map((c) => [c, CARE_CONDITION_LABELS[c]] as const)}
          value={draft.careAgeApplies.filter((c) => draft.careConditions.includes(c))}
          onChange={(careAgeApplies) => set({ careAgeApplies })}
          idOf={(c) => `care-age-${c}`}
        />
        {fieldError('careRegistry')}
        {figure('escalation-hours')}
        {label('seasonalMonths')}
        {who('seasonalMonths')}
        {(Object.keys(draft.seasonalMonths) as (keyof Draft['seasonalMonths'])[]).map((id) => (
          <TextField
            key={id}
            id={`season-${id}`}
            label={`${SEASONAL_LABELS[id]}（月份）`}
            value={draft.seasonalMonths[id]}
            maxLength={40}
            placeholder="如：5、6、7"
            onChange={(text) => set({ seasonalMonths: { ...draft.seasonalMonths, [id]: text } })}
            {...groupInvalid('seasonalMonths')}
          />
        ))}
        {fieldError('seasonalMonths')}
      </View>

      {OPERATOR_CONSTANT_KEYS.map((key) => (
        <View className="card" id={`group-${key}`} key={key}>
          <Text className="card-title">{SETTING_GROUPS[DISTRICT_SETTING_FIELDS[key].group]}</Text>
          {label(key)}
          {who(key)}
          {Object.entries(
            OPERATOR_CONSTANT_FIELDS[key].figures as Record<string, { label: string; unit: string }>,
          ).map(([name, f]) => (
            <View className="row" key={name}>
              <Text className="label">{f.label}</Text>
              <NumberField
                id={`const-${key}-${name}`}
                label={f.label}
                unit={f.unit}
                {...groupInvalid(key)}
                value={draft.constants[key][name] ?? ''}
                onChange={(text) =>
                  set({ constants: { ...draft.constants, [key]: { ...draft.constants[key], [name]: text } } })
                }
              />
            </View>
          ))}
          {fieldError(key)}
        </View>
      ))}

      <View className="card">
        <Text className="card-title">生效和依据</Text>
        <DateField
          id="effective-month"
          label="生效月份"
          kind="month"
          value={draft.effectiveMonth}
          min={data.today.slice(0, 7)}
          max={`${Number(data.today.slice(0, 4)) + 3}-12`}
          error={fields.effectiveFrom}
          onChange={(effectiveMonth) => set({ effectiveMonth })}
        />
        <TextField
          id="settings-note"
          label="依据文件或说明（选填）"
          value={draft.note}
          maxLength={100}
          placeholder="如：区住房保障部门通知"
          onChange={(note) => set({ note })}
        />
      </View>

      <View className="card" id="settings-versions">
        <Text className="card-title">历次设定</Text>
        {data.versions.length === 0 ? (
          <Text className="muted">尚未保存过本辖区的设定，目前使用的是示例值。</Text>
        ) : (
          data.versions.map((v, i) => (
            <View className="row" key={`${v.effectiveFrom}-${v.savedAt}`} id={`version-${i}`}>
              <Text className="label">自 {formatDate(v.effectiveFrom)} 起</Text>
              <Text className="value">
                {v.savedByName || '系统'} {formatInstant(v.savedAt)}
                {v.changed.length > 0 ? `，修改：${v.changed.join('、')}` : ''}
                {v.note ? `（${v.note}）` : ''}
              </Text>
            </View>
          ))
        )}
      </View>
    </Screen>
  );
}
