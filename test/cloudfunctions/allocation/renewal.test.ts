import { COLLECTIONS } from '@shared/collections';
import { resolvePolicy } from '@shared/policy/policy-preset';
import { WUCHANG_PRESET } from '@shared/policy/presets/district.presets';
import { addProject, openTestHost, type TestHost, type TestTenant } from '../../factories/scenario.factory';

/** The district's setting for an earliest day: applications open 3 months before the due date. */
const OPENING = resolvePolicy(WUCHANG_PRESET, {
  lease: { renewalOpensMonthsBefore: { value: 3, example: false, decidedBy: '武昌区住房保障部门' } },
});

/**
 * Renewal applications: due 3 months before the lease ends (Ulanqab Art. 21; in Wuchang, whose report is
 * silent, the district's setting). No text sets an earliest day, so none is applied unless the district
 * sets one, and then the refusal names it as its setting. Dates are China dates. Each test has one project
 * whose first lease ends on 2027-01-01 (due by 2026-10-01; with the district's opening, open from
 * 2026-07-01).
 */
describe('renewal applications', () => {
  let t: TestHost;
  let tenant: TestTenant;
  let neighbour: TestTenant;
  const apply = (who: TestTenant, leaseId = who.leaseId) =>
    t.call('allocation', who.openid, 'applyRenewal', { leaseId });

  async function open(start: string, policy?: typeof OPENING) {
    t = await openTestHost(start, policy ? { policy } : {});
    const p = await addProject(t.db, {
      id: 'p-renew',
      tenants: 2,
      lease: (i) => (i === 0 ? { startDate: '2024-01-01', endDate: '2027-01-01' } : {}),
    });
    [tenant, neighbour] = p.tenants as [TestTenant, TestTenant];
  }

  beforeEach(() => open('2026-05-01T02:00:00Z'));
  afterEach(() => t.close());

  it('there is no earliest date: accepted months ahead, once', async () => {
    const first = await apply(tenant);
    expect(first).toMatchObject({
      ok: true,
      data: {
        status: 'submitted',
        dueBy: '2026-10-01',
        endDate: '2027-01-01',
        clause: '运营方设定（续租申请期限，武昌区住房保障部门，示例值）',
      },
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

  it('the due date is a China date: 01:00 on 2 October in Beijing is too late', async () => {
    t.clock.set('2026-09-30T17:00:00Z'); // 01:00 on 1 October in Beijing: the due day itself
    expect((await apply(neighbour)).data).toMatchObject({ status: 'submitted' });
    t.clock.set('2026-10-01T17:00:00Z'); // 01:00 on 2 October in Beijing (still 1 October in UTC)
    expect((await apply(tenant)).error?.code).toBe('RULE_VIOLATION');
    expect(await t.count(COLLECTIONS.renewals, { leaseId: tenant.leaseId })).toBe(0);
  });

  it('a tenant cannot apply for someone else’s lease', async () => {
    expect(await apply(neighbour, tenant.leaseId)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.count(COLLECTIONS.renewals)).toBe(0);
  });

  it('运营方设定（续租申请开始受理日期）: a district that sets an opening refuses earlier applications and says so', async () => {
    t.close();
    await open('2026-05-01T02:00:00Z', OPENING);
    expect(await apply(tenant)).toMatchObject({
      ok: false,
      error: {
        code: 'STATE_INVALID',
        message:
          '续租申请将于 2026-07-01 开始受理（运营方设定（续租申请开始受理日期，武昌区住房保障部门）），须在 2026-10-01 前提出（运营方设定（续租申请期限，武昌区住房保障部门，示例值））。',
      },
    });
    expect(await t.count(COLLECTIONS.renewals)).toBe(0);
    t.clock.set('2026-06-30T16:30:00Z'); // 00:30 on 1 July in Beijing (still 30 June in UTC): open
    expect((await apply(tenant)).data).toMatchObject({ status: 'submitted' });
  });
});
