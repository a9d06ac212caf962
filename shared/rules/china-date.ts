/**
 * The China calendar day of an instant, without a date library: pages that only need today's day, month or
 * quarter (client/utils/format.ts, on the home page's first screen) import this, not dates.ts with dayjs.
 */

/** China keeps UTC+8 all year (no daylight saving). */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China calendar day an instant falls on: a visit at 23:30 Beijing time belongs to that day. */
export function chinaDate(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The quarter of a China calendar day (2026-12-31 → 2026-Q4); `iso` is a valid YYYY-MM-DD. */
export function quarterOfChinaDate(iso: string): string {
  return `${iso.slice(0, 4)}-Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;
}
