import { exitCasePeriodsOf } from '@shared/rules/operator-constants.rule';
import ExcelJS from 'exceljs';
import { EXIT_SOURCE_LABELS, type ExitCaseView } from '@shared/contracts';
import { AppError } from '@shared/errors';
import { arrearsMonths, billBalance, billCountsAsArrears, sumFen } from '@shared/rules/billing.rule';
import { chinaDate, quarterOf } from '@shared/rules/dates';
import { quarterLabel } from '@shared/rules/period-label';
import {
  EXIT_CASE_MOVES,
  EXIT_CASE_STATE_LABELS,
  EXIT_CASE_STEPS,
  checkExitStep,
  exitCaseDeadline,
  exitSettlement,
  exitStateLabel,
  exitStepLabel,
  falseMaterialFinding,
  isOpenExitCase,
  marketRentBackPayFen,
  openingFinding,
  periodEnds,
  type ExitCaseRole,
  type ExitCaseStep,
} from '@shared/rules/exit-case.rule';
import { exitTriggerLabels, reapplyBanEnds } from '@shared/rules/exit.rule';
import { OCCUPANCY_LABELS, vacancyRun } from '@shared/rules/vacancy-evidence.rule';
import { cite } from '@shared/policy/sources';
import { found, hasRole, requireRole } from '../_runtime/access';
import type { BillDoc, ExitCaseDoc, LeaseDoc } from '../_runtime/documents';
import { writeExport } from '../_runtime/exports';
import type { In, ServiceContext } from '../_runtime/handler';
import { idFromClient } from '../_runtime/ids';
import { photoView, readUploads, recordUploads, releaseUploads, sniffPhoto } from '../_runtime/uploads';
import type { ExitCaseDocuments, ExitCaseRepository } from './exit-case.repository';

/**
 * The exit procedure (乌兰察布 第三十一至三十三、三十七、三十八条) as the office and the household take it: a case
 * opens from its trigger with the rules module's clause and consequences; every later step is a move of
 * the state machine in `exit-case.rule.ts`, allowed only to its role and from its states, taken in one
 * transaction that reads the case again, appends the step to the case and the audit trail (who, when, what,
 * why). A refused step writes nothing; the same step retried returns the case as it is.
 *
 * A household has at most one open case: `households.openExitCaseId` is read and written in the
 * transaction that opens a case and cleared by the one that closes it, so two openings for one household
 * conflict on the household document.
 *
 * The settlement records what the deposit leaves to refund (`refundDueFen`, `refundStatus: 'due'`); the
 * office records how it was paid (`exitCaseRecordRefund`: a transfer, or billing's WeChat Pay refund).
 */

const yuan = (fen: number) => (fen / 100).toFixed(2);
const today = (ctx: ServiceContext) => chinaDate(ctx.rt.now().getTime());
const actor = (ctx: ServiceContext) => ctx.caller.user?._id ?? '';

/** The overdue bills of a lease as arrears: months (the district's counting) and the amount owed. */
function arrearsOf(bills: BillDoc[], day: string, ctx: ServiceContext) {
  const figures = bills.map((b) => {
    const bal = billBalance(b.amountFen, b.entries ?? []);
    return { dueDate: b.dueDate, chargedFen: b.amountFen, balanceFen: bal.balanceFen };
  });
  const overdue = figures.filter((b) => b.dueDate < day && b.balanceFen > 0);
  return {
    months: arrearsMonths(figures, day, ctx.rt.policy),
    counted: overdue.filter((b) => billCountsAsArrears(b, ctx.rt.policy)).length,
    owedFen: sumFen(overdue.map((b) => b.balanceFen)),
  };
}

/** Which side the caller is on for this case, or not found. */
async function access(repo: ExitCaseRepository, caseId: string, ctx: ServiceContext) {
  const c = await repo.exitCase(caseId);
  if (hasRole(ctx, 'admin')) return { c: found(c, () => true), role: 'office' as ExitCaseRole };
  const householdId = ctx.caller.user?.householdId;
  return {
    c: found(c, (x) => !!householdId && x.householdId === householdId),
    role: 'household' as ExitCaseRole,
  };
}

/** Temporary addresses of stored photos; a photo missing from storage is left out rather than failing. */
async function photoUrls(ctx: ServiceContext, fileIds: readonly string[]): Promise<string[]> {
  const urls = await Promise.all(
    fileIds.map((id) =>
      photoView(ctx.rt, id).then(
        (p) => p.url,
        () => null,
      ),
    ),
  );
  return urls.filter((u): u is string => u !== null);
}

export async function exitCaseView(
  repo: ExitCaseRepository,
  c: ExitCaseDoc,
  ctx: ServiceContext,
  role: ExitCaseRole,
): Promise<ExitCaseView> {
  const day = today(ctx);
  const household = await repo.household(c.householdId);
  const unit = c.unitId ? await repo.unit(c.unitId) : null;
  const project = await repo.project(c.projectId);
  const hasLease = c.leaseId !== null;
  const facts = { state: c.state, respondBy: c.respondBy, moveOutBy: c.moveOutBy, hasLease };
  const nextSteps = EXIT_CASE_STEPS.filter(
    (s) => checkExitStep(facts, s, role, day, c.trigger, ctx.rt.policy).ok,
  );
  return {
    id: c._id,
    householdName: household?.headName ?? '',
    projectName: project?.name ?? '',
    unitId: c.unitId,
    unitLabel: unit?.label ?? '',
    stage: hasLease ? 'tenancy' : 'application',
    trigger: c.trigger,
    triggerLabel: exitTriggerLabels(ctx.rt.policy)[c.trigger],
    source: c.source,
    sourceLabel: EXIT_SOURCE_LABELS[c.source],
    evidence: c.evidence,
    evidencePhotoUrls: role === 'office' ? await photoUrls(ctx, c.evidencePhotoFileIds ?? []) : [],
    backPayDueFen: c.backPayDueFen ?? 0,
    arrearsMonths: c.arrearsMonths,
    arrearsFen: c.arrearsFen,
    clause: c.clause,
    consequences: c.consequences,
    maxFineFen: c.maxFineFen,
    state: c.state,
    stateLabel: exitStateLabel(c.state, hasLease),
    openedAt: c.openedAt,
    noticeText: c.noticeText,
    respondBy: c.respondBy,
    statement: c.statement,
    decisionReason: c.decisionReason,
    moveOutBy: c.moveOutBy,
    inspection: c.inspection
      ? {
          note: c.inspection.note,
          photoCount: c.inspection.photoFileIds.length,
          // A photo missing from storage is left out rather than failing the whole case.
          photoUrls: role === 'office' ? await photoUrls(ctx, c.inspection.photoFileIds) : [],
          at: c.inspection.at,
        }
      : null,
    settlement: c.settlement,
    endedOn: c.endedOn,
    banEndsOn: c.banEndsOn,
    deadline: exitCaseDeadline(facts, day),
    nextSteps,
    stepLabels: Object.fromEntries(EXIT_CASE_STEPS.map((s) => [s, exitStepLabel(s, hasLease)])) as Record<
      ExitCaseStep,
      string
    >,
    steps: c.steps.map((s) => ({
      label: s.step === 'open' ? '立案' : exitStepLabel(s.step, hasLease),
      at: s.at,
      note: s.note,
    })),
  };
}

/**
 * Opens a case (office) from a trigger on an active lease. The arrears trigger takes its months and amount
 * from billing's bills of the lease (the district's counting), not from the caller; the other triggers
 * take the office's evidence and figures. The rules module refuses a trigger whose figures do not reach
 * its threshold; the case stores the clause and every consequence it gives. Retried with the same request
 * id, the same case is returned.
 */
export async function openExitCase(
  repo: ExitCaseRepository,
  input: In<'allocation', 'openExitCase'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  const id = idFromClient('exit', actor(ctx), input.clientRequestId);
  const existing = await repo.exitCase(id);
  if (existing) return exitCaseView(repo, existing, ctx, 'office');
  const target = await caseTarget(repo, input);
  const lease = target.lease;
  const day = today(ctx);
  const bills = lease ? await repo.billsOfLease(lease._id) : [];
  const arrears = arrearsOf(bills, day, ctx);
  // 连续未居住: the months the patrol's visits show, never a figure typed in.
  const vacancy = input.trigger === 'vacant_6_months' && lease ? await vacancyOf(repo, lease) : null;
  const decision =
    input.trigger === 'false_information'
      ? {
          ok: true as const,
          value: falseMaterialFinding(lease ? 'tenancy' : 'application', ctx.rt.policy),
          reasons: [],
        }
      : openingFinding(
          input.trigger,
          {
            arrearsMonths: arrears.months,
            vacantMonths: vacancy?.months ?? 0,
            illegalGainsFen: input.illegalGainsFen ?? 0,
          },
          ctx.rt.policy,
        );
  if (!decision.ok)
    throw new AppError(
      'RULE_VIOLATION',
      decision.reasons.map((r) => `${r.message}（${r.clause}）`).join(' '),
    );
  const f = decision.value;
  // False material obtained the unit from the lease's first day: the whole period billed is back-paid at market
  // rent. Other violations run from the day they began, which only the office knows (it enters the amount).
  const backPayDueFen =
    input.trigger === 'false_information' && lease ? await backPayOf(repo, lease, bills) : 0;
  const uploads = input.evidencePhotoFileIds?.length
    ? await readUploads(ctx.rt, ctx.caller.openid, 'exit-evidence', input.evidencePhotoFileIds, sniffPhoto)
    : [];
  const evidencePhotoFileIds = await recordUploads(
    ctx.rt,
    uploads,
    (file) => `exit-cases/${id}/evidence-${file.digest}.${file.ext}`,
  );
  const now = ctx.rt.now().toISOString();
  const doc: Omit<ExitCaseDoc, '_id'> = {
    householdId: target.householdId,
    leaseId: lease?._id ?? null,
    unitId: lease?.unitId ?? null,
    projectId: target.projectId,
    applicationId: target.applicationId,
    evidencePhotoFileIds,
    backPayDueFen,
    trigger: input.trigger,
    source: input.source,
    evidence:
      input.trigger === 'arrears_6_months'
        ? `${input.evidence}（截至 ${day} 累计欠租 ${arrears.months} 个月，欠缴 ${yuan(arrears.owedFen)} 元）`
        : vacancy
          ? `${input.evidence}（巡查记录：${vacancy.from} 至 ${vacancy.to} 共 ${vacancy.visits.filter((v) => v.counted).length} 次走访均无人居住迹象，连续 ${vacancy.months} 个月）`
          : input.evidence,
    evidenceRef: input.evidenceRef ?? null,
    arrearsMonths: arrears.months,
    arrearsFen: arrears.owedFen,
    vacantMonths: vacancy?.months ?? 0,
    illegalGainsFen: input.illegalGainsFen ?? 0,
    clause: f.clause,
    consequences: f.consequences,
    maxFineFen: f.maxFineFen,
    marketRentBackPay: f.marketRentBackPay,
    reapplyBan: f.reapplyBan,
    state: 'opened',
    openedAt: now,
    noticeText: null,
    respondBy: null,
    statement: null,
    decisionReason: null,
    moveOutBy: null,
    inspection: null,
    settlement: null,
    endedOn: null,
    banEndsOn: null,
    steps: [{ step: 'open', at: now, byUserId: actor(ctx), note: `${f.message}（${f.clause}）` }],
    updatedAt: now,
  };
  await repo.runExitTransaction(async (t) => {
    if (await t.exitCase(id)) return;
    const household = await t.household(target.householdId);
    if (!household) throw new AppError('NOT_FOUND');
    const openId = household.openExitCaseId;
    if (openId) {
      const open = await t.exitCase(openId);
      if (open && isOpenExitCase(open.state))
        throw new AppError(
          'CONFLICT',
          `该家庭已有进行中的退出案件（${EXIT_CASE_STATE_LABELS[open.state]}），不能重复立案。`,
        );
    }
    await t.setExitCase(id, doc);
    await t.updateHousehold(target.householdId, { openExitCaseId: id });
    await t.recordAudit({
      entityType: 'exit_case',
      entityId: id,
      action: 'opened',
      actorUserId: actor(ctx),
      at: now,
      detail: `启动退出程序：${f.message}（${f.clause}）；依据：${doc.evidence}${evidencePhotoFileIds.length ? `；证据照片 ${evidencePhotoFileIds.length} 张` : ''}`,
    });
  });
  await releaseUploads(ctx.rt, uploads);
  return exitCaseView(repo, (await repo.exitCase(id)) as ExitCaseDoc, ctx, 'office');
}

const OUTCOME_LABELS = { visited: '已入户', nobody_home: '无人在家', refused: '拒绝入户' } as const;

/** The run of vacancy the patrol's visits of the lease's unit show (vacancy-evidence.rule.ts). */
async function vacancyOf(repo: ExitCaseRepository, lease: LeaseDoc) {
  const logs = await repo.patrolLogsOfUnit(lease.unitId);
  return vacancyRun(
    logs.map((l) => ({
      date: chinaDate(Date.parse(l.visitedAt)),
      outcome: l.outcome,
      occupancy: l.occupancy ?? null,
      notes: l.notes,
    })),
    lease.startDate,
  );
}

/**
 * What the patrol's visits show of a unit's vacancy (office): each visit since the lease started with what
 * it found, the run of vacancy counted and the threshold in force (乌兰察布 第三十二条(三), or the district's
 * setting) — the figures a 连续未居住 case opens on.
 */
export async function vacancyEvidence(
  repo: ExitCaseRepository,
  input: In<'allocation', 'vacancyEvidence'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  if (!input.leaseId === !input.unitId) throw new AppError('INVALID_INPUT', '请指定租约或房源（二者选一）。');
  const lease = found(
    input.leaseId ? await repo.lease(input.leaseId) : await repo.activeLeaseOfUnit(input.unitId as string),
    (l) => l.status === 'active',
  );
  const run = await vacancyOf(repo, lease);
  const [unit, project, household] = [
    await repo.unit(lease.unitId),
    await repo.project(lease.projectId),
    await repo.household(lease.householdId),
  ];
  const thresholdMonths = ctx.rt.policy.exit.vacancyMonths;
  return {
    projectName: project?.name ?? '',
    unitLabel: unit?.label ?? '',
    householdName: household?.headName ?? '',
    months: run.months,
    thresholdMonths,
    clause: cite(ctx.rt.policy, 'exit.vacancy'),
    reaches: run.months >= thresholdMonths,
    from: run.from,
    to: run.to,
    visits: run.visits.map((v) => ({
      date: v.date,
      quarterLabel: quarterLabel(quarterOf(v.date)),
      outcomeLabel: OUTCOME_LABELS[v.outcome],
      findingLabel: v.occupancy
        ? OCCUPANCY_LABELS[v.occupancy]
        : v.finding === 'lived_in'
          ? '有人开门（视为有人居住）'
          : '未作判断',
      notes: v.notes ?? '',
      counted: v.counted,
    })),
  };
}

/**
 * What a case is opened on: a lease (named, or through its unit), or — false material only — an approved
 * application whose household has no lease yet (乌兰察布 第三十七条第二款: 登记为轮候对象的，取消其登记).
 */
async function caseTarget(repo: ExitCaseRepository, input: In<'allocation', 'openExitCase'>) {
  const given = [input.leaseId, input.unitId, input.applicationId].filter((x) => x !== undefined);
  if (given.length !== 1) throw new AppError('INVALID_INPUT', '请指定租约、房源或申请（三者选一）。');
  if (input.applicationId) {
    if (input.trigger !== 'false_information')
      throw new AppError('INVALID_INPUT', '从申请立案只适用于虚报隐瞒、提供虚假材料的情形。');
    const app = found(await repo.application(input.applicationId), () => true);
    if (app.status !== 'approved')
      throw new AppError(
        'STATE_INVALID',
        '该申请尚未确定为保障对象：审核中发现虚假材料的，请在审核中不予通过并给予警告。',
      );
    if ((await repo.activeLeasesOfHousehold(app.householdId)).length > 0)
      throw new AppError('STATE_INVALID', '该家庭已签约承租，请从其租约启动退出程序。');
    return { lease: null, householdId: app.householdId, projectId: app.projectId, applicationId: app._id };
  }
  const lease = found(
    input.leaseId ? await repo.lease(input.leaseId) : await repo.activeLeaseOfUnit(input.unitId as string),
    () => true,
  );
  if (lease.status !== 'active') throw new AppError('STATE_INVALID', '该租约已终止，不能启动退出程序。');
  return { lease, householdId: lease.householdId, projectId: lease.projectId, applicationId: null };
}

/** Market-rent back pay for the months billed so far: the unit's market rent less the rent charged. */
async function backPayOf(repo: ExitCaseRepository, lease: LeaseDoc, bills: BillDoc[]): Promise<number> {
  const unit = await repo.unit(lease.unitId);
  if (!unit) return 0;
  return marketRentBackPayFen(
    bills.map((b) => ({
      marketRentFen: unit.monthlyRentFen,
      chargedRentFen: sumFen(
        (b.lines ?? []).filter((l) => l.kind === 'rent' || l.kind === 'reduction').map((l) => l.amountFen),
      ),
    })),
  );
}

interface StepWork {
  /** What the step writes besides the state and the step entry. */
  patch: (c: ExitCaseDoc, t: ExitCaseDocuments) => Promise<Partial<ExitCaseDoc>> | Partial<ExitCaseDoc>;
  /** The step's note in the case and the audit trail (what and why). */
  note: (c: ExitCaseDoc) => string;
  /** Checks before anything is written (outside the transaction). */
  before?: (c: ExitCaseDoc) => Promise<void> | void;
  after?: (c: ExitCaseDoc) => Promise<void>;
}

/**
 * Takes one step: the caller's side must be the step's role and the case in one of its states (the rules
 * module), checked before and again inside the transaction. The same step taken again returns the case.
 */
async function takeStep(
  repo: ExitCaseRepository,
  caseId: string,
  step: ExitCaseStep,
  ctx: ServiceContext,
  work: StepWork,
): Promise<ExitCaseView> {
  const { c, role } = await access(repo, caseId, ctx);
  const spec = EXIT_CASE_MOVES[step];
  const last = c.steps[c.steps.length - 1];
  if (c.state === spec.to && last?.step === step) return exitCaseView(repo, c, ctx, role);
  const day = today(ctx);
  const check = (x: ExitCaseDoc) => {
    const d = checkExitStep(
      { state: x.state, respondBy: x.respondBy, moveOutBy: x.moveOutBy, hasLease: x.leaseId !== null },
      step,
      role,
      day,
      x.trigger,
      ctx.rt.policy,
    );
    if (!d.ok) {
      // A step of the other side is not the caller's to take: "not there" (docs/conventions.md §5).
      if (d.reasons.some((r) => r.code === 'EXIT_STEP_WRONG_ROLE')) throw new AppError('NOT_FOUND');
      throw new AppError('STATE_INVALID', d.reasons.map((r) => r.message).join(' '));
    }
  };
  check(c);
  await work.before?.(c);
  const now = ctx.rt.now().toISOString();
  await repo.runExitTransaction(async (t) => {
    const fresh = (await t.exitCase(caseId)) as ExitCaseDoc;
    const freshLast = fresh.steps[fresh.steps.length - 1];
    if (fresh.state === spec.to && freshLast?.step === step) return;
    check(fresh);
    const patch = await work.patch(fresh, t);
    const merged = { ...fresh, ...patch };
    const note = work.note(merged);
    await t.updateExitCase(caseId, {
      ...patch,
      state: spec.to,
      steps: [...fresh.steps, { step, at: now, byUserId: actor(ctx), note }],
      updatedAt: now,
    });
    await t.recordAudit({
      entityType: 'exit_case',
      entityId: caseId,
      action: step,
      actorUserId: actor(ctx),
      at: now,
      detail: `${exitStepLabel(step, fresh.leaseId !== null)}：${note}`,
    });
  });
  const stored = (await repo.exitCase(caseId)) as ExitCaseDoc;
  await work.after?.(stored);
  return exitCaseView(repo, stored, ctx, role);
}

async function tellHousehold(
  repo: ExitCaseRepository,
  c: ExitCaseDoc,
  ctx: ServiceContext,
  key: string,
  title: string,
  body: string,
) {
  const userId = await repo.userIdOfHousehold(c.householdId);
  if (!userId) return;
  await ctx.rt.messages.enqueue({
    toUserId: userId,
    template: 'general',
    title,
    body,
    dedupeKey: `exit:${c._id}:${key}`,
    fields: { title, body: body.slice(0, 20) },
    link: { page: 'index', id: null },
  });
}

/** 书面通知 (Art. 33): the reasons, the clause, the consequences and the period to answer or move out. */
export function exitCaseNotify(
  repo: ExitCaseRepository,
  input: In<'allocation', 'exitNotify'>,
  ctx: ServiceContext,
) {
  const day = today(ctx);
  const respondBy = periodEnds(day, input.respondDays ?? exitCasePeriodsOf(ctx.rt.policy).respondDays);
  return takeStep(repo, input.caseId, 'notify', ctx, {
    patch: async (c, t) => {
      const household = await t.household(c.householdId);
      const label = exitTriggerLabels(ctx.rt.policy)[c.trigger];
      const noticeText = [
        `${household?.headName ?? ''}：`,
        `经核查，您家庭存在「${label}」的情形（${c.clause}）。依据：${c.evidence}。`,
        `拟依法作出如下处理：${c.consequences.join('；')}。`,
        `请于 ${respondBy} 前通过安居小程序或到住房保障部门陈述意见；无异议的，应在规定期限内退回住房。`,
      ].join('\n');
      return { noticeText, respondBy };
    },
    note: () => `书面通知已送达，陈述期限至 ${respondBy}`,
    after: (c) =>
      tellHousehold(
        repo,
        c,
        ctx,
        'notice',
        '公租房退出程序书面通知',
        `您家庭的公租房租住情况需要您陈述意见，请在 ${respondBy} 前在安居小程序中查看通知并答复。`,
      ),
  });
}

/** The household's statement (Art. 33: 说明理由, 当事人有异议的可申诉), read by the office before deciding. */
export function exitCaseStatement(
  repo: ExitCaseRepository,
  input: In<'allocation', 'exitStatement'>,
  ctx: ServiceContext,
) {
  const at = ctx.rt.now().toISOString();
  return takeStep(repo, input.caseId, 'statement', ctx, {
    patch: () => ({ statement: { text: input.text, at } }),
    note: (c) =>
      `住户提交陈述${c.respondBy && today(ctx) > c.respondBy ? `（已超过陈述期限 ${c.respondBy}）` : ''}`,
  });
}

export function exitCaseDecide(
  repo: ExitCaseRepository,
  input: In<'allocation', 'exitDecide'>,
  ctx: ServiceContext,
) {
  const moveOutBy = periodEnds(today(ctx), input.moveOutDays ?? exitCasePeriodsOf(ctx.rt.policy).moveOutDays);
  return takeStep(repo, input.caseId, 'decide_exit', ctx, {
    // Without a lease there is nothing to move out of: the decision cancels the waitlist registration.
    patch: (c) => ({ decisionReason: input.reason, moveOutBy: c.leaseId ? moveOutBy : null }),
    note: (c) =>
      c.leaseId
        ? `决定取消保障资格、收回住房（${c.clause}），${moveOutBy} 前退房。理由：${input.reason}`
        : `决定取消保障资格、取消轮候登记（${c.clause}）。理由：${input.reason}`,
    after: (c) =>
      tellHousehold(
        repo,
        c,
        ctx,
        'decision',
        c.leaseId ? '公租房退出决定' : '公租房保障资格取消决定',
        c.leaseId
          ? `住房保障部门已决定收回您承租的公租房，请在 ${moveOutBy} 前办理退房；有异议的可依法申诉。`
          : '住房保障部门已决定取消您家庭的保障资格和轮候登记；有异议的可依法申诉。',
      ),
  });
}

/** Closing without exit (e.g. the arrears were paid): a decision with its reason; the household is free again. */
export function exitCaseClose(
  repo: ExitCaseRepository,
  input: In<'allocation', 'exitClose'>,
  ctx: ServiceContext,
) {
  return takeStep(repo, input.caseId, 'close_no_exit', ctx, {
    patch: async (c, t) => {
      const h = await t.household(c.householdId);
      if (h?.openExitCaseId === c._id) await t.updateHousehold(c.householdId, { openExitCaseId: null });
      return { decisionReason: input.reason };
    },
    note: () => `不予退出，结案。理由：${input.reason}`,
    after: (c) =>
      tellHousehold(
        repo,
        c,
        ctx,
        'closed',
        '公租房退出程序已结案',
        '住房保障部门已决定不予退出，您可继续承租。',
      ),
  });
}

/** The move-out inspection with its photos (uploaded to the office's own `exit-photo` folder). */
export async function exitCaseInspect(
  repo: ExitCaseRepository,
  input: In<'allocation', 'exitInspect'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  const { c } = await access(repo, input.caseId, ctx);
  if (c.state === 'inspected' && c.steps[c.steps.length - 1]?.step === 'inspect')
    return exitCaseView(repo, c, ctx, 'office');
  const checkFirst = checkExitStep(
    { state: c.state, respondBy: c.respondBy, moveOutBy: c.moveOutBy, hasLease: c.leaseId !== null },
    'inspect',
    'office',
    today(ctx),
    c.trigger,
    ctx.rt.policy,
  );
  if (!checkFirst.ok) throw new AppError('STATE_INVALID', checkFirst.reasons.map((r) => r.message).join(' '));
  const uploads = await readUploads(ctx.rt, ctx.caller.openid, 'exit-photo', input.photoFileIds, sniffPhoto);
  const photoFileIds = await recordUploads(
    ctx.rt,
    uploads,
    (f) => `exit-cases/${c._id}/photo-${f.digest}.${f.ext}`,
  );
  const at = ctx.rt.now().toISOString();
  const view = await takeStep(repo, input.caseId, 'inspect', ctx, {
    patch: () => ({ inspection: { note: input.note, photoFileIds, at } }),
    note: () => `验房 ${photoFileIds.length} 张照片：${input.note}`,
  });
  await releaseUploads(ctx.rt, uploads);
  return view;
}

/**
 * The settlement (fen): arrears as billing has them today, market-rent back pay and the fine only where
 * the case's clause allows them (the fine within the cap stored at opening), damage from the inspection;
 * the deposit pays them and what remains is due back as a refund through billing's refund action.
 */
export async function exitCaseSettle(
  repo: ExitCaseRepository,
  input: In<'allocation', 'exitSettle'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  const { c } = await access(repo, input.caseId, ctx);
  const arrears = arrearsOf(c.leaseId ? await repo.billsOfLease(c.leaseId) : [], today(ctx), ctx);
  if (!c.leaseId && input.depositFen > 0)
    throw new AppError('RULE_VIOLATION', '该家庭尚未承租住房，没有押金可结算。');
  if (!c.marketRentBackPay && input.backPayFen > 0)
    throw new AppError('RULE_VIOLATION', `本案情形（${c.clause}）不适用按市场价格补缴租金。`);
  const s = exitSettlement(
    {
      depositFen: input.depositFen,
      arrearsFen: arrears.owedFen,
      backPayFen: input.backPayFen,
      damageFen: input.damageFen,
      fineFen: input.fineFen,
      maxFineFen: c.maxFineFen,
    },
    ctx.rt.policy,
  );
  if (!s.ok)
    throw new AppError('RULE_VIOLATION', s.reasons.map((r) => `${r.message}（${r.clause}）`).join(' '));
  const v = s.value;
  return takeStep(repo, input.caseId, 'settle', ctx, {
    patch: () => ({
      settlement: {
        depositFen: input.depositFen,
        arrearsFen: arrears.owedFen,
        backPayFen: input.backPayFen,
        damageFen: input.damageFen,
        fineFen: input.fineFen,
        owedFen: v.owedFen,
        stillOwedFen: v.stillOwedFen,
        refundDueFen: v.refundDueFen,
        refundStatus: v.refundDueFen > 0 ? 'due' : 'none',
      },
    }),
    note: () =>
      `应缴合计 ${yuan(v.owedFen)} 元（欠租 ${yuan(arrears.owedFen)}、补缴 ${yuan(input.backPayFen)}、损坏 ${yuan(input.damageFen)}、罚款 ${yuan(input.fineFen)}），押金 ${yuan(input.depositFen)} 元；应退 ${yuan(v.refundDueFen)} 元，仍欠 ${yuan(v.stillOwedFen)} 元`,
  });
}

/**
 * Ends the lease: lease ended, unit vacant (it then shows among the vacancies and is offered to the
 * waitlist), household exited with, where the clause says so, the reapplication ban from today.
 */
export function exitCaseEndLease(
  repo: ExitCaseRepository,
  input: In<'allocation', 'exitEndLease'>,
  ctx: ServiceContext,
) {
  const day = today(ctx);
  return takeStep(repo, input.caseId, 'end_lease', ctx, {
    patch: async (c, t) => {
      if (c.leaseId) {
        const lease = (await t.lease(c.leaseId)) as LeaseDoc;
        if (lease.status === 'active') await t.updateLease(c.leaseId, { status: 'ended' });
      }
      if (c.unitId) await t.updateUnit(c.unitId, { status: 'vacant' });
      await t.updateHousehold(c.householdId, {
        status: 'exited',
        exitedOn: day,
        openExitCaseId: null,
        ...(c.reapplyBan ? { lastDisqualifiedOn: day } : {}),
      });
      return { endedOn: day, banEndsOn: c.reapplyBan ? reapplyBanEnds(day, ctx.rt.policy) : null };
    },
    note: (c) =>
      c.leaseId
        ? `租约于 ${day} 终止，房源收回空置，转入轮候配租${c.banEndsOn ? `；${c.banEndsOn} 前不得再次申请` : ''}。${input.note}`
        : `轮候登记于 ${day} 取消，记入公共租赁住房管理档案。${input.note}`,
  });
}

/**
 * Records how the settlement's refund was paid (the last money step of 乌兰察布 第三十三条's return of the
 * unit): a bank transfer with its voucher number, or a WeChat Pay refund the office made on the refunds page
 * with this case as its source (billing's `move_out_settlement` refund, confirmed by WeChat Pay, of exactly
 * the amount due). Only the office; only while a refund is due; the same record again answers the same case.
 */
export async function exitCaseRecordRefund(
  repo: ExitCaseRepository,
  input: In<'allocation', 'exitRecordRefund'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  const { c, role } = await access(repo, input.caseId, ctx);
  const refusal = (x: ExitCaseDoc): string | null => {
    const s = x.settlement;
    if (!s || (x.state !== 'settled' && x.state !== 'vacated')) return '结算后才能登记退款。';
    if (s.refundStatus === 'none') return '本案结算无应退款项。';
    if (s.refundStatus === 'refunded')
      return s.refundReference === input.reference && s.refundMethod === input.method
        ? null
        : `本案退款已于 ${(s.refundedAt ?? '').slice(0, 10)} 登记（凭证 ${s.refundReference ?? ''}），不能重复登记。`;
    return null;
  };
  const early = refusal(c);
  if (early) throw new AppError('STATE_INVALID', early);
  if (c.settlement?.refundStatus === 'refunded') return exitCaseView(repo, c, ctx, role);
  if (input.method === 'wechat_refund') {
    const r = await repo.refund(input.reference);
    if (!r || r.kind !== 'move_out_settlement' || r.sourceRef !== c._id || r.householdId !== c.householdId)
      throw new AppError(
        'RULE_VIOLATION',
        '未找到本案的微信支付退款单：请在“微信支付退款”中以本案为来源发起退款。',
      );
    if (r.status !== 'success')
      throw new AppError(
        'STATE_INVALID',
        '该微信支付退款尚未成功，请在“微信支付退款”中查询退款结果后再登记。',
      );
    if (r.amountFen !== c.settlement?.refundDueFen)
      throw new AppError(
        'RULE_VIOLATION',
        `退款金额 ${yuan(r.amountFen)} 元与应退金额 ${yuan(c.settlement?.refundDueFen ?? 0)} 元不一致。`,
      );
  }
  const now = ctx.rt.now().toISOString();
  await repo.runExitTransaction(async (t) => {
    const fresh = (await t.exitCase(input.caseId)) as ExitCaseDoc;
    const again = refusal(fresh);
    if (again) throw new AppError('STATE_INVALID', again);
    if (fresh.settlement?.refundStatus === 'refunded') return;
    const settlement = fresh.settlement as NonNullable<ExitCaseDoc['settlement']>;
    await t.updateExitCase(input.caseId, {
      settlement: {
        ...settlement,
        refundStatus: 'refunded',
        refundMethod: input.method,
        refundReference: input.reference,
        refundedAt: now,
      },
      updatedAt: now,
    });
    await t.recordAudit({
      entityType: 'exit_case',
      entityId: input.caseId,
      action: 'refund_recorded',
      actorUserId: actor(ctx),
      at: now,
      detail: `登记退款 ${yuan(settlement.refundDueFen)} 元：${input.method === 'transfer' ? '银行转账' : '微信支付原路退款'}，凭证 ${input.reference}`,
    });
  });
  return exitCaseView(repo, (await repo.exitCase(input.caseId)) as ExitCaseDoc, ctx, role);
}

export async function exitCaseDetail(
  repo: ExitCaseRepository,
  input: In<'allocation', 'exitCase'>,
  ctx: ServiceContext,
) {
  const { c, role } = await access(repo, input.caseId, ctx);
  return exitCaseView(repo, c, ctx, role);
}

export async function myExitCases(repo: ExitCaseRepository, ctx: ServiceContext) {
  const id = ctx.caller.user?.householdId;
  if (!id) return [];
  const cases = await repo.exitCasesOfHousehold(id);
  cases.sort((a, b) => (a.openedAt < b.openedAt ? 1 : -1));
  return Promise.all(cases.map((c) => exitCaseView(repo, c, ctx, 'household')));
}

/** The office's list: filtered by state (or open / all) and trigger, sorted by deadline or newest first. */
export async function listExitCases(
  repo: ExitCaseRepository,
  input: In<'allocation', 'listExitCases'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  const state = input.state ?? 'open';
  const cases = (await repo.exitCases()).filter(
    (c) =>
      (state === 'all' || (state === 'open' ? isOpenExitCase(c.state) : c.state === state)) &&
      (!input.trigger || c.trigger === input.trigger),
  );
  const views = await Promise.all(cases.map((c) => exitCaseView(repo, c, ctx, 'office')));
  if ((input.sort ?? 'due') === 'due')
    views.sort(
      (a, b) =>
        Number(b.deadline.overdue) - Number(a.deadline.overdue) ||
        (a.deadline.dueOn ?? '9999').localeCompare(b.deadline.dueOn ?? '9999') ||
        b.openedAt.localeCompare(a.openedAt),
    );
  else views.sort((a, b) => b.openedAt.localeCompare(a.openedAt));
  return views;
}

export async function exportExitCases(
  repo: ExitCaseRepository,
  input: In<'allocation', 'exportExitCases'>,
  ctx: ServiceContext,
) {
  const rows = await listExitCases(repo, { state: input.state ?? 'all', sort: 'due' }, ctx);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('退出案件');
  sheet.columns = [
    { header: '户主', key: 'householdName', width: 10 },
    { header: '项目', key: 'projectName', width: 16 },
    { header: '房号', key: 'unitLabel', width: 12 },
    { header: '退出情形', key: 'triggerLabel', width: 26 },
    { header: '来源', key: 'sourceLabel', width: 10 },
    { header: '依据条款', key: 'clause', width: 30 },
    { header: '状态', key: 'stateLabel', width: 20 },
    { header: '立案时间', key: 'openedAt', width: 22 },
    { header: '当前期限', key: 'dueOn', width: 12 },
    { header: '是否逾期', key: 'overdue', width: 8 },
    { header: '应退押金（元）', key: 'refund', width: 14 },
  ];
  for (const r of rows)
    sheet.addRow({
      ...r,
      dueOn: r.deadline.dueOn ?? '',
      overdue: r.deadline.overdue ? '逾期' : '',
      refund: r.settlement ? yuan(r.settlement.refundDueFen) : '',
    });
  return writeExport(ctx, {
    fileName: `退出案件-${today(ctx)}.xlsx`,
    name: `exit-cases-${today(ctx)}`,
    book,
  });
}
