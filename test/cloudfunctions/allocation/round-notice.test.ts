import { COLLECTIONS } from '@shared/collections';
import type { HouseholdDoc } from '../../../cloudfunctions/_runtime/documents';
import { roundScenario } from '../../factories/allocation.scenario';
import { addUser, openTestHost, type TestHost } from '../../factories/scenario.factory';

/**
 * A round's results notice (公示, 武昌调研报告 二(二)三) is public for anyone with the link while it runs:
 * ranked, masked, with the objections still pending; before it is published and after it ends it says so. Signing after the notice is contract.service.ts's (tested in allocation.test.ts).
 */
describe('round results notice', () => {
  let t: TestHost;
  beforeEach(async () => {
    t = await openTestHost('2026-12-01T02:00:00Z');
  });
  afterEach(() => t.close());

  it('anyone signed in reads the masked ranking while the notice runs, and not after', async () => {
    const s = await roundScenario(t, { stage: 'publicized', applicants: 4, selected: 2 });
    const stranger = await addUser(t.db, { id: 'u-passer-by', roles: [] });
    const notice = await t.call('allocation', stranger.openid, 'roundNotice', { roundId: s.round.id });
    expect(notice.ok).toBe(true);
    expect(notice.data.rows.map((r: { overallRank: number }) => r.overallRank)).toEqual([1, 2, 3, 4]);
    expect(notice.data.rows.filter((r: { unitLabel: string | null }) => r.unitLabel).length).toBe(2);
    const names = (await t.all<HouseholdDoc>(COLLECTIONS.households)).map((h) => h.headName);
    for (const name of names) expect(JSON.stringify(notice.data)).not.toContain(name);
    expect(notice.data.rows[0].idNumberMasked).toMatch(/\*{4}/);

    await t.call('allocation', stranger.openid, 'fileObjection', { roundId: s.round.id, text: '排序有误' });
    expect(
      (await t.call('allocation', stranger.openid, 'roundNotice', { roundId: s.round.id })).data,
    ).toMatchObject({
      pendingObjections: 1,
    });

    t.clock.set(`${notice.data.noticeEndsOn}T15:59:00Z`); // 23:59 on the last day in Beijing: still running
    expect((await t.call('allocation', stranger.openid, 'roundNotice', { roundId: s.round.id })).ok).toBe(
      true,
    );
    t.clock.set(`${notice.data.noticeEndsOn}T16:01:00Z`); // the next day in Beijing: ended
    expect(await t.call('allocation', stranger.openid, 'roundNotice', { roundId: s.round.id })).toMatchObject(
      {
        ok: false,
        error: { code: 'STATE_INVALID', message: expect.stringContaining('结束') },
      },
    );
  });

  it('a round not yet published has no notice, and says so', async () => {
    const s = await roundScenario(t, { stage: 'selecting', applicants: 3 });
    expect(
      (await t.call('allocation', s.admin.openid, 'roundNotice', { roundId: s.round.id })).error.code,
    ).toBe('STATE_INVALID');
    expect(
      (await t.call('allocation', s.admin.openid, 'roundNotice', { roundId: 'no-such-round' })).error.code,
    ).toBe('NOT_FOUND');
  });
});
