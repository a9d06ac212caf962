import type { CareDueItem, CareView } from '@shared/contracts/patrol.contract';
import { AppError } from '@shared/errors';
import { addDays, mondayOf, wholeYearsBetween } from '@shared/rules/dates';
import {
  missedCheckEscalationDue,
  notReachedEscalationDue,
  specialCareReason,
} from '@shared/rules/patrol.rule';
import { repairDeadline } from '@shared/rules/repair-deadline.rule';
import {
  canManage,
  found,
  notFound,
  projectScope,
  requireOversight,
  requireUser,
  servesProject,
} from '../_runtime/access';
import type { In, ServiceContext } from '../_runtime/handler';
import { sliceFor, type JobSlice } from '../_runtime/job-slice';
import { sliceThrough } from '../_runtime/job-state';
import type { Runtime } from '../_runtime/runtime';
import type { RepairDoc } from '../repair/repair.repository';
import { chinaDate, chinaDayStart, checkClientTime, idFromClient, sha256 } from './patrol.common';
import type { CareCheckinDoc, CareDoc } from './patrol.documents';
import type { PatrolRepository } from './patrol.repository';

const DAY = 86_400_000;

export function careDueItem(c: CareDoc, now: number): CareDueItem {
  return {
    careId: c._id,
    personName: c.personName,
    unitLabel: c.unitLabel,
    reason: c.reason,
    nextDueAt: c.nextDueAt,
    overdue: now > Date.parse(c.nextDueAt),
    notReachedSince: c.notReachedSince,
  };
}

function careView(c: CareDoc, now: number, names: Map<string, string>): CareView {
  return {
    id: c._id,
    householdId: c.householdId,
    projectId: c.projectId,
    unitLabel: c.unitLabel,
    personName: c.personName,
    reason: c.reason,
    contacts: c.contacts.map((k) => ({ name: k.name, relation: k.relation, phone: k.phone })),
    cadenceDays: c.cadenceDays,
    volunteerUserId: c.volunteerUserId,
    volunteerName: c.volunteerUserId ? (names.get(c.volunteerUserId) ?? null) : null,
    active: c.active,
    lastCheckAt: c.lastCheckAt,
    lastOutcome: c.lastOutcome,
    nextDueAt: c.nextDueAt,
    overdue: c.active && now > Date.parse(c.nextDueAt),
    notReachedSince: c.notReachedSince,
    escalatedAt: c.escalatedAt,
  };
}

/**
 * The escalation check (武昌调研报告 二(三)四; delay = policy `patrol.careEscalationHours`): a resident not reached
 * since the delay, or whose check-in is overdue by the delay, is escalated to the project's managers and
 * the registered contacts who use the mini-program (the managers' message lists every contact's phone).
 * Each episode is escalated once (its key is stored and the messages are deduplicated), so the daily timer
 * and the manual button can run any number of times.
 */
export async function runCareEscalation(
  repo: PatrolRepository,
  rt: Runtime,
  projectIds: string[] | null,
  slice: JobSlice | null = null,
) {
  const now = rt.now().getTime();
  // Sliced: each firing of the timer is a pass over the active entries in `_id` order (`job_state`
  // `care-escalation|<scope>`); a pass stopped by its budget is continued by the next slice, and a finished
  // pass is followed by a new one. Escalation keys keep every pass from repeating a message.
  const { counts } = await sliceThrough({
    states: repo.jobs,
    job: 'care-escalation',
    runKey: projectIds ? `projects-${[...projectIds].sort().join(',')}`.slice(0, 200) : 'all',
    at: rt.now().toISOString(),
    slice: slice ?? sliceFor(rt),
    stateless: slice === null,
    again: true,
    countNames: ['checked', 'escalated', 'messages'],
    key: (c) => c._id,
    items: async () =>
      (await repo.activeCare()).filter((c) => !projectIds || projectIds.includes(c.projectId)),
    process: async (c, n) => {
      n.checked = (n.checked ?? 0) + 1;
      const sent = await escalateOne(c);
      if (sent !== null) {
        n.escalated = (n.escalated ?? 0) + 1;
        n.messages = (n.messages ?? 0) + sent;
      }
    },
  });
  const result = {
    checked: counts.checked ?? 0,
    escalated: counts.escalated ?? 0,
    messages: counts.messages ?? 0,
  };
  rt.log.log('info', 'care escalation', result);
  return result;

  /** Escalates one entry if it is due: how many messages were queued, or null. */
  async function escalateOne(c: CareDoc): Promise<number | null> {
    let messages = 0;
    let key: string | null = null;
    let why = '';
    if (c.notReachedSince && notReachedEscalationDue(Date.parse(c.notReachedSince), now, rt.policy)) {
      key = `not-reached-${c.notReachedSince}`;
      why = `自 ${c.notReachedSince.slice(0, 16).replace('T', ' ')}（UTC）起未能联系上`;
    } else if (missedCheckEscalationDue(Date.parse(c.nextDueAt), now, rt.policy)) {
      key = `missed-${c.nextDueAt}`;
      why = `应于 ${chinaDate(Date.parse(c.nextDueAt))} 前完成的关爱走访仍未完成`;
    }
    if (!key || c.escalationKey === key) return null;
    const contacts = c.contacts.map((k) => `${k.relation || '联系人'} ${k.name} ${k.phone}`).join('；');
    const title = '特殊关爱住户未能联系';
    // The managers: an urgent alert (SMS and inbox at once, escalating until acknowledged; issue #18).
    const alert = await rt.messages.alert({
      key: `care-escalation|${c._id}|${key}`,
      kind: 'care_escalation',
      projectId: c.projectId,
      title,
      body: `${c.unitLabel} ${c.personName}（${c.reason}）${why}，请尽快上门查看。登记联系人：${contacts}`,
      fields: {
        person: `${c.unitLabel} ${c.personName}`,
        what: key.startsWith('missed') ? '关爱走访逾期未完成' : '多次未能联系上',
      },
      link: { page: 'care-registry', id: c._id },
    });
    messages += alert.notified;
    for (const k of c.contacts) {
      if (!k.userId) continue;
      const r = await rt.messages.enqueue({
        toUserId: k.userId,
        template: 'care_escalation',
        title,
        body: `安全志愿者未能联系上您的家人 ${c.personName}（${c.unitLabel}），请尽快与其联系，或联系物业管家。`,
        dedupeKey: `care-escalation|${c._id}|${key}|${k.userId}`,
        fields: { person: c.personName, what: '安全志愿者未能联系上，请尽快联系' },
        link: null,
      });
      if (r.queued) messages++;
    }
    await repo.updateCare(c._id, { escalationKey: key, escalatedAt: rt.now().toISOString() });
    return messages;
  }
}

async function views(repo: PatrolRepository, list: CareDoc[], ctx: ServiceContext): Promise<CareView[]> {
  const names = await repo.userNames(list.map((c) => c.volunteerUserId));
  return list.map((c) => careView(c, ctx.rt.now().getTime(), names));
}

/** Entries the caller may see: their projects (manager/admin) or assigned to them (volunteer). */
async function visible(repo: PatrolRepository, ctx: ServiceContext, projectId?: string): Promise<CareDoc[]> {
  const user = requireUser(ctx);
  if (projectId !== undefined && !canManage(ctx, projectId)) notFound();
  const managed = projectId ? [projectId] : projectScope(ctx);
  if (managed === null) return repo.allCare();
  if (managed.length > 0) {
    const out: CareDoc[] = [];
    for (const p of managed) out.push(...(await repo.careOfProject(p)));
    return out;
  }
  return repo.careOfVolunteer(user._id);
}

export async function careList(
  repo: PatrolRepository,
  input: In<'patrol', 'careList'>,
  ctx: ServiceContext,
): Promise<CareView[]> {
  const list = (await visible(repo, ctx, input.projectId)).filter((c) => input.includeInactive || c.active);
  return views(repo, list, ctx);
}

export async function careUpsert(
  repo: PatrolRepository,
  input: In<'patrol', 'careUpsert'>,
  ctx: ServiceContext,
): Promise<CareView> {
  const rt = ctx.rt;
  requireUser(ctx);
  const lease = found(
    await repo.activeLeaseOf(input.householdId),
    (l) => canManage(ctx, l.projectId),
    '该住户不在您负责的项目中。',
  );
  const household = await repo.household(input.householdId);
  const unit = await repo.unit(lease.unitId);
  if (!household || !unit) notFound();
  if (input.volunteerUserId) {
    const v = await repo.user(input.volunteerUserId);
    if (!servesProject(v, 'volunteer', lease.projectId))
      throw new AppError('INVALID_INPUT', '该志愿者不负责这个项目。');
  }
  for (const k of input.contacts) {
    if (k.userId && !(await repo.user(k.userId)))
      throw new AppError('INVALID_INPUT', `联系人 ${k.name} 的用户不存在。`);
  }
  const id = `care-${input.householdId}`;
  const cadenceDays = input.cadenceDays ?? rt.policy.patrol.specialCareCadenceDays;
  const at = rt.now().toISOString();
  await repo.runInTransaction(async (t) => {
    const existing = await t.care(id);
    const contacts = input.contacts.map((k) => ({
      name: k.name,
      relation: k.relation,
      phone: k.phone,
      ...(k.userId ? { userId: k.userId } : {}),
    }));
    const common = {
      personName: input.personName,
      reason: input.reason,
      contacts,
      cadenceDays,
      active: input.active,
      projectId: lease.projectId,
      buildingId: unit.buildingId,
      unitId: unit._id,
      unitLabel: unit.label,
    };
    if (existing) {
      const nextDueAt = existing.lastCheckAt
        ? new Date(Date.parse(existing.lastCheckAt) + cadenceDays * DAY).toISOString()
        : existing.nextDueAt;
      await t.updateCare(id, {
        ...common,
        nextDueAt,
        ...(input.volunteerUserId !== undefined ? { volunteerUserId: input.volunteerUserId } : {}),
      });
      return;
    }
    const doc: Omit<CareDoc, '_id'> = {
      ...common,
      householdId: input.householdId,
      volunteerUserId: input.volunteerUserId ?? null,
      lastCheckAt: null,
      lastOutcome: null,
      // A newly registered resident is visited within the first cadence.
      nextDueAt: new Date(rt.now().getTime() + cadenceDays * DAY).toISOString(),
      notReachedSince: null,
      escalationKey: null,
      escalatedAt: null,
      createdAt: at,
    };
    await t.setCare(id, doc);
  });
  const saved = (await repo.care(id)) as CareDoc;
  return (await views(repo, [saved], ctx))[0] as CareView;
}

export async function careCandidates(
  repo: PatrolRepository,
  input: In<'patrol', 'careCandidates'>,
  ctx: ServiceContext,
) {
  const rt = ctx.rt;
  requireUser(ctx);
  if (!canManage(ctx, input.projectId)) notFound();
  const leases = await repo.activeLeasesOfProject(input.projectId);
  const [households, units, registered] = await Promise.all([
    repo.householdsByIds(leases.map((l) => l.householdId)),
    repo.unitsByIds(leases.map((l) => l.unitId)),
    visible(repo, ctx, input.projectId),
  ]);
  const inRegistry = new Set(registered.filter((c) => c.active).map((c) => c.householdId));
  const today = chinaDate(rt.now().getTime());
  const q = input.query;
  const out = leases.flatMap((l) => {
    const h = households.get(l.householdId);
    const u = units.get(l.unitId);
    if (!h || !u) return [];
    if (q && !u.label.includes(q) && !h.headName.includes(q)) return [];
    const ageYears = wholeYearsBetween(h.applicantBirthDate, today);
    const suggestedReason =
      h.specialCare?.reason ??
      specialCareReason(
        {
          ageYears,
          seriousIllness: h.priority.seriousIllnessOrDisabilityWithoutIncome,
          solitary: h.priority.solitaryElderly,
        },
        rt.policy,
      );
    return [
      {
        householdId: h._id,
        headName: h.headName,
        unitLabel: u.label,
        ageYears,
        suggestedReason,
        inRegistry: inRegistry.has(h._id),
      },
    ];
  });
  const rank = (c: (typeof out)[number]) => (c.suggestedReason && !c.inRegistry ? 0 : c.inRegistry ? 2 : 1);
  return out.sort((a, b) => rank(a) - rank(b) || (a.unitLabel < b.unitLabel ? -1 : 1)).slice(0, 50);
}

export async function careDue(repo: PatrolRepository, input: In<'patrol', 'careDue'>, ctx: ServiceContext) {
  const now = () => ctx.rt.now().getTime();
  const user = requireUser(ctx);
  // Naming a project one does not oversee is refused (as careList does), never silently ignored.
  if (input.projectId !== undefined && !canManage(ctx, input.projectId)) notFound();
  const today = chinaDate(now());
  const weekStart = input.weekStart ?? mondayOf(today); // this week's Monday (China time)
  const weekEnd = addDays(weekStart, 6);
  const until = chinaDayStart(addDays(weekEnd, 1));
  const scope = projectScope(ctx);
  const manager = scope === null || scope.length > 0;
  const list = (manager ? await visible(repo, ctx, input.projectId) : await visible(repo, ctx)).filter(
    (c) => c.active && (Date.parse(c.nextDueAt) < until || c.notReachedSince),
  );
  const mine = manager ? list : list.filter((c) => c.volunteerUserId === user._id);
  const names = await repo.userNames(mine.map((c) => c.volunteerUserId));
  const groups = new Map<string, CareDoc[]>();
  for (const c of mine) {
    const key = c.volunteerUserId ?? '';
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return {
    weekStart,
    weekEnd,
    volunteers: [...groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([v, items]) => ({
        volunteerUserId: v || null,
        volunteerName: v ? (names.get(v) ?? '') : '未分配',
        items: items.map((c) => careDueItem(c, now())).sort((a, b) => (a.nextDueAt < b.nextDueAt ? -1 : 1)),
      })),
  };
}

export async function careCheckIn(
  repo: PatrolRepository,
  input: In<'patrol', 'careCheckIn'>,
  ctx: ServiceContext,
) {
  const rt = ctx.rt;
  const user = requireUser(ctx);
  const entry = found(
    await repo.care(input.careId),
    (c) => c.volunteerUserId === user._id || canManage(ctx, c.projectId),
  );
  const at = checkClientTime(input.at, rt.now().getTime(), '联系时间');
  if (input.outcome === 'needs_help' && !input.help)
    throw new AppError('INVALID_INPUT', '请填写住户需要的帮助。');
  if (input.outcome !== 'needs_help' && input.help)
    throw new AppError('INVALID_INPUT', '只有“需要帮助”时才填写求助内容。');
  const checkinId = idFromClient('cc', user._id, input.clientCheckinId);
  const atIso = new Date(at).toISOString();
  const digest = sha256(
    JSON.stringify([input.careId, input.outcome, input.channel, atIso, input.note, input.help ?? null]),
  );
  const replay = async (c: CareCheckinDoc) => {
    if (c.digest !== digest)
      throw new AppError('CONFLICT', '这条关爱记录的编号已用于另一条内容不同的记录，请刷新后重新填写。');
    const current = (await repo.care(c.careId)) as CareDoc;
    return {
      checkinId: c._id,
      care: (await views(repo, [current], ctx))[0] as CareView,
      helpRequestId: c.helpRequestId,
      replayed: true,
    };
  };
  const stored = await repo.checkin(checkinId);
  if (stored) return replay(stored);
  if (!entry.active) throw new AppError('STATE_INVALID', '该住户已不在特殊关爱名单中。');

  const receivedAt = rt.now();
  const helpRequestId = input.outcome === 'needs_help' ? `rep-care-${checkinId.slice(3)}` : null;
  const result = await repo.runInTransaction<
    { replayOf: CareCheckinDoc; care?: undefined } | { replayOf?: undefined; care: CareDoc }
  >(async (t) => {
    const again = await t.checkin(checkinId);
    if (again) return { replayOf: again };
    const c = await t.care(entry._id);
    if (!c || !c.active) throw new AppError('STATE_INVALID', '该住户已不在特殊关爱名单中。');
    const reached = input.outcome !== 'not_reached';
    const newer = !c.lastCheckAt || at >= Date.parse(c.lastCheckAt);
    const patch: Partial<CareDoc> = reached
      ? newer
        ? {
            lastCheckAt: atIso,
            lastOutcome: input.outcome,
            nextDueAt: new Date(at + c.cadenceDays * DAY).toISOString(),
            notReachedSince: null,
          }
        : {}
      : { lastOutcome: 'not_reached', notReachedSince: c.notReachedSince ?? atIso };
    const checkin: Omit<CareCheckinDoc, '_id'> = {
      clientCheckinId: input.clientCheckinId,
      digest,
      careId: c._id,
      projectId: c.projectId,
      userId: user._id,
      outcome: input.outcome,
      channel: input.channel,
      at: atIso,
      receivedAt: receivedAt.toISOString(),
      note: input.note,
      helpRequestId,
    };
    await t.setCheckin(checkinId, checkin);
    if (Object.keys(patch).length) await t.updateCare(c._id, patch);
    if (helpRequestId && input.help) {
      // A hardship-help request on the repair board (武昌 二(一)二 困难求助), in the repair function's shape.
      const help: Omit<RepairDoc, '_id'> = {
        kind: 'help',
        category: 'other',
        description: `【特殊关爱】${c.personName}（${c.reason}）：${input.help.description}`,
        emergency: input.help.urgent,
        status: 'submitted',
        householdId: c.householdId,
        userId: user._id,
        unitId: c.unitId,
        projectId: c.projectId,
        preferredTimes: '',
        deadline: new Date(
          repairDeadline(
            { category: 'other', emergency: input.help.urgent, submittedAt: receivedAt.getTime() },
            rt.policy,
          ),
        ).toISOString(),
        workerUserId: null,
        visitAt: null,
        photoFileIds: [],
        afterPhotoFileIds: [],
        doneAt: null,
        rating: null,
        createdAt: receivedAt.toISOString(),
        events: [
          {
            at: receivedAt.toISOString(),
            actorUserId: user._id,
            actorName: user.name,
            action: '已提交',
            note: `安全志愿者关爱走访时代为提交${input.help.urgent ? '（紧急）' : ''}`,
          },
        ],
      };
      await t.setRepair(helpRequestId, help);
    }
    return { care: { ...c, ...patch } as CareDoc };
  });
  if (result.replayOf) return replay(result.replayOf);
  if (helpRequestId && input.help?.urgent) {
    for (const m of await repo.managersOf(entry.projectId))
      await rt.messages.enqueue({
        toUserId: m._id,
        template: 'repair_update',
        title: '特殊关爱住户紧急求助',
        body: `${entry.unitLabel} ${entry.personName}：${input.help.description}`,
        dedupeKey: `care-help|${helpRequestId}|${m._id}`,
        fields: {
          what: '特殊关爱住户紧急求助',
          status: '待受理',
          time: receivedAt.toISOString().slice(0, 16).replace('T', ' '),
          note: input.help.description,
        },
        link: { page: 'repair', id: helpRequestId },
      });
  }
  return {
    checkinId,
    care: (await views(repo, [result.care], ctx))[0] as CareView,
    helpRequestId,
    replayed: false,
  };
}

/** Managers run the escalation check for their projects now (the timer does it daily for all). */
export async function escalateCare(repo: PatrolRepository, ctx: ServiceContext) {
  return runCareEscalation(repo, ctx.rt, requireOversight(ctx));
}
