import { COLLECTIONS } from '@shared/collections';
import type { BillDoc, LeaseDoc, UnitDoc } from '../../../cloudfunctions/_runtime/documents';
import { renewalWorld, signContract } from '../../factories/renewal.scenario';
import type { TestHost, TestTenant, TestUser } from '../../factories/scenario.factory';

/**
 * A renewal signed online (乌兰察布 第二十一条) stores the new term's rent on the lease (`nextRent`); billing
 * charges it from the new term's first month on, says on the bill that it comes from the renewal contract,
 * and keeps the rules' rent for the months before. The lease ends 2027-01-31; the new term starts
 * 2027-02-01. The unit's market rent is raised after the renewal was approved, so the rules' rent and the
 * contract's differ and a bill that ignored the contract would show it.
 */
describe('billing after a renewal signed online', () => {
  let t: TestHost;
  let admin: TestUser;
  let tenant: TestTenant;
  const call = (who: { openid: string }, fn: 'allocation' | 'billing', action: string, input: object = {}) =>
    t.call(fn, who.openid, action, input);

  beforeEach(async () => {
    const world = await renewalWorld({ projectId: 'p-renbill', tenants: 1 });
    ({ t, admin } = world);
    [tenant] = world.tenants as [TestTenant];
  });
  afterEach(() => t.close());

  async function signRenewal(): Promise<number> {
    const renewalId = (await call(tenant, 'allocation', 'applyRenewal', { leaseId: tenant.leaseId })).data
      .id as string;
    const approved = await call(admin, 'allocation', 'decideRenewal', { renewalId, approve: true, years: 3 });
    expect(approved.data).toMatchObject({ status: 'approved', newStartDate: '2027-02-01' });
    const contract = (
      await call(tenant, 'allocation', 'getLeaseContract', { contractId: approved.data.contractId })
    ).data;
    const signed = await signContract(t, tenant, contract);
    expect(signed.data).toMatchObject({ status: 'signed' });
    return approved.data.newMonthlyRentFen as number;
  }

  async function bill(period: string, at: string): Promise<BillDoc> {
    t.clock.set(at);
    const r = await call(admin, 'billing', 'runMonthly', { period });
    expect(r.ok).toBe(true);
    return (await t.doc<BillDoc>(COLLECTIONS.bills, `bill-${tenant.leaseId}-${period}`)) as BillDoc;
  }
  const rentLine = (b: BillDoc) => b.lines.find((l) => l.kind === 'rent');

  it('the first month of the new term is billed at the renewed rent, the month before at the rules’ rent', async () => {
    const contractRentFen = await signRenewal();
    const lease = (await t.doc<LeaseDoc>(COLLECTIONS.leases, tenant.leaseId)) as LeaseDoc;
    expect(lease.nextRent?.monthlyRentFen).toBe(contractRentFen);
    // The market rent goes up after the renewal: the rules would now quote more than the contract says.
    const unit = (await t.doc<UnitDoc>(COLLECTIONS.units, lease.unitId)) as UnitDoc;
    await t.db
      .collection(COLLECTIONS.units)
      .doc(unit._id)
      .update({ monthlyRentFen: unit.monthlyRentFen * 2 });

    const january = await bill('2027-01', '2027-01-02T02:00:00Z');
    const february = await bill('2027-02', '2027-02-02T02:00:00Z');

    expect(rentLine(february)).toMatchObject({
      amountFen: contractRentFen,
      label: '租金（续租合同约定）',
      clause: expect.stringContaining('续租合同约定，2027-02-01 起执行'),
    });
    expect(february.lines.some((l) => l.kind === 'reduction')).toBe(false);
    expect(february.lines.reduce((a, l) => a + l.amountFen, 0)).toBe(february.amountFen);
    expect(rentLine(january)?.label).not.toContain('续租');
    expect(rentLine(january)?.amountFen).not.toBe(contractRentFen);
    expect(january.amountFen).not.toBe(february.amountFen);
  });

  it('generating the month again, or rescanning it, does not bill it twice', async () => {
    const contractRentFen = await signRenewal();
    const first = await bill('2027-02', '2027-02-02T02:00:00Z');
    const again = await call(admin, 'billing', 'runMonthly', { period: '2027-02' });
    expect(again.ok).toBe(true);
    expect(await t.count(COLLECTIONS.bills, { leaseId: tenant.leaseId, period: '2027-02' })).toBe(1);
    const after = (await t.doc<BillDoc>(COLLECTIONS.bills, first._id)) as BillDoc;
    expect(after).toEqual(first);
    expect(rentLine(after)?.amountFen).toBe(contractRentFen);
  });
});
