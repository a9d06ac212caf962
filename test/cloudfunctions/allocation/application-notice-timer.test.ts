import { COLLECTIONS } from '@shared/collections';
import { applicationMove } from '@shared/rules/application.rule';
import type { ApplicationDoc, AuditDoc } from '../../../cloudfunctions/_runtime/documents';
import { addApplicant, addReviewers, applicationForm } from '../../factories/application.factory';
import { addUser, openTestHost, type TestHost, type TestUser } from '../../factories/scenario.factory';

/**
 * A notice without objection moves on (乌兰察布 第十三条) without waiting for a reviewer's tap: the daily timer
 * `daily-review-notices` closes every notice whose period has ended with no objection left unanswered, and
 * leaves one with a pending objection for its reviewer.
 */
describe('the daily close of ended review notices', () => {
  let t: TestHost;
  let rv: Awaited<ReturnType<typeof addReviewers>>;
  let applicant: TestUser;
  let id: string;
  const call = (who: TestUser, action: string, input: object = {}) =>
    t.call('allocation', who.openid, action, input);
  const app = async () => (await t.doc<ApplicationDoc>(COLLECTIONS.applications, id))!;
  const atDay = (day: string) => t.clock.set(`${day}T00:30:00Z`); // 08:30 in Beijing, the trigger's hour

  beforeEach(async () => {
    t = await openTestHost('2026-09-07T02:00:00Z');
    rv = await addReviewers(t.db);
    applicant = await addApplicant(t.db);
    id = (await call(applicant, 'submitApplication', await applicationForm(t, applicant.openid))).data.id;
    const passed = await call(rv.community, 'reviewApplication', {
      applicationId: id,
      decision: 'approve',
      note: '',
    });
    expect(passed.data.status).toBe('initial_notice');
  });
  afterEach(() => t.close());

  it('leaves a running notice, closes an ended one once, as the system, and tells the applicant', async () => {
    const endsOn = (await app()).notice!.endsOn;
    atDay(endsOn); // the last day of the notice: still running
    expect((await t.trigger('allocation', 'daily-review-notices')).ok).toBe(true);
    expect((await app()).status).toBe('initial_notice');

    t.clock.advance(24 * 3600 * 1000);
    expect((await t.trigger('allocation', 'daily-review-notices')).ok).toBe(true);
    const moved = await app();
    expect(moved.status).toBe('second_review');
    expect(moved.history.at(-1)).toMatchObject({ state: 'second_review', by: '系统' });
    // The next firing the same day changes nothing more.
    await t.trigger('allocation', 'daily-review-notices');
    expect((await app()).history).toHaveLength(moved.history.length);
    const audits = (await t.all<AuditDoc>(COLLECTIONS.auditLog)).filter(
      (a) => a.entityId === id && a.action === 'application_close_notice',
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actorUserId).toBe('system');
    const told = await t.all<{ toUserId: string; title: string }>(COLLECTIONS.outbox);
    expect(told.some((m) => m.toUserId === applicant.userId && m.title === '公示期满')).toBe(true);
  });

  it('a notice with an objection not yet answered waits for its reviewer', async () => {
    const neighbour = await addUser(t.db, { id: 'u-neighbour', roles: [] });
    const o = await call(neighbour, 'fileReviewObjection', {
      applicationId: id,
      clientRequestId: 'objection-0001',
      text: '该户在本市另有住房',
    });
    expect(o.ok).toBe(true);
    atDay((await app()).notice!.endsOn);
    t.clock.advance(24 * 3600 * 1000);
    await t.trigger('allocation', 'daily-review-notices');
    expect((await app()).status).toBe('initial_notice');
    // Answered (not upheld): the next run closes it.
    await call(rv.community, 'answerReviewObjection', {
      applicationId: id,
      objectionId: o.data.id,
      answer: '经核查，该户名下无住房，异议不成立。',
      upheld: false,
    });
    t.clock.advance(24 * 3600 * 1000);
    await t.trigger('allocation', 'daily-review-notices');
    expect((await app()).status).toBe('second_review');
  });

  it('the system may only close a notice: never approve, refuse or uphold an objection', () => {
    const policy = t.host.runtime.policy;
    const facts = { noticeEnded: true, pendingObjections: 0 };
    expect(applicationMove('initial_review', 'approve', 'system', facts, policy).ok).toBe(false);
    expect(applicationMove('initial_review', 'refuse', 'system', facts, policy).ok).toBe(false);
    expect(applicationMove('initial_notice', 'uphold_objection', 'system', facts, policy).ok).toBe(false);
    expect(applicationMove('initial_notice', 'close_notice', 'system', facts, policy)).toMatchObject({
      ok: true,
      value: 'second_review',
    });
    expect(
      applicationMove('initial_notice', 'close_notice', 'system', { ...facts, pendingObjections: 1 }, policy)
        .ok,
    ).toBe(false);
  });
});
