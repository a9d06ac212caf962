// Periods as people read them (2026-11 → 2026年11月, 2026-Q4 → 2026年第四季度): one formatting with the
// functions', in shared/.
export { periodLabel } from '@shared/rules/period-label';

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
