import { Text, View } from '@tarojs/components';
import { useEffect, useMemo, useState } from 'react';
import type { HolidayCalendarResult } from '@shared/contracts';
import {
  calendarMonth,
  dayOfWeek,
  HOLIDAY_NAMES,
  PROVISIONAL_LABEL,
  workingCalendar,
  type CalendarDay,
} from '@shared/rules/working-days.rule';
import { ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { formatDate } from '../../utils/format';
import { useLoad } from '../../utils/use-load';
import { confirm, errorText, formatInstant, queryParam, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { StatusTag } from '../../components/status-tag';
import { Button as NutButton } from '../../components/nut';
import { ChoiceChips } from '../../components/choice-chips';
import { FieldError, TextField } from '../../components/text-field';
import { pressable } from '../../components/keyboard';

type Draft = Map<string, { kind: 'holiday'; name: string } | { kind: 'workday' }>;

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const KIND_TEXT: Record<CalendarDay['kind'], string> = {
  workday: '',
  weekend: '',
  holiday: '休',
  adjusted_workday: '班',
};

function draftOf(cal: HolidayCalendarResult): Draft {
  const draft: Draft = new Map();
  for (const h of cal.holidays) draft.set(h.date, { kind: 'holiday', name: h.name });
  for (const w of cal.workdays) draft.set(w, { kind: 'workday' });
  return draft;
}

function sourceText(cal: HolidayCalendarResult): string {
  if (cal.entry)
    return `已由 ${cal.entry.enteredByName} 于 ${formatInstant(cal.entry.enteredAt)} 录入${cal.entry.noticeRef ? `（${cal.entry.noticeRef}）` : ''}。`;
  if (cal.source === 'dataset')
    return `${cal.year} 年使用系统内置的国务院节假日安排，如有调整可在下方修改后保存。`;
  return `${cal.year} 年的节假日安排尚未录入，涉及该年的工作日期限目前${PROVISIONAL_LABEL}（周一至周五）。`;
}

/**
 * 节假日安排 (housing office): enter a year's statutory holidays and 调休 working days from the State
 * Council notice by tapping days on the year's calendar, see the result month by month, save (audited),
 * and see the working-day deadlines it decides (乌兰察布 第十三条 复核 15 个工作日).
 */
export default function HolidayCalendar() {
  const [year, setYear] = useState(() => Number(queryParam('year')) || new Date().getFullYear() + 1);
  const { data: cal, error, reload } = useLoad(() => callFunction('account', 'holidayCalendar', { year }));
  const [draft, setDraft] = useState<Draft>(new Map());
  const [festival, setFestival] = useState<string>(HOLIDAY_NAMES[0]);
  const [noticeRef, setNoticeRef] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => void reload(), [year, reload]);
  useEffect(() => {
    if (cal && cal.year === year) {
      setDraft(draftOf(cal));
      setNoticeRef(cal.entry?.noticeRef ?? '');
      setProblem(null);
    }
  }, [cal, year]);

  const arrangement = useMemo(
    () => ({
      year,
      holidays: [...draft]
        .filter(([, v]) => v.kind === 'holiday')
        .map(([date, v]) => ({ date, name: v.kind === 'holiday' ? v.name : '' }))
        .sort((a, b) => a.date.localeCompare(b.date)),
      workdays: [...draft]
        .filter(([, v]) => v.kind === 'workday')
        .map(([d]) => d)
        .sort(),
    }),
    [draft, year],
  );
  const months = useMemo(() => {
    const preview = workingCalendar([arrangement]);
    return Array.from({ length: 12 }, (_, i) => calendarMonth(year, i + 1, preview));
  }, [arrangement, year]);

  /** Weekday: 工作日 ↔ 放假. Weekend: 休息 → 调休上班 → 放假 → 休息. */
  const tap = (day: CalendarDay) => {
    const next = new Map(draft);
    const weekend = dayOfWeek(day.date) % 6 === 0;
    const cur = draft.get(day.date);
    if (!cur) next.set(day.date, weekend ? { kind: 'workday' } : { kind: 'holiday', name: festival });
    else if (cur.kind === 'workday') next.set(day.date, { kind: 'holiday', name: festival });
    else next.delete(day.date);
    setDraft(next);
    setProblem(null);
  };

  const save = async () => {
    if (
      !(await confirm(
        `保存 ${year} 年节假日安排`,
        `放假 ${arrangement.holidays.length} 天，调休上班 ${arrangement.workdays.length} 天。保存后，所有按工作日计算的期限将按新安排重新计算。`,
        '保存',
      ))
    )
      return;
    setBusy(true);
    try {
      const r = await callFunction('account', 'saveHolidayCalendar', {
        ...arrangement,
        noticeRef: noticeRef.trim(),
      });
      toast(r.checked > 0 ? `已保存，${r.moved} 个期限日期有变化` : '已保存', 'success');
      await reload();
    } catch (err) {
      setProblem(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (error && !cal) return <ErrorState message={error} onRetry={() => void reload()} />;
  if (!cal) return <Loading />;

  return (
    <Screen
      id="holiday-calendar"
      title="节假日安排"
      bottom={
        <View className="bottom-stack">
          <FieldError id="calendar" error={problem} />
          <View className="bottom-row">
            <Text className="bottom-bar-note" id="calendar-summary">
              {year} 年放假 {arrangement.holidays.length} 天，调休上班 {arrangement.workdays.length} 天
            </Text>
            <NutButton
              type="primary"
              size="large"
              id="save-calendar"
              disabled={busy}
              loading={busy}
              onClick={() => void save()}
            >
              保存
            </NutButton>
          </View>
        </View>
      }
    >
      <View className="card">
        <View className="year-switch">
          <NutButton
            type="primary"
            fill="outline"
            className="year-btn"
            id="prev-year"
            onClick={() => setYear(year - 1)}
          >
            上一年
          </NutButton>
          <Text className="card-title year-title" id="calendar-year">
            {year} 年
          </Text>
          <NutButton
            type="primary"
            fill="outline"
            className="year-btn"
            id="next-year"
            onClick={() => setYear(year + 1)}
          >
            下一年
          </NutButton>
        </View>
        <Text className={cal.source === 'weekdays' ? 'notice-warn' : 'muted'} id="calendar-source">
          {sourceText(cal)}
        </Text>
      </View>

      <View className="card" id="deadlines">
        <Text className="card-title">按工作日计算的期限</Text>
        {cal.deadlines.length === 0 ? (
          <Text className="muted">目前没有待办的工作日期限。</Text>
        ) : (
          cal.deadlines.map((d, i) => (
            <View className="row" key={`${d.subject}-${d.startOn}-${i}`} id={`deadline-${i}`}>
              <Text className="label">
                {d.subject} {d.what}
              </Text>
              <Text className="value">
                <Text className="deadline-date">{formatDate(d.dueOn)}</Text>
                {d.provisional ? <StatusTag tone="warn" text={PROVISIONAL_LABEL} /> : null}
              </Text>
            </View>
          ))
        )}
      </View>

      <View className="card">
        <Text className="card-title">录入节假日</Text>
        <Text className="muted help">
          对照国务院办公厅节假日安排通知：先选节日，再点放假的日子；周末要上班的日子点一下标为“班”。再点一下可取消。
        </Text>
        <ChoiceChips
          id="festival-chips"
          label="节日"
          options={HOLIDAY_NAMES.map((n) => [n as string, n] as const)}
          value={festival}
          idOf={(n) => `festival-${n}`}
          onChange={setFestival}
        />
        <TextField
          id="notice-ref"
          label="通知文号（选填）"
          value={noticeRef}
          maxLength={60}
          placeholder="如：国办发明电〔2026〕12号"
          onChange={setNoticeRef}
        />
        <View className="legend">
          <Text className="legend-item day-holiday">休 放假</Text>
          <Text className="legend-item day-adjusted_workday">班 调休上班</Text>
          <Text className="legend-item day-weekend">周末</Text>
        </View>
      </View>

      {months.map((days, m) => (
        <View className="card month" key={m} id={`month-${m + 1}`}>
          <Text className="card-title">{m + 1} 月</Text>
          <View className="month-grid">
            {WEEKDAYS.map((w) => (
              <Text className="weekday" key={w}>
                {w}
              </Text>
            ))}
            {Array.from({ length: dayOfWeek(days[0]!.date) }, (_, i) => (
              <View className="day day-blank" key={`b${i}`} />
            ))}
            {days.map((d) => (
              <View
                key={d.date}
                id={`day-${d.date}`}
                className={`day day-${d.kind}`}
                aria-label={`${d.date} ${d.name ?? ''}${KIND_TEXT[d.kind]}`}
                role="button"
                {...pressable()}
                onClick={() => tap(d)}
              >
                <Text className="day-number">{Number(d.date.slice(8))}</Text>
                <Text className="day-mark">
                  {d.kind === 'holiday' ? (d.name ?? '休').slice(0, 2) : KIND_TEXT[d.kind]}
                </Text>
              </View>
            ))}
          </View>
        </View>
      ))}
    </Screen>
  );
}
