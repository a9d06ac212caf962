import { COLLECTIONS } from '@shared/collections';
import type { ApplicationDoc, AuditDoc } from '../../../cloudfunctions/_runtime/documents';
import { makeApplication } from '../../factories/housing.factory';
import { addDepartmentCheckers, addReviewers } from '../../factories/application.factory';
import { addUser, openTestHost, type TestHost, type TestUser } from '../../factories/scenario.factory';

/**
 * Huizhou's parallel review (惠州 链接2(3)) from the departments' side: each department's checkers have their
 * own accounts (an office invitation names the department), see their department's open tasks by due date
 * with the overdue flagged and only the facts their check needs, and are the only ones who answer them.
 * Answers are audited, a retry is stored once, and a wrong state is refused in Chinese and changes nothing.
 * The clock: Monday 2026-11-16, 10:00 in Beijing.
 */
const NOW = '2026-11-16T02:00:00Z';
const PARALLEL = ['civil_affairs', 'public_security', 'real_estate', 'social_security'] as const;

function finalReview(id: string, householdId: string, dueOn: string, status: ApplicationDoc['status']) {
  return makeApplication({
    _id: id,
    householdId,
    projectId: '',
    status,
    form: {
      category: 'low_income',
      members: [
        {
          name: `户主${id}`,
          relation: '本人',
          idNumberCipher: 'sealed',
          idNumberMasked: '420106********1234',
          annualIncomeFen: 2_400_000,
        },
        {
          name: `配偶${id}`,
          relation: '配偶',
          idNumberCipher: 'sealed',
          idNumberMasked: '420106********5678',
          annualIncomeFen: 1_200_000,
        },
      ],
      housing: { ownedHomeAreaM2: 12.5, description: '租住私房' },
      employmentMonths: 30,
      documents: [],
    },
    departments: PARALLEL.map((department) => ({
      department,
      deadline: { startOn: '2026-11-02', workingDays: 7, dueOn, provisional: false },
      answeredAt: null,
      result: null,
      note: '',
    })),
  } as Partial<ApplicationDoc> & Pick<ApplicationDoc, '_id' | 'householdId' | 'projectId'>);
}

describe('department checkers answer their own parallel-review tasks', () => {
  let t: TestHost;
  let checkers: Awaited<ReturnType<typeof addDepartmentCheckers>>;
  let rv: Awaited<ReturnType<typeof addReviewers>>;
  let admin: TestUser;

  beforeEach(async () => {
    t = await openTestHost(NOW);
    checkers = await addDepartmentCheckers(t.db);
    rv = await addReviewers(t.db);
    admin = await addUser(t.db, { id: 'u-admin', roles: ['admin'], name: '住房办' });
    // Due later, due earlier (overdue on 11-16), and one no longer in the final review.
    for (const a of [
      finalReview('app-late', 'h-late', '2026-11-20', 'final_review'),
      finalReview('app-early', 'h-early', '2026-11-13', 'final_review'),
      finalReview('app-returned', 'h-returned', '2026-11-13', 'returned'),
    ]) {
      const { _id, ...body } = a;
      await t.db.collection(COLLECTIONS.applications).doc(_id).set(body);
    }
  });
  afterEach(() => t.close());

  const call = (who: TestUser, action: string, input: object = {}) =>
    t.call('allocation', who.openid, action, input);
  const audits = () => t.all<AuditDoc>(COLLECTIONS.auditLog, { action: 'application_department_answered' });
  const task = async (id: string, department: string) =>
    (await t.doc<ApplicationDoc>(COLLECTIONS.applications, id))!.departments!.find(
      (d) => d.department === department,
    )!;

  it("a checker's queue holds their department's open tasks, soonest due first, the overdue flagged", async () => {
    const res = await call(checkers.civil_affairs, 'departmentTasks');
    expect(res.ok).toBe(true);
    expect(res.data.map((r: { applicationId: string }) => r.applicationId)).toEqual([
      'app-early',
      'app-late',
    ]);
    expect(res.data.map((r: { overdue: boolean }) => r.overdue)).toEqual([true, false]);
    expect(res.data[0]).toMatchObject({ department: 'civil_affairs', dueOn: '2026-11-13' });
  });

  it('each department sees only what its check needs: incomes for civil affairs, not for the others', async () => {
    const civil = (await call(checkers.civil_affairs, 'departmentTasks')).data[0];
    const estate = (await call(checkers.real_estate, 'departmentTasks')).data[0];
    const police = (await call(checkers.public_security, 'departmentTasks')).data[0];
    expect(civil.facts.map((f: { label: string }) => f.label).join()).toContain('收入');
    expect(estate.facts).toContainEqual({ label: '自有住房面积', value: '12.5 平方米' });
    for (const other of [estate, police]) {
      expect(JSON.stringify(other.facts)).not.toContain('收入');
      expect(JSON.stringify(other)).not.toMatch(/24000|元/);
    }
    // ID numbers are masked for every department (§6).
    expect(civil.members[0]).toEqual({
      name: '户主app-early',
      relation: '本人',
      idNumberMasked: '420106********1234',
    });
  });

  it('only the department answers its task: the housing reviewer, another stage and the office are refused', async () => {
    const input = { applicationId: 'app-early', result: 'clear', note: '' };
    for (const who of [rv.housing, rv.community, admin]) {
      const res = await call(who, 'answerDepartmentTask', input);
      expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect((await call(who, 'departmentTasks')).error.code).toBe('NOT_FOUND');
    }
    // A checker whose account names no department sees and answers nothing.
    const loose = await addUser(t.db, { id: 'u-loose', roles: ['department_reviewer'] });
    expect((await call(loose, 'answerDepartmentTask', input)).error.code).toBe('NOT_FOUND');
    expect((await task('app-early', 'civil_affairs')).answeredAt).toBeNull();
    expect(await audits()).toHaveLength(0);
  });

  it('an answer is audited and stored once on a retry; a changed answer or a wrong state is refused in Chinese', async () => {
    const answer = { applicationId: 'app-early', result: 'issue', note: '该户配偶领取失业保险金未申报' };
    const noFinding = await call(checkers.civil_affairs, 'answerDepartmentTask', { ...answer, note: '' });
    expect(noFinding).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(noFinding.error.message).toBe('请写明核查发现的问题。');
    expect((await task('app-early', 'civil_affairs')).answeredAt).toBeNull();

    const first = await call(checkers.civil_affairs, 'answerDepartmentTask', answer);
    expect(first).toMatchObject({ ok: true, data: { result: 'issue', note: answer.note, overdue: false } });
    const retry = await call(checkers.civil_affairs, 'answerDepartmentTask', answer);
    expect(retry.data.answeredAt).toBe(first.data.answeredAt);
    const stored = await task('app-early', 'civil_affairs');
    expect(stored).toMatchObject({ result: 'issue', answeredBy: 'u-dept-civil-affairs' });
    const trail = await audits();
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ entityId: 'app-early', actorUserId: 'u-dept-civil-affairs' });
    expect(trail[0]!.detail).toContain('有异常');
    // The other departments' tasks are untouched, and the answered task has left the queue.
    expect((await task('app-early', 'real_estate')).answeredAt).toBeNull();
    expect(
      (await call(checkers.civil_affairs, 'departmentTasks')).data.map(
        (r: { applicationId: string }) => r.applicationId,
      ),
    ).toEqual(['app-late']);

    const changed = await call(checkers.civil_affairs, 'answerDepartmentTask', {
      applicationId: 'app-early',
      result: 'clear',
      note: '',
    });
    expect(changed).toMatchObject({ ok: false, error: { code: 'STATE_INVALID' } });
    expect(changed.error.message).toContain('答复不能更改');
    expect((await task('app-early', 'civil_affairs')).result).toBe('issue');

    const moved = await call(checkers.civil_affairs, 'answerDepartmentTask', {
      applicationId: 'app-returned',
      result: 'clear',
      note: '',
    });
    expect(moved).toMatchObject({ ok: false, error: { code: 'STATE_INVALID' } });
    expect(moved.error.message).toContain('不在住房保障部门终审中');
    expect((await task('app-returned', 'civil_affairs')).answeredAt).toBeNull();
    expect(await audits()).toHaveLength(1);
  });
});

describe('the office invites a department checker as it invites other staff', () => {
  let t: TestHost;
  beforeEach(async () => {
    t = await openTestHost(NOW);
  });
  afterEach(() => t.close());

  it('the invitation names the department, and accepting it gives the role and the department', async () => {
    const admin = await addUser(t.db, { id: 'u-admin', roles: ['admin'], name: '住房办' });
    const invite = (input: object) =>
      t.call('account', admin.openid, 'createInvitation', {
        role: 'department_reviewer',
        projectIds: [],
        note: '',
        clientRequestId: 'invite-dept-0001',
        ...input,
      });
    const noDepartment = await invite({});
    expect(noDepartment).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(noDepartment.error.fields).toEqual({ department: '请选择核查部门' });
    const wrongRole = await invite({ role: 'street_reviewer', department: 'real_estate' });
    expect(wrongRole.error.fields).toEqual({ department: '只有部门核查人员需要选择部门' });
    expect(await t.count(COLLECTIONS.invitations)).toBe(0);

    const made = await invite({ department: 'real_estate' });
    expect(made).toMatchObject({
      ok: true,
      data: { roleLabel: '部门核查', departmentLabel: '不动产登记部门（住房）' },
    });
    const newcomer = await addUser(t.db, { id: 'u-newcomer', roles: [], name: '李审' });
    const accepted = await t.call('account', newcomer.openid, 'acceptInvitation', { code: made.data.code });
    expect(accepted).toMatchObject({ ok: true, data: { roles: ['department_reviewer'] } });
    expect(await t.doc(COLLECTIONS.users, 'u-newcomer')).toMatchObject({ department: 'real_estate' });
    const staff = await t.call('account', admin.openid, 'staff');
    expect(staff.data).toContainEqual(
      expect.objectContaining({ userId: 'u-newcomer', departmentLabel: '不动产登记部门（住房）' }),
    );

    // A second department's invitation is refused: one department per checker.
    const other = await invite({ department: 'civil_affairs', clientRequestId: 'invite-dept-0002' });
    const refused = await t.call('account', newcomer.openid, 'acceptInvitation', { code: other.data.code });
    expect(refused).toMatchObject({ ok: false, error: { code: 'STATE_INVALID' } });
    expect(refused.error.message).toContain('每人只能负责一个部门');
    expect(await t.doc(COLLECTIONS.users, 'u-newcomer')).toMatchObject({ department: 'real_estate' });

    // Revoking the role takes the department with it.
    await t.call('account', admin.openid, 'revokeRole', {
      userId: 'u-newcomer',
      role: 'department_reviewer',
    });
    expect(await t.doc(COLLECTIONS.users, 'u-newcomer')).toMatchObject({ roles: [], department: null });
  });
});
