import { COLLECTIONS } from '@shared/collections';
import type { ApplicationDoc } from '../../../cloudfunctions/_runtime/documents';
import { makeApplication } from '../../factories/housing.factory';
import { addReviewers } from '../../factories/application.factory';
import { addUser, openTestHost, type TestHost } from '../../factories/scenario.factory';

/**
 * The departments' parallel-review tasks (惠州 链接2(3)) are due 7 working days after the final review opens,
 * counted on the holiday calendar. Opened on 2026-12-28, they cross into 2027, which the bundled holiday data
 * does not cover: they are provisional until the office enters 2027's holidays, then recounted with them.
 */
describe('parallel-review deadlines across the year end', () => {
  let t: TestHost;
  beforeEach(async () => {
    t = await openTestHost('2026-12-28T02:00:00Z'); // Monday 10:00 Beijing
  });
  afterEach(() => t.close());

  it('are provisional into 2027 and recounted when the office enters 2027', async () => {
    const rv = await addReviewers(t.db);
    const admin = await addUser(t.db, { id: 'u-admin', roles: ['admin'] });
    const { _id, ...app } = makeApplication({
      _id: 'app-dl',
      householdId: 'h-dl',
      projectId: '',
      status: 'second_notice',
      notice: { state: 'second_notice', startsOn: '2026-12-18', endsOn: '2026-12-24' },
    });
    await t.db.collection(COLLECTIONS.applications).doc(_id).set(app);
    const opened = await t.call('allocation', rv.street.openid, 'closeReviewNotice', {
      applicationId: 'app-dl',
    });
    expect(opened.data.departments).toHaveLength(4);
    // Mon 28 Dec + 7 working days, Monday to Friday without 2027 data: 6 January 2027.
    expect(opened.data.departments[0]).toMatchObject({ dueOn: '2027-01-06', provisional: true });

    const saved = await t.call('account', admin.openid, 'saveHolidayCalendar', {
      year: 2027,
      holidays: [{ date: '2027-01-01', name: '元旦' }],
      workdays: [],
      noticeRef: '国办发明电〔2026〕12号',
    });
    expect(saved.ok).toBe(true);
    const stored = (await t.doc<ApplicationDoc>(COLLECTIONS.applications, 'app-dl'))!;
    expect(stored.departments!.map((d) => d.deadline)).toEqual(
      Array(4).fill({ startOn: '2026-12-28', workingDays: 7, dueOn: '2027-01-07', provisional: false }),
    );
  });
});
