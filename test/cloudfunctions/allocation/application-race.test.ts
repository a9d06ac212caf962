import { COLLECTIONS } from '@shared/collections';
import { addApplicant, applicationForm } from '../../factories/application.factory';
import { openTestHost, type TestHost, type TestUser } from '../../factories/scenario.factory';

/**
 * Two submissions of one person with different request ids (two phones, or a double tap after the page
 * lost its request id) race: the embedded database yields on every request, so both pass the checks made
 * before the transaction, and the transaction's guard on the user record must let exactly one through.
 */
describe('an application submitted twice at once', () => {
  let t: TestHost;
  let applicant: TestUser;
  beforeEach(async () => {
    t = await openTestHost('2026-09-07T02:00:00Z');
    applicant = await addApplicant(t.db);
  });
  afterEach(() => t.close());

  it('makes one application and one household; the other call is refused and writes nothing', async () => {
    const a = await applicationForm(t, applicant.openid, 1);
    const b = { ...(await applicationForm(t, applicant.openid, 1)), clientRequestId: 'apply-1-0002' };
    const results = await Promise.all([
      t.call('allocation', applicant.openid, 'submitApplication', a),
      t.call('allocation', applicant.openid, 'submitApplication', b),
    ]);
    const ok = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.error).toMatchObject({
      code: 'STATE_INVALID',
      message: expect.stringContaining('已有一份申请'),
    });
    expect(await t.count(COLLECTIONS.applications)).toBe(1);
    expect(await t.count(COLLECTIONS.households)).toBe(1);
    // Sequentially, a second request id is refused as well (the open application is found first).
    const c = { ...(await applicationForm(t, applicant.openid, 1)), clientRequestId: 'apply-1-0003' };
    const later = await t.call('allocation', applicant.openid, 'submitApplication', c);
    expect(later.error.code).toBe('STATE_INVALID');
    expect(await t.count(COLLECTIONS.applications)).toBe(1);
  });
});
