import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { DistrictSettingsResult } from '@shared/contracts';
import {
  DISTRICT_SETTING_FIELDS,
  validateDistrictSettings,
  type DistrictSettingField,
  type DistrictSettingValues,
} from '@shared/rules/district-settings.rule';
import { ErrorState, Loading } from '../../components/status-view';
import { CallError, callFunction } from '../../services/call';
import { formatDate, parseYuan } from '../../utils/format';
import { useLoad } from '../../utils/use-load';
import { confirm, errorText, formatInstant, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';

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
  note: string;
}

const FIRST_MONTH_TEXT = { 'calendar-days': '按实际天数计算', 'full-month': '按整月计算' } as const;
const ARREARS_TEXT = { any_unpaid: '逾期有欠款即计一个月', whole_month: '逾期且整月未缴才计一个月' } as const;

const yuan = (fen: number) => (fen / 100).toFixed(2);
const pct = (ratio: number) => String(Math.round(ratio * 1000) / 10);
const fenOf = (text: string) => parseYuan(text) ?? Number.NaN;
const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

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
  };
}

function newKey(): string {
  return `ds-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * 辖区政策设定 (housing office): the district's own values in place of the module's examples (示例值) —
 * income line, market rent, rent tiers and reduction, due day, reminder, first month, subsidy standard,
 * arrears counting — saved as a version from a month's first day (audited). Until they are saved, monthly
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
  const fieldError = (key: DistrictSettingField | 'effectiveFrom') =>
    fields[key] ? (
      <Text className="error" id={`error-${key}`}>
        {fields[key]}
      </Text>
    ) : null;
  const example = (key: DistrictSettingField) =>
    data.examples.includes(key) ? <Text className="tag tag-warn">示例值</Text> : null;
  const label = (key: DistrictSettingField) => (
    <View className="row">
      <Text className="label">{DISTRICT_SETTING_FIELDS[key].label}</Text>
      {example(key)}
    </View>
  );
  const who = (key: DistrictSettingField) => <Text className="muted">由{data.decidedBy[key]}确定</Text>;

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
    <Screen id="district-settings" title="辖区政策设定">
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
        {label('monthlyIncomeLinePerPersonFen')}
        {who('monthlyIncomeLinePerPersonFen')}
        <Input
          id="income-line"
          className="field"
          nativeProps={{ 'aria-label': '人均月收入线（元）' }}
          type="digit"
          value={draft.incomeLineYuan}
          onInput={(e) => set({ incomeLineYuan: e.detail.value })}
        />
        <Text className="muted">元/人·月</Text>
        {fieldError('monthlyIncomeLinePerPersonFen')}

        {label('marketRentPerM2Fen')}
        {who('marketRentPerM2Fen')}
        <Input
          id="market-rent"
          className="field"
          nativeProps={{ 'aria-label': '市场租金（元/平方米·月）' }}
          type="digit"
          value={draft.marketRentYuan}
          onInput={(e) => set({ marketRentYuan: e.detail.value })}
        />
        <Text className="muted">元/平方米·月</Text>
        {fieldError('marketRentPerM2Fen')}

        {label('rentTiers')}
        {who('rentTiers')}
        {draft.tiers.map((t, i) => (
          <View className="tier" key={i} id={`tier-${i}`}>
            <Input
              id={`tier-${i}-label`}
              className="field"
              value={t.label}
              maxlength={20}
              placeholder="档位名称"
              onInput={(e) => setTier(i, { label: e.detail.value })}
            />
            {i < draft.tiers.length - 1 ? (
              <Input
                id={`tier-${i}-max`}
                className="field"
                type="digit"
                value={t.maxYuan}
                placeholder="人均月收入上限（元）"
                onInput={(e) => setTier(i, { maxYuan: e.detail.value })}
              />
            ) : (
              <Text className="muted">不设收入上限</Text>
            )}
            <Input
              id={`tier-${i}-percent`}
              className="field"
              type="digit"
              value={t.percent}
              placeholder="占市场租金的百分比"
              onInput={(e) => setTier(i, { percent: e.detail.value })}
            />
            <Text className="muted">% 市场租金</Text>
          </View>
        ))}
        <View className="row">
          <Button
            className="btn-plain"
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
          </Button>
          {draft.tiers.length > 1 ? (
            <Button
              className="btn-plain"
              id="remove-tier"
              onClick={() => set({ tiers: draft.tiers.slice(0, -1) })}
            >
              删除最后一档
            </Button>
          ) : null}
        </View>
        {fieldError('rentTiers')}

        {label('specialGroupReductionRatio')}
        {who('specialGroupReductionRatio')}
        <Input
          id="reduction"
          className="field"
          nativeProps={{ 'aria-label': '特殊群体减免比例（%）' }}
          type="digit"
          value={draft.reductionPercent}
          onInput={(e) => set({ reductionPercent: e.detail.value })}
        />
        <Text className="muted">%</Text>
        {fieldError('specialGroupReductionRatio')}
      </View>

      <View className="card">
        <Text className="card-title">缴租</Text>
        {label('dueDay')}
        {who('dueDay')}
        <Input
          id="due-day"
          className="field"
          nativeProps={{ 'aria-label': '每月缴费截止日' }}
          type="number"
          value={draft.dueDay}
          onInput={(e) => set({ dueDay: e.detail.value })}
        />
        <Text className="muted">每月几日</Text>
        {fieldError('dueDay')}
        {label('reminderDaysBefore')}
        {who('reminderDaysBefore')}
        <Input
          id="reminder-days"
          className="field"
          nativeProps={{ 'aria-label': '截止前几天提醒' }}
          type="number"
          value={draft.reminderDays}
          onInput={(e) => set({ reminderDays: e.detail.value })}
        />
        <Text className="muted">天</Text>
        {fieldError('reminderDaysBefore')}
        {label('firstMonthRent')}
        {who('firstMonthRent')}
        <View className="chips">
          {(Object.keys(FIRST_MONTH_TEXT) as DistrictSettingValues['firstMonthRent'][]).map((k) => (
            <Text
              key={k}
              id={`first-month-${k}`}
              className={draft.firstMonthRent === k ? 'chip chip-on' : 'chip'}
              onClick={() => set({ firstMonthRent: k })}
            >
              {FIRST_MONTH_TEXT[k]}
            </Text>
          ))}
        </View>
        {label('arrearsCounting')}
        {who('arrearsCounting')}
        <View className="chips">
          {(Object.keys(ARREARS_TEXT) as DistrictSettingValues['arrearsCounting'][]).map((k) => (
            <Text
              key={k}
              id={`arrears-${k}`}
              className={draft.arrearsCounting === k ? 'chip chip-on' : 'chip'}
              onClick={() => set({ arrearsCounting: k })}
            >
              {ARREARS_TEXT[k]}
            </Text>
          ))}
        </View>
      </View>

      <View className="card">
        <Text className="card-title">租赁补贴</Text>
        {label('subsidyStandardPerM2Fen')}
        {who('subsidyStandardPerM2Fen')}
        <Input
          id="subsidy-standard"
          className="field"
          nativeProps={{ 'aria-label': '租赁补贴标准（元）' }}
          type="digit"
          value={draft.subsidyYuan}
          onInput={(e) => set({ subsidyYuan: e.detail.value })}
        />
        <Text className="muted">元/平方米·月</Text>
        {fieldError('subsidyStandardPerM2Fen')}
      </View>

      <View className="card save-bar">
        <Text className="label">生效月份</Text>
        <Input
          id="effective-month"
          className="field"
          value={draft.effectiveMonth}
          maxlength={7}
          placeholder="如：2027-01"
          onInput={(e) => set({ effectiveMonth: e.detail.value })}
        />
        {fieldError('effectiveFrom')}
        <Text className="label">依据文件或说明（选填）</Text>
        <Input
          id="settings-note"
          className="field"
          nativeProps={{ 'aria-label': '修改说明' }}
          value={draft.note}
          maxlength={100}
          onInput={(e) => set({ note: e.detail.value })}
        />
        {problem ? (
          <Text className="error" id="settings-error">
            {problem}
          </Text>
        ) : null}
        <Button className="btn" id="save-settings" disabled={busy} loading={busy} onClick={() => void save()}>
          保存设定
        </Button>
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
