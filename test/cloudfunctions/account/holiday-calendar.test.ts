import { COLLECTIONS } from '@shared/collections';
import type { HolidayCalendarResult, MeResult, MyApplication } from '@shared/contracts';
import type { Envelope } from '@shared/errors';
import { createLocalHost, type LocalHost } from '../../../cloudfunctions/_local/local-host';
import type { ApplicationDoc } from '../../../cloudfunctions/_runtime/documents';
import { addEligibleApplicants, type Applicant } from '../../factories/applicant.factory';
import { makeApplication } from '../../factories/housing.factory';

/**
 * The office's holiday calendar and the deadlines it decides (乌兰察布 第十三条第二款: 复核 answered within
 * 15 working days). Each test builds its own district: an admin and three refused applicants.
 */
const ADMIN = 'openid-admin';
const ENTRY_2027 = {
  year: 2027,
  holidays: [
    { date: '2027-01-01', name: '元旦' },
    { date: '2027-01-04', name: '元旦' },
  ],
  workdays: ['2027-01-09'],
  noticeRef: '国办发明电〔2026〕12号',
};

let clock = new Date('2026-12-20T02:00:00Z'); // 2026-12-20 10:00 Beijing, a Sunday
let host: LocalHost;
let applicants: Applicant[];

beforeEach(async () => {
  clock = new Date('2026-12-20T02:00:00Z');
  host = await createLocalHost({ dataFile: ':memory:', seed: false, now: () => clock });
  const db = host.runtime.db;
  await db
    .collection(COLLECTIONS.users)
    .add({ openid: ADMIN, name: '赵磊', roles: ['admin'], createdAt: '' });
  applicants = await addEligibleApplicants(db, 3, 'rr');
  for (const [i, a] of applicants.entries()) {
    const { _id, ...app } = makeApplication({
      _id: `app-${i}`,
      householdId: a.householdId,
      projectId: 'p1',
      status: i < 2 ? 'rejected' : 'second_review',
    });
    await db.collection(COLLECTIONS.applications).doc(_id).set(app);
  }
});
afterEach(() => host.close());

async function call<T>(openid: string, action: string, payload: object = {}): Promise<Envelope<T>> {
  return (await host.invoke('account', { action, ...payload }, { openid })) as Envelope<T>;
}
async function ok<T>(openid: string, action: string, payload: object = {}): Promise<T> {
  const res = await call<T>(openid, action, payload);
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.data;
}
const stored = async (id: string) =>
  (await host.runtime.db.collection(COLLECTIONS.applications).doc(id).get()).data[0] as ApplicationDoc;
const snapshot = async () =>
  JSON.stringify(
    await Promise.all(
      [COLLECTIONS.holidayCalendars, COLLECTIONS.applications, COLLECTIONS.auditLog].map(
        async (c) => (await host.runtime.db.collection(c).limit(1000).get()).data,
      ),
    ),
  );

describe('复核 deadlines across 2026-12-31 (Ulanqab Art.13 second paragraph)', () => {
  it('without 2027 data the deadline is counted Monday–Friday and marked provisional', async () => {
    const app = await ok<MyApplication>(applicants[0]!.openid, 'requestReReview', { reason: '收入已下降' });
    expect(app?.reReview).toMatchObject({ dueOn: '2027-01-08', provisional: true, status: 'pending' });
    // The local host runs Wuchang's rules: the 15 days are that district's setting, never Ulanqab's clause.
    expect(app?.reReview).toMatchObject({
      workingDays: 15,
      clause: expect.stringMatching(/^运营方设定（复核时限/),
    });
    expect(JSON.stringify(app)).not.toContain('乌兰察布');
    expect(app?.canRequestReReview).toBe(false);
    // The stages it went through and the refusal, none it never reached.
    expect(app?.stages.map((st) => st.state)).toEqual([
      'submitted',
      'initial_review',
      'initial_notice',
      'second_review',
      'second_notice',
      'final_review',
      'rejected',
    ]);
    expect(app?.stages.at(-1)).toMatchObject({ state: 'rejected', current: true });
    expect((await stored('app-0')).reReview?.deadline).toEqual({
      startOn: '2026-12-20',
      workingDays: 15,
      dueOn: '2027-01-08',
      provisional: true,
    });
  });

  it('with the office’s 2027 entry it is exact from the start', async () => {
    await ok(ADMIN, 'saveHolidayCalendar', ENTRY_2027);
    const app = await ok<MyApplication>(applicants[0]!.openid, 'requestReReview', { reason: '收入已下降' });
    expect(app?.reReview).toMatchObject({ dueOn: '2027-01-11', provisional: false });
  });

  it('entering 2027 recomputes every provisional deadline, and a second save moves nothing', async () => {
    await ok(applicants[0]!.openid, 'requestReReview', { reason: '收入已下降' });
    clock = new Date('2026-12-28T02:00:00Z');
    await ok(applicants[1]!.openid, 'requestReReview', { reason: '家庭人口有变化' });
    const saved = await ok(ADMIN, 'saveHolidayCalendar', ENTRY_2027);
    expect(saved).toEqual({ year: 2027, checked: 2, moved: 2, stillProvisional: 0 });
    expect((await stored('app-0')).reReview?.deadline).toMatchObject({
      dueOn: '2027-01-11',
      provisional: false,
    });
    // 2026-12-28: 12-29..31 (3), 01-05..08 (7), 01-09 调休 (8), 01-11..15 (13), 01-18, 01-19 (15).
    expect((await stored('app-1')).reReview?.deadline).toMatchObject({
      dueOn: '2027-01-19',
      provisional: false,
    });
    const mine = await ok<MyApplication>(applicants[1]!.openid, 'myApplication');
    expect(mine?.reReview).toMatchObject({ dueOn: '2027-01-19', provisional: false });
    expect(await ok(ADMIN, 'saveHolidayCalendar', ENTRY_2027)).toEqual({
      year: 2027,
      checked: 0,
      moved: 0,
      stillProvisional: 0,
    });
  });

  it('the office sees open deadlines soonest first, with the provisional mark', async () => {
    await ok(applicants[0]!.openid, 'requestReReview', { reason: '收入已下降' });
    const cal = await ok<HolidayCalendarResult>(ADMIN, 'holidayCalendar', { year: 2027 });
    expect(cal.source).toBe('weekdays');
    expect(cal.entry).toBeNull();
    expect(cal.missingYear).toBe(2027);
    expect(cal.deadlines).toEqual([
      {
        what: '复核答复期限',
        subject: expect.any(String),
        startOn: '2026-12-20',
        dueOn: '2027-01-08',
        provisional: true,
      },
    ]);
    const me = await ok<MeResult>(ADMIN, 'me');
    expect(me.admin?.calendarMissingYear).toBe(2027);

    await ok(ADMIN, 'saveHolidayCalendar', ENTRY_2027);
    const after = await ok<HolidayCalendarResult>(ADMIN, 'holidayCalendar', { year: 2027 });
    expect(after.source).toBe('office');
    expect(after.entry).toMatchObject({ noticeRef: ENTRY_2027.noticeRef, enteredByName: '赵磊' });
    expect(after.holidays).toEqual(ENTRY_2027.holidays);
    expect(after.workdays).toEqual(['2027-01-09']);
    expect(after.missingYear).toBeNull();
    expect(after.deadlines[0]).toMatchObject({ dueOn: '2027-01-11', provisional: false });
    expect((await ok<MeResult>(ADMIN, 'me')).admin?.calendarMissingYear).toBeNull();
  });

  it('the daily timer recounts deadlines whose year became known another way (a save cut off, a data upgrade)', async () => {
    await ok(applicants[0]!.openid, 'requestReReview', { reason: '收入已下降' });
    // The year's document is there, but the recount that follows a save never ran.
    const { year, holidays, workdays } = ENTRY_2027;
    await host.runtime.db
      .collection(COLLECTIONS.holidayCalendars)
      .doc('2027')
      .set({ year, holidays, workdays, noticeRef: '', enteredBy: '', enteredByName: '', enteredAt: '' });
    expect((await stored('app-0')).reReview?.deadline.provisional).toBe(true);
    const run = await host.trigger('account', 'daily-deadline-recount');
    expect(run).toEqual({ ok: true, data: { checked: 1, moved: 1, stillProvisional: 0 } });
    expect((await stored('app-0')).reReview?.deadline).toMatchObject({
      dueOn: '2027-01-11',
      provisional: false,
    });
  });

  it('the dataset’s own year is shown as such', async () => {
    const cal = await ok<HolidayCalendarResult>(ADMIN, 'holidayCalendar', { year: 2026 });
    expect(cal.source).toBe('dataset');
    expect(cal.holidays).toContainEqual({ date: '2026-10-01', name: '国庆节' });
    expect(cal.workdays).toContain('2026-10-10');
  });

  it('saving is audited with who and when', async () => {
    await ok(ADMIN, 'saveHolidayCalendar', ENTRY_2027);
    const audit = (
      await host.runtime.db.collection(COLLECTIONS.auditLog).where({ entityType: 'holiday_calendar' }).get()
    ).data as { action: string; detail: string; at: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', at: clock.toISOString() });
    expect(audit[0]!.detail).toContain('放假 2 天，调休上班 1 天');
  });
});

describe('refusals change nothing', () => {
  it.each([
    [
      'a holiday on a date that does not exist',
      { holidays: [{ date: '2027-02-30', name: '春节' }] },
      '不是一个存在的日期',
    ],
    [
      'the same date as holiday and working day',
      { holidays: [{ date: '2027-01-09', name: '元旦' }], workdays: ['2027-01-09'] },
      '不能既是节假日又是调休上班日',
    ],
    [
      'a year already closed',
      { year: 2025, holidays: [{ date: '2025-01-01', name: '元旦' }], workdays: [] },
      '已经结束',
    ],
    ['a 调休 day on a weekday', { workdays: ['2027-01-05'] }, '周六或周日'],
  ] as const)('%s', async (_n, change, text) => {
    await ok(applicants[0]!.openid, 'requestReReview', { reason: '收入已下降' });
    const before = await snapshot();
    const res = await call(ADMIN, 'saveHolidayCalendar', { ...ENTRY_2027, ...change });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('INVALID_INPUT');
      expect(res.error.message).toContain(text);
    }
    expect(await snapshot()).toBe(before);
  });

  it('only the housing office may see or change the calendar', async () => {
    const before = await snapshot();
    for (const action of ['holidayCalendar', 'saveHolidayCalendar'] as const) {
      const res = await call(
        applicants[0]!.openid,
        action,
        action === 'holidayCalendar' ? { year: 2027 } : ENTRY_2027,
      );
      expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(await snapshot()).toBe(before);
  });

  it('a 复核 needs a refused application; asking twice records one', async () => {
    const res = await call(applicants[2]!.openid, 'requestReReview', { reason: '请复核' });
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'STATE_INVALID', message: '只有审核未通过的申请可以申请复核。' },
    });
    expect((await stored('app-2')).reReview).toBeUndefined();
    await Promise.all([
      ok(applicants[0]!.openid, 'requestReReview', { reason: '第一次' }),
      ok(applicants[0]!.openid, 'requestReReview', { reason: '第二次' }),
    ]);
    const audit = (
      await host.runtime.db.collection(COLLECTIONS.auditLog).where({ entityType: 'application' }).get()
    ).data;
    expect(audit).toHaveLength(1);
  });

  it.each([
    ['an empty reason', { reason: '  ' }],
    ['a reason of 501 characters', { reason: '字'.repeat(501) }],
    ['an unknown field', { reason: '请复核', householdId: 'rr-h1' }],
  ])('bad input: %s', async (_n, payload) => {
    const before = await snapshot();
    const res = await call(applicants[0]!.openid, 'requestReReview', payload);
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await snapshot()).toBe(before);
  });
});
