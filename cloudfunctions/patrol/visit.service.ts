import { COLLECTIONS } from '@shared/collections';
import type { CareDueItem, LogView, VisitView, patrolContract } from '@shared/contracts/patrol.contract';
import { AppError } from '@shared/errors';
import { quarterOf, quarterRange } from '@shared/rules/dates';
import { nextAttemptOn } from '@shared/rules/patrol.rule';
import type { z } from 'zod';
import type { BuildingDoc } from '../_runtime/documents';
import { fetchAll } from '../_runtime/fetch-all';
import type { ServiceContext } from '../_runtime/handler';
import { careDueItem } from './care.service';
import {
  canManage,
  chinaDate,
  chinaDayStart,
  checkClientTime,
  currentQuarter,
  docsByIds,
  getDoc,
  idFromClient,
  patrolSettings,
  readPhoto,
  requireUser,
  sha256,
  storePhotos,
} from './patrol.common';
import type {
  CareDoc,
  ChecklistItem,
  PatrolLogDoc,
  PatrolRouteDoc,
  PatrolRunDoc,
  PatrolVisitDoc,
} from './patrol.documents';
import { routeViews } from './plan.service';

type In<A extends keyof typeof patrolContract> = z.output<(typeof patrolContract)[A]['input']>;

export const VISIT_STATUS_LABELS: Record<PatrolVisitDoc['status'], string> = {
  to_visit: '待走访',
  visited: '已走访',
  nobody_home: '无人在家',
  refused: '拒绝入户',
};

function checklistOf(run: PatrolRunDoc | undefined, v: PatrolVisitDoc): ChecklistItem[] {
  if (!run) return [];
  return v.target === 'unit' ? run.homeChecklist : run.publicChecklist;
}

export function visitView(v: PatrolVisitDoc, run: PatrolRunDoc | undefined, buildingName: string): VisitView {
  return {
    id: v._id,
    runId: v.planId,
    routeId: v.routeId,
    target: v.target,
    label: v.label,
    buildingName,
    floor: v.floor,
    status: v.status,
    statusLabel: VISIT_STATUS_LABELS[v.status],
    specialCare: v.specialCare,
    attempts: v.attempts,
    retryOn: v.retryOn,
    plannedOn: v.plannedOn,
    lastVisitedAt: v.lastVisitedAt,
    checklist: checklistOf(run, v),
  };
}

function logView(l: PatrolLogDoc): LogView {
  return {
    id: l._id,
    clientLogId: l.clientLogId,
    visitId: l.visitId,
    label: l.label,
    outcome: l.outcome,
    outcomeLabel: VISIT_STATUS_LABELS[l.outcome],
    visitedAt: l.visitedAt,
    receivedAt: l.receivedAt,
    checklist: l.checklist,
    notes: l.notes,
    photos: l.photoKeys.length,
  };
}

export function createVisitService(ctx: ServiceContext) {
  const rt = ctx.rt;
  const db = rt.db;

  async function views(visits: PatrolVisitDoc[]): Promise<VisitView[]> {
    const runs = await docsByIds<PatrolRunDoc>(
      db,
      COLLECTIONS.patrolRuns,
      visits.map((v) => v.planId),
    );
    const buildings = await docsByIds<BuildingDoc>(
      db,
      COLLECTIONS.buildings,
      visits.map((v) => v.buildingId),
    );
    return visits.map((v) => visitView(v, runs.get(v.planId), buildings.get(v.buildingId)?.name ?? ''));
  }

  /** The volunteer of the visit, or a manager of its project; anyone else gets NOT_FOUND. */
  async function loadVisit(visitId: string): Promise<PatrolVisitDoc> {
    const user = requireUser(ctx);
    const v = await getDoc<PatrolVisitDoc>(db, COLLECTIONS.patrolStops, visitId);
    if (!v || (v.volunteerUserId !== user._id && !canManage(ctx, v.projectId)))
      throw new AppError('NOT_FOUND');
    return v;
  }

  return {
    async myToday(input: In<'myToday'>) {
      const user = requireUser(ctx);
      const date = input.date ?? chinaDate(rt.now().getTime());
      const quarter = quarterOf(date);
      const mine = await fetchAll<PatrolVisitDoc>(
        db
          .collection(COLLECTIONS.patrolStops)
          .where({ quarter, volunteerUserId: user._id })
          .orderBy('_id', 'asc'),
      );
      const dayStart = chinaDayStart(date);
      const dayEnd = dayStart + 86_400_000;
      const today = mine.filter((v) => {
        if (v.status === 'to_visit') return v.plannedOn <= date;
        if (v.status === 'nobody_home' && v.retryOn && v.retryOn <= date) return true;
        const last = v.lastVisitedAt ? Date.parse(v.lastVisitedAt) : NaN;
        return last >= dayStart && last < dayEnd; // done today: shown with its status
      });
      const open = (v: PatrolVisitDoc) => v.status === 'to_visit' || v.status === 'nobody_home';
      today.sort(
        (a, b) =>
          Number(b.specialCare) - Number(a.specialCare) ||
          Number(open(b)) - Number(open(a)) ||
          (a.routeId < b.routeId ? -1 : a.routeId > b.routeId ? 1 : 0) ||
          (a.floor ?? -1) - (b.floor ?? -1) ||
          (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
      );
      const care = (
        await fetchAll<CareDoc>(
          db.collection(COLLECTIONS.careRegistry).where({ volunteerUserId: user._id }).orderBy('_id', 'asc'),
        )
      ).filter((c) => c.active && (Date.parse(c.nextDueAt) < dayEnd || c.notReachedSince));
      const items: CareDueItem[] = care
        .map((c) => careDueItem(c, rt.now().getTime()))
        .sort((a, b) => (a.nextDueAt < b.nextDueAt ? -1 : 1));
      const counts = { toVisit: 0, visited: 0, nobodyHome: 0, refused: 0 };
      for (const v of today) {
        if (v.status === 'to_visit') counts.toVisit++;
        else if (v.status === 'visited') counts.visited++;
        else if (v.status === 'nobody_home') counts.nobodyHome++;
        else counts.refused++;
      }
      return { date, care: items, visits: await views(today), counts };
    },

    async myRoutes(input: In<'myRoutes'>) {
      const user = requireUser(ctx);
      const quarter = input.quarter ?? currentQuarter(rt);
      const routes = await fetchAll<PatrolRouteDoc>(
        db
          .collection(COLLECTIONS.patrolPlans)
          .where({ quarter, volunteerUserId: user._id })
          .orderBy('_id', 'asc'),
      );
      return (await routeViews(rt, routes)).sort((a, b) => (a.plannedOn < b.plannedOn ? -1 : 1));
    },

    async routeVisits(input: In<'routeVisits'>) {
      const user = requireUser(ctx);
      const route = await getDoc<PatrolRouteDoc>(db, COLLECTIONS.patrolPlans, input.routeId);
      if (!route || (route.volunteerUserId !== user._id && !canManage(ctx, route.projectId)))
        throw new AppError('NOT_FOUND');
      const visits = await fetchAll<PatrolVisitDoc>(
        db.collection(COLLECTIONS.patrolStops).where({ routeId: route._id }).orderBy('_id', 'asc'),
      );
      visits.sort(
        (a, b) =>
          Number(b.specialCare) - Number(a.specialCare) ||
          (a.floor ?? -1) - (b.floor ?? -1) ||
          (a.label < b.label ? -1 : 1),
      );
      const [routeView] = await routeViews(rt, [route]);
      return { route: routeView!, visits: await views(visits) };
    },

    async logVisit(input: In<'logVisit'>) {
      const user = requireUser(ctx);
      const logId = idFromClient('pl', user._id, input.clientLogId);
      const visit = await loadVisit(input.visitId);
      const run = await getDoc<PatrolRunDoc>(db, COLLECTIONS.patrolRuns, visit.planId);
      const items = checklistOf(run, visit);
      const at = checkClientTime(input.visitedAt, rt.now().getTime(), '走访时间');
      if (at < chinaDayStart(quarterRange(visit.quarter).start))
        throw new AppError('INVALID_INPUT', '走访时间早于本轮巡查开始时间。');

      // The checklist: a completed visit answers every item once; other outcomes may answer some.
      const answers = new Map<string, { result: 'ok' | 'problem' | 'na'; note: string }>();
      for (const a of input.checklist) {
        if (!items.some((i) => i.id === a.id)) throw new AppError('INVALID_INPUT', `检查项目不存在：${a.id}`);
        if (answers.has(a.id)) throw new AppError('INVALID_INPUT', `检查项目重复：${a.id}`);
        answers.set(a.id, { result: a.result, note: a.note });
      }
      if (input.outcome === 'visited') {
        const missing = items.filter((i) => !answers.has(i.id));
        if (missing.length)
          throw new AppError(
            'INVALID_INPUT',
            `请完成全部检查项目：${missing.map((i) => i.label).join('、')}`,
          );
      }
      if (input.outcome === 'refused' && !input.notes)
        throw new AppError('INVALID_INPUT', '请在备注中说明拒绝入户的情况。');
      const checklist = items
        .filter((i) => answers.has(i.id))
        .map((i) => ({
          id: i.id,
          label: i.label,
          ...(answers.get(i.id) as { result: 'ok' | 'problem' | 'na'; note: string }),
        }));
      const visitedAt = new Date(at).toISOString();
      const digest = sha256(
        JSON.stringify({
          visitId: visit._id,
          outcome: input.outcome,
          visitedAt,
          checklist: checklist.map((c) => [c.id, c.result, c.note]),
          notes: input.notes,
          photos: input.photos.map((p) => sha256(p)),
        }),
      );

      const replay = async (existing: PatrolLogDoc) => {
        if (existing.digest !== digest)
          throw new AppError('CONFLICT', '这条走访记录的编号已用于另一条内容不同的记录，请刷新后重新填写。');
        const current =
          (await getDoc<PatrolVisitDoc>(db, COLLECTIONS.patrolStops, existing.visitId)) ?? visit;
        const [view] = await views([current]);
        return { log: logView(existing), visit: view!, replayed: true };
      };
      const stored = await getDoc<PatrolLogDoc>(db, COLLECTIONS.patrolVisits, logId);
      if (stored) return replay(stored);
      if (visit.status === 'visited')
        throw new AppError('STATE_INVALID', `${visit.label} 本轮巡查已完成走访，无需重复记录。`);

      const photoKeys = await storePhotos(rt, `patrol/${logId}/photo`, input.photos);
      const log: PatrolLogDoc = {
        _id: logId,
        clientLogId: input.clientLogId,
        digest,
        volunteerUserId: user._id,
        visitId: visit._id,
        planId: visit.planId,
        quarter: visit.quarter,
        projectId: visit.projectId,
        buildingId: visit.buildingId,
        unitId: visit.unitId,
        label: visit.label,
        outcome: input.outcome,
        visitedAt,
        receivedAt: rt.now().toISOString(),
        checklist,
        notes: input.notes,
        photoKeys,
      };
      const settings = patrolSettings();
      const result = await db.runTransaction<
        { replayOf: PatrolLogDoc; visit?: undefined } | { replayOf?: undefined; visit: PatrolVisitDoc }
      >(async (tx) => {
        const again = (await tx.collection(COLLECTIONS.patrolVisits).doc(logId).get())
          .data as PatrolLogDoc | null;
        if (again) return { replayOf: again as PatrolLogDoc };
        const v = (await tx.collection(COLLECTIONS.patrolStops).doc(visit._id).get())
          .data as PatrolVisitDoc | null;
        if (!v) throw new AppError('NOT_FOUND');
        if (v.status === 'visited')
          throw new AppError('STATE_INVALID', `${v.label} 本轮巡查已完成走访，无需重复记录。`);
        const attempts = v.attempts + 1;
        const patch: Partial<PatrolVisitDoc> = {
          status: input.outcome,
          attempts,
          nobodyHomeAttempts: v.nobodyHomeAttempts + (input.outcome === 'nobody_home' ? 1 : 0),
          retryOn: input.outcome === 'nobody_home' ? nextAttemptOn(chinaDate(at), attempts, settings) : null,
          lastVisitedAt: visitedAt,
          lastLogId: logId,
        };
        const { _id: _omit, ...body } = log;
        await tx.collection(COLLECTIONS.patrolVisits).doc(logId).set(body);
        await tx.collection(COLLECTIONS.patrolStops).doc(v._id).update(patch);
        return { visit: { ...v, ...patch } as PatrolVisitDoc };
      });
      if (result.replayOf) return replay(result.replayOf);
      const [view] = await views([result.visit]);
      return { log: logView(log), visit: view!, replayed: false };
    },

    async myLogs(input: In<'myLogs'>): Promise<LogView[]> {
      const user = requireUser(ctx);
      const quarter = input.quarter ?? currentQuarter(rt);
      const logs = await fetchAll<PatrolLogDoc>(
        db
          .collection(COLLECTIONS.patrolVisits)
          .where({ volunteerUserId: user._id, quarter })
          .orderBy('visitedAt', 'desc'),
      );
      return logs.map(logView);
    },

    async logPhoto(input: In<'logPhoto'>) {
      const user = requireUser(ctx);
      const log = await getDoc<PatrolLogDoc>(db, COLLECTIONS.patrolVisits, input.logId);
      if (!log || (log.volunteerUserId !== user._id && !canManage(ctx, log.projectId)))
        throw new AppError('NOT_FOUND');
      return readPhoto(rt, log.photoKeys[input.index]);
    },
  };
}
