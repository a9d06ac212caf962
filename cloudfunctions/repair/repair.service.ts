import { idFromClient } from '../_runtime/ids';
import ExcelJS from 'exceljs';
import { COLLECTIONS } from '@shared/collections';
import type { RepairView, repairContract } from '@shared/contracts/repair.contract';
import { AppError } from '@shared/errors';
import { chinaDate } from '@shared/rules/dates';
import {
  isRepairOverdue,
  REPAIR_CATEGORY_LABELS,
  repairDeadline,
  type RepairCategory,
} from '@shared/rules/repair-deadline.rule';
import {
  REPAIR_STATE_LABELS,
  repairTransition,
  type RepairActor,
  type RepairMove,
  type RepairState,
} from '@shared/rules/repair-flow.rule';
import { RATING_REASON_LABELS, repairStatistics, type RepairFact } from '@shared/rules/repair-stats.rule';
import type { z } from 'zod';
import { hasRole } from '../_runtime/caller';
import type { UserDoc } from '../_runtime/caller';
import type { LeaseDoc, ProjectDoc, UnitDoc } from '../_runtime/documents';
import { fetchAll } from '../_runtime/fetch-all';
import type { ServiceContext } from '../_runtime/handler';
import type { Runtime } from '../_runtime/runtime';

type In<A extends keyof typeof repairContract> = z.output<(typeof repairContract)[A]['input']>;

/** A repair or hardship-help request; its events are kept in the document and appended atomically. */
export interface RepairDoc {
  _id: string;
  kind: 'repair' | 'help';
  category: RepairCategory;
  description: string;
  emergency: boolean;
  status: RepairState;
  householdId: string;
  userId: string;
  unitId: string;
  projectId: string;
  preferredTimes: string;
  deadline: string;
  workerUserId: string | null;
  visitAt: string | null;
  photoKeys: string[];
  afterPhotoKeys: string[];
  doneAt: string | null;
  rating: { good: boolean; reasons: string[] } | null;
  createdAt: string;
  events: { at: string; actorUserId: string; actorName: string; action: string; note: string }[];
}

const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

/** JPEG or PNG by their magic bytes, at most 2 MB (checked on the server whatever the client did). */
function decodePhoto(base64: string): { bytes: Buffer; contentType: string; ext: string } {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > MAX_PHOTO_BYTES)
    throw new AppError('INVALID_INPUT', '照片不能超过 2 MB，请压缩后上传。');
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return { bytes, contentType: 'image/jpeg', ext: 'jpg' };
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { bytes, contentType: 'image/png', ext: 'png' };
  }
  throw new AppError('INVALID_INPUT', '照片格式不支持，请上传 JPG 或 PNG 图片。');
}

type Access = RepairActor | null;

const OPEN_STATES: readonly RepairState[] = ['submitted', 'accepted', 'assigned', 'in_progress', 'reopened'];

/** 'YYYY-MM' of an instant in China time (UTC+8, no daylight saving). */
const chinaMonth = (iso: string) => chinaDate(Date.parse(iso)).slice(0, 7);

/**
 * The daily deadline reminder (timer trigger `daily-deadline-reminders`): every open request due within a
 * day or already overdue reminds its assignee (or, unassigned, the project's managers) and the project's
 * managers. One message per request, person and day however often it runs (outbox dedupe keys).
 */
export async function remindRepairDeadlines(rt: Runtime): Promise<{
  checked: number;
  reminded: number;
  queued: number;
}> {
  const _ = rt.db.command;
  const now = rt.now();
  const day = chinaDate(now.getTime());
  const open = await fetchAll<RepairDoc>(
    rt.db.collection(COLLECTIONS.repairs).where({ status: _.in([...OPEN_STATES]) }),
  );
  const managers = await fetchAll<UserDoc>(rt.db.collection(COLLECTIONS.users).where({ roles: 'manager' }));
  let reminded = 0;
  let queued = 0;
  for (const r of open) {
    const deadline = Date.parse(r.deadline);
    const overdue = isRepairOverdue(deadline, now.getTime(), false);
    if (!overdue && deadline - now.getTime() > 86_400_000) continue;
    reminded++;
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
      });
      if (result.queued) queued++;
    }
  }
  return { checked: open.length, reminded, queued };
}

function accessOf(repair: RepairDoc, ctx: ServiceContext): Access {
  const user = ctx.caller.user;
  if (!user) return null;
  if (hasRole(ctx.caller, 'manager') && (user.projectIds ?? []).includes(repair.projectId)) return 'manager';
  if (hasRole(ctx.caller, 'worker') && repair.workerUserId === user._id) return 'worker';
  if (user.householdId && repair.householdId === user.householdId) return 'tenant';
  return null;
}

export function createRepairService(ctx: ServiceContext) {
  const db = ctx.rt.db;
  const now = () => ctx.rt.now();

  async function load(id: string): Promise<RepairDoc> {
    const repair = (await db.collection(COLLECTIONS.repairs).doc(id).get()).data[0] as RepairDoc | undefined;
    if (!repair || !accessOf(repair, ctx)) throw new AppError('NOT_FOUND');
    return repair;
  }

  async function view(r: RepairDoc): Promise<RepairView> {
    const unit = (await db.collection(COLLECTIONS.units).doc(r.unitId).get()).data[0] as UnitDoc | undefined;
    const project = (await db.collection(COLLECTIONS.projects).doc(r.projectId).get()).data[0] as
      ProjectDoc | undefined;
    const worker = r.workerUserId
      ? ((await db.collection(COLLECTIONS.users).doc(r.workerUserId).get()).data[0] as UserDoc | undefined)
      : undefined;
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
      overdue: isRepairOverdue(Date.parse(r.deadline), now().getTime(), finished),
      workerName: worker?.name ?? null,
      visitAt: r.visitAt,
      photos: r.photoKeys.length,
      afterPhotos: r.afterPhotoKeys.length,
      rating: r.rating,
      createdAt: r.createdAt,
      events: r.events.map((e) => ({ at: e.at, actorName: e.actorName, action: e.action, note: e.note })),
    };
  }

  /** Applies a lifecycle move inside a transaction, with its event; refuses illegal moves and changes nothing. */
  async function move(
    id: string,
    m: RepairMove,
    note: string,
    patch: Partial<RepairDoc> = {},
  ): Promise<RepairView> {
    const at = now().toISOString();
    await db.runTransaction(async (tx) => {
      const r = (await tx.collection(COLLECTIONS.repairs).doc(id).get()).data as RepairDoc | null;
      const actor = r ? accessOf(r, ctx) : null;
      if (!r || !actor) throw new AppError('NOT_FOUND');
      const d = repairTransition(r.status, m, actor, {
        now: now().getTime(),
        doneAt: r.doneAt ? Date.parse(r.doneAt) : null,
        policy: ctx.rt.policy,
      });
      if (!d.ok) throw new AppError('STATE_INVALID', d.reasons.map((x) => x.message).join(' '));
      const event = {
        at,
        actorUserId: ctx.caller.user?._id ?? '',
        actorName: ctx.caller.user?.name ?? '',
        action: REPAIR_STATE_LABELS[d.value],
        note,
      };
      await tx
        .collection(COLLECTIONS.repairs)
        .doc(id)
        .update({ ...patch, status: d.value, events: db.command.push([event]) });
    });
    return view(await load(id));
  }

  /** The requests the caller may count: a manager's projects, or every project for the housing office. */
  async function statFacts(input: In<'stats'>): Promise<RepairFact[]> {
    const user = ctx.caller.user;
    const admin = hasRole(ctx.caller, 'admin');
    if (!user || (!admin && !hasRole(ctx.caller, 'manager'))) throw new AppError('NOT_FOUND');
    const allowed = admin ? null : (user.projectIds ?? []);
    if (input.projectId && allowed && !allowed.includes(input.projectId)) throw new AppError('NOT_FOUND');
    if (input.fromMonth && input.toMonth && input.fromMonth > input.toMonth) {
      throw new AppError('INVALID_INPUT', '起始月份不能晚于结束月份。');
    }
    const _ = db.command;
    const projectIds = input.projectId ? [input.projectId] : allowed;
    const query = projectIds
      ? db.collection(COLLECTIONS.repairs).where({ projectId: _.in(projectIds) })
      : db.collection(COLLECTIONS.repairs).where({ status: _.exists(true) });
    const list = (await fetchAll<RepairDoc>(query)).filter((r) => r.events);
    const units = new Map<string, UnitDoc>();
    for (const id of new Set(list.map((r) => r.unitId))) {
      const u = (await db.collection(COLLECTIONS.units).doc(id).get()).data[0] as UnitDoc | undefined;
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
        (f) =>
          (!input.fromMonth || f.month >= input.fromMonth) && (!input.toMonth || f.month <= input.toMonth),
      );
  }

  return {
    async file(input: In<'file'>): Promise<RepairView> {
      const user = ctx.caller.user;
      if (!user?.householdId) throw new AppError('NOT_FOUND', '您还没有在租房屋，不能报修。');
      const id = idFromClient('rep', user._id, input.clientRequestId);
      const existing = (await db.collection(COLLECTIONS.repairs).doc(id).get()).data[0] as
        RepairDoc | undefined;
      if (existing) return view(existing); // a retried submission
      const lease = (
        await db
          .collection(COLLECTIONS.leases)
          .where({ householdId: user.householdId, status: 'active' })
          .limit(1)
          .get()
      ).data[0] as LeaseDoc | undefined;
      if (!lease) throw new AppError('NOT_FOUND', '您还没有在租房屋，不能报修。');
      const photos = input.photos.map(decodePhoto);
      const photoKeys: string[] = [];
      for (const [i, p] of photos.entries()) {
        const key = `repairs/${id}/before-${i}.${p.ext}`;
        await ctx.rt.storage.put(key, p.bytes, p.contentType);
        photoKeys.push(key);
      }
      const at = now();
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
        photoKeys,
        afterPhotoKeys: [],
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
      await db.runTransaction(async (tx) => {
        if ((await tx.collection(COLLECTIONS.repairs).doc(id).get()).data) return;
        await tx.collection(COLLECTIONS.repairs).doc(id).set(doc);
      });
      return view(await load(id));
    },

    async mine(): Promise<RepairView[]> {
      const householdId = ctx.caller.user?.householdId;
      if (!householdId) return [];
      const list = await fetchAll<RepairDoc>(
        db.collection(COLLECTIONS.repairs).where({ householdId }).orderBy('createdAt', 'desc'),
      );
      return Promise.all(list.filter((r) => r.events).map(view));
    },

    detail: async (input: In<'detail'>) => view(await load(input.repairId)),

    async board(input: In<'board'>): Promise<RepairView[]> {
      const user = ctx.caller.user;
      if (!user) return [];
      const _ = db.command;
      let list: RepairDoc[] = [];
      if (hasRole(ctx.caller, 'manager')) {
        list = await fetchAll<RepairDoc>(
          db
            .collection(COLLECTIONS.repairs)
            .where({ projectId: _.in(user.projectIds ?? []) })
            .orderBy('createdAt', 'desc'),
        );
      } else if (hasRole(ctx.caller, 'worker')) {
        list = await fetchAll<RepairDoc>(
          db.collection(COLLECTIONS.repairs).where({ workerUserId: user._id }).orderBy('createdAt', 'desc'),
        );
      } else {
        throw new AppError('NOT_FOUND');
      }
      const views = await Promise.all(
        list.filter((r) => r.events && (!input.status || r.status === input.status)).map(view),
      );
      // Emergencies and overdue requests first.
      return views.sort(
        (a, b) => Number(b.emergency) - Number(a.emergency) || Number(b.overdue) - Number(a.overdue),
      );
    },

    async assign(input: In<'assign'>): Promise<RepairView> {
      const repair = await load(input.repairId);
      const worker = (await db.collection(COLLECTIONS.users).doc(input.workerUserId).get()).data[0] as
        UserDoc | undefined;
      if (
        !worker ||
        !worker.roles.includes('worker') ||
        !(worker.projectIds ?? []).includes(repair.projectId)
      ) {
        throw new AppError('INVALID_INPUT', '该维修人员不负责这个项目。');
      }
      return move(
        input.repairId,
        'assign',
        `派给 ${worker.name}，预计 ${input.visitAt.slice(0, 16).replace('T', ' ')} 上门`,
        {
          workerUserId: worker._id,
          visitAt: new Date(input.visitAt).toISOString(),
        },
      );
    },

    accept: (input: In<'accept'>) => move(input.repairId, 'accept', ''),

    reject: (input: In<'reject'>) => move(input.repairId, 'reject', input.reason),

    async extendDeadline(input: In<'extendDeadline'>): Promise<RepairView> {
      const repair = await load(input.repairId);
      if (accessOf(repair, ctx) !== 'manager') throw new AppError('NOT_FOUND');
      if (Date.parse(input.deadline) <= Date.parse(repair.deadline))
        throw new AppError('INVALID_INPUT', '新的期限必须晚于原期限。');
      const at = now().toISOString();
      const event = {
        at,
        actorUserId: ctx.caller.user?._id ?? '',
        actorName: ctx.caller.user?.name ?? '',
        action: '延长期限',
        note: `延至 ${input.deadline.slice(0, 10)}：${input.reason}`,
      };
      await db
        .collection(COLLECTIONS.repairs)
        .doc(repair._id)
        .update({ deadline: new Date(input.deadline).toISOString(), events: db.command.push([event]) });
      return view(await load(repair._id));
    },

    start: (input: In<'start'>) => move(input.repairId, 'start', ''),

    async complete(input: In<'complete'>): Promise<RepairView> {
      const repair = await load(input.repairId);
      if (accessOf(repair, ctx) !== 'worker') throw new AppError('NOT_FOUND');
      const keys: string[] = [];
      for (const [i, p] of input.afterPhotos.map(decodePhoto).entries()) {
        const key = `repairs/${repair._id}/after-${i}.${p.ext}`;
        await ctx.rt.storage.put(key, p.bytes, p.contentType);
        keys.push(key);
      }
      return move(repair._id, 'complete', input.note, { afterPhotoKeys: keys, doneAt: now().toISOString() });
    },

    confirm: (input: In<'confirm'>) =>
      move(input.repairId, 'confirm', input.good ? '满意' : `不满意：${input.reasons.join('、')}`, {
        rating: { good: input.good, reasons: input.reasons },
      }),

    reopen: (input: In<'reopen'>) =>
      move(input.repairId, 'reopen', input.reason, { workerUserId: null, visitAt: null }),

    async message(input: In<'message'>): Promise<RepairView> {
      const repair = await load(input.repairId);
      const event = {
        at: now().toISOString(),
        actorUserId: ctx.caller.user?._id ?? '',
        actorName: ctx.caller.user?.name ?? '',
        action: '留言',
        note: input.text,
      };
      await db
        .collection(COLLECTIONS.repairs)
        .doc(repair._id)
        .update({ events: db.command.push([event]) });
      return view(await load(repair._id));
    },

    async workers(input: In<'workers'>) {
      const repair = await load(input.repairId);
      if (accessOf(repair, ctx) !== 'manager') throw new AppError('NOT_FOUND');
      const workers = (
        await fetchAll<UserDoc>(db.collection(COLLECTIONS.users).where({ roles: 'worker' }))
      ).filter((w) => (w.projectIds ?? []).includes(repair.projectId));
      const _ = db.command;
      return Promise.all(
        workers.map(async (w) => ({
          userId: w._id,
          name: w.name,
          openTasks: (
            await db
              .collection(COLLECTIONS.repairs)
              .where({ workerUserId: w._id, status: _.in(['assigned', 'in_progress']) })
              .count()
          ).total,
        })),
      );
    },

    async stats(input: In<'stats'>) {
      const s = repairStatistics(await statFacts(input), now().getTime());
      return {
        ...s,
        poorReasons: s.poorReasons.map((r) => ({ ...r, label: RATING_REASON_LABELS[r.reason] ?? r.reason })),
      };
    },

    async exportStats(input: In<'exportStats'>) {
      const s = repairStatistics(await statFacts(input), now().getTime());
      const book = new ExcelJS.Workbook();
      book.creator = '安居';
      const header = [
        '分组',
        '报修数',
        '已完成',
        '完成用时中位数（小时）',
        '超期数',
        '超期率',
        '好评',
        '差评',
      ];
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
      const bytes = Buffer.from(await book.xlsx.writeBuffer());
      const range = [input.fromMonth, input.toMonth].filter(Boolean).join('至') || '全部';
      return { fileName: `报修统计-${range}.xlsx`, base64: bytes.toString('base64') };
    },

    async remindDeadlines() {
      if (!hasRole(ctx.caller, 'manager') && !hasRole(ctx.caller, 'admin')) throw new AppError('NOT_FOUND');
      return remindRepairDeadlines(ctx.rt);
    },

    async photo(input: In<'photo'>) {
      const repair = await load(input.repairId);
      const key = (input.which === 'before' ? repair.photoKeys : repair.afterPhotoKeys)[input.index];
      const bytes = key ? await ctx.rt.storage.get(key) : null;
      if (!key || !bytes) throw new AppError('NOT_FOUND', '照片不存在。');
      return {
        contentType: key.endsWith('.png') ? 'image/png' : 'image/jpeg',
        base64: Buffer.from(bytes).toString('base64'),
      };
    },
  };
}
