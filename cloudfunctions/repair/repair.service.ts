import { idFromClient } from '../_runtime/ids';
import ExcelJS from 'exceljs';
import type { RepairView } from '@shared/contracts/repair.contract';
import { AppError } from '@shared/errors';
import { chinaDate } from '@shared/rules/dates';
import { cite } from '@shared/policy/sources';
import { isRepairOverdue, REPAIR_CATEGORY_LABELS, repairDeadline } from '@shared/rules/repair-deadline.rule';
import {
  REPAIR_STATE_LABELS,
  repairTransition,
  type RepairActor,
  type RepairMove,
  type RepairState,
} from '@shared/rules/repair-flow.rule';
import { RATING_REASON_LABELS, repairStatistics, type RepairFact } from '@shared/rules/repair-stats.rule';
import {
  found,
  hasRole,
  managedProjects,
  notFound,
  requireRole,
  servesProject,
  staffScope,
} from '../_runtime/access';
import { writeExport } from '../_runtime/exports';
import type { UnitDoc } from '../_runtime/documents';
import type { In, ServiceContext } from '../_runtime/handler';
import { photoView, readUploads, recordUploads, releaseUploads, sniffPhoto } from '../_runtime/uploads';
import { sliceFor, type JobSlice } from '../_runtime/job-slice';
import { sliceThrough } from '../_runtime/job-state';
import type { Runtime } from '../_runtime/runtime';
import type { RepairDoc, RepairEvent, RepairRepository } from './repair.repository';

export type { RepairDoc } from './repair.repository';

type Access = RepairActor | null;

const OPEN_STATES: readonly RepairState[] = ['submitted', 'accepted', 'assigned', 'in_progress', 'reopened'];

/** 'YYYY-MM' of an instant in China time (UTC+8, no daylight saving). */
const chinaMonth = (iso: string) => chinaDate(Date.parse(iso)).slice(0, 7);

/**
 * The daily deadline reminder (timer trigger `daily-deadline-reminders`): every open request due within a
 * day or already overdue reminds its assignee (or, unassigned, the project's managers) and the project's
 * managers. One message per request, person and day however often it runs (outbox dedupe keys).
 */
export async function remindRepairDeadlines(
  repo: RepairRepository,
  rt: Runtime,
  slice: JobSlice | null = null,
): Promise<{
  checked: number;
  reminded: number;
  queued: number;
}> {
  const now = rt.now();
  const day = chinaDate(now.getTime());
  let managers: Awaited<ReturnType<typeof repo.usersWithRole>> = [];
  // Sliced: the day's run (`job_state` `daily-deadline-reminders|<day>`) goes through the open requests in
  // `_id` order and keeps its cursor; a run that finds the day done sends nothing.
  const { counts } = await sliceThrough({
    states: repo.jobs,
    job: 'daily-deadline-reminders',
    runKey: day,
    at: now.toISOString(),
    slice: slice ?? sliceFor(rt),
    stateless: slice === null,
    countNames: ['checked', 'reminded', 'queued'],
    key: (r) => r._id,
    items: async () => {
      managers = await repo.usersWithRole('manager');
      return repo.repairsInStates(OPEN_STATES);
    },
    process: async (r, n) => {
      n.checked = (n.checked ?? 0) + 1;
      const q = await remindOne(r);
      if (q !== null) {
        n.reminded = (n.reminded ?? 0) + 1;
        n.queued = (n.queued ?? 0) + q;
      }
    },
  });
  return { checked: counts.checked ?? 0, reminded: counts.reminded ?? 0, queued: counts.queued ?? 0 };

  /** Reminds about one request if it is due within a day or overdue: how many messages were queued, or null. */
  async function remindOne(r: RepairDoc): Promise<number | null> {
    const deadline = Date.parse(r.deadline);
    const overdue = isRepairOverdue(deadline, now.getTime(), false);
    if (!overdue && deadline - now.getTime() > 86_400_000) return null;
    let queued = 0;
    const what = `${REPAIR_CATEGORY_LABELS[r.category]}${r.kind === 'help' ? '求助' : '报修'}`;
    const when = new Date(deadline + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    const body = overdue
      ? `${what}已超过处理期限（${when}），请尽快处理。`
      : `${what}将于 ${when} 到期，请按时处理。`;
    const to = new Set<string>(
      managers.filter((m) => (m.projectIds ?? []).includes(r.projectId)).map((m) => m._id),
    );
    if (r.workerUserId && r.status !== 'submitted' && r.status !== 'reopened') to.add(r.workerUserId);
    for (const userId of to) {
      const result = await rt.messages.enqueue({
        toUserId: userId,
        template: 'repair_update',
        title: overdue ? '报修已超期' : '报修即将到期',
        body,
        dedupeKey: `repair-deadline|${r._id}|${userId}|${day}`,
        fields: { what, status: overdue ? '已超期' : '即将到期', time: when, note: body },
        link: { page: 'repair', id: r._id },
      });
      if (result.queued) queued++;
    }
    return queued;
  }
}

/** How the caller stands to a request: its project's manager, its worker, its tenant, or nobody. */
function accessOf(repair: RepairDoc, ctx: ServiceContext): Access {
  const user = ctx.caller.user;
  if (!user) return null;
  if (managedProjects(ctx).includes(repair.projectId)) return 'manager';
  if (hasRole(ctx, 'worker') && repair.workerUserId === user._id) return 'worker';
  if (user.householdId && repair.householdId === user.householdId) return 'tenant';
  return null;
}

/** A request the caller may see (as its manager, worker or tenant); NOT_FOUND otherwise. */
async function load(repo: RepairRepository, id: string, ctx: ServiceContext): Promise<RepairDoc> {
  return found(await repo.repair(id), (r) => !!accessOf(r, ctx));
}

/** A request the caller may see in the given capacity; NOT_FOUND otherwise. */
async function loadAs(
  repo: RepairRepository,
  id: string,
  as: NonNullable<Access>,
  ctx: ServiceContext,
): Promise<RepairDoc> {
  const repair = await load(repo, id, ctx);
  if (accessOf(repair, ctx) !== as) notFound();
  return repair;
}

async function view(repo: RepairRepository, r: RepairDoc, ctx: ServiceContext): Promise<RepairView> {
  const unit = await repo.unit(r.unitId);
  const project = await repo.project(r.projectId);
  const worker = r.workerUserId ? await repo.user(r.workerUserId) : undefined;
  const finished = r.status === 'done' || r.status === 'confirmed' || r.status === 'rejected';
  return {
    id: r._id,
    kind: r.kind,
    category: r.category,
    categoryLabel: REPAIR_CATEGORY_LABELS[r.category],
    description: r.description,
    emergency: r.emergency,
    status: r.status,
    statusLabel: REPAIR_STATE_LABELS[r.status],
    unitLabel: unit?.label ?? '',
    projectName: project?.name ?? '',
    preferredTimes: r.preferredTimes,
    deadline: r.deadline,
    overdue: isRepairOverdue(Date.parse(r.deadline), ctx.rt.now().getTime(), finished),
    workerName: worker?.name ?? null,
    visitAt: r.visitAt,
    photos: r.photoFileIds.length,
    afterPhotos: r.afterPhotoFileIds.length,
    rating: r.rating,
    createdAt: r.createdAt,
    events: r.events.map((e) => ({ at: e.at, actorName: e.actorName, action: e.action, note: e.note })),
    reopen: {
      withinDays: ctx.rt.policy.repair.reopenWithinDays.value,
      basis: cite(ctx.rt.policy, 'repair.reopen'),
    },
  };
}

/** An event in the request's history, by the caller. */
function eventBy(ctx: ServiceContext, at: string, action: string, note: string): RepairEvent {
  return {
    at,
    actorUserId: ctx.caller.user?._id ?? '',
    actorName: ctx.caller.user?.name ?? '',
    action,
    note,
  };
}

/** Refuses a move the request's state (or the caller's part in it) does not allow. */
function checkMove(r: RepairDoc, m: RepairMove, actor: RepairActor, ctx: ServiceContext): RepairState {
  const d = repairTransition(r.status, m, actor, {
    now: ctx.rt.now().getTime(),
    doneAt: r.doneAt ? Date.parse(r.doneAt) : null,
    policy: ctx.rt.policy,
  });
  if (!d.ok) throw new AppError('STATE_INVALID', d.reasons.map((x) => x.message).join(' '));
  return d.value;
}

/** An instant as Beijing time to the minute (`2026-11-23 10:00`), for message fields. */
const beijingMinute = (isoAt: string) =>
  new Date(Date.parse(isoAt) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Applies a lifecycle move inside a transaction, with its event; refuses illegal moves and changes nothing. */
async function move(
  repo: RepairRepository,
  id: string,
  m: RepairMove,
  note: string,
  ctx: ServiceContext,
  patch: Partial<RepairDoc> = {},
): Promise<RepairView> {
  const at = ctx.rt.now().toISOString();
  const moved = await repo.runInTransaction(async (t) => {
    const r = await t.repair(id);
    const actor = r ? accessOf(r, ctx) : null;
    if (!r || !actor) notFound();
    const to = checkMove(r, m, actor, ctx);
    await t.updateRepair(id, { ...patch, status: to }, eventBy(ctx, at, REPAIR_STATE_LABELS[to], note));
    return { r, actor, to };
  });
  if (moved.actor !== 'tenant' && moved.r.userId) {
    // The tenant hears of every move staff make (issue #18: status updates after filing a repair).
    const r = moved.r;
    const what = `${REPAIR_CATEGORY_LABELS[r.category]}${r.kind === 'help' ? '求助' : '报修'}`;
    await ctx.rt.messages.enqueue({
      toUserId: r.userId,
      template: 'repair_update',
      title: `${what}：${REPAIR_STATE_LABELS[moved.to]}`,
      body: `您的${what}（${r.description.slice(0, 40)}）现为“${REPAIR_STATE_LABELS[moved.to]}”。${note ? `说明：${note}` : ''}`,
      dedupeKey: `repair-status|${id}|${r.events.length + 1}`,
      fields: {
        what,
        status: REPAIR_STATE_LABELS[moved.to],
        time: beijingMinute(at),
        note: note || '点击查看详情',
      },
      link: { page: 'repair', id },
    });
  }
  return view(repo, await load(repo, id, ctx), ctx);
}

/** The requests the caller may count: a manager's projects, or every project for the housing office. */
async function statFacts(
  repo: RepairRepository,
  input: In<'repair', 'stats'>,
  ctx: ServiceContext,
): Promise<RepairFact[]> {
  const allowed = staffScope(ctx);
  if (input.projectId && allowed && !allowed.includes(input.projectId)) notFound();
  if (input.fromMonth && input.toMonth && input.fromMonth > input.toMonth) {
    throw new AppError('INVALID_INPUT', '起始月份不能晚于结束月份。');
  }
  const projectIds = input.projectId ? [input.projectId] : allowed;
  const list = (await repo.repairsOfProjects(projectIds)).filter((r) => r.events);
  const units = new Map<string, UnitDoc>();
  for (const id of new Set(list.map((r) => r.unitId))) {
    const u = await repo.unit(id);
    if (u) units.set(id, u);
  }
  return list
    .map((r) => ({
      category: r.category,
      kind: r.kind,
      status: r.status,
      buildingLabel: units.get(r.unitId)?.label.split('-')[0] ?? '未知楼栋',
      month: chinaMonth(r.createdAt),
      createdAt: Date.parse(r.createdAt),
      deadline: Date.parse(r.deadline),
      doneAt: r.doneAt ? Date.parse(r.doneAt) : null,
      rating: r.rating,
    }))
    .filter(
      (f) => (!input.fromMonth || f.month >= input.fromMonth) && (!input.toMonth || f.month <= input.toMonth),
    );
}

export async function fileRepair(
  repo: RepairRepository,
  input: In<'repair', 'file'>,
  ctx: ServiceContext,
): Promise<RepairView> {
  const user = ctx.caller.user;
  if (!user?.householdId) notFound('您还没有在租房屋，不能报修。');
  const id = idFromClient('rep', user._id, input.clientRequestId);
  const existing = await repo.repair(id);
  if (existing) return view(repo, existing, ctx); // a retried submission
  const lease = found(await repo.activeLeaseOf(user.householdId), undefined, '您还没有在租房屋，不能报修。');
  // The tenant's uploads (uploads/<openid>/repair-photo/…) are checked, then copied under the request.
  const photos = await readUploads(ctx.rt, ctx.caller.openid, 'repair-photo', input.photos, sniffPhoto);
  // The photo's digest in the path: a racing retry with other photos never replaces the stored ones.
  const photoFileIds = await recordUploads(
    ctx.rt,
    photos,
    (p, i) => `repairs/${id}/before-${i}-${p.digest}.${p.ext}`,
  );
  const at = ctx.rt.now();
  const doc: Omit<RepairDoc, '_id'> = {
    kind: input.kind,
    category: input.category,
    description: input.description,
    emergency: input.emergency,
    status: 'submitted',
    householdId: user.householdId,
    userId: user._id,
    unitId: lease.unitId,
    projectId: lease.projectId,
    preferredTimes: input.preferredTimes,
    deadline: new Date(
      repairDeadline(
        { category: input.category, emergency: input.emergency, submittedAt: at.getTime() },
        ctx.rt.policy,
      ),
    ).toISOString(),
    workerUserId: null,
    visitAt: null,
    photoFileIds,
    afterPhotoFileIds: [],
    doneAt: null,
    rating: null,
    createdAt: at.toISOString(),
    events: [
      {
        at: at.toISOString(),
        actorUserId: user._id,
        actorName: user.name,
        action: '已提交',
        note: input.emergency ? '紧急' : '',
      },
    ],
  };
  await repo.runInTransaction(async (t) => {
    if (await t.repair(id)) return;
    await t.setRepair(id, doc);
  });
  await releaseUploads(ctx.rt, photos);
  return view(repo, await load(repo, id, ctx), ctx);
}

export async function myRepairs(repo: RepairRepository, ctx: ServiceContext): Promise<RepairView[]> {
  const householdId = ctx.caller.user?.householdId;
  if (!householdId) return [];
  const list = await repo.repairsOfHousehold(householdId);
  return Promise.all(list.filter((r) => r.events).map((r) => view(repo, r, ctx)));
}

export async function repairDetail(
  repo: RepairRepository,
  input: In<'repair', 'detail'>,
  ctx: ServiceContext,
) {
  return view(repo, await load(repo, input.repairId, ctx), ctx);
}

export async function repairBoard(
  repo: RepairRepository,
  input: In<'repair', 'board'>,
  ctx: ServiceContext,
): Promise<RepairView[]> {
  const user = ctx.caller.user;
  if (!user) return [];
  let list: RepairDoc[] = [];
  if (hasRole(ctx, 'manager')) {
    list = await repo.latestRepairsOfProjects(managedProjects(ctx));
  } else if (hasRole(ctx, 'worker')) {
    list = await repo.repairsOfWorker(user._id);
  } else {
    notFound();
  }
  const views = await Promise.all(
    list
      .filter((r) => r.events && (!input.status || r.status === input.status))
      .map((r) => view(repo, r, ctx)),
  );
  // Emergencies and overdue requests first.
  return views.sort(
    (a, b) => Number(b.emergency) - Number(a.emergency) || Number(b.overdue) - Number(a.overdue),
  );
}

export async function assignRepair(
  repo: RepairRepository,
  input: In<'repair', 'assign'>,
  ctx: ServiceContext,
): Promise<RepairView> {
  const repair = await load(repo, input.repairId, ctx);
  const worker = await repo.user(input.workerUserId);
  if (!worker || !servesProject(worker, 'worker', repair.projectId)) {
    throw new AppError('INVALID_INPUT', '该维修人员不负责这个项目。');
  }
  return move(
    repo,
    input.repairId,
    'assign',
    `派给 ${worker.name}，预计 ${input.visitAt.slice(0, 16).replace('T', ' ')} 上门`,
    ctx,
    {
      workerUserId: worker._id,
      visitAt: new Date(input.visitAt).toISOString(),
    },
  );
}

export const acceptRepair = (repo: RepairRepository, input: In<'repair', 'accept'>, ctx: ServiceContext) =>
  move(repo, input.repairId, 'accept', '', ctx);

export const rejectRepair = (repo: RepairRepository, input: In<'repair', 'reject'>, ctx: ServiceContext) =>
  move(repo, input.repairId, 'reject', input.reason, ctx);

export async function extendDeadline(
  repo: RepairRepository,
  input: In<'repair', 'extendDeadline'>,
  ctx: ServiceContext,
): Promise<RepairView> {
  const repair = await loadAs(repo, input.repairId, 'manager', ctx);
  const deadline = new Date(input.deadline).toISOString();
  const at = ctx.rt.now().toISOString();
  // Only an open request has a deadline to move: moving a finished one's would rewrite whether it was
  // done on time (the overdue statistics count finished requests against their deadline).
  await repo.runInTransaction(async (t) => {
    const r = await t.repair(repair._id);
    if (!r || accessOf(r, ctx) !== 'manager') notFound();
    if (!OPEN_STATES.includes(r.status))
      throw new AppError('STATE_INVALID', `报修单“${REPAIR_STATE_LABELS[r.status]}”时不能延长期限。`);
    if (Date.parse(deadline) <= Date.parse(r.deadline))
      throw new AppError('INVALID_INPUT', '新的期限必须晚于原期限。');
    await t.updateRepair(
      r._id,
      { deadline },
      eventBy(ctx, at, '延长期限', `延至 ${input.deadline.slice(0, 10)}：${input.reason}`),
    );
  });
  return view(repo, await load(repo, repair._id, ctx), ctx);
}

export const startRepair = (repo: RepairRepository, input: In<'repair', 'start'>, ctx: ServiceContext) =>
  move(repo, input.repairId, 'start', '', ctx);

export async function completeRepair(
  repo: RepairRepository,
  input: In<'repair', 'complete'>,
  ctx: ServiceContext,
): Promise<RepairView> {
  const repair = await loadAs(repo, input.repairId, 'worker', ctx);
  // Permission and state first, photos checked, and only then stored: a refused completion (a second one,
  // one before the work started) leaves the stored after-photos as they were. Keys carry the photo's own
  // digest, so a completion that loses a race to another never replaces the winner's photos either.
  checkMove(repair, 'complete', 'worker', ctx);
  const photos = await readUploads(ctx.rt, ctx.caller.openid, 'repair-photo', input.afterPhotos, sniffPhoto);
  const keys = await recordUploads(
    ctx.rt,
    photos,
    (p, i) => `repairs/${repair._id}/after-${i}-${p.digest}.${p.ext}`,
  );
  const done = await move(repo, repair._id, 'complete', input.note, ctx, {
    afterPhotoFileIds: keys,
    doneAt: ctx.rt.now().toISOString(),
  });
  await releaseUploads(ctx.rt, photos);
  return done;
}

export const confirmRepair = (repo: RepairRepository, input: In<'repair', 'confirm'>, ctx: ServiceContext) =>
  move(repo, input.repairId, 'confirm', input.good ? '满意' : `不满意：${input.reasons.join('、')}`, ctx, {
    rating: { good: input.good, reasons: input.reasons },
  });

export const reopenRepair = (repo: RepairRepository, input: In<'repair', 'reopen'>, ctx: ServiceContext) =>
  move(repo, input.repairId, 'reopen', input.reason, ctx, { workerUserId: null, visitAt: null });

export async function postMessage(
  repo: RepairRepository,
  input: In<'repair', 'message'>,
  ctx: ServiceContext,
): Promise<RepairView> {
  const repair = await load(repo, input.repairId, ctx);
  await repo.updateRepair(repair._id, {}, eventBy(ctx, ctx.rt.now().toISOString(), '留言', input.text));
  return view(repo, await load(repo, repair._id, ctx), ctx);
}

/** The project's workers and how many open tasks each has (for the manager assigning a request). */
export async function repairWorkers(
  repo: RepairRepository,
  input: In<'repair', 'workers'>,
  ctx: ServiceContext,
) {
  const repair = await loadAs(repo, input.repairId, 'manager', ctx);
  const workers = (await repo.usersWithRole('worker')).filter((w) =>
    (w.projectIds ?? []).includes(repair.projectId),
  );
  return Promise.all(
    workers.map(async (w) => ({
      userId: w._id,
      name: w.name,
      openTasks: await repo.countOpenTasks(w._id),
    })),
  );
}

export async function repairStats(repo: RepairRepository, input: In<'repair', 'stats'>, ctx: ServiceContext) {
  const s = repairStatistics(await statFacts(repo, input, ctx), ctx.rt.now().getTime());
  return {
    ...s,
    poorReasons: s.poorReasons.map((r) => ({ ...r, label: RATING_REASON_LABELS[r.reason] ?? r.reason })),
  };
}

export async function exportRepairStats(
  repo: RepairRepository,
  input: In<'repair', 'exportStats'>,
  ctx: ServiceContext,
) {
  const s = repairStatistics(await statFacts(repo, input, ctx), ctx.rt.now().getTime());
  const book = new ExcelJS.Workbook();
  book.creator = '安居';
  const header = ['分组', '报修数', '已完成', '完成用时中位数（小时）', '超期数', '超期率', '好评', '差评'];
  for (const [title, rows] of [
    ['总计', [s.overall]],
    ['按类别', s.byCategory],
    ['按楼栋', s.byBuilding],
    ['按月份', s.byMonth],
  ] as const) {
    const sheet = book.addWorksheet(title);
    sheet.addRow(header).font = { bold: true };
    for (const r of rows) {
      sheet.addRow([
        r.label,
        r.total,
        r.finished,
        r.medianHours ?? '',
        r.overdue,
        r.overdueRate,
        r.good,
        r.poor,
      ]);
    }
    sheet.getColumn(6).numFmt = '0.0%';
    sheet.columns.forEach((c) => (c.width = 16));
  }
  const reasons = book.addWorksheet('差评原因');
  reasons.addRow(['原因', '次数']).font = { bold: true };
  for (const r of s.poorReasons) reasons.addRow([RATING_REASON_LABELS[r.reason] ?? r.reason, r.count]);
  const range = [input.fromMonth, input.toMonth].filter(Boolean).join('至') || '全部';
  const asciiRange = [input.fromMonth, input.toMonth].filter(Boolean).join('-to-') || 'all';
  return writeExport(ctx, { fileName: `报修统计-${range}.xlsx`, name: `repair-stats-${asciiRange}`, book });
}

/** Staff send today's deadline reminders now (the timer does it daily). */
export async function remindDeadlines(repo: RepairRepository, ctx: ServiceContext) {
  requireRole(ctx, 'manager', 'admin');
  return remindRepairDeadlines(repo, ctx.rt);
}

export async function repairPhoto(repo: RepairRepository, input: In<'repair', 'photo'>, ctx: ServiceContext) {
  const repair = await load(repo, input.repairId, ctx);
  return photoView(
    ctx.rt,
    (input.which === 'before' ? repair.photoFileIds : repair.afterPhotoFileIds)[input.index],
  );
}
