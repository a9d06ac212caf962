import { chinaDate, quarterOfChinaDate } from '@shared/rules/china-date';

/** ¥1,234.50 from integer fen (display only; money stays in fen everywhere else). */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** 2026-11-22 → 2026年11月22日 */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** '1,234.5' / '¥12' / '-3.20' → fen, or null when it is not an amount with at most two decimals. */
export function parseYuan(text: string): number | null {
  const t = text.trim().replace(/[¥,，\s]/g, '');
  const m = /^(-?)(\d{1,9})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -fen : fen;
}

/** The month a moment falls in, in China time: 2026-11-30T20:00:00Z → '2026-12'. */
export function chinaMonth(at: Date = new Date()): string {
  return chinaDate(at.getTime()).slice(0, 7);
}

/** The quarter a moment falls in, in China time: 2026-12-31T20:00:00Z → '2027-Q1'. */
export function chinaQuarter(at: Date = new Date()): string {
  return quarterOfChinaDate(chinaDate(at.getTime()));
}

/** 0.8571 → '85.7%' */
export function formatPercent(ratio: number): string {
  return `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`;
}
