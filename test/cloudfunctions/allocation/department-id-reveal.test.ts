import { COLLECTIONS } from '@shared/collections';
import { sealIdNumber } from '../../../cloudfunctions/_runtime/id-number';
import type { ApplicationDoc, IdAccessDoc } from '../../../cloudfunctions/_runtime/documents';
import { addDepartmentCheckers, addReviewers } from '../../factories/application.factory';
import { makeApplication } from '../../factories/housing.factory';
import { addUser, openTestHost, type TestHost, type TestUser } from '../../factories/scenario.factory';

/**
 * A department checker finds a member's records by the whole ID number (惠州 链接2(3): each department checks in
 * its own system); the task row shows it masked (个人信息保护法 第六条). The whole number is shown only to the
 * department's own checkers, while its task is open, for a stated reason, logged before it is shown in the
 * same record the office reads for its own views.
 */
const NOW = '2026-11-16T02:00:00Z';
const PARALLEL = ['civil_affairs', 'public_security', 'real_estate', 'social_security'] as const;
const SPOUSE = '420106199001015678';

describe('a department checker sees a member’s whole ID number for its open task, logged', () => {
  let t: TestHost;
  let checkers: Awaited<ReturnType<typeof addDepartmentCheckers>>;
  let admin: TestUser;

  async function put(id: string, status: ApplicationDoc['status'], answered: readonly string[] = []) {
    const keys = t.host.runtime.people.idKeys();
    const seal = (n: string) => {
      const { idNumberCipher, idNumberMasked } = sealIdNumber(n, keys);
      return { idNumberCipher, idNumberMasked };
    };
    const { _id, ...body } = makeApplication({
      _id: id,
      householdId: `h-${id}`,
      projectId: '',
      status,
      form: {
        category: 'low_income',
        members: [
          { name: '王芳', relation: '本人', ...seal('420106198502021234'), annualIncomeFen: 2_400_000 },
          { name: '李强', relation: '配偶', ...seal(SPOUSE), annualIncomeFen: 1_200_000 },
        ],
        housing: { ownedHomeAreaM2: 0, description: '租住私房' },
        employmentMonths: 30,
        documents: [],
      },
      departments: PARALLEL.map((department) => ({
        department,
        deadline: { startOn: '2026-11-09', workingDays: 7, dueOn: '2026-11-18', provisional: false },
        answeredAt: answered.includes(department) ? '2026-11-12T02:00:00.000Z' : null,
        result: answered.includes(department) ? ('clear' as const) : null,
        note: '',
      })),
    } as Partial<ApplicationDoc> & Pick<ApplicationDoc, '_id' | 'householdId' | 'projectId'>);
    await t.db.collection(COLLECTIONS.applications).doc(_id).set(body);
  }

  beforeEach(async () => {
    t = await openTestHost(NOW);
    checkers = await addDepartmentCheckers(t.db);
    await addReviewers(t.db);
    admin = await addUser(t.db, { id: 'u-admin', roles: ['admin'], name: '住房办' });
    await put('app-open', 'final_review', ['civil_affairs']);
    await put('app-done', 'approved');
  });
  afterEach(() => t.close());

  const reveal = (who: TestUser, input: object) =>
    t.call('allocation', who.openid, 'revealMemberIdNumber', input);
  const log = () => t.all<IdAccessDoc>(COLLECTIONS.idAccessLog);

  it('shows the whole number and logs who, whose, why and when; the office reads it in its record', async () => {
    const res = await reveal(checkers.public_security, {
      applicationId: 'app-open',
      member: 1,
      reason: '核对户籍记录',
    });
    expect(res.ok).toBe(true);
    expect(res.data).toEqual({ idNumber: SPOUSE, loggedAt: '2026-11-16T02:00:00.000Z' });
    const entries = await log();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      viewerUserId: checkers.public_security.userId,
      householdId: 'h-app-open',
      at: '2026-11-16T02:00:00.000Z',
    });
    expect(entries[0]!.reason).toBe('公安部门（户籍、身份）：核查李强（配偶），核对户籍记录');
    const office = await t.call('account', admin.openid, 'idAccessLog', {});
    expect(office.ok).toBe(true);
    expect(JSON.stringify(office.data)).toContain('公安部门（户籍、身份）：核查李强（配偶），核对户籍记录');
  });

  it('is refused, logging nothing, once the task is answered, off the final review, or without a reason', async () => {
    const answered = await reveal(checkers.civil_affairs, {
      applicationId: 'app-open',
      member: 0,
      reason: '核对',
    });
    expect(answered.error).toMatchObject({ code: 'STATE_INVALID' });
    expect(answered.error.message).toContain('核查任务已结束');
    const done = await reveal(checkers.real_estate, {
      applicationId: 'app-done',
      member: 0,
      reason: '核对房产',
    });
    expect(done.error.code).toBe('STATE_INVALID');
    for (const bad of [
      { applicationId: 'app-open', member: 0, reason: ' ' },
      { applicationId: 'app-open', member: 0 },
      { applicationId: 'app-open', member: -1, reason: '核对' },
      { applicationId: 'app-open', member: 0, reason: 'x'.repeat(101) },
    ]) {
      const res = await reveal(checkers.real_estate, bad);
      expect(res.error.code).toBe('INVALID_INPUT');
      expect(res.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const missing = await reveal(checkers.real_estate, {
      applicationId: 'app-open',
      member: 5,
      reason: '核对房产',
    });
    expect(missing.error).toMatchObject({ code: 'INVALID_INPUT', message: '没有这位家庭成员的证件号。' });
    expect(await log()).toHaveLength(0);
  });

  it('nobody but a department’s checker sees it: not the office’s reviewers, not a checker without a department', async () => {
    const noDepartment = await addUser(t.db, { id: 'u-dept-none', roles: ['department_reviewer'] });
    const reviewer = await addUser(t.db, { id: 'u-rv-x', roles: ['housing_reviewer'] });
    for (const who of [noDepartment, reviewer, admin]) {
      const res = await reveal(who, { applicationId: 'app-open', member: 0, reason: '核对户籍记录' });
      expect(res.ok).toBe(false);
      expect(['NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED']).toContain(res.error.code);
    }
    const unknown = await reveal(checkers.public_security, {
      applicationId: 'app-nope',
      member: 0,
      reason: '核对',
    });
    expect(unknown.error.code).toBe('NOT_FOUND');
    expect(await log()).toHaveLength(0);
  });
});
