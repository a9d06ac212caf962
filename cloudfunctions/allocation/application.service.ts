import ExcelJS from 'exceljs';
import type { ApplicationDetail, ApplicationProgress, Role } from '@shared/contracts';
import { ROLE_LABELS } from '@shared/contracts';
import { AppError } from '@shared/errors';
import { cite } from '@shared/policy/sources';
import {
  APPLICATION_DOCUMENTS,
  APPLICATION_MOVE_LABELS,
  PARALLEL_DEPARTMENTS,
  PARALLEL_DEPARTMENT_LABELS,
  REVIEW_STAGES,
  applicationMove,
  departmentOverdue,
  maskName,
  missingItems,
  stageOf,
  type Actor,
  type ApplicationDocumentKind,
  type ApplicationMove,
  type ReviewerRole,
} from '@shared/rules/application.rule';
import { chinaDate, dateInWords } from '@shared/rules/dates';
import { checkEligibility } from '@shared/rules/eligibility.rule';
import { HOUSEHOLD_CATEGORY_LABELS } from '@shared/rules/household';
import { PRIVACY_NOTICE, birthDateOfIdNumber } from '@shared/rules/people.rule';
import { priorityTier, tierLabel } from '@shared/rules/priority.rule';
import type { Reason } from '@shared/rules/reason';
import { REVIEW_STATE_LABELS, publicNoticeEnds, type ReviewState } from '@shared/rules/review.rule';
import { orderWaitlist } from '@shared/rules/waitlist.rule';
import { hasRole, notFound, requireRole, requireUser } from '../_runtime/access';
import type { ApplicationDoc, HouseholdDoc } from '../_runtime/documents';
import { writeExport } from '../_runtime/exports';
import type { In, ServiceContext } from '../_runtime/handler';
import { sliceFor, type JobSlice } from '../_runtime/job-slice';
import { sliceThrough } from '../_runtime/job-state';
import type { Runtime } from '../_runtime/runtime';
import { idLookupHash, sealIdNumber } from '../_runtime/id-number';
import { idFromClient } from '../_runtime/ids';
import {
  readUploads,
  recordUploads,
  releaseUploads,
  sniffPhoto,
  type UploadedFile,
} from '../_runtime/uploads';
import { countDeadline } from '../_runtime/working-calendar';
import type { ApplicationDocuments, ApplicationRepository } from './application.repository';
import { tellDepartmentsOfTasks, tellOverdueDepartments } from './department-task.service';

/**
 * Applications through 三审三公示 (乌兰察布 第十三条): the applicant applies online, withdraws, supplements
 * and asks for 复核; each of the three reviews is its own office role and queue; every review's result is
 * published for its notice period, objections are answered in writing; the final review sends parallel
 * tasks to four departments (惠州 链接2(3)); approval puts the household on the waitlist. Who may move an
 * application, from which state, is application.rule.ts's; a refused move changes nothing; every move is
 * written to the application's history and the audit trail (who, when, what, why).
 */

const today = (ctx: ServiceContext) => chinaDate(ctx.rt.now().getTime());
const nowIso = (ctx: ServiceContext) => ctx.rt.now().toISOString();

/**
 * The state the rules see: a refusal whose 复核 was asked for through the older `account.requestReReview`
 * (which records the request without moving the state) is in 复核 all the same.
 */
const stateOf = (app: ApplicationDoc): ReviewState =>
  app.status === 'rejected' && app.reReview?.status === 'pending' ? 're_review' : app.status;

/** The review a return or refusal came from (for older records, the last review state reached). */
function stageStateOf(app: ApplicationDoc): ReviewState | undefined {
  if (app.status === 'returned') return app.returned?.from;
  const found = app.refusal?.in;
  if (found) return found;
  const reviews = app.history.filter((h) => stageOf(h.state)?.review === h.state);
  return reviews[reviews.length - 1]?.state;
}

/** Closed states: a household whose application is here may apply again (withdrawn, or refused for good). */
const CLOSED: readonly ReviewState[] = ['withdrawn', 'rejected'];

/** What each reviewer role's queue holds; the office (admin) sees every state. */
function visibleStates(ctx: ServiceContext): readonly ReviewState[] | null {
  if (hasRole(ctx, 'admin')) return null;
  const states: ReviewState[] = [];
  for (const s of REVIEW_STAGES)
    if (hasRole(ctx, s.role)) {
      states.push(s.review, s.notice);
      if (s.review === 'initial_review') states.push('submitted');
    }
  // 复核 is the housing department's (第十三条第二款), and it sees the waitlist's source, approvals.
  if (hasRole(ctx, 'housing_reviewer')) states.push('re_review', 'rejected', 'approved');
  return states;
}

function requireReviewer(ctx: ServiceContext): readonly ReviewState[] | null {
  requireRole(ctx, 'admin', ...REVIEW_STAGES.map((s) => s.role));
  return visibleStates(ctx);
}

const canSee = (visible: readonly ReviewState[] | null, app: ApplicationDoc) =>
  visible === null || visible.includes(app.status);

/** A refused move: the wrong role reads as not found (§5), the wrong state as STATE_INVALID, else the rule's. */
function refuse(reasons: Reason[]): never {
  const text = reasons.map((r) => `${r.message}（依据：${r.clause}）`).join('');
  if (reasons.some((r) => r.code === 'REVIEW_WRONG_ROLE')) notFound('该环节不由您审核。');
  if (reasons.some((r) => r.code === 'REVIEW_ILLEGAL_MOVE')) throw new AppError('STATE_INVALID', text);
  throw new AppError('RULE_VIOLATION', text);
}

/** The role the caller acts in on `app` (a reviewer of its stage, or for 复核 the housing department). */
function reviewerActor(ctx: ServiceContext, app: ApplicationDoc): Actor {
  const stage = stageOf(app.status);
  if (stage && hasRole(ctx, stage.role)) return stage.role;
  if (stateOf(app) === 're_review' && hasRole(ctx, 'housing_reviewer')) return 'housing_reviewer';
  // Anyone else (another stage's reviewer, the office): a role no review move accepts, so the rule
  // refuses it as not theirs.
  return 'applicant';
}

const byLabel = (actor: Actor) =>
  actor === 'applicant' ? '申请人' : actor === 'system' ? '系统' : ROLE_LABELS[actor as Role];

interface MoveSpec {
  applicationId: string;
  move: ApplicationMove;
  /** Made by the daily timer, not a signed-in person. */
  bySystem?: boolean;
  /** Who the caller is to the application; 'applicant' is checked against the household. */
  actor: (app: ApplicationDoc) => Actor;
  /** Checks before the rule (ownership, input), inside the transaction. */
  check?: (app: ApplicationDoc) => void;
  note: string;
  /** The rest of the change, given the state the rule allows. */
  patch?: (
    app: ApplicationDoc,
    next: ReviewState,
    tx: ApplicationDocuments,
  ) => Promise<Partial<ApplicationDoc>>;
  /** Tell the applicant (a message through the outbox) after the change. */
  tell?: (app: ApplicationDoc, next: ReviewState) => { title: string; body: string } | null;
}

/**
 * One move, in a transaction that reads the application again: the rule decides on the stored state, and a
 * retried move (the same move by the same person that already made the current state) changes nothing.
 */
async function moveApplication(
  repo: ApplicationRepository,
  ctx: ServiceContext,
  spec: MoveSpec,
): Promise<ApplicationDoc> {
  // The daily timer has no user: its moves are made as `system` (the rule lets it only close notices).
  const userId = spec.bySystem ? 'system' : requireUser(ctx)._id;
  const at = nowIso(ctx);
  const day = today(ctx);
  const calendar = await repo.workingCalendar();
  let told: { userId: string; title: string; body: string; key: string } | null = null;
  const app = await repo.runInTransaction(async (tx) => {
    const current = await tx.application(spec.applicationId);
    if (!current) notFound();
    spec.check?.(current);
    const actor = spec.actor(current);
    const moveKey = `${spec.move}|${userId}`;
    const last = current.history[current.history.length - 1];
    // A retry of the move this person just made (a double tap, a lost answer): nothing more to do.
    if (last && last.moveKey === moveKey && last.state === current.status) return current;
    const stage = stageOf(current.status);
    const facts = {
      stageState: stageStateOf(current),
      noticeEnded: current.notice ? day > current.notice.endsOn : false,
      pendingObjections: (current.objections ?? []).filter(
        (o) => o.status === 'pending' && o.state === current.status,
      ).length,
      unansweredDepartments:
        stage?.review === 'final_review'
          ? (current.departments ?? []).filter((d) => !d.answeredAt).length
          : 0,
    };
    const decision = applicationMove(stateOf(current), spec.move, actor, facts, ctx.rt.policy);
    if (!decision.ok) refuse(decision.reasons);
    const next = decision.value;
    const extra = spec.patch ? await spec.patch(current, next, tx) : {};
    const patch: Partial<ApplicationDoc> = {
      status: next,
      history: [...current.history, { state: next, at, by: byLabel(actor), note: spec.note, moveKey }],
      ...noticeFor(next, day, ctx),
      ...departmentsFor(current, next, day, calendar, ctx),
      ...extra,
    };
    await tx.updateApplication(current._id, patch);
    if (next === 'approved') {
      // Approval: the household is on the waitlist from today, its certificate date (武昌 持证时间).
      await tx.updateHousehold(current.householdId, { status: 'waitlisted', certificateDate: day });
    }
    await tx.recordAudit({
      entityType: 'application',
      entityId: current._id,
      action: `application_${spec.move}`,
      actorUserId: userId,
      at,
      detail: `${APPLICATION_MOVE_LABELS[spec.move]}：${REVIEW_STATE_LABELS[current.status]} → ${REVIEW_STATE_LABELS[next]}（${byLabel(actor)}）${spec.note ? `；${spec.note}` : ''}`,
    });
    const message = spec.tell?.(current, next);
    if (message && current.applicantUserId)
      told = { userId: current.applicantUserId, ...message, key: `${current._id}|${current.history.length}` };
    return { ...current, ...patch } as ApplicationDoc;
  });
  if (told) {
    const m = told as { userId: string; title: string; body: string; key: string };
    await ctx.rt.messages.enqueue({
      toUserId: m.userId,
      template: 'general',
      title: m.title,
      body: m.body,
      dedupeKey: `application|${m.key}`,
      fields: { title: m.title, body: m.body },
      link: { page: 'index', id: null },
    });
  }
  // The final review has opened (or a retry of the move that opened it): the departments hear of their tasks.
  await tellDepartmentsOfTasks(repo, ctx, app);
  return app;
}

/** Entering a notice state opens its notice for the district's period (review.rule.ts publicNoticeEnds). */
function noticeFor(next: ReviewState, day: string, ctx: ServiceContext): Partial<ApplicationDoc> {
  const stage = stageOf(next);
  if (stage && stage.notice === next)
    return { notice: { state: next, startsOn: day, endsOn: publicNoticeEnds(day, ctx.rt.policy) } };
  return {};
}

/**
 * Entering the final review from its notice (the first time) sends the departments their tasks at once, each
 * due 7 working days out (惠州 链接2(3); the district's `parallelReviewWorkingDays`, counted on the holiday
 * calendar). An objection sending the case back keeps the answers already given.
 */
function departmentsFor(
  current: ApplicationDoc,
  next: ReviewState,
  day: string,
  calendar: Awaited<ReturnType<ApplicationRepository['workingCalendar']>>,
  ctx: ServiceContext,
): Partial<ApplicationDoc> {
  if (next !== 'final_review' || (current.departments ?? []).length > 0) return {};
  const deadline = countDeadline(day, ctx.rt.policy.review.parallelReviewWorkingDays, calendar);
  return {
    departments: PARALLEL_DEPARTMENTS.map((department) => ({
      department,
      deadline,
      answeredAt: null,
      result: null,
      note: '',
    })),
  };
}

// ——— views ———

function progressOf(
  app: ApplicationDoc,
  household: HouseholdDoc | null,
  ctx: ServiceContext,
): ApplicationProgress {
  const day = today(ctx);
  const category = app.form?.category ?? household?.category ?? 'low_income';
  const noticeRunning = app.notice && app.notice.state === app.status && day <= app.notice.endsOn;
  return {
    id: app._id,
    status: stateOf(app),
    statusLabel: REVIEW_STATE_LABELS[stateOf(app)],
    category,
    categoryLabel: HOUSEHOLD_CATEGORY_LABELS[category],
    submittedAt: app.submittedAt,
    history: app.history.map((h) => ({
      state: h.state,
      label: REVIEW_STATE_LABELS[h.state],
      at: h.at,
      by: h.by ?? '',
      note: h.note ?? '',
    })),
    noticeEndsOn: noticeRunning ? app.notice!.endsOn : null,
    returned:
      app.status === 'returned' && app.returned
        ? { at: app.returned.at, missing: app.returned.missing, note: app.returned.note }
        : null,
    refusal:
      (app.status === 'rejected' || app.status === 're_review') && app.refusal
        ? { at: app.refusal.at, reason: app.refusal.reason, clause: app.refusal.clause }
        : null,
    reReview: app.reReview
      ? {
          requestedAt: app.reReview.requestedAt,
          reason: app.reReview.reason,
          dueOn: app.reReview.deadline.dueOn,
          provisional: app.reReview.deadline.provisional,
          answer: app.reReview.answer ?? null,
          clause: cite(ctx.rt.policy, 'review.reReview'),
        }
      : null,
    objections: (app.objections ?? []).map((o) => ({
      id: o.id,
      stage: REVIEW_STATE_LABELS[o.state],
      text: o.text,
      at: o.at,
      status: o.status,
      answer: o.answer,
      answeredAt: o.answeredAt,
      upheld: o.upheld,
    })),
    documents: (app.form?.documents ?? []).map((d) => ({
      kind: d.kind as ApplicationDocumentKind,
      label: APPLICATION_DOCUMENTS[d.kind as ApplicationDocumentKind] ?? d.kind,
      count: d.fileIds.length,
    })),
    canWithdraw: applicationMove(app.status, 'withdraw', 'applicant', {}, ctx.rt.policy).ok,
    canResubmit: app.status === 'returned',
    canRequestReReview: app.status === 'rejected' && !app.reReview,
    certificateDate: app.status === 'approved' ? (household?.certificateDate ?? null) : null,
  };
}

async function detailOf(
  repo: ApplicationRepository,
  app: ApplicationDoc,
  ctx: ServiceContext,
): Promise<ApplicationDetail> {
  const household = await repo.household(app.householdId);
  const day = today(ctx);
  const files = await Promise.all(
    (app.form?.documents ?? []).flatMap((d) =>
      d.fileIds.map(async (fileId) => ({
        kind: d.kind as ApplicationDocumentKind,
        label: APPLICATION_DOCUMENTS[d.kind as ApplicationDocumentKind] ?? d.kind,
        url: await ctx.rt.storage.tempUrl(fileId).catch(() => ''),
      })),
    ),
  );
  const moves: ApplicationMove[] = [
    'approve',
    'return',
    'refuse',
    'close_notice',
    'uphold_objection',
    'confirm_refusal',
    'overturn_refusal',
  ];
  const actor = reviewerActor(ctx, app);
  const facts = {
    stageState: stageStateOf(app),
    noticeEnded: app.notice ? day > app.notice.endsOn : false,
    pendingObjections: (app.objections ?? []).filter((o) => o.status === 'pending' && o.state === app.status)
      .length,
    unansweredDepartments: (app.departments ?? []).filter((d) => !d.answeredAt).length,
  };
  return {
    ...progressOf(app, household, ctx),
    headName: household?.headName ?? '',
    idNumberMasked: household?.idNumberMasked ?? '',
    members: (app.form?.members ?? []).map((m) => ({
      name: m.name,
      relation: m.relation,
      idNumberMasked: m.idNumberMasked,
      annualIncomeFen: m.annualIncomeFen,
    })),
    annualIncomeFen: household?.annualIncomeFen ?? 0,
    housing: app.form?.housing ?? { ownedHomeAreaM2: household?.ownedHomeAreaM2 ?? 0, description: '' },
    employmentMonths: app.form?.employmentMonths ?? household?.employmentMonths ?? null,
    documentFiles: files.filter((f) => f.url !== ''),
    departments: (app.departments ?? []).map((d) => ({
      department: d.department,
      label: PARALLEL_DEPARTMENT_LABELS[d.department],
      dueOn: d.deadline.dueOn,
      provisional: d.deadline.provisional,
      overdue: departmentOverdue(d.deadline.dueOn, d.answeredAt !== null, day),
      answeredAt: d.answeredAt,
      result: d.result,
      note: d.note,
    })),
    moves: moves.filter((m) => applicationMove(stateOf(app), m, actor, facts, ctx.rt.policy).ok),
  };
}

// ——— the applicant ———

/** The caller's household's application, when the caller is its head (or applied for it). */
async function ownApplication(repo: ApplicationRepository, ctx: ServiceContext, id: string) {
  const user = requireUser(ctx);
  const app = await repo.application(id);
  if (!app || !user.householdId || app.householdId !== user.householdId) notFound();
  return app;
}

const applicantActor = () => 'applicant' as const;

export async function submitApplication(
  repo: ApplicationRepository,
  input: In<'allocation', 'submitApplication'>,
  ctx: ServiceContext,
): Promise<ApplicationProgress> {
  const user = requireUser(ctx);
  const id = idFromClient('app', user._id, input.clientRequestId);
  const replay = await repo.application(id);
  if (replay) {
    if (replay.applicantUserId !== user._id) notFound();
    return progressOf(replay, await repo.household(replay.householdId), ctx);
  }
  if (user.roles.includes('tenant'))
    throw new AppError('STATE_INVALID', '您的家庭已承租公租房，无需再次申请。');
  // ID numbers and incomes are sensitive personal information: both notices first (个人信息保护法 第十七条、
  // 第二十九条; as people.service.ts requireConsents for binding a household).
  if (
    user.consents?.personal?.version !== PRIVACY_NOTICE.version ||
    user.consents?.sensitive?.version !== PRIVACY_NOTICE.version
  )
    throw new AppError('STATE_INVALID', '请先阅读并同意《个人信息处理告知》和《敏感个人信息单独告知》。');
  let household: HouseholdDoc | null = null;
  if (user.householdId) {
    household = await repo.household(user.householdId);
    if (household && household.status !== 'applying')
      throw new AppError('STATE_INVALID', '您的家庭已是保障对象，无需再次申请。');
    const open = await repo.applicationOfHousehold(user.householdId);
    if (open && !CLOSED.includes(open.status))
      throw new AppError('STATE_INVALID', '您已有一份申请在审核中，请在“申请进度”中查看。');
  }
  const missing = missingItems(
    {
      category: input.category,
      members: input.members,
      housing: input.housing,
      employmentMonths: input.employmentMonths,
      documents: input.documents.map((d) => ({ kind: d.kind, count: d.fileIds.length })),
    },
    ctx.rt.policy,
  );
  if (missing.length > 0)
    throw new AppError('RULE_VIOLATION', `申请材料不全：${missing.map((m) => m.message).join('')}`);
  const head = input.members.find((m) => m.relation === '本人')!;
  const keys = ctx.rt.people.idKeys();
  const headHash = idLookupHash(head.idNumber, keys);
  const others = (await repo.householdsWithIdHash(headHash)).filter((h) => h._id !== user.householdId);
  if (others.length > 0)
    throw new AppError('CONFLICT', '该身份证号码已有申请或保障记录，请联系住房保障部门。');

  // Every photo is checked before anything is written (a refused call changes nothing).
  const uploads: { kind: string; files: UploadedFile[] }[] = [];
  for (const d of input.documents)
    uploads.push({
      kind: d.kind,
      files: await readUploads(ctx.rt, ctx.caller.openid, 'application-doc', d.fileIds, sniffPhoto),
    });
  const documents = [];
  for (const u of uploads)
    documents.push({
      kind: u.kind,
      fileIds: await recordUploads(
        ctx.rt,
        u.files,
        (f) => `applications/${id}/${u.kind}-${f.digest}.${f.ext}`,
      ),
    });

  const at = nowIso(ctx);
  const householdId = user.householdId ?? `h-${id}`;
  const sealedHead = sealIdNumber(head.idNumber, keys);
  const annualIncomeFen = input.members.reduce((s, m) => s + m.annualIncomeFen, 0);
  const householdFields: Omit<HouseholdDoc, '_id'> = {
    headName: head.name,
    ...sealedHead,
    phone: household?.phone ?? '',
    size: input.members.length,
    category: input.category,
    status: 'applying',
    annualIncomeFen,
    certificateDate: household?.certificateDate ?? '',
    specialCare: household?.specialCare ?? null,
    applicantBirthDate: birthDateOfIdNumber(head.idNumber) ?? '1900-01-01',
    ownedHomeAreaM2: input.housing.ownedHomeAreaM2,
    employmentMonths: input.employmentMonths ?? 0,
    rentsLowRentUnit: household?.rentsLowRentUnit ?? false,
    lastDisqualifiedOn: household?.lastDisqualifiedOn ?? null,
    priority: household?.priority ?? {
      solitaryElderly: false,
      seriousIllnessOrDisabilityWithoutIncome: false,
      entitledGroup: false,
      localPriority: false,
    },
    createdAt: household?.createdAt ?? at,
  };
  const doc: Omit<ApplicationDoc, '_id'> = {
    householdId,
    projectId: '',
    status: 'initial_review',
    submittedAt: at,
    history: [
      { state: 'submitted', at, by: '申请人', note: '网上提交申请' },
      { state: 'initial_review', at, by: '系统', note: '转社区初审' },
    ],
    applicantUserId: user._id,
    form: {
      category: input.category,
      members: input.members.map((m) => {
        const sealed = sealIdNumber(m.idNumber, keys);
        return {
          name: m.name,
          relation: m.relation,
          idNumberCipher: sealed.idNumberCipher,
          idNumberMasked: sealed.idNumberMasked,
          annualIncomeFen: m.annualIncomeFen,
        };
      }),
      housing: input.housing,
      employmentMonths: input.employmentMonths,
      documents,
    },
    notice: null,
    objections: [],
    returned: null,
    refusal: null,
  };
  const copied = documents.flatMap((d) => d.fileIds);
  const saved = await repo
    .runInTransaction(async (tx) => {
      const again = await tx.application(id);
      if (again) return again;
      // Another submission of this person (another request id) that committed since this call read the user:
      // its household link or its application mark has changed, so this one is refused and writes nothing.
      const me = await tx.user(user._id);
      if (
        (me?.householdId ?? null) !== (user.householdId ?? null) ||
        (me?.lastApplicationId ?? null) !== (user.lastApplicationId ?? null)
      )
        throw new AppError('STATE_INVALID', '您已有一份申请在审核中，请在“申请进度”中查看。');
      await tx.setHousehold(householdId, householdFields);
      if (!user.householdId) await tx.linkHead(user._id, householdId, at);
      await tx.markApplied(user._id, id);
      await tx.setApplication(id, doc);
      await tx.recordAudit({
        entityType: 'application',
        entityId: id,
        action: 'application_submitted',
        actorUserId: user._id,
        at,
        detail: `网上提交公租房申请（${HOUSEHOLD_CATEGORY_LABELS[input.category]}，${input.members.length} 人），转社区初审`,
      });
      return { _id: id, ...doc };
    })
    .catch(async (err: unknown) => {
      // Refused (another submission of this person won the race) or failed: nothing was stored, so the
      // photos copied under `applications/<id>/` belong to no record. They are removed by the IDs the copy
      // answered (storage.port.ts), unless the same request committed meanwhile (a concurrent replay of
      // this request id, whose record holds these very files).
      if (!(await repo.application(id).catch(() => null))) await discardCopies(ctx, copied);
      throw err;
    });
  await releaseUploads(
    ctx.rt,
    uploads.flatMap((u) => u.files),
  );
  return progressOf(saved, { _id: householdId, ...householdFields }, ctx);
}

/** Removes copies no record holds; a failure only leaves stray files (the refusal is what the caller sees). */
async function discardCopies(ctx: ServiceContext, fileIds: string[]): Promise<void> {
  if (fileIds.length === 0) return;
  try {
    await ctx.rt.storage.remove(fileIds);
  } catch (err) {
    ctx.rt.log.log('warn', 'application_copies_not_removed', {
      count: fileIds.length,
      error: (err as Error).name,
    });
  }
}

export async function myApplicationProgress(
  repo: ApplicationRepository,
  ctx: ServiceContext,
): Promise<ApplicationProgress | null> {
  const user = ctx.caller.user;
  if (!user?.householdId) return null;
  const app = await repo.applicationOfHousehold(user.householdId);
  if (!app) return null;
  return progressOf(app, await repo.household(app.householdId), ctx);
}

export async function withdrawApplication(
  repo: ApplicationRepository,
  input: In<'allocation', 'withdrawApplication'>,
  ctx: ServiceContext,
): Promise<ApplicationProgress> {
  await ownApplication(repo, ctx, input.applicationId);
  const app = await moveApplication(repo, ctx, {
    applicationId: input.applicationId,
    move: 'withdraw',
    actor: applicantActor,
    note: input.reason,
  });
  return progressOf(app, await repo.household(app.householdId), ctx);
}

export async function resubmitApplication(
  repo: ApplicationRepository,
  input: In<'allocation', 'resubmitApplication'>,
  ctx: ServiceContext,
): Promise<ApplicationProgress> {
  const own = await ownApplication(repo, ctx, input.applicationId);
  if (own.status !== 'returned') throw new AppError('STATE_INVALID', '该申请未被退回，无需补充材料。');
  if (input.documents.length === 0 && input.note === '')
    throw new AppError('INVALID_INPUT', '请上传补充的材料或写明补充说明。', {
      documents: '请上传补充的材料',
    });
  const uploads: { kind: string; files: UploadedFile[] }[] = [];
  for (const d of input.documents)
    uploads.push({
      kind: d.kind,
      files: await readUploads(ctx.rt, ctx.caller.openid, 'application-doc', d.fileIds, sniffPhoto),
    });
  const added: { kind: string; fileIds: string[] }[] = [];
  for (const u of uploads)
    added.push({
      kind: u.kind,
      fileIds: await recordUploads(
        ctx.rt,
        u.files,
        (f) => `applications/${own._id}/${u.kind}-${f.digest}.${f.ext}`,
      ),
    });
  const app = await moveApplication(repo, ctx, {
    applicationId: input.applicationId,
    move: 'resubmit',
    actor: applicantActor,
    note: input.note || '已补充材料',
    patch: async (current) => {
      if (!current.form) return { returned: null };
      const documents = current.form.documents.map((d) => ({ ...d, fileIds: [...d.fileIds] }));
      for (const a of added) {
        const into = documents.find((d) => d.kind === a.kind);
        if (into) into.fileIds = [...new Set([...into.fileIds, ...a.fileIds])];
        else documents.push(a);
      }
      return { returned: null, form: { ...current.form, documents } };
    },
  });
  await releaseUploads(
    ctx.rt,
    uploads.flatMap((u) => u.files),
  );
  return progressOf(app, await repo.household(app.householdId), ctx);
}

/**
 * 复核: after a refusal the applicant asks the housing department to look again; it answers in writing within
 * 15 working days from the request (乌兰察布 第十三条第二款), counted on the holiday calendar and stored with
 * its start so that entering a year's holidays recounts it (working-calendar.ts).
 */
export async function requestApplicationReReview(
  repo: ApplicationRepository,
  input: In<'allocation', 'requestApplicationReReview'>,
  ctx: ServiceContext,
): Promise<ApplicationProgress> {
  await ownApplication(repo, ctx, input.applicationId);
  const calendar = await repo.workingCalendar();
  const deadline = countDeadline(today(ctx), ctx.rt.policy.review.reReviewWorkingDays, calendar);
  const app = await moveApplication(repo, ctx, {
    applicationId: input.applicationId,
    move: 'request_re_review',
    actor: applicantActor,
    check: (current) => {
      if (current.reReview) throw new AppError('STATE_INVALID', '该申请已复核并答复，不能再次申请复核。');
    },
    note: input.reason,
    patch: async () => ({
      reReview: { requestedAt: nowIso(ctx), reason: input.reason, status: 'pending', deadline },
    }),
  });
  return progressOf(app, await repo.household(app.householdId), ctx);
}

// ——— the office ———

export async function reviewQueue(
  repo: ApplicationRepository,
  input: In<'allocation', 'reviewQueue'>,
  ctx: ServiceContext,
) {
  const visible = requireReviewer(ctx);
  return queueRows(repo, visible, input, ctx);
}

async function queueRows(
  repo: ApplicationRepository,
  visible: readonly ReviewState[] | null,
  input: { status?: ReviewState | undefined; category?: string | undefined; sort?: string | undefined },
  ctx: ServiceContext,
) {
  const states = (visible ?? REVIEW_STATE_KEYS).filter((s) => !input.status || s === input.status);
  if (states.length === 0) return [];
  const apps = await repo.applicationsIn(states);
  const households = await repo.householdsByIds([...new Set(apps.map((a) => a.householdId))]);
  const day = today(ctx);
  const rows = apps
    .map((a) => {
      const h = households.get(a.householdId);
      const category = a.form?.category ?? h?.category ?? 'low_income';
      const since = a.history[a.history.length - 1]?.at ?? a.submittedAt;
      return {
        id: a._id,
        headNameMasked: maskName(h?.headName ?? ''),
        idNumberMasked: h?.idNumberMasked ?? '',
        category,
        categoryLabel: HOUSEHOLD_CATEGORY_LABELS[category],
        size: h?.size ?? a.form?.members.length ?? 0,
        status: a.status,
        statusLabel: REVIEW_STATE_LABELS[a.status],
        submittedAt: a.submittedAt,
        since,
        noticeEndsOn: a.notice && a.notice.state === a.status ? a.notice.endsOn : null,
        pendingObjections: (a.objections ?? []).filter((o) => o.status === 'pending').length,
        overdueDepartments:
          a.status === 'final_review'
            ? (a.departments ?? []).filter((d) =>
                departmentOverdue(d.deadline.dueOn, d.answeredAt !== null, day),
              ).length
            : 0,
      };
    })
    .filter((r) => !input.category || r.category === input.category);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) =>
    input.sort === 'newest'
      ? cmp(b.since, a.since) || cmp(a.id, b.id)
      : input.sort === 'notice_ends'
        ? cmp(a.noticeEndsOn ?? '9999', b.noticeEndsOn ?? '9999') || cmp(a.id, b.id)
        : cmp(a.since, b.since) || cmp(a.id, b.id),
  );
  return rows;
}

const REVIEW_STATE_KEYS = Object.keys(REVIEW_STATE_LABELS) as ReviewState[];

export async function exportApplications(
  repo: ApplicationRepository,
  input: In<'allocation', 'exportApplications'>,
  ctx: ServiceContext,
) {
  const visible = requireReviewer(ctx);
  const rows = await queueRows(repo, visible, { status: input.status }, ctx);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('申请审核');
  sheet.columns = [
    { header: '申请人', key: 'headNameMasked', width: 10 },
    { header: '身份证号', key: 'idNumberMasked', width: 22 },
    { header: '申请类别', key: 'categoryLabel', width: 26 },
    { header: '家庭人口', key: 'size', width: 8 },
    { header: '审核状态', key: 'statusLabel', width: 18 },
    { header: '提交时间', key: 'submittedAt', width: 22 },
    { header: '公示截止', key: 'noticeEndsOn', width: 12 },
    { header: '待答复异议', key: 'pendingObjections', width: 10 },
    { header: '逾期部门核查', key: 'overdueDepartments', width: 12 },
  ];
  for (const r of rows) sheet.addRow(r);
  return writeExport(ctx, {
    fileName: `公租房申请审核-${today(ctx)}.xlsx`,
    name: `applications-${today(ctx)}`,
    book,
  });
}

async function reviewable(
  repo: ApplicationRepository,
  ctx: ServiceContext,
  id: string,
): Promise<ApplicationDoc> {
  const visible = requireReviewer(ctx);
  const app = await repo.application(id);
  if (!app || !canSee(visible, app)) notFound();
  return app;
}

/**
 * An application the caller may decide on: its stage's reviewer (for 复核 and refusals, the housing
 * department's). The office sees every stage but decides none; anyone else reads it as not found (§5).
 */
async function decidable(
  repo: ApplicationRepository,
  ctx: ServiceContext,
  id: string,
): Promise<ApplicationDoc> {
  const app = await reviewable(repo, ctx, id);
  const role: ReviewerRole =
    stageOf(app.status)?.role ??
    (['re_review', 'rejected', 'approved'].includes(app.status) ? 'housing_reviewer' : 'community_reviewer');
  if (!hasRole(ctx, role)) notFound('该环节不由您审核。');
  return app;
}

export async function applicationDetail(
  repo: ApplicationRepository,
  input: In<'allocation', 'applicationDetail'>,
  ctx: ServiceContext,
): Promise<ApplicationDetail> {
  return detailOf(repo, await reviewable(repo, ctx, input.applicationId), ctx);
}

/** The refusal's clause: the eligibility conditions the household fails (乌兰察布 第十一条), else the procedure. */
function refusalClause(household: HouseholdDoc | null, ctx: ServiceContext): string {
  if (!household) return cite(ctx.rt.policy, 'review.procedure');
  const result = checkEligibility(
    {
      category: household.category,
      applicantBirthDate: household.applicantBirthDate,
      members: Math.max(1, household.size),
      monthlyIncomePerPersonFen: Math.round(household.annualIncomeFen / 12 / Math.max(1, household.size)),
      ownedHomeAreaM2: household.ownedHomeAreaM2,
      employmentMonths: household.employmentMonths,
      rentsLowRentUnit: household.rentsLowRentUnit,
      publicRentalUnits: 0,
      lastDisqualifiedOn: household.lastDisqualifiedOn,
    },
    ctx.rt.policy,
    today(ctx),
  );
  return result.eligible
    ? cite(ctx.rt.policy, 'review.procedure')
    : [...new Set(result.reasons.map((r) => r.clause))].join('；');
}

export async function reviewApplication(
  repo: ApplicationRepository,
  input: In<'allocation', 'reviewApplication'>,
  ctx: ServiceContext,
): Promise<ApplicationDetail> {
  await decidable(repo, ctx, input.applicationId);
  const missing = input.missing ?? [];
  if (input.decision === 'return' && missing.length === 0)
    throw new AppError('INVALID_INPUT', '请写明需要补充的材料。', { missing: '请写明需要补充的材料' });
  if (input.decision === 'refuse' && input.note === '')
    throw new AppError('INVALID_INPUT', '请写明不通过的理由。', { note: '请写明不通过的理由' });
  const at = nowIso(ctx);
  const stageLabel = (s: ReviewState) => stageOf(s)?.label ?? '';
  const app = await moveApplication(repo, ctx, {
    applicationId: input.applicationId,
    move: input.decision,
    actor: (a) => reviewerActor(ctx, a),
    note:
      input.decision === 'return'
        ? `需补充：${missing.join('、')}${input.note ? `；${input.note}` : ''}`
        : input.note,
    patch: async (current, _next, tx) => {
      if (input.decision === 'return')
        return { returned: { from: current.status, at, missing, note: input.note } };
      if (input.decision === 'refuse')
        return {
          refusal: {
            in: current.status,
            at,
            reason: input.note,
            clause: refusalClause(await tx.household(current.householdId), ctx),
          },
        };
      return {};
    },
    tell: (current, next) =>
      input.decision === 'return'
        ? {
            title: '申请退回补充材料',
            body: `${stageLabel(current.status)}需要您补充：${missing.join('、')}。请在“申请进度”中上传后重新提交。`,
          }
        : input.decision === 'refuse'
          ? {
              title: '申请未通过审核',
              body: `${stageLabel(current.status)}未通过：${input.note}。如有异议可申请复核。`,
            }
          : {
              title: '申请审核通过',
              body: `${stageLabel(current.status)}已通过，现进入${REVIEW_STATE_LABELS[next]}。`,
            },
  });
  return detailOf(repo, app, ctx);
}

export async function closeReviewNotice(
  repo: ApplicationRepository,
  input: In<'allocation', 'closeReviewNotice'>,
  ctx: ServiceContext,
): Promise<ApplicationDetail> {
  await decidable(repo, ctx, input.applicationId);
  const app = await moveApplication(repo, ctx, {
    applicationId: input.applicationId,
    move: 'close_notice',
    actor: (a) => reviewerActor(ctx, a),
    note: '公示期满，无异议或异议已答复',
    tell: (_current, next) =>
      next === 'approved'
        ? {
            title: '已确定为保障对象',
            body: `您的申请已通过三审三公示，自 ${today(ctx)} 起进入轮候。`,
          }
        : { title: '公示期满', body: `公示期满，您的申请进入${REVIEW_STATE_LABELS[next]}。` },
  });
  return detailOf(repo, app, ctx);
}

export async function answerReviewObjection(
  repo: ApplicationRepository,
  input: In<'allocation', 'answerReviewObjection'>,
  ctx: ServiceContext,
): Promise<ApplicationDetail> {
  const before = await reviewable(repo, ctx, input.applicationId);
  const user = requireUser(ctx);
  const at = nowIso(ctx);
  const objection = (before.objections ?? []).find((o) => o.id === input.objectionId);
  if (!objection) notFound('异议不存在。');
  const stage = stageOf(objection.state);
  if (!stage || !hasRole(ctx, stage.role)) notFound('该异议不由您答复。');
  const answered = (o: NonNullable<ApplicationDoc['objections']>[number]) =>
    o.id === input.objectionId
      ? {
          ...o,
          status: 'answered' as const,
          answer: input.answer,
          answeredAt: at,
          answeredBy: user._id,
          upheld: input.upheld,
        }
      : o;
  if (input.upheld) {
    // An objection found to stand sends the case back to that stage's review (review.rule.ts).
    const app = await moveApplication(repo, ctx, {
      applicationId: input.applicationId,
      move: 'uphold_objection',
      actor: (a) => reviewerActor(ctx, a),
      check: (current) => {
        const o = (current.objections ?? []).find((x) => x.id === input.objectionId);
        if (!o || o.status !== 'pending') throw new AppError('STATE_INVALID', '该异议已答复。');
      },
      note: `异议成立：${input.answer}`,
      patch: async (current) => ({ objections: (current.objections ?? []).map(answered) }),
      tell: () => ({ title: '公示期间异议成立', body: `经核查异议成立，您的申请重新审核：${input.answer}` }),
    });
    return detailOf(repo, app, ctx);
  }
  // Not upheld: the written answer is recorded; the notice runs on; the applicant is told (once per
  // objection, on the outbox's dedupe key, however often the answer is retried).
  const recorded = await repo.runInTransaction(async (tx) => {
    const current = await tx.application(input.applicationId);
    if (!current) notFound();
    const o = (current.objections ?? []).find((x) => x.id === input.objectionId);
    if (!o) notFound('异议不存在。');
    if (o.status !== 'pending') return current;
    await tx.updateApplication(current._id, { objections: (current.objections ?? []).map(answered) });
    await tx.recordAudit({
      entityType: 'application',
      entityId: current._id,
      action: 'application_objection_answered',
      actorUserId: user._id,
      at,
      detail: `书面答复公示异议（不成立）：${input.answer}`,
    });
    return current;
  });
  const stored = (recorded.objections ?? []).find((x) => x.id === input.objectionId);
  // Answered now (it was pending when read) or answered before as not upheld (a retry): the same message.
  if (recorded.applicantUserId && stored && (stored.status === 'pending' || stored.upheld === false)) {
    const title = '公示异议已答复';
    const body = `${REVIEW_STATE_LABELS[objection.state]}期间的异议经核查不成立，公示继续：${input.answer}`;
    await ctx.rt.messages.enqueue({
      toUserId: recorded.applicantUserId,
      template: 'general',
      title,
      body,
      dedupeKey: `review-objection-answered|${input.objectionId}`,
      fields: { title, body },
      link: { page: 'application', id: null },
    });
  }
  return detailOf(repo, (await repo.application(input.applicationId))!, ctx);
}

export async function decideReReview(
  repo: ApplicationRepository,
  input: In<'allocation', 'decideReReview'>,
  ctx: ServiceContext,
): Promise<ApplicationDetail> {
  await decidable(repo, ctx, input.applicationId);
  const at = nowIso(ctx);
  const app = await moveApplication(repo, ctx, {
    applicationId: input.applicationId,
    move: input.overturn ? 'overturn_refusal' : 'confirm_refusal',
    actor: (a) => reviewerActor(ctx, a),
    note: input.answer,
    patch: async (current) => ({
      reReview: current.reReview
        ? { ...current.reReview, status: 'answered', answer: input.answer, answeredAt: at }
        : undefined,
      ...(input.overturn ? { refusal: null } : {}),
    }),
    tell: () => ({
      title: '复核结果',
      body: input.overturn
        ? `复核撤销原审核决定，您的申请重新审核：${input.answer}`
        : `复核维持原审核决定：${input.answer}`,
    }),
  });
  return detailOf(repo, app, ctx);
}

// ——— the daily close of ended notices ———

/**
 * Closes every review notice whose period has ended with no objection left unanswered, as the reviewer's
 * button does (a notice without objection moves on: 乌兰察布 第十三条), so an application does not wait on a
 * reviewer's tap. Run by the timer `daily-review-notices` in slices (`job_state`
 * `daily-review-notices|<day>`); a notice with a pending objection stays for its reviewer. The same pass
 * tells a department once when its final-review task goes overdue (department-task.service.ts).
 */
export async function closeEndedNotices(
  repo: ApplicationRepository,
  rt: Runtime,
  slice: JobSlice | null = null,
) {
  const now = rt.now();
  const day = chinaDate(now.getTime());
  const ctx: ServiceContext = {
    rt,
    caller: { openid: '', user: null, roles: [] },
    requestId: `timer-${day}`,
  };
  const { counts } = await sliceThrough({
    states: repo.jobs,
    job: 'daily-review-notices',
    runKey: day,
    at: now.toISOString(),
    slice: slice ?? sliceFor(rt),
    stateless: slice === null,
    countNames: ['checked', 'closed', 'departmentsOverdue'],
    // An item may send many messages (a close tells the applicant and, into the final review, every checker of
    // four departments; an overdue task every checker of its department): small batches keep one batch well
    // inside the slice's budget (JOB_SLICE_BUDGET_MS), which is checked only between batches.
    batchSize: 10,
    key: (a: ApplicationDoc) => a._id,
    // The final review's applications too: a department whose task went overdue is told once.
    items: () => repo.applicationsIn([...NOTICE_STATES, 'final_review']),
    process: async (a, n) => {
      n.checked = (n.checked ?? 0) + 1;
      if (a.status === 'final_review') {
        // A task whose checkers never heard of it (a lost message, a department without checkers then).
        await tellDepartmentsOfTasks(repo, ctx, a, day);
        const told = await tellOverdueDepartments(repo, ctx, a, day);
        if (told > 0) n.departmentsOverdue = (n.departmentsOverdue ?? 0) + told;
        return;
      }
      if (!a.notice || a.notice.state !== a.status || day <= a.notice.endsOn) return;
      if ((a.objections ?? []).some((o) => o.status === 'pending' && o.state === a.status)) return;
      await moveApplication(repo, ctx, {
        applicationId: a._id,
        move: 'close_notice',
        bySystem: true,
        actor: () => 'system',
        note: '公示期满，无异议或异议已答复，系统自动结束公示',
        tell: (_current, next) =>
          next === 'approved'
            ? {
                title: '已确定为保障对象',
                body: `您的申请已通过三审三公示，自${dateInWords(day)}起进入轮候。`,
              }
            : { title: '公示期满', body: `公示期满，您的申请进入${REVIEW_STATE_LABELS[next]}。` },
      });
      n.closed = (n.closed ?? 0) + 1;
    },
  });
  return { closed: counts.closed ?? 0, departmentsOverdue: counts.departmentsOverdue ?? 0 };
}

// ——— public notices ———

const NOTICE_STATES: readonly ReviewState[] = REVIEW_STAGES.map((s) => s.notice);

/** The review notices running today (masked names and ID numbers): public, for anyone with the link. */
export async function reviewNotices(repo: ApplicationRepository, ctx: ServiceContext) {
  const day = today(ctx);
  const apps = (await repo.applicationsIn(NOTICE_STATES)).filter(
    (a) => a.notice && a.notice.state === a.status && day <= a.notice.endsOn,
  );
  const households = await repo.householdsByIds([...new Set(apps.map((a) => a.householdId))]);
  return REVIEW_STAGES.map((stage) => ({
    stage: `${stage.label}结果公示`,
    state: stage.notice,
    clause: cite(ctx.rt.policy, 'review.notice'),
    entries: apps
      .filter((a) => a.status === stage.notice)
      .sort((a, b) => (a.notice!.startsOn < b.notice!.startsOn ? -1 : a._id < b._id ? -1 : 1))
      .map((a) => {
        const h = households.get(a.householdId);
        const category = a.form?.category ?? h?.category ?? 'low_income';
        return {
          applicationId: a._id,
          headNameMasked: maskName(h?.headName ?? ''),
          idNumberMasked: h?.idNumberMasked ?? '',
          categoryLabel: HOUSEHOLD_CATEGORY_LABELS[category],
          size: h?.size ?? 0,
          startsOn: a.notice!.startsOn,
          endsOn: a.notice!.endsOn,
        };
      }),
  }));
}

/** An objection during a running review notice: anyone who opened it may object; the stage's reviewer answers. */
export async function fileReviewObjection(
  repo: ApplicationRepository,
  input: In<'allocation', 'fileReviewObjection'>,
  ctx: ServiceContext,
) {
  const openid = ctx.caller.openid;
  const id = idFromClient('ro', openid, input.clientRequestId);
  const at = nowIso(ctx);
  const day = today(ctx);
  const filed = await repo.runInTransaction(async (tx) => {
    const app = await tx.application(input.applicationId);
    if (!app) notFound();
    const existing = (app.objections ?? []).find((o) => o.id === id);
    if (existing) return { id, at: existing.at, state: existing.state };
    if (!app.notice || app.notice.state !== app.status || day > app.notice.endsOn)
      throw new AppError('STATE_INVALID', '该申请不在公示期内，不能提出异议。');
    await tx.updateApplication(app._id, {
      objections: [
        ...(app.objections ?? []),
        {
          id,
          state: app.status,
          text: input.text,
          at,
          byUserId: ctx.caller.user?._id ?? `openid:${id}`,
          status: 'pending',
          answer: null,
          answeredAt: null,
          answeredBy: null,
          upheld: null,
        },
      ],
    });
    await tx.recordAudit({
      entityType: 'application',
      entityId: app._id,
      action: 'application_objection_filed',
      actorUserId: ctx.caller.user?._id ?? '',
      at,
      detail: `${REVIEW_STATE_LABELS[app.status]}期间收到异议，待${stageOf(app.status)?.label ?? ''}书面答复`,
    });
    return { id, at, state: app.status };
  });
  await tellReviewersOfObjection(repo, ctx, input.applicationId, id, filed.state);
  return { id: filed.id, at: filed.at };
}

/**
 * An objection reaches the reviewers of its stage (every holder of the stage's review role in the district),
 * in their inbox and as a subscription message. Sent after the objection is stored, and again on a retry of
 * the same objection: the outbox keeps one message per objection and reviewer (its dedupe key), so a retried
 * call (or one whose first try failed after storing) tells each reviewer exactly once.
 */
async function tellReviewersOfObjection(
  repo: ApplicationRepository,
  ctx: ServiceContext,
  applicationId: string,
  objectionId: string,
  state: ReviewState,
) {
  const stage = stageOf(state);
  if (!stage) return;
  const title = '公示期间收到异议';
  const body = `${REVIEW_STATE_LABELS[state]}期间有人提出异议，请核查后书面答复；答复前不能结束公示。`;
  for (const reviewer of await repo.usersWithRole(stage.role))
    await ctx.rt.messages.enqueue({
      toUserId: reviewer._id,
      template: 'general',
      title,
      body,
      dedupeKey: `review-objection|${objectionId}|${reviewer._id}`,
      fields: { title, body },
      link: { page: 'review', id: applicationId },
    });
}

// ——— the waitlist ———

/** Approved households in offering order: tier, then certificate date (waitlist.rule.ts). */
export async function waitlist(
  repo: ApplicationRepository,
  input: In<'allocation', 'waitlist'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin', 'housing_reviewer');
  const policy = ctx.rt.policy;
  const households = (await repo.waitlistedHouseholds()).filter((h) =>
    /^\d{4}-\d{2}-\d{2}$/.test(h.certificateDate),
  );
  // The approved application of each household (乌兰察布 第三十七条第二款: false material found after approval
  // cancels the registration; the office opens that case on the application).
  const approvedOf = new Map(
    (await repo.applicationsIn(['approved']))
      .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))
      .map((a) => [a.householdId, a._id] as const),
  );
  const ordered = orderWaitlist(
    households.map((h) => ({
      householdId: h._id,
      certificateDate: h.certificateDate,
      tier: priorityTier({ category: h.category, ...h.priority }, policy),
      h,
    })),
  );
  return ordered
    .map((e, i) => ({
      position: i + 1,
      householdId: e.householdId,
      applicationId: approvedOf.get(e.householdId) ?? null,
      headNameMasked: maskName(e.h.headName),
      categoryLabel: HOUSEHOLD_CATEGORY_LABELS[e.h.category],
      tier: e.tier,
      tierLabel: tierLabel(e.tier, policy),
      certificateDate: e.certificateDate,
    }))
    .filter((r) => input.tier === undefined || r.tier === input.tier);
}

/** The waitlist as an Excel file (the same rows, names masked), written last after the access check. */
export async function exportWaitlist(
  repo: ApplicationRepository,
  input: In<'allocation', 'exportWaitlist'>,
  ctx: ServiceContext,
) {
  const rows = await waitlist(repo, input, ctx);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('轮候名单');
  sheet.columns = [
    { header: '顺序', key: 'position', width: 8 },
    { header: '户主', key: 'headNameMasked', width: 10 },
    { header: '类别', key: 'categoryLabel', width: 26 },
    { header: '优先层级', key: 'tierLabel', width: 26 },
    { header: '持证日期', key: 'certificateDate', width: 12 },
  ];
  for (const r of rows) sheet.addRow(r);
  return writeExport(ctx, {
    fileName: `轮候名单-${today(ctx)}.xlsx`,
    name: `waitlist-${today(ctx)}`,
    book,
  });
}

export type { ReviewerRole };
