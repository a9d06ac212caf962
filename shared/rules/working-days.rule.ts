import holidayData from 'chinese-days/dist/chinese-days.json';
import { addDays, assertIsoDate } from './dates';
import { reason, type Decision } from './reason';

/**
 * Working days under China's statutory holidays and adjusted working days (调休), from the maintained
 * `chinese-days` dataset (State Council notices; chinese-days 1.5.7, the newest release on npm when this was
 * written, covers 2004–2026). A date outside the dataset's years is refused, never guessed: deadlines that
 * run into 2027 come back as `CALENDAR_NOT_COVERED` until the package is upgraded after the State Council
 * publishes the 2027 arrangement (usually in November). `CALENDAR_COVERAGE` is read from the data itself.
 */
const data = holidayData as { holidays: Record<string, string>; workdays: Record<string, string> };
const years = Object.keys(data.holidays).map((d) => Number(d.slice(0, 4)));
export const CALENDAR_COVERAGE = { firstYear: Math.min(...years), lastYear: Math.max(...years) };

export function isCovered(iso: string): boolean {
  const y = Number(iso.slice(0, 4));
  return y >= CALENDAR_COVERAGE.firstYear && y <= CALENDAR_COVERAGE.lastYear;
}

/** A working day: Monday–Friday that is not a holiday, or a weekend day made a working day (调休). */
export function isWorkingDay(iso: string): boolean {
  assertIsoDate(iso);
  if (!isCovered(iso)) throw new RangeError(`节假日数据不含 ${iso.slice(0, 4)} 年`);
  if (data.workdays[iso]) return true;
  if (data.holidays[iso]) return false;
  const dow = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/**
 * The date `n` working days after `startIso` (the start day itself not counted), as in "在15个工作日内".
 * Refuses when the count runs past the dataset.
 */
export function addWorkingDays(startIso: string, n: number): Decision<string> {
  assertIsoDate(startIso);
  if (!Number.isInteger(n) || n < 0) throw new RangeError('工作日天数必须是非负整数');
  let day = startIso;
  let left = n;
  while (left > 0) {
    day = addDays(day, 1);
    if (!isCovered(day)) {
      return {
        ok: false,
        reasons: [
          reason(
            'CALENDAR_NOT_COVERED',
            '国务院办公厅 节假日安排通知',
            `${day.slice(0, 4)} 年的法定节假日安排尚未收录，无法计算工作日期限，请更新节假日数据。`,
          ),
        ],
      };
    }
    if (isWorkingDay(day)) left--;
  }
  return { ok: true, value: day, reasons: [] };
}

/** Working days from `fromIso` (exclusive) to `toIso` (inclusive). */
export function workingDaysBetween(fromIso: string, toIso: string): number {
  assertIsoDate(fromIso);
  assertIsoDate(toIso);
  let count = 0;
  for (let d = addDays(fromIso, 1); d <= toIso; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
  return count;
}
