import { COLLECTIONS } from '@shared/collections';
import type {
  ContractDoc,
  HouseholdDoc,
  LeaseDoc,
  RenewalDoc,
  UnitDoc,
} from '../../../cloudfunctions/_runtime/documents';
import { makeHousehold } from '../../factories/housing.factory';
import { makeSignaturePng } from '../../factories/png.factory';
import { createRng } from '../../factories/rng';
import { renewalWorld, signContract } from '../../factories/renewal.scenario';
import {
  addProject,
  addUser,
  openTestHost,
  type TestHost,
  type TestTenant,
  type TestUser,
} from '../../factories/scenario.factory';

/**
 * Renewal decisions (Ulanqab Art. 21): the office sees leases ending soon by due date, re-checks eligibility
 * with the rules module, approves (new term, tier rent, a contract the tenant signs online) or refuses with
 * the clause and the move-out date; households that have not applied are told before the due date. The
 * first lease of the project ends on 2027-01-31 (due by 2026-10-31); the clock starts 2026-10-05.
 */
describe('renewal decisions', () => {
  let t: TestHost;
  let admin: TestUser;
  let tenant: TestTenant;
  let rich: TestTenant;
  let quiet: TestTenant;
  const call = (who: { openid: string }, action: string, input: object = {}) =>
    t.call('allocation', who.openid, action, input);

  beforeEach(async () => {
    const world = await renewalWorld({
      projectId: 'p-ren',
      tenants: 3,
      // The second household's income is far above any line.
      household: (i) => (i === 1 ? { annualIncomeFen: 500_000_00 } : {}),
    });
    ({ t, admin } = world);
    [tenant, rich, quiet] = world.tenants as [TestTenant, TestTenant, TestTenant];
  });
  afterEach(() => t.close());

  it('lists leases by due date; approval drafts a contract the tenant signs online, which extends the lease', async () => {
    const list = await call(admin, 'listRenewals', { withinMonths: 6 });
    expect(list.data).toHaveLength(3);
    expect(list.data[0]).toMatchObject({ status: 'not_applied', dueBy: '2026-10-31', endDate: '2027-01-31' });
    const applied = await call(tenant, 'applyRenewal', { leaseId: tenant.leaseId });
    const renewalId = applied.data.id as string;
    const submitted = (await call(admin, 'listRenewals', { status: 'submitted' })).data;
    expect(submitted).toHaveLength(1);
    expect(submitted[0]).toMatchObject({ renewalId, eligible: true, reasons: [] });

    const approved = await call(admin, 'decideRenewal', { renewalId, approve: true, years: 3 });
    expect(approved.data).toMatchObject({
      status: 'approved',
      newStartDate: '2027-02-01',
      newEndDate: '2030-01-31',
      contractId: `c-${renewalId}`,
    });
    expect(approved.data.newMonthlyRentFen).toBeGreaterThan(0);
    // The same decision again changes nothing; the opposite one is refused.
    expect((await call(admin, 'decideRenewal', { renewalId, approve: true })).data.contractId).toBe(
      `c-${renewalId}`,
    );
    expect(
      (await call(admin, 'decideRenewal', { renewalId, approve: false, reason: '改主意' })).error.code,
    ).toBe('STATE_INVALID');

    const mine = (await call(tenant, 'myLeaseContracts')).data;
    expect(mine).toEqual([
      expect.objectContaining({ kind: 'renewal', status: 'draft', endDate: '2030-01-31' }),
    ]);
    expect((await call(rich, 'getLeaseContract', { contractId: mine[0].id })).error.code).toBe('NOT_FOUND');
    const contract = (await call(tenant, 'getLeaseContract', { contractId: mine[0].id })).data;
    expect(contract.text).toContain('2027年2月1日');
    const signed = await signContract(t, tenant, contract);
    expect(signed.data).toMatchObject({ status: 'signed', digestMatches: true });
    const lease = await t.doc<LeaseDoc>(COLLECTIONS.leases, tenant.leaseId);
    expect(lease).toMatchObject({
      status: 'active',
      endDate: '2030-01-31',
      nextRent: { fromDate: '2027-02-01', monthlyRentFen: approved.data.newMonthlyRentFen },
    });
    expect((await t.doc<RenewalDoc>(COLLECTIONS.renewals, renewalId))?.status).toBe('signed');
    expect(
      await t.count(COLLECTIONS.auditLog, { entityId: tenant.leaseId, action: 'renewal_approved' }),
    ).toBe(1);
  });

  it('Art.11: approval of a household above the income line is refused with the clause, and nothing is written', async () => {
    const renewalId = (await call(rich, 'applyRenewal', { leaseId: rich.leaseId })).data.id as string;
    const row = (await call(admin, 'listRenewals', { status: 'submitted' })).data[0];
    expect(row.eligible).toBe(false);
    expect(row.reasons.join('')).toContain('高于本地低收入保障线');
    const before = JSON.stringify([await t.all(COLLECTIONS.renewals), await t.all(COLLECTIONS.contracts)]);
    const r = await call(admin, 'decideRenewal', { renewalId, approve: true });
    expect(r.error).toMatchObject({
      code: 'RULE_VIOLATION',
      message: expect.stringContaining('高于本地低收入保障线'),
    });
    expect(JSON.stringify([await t.all(COLLECTIONS.renewals), await t.all(COLLECTIONS.contracts)])).toBe(
      before,
    );

    const refused = await call(admin, 'decideRenewal', {
      renewalId,
      approve: false,
      reason: '家庭收入超过保障线',
    });
    expect(refused.data).toMatchObject({ status: 'refused', moveOutBy: '2027-01-31' });
    const doc = await t.doc<RenewalDoc>(COLLECTIONS.renewals, renewalId);
    expect(doc?.clause).toContain('续租审核不符合条件');
    const told = await t.all<{ toUserId: string; body: string }>(COLLECTIONS.outbox);
    expect(told.some((m) => m.toUserId === rich.userId && m.body.includes('2027-01-31'))).toBe(true);
  });

  it('households that have not applied are told before the due date, once per stage, however often the timer runs', async () => {
    await call(tenant, 'applyRenewal', { leaseId: tenant.leaseId });
    const first = await t.trigger('allocation', 'daily-renewal-reminders');
    expect(first.ok).toBe(true);
    await t.trigger('allocation', 'daily-renewal-reminders');
    const messages = async () =>
      (await t.all<{ toUserId: string; title: string }>(COLLECTIONS.outbox)).filter(
        (m) => m.title === '续租申请提醒',
      );
    const told = await messages();
    expect(told.map((m) => m.toUserId).sort()).toEqual([quiet.userId, rich.userId].sort());
    // In the last week, once more.
    t.clock.set('2026-10-26T02:00:00Z');
    await t.trigger('allocation', 'daily-renewal-reminders');
    expect(await messages()).toHaveLength(4);
    // After the due date, nobody is told.
    t.clock.set('2026-11-02T02:00:00Z');
    await t.trigger('allocation', 'daily-renewal-reminders');
    expect(await messages()).toHaveLength(4);
  });
});

describe('an accepted vacancy offer leads to an online lease, signed like a round’s', () => {
  it('drafts the contract, signs it, and lets the unit to the household', async () => {
    const t = await openTestHost('2026-11-22T02:00:00Z');
    try {
      const admin = await addUser(t.db, { id: 'u-admin', roles: ['admin'] });
      const unitId = (await addProject(t.db, { id: 'p-vac', floors: 1, perFloor: 1 })).vacantUnitIds[0]!;
      const h = makeHousehold(createRng(3), { _id: 'w-1', status: 'waitlisted', category: 'dibao' });
      const { _id, ...body } = h;
      await t.db.collection(COLLECTIONS.households).doc(_id).set(body);
      const user = await addUser(t.db, { id: 'u-w1', roles: [], householdId: 'w-1' });
      const offer = await t.call('allocation', admin.openid, 'offerVacancy', { unitId, acceptDays: 3 });
      await t.call('allocation', user.openid, 'respondOffer', { offerId: offer.data.id, accept: true });

      const mine = (await t.call('allocation', user.openid, 'myLeaseContracts', {})).data;
      expect(mine).toEqual([
        expect.objectContaining({ kind: 'offer', status: 'draft', startDate: '2026-11-22' }),
      ]);
      // Opening the list again drafts nothing more.
      await t.call('allocation', user.openid, 'myLeaseContracts', {});
      expect(await t.count(COLLECTIONS.contracts)).toBe(1);
      const c = (await t.call('allocation', user.openid, 'getLeaseContract', { contractId: mine[0].id }))
        .data;
      const wrongText = await t.call('allocation', user.openid, 'signLeaseContract', {
        contractId: c.id,
        signatureFileId: await t.upload(user.openid, 'signature', makeSignaturePng(64, 32, 4)),
        textSha256: '0'.repeat(64),
      });
      expect(wrongText.error.code).toBe('CONFLICT');
      expect(await t.count(COLLECTIONS.leases)).toBe(0);
      const signed = await t.call('allocation', user.openid, 'signLeaseContract', {
        contractId: c.id,
        signatureFileId: await t.upload(user.openid, 'signature', makeSignaturePng(64, 32, 4)),
        textSha256: c.textSha256,
      });
      expect(signed.data).toMatchObject({ status: 'signed', digestMatches: true, kind: 'offer' });
      expect((await t.doc<UnitDoc>(COLLECTIONS.units, unitId))?.status).toBe('occupied');
      expect((await t.doc<HouseholdDoc>(COLLECTIONS.households, 'w-1'))?.status).toBe('tenant');
      const lease = await t.doc<LeaseDoc>(COLLECTIONS.leases, `l-${c.id}`);
      expect(lease).toMatchObject({ status: 'active', householdId: 'w-1', unitId, contractId: c.id });
      expect((await t.doc<ContractDoc>(COLLECTIONS.contracts, c.id))?.leaseId).toBe(`l-${c.id}`);
    } finally {
      t.close();
    }
  });
});
