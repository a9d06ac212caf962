import { COLLECTIONS } from '@shared/collections';
import type { ExitCaseView, RenewalRow } from '@shared/contracts';
import type { HouseholdDoc } from '../../../cloudfunctions/_runtime/documents';
import { openTestHost, type TestHost } from '../../factories/scenario.factory';

/**
 * The demo district holds an exit case in progress and renewals due, consistent with what the pages show:
 * the office's list, the tenant persona's own notice, the renewal list.
 */
describe('demo data: exit case in progress and renewals due', () => {
  let t: TestHost;
  beforeAll(async () => {
    t = await openTestHost('2026-11-22T02:00:00Z', { seedDemo: true });
  }, 60_000);
  afterAll(() => t.close());

  it('the office sees the notified arrears case, and the persona sees its notice with the period to answer', async () => {
    const list = (await t.call('allocation', 'demo-admin', 'listExitCases', { state: 'open' }))
      .data as ExitCaseView[];
    expect(list).toHaveLength(1);
    const c = list[0] as ExitCaseView;
    expect(c).toMatchObject({ trigger: 'arrears_6_months', state: 'notified', nextSteps: ['close_no_exit'] });
    expect(c.arrearsMonths).toBeGreaterThanOrEqual(6);
    const mine = (await t.call('allocation', 'demo-tenant-exit', 'myExitCases', {})).data as ExitCaseView[];
    expect(mine.map((m) => m.id)).toEqual([c.id]);
    expect(mine[0]?.nextSteps).toEqual(['statement']);
    expect(mine[0]?.noticeText).toContain(c.respondBy as string);
    const users = await t.all<{ householdId?: string }>(COLLECTIONS.users, { openid: 'demo-tenant-exit' });
    const household = await t.doc<HouseholdDoc>(COLLECTIONS.households, users[0]?.householdId as string);
    expect(household?.openExitCaseId).toBe(c.id);
  });

  it('the office sees one renewal to decide and leases ending soon without an application', async () => {
    const rows = (await t.call('allocation', 'demo-admin', 'listRenewals', { withinMonths: 6 }))
      .data as RenewalRow[];
    expect(rows.filter((r) => r.status === 'submitted')).toHaveLength(1);
    expect(rows.filter((r) => r.status === 'not_applied').length).toBeGreaterThanOrEqual(2);
  });
});
