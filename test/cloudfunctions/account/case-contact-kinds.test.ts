import { COLLECTIONS } from '@shared/collections';
import { ADMIN, contactWorld, MANAGER, OTHER_MANAGER, WORKER } from '../../factories/contact.scenario';
import { addBill, addUser, type TestHost, type TestTenant } from '../../factories/scenario.factory';

const VOLUNTEER = 'wx-u-volunteer';
const OTHER_VOLUNTEER = 'wx-u-volunteer-other';

/**
 * 联系租户 beyond repairs (issue #19): a household behind on rent (the project's manager), a hazard in a home
 * (the project's manager and volunteers), an exit case (the housing office). Anyone else, or a closed
 * case, is refused in Chinese and nothing is audited as a call; every answered call is audited without
 * the number.
 */
describe('account.caseContact: arrears, hazards, exit cases', () => {
  let t: TestHost;
  let tenant: TestTenant;
  let paying: TestTenant;
  let phone: string;
  beforeEach(async () => {
    ({ t, tenant, neighbour: paying, phone } = await contactWorld());
    await addUser(t.db, { id: 'u-volunteer', roles: ['volunteer'], name: '周平', projectIds: ['p-test'] });
    await addUser(t.db, {
      id: 'u-volunteer-other',
      roles: ['volunteer'],
      name: '吴刚',
      projectIds: ['p-other'],
    });
  });
  afterEach(() => t.close());

  const contact = (openid: string, input: object) => t.call('account', openid, 'caseContact', input);
  const calls = async () =>
    (await t.db.collection(COLLECTIONS.auditLog).where({ action: 'contact_called' }).get()).data as {
      entityId: string;
      actorUserId: string;
      detail: string;
    }[];

  /** Everyone in `refused` gets the same Chinese NOT_FOUND, and the audit trail gains no call. */
  async function expectRefused(refused: string[], input: object) {
    const before = (await calls()).length;
    for (const openid of refused) {
      const answer = await contact(openid, input);
      expect(answer.ok).toBe(false);
      expect(answer.error.code).toBe('NOT_FOUND');
      expect(answer.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await calls()).length).toBe(before);
  }

  it('a household behind on rent: the project’s manager only, and only while a bill is overdue', async () => {
    await addBill(t.db, tenant, '2026-10'); // due 15 October, unpaid
    await addBill(t.db, paying, '2026-10', { paid: true });

    const answer = await contact(MANAGER, { leaseId: tenant.leaseId });
    expect(answer.data).toEqual({ name: expect.any(String), phone });
    expect(await calls()).toEqual([
      expect.objectContaining({
        entityId: tenant.householdId,
        actorUserId: 'u-manager',
        detail: expect.stringContaining('欠租'),
      }),
    ]);
    expect(JSON.stringify(await calls())).not.toContain(phone);

    await expectRefused([OTHER_MANAGER, WORKER, VOLUNTEER, ADMIN, tenant.openid, paying.openid], {
      leaseId: tenant.leaseId,
    });
    // A household that pays on time is nobody's arrears case.
    await expectRefused([MANAGER], { leaseId: paying.leaseId });
  });

  it('a hazard in a home: the project’s manager and volunteers while it is open; not a public area', async () => {
    const hazard = (id: string, unitId: string | null, status: string) =>
      t.db.collection(COLLECTIONS.hazards).doc(id).set({
        projectId: 'p-test',
        buildingId: tenant.buildingId,
        unitId,
        status,
        reporterUserId: 'u-volunteer',
      });
    await hazard('hz-home', tenant.unitId, 'assigned');
    await hazard('hz-stairs', null, 'open');
    await hazard('hz-closed', tenant.unitId, 'closed');

    for (const openid of [MANAGER, VOLUNTEER])
      expect((await contact(openid, { hazardId: 'hz-home' })).data.phone).toBe(phone);
    expect((await calls()).map((c) => c.actorUserId)).toEqual(['u-manager', 'u-volunteer']);

    await expectRefused([OTHER_MANAGER, OTHER_VOLUNTEER, WORKER, ADMIN, tenant.openid], {
      hazardId: 'hz-home',
    });
    await expectRefused([MANAGER, VOLUNTEER], { hazardId: 'hz-stairs' });
    await expectRefused([MANAGER, VOLUNTEER], { hazardId: 'hz-closed' });
  });

  it('an exit case: the housing office while it is open', async () => {
    const exitCase = (id: string, state: string) =>
      t.db.collection(COLLECTIONS.exitCases).doc(id).set({
        householdId: tenant.householdId,
        leaseId: tenant.leaseId,
        unitId: tenant.unitId,
        projectId: 'p-test',
        state,
      });
    await exitCase('exit-open', 'notified');
    await exitCase('exit-done', 'closed_no_exit');

    expect((await contact(ADMIN, { exitCaseId: 'exit-open' })).data.phone).toBe(phone);
    expect(await calls()).toEqual([
      expect.objectContaining({ actorUserId: 'u-admin', detail: expect.stringContaining('退出案件') }),
    ]);
    await expectRefused([MANAGER, OTHER_MANAGER, WORKER, VOLUNTEER, tenant.openid], {
      exitCaseId: 'exit-open',
    });
    await expectRefused([ADMIN], { exitCaseId: 'exit-done' });
    await expectRefused([ADMIN], { exitCaseId: 'exit-missing' });
  });

  it('refuses bad input in Chinese and audits nothing', async () => {
    for (const input of [
      {},
      { leaseId: '' },
      { leaseId: 'x'.repeat(500) },
      { leaseId: tenant.leaseId, hazardId: 'hz-home' },
      { householdId: tenant.householdId },
      { exitCaseId: 42 },
    ]) {
      const answer = await contact(ADMIN, input);
      expect(answer.ok).toBe(false);
      expect(answer.error.code).toBe('INVALID_INPUT');
      expect(answer.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await calls()).toEqual([]);
  });
});
