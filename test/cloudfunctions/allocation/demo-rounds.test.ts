import { openTestHost, type TestHost } from '../../factories/scenario.factory';
import { addDemoRounds, type DemoRounds } from '../../e2e/demo-rounds';

/**
 * The rounds the accessibility browser test adds to the demo district (test/e2e/demo-rounds.ts), through the
 * allocation function: each page it visits shows what the persona is there for, so a change to the procedure
 * that leaves a page empty or refused fails here, named, rather than as a timeout in the browser.
 */
describe('demo rounds for the notice and signing pages', () => {
  let t: TestHost;
  let rounds: DemoRounds;
  const start = new Date('2026-11-22T10:00:00Z');
  beforeAll(async () => {
    t = await openTestHost(start, { seedDemo: true });
    rounds = await addDemoRounds(t.host, (ms) => t.clock.set(new Date(start.getTime() + ms)));
  }, 120_000);
  afterAll(() => t.close());
  const call = (openid: string, action: string, input: object = {}) =>
    t.call('allocation', openid, action, input);

  it('leaves the clock where it was', () => {
    expect(t.clock.now().toISOString()).toBe(start.toISOString());
  });

  it('the results notice of 惠民家园 runs today, listing the applicant drawn in it', async () => {
    const notice = await call('demo-tenant', 'roundNotice', { roundId: rounds.noticeRoundId });
    expect(notice.ok).toBe(true);
    expect(notice.data).toMatchObject({
      projectName: '惠民家园',
      noticeEndsOn: '2026-11-28',
      pendingObjections: 0,
    });
    expect(notice.data.rows).toHaveLength(1);
    expect(notice.data.rows[0]).toMatchObject({ overallRank: 1, unitLabel: null });
  });

  it('u-applicant-2 chose a unit in 安居苑, whose notice has ended: the lease may be signed today', async () => {
    const ended = await call('demo-tenant', 'roundNotice', { roundId: rounds.signingRoundId });
    expect(ended.error).toMatchObject({ code: 'STATE_INVALID' });
    const mine = (await call('demo-applicant-2', 'myRegistrations')).data as {
      id: string;
      status: string;
      projectName: string;
    }[];
    expect(mine).toEqual([
      expect.objectContaining({
        id: rounds.signingRegistrationId,
        status: 'selected',
        projectName: '安居苑',
      }),
    ]);
    const contract = await call('demo-applicant-2', 'getContract', {
      registrationId: rounds.signingRegistrationId,
    });
    expect(contract.data).toMatchObject({ status: 'draft', signingNotice: null });
    expect(contract.data.text).toContain('安居苑');
    // Not anyone else's to read.
    const other = await call('demo-applicant', 'getContract', {
      registrationId: rounds.signingRegistrationId,
    });
    expect(other.error).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps the seed’s round open for registration', async () => {
    const list = (await call('demo-applicant', 'listRounds')).data as { id: string; status: string }[];
    expect(list.find((r) => r.id === 'round-demo-hexie')).toMatchObject({ status: 'announced' });
    expect(list.map((r) => r.id)).toEqual(
      expect.arrayContaining([rounds.noticeRoundId, rounds.signingRoundId, 'round-demo-hexie']),
    );
  });
});
