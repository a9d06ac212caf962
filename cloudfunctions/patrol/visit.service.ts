import type { CareDueItem, LogView, VisitView } from '@shared/contracts/patrol.contract';
import { AppError } from '@shared/errors';
import { quarterOf, quarterRange } from '@shared/rules/dates';
import { nextAttemptOn } from '@shared/rules/patrol.rule';
import { canManage, found, requireUser } from '../_runtime/access';
import type { In, ServiceContext } from '../_runtime/handler';
import { careDueItem } from './care.service';
import {
  chinaDate,
  chinaDayStart,
  checkClientTime,
  currentQuarter,
  idFromClient,
  patrolSettings,
  readPhoto,
  releaseUploads,
  sha256,
  storePhotos,
} from './patrol.common';
import type { ChecklistItem, PatrolLogDoc, PatrolRunDoc, PatrolVisitDoc } from './patrol.documents';
import type { PatrolRepository } from './patrol.repository';
import { routeViews } from './plan.service';

export const VISIT_STATUS_LABELS: Record<PatrolVisitDoc['status'], string> = {
  to_visit: '待走访',
  visited: '已走访',
  nobody_home: '无人在家',
  refused: '拒绝入户',
};

function checklistOf(run: PatrolRunDoc | null | undefined, v: PatrolVisitDoc): ChecklistItem[] {
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
    photos: l.photoFileIds.length,
    occupancy: l.occupancy ?? null,
  };
}

async function views(repo: PatrolRepository, visits: PatrolVisitDoc[]): Promise<VisitView[]> {
  const runs = await repo.runsByIds(visits.map((v) => v.planId));
  const buildings = await repo.buildingsByIds(visits.map((v) => v.buildingId));
  return visits.map((v) => visitView(v, runs.get(v.planId), buildings.get(v.buildingId)?.name ?? ''));
}

/** The volunteer of the visit, or a manager of its project; anyone else gets NOT_FOUND. */
async function loadVisit(
  repo: PatrolRepository,
  visitId: string,
  ctx: ServiceContext,
): Promise<PatrolVisitDoc> {
  const user = requireUser(ctx);
  return found(
    await repo.visit(visitId),
    (v) => v.volunteerUserId === user._id || canManage(ctx, v.projectId),
  );
}

export async function myToday(repo: PatrolRepository, input: In<'patrol', 'myToday'>, ctx: ServiceContext) {
  const rt = ctx.rt;
  const user = requireUser(ctx);
  const date = input.date ?? chinaDate(rt.now().getTime());
  const quarter = quarterOf(date);
  const mine = await repo.visitsOfVolunteer(quarter, user._id);
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
  const care = (await repo.careOfVolunteer(user._id)).filter(
    (c) => c.active && (Date.parse(c.nextDueAt) < dayEnd || c.notReachedSince),
  );
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
  return { date, care: items, visits: await views(repo, today), counts };
}

export async function myRoutes(repo: PatrolRepository, input: In<'patrol', 'myRoutes'>, ctx: ServiceContext) {
  const user = requireUser(ctx);
  const quarter = input.quarter ?? currentQuarter(ctx.rt);
  const routes = await repo.routesOfVolunteer(quarter, user._id);
  return (await routeViews(repo, routes)).sort((a, b) => (a.plannedOn < b.plannedOn ? -1 : 1));
}

export async function routeVisits(
  repo: PatrolRepository,
  input: In<'patrol', 'routeVisits'>,
  ctx: ServiceContext,
) {
  const user = requireUser(ctx);
  const route = found(
    await repo.route(input.routeId),
    (r) => r.volunteerUserId === user._id || canManage(ctx, r.projectId),
  );
  const visits = await repo.visitsOfRoute(route._id);
  visits.sort(
    (a, b) =>
      Number(b.specialCare) - Number(a.specialCare) ||
      (a.floor ?? -1) - (b.floor ?? -1) ||
      (a.label < b.label ? -1 : 1),
  );
  const [routeView] = await routeViews(repo, [route]);
  return { route: routeView!, visits: await views(repo, visits) };
}

export async function logVisit(repo: PatrolRepository, input: In<'patrol', 'logVisit'>, ctx: ServiceContext) {
  const rt = ctx.rt;
  const user = requireUser(ctx);
  const logId = idFromClient('pl', user._id, input.clientLogId);
  const visit = await loadVisit(repo, input.visitId, ctx);
  const run = await repo.run(visit.planId);
  const items = checklistOf(run, visit);
  const at = checkClientTime(input.visitedAt, rt.now().getTime(), '走访时间');
  if (at < chinaDayStart(quarterRange(visit.quarter).start))
    throw new AppError('INVALID_INPUT', '走访时间早于本轮巡查开始时间。');

  // The checklist: a completed visit answers every item once, each explicitly (正常 / 有问题 / 不适用: no item
  // is taken as 正常 for want of an answer); other outcomes may answer some.
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
        `请完成全部检查项目，未作答：${missing.map((i) => i.label).join('、')}`,
        Object.fromEntries(missing.map((i) => [`checklist.${i.id}`, `未作答：${i.label}`])),
      );
  }
  if (input.occupancy && visit.target !== 'unit')
    throw new AppError('INVALID_INPUT', '公共区域巡查无需回答是否有人居住。');
  // 是否有人居住 is asked on every home visit (the evidence of 连续未居住, 乌兰察布 第三十二条(三)). A log
  // without the form marker was queued offline by an app from before the question: refusing it would lose
  // the visit the volunteer made, so it is kept without an answer, which vacancy-evidence.rule.ts reads as
  // lived in when somebody opened the door and as nothing otherwise — what the visit did show. (Storing
  // 无法判断 instead would throw away an open door, and with it the end of a vacancy run.)
  if (visit.target === 'unit' && !input.occupancy && input.form !== undefined)
    throw new AppError('INVALID_INPUT', '请选择这户是否有人居住（看不出来请选“无法判断”）。', {
      occupancy: '请选择这户是否有人居住',
    });
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
      // Only when answered, so a log made before the question keeps its digest on a replay.
      ...(input.occupancy ? { occupancy: input.occupancy } : {}),
    }),
  );

  const replay = async (existing: PatrolLogDoc) => {
    if (existing.digest !== digest)
      throw new AppError('CONFLICT', '这条走访记录的编号已用于另一条内容不同的记录，请刷新后重新填写。');
    const current = (await repo.visit(existing.visitId)) ?? visit;
    const [view] = await views(repo, [current]);
    return { log: logView(existing), visit: view!, replayed: true };
  };
  const stored = await repo.log(logId);
  if (stored) return replay(stored);
  if (visit.status === 'visited')
    throw new AppError('STATE_INVALID', `${visit.label} 本轮巡查已完成走访，无需重复记录。`);

  const { fileIds: photoFileIds, uploads } = await storePhotos(
    rt,
    ctx.caller.openid,
    'visit-photo',
    `patrol/${logId}/photo`,
    input.photos,
  );
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
    photoFileIds,
    occupancy: input.occupancy ?? null,
  };
  const settings = patrolSettings(rt);
  const result = await repo.runInTransaction<
    { replayOf: PatrolLogDoc; visit?: undefined } | { replayOf?: undefined; visit: PatrolVisitDoc }
  >(async (t) => {
    const again = await t.log(logId);
    if (again) return { replayOf: again };
    const v = found(await t.visit(visit._id));
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
    await t.setLog(logId, body);
    await t.updateVisit(v._id, patch);
    return { visit: { ...v, ...patch } as PatrolVisitDoc };
  });
  if (result.replayOf) return replay(result.replayOf);
  await releaseUploads(rt, uploads);
  const [view] = await views(repo, [result.visit]);
  return { log: logView(log), visit: view!, replayed: false };
}

export async function myLogs(
  repo: PatrolRepository,
  input: In<'patrol', 'myLogs'>,
  ctx: ServiceContext,
): Promise<LogView[]> {
  const user = requireUser(ctx);
  const quarter = input.quarter ?? currentQuarter(ctx.rt);
  const logs = await repo.logsOfVolunteer(user._id, quarter);
  return logs.map(logView);
}

export async function logPhoto(repo: PatrolRepository, input: In<'patrol', 'logPhoto'>, ctx: ServiceContext) {
  const user = requireUser(ctx);
  const log = found(
    await repo.log(input.logId),
    (l) => l.volunteerUserId === user._id || canManage(ctx, l.projectId),
  );
  return readPhoto(ctx.rt, log.photoFileIds[input.index]);
}
