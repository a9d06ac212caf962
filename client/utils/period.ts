/**
 * Periods as people read them (issue #19): 2026-11 → 2026年11月, 2026-Q4 → 2026年第四季度.
 * Anything else is returned as it is.
 */
const QUARTERS = ['一', '二', '三', '四'];

export function periodLabel(period: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return `${month[1]}年${Number(month[2])}月`;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `${quarter[1]}年第${QUARTERS[Number(quarter[2]) - 1]}季度`;
  return period;
}
