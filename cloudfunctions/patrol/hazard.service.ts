import type { HazardView } from '@shared/contracts/patrol.contract';
import { AppError } from '@shared/errors';
import { quarterOf } from '@shared/rules/dates';
import {
  HAZARD_SEVERITY_LABELS,
  HOME_VISIT_CHECKLIST,
  PUBLIC_AREA_CHECKLIST,
  hazardDeadline,
  isHazardOverdue,
} from '@shared/rules/patrol.rule';
import {
  canManage,
  found,
  hasRole,
  notFound,
  projectScope,
  requireUser,
  servesProject,
} from '../_runtime/access';
import type { In, ServiceContext } from '../_runtime/handler';
import {
  chinaDate,
  checkClientTime,
  idFromClient,
  patrolSettings,
  readPhoto,
  releaseUploads,
  sha256,
  storePhotos,
} from './patrol.common';
import type { HazardDoc, HazardStatus } from './patrol.documents';
import type { PatrolRepository } from './patrol.repository';

export const HAZARD_STATUS_LABELS: Record<HazardStatus, string> = {
  open: '待派单',
  assigned: '整改中',
  rectified: '待复查',
  closed: '已销号',
};
const SEVERITY_ORDER = { immediate: 0, serious: 1, minor: 2 } as const;
const CATEGORY_LABELS = new Map<string, string>(
  [...HOME_VISIT_CHECKLIST, ...PUBLIC_AREA_CHECKLIST].map((c) => [c.id, c.label]),
);

type Access = 'manager' | 'assignee' | 'reporter' | null;

/** How the caller stands to a hazard: a manager of its project, its assignee, its reporter, or nobody. */
function accessOf(h: HazardDoc, ctx: ServiceContext): Access {
  const user = ctx.caller.user;
  if (!user) return null;
  if (canManage(ctx, h.projectId)) return 'manager';
  if (h.assigneeUserId === user._id) return 'assignee';
  if (h.reporterUserId === user._id) return 'reporter';
  return null;
}

async function load(repo: PatrolRepository, id: string, ctx: ServiceContext): Promise<HazardDoc> {
  return found(await repo.hazard(id), (h) => !!accessOf(h, ctx));
}

async function views(repo: PatrolRepository, list: HazardDoc[], ctx: ServiceContext): Promise<HazardView[]> {
  const projects = await repo.projectsByIds(list.map((h) => h.projectId));
  const buildings = await repo.buildingsByIds(list.map((h) => h.buildingId));
  return list.map((h) => ({
    id: h._id,
    projectId: h.projectId,
    projectName: projects.get(h.projectId)?.name ?? '',
    buildingName: buildings.get(h.buildingId)?.name ?? '',
    location: h.location,
    inHome: h.unitId !== null,
    category: h.category,
    severity: h.severity,
    severityLabel: HAZARD_SEVERITY_LABELS[h.severity],
    description: h.description,
    status: h.status,
    statusLabel: HAZARD_STATUS_LABELS[h.status],
    reportedAt: h.reportedAt,
    reporterName: h.reporterName,
    deadline: h.deadline,
    overdue: isHazardOverdue(Date.parse(h.deadline), ctx.rt.now().getTime(), h.status === 'closed'),
    assigneeName: h.assigneeName,
    photos: h.photoFileIds.length,
    afterPhotos: h.afterPhotoFileIds.length,
    events: h.events.map((e) => ({ at: e.at, actorName: e.actorName, action: e.action, note: e.note })),
  }));
}
const viewOne = async (repo: PatrolRepository, h: HazardDoc, ctx: ServiceContext) =>
  (await views(repo, [h], ctx))[0] as HazardView;

/** Moves a hazard inside a transaction, checking the state it must be in; refusals change nothing. */
async function move(
  repo: PatrolRepository,
  ctx: ServiceContext,
  id: string,
  from: HazardStatus[],
  who: Access[],
  action: string,
  note: string,
  patch: Partial<HazardDoc>,
): Promise<HazardDoc> {
  const user = requireUser(ctx);
  const event = { at: ctx.rt.now().toISOString(), actorUserId: user._id, actorName: user.name, action, note };
  await repo.runInTransaction(async (t) => {
    const h = await t.hazard(id);
    const access = h ? accessOf(h, ctx) : null;
    if (!h || !access) notFound();
    if (!who.includes(access)) notFound();
    if (!from.includes(h.status))
      throw new AppError('STATE_INVALID', `隐患当前为“${HAZARD_STATUS_LABELS[h.status]}”，不能${action}。`);
    await t.updateHazard(id, patch, event);
  });
  return load(repo, id, ctx);
}

export async function reportHazard(
  repo: PatrolRepository,
  input: In<'patrol', 'reportHazard'>,
  ctx: ServiceContext,
): Promise<HazardView> {
  const rt = ctx.rt;
  const user = requireUser(ctx);
  const id = idFromClient('hz', user._id, input.clientHazardId);
  const reportedAt = checkClientTime(input.reportedAt, rt.now().getTime(), '发现时间');
  let place: Pick<HazardDoc, 'projectId' | 'buildingId' | 'unitId' | 'visitId' | 'location'>;
  if (input.visitId) {
    const v = found(
      await repo.visit(input.visitId),
      (x) => x.volunteerUserId === user._id || canManage(ctx, x.projectId),
    );
    place = {
      projectId: v.projectId,
      buildingId: v.buildingId,
      unitId: v.unitId,
      visitId: v._id,
      location: input.location ? `${v.label} ${input.location}` : v.label,
    };
  } else {
    if (!input.buildingId || !input.location)
      throw new AppError('INVALID_INPUT', '请选择楼栋并填写隐患位置。');
    const b = found(
      await repo.building(input.buildingId),
      (x) =>
        canManage(ctx, x.projectId) ||
        (hasRole(ctx, 'volunteer') && (user.projectIds ?? []).includes(x.projectId)),
    );
    place = {
      projectId: b.projectId,
      buildingId: b._id,
      unitId: null,
      visitId: null,
      location: `${b.name} ${input.location}`,
    };
  }
  const digest = sha256(
    JSON.stringify([
      place.visitId,
      place.buildingId,
      input.location,
      input.category,
      input.severity,
      input.description,
      new Date(reportedAt).toISOString(),
      input.photos.map((p) => sha256(p)),
    ]),
  );
  const existing = await repo.hazard(id);
  if (existing) {
    if (existing.digest !== digest)
      throw new AppError('CONFLICT', '这条隐患记录的编号已用于另一条内容不同的记录，请刷新后重新填写。');
    return viewOne(repo, existing, ctx);
  }
  const { fileIds: photoFileIds, uploads } = await storePhotos(
    rt,
    ctx.caller.openid,
    'hazard-photo',
    `hazards/${id}/before`,
    input.photos,
  );
  const at = rt.now().toISOString();
  const doc: Omit<HazardDoc, '_id'> = {
    clientHazardId: input.clientHazardId,
    digest,
    ...place,
    quarter: quarterOf(chinaDate(reportedAt)),
    category: CATEGORY_LABELS.get(input.category) ?? (input.category || '其他'),
    severity: input.severity,
    description: input.description,
    status: 'open',
    reporterUserId: user._id,
    reporterName: user.name,
    reportedAt: new Date(reportedAt).toISOString(),
    // The deadline runs from when the hazard was found, even if the phone was offline.
    deadline: new Date(hazardDeadline(input.severity, reportedAt, patrolSettings(rt))).toISOString(),
    assigneeUserId: null,
    assigneeName: null,
    photoFileIds,
    afterPhotoFileIds: [],
    closedAt: null,
    events: [
      { at, actorUserId: user._id, actorName: user.name, action: '上报隐患', note: input.description },
    ],
  };
  const created = await repo.runInTransaction(async (t) => {
    const raced = await t.hazard(id);
    if (raced) {
      // Another report with this id got there first: the same one replayed, or other content (refused).
      if (raced.digest !== digest)
        throw new AppError('CONFLICT', '这条隐患记录的编号已用于另一条内容不同的记录，请刷新后重新填写。');
      return false;
    }
    await t.setHazard(id, doc);
    return true;
  });
  if (created) await releaseUploads(rt, uploads);
  if (created && input.severity === 'immediate') {
    // Immediate danger alerts the project's managers at once by SMS and in their inbox, and escalates
    // along the project's list until someone acknowledges it (issue #18; one alert per hazard).
    await rt.messages.alert({
      key: `hazard-immediate|${id}`,
      kind: 'hazard_urgent',
      projectId: place.projectId,
      title: '立即危险：请马上处置',
      body: `${place.location}：${input.description}（上报人 ${user.name}）`,
      fields: { place: place.location, what: input.description },
      link: { page: 'hazards', id },
    });
  }
  return viewOne(repo, await load(repo, id, ctx), ctx);
}

export async function listHazards(
  repo: PatrolRepository,
  input: In<'patrol', 'hazards'>,
  ctx: ServiceContext,
): Promise<HazardView[]> {
  const user = requireUser(ctx);
  if (input.projectId !== undefined && !canManage(ctx, input.projectId)) notFound();
  const byId = new Map<string, HazardDoc>();
  const add = (list: HazardDoc[]) => list.forEach((h) => byId.set(h._id, h));
  const projects = input.projectId ? [input.projectId] : projectScope(ctx);
  if (projects === null) {
    add(await repo.allHazards());
  } else {
    for (const projectId of projects) add(await repo.hazardsOfProject(projectId));
  }
  if (!input.projectId) {
    add(await repo.hazardsAssignedTo(user._id));
    add(await repo.hazardsReportedBy(user._id));
  }
  const list = [...byId.values()].filter((h) => !input.status || h.status === input.status);
  const out = (await views(repo, list, ctx)).filter((h) => !input.overdueOnly || h.overdue);
  // Overdue first, then the most severe, then the nearest deadline.
  return out.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      Number(a.status === 'closed') - Number(b.status === 'closed') ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0),
  );
}

export async function assignHazard(
  repo: PatrolRepository,
  input: In<'patrol', 'assignHazard'>,
  ctx: ServiceContext,
): Promise<HazardView> {
  const h = await load(repo, input.hazardId, ctx);
  if (accessOf(h, ctx) !== 'manager') notFound();
  if (!!input.assigneeUserId === !!input.assigneeName)
    throw new AppError('INVALID_INPUT', '请选择一名维修人员，或填写整改责任方名称（二选一）。');
  let assigneeName = input.assigneeName ?? '';
  if (input.assigneeUserId) {
    const w = await repo.user(input.assigneeUserId);
    if (!w || !servesProject(w, 'worker', h.projectId))
      throw new AppError('INVALID_INPUT', '该维修人员不负责这个项目。');
    assigneeName = w.name;
  }
  const moved = await move(
    repo,
    ctx,
    h._id,
    ['open', 'assigned'],
    ['manager'],
    '派单整改',
    `责任方：${assigneeName}${input.note ? `；${input.note}` : ''}`,
    { status: 'assigned', assigneeUserId: input.assigneeUserId ?? null, assigneeName },
  );
  if (input.assigneeUserId)
    await ctx.rt.messages.enqueue({
      toUserId: input.assigneeUserId,
      template: 'patrol_task',
      title: `隐患整改任务（${HAZARD_SEVERITY_LABELS[h.severity]}）`,
      body: `${h.location}：${h.description}，请于 ${chinaDate(Date.parse(h.deadline))} 前完成整改。`,
      dedupeKey: `hazard-assign|${h._id}|${input.assigneeUserId}|${moved.events.length}`,
      fields: {
        what: `隐患整改（${HAZARD_SEVERITY_LABELS[h.severity]}）`,
        place: h.location,
        deadline: chinaDate(Date.parse(h.deadline)),
      },
      link: { page: 'hazards', id: h._id },
    });
  return viewOne(repo, moved, ctx);
}

export async function rectifyHazard(
  repo: PatrolRepository,
  input: In<'patrol', 'rectifyHazard'>,
  ctx: ServiceContext,
): Promise<HazardView> {
  const h = await load(repo, input.hazardId, ctx);
  const access = accessOf(h, ctx);
  if (access !== 'manager' && access !== 'assignee') notFound();
  if (h.status !== 'assigned' && h.status !== 'open')
    throw new AppError('STATE_INVALID', `隐患当前为“${HAZARD_STATUS_LABELS[h.status]}”，不能登记整改。`);
  const { fileIds: keys, uploads } = await storePhotos(
    ctx.rt,
    ctx.caller.openid,
    'hazard-photo',
    `hazards/${h._id}/after-${h.events.length}`,
    input.afterPhotos,
  );
  const moved = await move(
    repo,
    ctx,
    h._id,
    ['open', 'assigned'],
    ['manager', 'assignee'],
    '完成整改',
    input.note,
    {
      status: 'rectified',
      afterPhotoFileIds: keys,
    },
  );
  await releaseUploads(ctx.rt, uploads);
  return viewOne(repo, moved, ctx);
}

export async function recheckHazard(
  repo: PatrolRepository,
  input: In<'patrol', 'recheckHazard'>,
  ctx: ServiceContext,
): Promise<HazardView> {
  const h = await load(repo, input.hazardId, ctx);
  if (accessOf(h, ctx) !== 'manager') notFound();
  if (!input.passed && !input.note) throw new AppError('INVALID_INPUT', '复查未通过时请说明原因。');
  return viewOne(
    repo,
    await move(
      repo,
      ctx,
      h._id,
      ['rectified'],
      ['manager'],
      input.passed ? '复查通过，销号' : '复查未通过，退回整改',
      input.note,
      input.passed ? { status: 'closed', closedAt: ctx.rt.now().toISOString() } : { status: 'assigned' },
    ),
    ctx,
  );
}

export async function hazardPhoto(
  repo: PatrolRepository,
  input: In<'patrol', 'hazardPhoto'>,
  ctx: ServiceContext,
) {
  const h = await load(repo, input.hazardId, ctx);
  return readPhoto(ctx.rt, (input.which === 'before' ? h.photoFileIds : h.afterPhotoFileIds)[input.index]);
}
