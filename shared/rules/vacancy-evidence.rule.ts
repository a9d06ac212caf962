import { addMonths, assertIsoDate } from './dates';

/**
 * Consecutive months a unit stood vacant, from the quarterly home safety visits (武昌调研报告 二(三): 每季度
 * 全覆盖入户安全巡查; the visit form asks 是否有人居住) — the evidence behind 乌兰察布 第三十二条(三)、第三十八条(五)
 * (无正当理由连续6个月以上未在公共租赁住房居住). The system holds no meter readings (the bills' 代收费用 lines
 * are fixed monthly charges, not consumption), so the visits are the only evidence.
 *
 * What a visit shows: the volunteer's answer to 是否有人居住 decides (有人居住 / 无人居住迹象 / 无法判断); a visit
 * without that answer counts as lived in when somebody opened the door (`visited`) and shows nothing
 * otherwise (nobody at home is not vacancy). The run of vacancy is the visits that found the unit vacant
 * after the last one that found it lived in (a lived-in finding ends any earlier run); its length is the
 * whole calendar months from the first of them to the last — only what the visits saw, never extended to
 * today. Visits before the lease started do not count.
 */
export type OccupancyAnswer = 'lived_in' | 'vacant' | 'unsure';

export const OCCUPANCY_LABELS: Record<OccupancyAnswer, string> = {
  lived_in: '有人居住',
  vacant: '无人居住迹象',
  unsure: '无法判断',
};

export interface VisitObservation {
  /** The China date of the visit. */
  date: string;
  outcome: 'visited' | 'nobody_home' | 'refused';
  occupancy?: OccupancyAnswer | null;
  /** Carried through untouched (the visit's notes, for the office's view). */
  notes?: string;
}

export type VisitFinding = 'lived_in' | 'vacant' | 'none';

export function visitFinding(v: VisitObservation): VisitFinding {
  if (v.occupancy === 'lived_in' || v.occupancy === 'vacant') return v.occupancy;
  if (v.occupancy === 'unsure') return 'none';
  return v.outcome === 'visited' ? 'lived_in' : 'none';
}

/** Whole calendar months from `from` to `to` (2026-01-15 → 2026-07-15 is 6; → 2026-07-14 is 5). */
export function wholeMonthsBetween(from: string, to: string): number {
  assertIsoDate(from);
  assertIsoDate(to);
  if (to < from) return 0;
  let n =
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
    Number(to.slice(5, 7)) -
    Number(from.slice(5, 7));
  while (n > 0 && addMonths(from, n) > to) n -= 1;
  return n;
}

export interface VacancyRun {
  months: number;
  /** The first and last visit of the run; null when the visits show no vacancy now. */
  from: string | null;
  to: string | null;
  /** Each visit considered, in date order, with what it showed and whether it is part of the run. */
  visits: (VisitObservation & { finding: VisitFinding; counted: boolean })[];
}

export function vacancyRun(observations: readonly VisitObservation[], leaseStartDate: string): VacancyRun {
  assertIsoDate(leaseStartDate, '租约开始日期');
  const visits = observations
    .filter((v) => v.date >= leaseStartDate)
    .map((v) => ({ ...v, finding: visitFinding(v), counted: false }))
    .sort((a, b) => a.date.localeCompare(b.date));
  let lastLived = -1;
  visits.forEach((v, i) => {
    if (v.finding === 'lived_in') lastLived = i;
  });
  const run = visits.slice(lastLived + 1).filter((v) => v.finding === 'vacant');
  for (const v of run) v.counted = true;
  const first = run[0]?.date ?? null;
  const last = run[run.length - 1]?.date ?? null;
  return {
    months: first && last ? wholeMonthsBetween(first, last) : 0,
    from: first,
    to: last,
    visits,
  };
}
