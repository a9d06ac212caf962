import { COLLECTIONS } from '@shared/collections';
import { resolvePolicy } from '@shared/policy/policy-preset';
import { WUCHANG_PRESET } from '@shared/policy/presets/district.presets';
import { createLocalHost, type LocalHost } from '../../../cloudfunctions/_local/local-host';

let clock = new Date('2026-05-01T02:00:00Z');

/**
 * Renewal applications: due 3 months before the lease ends (Ulanqab Art. 21; in Wuchang, whose report is
 * silent, the district's setting). No text sets an earliest day, so none is applied unless the district
 * sets one, and then the refusal names it as its setting.
 */
describe('renewal applications', () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await createLocalHost({ dataFile: ':memory:', seed: true, now: () => clock });
  });
  afterAll(() => host.close());
  const apply = (h: LocalHost, openid: string, leaseId: string) =>
    h.invoke('allocation', { action: 'applyRenewal', leaseId }, { openid });

  it('Ulanqab Art.21: there is no earliest date: accepted months ahead, once, refused after the due date', async () => {
    // demo-tenant's lease ends 2027-01-01: due by 2026-10-01; on 2026-05-01 it is already accepted.
    const lease = 'l-h-0001';
    const first = await apply(host, 'demo-tenant', lease);
    expect(first).toMatchObject({
      ok: true,
      data: {
        status: 'submitted',
        dueBy: '2026-10-01',
        endDate: '2027-01-01',
        clause: '运营方设定（续租申请期限，武昌区住房保障部门，示例值）',
      },
    });
    const again = await apply(host, 'demo-tenant', lease);
    expect(again.ok && first.ok && (again.data as { id: string }).id).toBe(
      first.ok && (first.data as { id: string }).id,
    );
    expect(
      (await host.runtime.db.collection(COLLECTIONS.renewals).where({ leaseId: lease }).count()).total,
    ).toBe(1);
    // That lease ends 2027-05-01: due by 2027-02-01, refused the day after.
    clock = new Date('2027-02-02T02:00:00Z');
    const late = await apply(host, 'demo-tenant-arrears', 'l-h-0005');
    expect(late).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } });
    expect(!late.ok && late.error.message).toContain('已超过续租申请期限（2027-02-01');
  });

  it('a tenant cannot apply for someone else’s lease', async () => {
    expect(await apply(host, 'demo-tenant-arrears', 'l-h-0001')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('运营方设定（续租申请开始受理日期）: a district that sets an opening refuses earlier applications and says so', async () => {
    clock = new Date('2026-10-02T02:00:00Z');
    const district = await createLocalHost({
      dataFile: ':memory:',
      seed: true,
      now: () => clock,
      policy: resolvePolicy(WUCHANG_PRESET, {
        lease: { renewalOpensMonthsBefore: { value: 3, example: false, decidedBy: '武昌区住房保障部门' } },
      }),
    });
    try {
      // l-h-0005 ends 2027-05-01: due 2027-02-01, opening (the setting) 2026-11-01.
      expect(await apply(district, 'demo-tenant-arrears', 'l-h-0005')).toMatchObject({
        ok: false,
        error: {
          code: 'STATE_INVALID',
          message:
            '续租申请将于 2026-11-01 开始受理（运营方设定（续租申请开始受理日期，武昌区住房保障部门）），须在 2027-02-01 前提出（运营方设定（续租申请期限，武昌区住房保障部门，示例值））。',
        },
      });
      clock = new Date('2026-11-01T02:00:00Z');
      expect(await apply(district, 'demo-tenant-arrears', 'l-h-0005')).toMatchObject({ ok: true });
    } finally {
      district.close();
    }
  });
});
