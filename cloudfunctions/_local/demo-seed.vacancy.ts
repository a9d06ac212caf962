import type { CollectionName } from '@shared/collections';
import { addMonths, chinaDate, chinaDayStart, quarterOf, quarterRange } from '@shared/rules/dates';
import { HOME_VISIT_CHECKLIST, nextAttemptOn } from '@shared/rules/patrol.rule';
import { patrolSettingsOf } from '@shared/rules/operator-constants.rule';
import type { PolicyPreset } from '@shared/policy/policy-preset';
import { billBalance } from '@shared/rules/billing.rule';
import type { BillDoc, LeaseDoc } from '../_runtime/documents';
import type { PatrolLogDoc, PatrolVisitDoc } from '../patrol/patrol.documents';

const VACANCY_ITEM = HOME_VISIT_CHECKLIST.find((c) => c.id === 'vacancy_sublet') as {
  id: string;
  label: string;
};

/**
 * The demo district's vacancy evidence (乌兰察布 第三十二条(三), 第三十八条(五): 无正当理由连续6个月以上未在
 * 公共租赁住房居住): one tenancy whose quarterly home visits found nobody living there four times over seven
 * months — the last one this quarter, its 空置或转租迹象 item marked, so the office's 退出管理 lists the
 * signal and 连续闲置 shows the visits reaching the threshold. The household is none of the other demo
 * stories (personas, the arrears case, the renewals), pays its rent, and its unit is on another volunteer's
 * route than the volunteer persona's, whose list stays untouched. This quarter's stop records the attempt
 * as the patrol function would (无人在家, a second attempt scheduled).
 */
export function addVacancyDemo(
  docs: Record<CollectionName, object[]>,
  p: {
    today: Date;
    leases: LeaseDoc[];
    bills: BillDoc[];
    /** Households the other demo stories use (left out of this one). */
    skip: string[];
    policyFor: (projectId: string) => PolicyPreset;
  },
): void {
  const nowMs = p.today.getTime();
  const day = chinaDate(nowMs);
  const quarter = quarterOf(day);
  const taken = new Set([
    ...p.skip,
    ...(docs.exit_cases as { householdId: string }[]).map((c) => c.householdId),
    ...(docs.renewals as { householdId: string }[]).map((r) => r.householdId),
  ]);
  // The last visit: this quarter, two days ago (or the quarter's first morning, when younger than that).
  const lastMs = Math.min(
    nowMs - 60_000,
    Math.max(nowMs - 2 * 86_400_000, chinaDayStart(quarterRange(quarter).start) + 10 * 3_600_000),
  );
  const lastDay = chinaDate(lastMs);
  const firstDay = addMonths(lastDay, -7);
  const paysRent = (l: LeaseDoc) =>
    p.bills
      .filter((b) => b.leaseId === l._id && b.dueDate < day)
      .every((b) => billBalance(b.amountFen, b.entries).balanceFen <= 0);
  const stops = docs.patrol_stops as PatrolVisitDoc[];
  const candidates = p.leases
    .filter((l) => l.status === 'active' && l.startDate <= firstDay && !taken.has(l.householdId))
    .map((l) => ({
      lease: l,
      stop: stops.find(
        (s) =>
          s.unitId === l.unitId &&
          s.quarter === quarter &&
          s.status === 'to_visit' &&
          !s.specialCare &&
          s.volunteerUserId !== null &&
          s.volunteerUserId !== 'u-volunteer',
      ),
    }))
    .filter((c): c is { lease: LeaseDoc; stop: PatrolVisitDoc } => !!c.stop && paysRent(c.lease));
  const chosen = candidates[0];
  if (!chosen) return;
  const { stop } = chosen;
  const volunteer = stop.volunteerUserId as string;

  const findings = [
    { months: 7, note: '敲门无人应答，门把手积灰，信箱塞满广告' },
    { months: 5, note: '无人应答，电表数月读数未变' },
    { months: 2, note: '无人应答，邻居称已半年多未见住户' },
    { months: 0, note: '无人应答，门缝塞满缴费通知，屋内无生活迹象' },
  ];
  findings.forEach((f, i) => {
    const visitedMs = f.months === 0 ? lastMs : chinaDayStart(addMonths(lastDay, -f.months)) + 10 * 3_600_000;
    const visitedAt = new Date(visitedMs).toISOString();
    const q = quarterOf(chinaDate(visitedMs));
    const current = q === quarter;
    const logId = `pl-demo-vacancy-${i + 1}`;
    const log: PatrolLogDoc = {
      _id: logId,
      clientLogId: `demo-vacancy-${i + 1}`,
      digest: `demo-vacancy-${i + 1}`,
      volunteerUserId: volunteer,
      visitId: current ? stop._id : `${stop._id.replace(/q-\d{4}-Q\d/, `q-${q}`)}`,
      planId: `q-${q}`,
      quarter: q,
      projectId: stop.projectId,
      buildingId: stop.buildingId,
      unitId: stop.unitId,
      label: stop.label,
      outcome: 'nobody_home',
      visitedAt,
      receivedAt: visitedAt,
      checklist: [{ ...VACANCY_ITEM, result: 'problem', note: f.note }],
      notes: '',
      photoFileIds: [],
      occupancy: 'vacant',
    };
    docs.patrol_visits.push(log);
    if (current)
      Object.assign(stop, {
        status: 'nobody_home',
        attempts: 1,
        nobodyHomeAttempts: 1,
        retryOn: nextAttemptOn(lastDay, 1, patrolSettingsOf(p.policyFor(stop.projectId))),
        lastVisitedAt: visitedAt,
        lastLogId: logId,
      } satisfies Partial<PatrolVisitDoc>);
  });
}
