import { COLLECTIONS } from '@shared/collections';
import type { UserDoc } from '../../cloudfunctions/_runtime/caller';
import type { ApplicationDoc } from '../../cloudfunctions/_runtime/documents';
import { makeApplication } from '../factories/housing.factory';
import { click, confirmModal, fill, startWorld, type E2eWorld } from './browser';

jest.setTimeout(240_000);

/**
 * A 复核 asked for on 2026-12-20 is due 15 working days later (乌兰察布 第十三条第二款), in 2027, a year the
 * bundled holiday data does not cover: the applicant sees the date marked 暂按工作日计算; the office is told
 * on its home page that 2027 is missing, enters one holiday (元旦, 1 January) on the calendar page, and the
 * deadline moves from 8 to 11 January, exact now, for the office and the applicant alike.
 */
describe('browser: a 2027 deadline, provisional until the office enters a holiday, then moved', () => {
  const clock = new Date('2026-12-20T02:00:00Z'); // Sunday 10:00 Beijing
  let world: E2eWorld;

  beforeAll(async () => {
    world = await startWorld(() => clock);
    // The second demo applicant's application was refused at the final review.
    const db = world.server.host.runtime.db;
    const user = (await db.collection(COLLECTIONS.users).doc('u-applicant-2').get()).data[0] as UserDoc;
    await db.collection(COLLECTIONS.applications).where({ householdId: user.householdId! }).remove();
    const { _id, ...app } = makeApplication({
      _id: 'app-e2e-refused',
      householdId: user.householdId!,
      projectId: 'p-hexie',
      status: 'rejected',
    });
    await db.collection(COLLECTIONS.applications).doc(_id).set(app);
  });
  afterAll(async () => world?.close());

  it('moves the deadline when the office enters 元旦 2027', async () => {
    const { page: applicant } = await world.signIn('u-applicant-2', clock);
    await fill(applicant, '#re-review-reason textarea', '家庭收入已经下降，请复核。');
    await click(applicant, '#request-re-review');
    await confirmModal(applicant);
    await applicant.waitForSelector('#re-review-due');
    expect(await applicant.textContent('#re-review-due')).toBe('2027年1月8日');
    expect(await applicant.textContent('#re-review-provisional')).toBe('暂按工作日计算');

    const { page: admin } = await world.signIn('u-admin', clock);
    expect(await admin.textContent('#calendar-missing')).toContain('2027 年法定节假日安排尚未录入');
    await click(admin, '#enter-calendar');
    await admin.waitForSelector('#holiday-calendar');
    expect(await admin.textContent('#calendar-year')).toContain('2027');
    expect(await admin.textContent('#calendar-source')).toContain('尚未录入');
    expect(await admin.textContent('#deadline-0')).toContain('2027年1月8日');
    expect(await admin.textContent('#deadline-0')).toContain('暂按工作日计算');

    await click(admin, '#festival-元旦');
    await click(admin, '#day-2027-01-01');
    expect(await admin.getAttribute('#day-2027-01-01', 'class')).toContain('day-holiday');
    expect(await admin.textContent('#calendar-summary')).toContain('放假 1 天，调休上班 0 天');
    await click(admin, '#save-calendar');
    await confirmModal(admin);
    await admin.waitForFunction(() =>
      document.querySelector('#deadline-0')?.textContent?.includes('2027年1月11日'),
    );
    expect(await admin.textContent('#deadline-0')).not.toContain('暂按工作日计算');
    expect(await admin.textContent('#calendar-source')).toContain('录入');

    const stored = (
      await world.server.host.runtime.db.collection(COLLECTIONS.applications).doc('app-e2e-refused').get()
    ).data[0] as ApplicationDoc;
    expect(stored.reReview?.deadline).toMatchObject({ dueOn: '2027-01-11', provisional: false });

    await applicant.reload();
    await applicant.waitForSelector('#re-review-due');
    expect(await applicant.textContent('#re-review-due')).toBe('2027年1月11日');
    expect(await applicant.locator('#re-review-provisional').count()).toBe(0);
  });

  it('a refused entry shows its reason and saves nothing', async () => {
    const { page: admin } = await world.signIn('u-admin', clock);
    await click(admin, '#go-holiday-calendar');
    await admin.waitForSelector('#holiday-calendar');
    await click(admin, '#prev-year');
    await click(admin, '#prev-year');
    await admin.waitForFunction(() =>
      document.querySelector('#calendar-year')?.textContent?.includes('2025'),
    );
    await click(admin, '#day-2025-03-03');
    await click(admin, '#save-calendar');
    await confirmModal(admin);
    await admin.waitForSelector('#calendar-error');
    expect(await admin.textContent('#calendar-error')).toContain('2025 年已经结束');
    const saved = (
      await world.server.host.runtime.db.collection(COLLECTIONS.holidayCalendars).doc('2025').get()
    ).data;
    expect(saved).toHaveLength(0);
  });
});
