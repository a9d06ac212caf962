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

/**
 * A person as a tenant reads them (issue #19: people are named, no ids or English): the automatic steps
 * read 系统, and a name that is really an account id (u-admin) or empty reads 工作人员.
 */
export function personName(name: string | null | undefined): string {
  const n = (name ?? '').trim();
  if (n === 'system' || n === '系统') return '系统自动';
  if (!n || /^[\x20-\x7e]+$/.test(n)) return '工作人员';
  return n;
}
