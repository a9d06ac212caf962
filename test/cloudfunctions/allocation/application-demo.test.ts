import { openTestHost, type TestHost } from '../../factories/scenario.factory';

/**
 * The demo district holds applications at every stage of 三审三公示, and the personas see what their
 * descriptions say: the applicant in review sees the return, 郭娜 the approval, each reviewer their own queue.
 */
describe('demo applications', () => {
  let t: TestHost;
  beforeAll(async () => {
    t = await openTestHost('2026-11-30T02:00:00Z', { seedDemo: true });
  }, 60_000);
  afterAll(() => t.close());
  const call = (openid: string, action: string, input: object = {}) =>
    t.call('allocation', openid, action, input);

  it('the civil-affairs checker (周丽) has open tasks, one of them overdue', async () => {
    const tasks = (await call('demo-department-civil', 'departmentTasks')).data as {
      applicationId: string;
      overdue: boolean;
      members: { name: string; relation: string; idNumberMasked: string }[];
    }[];
    expect(tasks.length).toBeGreaterThanOrEqual(2);
    expect(tasks.filter((task) => task.overdue).length).toBeGreaterThanOrEqual(1);
    expect(tasks.some((task) => !task.overdue)).toBe(true);
    // Each as submitted: its members named, with masked ID numbers the checker may see whole, logged.
    for (const task of tasks) {
      expect(task.members[0]).toMatchObject({ relation: '本人' });
      for (const m of task.members) expect(m.idNumberMasked).toMatch(/^\d{6}\*+\d{3}[\dX]$/);
    }
    const whole = await call('demo-department-civil', 'revealMemberIdNumber', {
      applicationId: tasks[0]!.applicationId,
      member: tasks[0]!.members.length - 1,
      reason: '核对低保记录',
    });
    expect(whole.data.idNumber).toMatch(/^\d{17}[\dX]$/);
  });

  it('holds applications at each stage, each reviewer seeing their own', async () => {
    const office = (await call('demo-admin', 'reviewQueue')).data as {
      status: string;
      overdueDepartments: number;
    }[];
    const states = new Set(office.map((r) => r.status));
    for (const s of [
      'initial_review',
      'initial_notice',
      'second_review',
      'second_notice',
      'final_review',
      'final_notice',
      'returned',
      'rejected',
      're_review',
      'withdrawn',
      'approved',
    ])
      expect([s, states.has(s)]).toEqual([s, true]);
    const community = (await call('demo-reviewer-community', 'reviewQueue')).data as { status: string }[];
    expect(new Set(community.map((r) => r.status))).toEqual(new Set(['initial_review', 'initial_notice']));
    const housing = (await call('demo-reviewer-housing', 'reviewQueue', { status: 'final_review' })).data as {
      overdueDepartments: number;
    }[];
    expect(housing.some((r) => r.overdueDepartments > 0)).toBe(true);
    const notices = (await call('demo-tenant', 'reviewNotices')).data as { entries: unknown[] }[];
    expect(notices.every((n) => n.entries.length > 0)).toBe(true);
    expect((await call('demo-reviewer-housing', 'waitlist')).data.length).toBeGreaterThan(100);
  });

  it('the applicant personas see what their descriptions say', async () => {
    expect((await call('demo-applicant-review', 'myApplicationProgress')).data).toMatchObject({
      status: 'returned',
      canResubmit: true,
      returned: { missing: ['近6个月收入证明'] },
    });
    expect((await call('demo-applicant', 'myApplicationProgress')).data).toMatchObject({
      status: 'approved',
    });
  });
});
