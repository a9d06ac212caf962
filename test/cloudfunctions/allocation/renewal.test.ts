import { COLLECTIONS } from '@shared/collections';
import { createLocalHost, type LocalHost } from '../../../cloudfunctions/_local/local-host';

let clock = new Date('2026-05-01T02:00:00Z');

/** Ulanqab Art. 21: the renewal application is due 3 months before the lease ends. */
describe('renewal applications', () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await createLocalHost({ dataFile: ':memory:', seed: true, now: () => clock });
  });
  afterAll(() => host.close());
  const apply = (openid: string, leaseId: string) =>
    host.invoke('allocation', { action: 'applyRenewal', leaseId }, { openid });

  it('refuses before the window, accepts inside it once, refuses after the due date', async () => {
    // demo-tenant's lease ends 2027-01-01: due by 2026-10-01, open from 2026-07-01.
    const lease = 'l-h-0001';
    expect(await apply('demo-tenant', lease)).toMatchObject({
      ok: false,
      error: { code: 'STATE_INVALID', message: '续租申请将于 2026-07-01 开放，须在 2026-10-01 前提出。' },
    });
    clock = new Date('2026-08-15T02:00:00Z');
    const first = await apply('demo-tenant', lease);
    expect(first).toMatchObject({
      ok: true,
      data: { status: 'submitted', dueBy: '2026-10-01', endDate: '2027-01-01' },
    });
    const again = await apply('demo-tenant', lease);
    expect(again.ok && first.ok && (again.data as { id: string }).id).toBe(
      first.ok && (first.data as { id: string }).id,
    );
    expect(
      (await host.runtime.db.collection(COLLECTIONS.renewals).where({ leaseId: lease }).count()).total,
    ).toBe(1);
    clock = new Date('2026-10-02T02:00:00Z');
    const lateTenantLease = 'l-h-0005';
    // That lease ends 2027-05-01: its window opens 2026-11-01.
    expect(await apply('demo-tenant-arrears', lateTenantLease)).toMatchObject({
      ok: false,
      error: { code: 'STATE_INVALID' },
    });
    clock = new Date('2027-02-02T02:00:00Z');
    expect(await apply('demo-tenant-arrears', lateTenantLease)).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATION' },
    });
  });

  it('a tenant cannot apply for someone else’s lease', async () => {
    expect(await apply('demo-tenant-arrears', 'l-h-0001')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
