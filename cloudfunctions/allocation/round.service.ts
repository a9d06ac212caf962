import ExcelJS from 'exceljs';
import type { RoundSummary } from '@shared/contracts';
import { ROUND_STATUS_LABELS, REGISTRATION_STATUS_LABELS } from '@shared/contracts';
import { AppError } from '@shared/errors';
import { drawLottery, inputDigest, validateDraw, type LotteryEntry } from '@shared/rules/lottery.rule';
import type { PriorityTier } from '@shared/rules/priority.rule';
import { tierLabel } from '@shared/rules/priority.rule';
import { planSelectionWindows } from '@shared/rules/selection.rule';
import { chinaDate } from '@shared/rules/dates';
import { noticePeriodEnds } from '@shared/rules/review.rule';
import { requireRole } from '../_runtime/access';
import { writeExport } from '../_runtime/exports';
import type { RegistrationDoc, RoundDoc } from '../_runtime/documents';
import type { In, ServiceContext } from '../_runtime/handler';
import type { AllocationRepository } from './allocation.repository';

const iso = (ctx: ServiceContext) => ctx.rt.now().toISOString();
const actor = (ctx: ServiceContext) => ctx.caller.user?._id ?? 'unknown';

/** The public face of a round (also what applicants see). */
export async function summarizeRound(repo: AllocationRepository, round: RoundDoc): Promise<RoundSummary> {
  const project = await repo.project(round.projectId);
  return {
    id: round._id,
    projectId: round.projectId,
    projectName: project?.name ?? '',
    title: round.title,
    description: round.description,
    status: round.status,
    statusLabel: ROUND_STATUS_LABELS[round.status],
    registrationOpensAt: round.registrationOpensAt,
    registrationClosesAt: round.registrationClosesAt,
    eligibleCategories: round.eligibleCategories,
    seedCommitment: round.seedCommitment,
    seed: round.seed,
    algorithm: round.algorithm,
    inputDigest: round.inputDigest,
    registrations: await repo.countRegistrations(round._id),
    vacantUnits: round.unitIds.length || (await repo.countUnits(round.projectId, 'vacant')),
    noticeEndsOn: round.noticeEndsOn,
  };
}

async function loadRound(repo: AllocationRepository, id: string): Promise<RoundDoc> {
  const round = await repo.round(id);
  if (!round) throw new AppError('NOT_FOUND', '未找到该配租轮次。');
  return round;
}

function requireStatus(round: RoundDoc, ...allowed: RoundDoc['status'][]): void {
  if (!allowed.includes(round.status)) {
    throw new AppError(
      'STATE_INVALID',
      `当前轮次状态为“${ROUND_STATUS_LABELS[round.status]}”，不能进行该操作。`,
    );
  }
}

/** A newly announced round: nothing drawn, no units offered yet (also used by the demo seed). */
export function announcedRound(
  input: Pick<RoundDoc, 'projectId' | 'title' | 'description' | 'eligibleCategories' | 'seedCommitment'> & {
    registrationOpensAt: string;
    registrationClosesAt: string;
  },
  createdAt: string,
): Omit<RoundDoc, '_id'> {
  return {
    projectId: input.projectId,
    title: input.title,
    description: input.description,
    status: 'announced',
    registrationOpensAt: new Date(input.registrationOpensAt).toISOString(),
    registrationClosesAt: new Date(input.registrationClosesAt).toISOString(),
    eligibleCategories: input.eligibleCategories,
    seedCommitment: input.seedCommitment,
    seed: null,
    algorithm: null,
    inputDigest: null,
    drawCount: 0,
    drawnAt: null,
    windowMinutes: null,
    unitIds: [],
    noticeEndsOn: null,
    createdAt,
  };
}

export async function createRound(
  repo: AllocationRepository,
  input: In<'allocation', 'createRound'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  const project = await repo.project(input.projectId);
  if (!project) throw new AppError('NOT_FOUND', '未找到该项目。');
  if (input.registrationOpensAt >= input.registrationClosesAt) {
    throw new AppError('INVALID_INPUT', '报名截止时间必须晚于报名开始时间。', {
      registrationClosesAt: '必须晚于开始时间',
    });
  }
  const doc = announcedRound(input, iso(ctx));
  const id = await repo.addRound(doc);
  await repo.recordAudit({
    entityType: 'round',
    entityId: id,
    action: 'announced',
    actorUserId: actor(ctx),
    at: iso(ctx),
    detail: `发布配租公告“${input.title}”，种子承诺值 ${input.seedCommitment}`,
  });
  return summarizeRound(repo, { ...doc, _id: id });
}

export async function closeRegistration(
  repo: AllocationRepository,
  input: In<'allocation', 'closeRegistration'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  const round = await loadRound(repo, input.roundId);
  requireStatus(round, 'announced');
  await repo.updateRound(round._id, { status: 'registration_closed' });
  await repo.recordAudit({
    entityType: 'round',
    entityId: round._id,
    action: 'registration_closed',
    actorUserId: actor(ctx),
    at: iso(ctx),
    detail: `报名截止，共 ${await repo.countRegistrations(round._id)} 户报名`,
  });
  return summarizeRound(repo, { ...round, status: 'registration_closed' });
}

function entriesOf(registrations: RegistrationDoc[]): LotteryEntry[] {
  return registrations
    .filter((r) => r.status !== 'waived' || r.lottery)
    .map((r) => ({ applicationId: r._id, tier: r.tier as PriorityTier }));
}

/**
 * The draw (Wuchang 2(2)3; Ulanqab Art. 14, 16, 18). The seed must match the commitment published with
 * the announcement. A second draw is possible only before selection opens, only with a reason, and is
 * recorded as a rerun in the audit trail.
 */
export async function runLottery(
  repo: AllocationRepository,
  input: In<'allocation', 'runLottery'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  const round = await loadRound(repo, input.roundId);
  requireStatus(round, 'registration_closed', 'drawn');
  const rerun = round.drawCount > 0;
  if (rerun && !input.rerunReason) {
    throw new AppError('RULE_VIOLATION', '已经摇过号：重新摇号必须填写原因，并将记录在案。', {
      rerunReason: '必填',
    });
  }
  const registrations = await repo.registrationsOf(round._id);
  const entries = entriesOf(registrations);
  const problems = validateDraw(input.seed, round.seedCommitment, entries, ctx.rt.policy);
  if (problems.length) throw new AppError('RULE_VIOLATION', problems.map((p) => p.message).join('；'));
  if (entries.length === 0) throw new AppError('STATE_INVALID', '本轮没有报名家庭，无法摇号。');
  const result = drawLottery(input.seed, round.seedCommitment, entries);
  for (const r of result.ranked) {
    await repo.updateRegistration(r.applicationId, {
      status: 'ranked',
      lottery: { tierRank: r.tierRank, overallRank: r.overallRank, score: r.score },
      updatedAt: iso(ctx),
    });
  }
  const patch: Partial<RoundDoc> = {
    status: 'drawn',
    seed: input.seed,
    algorithm: result.algorithm,
    inputDigest: result.inputDigest,
    drawCount: round.drawCount + 1,
    drawnAt: iso(ctx),
  };
  await repo.updateRound(round._id, patch);
  await repo.recordAudit({
    entityType: 'round',
    entityId: round._id,
    action: rerun ? 'lottery_rerun' : 'lottery_drawn',
    actorUserId: actor(ctx),
    at: iso(ctx),
    detail: `${rerun ? `重新摇号（原因：${input.rerunReason}）` : '摇号'}：${result.entrants} 户，种子 ${input.seed}，名单摘要 ${result.inputDigest}`,
  });
  // Each registered household hears its rank (issue #18: the lottery result, asked for on registering).
  const byId = new Map(registrations.map((r) => [r._id, r]));
  for (const r of result.ranked) {
    const reg = byId.get(r.applicationId);
    if (!reg?.userId) continue;
    await ctx.rt.messages.enqueue({
      toUserId: reg.userId,
      template: 'lottery_result',
      title: `${round.title}：摇号结果`,
      body: `您家庭在“${round.title}”中摇号排名第 ${r.overallRank} 位（共 ${result.entrants} 户）。选房时间将另行通知。`,
      dedupeKey: `lottery|${round._id}|${reg._id}|${patch.drawCount}`,
      fields: {
        round: round.title,
        rank: `第${r.overallRank}位/共${result.entrants}户`,
        window: '选房时间另行通知',
        note: '可在安居小程序查看排名与验证方法',
      },
      link: { page: 'round', id: round._id },
    });
  }
  return summarizeRound(repo, { ...round, ...patch });
}

/** An instant (epoch ms) as Beijing time to the minute, for messages. */
const beijingMinute = (ms: number) =>
  new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

export async function openSelection(
  repo: AllocationRepository,
  input: In<'allocation', 'openSelection'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  const round = await loadRound(repo, input.roundId);
  requireStatus(round, 'drawn');
  const units = await repo.vacantUnitsOf(round.projectId);
  if (units.length === 0) throw new AppError('STATE_INVALID', '该项目没有空置房源，无法开始选房。');
  const ranked = (await repo.registrationsOf(round._id))
    .filter((r) => r.status === 'ranked' && r.lottery)
    .sort((a, b) => (a.lottery?.overallRank ?? 0) - (b.lottery?.overallRank ?? 0));
  const minutes = input.windowMinutes ?? ctx.rt.policy.selection.windowMinutes.value;
  const policy = {
    ...ctx.rt.policy,
    selection: {
      ...ctx.rt.policy.selection,
      windowMinutes: { ...ctx.rt.policy.selection.windowMinutes, value: minutes },
    },
  };
  const windows = planSelectionWindows(
    ranked.map((r) => r._id),
    new Date(input.startsAt).getTime(),
    policy,
  );
  for (const w of windows) {
    await repo.updateRegistration(w.applicationId, {
      window: { turn: w.turn, opensAt: w.opensAt, closesAt: w.closesAt },
      updatedAt: iso(ctx),
    });
  }
  const patch: Partial<RoundDoc> = {
    status: 'selecting',
    unitIds: units.map((u) => u._id),
    windowMinutes: minutes,
  };
  await repo.updateRound(round._id, patch);
  await repo.recordAudit({
    entityType: 'round',
    entityId: round._id,
    action: 'selection_opened',
    actorUserId: actor(ctx),
    at: iso(ctx),
    detail: `开始选房：${units.length} 套房源，${windows.length} 户按摇号顺序每户 ${minutes} 分钟`,
  });
  // Each household hears its selection window (issue #18).
  const regs = new Map(ranked.map((r) => [r._id, r]));
  for (const w of windows) {
    const reg = regs.get(w.applicationId);
    if (!reg?.userId) continue;
    const opens = beijingMinute(w.opensAt);
    await ctx.rt.messages.enqueue({
      toUserId: reg.userId,
      template: 'lottery_result',
      title: `${round.title}：选房时间`,
      body: `您家庭排名第 ${reg.lottery?.overallRank ?? w.turn} 位，选房时间为 ${opens} 至 ${beijingMinute(w.closesAt)}（北京时间），请按时在安居小程序选房。`,
      dedupeKey: `selection-window|${round._id}|${reg._id}|${w.opensAt}`,
      fields: {
        round: round.title,
        rank: `第${reg.lottery?.overallRank ?? w.turn}位`,
        window: `${opens} 起`,
        note: '请按时在安居小程序选房',
      },
      link: { page: 'round', id: round._id },
    });
  }
  return summarizeRound(repo, { ...round, ...patch });
}

/**
 * Results go to public notice (Ulanqab Art. 18). Refused when the entrants changed after the draw: the
 * digest of today's list must equal the one drawn.
 */
export async function publishResults(
  repo: AllocationRepository,
  input: In<'allocation', 'publishResults'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  const round = await loadRound(repo, input.roundId);
  requireStatus(round, 'selecting', 'drawn');
  const current = inputDigest(entriesOf(await repo.registrationsOf(round._id)));
  if (current !== round.inputDigest) {
    throw new AppError(
      'STATE_INVALID',
      '摇号后报名名单发生了变化，结果不能发布：请核查后重新摇号（须填写原因）。',
    );
  }
  // A notice of N days includes the day it is published (the rules' one computation of a notice's end).
  const noticeEndsOn = noticePeriodEnds(chinaDate(ctx.rt.now().getTime()), input.noticeDays);
  await repo.updateRound(round._id, { status: 'publicized', noticeEndsOn });
  await repo.recordAudit({
    entityType: 'round',
    entityId: round._id,
    action: 'results_published',
    actorUserId: actor(ctx),
    at: iso(ctx),
    detail: `结果公示至 ${noticeEndsOn}，公示期内可通过异议渠道提出异议`,
  });
  return summarizeRound(repo, { ...round, status: 'publicized', noticeEndsOn });
}

export async function roundResults(
  repo: AllocationRepository,
  input: In<'allocation', 'roundResults'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  const round = await loadRound(repo, input.roundId);
  const regs = (await repo.registrationsOf(round._id)).sort(
    (a, b) => (a.lottery?.overallRank ?? 1e9) - (b.lottery?.overallRank ?? 1e9) || (a._id < b._id ? -1 : 1),
  );
  const rows = [];
  for (const r of regs) {
    const household = await repo.household(r.householdId);
    const unit = r.unitId ? await repo.unit(r.unitId) : null;
    rows.push({
      registrationId: r._id,
      headName: household?.headName ?? '',
      idNumberMasked: household?.idNumberMasked ?? '',
      tier: r.tier,
      tierLabel: tierLabel(r.tier as PriorityTier, ctx.rt.policy),
      tierRank: r.lottery?.tierRank ?? null,
      overallRank: r.lottery?.overallRank ?? null,
      status: r.status,
      statusLabel: REGISTRATION_STATUS_LABELS[r.status],
      unitLabel: unit?.label ?? null,
    });
  }
  return { round: await summarizeRound(repo, round), rows };
}

export async function exportResults(
  repo: AllocationRepository,
  input: In<'allocation', 'exportResults'>,
  ctx: ServiceContext,
) {
  const { round, rows } = await roundResults(repo, input, ctx);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('配租结果');
  sheet.columns = [
    { header: '总顺序', key: 'overallRank', width: 8 },
    { header: '优先层级', key: 'tierLabel', width: 26 },
    { header: '层级内顺序', key: 'tierRank', width: 10 },
    { header: '户主', key: 'headName', width: 10 },
    { header: '身份证号', key: 'idNumberMasked', width: 22 },
    { header: '状态', key: 'statusLabel', width: 18 },
    { header: '房号', key: 'unitLabel', width: 12 },
  ];
  for (const r of rows) sheet.addRow(r);
  const info = book.addWorksheet('摇号信息');
  info.addRows([
    ['项目', round.projectName],
    ['轮次', round.title],
    ['种子承诺值 SHA-256', round.seedCommitment],
    ['种子', round.seed ?? '未摇号'],
    ['算法', round.algorithm ?? ''],
    ['名单摘要', round.inputDigest ?? ''],
  ]);
  return writeExport(ctx, {
    fileName: `${round.projectName}-${round.title}-配租结果.xlsx`,
    name: `allocation-results-${round.id}`,
    book,
  });
}

/**
 * The audit trail of one record; for a round, also of its registrations and their contracts, so the office
 * reads the whole procedure in one place.
 */
export async function auditLog(
  repo: AllocationRepository,
  input: In<'allocation', 'auditLog'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  const ids = [input.entityId];
  if (await repo.round(input.entityId)) {
    for (const r of await repo.registrationsOf(input.entityId)) ids.push(r._id, `c-${r._id}`);
  }
  return (await repo.auditOf(ids)).map((a) => ({
    at: a.at,
    actor: a.actorUserId,
    entityType: a.entityType,
    entityId: a.entityId,
    action: a.action,
    detail: a.detail,
  }));
}
