import dayjs from 'dayjs';

/**
 * Calendar dates are ISO `YYYY-MM-DD` strings and instants are epoch milliseconds, always passed in by the
 * caller (shared/ has no clock). Month arithmetic clamps to the month's end (2026-01-31 + 1 month =
 * 2026-02-28), as dayjs does.
 */
const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function assertIsoDate(value: string, what = '日期'): void {
  if (
    !ISO.test(value) ||
    !dayjs(value, 'YYYY-MM-DD').isValid() ||
    dayjs(value).format('YYYY-MM-DD') !== value
  ) {
    throw new RangeError(`${what}格式不正确（应为 YYYY-MM-DD）：${value}`);
  }
}

/** True for a `YYYY-MM-DD` date that exists on the calendar (2026-02-30 and 0000-00-00 do not). */
export function isIsoDate(value: string): boolean {
  try {
    assertIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

export function addMonths(iso: string, months: number): string {
  assertIsoDate(iso);
  return dayjs(iso).add(months, 'month').format('YYYY-MM-DD');
}

export function addYears(iso: string, years: number): string {
  assertIsoDate(iso);
  return dayjs(iso).add(years, 'year').format('YYYY-MM-DD');
}

export function addDays(iso: string, days: number): string {
  assertIsoDate(iso);
  return dayjs(iso).add(days, 'day').format('YYYY-MM-DD');
}

/** A day in words, as a message says it: 2026-12-09 → 2026年12月9日. */
export function dateInWords(iso: string): string {
  assertIsoDate(iso);
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** Whole years from `from` to `to` (an age, a lock period). */
export function wholeYearsBetween(from: string, to: string): number {
  assertIsoDate(from);
  assertIsoDate(to);
  return dayjs(to).diff(dayjs(from), 'year');
}

export { chinaDate } from './china-date';

/** The instant a China calendar day starts. */
export function chinaDayStart(iso: string): number {
  return Date.parse(`${iso}T00:00:00+08:00`);
}

/** The Monday of the week a day is in (weeks run Monday to Sunday). */
export function mondayOf(iso: string): string {
  assertIsoDate(iso);
  const weekday = (new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(iso, -weekday);
}

/** Calendar quarter label, e.g. `2026-Q4`. */
export function quarterOf(iso: string): string {
  assertIsoDate(iso);
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/** First and last day of a quarter label. */
export function quarterRange(quarter: string): { start: string; end: string } {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) throw new RangeError(`季度格式不正确：${quarter}`);
  const startMonth = (Number(m[2]) - 1) * 3 + 1;
  const start = `${m[1]}-${String(startMonth).padStart(2, '0')}-01`;
  return { start, end: dayjs(start).add(3, 'month').subtract(1, 'day').format('YYYY-MM-DD') };
}
