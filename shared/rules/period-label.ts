/**
 * Periods as people read them (issue #19: plain Chinese, quarters in words): 2026-11 → 2026年11月,
 * 2026-Q4 → 2026年第四季度. One formatting for the functions (plan names, exit-case evidence) and the
 * pages (`client/utils/period.ts`), so a quarter never reads 2026年第4季度 anywhere.
 */
const QUARTER_WORDS = ['一', '二', '三', '四'] as const;

/** 2026-Q4 → 2026年第四季度; anything that is not a quarter is returned as it is. */
export function quarterLabel(quarter: string): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  return m ? `${m[1]}年第${QUARTER_WORDS[Number(m[2]) - 1]}季度` : quarter;
}

/** 2026-11 → 2026年11月, 2026-Q4 → 2026年第四季度; anything else is returned as it is. */
export function periodLabel(period: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return `${month[1]}年${Number(month[2])}月`;
  return quarterLabel(period);
}
