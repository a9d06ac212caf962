import { COLLECTIONS } from '@shared/collections';
import { addProject, openTestHost, type TestHost, type TestTenant } from '../../factories/scenario.factory';

/**
 * Ulanqab Art. 21: the renewal application is due 3 months before the lease ends, and opens 3 months before
 * that. Dates are China dates. Each test has one project whose first lease ends on 2027-01-01 (due by
 * 2026-10-01, open from 2026-07-01).
 */
describe('renewal applications', () => {
  let t: TestHost;
  let tenant: TestTenant;
  let neighbour: TestTenant;
  const apply = (who: TestTenant, leaseId = who.leaseId) =>
    t.call('allocation', who.openid, 'applyRenewal', { leaseId });

  beforeEach(async () => {
    t = await openTestHost('2026-05-01T02:00:00Z');
    const p = await addProject(t.db, {
      id: 'p-renew',
      tenants: 2,
      lease: (i) => (i === 0 ? { startDate: '2024-01-01', endDate: '2027-01-01' } : {}),
    });
    [tenant, neighbour] = p.tenants as [TestTenant, TestTenant];
  });
  afterEach(() => t.close());

  it('refuses before the window, then accepts inside it, once', async () => {
    expect(await apply(tenant)).toMatchObject({
      ok: false,
      error: { code: 'STATE_INVALID', message: '续租申请将于 2026-07-01 开放，须在 2026-10-01 前提出。' },
    });
    expect(await t.count(COLLECTIONS.renewals)).toBe(0);
    t.clock.set('2026-08-15T02:00:00Z');
    const first = await apply(tenant);
    expect(first).toMatchObject({
      ok: true,
      data: { status: 'submitted', dueBy: '2026-10-01', endDate: '2027-01-01' },
    });
    const again = await apply(tenant);
    expect(again.data.id).toBe(first.data.id);
    expect(await t.count(COLLECTIONS.renewals, { leaseId: tenant.leaseId })).toBe(1);
    expect(await t.count(COLLECTIONS.auditLog, { entityId: tenant.leaseId, action: 'renewal_applied' })).toBe(
      1,
    );
  });

  it('after the due date the tenant is told to contact the housing office, and nothing is written', async () => {
    t.clock.set('2026-10-02T02:00:00Z');
    expect(await apply(tenant)).toMatchObject({
      ok: false,
      error: {
        code: 'RULE_VIOLATION',
        message: expect.stringContaining(
          '已超过续租申请期限（2026-10-01，租期届满3个月前），请联系住房保障部门',
        ),
      },
    });
    expect(await t.count(COLLECTIONS.renewals)).toBe(0);
  });

  it('the window opens and closes on China dates', async () => {
    t.clock.set('2026-06-30T16:30:00Z'); // 00:30 on 1 July in Beijing: open
    expect((await apply(tenant)).data).toMatchObject({ status: 'submitted' });
    t.close();
    t = await openTestHost('2026-10-01T17:00:00Z'); // 01:00 on 2 October in Beijing: too late
    const p = await addProject(t.db, {
      id: 'p-renew',
      tenants: 1,
      lease: () => ({ startDate: '2024-01-01', endDate: '2027-01-01' }),
    });
    expect((await apply(p.tenants[0]!)).error?.code).toBe('RULE_VIOLATION');
  });

  it('a tenant cannot apply for someone else’s lease', async () => {
    t.clock.set('2026-08-15T02:00:00Z');
    expect(await apply(neighbour, tenant.leaseId)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.count(COLLECTIONS.renewals)).toBe(0);
  });
});
