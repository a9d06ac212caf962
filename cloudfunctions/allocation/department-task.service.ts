import type { DepartmentTaskRow } from '@shared/contracts';
import { AppError } from '@shared/errors';
import {
  PARALLEL_DEPARTMENT_LABELS,
  departmentOverdue,
  type ParallelDepartment,
} from '@shared/rules/application.rule';
import { chinaDate, dateInWords } from '@shared/rules/dates';
import { HOUSEHOLD_CATEGORY_LABELS } from '@shared/rules/household';
import { notFound, requireRole, requireUser } from '../_runtime/access';
import type { ApplicationDoc, DepartmentTaskDoc, HouseholdDoc } from '../_runtime/documents';
import type { In, ServiceContext } from '../_runtime/handler';
import { openIdNumber } from '../_runtime/id-number';
import type { ApplicationRepository } from './application.repository';

/**
 * Huizhou's parallel review (惠州 链接2(3)) from the departments' side: when an application enters the
 * housing department's final review, civil affairs, public security, real estate and social security each
 * get a task due 7 working days out (application.service.ts `departmentsFor`). Each department's own
 * checkers (`department_reviewer`, their user's `department`, granted by an office invitation) see their
 * department's open tasks and answer them; nobody else answers for a department.
 */

const today = (ctx: ServiceContext) => chinaDate(ctx.rt.now().getTime());

/** The caller's department: a department checker with a department, or not found (§5). */
function callerDepartment(ctx: ServiceContext): ParallelDepartment {
  requireRole(ctx, 'department_reviewer');
  const department = requireUser(ctx).department;
  if (!department) notFound();
  return department;
}

const yuan = (fen: number) => `${(fen / 100).toFixed(2)} 元`;

/**
 * What the department checks, and only that (个人信息保护法 第六条: the minimum the purpose needs): civil
 * affairs the category and incomes, public security the members' relations (in the member list), real estate
 * the housing, social security the months of local employment.
 */
function factsFor(
  department: ParallelDepartment,
  app: ApplicationDoc,
  household: HouseholdDoc | null,
): { label: string; value: string }[] {
  const form = app.form;
  switch (department) {
    case 'civil_affairs':
      return [
        ...(form?.members ?? []).map((m) => ({
          label: `${m.name}（${m.relation}）上年收入`,
          value: yuan(m.annualIncomeFen),
        })),
        { label: '家庭年收入合计', value: yuan(household?.annualIncomeFen ?? 0) },
      ];
    case 'public_security':
      return [{ label: '家庭人数', value: `${form?.members.length ?? household?.size ?? 0} 人` }];
    case 'real_estate':
      return [
        {
          label: '自有住房面积',
          value: `${form?.housing.ownedHomeAreaM2 ?? household?.ownedHomeAreaM2 ?? 0} 平方米`,
        },
        { label: '现住房情况', value: form?.housing.description || '未填写' },
      ];
    case 'social_security':
      return [
        {
          label: '本地就业月数',
          value:
            form?.employmentMonths === null || form?.employmentMonths === undefined
              ? '申请类别不要求'
              : `${form.employmentMonths} 个月`,
        },
      ];
  }
}

function rowOf(
  app: ApplicationDoc,
  task: DepartmentTaskDoc,
  household: HouseholdDoc | null,
  day: string,
): DepartmentTaskRow {
  const category = app.form?.category ?? household?.category ?? 'low_income';
  return {
    applicationId: app._id,
    department: task.department,
    departmentLabel: PARALLEL_DEPARTMENT_LABELS[task.department],
    categoryLabel: HOUSEHOLD_CATEGORY_LABELS[category],
    sentOn: task.deadline.startOn,
    dueOn: task.deadline.dueOn,
    provisional: task.deadline.provisional,
    overdue: departmentOverdue(task.deadline.dueOn, task.answeredAt !== null, day),
    members: (app.form?.members ?? []).map((m) => ({
      name: m.name,
      relation: m.relation,
      idNumberMasked: m.idNumberMasked,
    })),
    facts: factsFor(task.department, app, household),
    answeredAt: task.answeredAt,
    result: task.result,
    note: task.note,
  };
}

/** The department's open tasks (applications in the final review it has not answered), by due date. */
export async function departmentTasks(
  repo: ApplicationRepository,
  ctx: ServiceContext,
): Promise<DepartmentTaskRow[]> {
  const department = callerDepartment(ctx);
  const day = today(ctx);
  const open = (await repo.applicationsIn(['final_review']))
    .map((app) => ({ app, task: (app.departments ?? []).find((d) => d.department === department) }))
    .filter((x): x is { app: ApplicationDoc; task: DepartmentTaskDoc } => !!x.task && !x.task.answeredAt);
  const households = await repo.householdsByIds([...new Set(open.map((x) => x.app.householdId))]);
  return open
    .map(({ app, task }) => rowOf(app, task, households.get(app.householdId) ?? null, day))
    .sort((a, b) =>
      a.dueOn !== b.dueOn
        ? a.dueOn < b.dueOn
          ? -1
          : 1
        : a.applicationId < b.applicationId
          ? -1
          : a.applicationId > b.applicationId
            ? 1
            : 0,
    );
}

const RESULT_LABELS = { clear: '核查无异常', issue: '有异常' } as const;

/**
 * The department's answer, by one of its checkers: 核查无异常, or 有异常 with the finding written. Read again
 * inside a transaction; a retry of the same answer returns the stored one; a different answer once answered,
 * or an application no longer in the final review, is refused and changes nothing. Audited.
 */
export async function answerDepartmentTask(
  repo: ApplicationRepository,
  input: In<'allocation', 'answerDepartmentTask'>,
  ctx: ServiceContext,
): Promise<DepartmentTaskRow> {
  const department = callerDepartment(ctx);
  const user = requireUser(ctx);
  if (input.result === 'issue' && input.note === '')
    throw new AppError('INVALID_INPUT', '请写明核查发现的问题。', { note: '请写明核查发现的问题' });
  const at = ctx.rt.now().toISOString();
  const saved = await repo.runInTransaction(async (tx) => {
    const current = await tx.application(input.applicationId);
    const task = current?.departments?.find((d) => d.department === department);
    // An application without a task for this department is not the caller's (§5).
    if (!current || !task) notFound();
    if (task.answeredAt) {
      if (task.result === input.result && task.note === input.note) return current; // a retry
      throw new AppError('STATE_INVALID', '本部门已答复该核查任务，答复不能更改。');
    }
    if (current.status !== 'final_review')
      throw new AppError('STATE_INVALID', '该申请已不在住房保障部门终审中，不能再答复核查任务。');
    const departments = (current.departments ?? []).map((d) =>
      d.department === department
        ? { ...d, answeredAt: at, answeredBy: user._id, result: input.result, note: input.note }
        : d,
    );
    await tx.updateApplication(current._id, { departments });
    await tx.recordAudit({
      entityType: 'application',
      entityId: current._id,
      action: 'application_department_answered',
      actorUserId: user._id,
      at,
      detail: `${PARALLEL_DEPARTMENT_LABELS[department]}核查：${RESULT_LABELS[input.result]}${input.note ? `；${input.note}` : ''}`,
    });
    return { ...current, departments };
  });
  const task = (saved.departments ?? []).find((d) => d.department === department)!;
  return rowOf(saved, task, await repo.household(saved.householdId), today(ctx));
}

/**
 * A department checker sees one member's whole ID number, to find that person's records in its own system
 * (the row shows it masked: 个人信息保护法 第六条, the minimum the purpose needs). Only while the department's
 * task is open (unanswered, the application in the final review), for a stated reason, and logged before it
 * is shown, so the office's record of ID-number views (account `idAccessLog`) names every checker's view.
 */
export async function revealMemberIdNumber(
  repo: ApplicationRepository,
  input: In<'allocation', 'revealMemberIdNumber'>,
  ctx: ServiceContext,
): Promise<{ idNumber: string; loggedAt: string }> {
  const department = callerDepartment(ctx);
  const user = requireUser(ctx);
  const app = await repo.application(input.applicationId);
  const task = app?.departments?.find((d) => d.department === department);
  if (!app || !task) notFound();
  if (task.answeredAt || app.status !== 'final_review')
    throw new AppError('STATE_INVALID', '本部门的核查任务已结束，不能再查看完整证件号。');
  const member = app.form?.members[input.member];
  if (!member?.idNumberCipher)
    throw new AppError('INVALID_INPUT', '没有这位家庭成员的证件号。', { member: '没有这位家庭成员的证件号' });
  const at = ctx.rt.now().toISOString();
  await repo.logIdAccess({
    viewerUserId: user._id,
    householdId: app.householdId,
    reason: `${PARALLEL_DEPARTMENT_LABELS[department]}：核查${member.name}（${member.relation}），${input.reason}`,
    at,
  });
  return { idNumber: openIdNumber(member.idNumberCipher, ctx.rt.people.idKeys()), loggedAt: at };
}

// ——— telling the departments ———

/**
 * The housing department's final review has opened: every checker of each department with an unanswered
 * task is told in their inbox (and as a subscription message when they left a consent), opening their task
 * list, with the due date in words. Called after every move that leaves the application in the final review,
 * a retried one too, and by the daily timer (`day` set) for a task whose checkers were never told: the move's
 * message lost to a crash after the move stored, or a department that had no checker yet. The task records
 * what it was told for (`arrivalToldFor`, its start), so a told task costs nothing again; the outbox keeps one
 * message per task and checker (its dedupe key names the day the task was sent), so a crash between telling
 * and recording tells no one twice, and a case sent back by an objection is not announced again. The timer
 * leaves an overdue task to `tellOverdueDepartments`, whose message says all that is owed.
 */
export async function tellDepartmentsOfTasks(
  repo: ApplicationRepository,
  ctx: ServiceContext,
  app: ApplicationDoc,
  day: string | null = null,
): Promise<number> {
  if (app.status !== 'final_review') return 0;
  let told = 0;
  const recorded = new Map<string, string>();
  for (const task of app.departments ?? []) {
    if (task.answeredAt || task.arrivalToldFor === task.deadline.startOn) continue;
    if (day !== null && departmentOverdue(task.deadline.dueOn, false, day)) continue;
    const label = PARALLEL_DEPARTMENT_LABELS[task.department];
    const title = '收到部门核查任务';
    const body =
      `住房保障部门终审的一户申请需要${label}核查，请在${dateInWords(task.deadline.dueOn)}前答复。` +
      (task.deadline.provisional ? '当年节假日安排尚未录入，答复日期可能调整。' : '');
    const checkers = await repo.departmentCheckers(task.department);
    for (const checker of checkers) {
      await ctx.rt.messages.enqueue({
        toUserId: checker._id,
        template: 'general',
        title,
        body,
        dedupeKey: `department-task|${app._id}|${task.department}|${task.deadline.startOn}|${checker._id}`,
        fields: { title, body },
        link: { page: 'department-tasks', id: null },
      });
      told += 1;
    }
    // A department with no checker yet is not marked told: the timer tries again once one is invited.
    if (checkers.length > 0) recorded.set(task.department, task.deadline.startOn);
  }
  if (recorded.size > 0)
    await repo.runInTransaction(async (tx) => {
      const current = await tx.application(app._id);
      if (!current) return;
      await tx.updateApplication(current._id, {
        departments: (current.departments ?? []).map((d) =>
          recorded.get(d.department) === d.deadline.startOn
            ? { ...d, arrivalToldFor: d.deadline.startOn }
            : d,
        ),
      });
    });
  return told;
}

/**
 * The daily timer's part (惠州 链接2(3): overdue tasks are flagged): a department whose task is past its due
 * date unanswered is told once, every checker of it. The task records the due date it was told about
 * (`overdueToldFor`), so a rerun of the timer, the next day's run included, sends nothing and costs no
 * message writes; a crash between telling and recording is covered by the outbox's dedupe key. A due date
 * moved later (a holiday arrangement entered) and passed again is told again. Answers how many departments
 * were told.
 */
export async function tellOverdueDepartments(
  repo: ApplicationRepository,
  ctx: ServiceContext,
  app: ApplicationDoc,
  day: string,
): Promise<number> {
  if (app.status !== 'final_review') return 0;
  const due = (app.departments ?? []).filter(
    (d) =>
      departmentOverdue(d.deadline.dueOn, d.answeredAt !== null, day) &&
      d.overdueToldFor !== d.deadline.dueOn,
  );
  if (due.length === 0) return 0;
  for (const task of due) {
    const label = PARALLEL_DEPARTMENT_LABELS[task.department];
    const title = '部门核查任务已逾期';
    const body = `住房保障部门终审的一户申请，${label}核查应在${dateInWords(task.deadline.dueOn)}前答复，至今未答复，请尽快核查答复。`;
    for (const checker of await repo.departmentCheckers(task.department))
      await ctx.rt.messages.enqueue({
        toUserId: checker._id,
        template: 'general',
        title,
        body,
        dedupeKey: `department-overdue|${app._id}|${task.department}|${task.deadline.dueOn}|${checker._id}`,
        fields: { title, body },
        link: { page: 'department-tasks', id: null },
      });
  }
  // Record what was told, reading the application again (an answer may have landed meanwhile).
  await repo.runInTransaction(async (tx) => {
    const current = await tx.application(app._id);
    if (!current) return;
    const toldFor = new Map(due.map((d) => [d.department, d.deadline.dueOn]));
    await tx.updateApplication(current._id, {
      departments: (current.departments ?? []).map((d) =>
        toldFor.get(d.department) === d.deadline.dueOn ? { ...d, overdueToldFor: d.deadline.dueOn } : d,
      ),
    });
  });
  return due.length;
}
