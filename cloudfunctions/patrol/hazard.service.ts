import { COLLECTIONS } from '@shared/collections';
import type { HazardView, patrolContract } from '@shared/contracts/patrol.contract';
import { AppError } from '@shared/errors';
import { quarterOf } from '@shared/rules/dates';
import {
  HAZARD_SEVERITY_LABELS,
  HOME_VISIT_CHECKLIST,
  PUBLIC_AREA_CHECKLIST,
  hazardDeadline,
  isHazardOverdue,
} from '@shared/rules/patrol.rule';
import type { z } from 'zod';
import { hasRole } from '../_runtime/access';
import type { UserDoc } from '../_runtime/caller';
import type { BuildingDoc, ProjectDoc } from '../_runtime/documents';
import { fetchAll } from '../_runtime/fetch-all';
import type { ServiceContext } from '../_runtime/handler';
import {
  canManage,
  chinaDate,
  checkClientTime,
  docsByIds,
  getDoc,
  idFromClient,
  isAdmin,
  managedProjects,
  managersOf,
  patrolSettings,
  readPhoto,
  requireUser,
  sha256,
  storePhotos,
} from './patrol.common';
import type { HazardDoc, HazardStatus, PatrolVisitDoc } from './patrol.documents';

type In<A extends keyof typeof patrolContract> = z.output<(typeof patrolContract)[A]['input']>;

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

export function createHazardService(ctx: ServiceContext) {
  const rt = ctx.rt;
  const db = rt.db;
  const now = () => rt.now().getTime();

  function accessOf(h: HazardDoc): Access {
    const user = ctx.caller.user;
    if (!user) return null;
    if (canManage(ctx, h.projectId)) return 'manager';
    if (h.assigneeUserId === user._id) return 'assignee';
    if (h.reporterUserId === user._id) return 'reporter';
    return null;
  }

  async function load(id: string): Promise<HazardDoc> {
    const h = await getDoc<HazardDoc>(db, COLLECTIONS.hazards, id);
    if (!h || !accessOf(h)) throw new AppError('NOT_FOUND');
    return h;
  }

  async function views(list: HazardDoc[]): Promise<HazardView[]> {
    const projects = await docsByIds<ProjectDoc>(
      db,
      COLLECTIONS.projects,
      list.map((h) => h.projectId),
    );
    const buildings = await docsByIds<BuildingDoc>(
      db,
      COLLECTIONS.buildings,
      list.map((h) => h.buildingId),
    );
    return list.map((h) => ({
      id: h._id,
      projectId: h.projectId,
      projectName: projects.get(h.projectId)?.name ?? '',
      buildingName: buildings.get(h.buildingId)?.name ?? '',
      location: h.location,
      category: h.category,
      severity: h.severity,
      severityLabel: HAZARD_SEVERITY_LABELS[h.severity],
      description: h.description,
      status: h.status,
      statusLabel: HAZARD_STATUS_LABELS[h.status],
      reportedAt: h.reportedAt,
      reporterName: h.reporterName,
      deadline: h.deadline,
      overdue: isHazardOverdue(Date.parse(h.deadline), now(), h.status === 'closed'),
      assigneeName: h.assigneeName,
      photos: h.photoKeys.length,
      afterPhotos: h.afterPhotoKeys.length,
      events: h.events.map((e) => ({ at: e.at, actorName: e.actorName, action: e.action, note: e.note })),
    }));
  }
  const one = async (h: HazardDoc) => (await views([h]))[0] as HazardView;

  /** Moves a hazard inside a transaction, checking the state it must be in; refusals change nothing. */
  async function move(
    id: string,
    from: HazardStatus[],
    who: Access[],
    action: string,
    note: string,
    patch: Partial<HazardDoc>,
  ): Promise<HazardDoc> {
    const user = requireUser(ctx);
    const event = { at: rt.now().toISOString(), actorUserId: user._id, actorName: user.name, action, note };
    await db.runTransaction(async (tx) => {
      const h = (await tx.collection(COLLECTIONS.hazards).doc(id).get()).data as HazardDoc | null;
      const access = h ? accessOf(h) : null;
      if (!h || !access) throw new AppError('NOT_FOUND');
      if (!who.includes(access)) throw new AppError('NOT_FOUND');
      if (!from.includes(h.status))
        throw new AppError('STATE_INVALID', `隐患当前为“${HAZARD_STATUS_LABELS[h.status]}”，不能${action}。`);
      await tx
        .collection(COLLECTIONS.hazards)
        .doc(id)
        .update({ ...patch, events: db.command.push([event]) });
    });
    return load(id);
  }

  return {
    async reportHazard(input: In<'reportHazard'>): Promise<HazardView> {
      const user = requireUser(ctx);
      const id = idFromClient('hz', user._id, input.clientHazardId);
      const reportedAt = checkClientTime(input.reportedAt, now(), '发现时间');
      let place: Pick<HazardDoc, 'projectId' | 'buildingId' | 'unitId' | 'visitId' | 'location'>;
      if (input.visitId) {
        const v = await getDoc<PatrolVisitDoc>(db, COLLECTIONS.patrolStops, input.visitId);
        if (!v || (v.volunteerUserId !== user._id && !canManage(ctx, v.projectId)))
          throw new AppError('NOT_FOUND');
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
        const b = await getDoc<BuildingDoc>(db, COLLECTIONS.buildings, input.buildingId);
        const mine =
          b &&
          (canManage(ctx, b.projectId) ||
            (hasRole(ctx, 'volunteer') && (user.projectIds ?? []).includes(b.projectId)));
        if (!b || !mine) throw new AppError('NOT_FOUND');
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
      const existing = await getDoc<HazardDoc>(db, COLLECTIONS.hazards, id);
      if (existing) {
        if (existing.digest !== digest)
          throw new AppError('CONFLICT', '这条隐患记录的编号已用于另一条内容不同的记录，请刷新后重新填写。');
        return one(existing);
      }
      const photoKeys = await storePhotos(rt, `hazards/${id}/before`, input.photos);
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
        deadline: new Date(hazardDeadline(input.severity, reportedAt, patrolSettings())).toISOString(),
        assigneeUserId: null,
        assigneeName: null,
        photoKeys,
        afterPhotoKeys: [],
        closedAt: null,
        events: [
          { at, actorUserId: user._id, actorName: user.name, action: '上报隐患', note: input.description },
        ],
      };
      const created = await db.runTransaction(async (tx) => {
        if ((await tx.collection(COLLECTIONS.hazards).doc(id).get()).data) return false;
        await tx.collection(COLLECTIONS.hazards).doc(id).set(doc);
        return true;
      });
      if (created && input.severity === 'immediate') {
        // Immediate danger alerts the project's managers at once (deduplicated per hazard and manager).
        for (const m of await managersOf(db, place.projectId)) {
          await rt.messages.enqueue({
            toUserId: m._id,
            template: 'patrol_task',
            title: '立即危险：请马上处置',
            body: `${place.location}：${input.description}（上报人 ${user.name}）`,
            dedupeKey: `hazard-immediate|${id}|${m._id}`,
          });
        }
      }
      return one(await load(id));
    },

    async hazards(input: In<'hazards'>): Promise<HazardView[]> {
      const user = requireUser(ctx);
      if (input.projectId !== undefined && !canManage(ctx, input.projectId)) throw new AppError('NOT_FOUND');
      const byId = new Map<string, HazardDoc>();
      const add = (list: HazardDoc[]) => list.forEach((h) => byId.set(h._id, h));
      const projects = input.projectId ? [input.projectId] : isAdmin(ctx) ? null : managedProjects(ctx);
      if (projects === null) {
        add(await fetchAll<HazardDoc>(db.collection(COLLECTIONS.hazards).orderBy('_id', 'asc'), 100_000));
      } else {
        for (const projectId of projects)
          add(
            await fetchAll<HazardDoc>(
              db.collection(COLLECTIONS.hazards).where({ projectId }).orderBy('_id', 'asc'),
              100_000,
            ),
          );
      }
      if (!input.projectId) {
        add(
          await fetchAll<HazardDoc>(
            db.collection(COLLECTIONS.hazards).where({ assigneeUserId: user._id }).orderBy('_id', 'asc'),
          ),
        );
        add(
          await fetchAll<HazardDoc>(
            db.collection(COLLECTIONS.hazards).where({ reporterUserId: user._id }).orderBy('_id', 'asc'),
          ),
        );
      }
      const list = [...byId.values()].filter((h) => !input.status || h.status === input.status);
      const out = (await views(list)).filter((h) => !input.overdueOnly || h.overdue);
      // Overdue first, then the most severe, then the nearest deadline.
      return out.sort(
        (a, b) =>
          Number(b.overdue) - Number(a.overdue) ||
          Number(a.status === 'closed') - Number(b.status === 'closed') ||
          SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
          (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0),
      );
    },

    async assignHazard(input: In<'assignHazard'>): Promise<HazardView> {
      const h = await load(input.hazardId);
      if (accessOf(h) !== 'manager') throw new AppError('NOT_FOUND');
      if (!!input.assigneeUserId === !!input.assigneeName)
        throw new AppError('INVALID_INPUT', '请选择一名维修人员，或填写整改责任方名称（二选一）。');
      let assigneeName = input.assigneeName ?? '';
      if (input.assigneeUserId) {
        const w = await getDoc<UserDoc>(db, COLLECTIONS.users, input.assigneeUserId);
        if (!w || !w.roles.includes('worker') || !(w.projectIds ?? []).includes(h.projectId))
          throw new AppError('INVALID_INPUT', '该维修人员不负责这个项目。');
        assigneeName = w.name;
      }
      const moved = await move(
        h._id,
        ['open', 'assigned'],
        ['manager'],
        '派单整改',
        `责任方：${assigneeName}${input.note ? `；${input.note}` : ''}`,
        { status: 'assigned', assigneeUserId: input.assigneeUserId ?? null, assigneeName },
      );
      if (input.assigneeUserId)
        await rt.messages.enqueue({
          toUserId: input.assigneeUserId,
          template: 'patrol_task',
          title: `隐患整改任务（${HAZARD_SEVERITY_LABELS[h.severity]}）`,
          body: `${h.location}：${h.description}，请于 ${chinaDate(Date.parse(h.deadline))} 前完成整改。`,
          dedupeKey: `hazard-assign|${h._id}|${input.assigneeUserId}|${moved.events.length}`,
        });
      return one(moved);
    },

    async rectifyHazard(input: In<'rectifyHazard'>): Promise<HazardView> {
      const h = await load(input.hazardId);
      const access = accessOf(h);
      if (access !== 'manager' && access !== 'assignee') throw new AppError('NOT_FOUND');
      if (h.status !== 'assigned' && h.status !== 'open')
        throw new AppError('STATE_INVALID', `隐患当前为“${HAZARD_STATUS_LABELS[h.status]}”，不能登记整改。`);
      const keys = await storePhotos(rt, `hazards/${h._id}/after-${h.events.length}`, input.afterPhotos);
      return one(
        await move(h._id, ['open', 'assigned'], ['manager', 'assignee'], '完成整改', input.note, {
          status: 'rectified',
          afterPhotoKeys: keys,
        }),
      );
    },

    async recheckHazard(input: In<'recheckHazard'>): Promise<HazardView> {
      const h = await load(input.hazardId);
      if (accessOf(h) !== 'manager') throw new AppError('NOT_FOUND');
      if (!input.passed && !input.note) throw new AppError('INVALID_INPUT', '复查未通过时请说明原因。');
      return one(
        await move(
          h._id,
          ['rectified'],
          ['manager'],
          input.passed ? '复查通过，销号' : '复查未通过，退回整改',
          input.note,
          input.passed ? { status: 'closed', closedAt: rt.now().toISOString() } : { status: 'assigned' },
        ),
      );
    },

    async hazardPhoto(input: In<'hazardPhoto'>) {
      const h = await load(input.hazardId);
      return readPhoto(rt, (input.which === 'before' ? h.photoKeys : h.afterPhotoKeys)[input.index]);
    },
  };
}
