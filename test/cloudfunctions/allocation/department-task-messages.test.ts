import { COLLECTIONS } from '@shared/collections';
import type { SandboxSentDoc } from '../../../cloudfunctions/_local/sandbox-notify.adapter';
import { createLocalHost } from '../../../cloudfunctions/_local/local-host';
import type { ApplicationDoc } from '../../../cloudfunctions/_runtime/documents';
import { fetchAll } from '../../../cloudfunctions/_runtime/fetch-all';
import type { MessageDoc } from '../../../cloudfunctions/_runtime/message.documents';
import type { SubscribeSendRequest } from '../../../cloudfunctions/_runtime/notify.port';
import { addDepartmentCheckers, addReviewers } from '../../factories/application.factory';
import { makeApplication } from '../../factories/housing.factory';
import { addUser, openTestHost, type TestHost, type TestUser } from '../../factories/scenario.factory';

/**
 * Huizhou's parallel review (惠州 链接2(3)) tells the departments: when an application enters the housing
 * department's final review, every checker of each department gets a message (inbox, and a subscription
 * message with a consent left) opening their task list with the due date in words, once however often the
 * move is retried; the daily timer `daily-review-notices` tells a department once when its task goes overdue,
 * however often it runs. The clock: Monday 2026-11-30, 10:00 in Beijing; 7 working days out is Wednesday
 * 2026-12-09.
 */
const PARALLEL = ['civil_affairs', 'public_security', 'real_estate', 'social_security'] as const;

async function put(t: TestHost, app: ApplicationDoc) {
  const { _id, ...body } = app;
  await t.db.collection(COLLECTIONS.applications).doc(_id).set(body);
}

function inFinalReview(
  id: string,
  dueOn: string,
  answered: readonly string[],
  arrivalToldFor: string | null = '2026-11-18',
) {
  return makeApplication({
    _id: id,
    householdId: `h-${id}`,
    projectId: '',
    status: 'final_review',
    departments: PARALLEL.map((department) => ({
      department,
      deadline: { startOn: '2026-11-18', workingDays: 7, dueOn, provisional: false },
      answeredAt: answered.includes(department) ? '2026-11-20T02:00:00.000Z' : null,
      result: answered.includes(department) ? ('clear' as const) : null,
      note: '',
      arrivalToldFor,
    })),
  } as Partial<ApplicationDoc> & Pick<ApplicationDoc, '_id' | 'householdId' | 'projectId'>);
}

describe('departments are told of their parallel-review tasks', () => {
  let t: TestHost;
  let checkers: Awaited<ReturnType<typeof addDepartmentCheckers>>;
  let rv: Awaited<ReturnType<typeof addReviewers>>;
  let secondCivil: TestUser;
  let noDepartment: TestUser;

  beforeEach(async () => {
    t = await openTestHost('2026-11-30T02:00:00Z');
    checkers = await addDepartmentCheckers(t.db);
    rv = await addReviewers(t.db);
    secondCivil = await addUser(t.db, { id: 'u-dept-civil-2', roles: ['department_reviewer'] });
    await t.db.collection(COLLECTIONS.users).doc('u-dept-civil-2').update({ department: 'civil_affairs' });
    // A checker whose invitation named no department hears of no department's task.
    noDepartment = await addUser(t.db, { id: 'u-dept-none', roles: ['department_reviewer'] });
    // The civil-affairs checker has a subscription consent left for general notices.
    await t.db.collection(COLLECTIONS.messageConsents).doc(`${checkers.civil_affairs.userId}|general`).set({
      userId: checkers.civil_affairs.userId,
      kind: 'general',
      remaining: 3,
      requests: [],
      updatedAt: '2026-11-29T02:00:00.000Z',
    });
  });
  afterEach(() => t.close());

  const messagesTo = (userId: string, title: string) =>
    t.all<MessageDoc>(COLLECTIONS.outbox, { toUserId: userId, title });
  const wechat = async () =>
    (await t.all<SandboxSentDoc>(COLLECTIONS.sandboxOutbound, { channel: 'wechat', accepted: true })).map(
      (d) => d.request as SubscribeSendRequest,
    );
  const everyChecker = () => [...PARALLEL.map((d) => checkers[d]), secondCivil];

  it('entering the final review tells every checker of every department once, with the due date in words', async () => {
    await put(
      t,
      makeApplication({
        _id: 'app-1',
        householdId: 'h-1',
        projectId: '',
        status: 'second_notice',
        notice: { state: 'second_notice', startsOn: '2026-11-18', endsOn: '2026-11-27' },
        objections: [],
      }),
    );
    const close = () =>
      t.call('allocation', rv.street.openid, 'closeReviewNotice', { applicationId: 'app-1' });
    const first = await close();
    expect(first.ok).toBe(true);
    expect(first.data.status).toBe('final_review');
    const stored = (await t.doc<ApplicationDoc>(COLLECTIONS.applications, 'app-1'))!;
    expect(stored.departments!.map((d) => d.deadline.dueOn)).toEqual(PARALLEL.map(() => '2026-12-09'));
    expect(stored.departments!.map((d) => d.arrivalToldFor)).toEqual(PARALLEL.map(() => '2026-11-30'));
    // A retried tap (a lost answer) tells no one again; the stage is no longer the street's, so it is refused.
    const retried = await close();
    expect(retried.ok).toBe(false);
    expect(retried.error.message).toMatch(/[\u4e00-\u9fa5]/);
    // The housing reviewer closing it again (a wrong tap) is refused too and tells no one.
    await t.call('allocation', rv.housing.openid, 'closeReviewNotice', { applicationId: 'app-1' });
    expect((await t.doc<ApplicationDoc>(COLLECTIONS.applications, 'app-1'))!.status).toBe('final_review');

    for (const checker of everyChecker()) {
      const mine = await messagesTo(checker.userId, '收到部门核查任务');
      expect(mine).toHaveLength(1);
      expect(mine[0]!.link).toEqual({ page: 'department-tasks', id: null });
      expect(mine[0]!.body).toContain('2026年12月9日');
      expect(mine[0]!.body).not.toMatch(/app-1|2026-12-09/);
    }
    expect((await messagesTo(checkers.real_estate.userId, '收到部门核查任务'))[0]!.body).toContain(
      '不动产登记',
    );
    const inbox = await t.call('message', checkers.public_security.openid, 'inbox', {});
    expect(inbox.ok).toBe(true);
    expect(JSON.stringify(inbox.data)).toContain('收到部门核查任务');
    // Not the checker without a department, not the office's reviewers.
    for (const other of [noDepartment, rv.street, rv.housing])
      expect(await t.all<MessageDoc>(COLLECTIONS.outbox, { toUserId: other.userId })).toHaveLength(0);
    // The one with a consent got one subscription message, opening the task list.
    const sent = await wechat();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      touser: checkers.civil_affairs.openid,
      page: 'pages/department-tasks/index',
    });
  });

  it('the daily timer closing the notice tells the departments too, once across reruns', async () => {
    await put(
      t,
      makeApplication({
        _id: 'app-2',
        householdId: 'h-2',
        projectId: '',
        status: 'second_notice',
        notice: { state: 'second_notice', startsOn: '2026-11-18', endsOn: '2026-11-27' },
        objections: [],
      }),
    );
    expect((await t.trigger('allocation', 'daily-review-notices')).ok).toBe(true);
    expect((await t.doc<ApplicationDoc>(COLLECTIONS.applications, 'app-2'))!.status).toBe('final_review');
    t.clock.advance(24 * 3600 * 1000);
    expect((await t.trigger('allocation', 'daily-review-notices')).ok).toBe(true);
    for (const checker of everyChecker())
      expect(await messagesTo(checker.userId, '收到部门核查任务')).toHaveLength(1);
  });

  describe('a task whose checkers were never told', () => {
    const arrivedTo = (u: TestUser) => messagesTo(u.userId, '收到部门核查任务');

    it('the daily timer tells them once (a message lost to a crash after the move stored)', async () => {
      // Entered the final review on 11-26, due 12-07; the move's messages never went out.
      await put(t, inFinalReview('app-lost', '2026-12-07', ['civil_affairs'], null));
      expect((await t.trigger('allocation', 'daily-review-notices')).ok).toBe(true);
      for (const d of ['public_security', 'real_estate', 'social_security'] as const) {
        const told = await arrivedTo(checkers[d]);
        expect(told).toHaveLength(1);
        expect(told[0]!.body).toContain('2026年12月7日');
      }
      // Civil affairs has answered: nothing to tell it.
      expect(await arrivedTo(checkers.civil_affairs)).toHaveLength(0);
      const stored = (await t.doc<ApplicationDoc>(COLLECTIONS.applications, 'app-lost'))!;
      expect(stored.departments!.filter((d) => d.arrivalToldFor === '2026-11-18')).toHaveLength(3);
      // Reruns, the same day and the next, send nothing more.
      const outbox = await t.count(COLLECTIONS.outbox);
      await t.trigger('allocation', 'daily-review-notices');
      t.clock.advance(24 * 3600 * 1000);
      await t.trigger('allocation', 'daily-review-notices');
      expect(await t.count(COLLECTIONS.outbox)).toBe(outbox);
    });

    it('a crash between telling and recording tells no one twice', async () => {
      await put(t, inFinalReview('app-lost', '2026-12-07', [], null));
      await t.trigger('allocation', 'daily-review-notices');
      const outbox = await t.count(COLLECTIONS.outbox);
      expect(outbox).toBe(5); // two civil-affairs checkers, one of each other department
      await put(t, inFinalReview('app-lost', '2026-12-07', [], null)); // the records are gone
      await t.trigger('allocation', 'daily-review-notices');
      expect(await t.count(COLLECTIONS.outbox)).toBe(outbox);
    });

    it('a department with no checker yet hears of it once one is invited', async () => {
      await t.db.collection(COLLECTIONS.users).doc(checkers.real_estate.userId).remove();
      await put(t, inFinalReview('app-lost', '2026-12-07', [], null));
      await t.trigger('allocation', 'daily-review-notices');
      const stored = (await t.doc<ApplicationDoc>(COLLECTIONS.applications, 'app-lost'))!;
      expect(stored.departments!.find((d) => d.department === 'real_estate')!.arrivalToldFor).toBeNull();
      const late = await addUser(t.db, { id: 'u-dept-estate-late', roles: ['department_reviewer'] });
      await t.db.collection(COLLECTIONS.users).doc(late.userId).update({ department: 'real_estate' });
      t.clock.advance(24 * 3600 * 1000);
      await t.trigger('allocation', 'daily-review-notices');
      expect(await arrivedTo(late)).toHaveLength(1);
      expect(await arrivedTo(checkers.public_security)).toHaveLength(1);
    });

    it('an overdue one gets only the overdue message, which says what is owed', async () => {
      await put(t, inFinalReview('app-lost', '2026-11-27', [], null));
      await t.trigger('allocation', 'daily-review-notices');
      expect(await arrivedTo(checkers.public_security)).toHaveLength(0);
      expect(await messagesTo(checkers.public_security.userId, '部门核查任务已逾期')).toHaveLength(1);
    });
  });

  describe('an overdue task', () => {
    const overdueTo = (u: TestUser) => messagesTo(u.userId, '部门核查任务已逾期');

    beforeEach(async () => {
      // Due last Friday, civil affairs answered; and one due next week.
      await put(t, inFinalReview('app-due', '2026-11-27', ['civil_affairs']));
      await put(t, inFinalReview('app-later', '2026-12-04', []));
    });

    it('tells each department still owing an answer once, across reruns and days', async () => {
      const run = await t.trigger('allocation', 'daily-review-notices');
      expect(run.ok).toBe(true);
      for (const d of ['public_security', 'real_estate', 'social_security'] as const) {
        const told = await overdueTo(checkers[d]);
        expect(told).toHaveLength(1);
        expect(told[0]!.body).toContain('2026年11月27日');
        expect(told[0]!.link).toEqual({ page: 'department-tasks', id: null });
      }
      // Civil affairs answered; its checkers hear nothing.
      expect(await overdueTo(checkers.civil_affairs)).toHaveLength(0);
      expect(await overdueTo(secondCivil)).toHaveLength(0);
      const stored = (await t.doc<ApplicationDoc>(COLLECTIONS.applications, 'app-due'))!;
      expect(stored.departments!.filter((d) => d.overdueToldFor === '2026-11-27')).toHaveLength(3);

      const outbox = await t.count(COLLECTIONS.outbox);
      await t.trigger('allocation', 'daily-review-notices'); // the same day again
      t.clock.advance(24 * 3600 * 1000);
      await t.trigger('allocation', 'daily-review-notices'); // the next day
      expect(await t.count(COLLECTIONS.outbox)).toBe(outbox);

      // Next week the other application's tasks pass their date: each department told once for it.
      t.clock.set('2026-12-07T00:30:00Z');
      await t.trigger('allocation', 'daily-review-notices');
      expect(await overdueTo(checkers.civil_affairs)).toHaveLength(1);
      expect(await overdueTo(checkers.public_security)).toHaveLength(2);
    });

    it('a run that stopped before recording what it told sends nothing twice on the rerun', async () => {
      await t.trigger('allocation', 'daily-review-notices');
      const outbox = await t.count(COLLECTIONS.outbox);
      expect(outbox).toBe(3);
      // As if the slice had stopped between telling and recording: the records are gone.
      const stored = (await t.doc<ApplicationDoc>(COLLECTIONS.applications, 'app-due'))!;
      await t.db
        .collection(COLLECTIONS.applications)
        .doc('app-due')
        .update({ departments: stored.departments!.map((d) => ({ ...d, overdueToldFor: null })) });
      t.clock.advance(24 * 3600 * 1000);
      await t.trigger('allocation', 'daily-review-notices');
      expect(await t.count(COLLECTIONS.outbox)).toBe(outbox);
      const again = (await t.doc<ApplicationDoc>(COLLECTIONS.applications, 'app-due'))!;
      expect(again.departments!.filter((d) => d.overdueToldFor === '2026-11-27')).toHaveLength(3);
    });

    it('a due date moved later and passed again is told again', async () => {
      await t.trigger('allocation', 'daily-review-notices');
      const stored = (await t.doc<ApplicationDoc>(COLLECTIONS.applications, 'app-due'))!;
      await t.db
        .collection(COLLECTIONS.applications)
        .doc('app-due')
        .update({
          departments: stored.departments!.map((d) => ({
            ...d,
            deadline: { ...d.deadline, dueOn: '2026-12-02' },
          })),
        });
      t.clock.set('2026-12-01T00:30:00Z');
      await t.trigger('allocation', 'daily-review-notices');
      expect(await overdueTo(checkers.real_estate)).toHaveLength(1);
      t.clock.set('2026-12-03T00:30:00Z');
      await t.trigger('allocation', 'daily-review-notices');
      const told = await overdueTo(checkers.real_estate);
      expect(told).toHaveLength(2);
      expect(told.some((m) => m.body.includes('2026年12月2日'))).toBe(true);
    });
  });

  it('a run forced into many slices (budget 0) tells each department of each overdue task once', async () => {
    const sliced = await createLocalHost({
      dataFile: ':memory:',
      now: () => new Date('2026-11-30T00:30:00Z'),
      jobSliceBudgetMs: 0,
    });
    try {
      const db = sliced.runtime.db;
      const mine = await addDepartmentCheckers(db);
      for (let i = 0; i < 25; i += 1) {
        const { _id, ...body } = inFinalReview(`app-${String(i).padStart(3, '0')}`, '2026-11-27', []);
        await db.collection(COLLECTIONS.applications).doc(_id).set(body);
      }
      const first = await sliced.trigger('allocation', 'daily-review-notices');
      expect(first).toMatchObject({ ok: true, unfinished: true });
      const rest = await sliced.runTimer('allocation', 'daily-review-notices');
      expect(rest.result).toMatchObject({ ok: true, data: { departmentsOverdue: 25 * 4 } });
      expect(rest.slices).toBe(2); // batches of 10, 10 and 5 applications: three slices in all
      for (const d of PARALLEL) {
        const told = await fetchAll<MessageDoc>(db, COLLECTIONS.outbox, {
          toUserId: mine[d].userId,
          title: '部门核查任务已逾期',
        });
        expect(told).toHaveLength(25);
      }
      const again = await sliced.trigger('allocation', 'daily-review-notices');
      expect(again.unfinished).toBeUndefined();
      expect((await fetchAll<MessageDoc>(db, COLLECTIONS.outbox, {})).length).toBe(25 * 4);
    } finally {
      sliced.close();
    }
  }, 60_000);
});
