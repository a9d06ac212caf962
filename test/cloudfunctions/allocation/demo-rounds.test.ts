import { openTestHost, type TestHost } from '../../factories/scenario.factory';
import { addDemoRounds, DRAWN_TITLE, SELECTING_TITLE, type DemoRounds } from '../../e2e/demo-rounds';

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

  it('the round of 惠民家园 in its notice is open to objections from anyone, through the function', async () => {
    // The round page reads listRounds and shows its objection form while the round is publicized; nothing is
    // filed here, so the other tests see the notice as it is.
    const list = (await call('demo-applicant-review', 'listRounds')).data as {
      id: string;
      status: string;
      noticeEndsOn: string | null;
    }[];
    expect(list.find((r) => r.id === rounds.noticeRoundId)).toMatchObject({
      status: 'publicized',
      noticeEndsOn: '2026-11-28',
    });
    // Not registered in it: the page shows the round and the form, no 我的报名.
    expect((await call('demo-applicant-review', 'myRegistrations')).data).toEqual([]);
  });

  it('和谐新城 第三批 is drawn and goes no further: its lottery is the function’s own, with the seed revealed', async () => {
    const results = await call('demo-admin', 'roundResults', { roundId: rounds.drawnRoundId });
    expect(results.ok).toBe(true);
    expect(results.data.round).toMatchObject({
      projectName: '和谐新城',
      title: DRAWN_TITLE,
      status: 'drawn',
      registrations: 1,
      seed: 'anju-demo-seed-2026-hexie-batch3',
      noticeEndsOn: null,
    });
    expect(results.data.round.inputDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(results.data.rows).toEqual([
      expect.objectContaining({ overallRank: 1, tierRank: 1, unitLabel: null }),
    ]);
    // The draw is in the audit trail, as the office's page shows it.
    const audit = await call('demo-admin', 'auditLog', { entityId: rounds.drawnRoundId });
    expect(JSON.stringify(audit.data)).toContain('摇号');
    // u-applicant was drawn in it, besides the notice round of 惠民家园.
    const mine = (await call('demo-applicant', 'myRegistrations')).data as { roundId: string }[];
    expect(mine.map((m) => m.roundId).sort()).toEqual(
      [rounds.drawnRoundId, rounds.noticeRoundId, rounds.selectingRoundId].sort(),
    );
  });

  it('惠民家园 第四批 is in selection with u-applicant’s window open now and nothing chosen (the 选房 page)', async () => {
    const list = (await call('demo-applicant', 'listRounds')).data as {
      id: string;
      title: string;
      status: string;
    }[];
    expect(list.find((r) => r.id === rounds.selectingRoundId)).toMatchObject({
      title: SELECTING_TITLE,
      status: 'selecting',
    });
    const mine = (await call('demo-applicant', 'myRegistrations')).data as {
      roundId: string;
      unit: object | null;
      window: { opensAt: string; closesAt: string; serverNow: string } | null;
    }[];
    const reg = mine.find((m) => m.roundId === rounds.selectingRoundId)!;
    expect(reg.unit).toBeNull();
    const now = t.clock.now().getTime();
    expect(Date.parse(reg.window!.opensAt)).toBeLessThanOrEqual(now);
    expect(Date.parse(reg.window!.closesAt) - now).toBeGreaterThanOrEqual(50 * 60_000);
    // The server's clock comes with it, for the page's countdown (not the phone's).
    expect(reg.window!.serverNow).toBe(t.clock.now().toISOString());
    const units = await call('demo-applicant', 'availableUnits', { roundId: rounds.selectingRoundId });
    expect(units.ok).toBe(true);
    expect(units.data.length).toBeGreaterThan(0);
  });

  it('keeps the seed’s round open for registration', async () => {
    const list = (await call('demo-applicant', 'listRounds')).data as { id: string; status: string }[];
    expect(list.find((r) => r.id === 'round-demo-hexie')).toMatchObject({ status: 'announced' });
    expect(list.map((r) => r.id)).toEqual(
      expect.arrayContaining([
        rounds.noticeRoundId,
        rounds.signingRoundId,
        rounds.drawnRoundId,
        rounds.selectingRoundId,
        'round-demo-hexie',
      ]),
    );
  });
});
