import holidayData from 'chinese-days/dist/chinese-days.json';
import { addDays, assertIsoDate, isIsoDate } from './dates';
import { reason, type Decision, type Reason } from './reason';

/**
 * Working days under China's statutory holidays and adjusted working days (调休).
 *
 * Where the arrangement of a year comes from, in this order (docs/conventions.md, "Time"):
 * 1. the housing office's own entry of the State Council notice (国务院办公厅关于某年部分节假日安排的通知), kept
 *    in the `holiday_calendars` collection; an office entry replaces the dataset for its whole year;
 * 2. the maintained `chinese-days` dataset (2004–2026 in chinese-days 1.5.7; upgrading the package picks up
 *    later years with no code change, since the covered years are read from the data);
 * 3. neither: Monday–Friday count as working days and every deadline that crosses such a year is marked
 *    provisional (暂按工作日计算), to be recomputed once the office enters that year. A deadline is never
 *    refused for want of a calendar.
 */
const data = holidayData as { holidays: Record<string, string>; workdays: Record<string, string> };

/** One office-entered year: statutory holidays (with their festival) and weekend days made working days. */
export interface YearArrangement {
  year: number;
  holidays: { date: string; name: string }[];
  /** 调休上班: weekend days worked in lieu. */
  workdays: string[];
}

export type YearSource = 'office' | 'dataset' | 'weekdays';

export interface WorkingCalendar {
  /** Holiday name by date, for the years the calendar knows. */
  readonly holidays: ReadonlyMap<string, string>;
  readonly workdays: ReadonlySet<string>;
  readonly sources: ReadonlyMap<number, Exclude<YearSource, 'weekdays'>>;
}

const datasetYears = [...new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))))];
/** Years the bundled dataset covers (read from the data itself). */
export const CALENDAR_COVERAGE = {
  firstYear: Math.min(...datasetYears),
  lastYear: Math.max(...datasetYears),
};

/** `2026-01-01` → `元旦` from the dataset's "New Year's Day,元旦,1". */
const datasetName = (raw: string): string => raw.split(',')[1] ?? raw;

/** The calendar in force: the dataset, with each office-entered year replacing that year whole. */
export function workingCalendar(office: readonly YearArrangement[] = []): WorkingCalendar {
  const officeYears = new Set(office.map((y) => y.year));
  const holidays = new Map<string, string>();
  const workdays = new Set<string>();
  const sources = new Map<number, Exclude<YearSource, 'weekdays'>>();
  for (const [date, raw] of Object.entries(data.holidays)) {
    const year = Number(date.slice(0, 4));
    if (officeYears.has(year)) continue;
    holidays.set(date, datasetName(raw));
    sources.set(year, 'dataset');
  }
  for (const date of Object.keys(data.workdays)) {
    if (!officeYears.has(Number(date.slice(0, 4)))) workdays.add(date);
  }
  for (const y of office) {
    for (const h of y.holidays) holidays.set(h.date, h.name);
    for (const w of y.workdays) workdays.add(w);
    sources.set(y.year, 'office');
  }
  return { holidays, workdays, sources };
}

/** The dataset alone (tests, and callers with no office data at hand). */
export const DATASET_CALENDAR = workingCalendar();

export function yearSource(year: number, calendar: WorkingCalendar = DATASET_CALENDAR): YearSource {
  return calendar.sources.get(year) ?? 'weekdays';
}

const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();
const isWeekend = (iso: string) => weekday(iso) === 0 || weekday(iso) === 6;

/**
 * A working day: Monday–Friday that is not a holiday, or a weekend day made a working day (调休). In a year
 * the calendar does not know, Monday–Friday (see `addWorkingDays` for how that is flagged).
 */
export function isWorkingDay(iso: string, calendar: WorkingCalendar = DATASET_CALENDAR): boolean {
  assertIsoDate(iso);
  if (calendar.workdays.has(iso)) return true;
  if (calendar.holidays.has(iso)) return false;
  return !isWeekend(iso);
}

/** A deadline counted in working days, and whether a year it crosses was counted as plain weekdays. */
export interface WorkingDayDeadline {
  date: string;
  /** True when any day counted lies in a year with no holiday arrangement (shown as 暂按工作日计算). */
  provisional: boolean;
  /** The years counted as plain weekdays, for the message. */
  provisionalYears: number[];
}

/**
 * The date `n` working days after `startIso` (the start day itself not counted), as in "在15个工作日内"
 * (乌兰察布 第十三条 复核; 惠州 并联审核 7个工作日). Never refuses: an unknown year makes the result provisional.
 */
export function addWorkingDays(
  startIso: string,
  n: number,
  calendar: WorkingCalendar = DATASET_CALENDAR,
): WorkingDayDeadline {
  assertIsoDate(startIso);
  if (!Number.isInteger(n) || n < 0) throw new RangeError('工作日天数必须是非负整数');
  let day = startIso;
  let left = n;
  const unknown = new Set<number>();
  while (left > 0) {
    day = addDays(day, 1);
    const year = Number(day.slice(0, 4));
    if (!calendar.sources.has(year)) unknown.add(year);
    if (isWorkingDay(day, calendar)) left--;
  }
  return { date: day, provisional: unknown.size > 0, provisionalYears: [...unknown].sort() };
}

/** Working days from `fromIso` (exclusive) to `toIso` (inclusive). */
export function workingDaysBetween(
  fromIso: string,
  toIso: string,
  calendar: WorkingCalendar = DATASET_CALENDAR,
): number {
  assertIsoDate(fromIso);
  assertIsoDate(toIso);
  let count = 0;
  for (let d = addDays(fromIso, 1); d <= toIso; d = addDays(d, 1)) if (isWorkingDay(d, calendar)) count++;
  return count;
}

export { PROVISIONAL_LABEL } from './working-days.labels';

export const HOLIDAY_NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;

/** Limits of one year's entry: the State Council notices list about 30 holiday days and under 10 调休 days. */
export const ARRANGEMENT_LIMITS = { maxHolidays: 60, maxWorkdays: 20, maxNameLength: 10 } as const;

const SOURCE = '国务院办公厅 节假日安排通知';

/**
 * Checks an office entry of one year's arrangement before it is saved: every date real and in that year,
 * no date both a holiday and a working day, 调休 working days on weekends only, a year not yet over
 * (changing a past year would move deadlines already served). Returns the entry normalised (sorted,
 * trimmed) or every problem found, in Chinese.
 */
export function validateYearArrangement(input: YearArrangement, todayIso: string): Decision<YearArrangement> {
  assertIsoDate(todayIso);
  const problems: Reason[] = [];
  const bad = (code: string, message: string) => problems.push(reason(code, SOURCE, message));
  const { year } = input;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    bad('CALENDAR_BAD_YEAR', `年份不正确：${year}。`);
    return { ok: false, reasons: problems };
  }
  if (year < Number(todayIso.slice(0, 4))) {
    bad('CALENDAR_YEAR_CLOSED', `${year} 年已经结束，不能再修改该年的节假日安排。`);
  }
  const checkDate = (d: string, what: string): boolean => {
    if (!isIsoDate(d)) {
      bad('CALENDAR_BAD_DATE', `${what}“${d}”不是一个存在的日期。`);
      return false;
    }
    if (Number(d.slice(0, 4)) !== year) {
      bad('CALENDAR_WRONG_YEAR', `${what}“${d}”不在 ${year} 年内。`);
      return false;
    }
    return true;
  };
  if (input.holidays.length === 0) bad('CALENDAR_EMPTY', `请至少录入一天 ${year} 年的法定节假日。`);
  if (input.holidays.length > ARRANGEMENT_LIMITS.maxHolidays)
    bad('CALENDAR_TOO_MANY', `节假日最多录入 ${ARRANGEMENT_LIMITS.maxHolidays} 天。`);
  if (input.workdays.length > ARRANGEMENT_LIMITS.maxWorkdays)
    bad('CALENDAR_TOO_MANY', `调休上班日最多录入 ${ARRANGEMENT_LIMITS.maxWorkdays} 天。`);

  const holidays = new Map<string, string>();
  for (const h of input.holidays) {
    const name = h.name.trim();
    if (!checkDate(h.date, '节假日')) continue;
    if (!name || name.length > ARRANGEMENT_LIMITS.maxNameLength)
      bad('CALENDAR_BAD_NAME', `${h.date} 的节日名称应为 1–${ARRANGEMENT_LIMITS.maxNameLength} 个字。`);
    if (holidays.has(h.date)) bad('CALENDAR_DUPLICATE', `节假日 ${h.date} 录入了两次。`);
    holidays.set(h.date, name);
  }
  const workdays = new Set<string>();
  for (const w of input.workdays) {
    if (!checkDate(w, '调休上班日')) continue;
    if (workdays.has(w)) bad('CALENDAR_DUPLICATE', `调休上班日 ${w} 录入了两次。`);
    if (holidays.has(w)) bad('CALENDAR_CONFLICT', `${w} 不能既是节假日又是调休上班日。`);
    else if (!isWeekend(w))
      bad('CALENDAR_WORKDAY_NOT_WEEKEND', `${w} 本来就是工作日，调休上班日应为周六或周日。`);
    workdays.add(w);
  }
  if (problems.length > 0) return { ok: false, reasons: problems };
  return {
    ok: true,
    value: {
      year,
      holidays: [...holidays].sort(([a], [b]) => a.localeCompare(b)).map(([date, name]) => ({ date, name })),
      workdays: [...workdays].sort(),
    },
    reasons: [],
  };
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday';

export interface CalendarDay {
  date: string;
  kind: DayKind;
  /** The festival, for holidays and 调休 days the calendar names. */
  name: string | null;
}

/** One month of a calendar, day by day (the office's preview of an entry, month by month). */
export function calendarMonth(
  year: number,
  month: number,
  calendar: WorkingCalendar = DATASET_CALENDAR,
): CalendarDay[] {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  assertIsoDate(first);
  const days: CalendarDay[] = [];
  for (let d = first; d.slice(0, 7) === first.slice(0, 7); d = addDays(d, 1)) {
    const holiday = calendar.holidays.get(d);
    const kind: DayKind = calendar.workdays.has(d)
      ? 'adjusted_workday'
      : holiday
        ? 'holiday'
        : isWeekend(d)
          ? 'weekend'
          : 'workday';
    days.push({ date: d, kind, name: holiday ?? null });
  }
  return days;
}

/** Day of the week of an ISO date, 0 = Sunday (for laying out a month grid). */
export const dayOfWeek = weekday;

/**
 * The year whose arrangement the office should enter now: from 1 October (the State Council usually
 * publishes the next year's notice in October–December), next year while neither the office nor the
 * dataset has it; otherwise null.
 */
export function missingArrangementYear(todayIso: string, calendar: WorkingCalendar): number | null {
  assertIsoDate(todayIso);
  const year = Number(todayIso.slice(0, 4));
  const missing = (y: number) => yearSource(y, calendar) === 'weekdays';
  if (missing(year)) return year;
  return todayIso.slice(5) >= '10-01' && missing(year + 1) ? year + 1 : null;
}
