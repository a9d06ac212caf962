import { COLLECTIONS } from '@shared/collections';
import type { MeResult } from '@shared/contracts';
import { createLocalHost } from '../../../cloudfunctions/_local/local-host';
import type { HouseholdDoc } from '../../../cloudfunctions/_runtime/documents';
import type { PatrolVisitDoc } from '../../../cloudfunctions/patrol/patrol.documents';
import { makeApplication, makeHousehold, plainIdNumberOf } from '../../factories/housing.factory';
import { patrolDistrict } from '../../factories/patrol.scenario';
import { createRng } from '../../factories/rng';
import {
  addBill,
  addUser,
  openTestHost,
  smallDistrict,
  type TestHost,
  type TestTenant,
} from '../../factories/scenario.factory';

const NOW = '2026-11-22T10:00:00Z'; // 18:00 in Beijing

/** What each role sees first (account.me), on the small district (test/factories/scenario.factory.ts). */
describe('account.me', () => {
  let t: TestHost;
  const me = async (openid: string): Promise<MeResult> => {
    const res = await t.call('account', openid, 'me');
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    return res.data as MeResult;
  };

  beforeEach(async () => {
    t = await openTestHost(NOW);
  });
  afterEach(() => t.close());

  /** 测试家园: the first tenant owes October and November; the second November; the third December (not due). */
  async function withBills() {
    const d = await smallDistrict(t.db);
    const [t1, t2, t3] = d.project.tenants as [TestTenant, TestTenant, TestTenant];
    await addBill(t.db, t1, '2026-09', { paid: true });
    await addBill(t.db, t1, '2026-10');
    await addBill(t.db, t1, '2026-11');
    await addBill(t.db, t2, '2026-11');
    await addBill(t.db, t3, '2026-12');
    await addBill(t.db, d.other.tenants[0]!, '2026-11');
    return { ...d, t1, t2, t3 };
  }

  it('a tenant sees their own household, unit and the balance their open bills add up to', async () => {
    const { t1 } = await withBills();
    const result = await me(t1.openid);
    expect(result.tenant).toMatchObject({
      household: {
        id: t1.householdId,
        size: 2,
        category: 'low_income',
        status: 'tenant',
        statusLabel: '在租',
      },
      lease: {
        id: t1.leaseId,
        projectName: '测试家园',
        unitLabel: t1.unitLabel,
        monthlyRentFen: t1.monthlyRentFen,
      },
      unpaidBills: 2,
      balanceDueFen: 2 * t1.monthlyRentFen,
    });
    expect(result.projects).toEqual([]);
    expect(result.volunteer).toBeNull();
    expect(result.admin).toBeNull();
  });

  it('never sends ID number, phone or income to the tenant', async () => {
    const { t1 } = await withBills();
    const household = (await t.doc<HouseholdDoc>(COLLECTIONS.households, t1.householdId))!;
    const text = JSON.stringify(await me(t1.openid));
    expect(text).not.toContain(plainIdNumberOf(household));
    expect(text).not.toContain(household.phone);
    expect(text).not.toContain('annualIncomeFen');
    expect(text).not.toContain(String(household.annualIncomeFen));
  });

  it('a manager sees only the projects they manage, with arrears from overdue bills only', async () => {
    const { manager, t1, t2 } = await withBills();
    const result = await me(manager.openid);
    expect(result.projects).toEqual([
      {
        id: 'p-test',
        name: '测试家园',
        units: 6,
        occupied: 4,
        vacant: 2,
        leasesInArrears: 2,
        arrearsFen: 2 * t1.monthlyRentFen + t2.monthlyRentFen,
      },
    ]);
    expect(result.tenant).toBeNull();
  });

  it('an admin sees every project and the applications by review stage', async () => {
    const { admin } = await withBills();
    const rng = createRng(3);
    for (const [i, status] of (['submitted', 'second_review', 'approved', 'approved'] as const).entries()) {
      const h = makeHousehold(rng, { _id: `h-app-${i}`, status: 'applying' });
      const { _id, ...body } = makeApplication({
        _id: `app-${i}`,
        householdId: h._id,
        projectId: 'p-test',
        status,
      });
      await t.db.collection(COLLECTIONS.applications).doc(_id).set(body);
    }
    const result = await me(admin.openid);
    expect(result.projects.map((p) => p.id).sort()).toEqual(['p-other', 'p-test']);
    expect(result.admin!.applicationsByStatus).toMatchObject({ submitted: 1, second_review: 1, approved: 2 });
    expect(Object.values(result.admin!.applicationsByStatus).reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('a volunteer sees the home visits left on this quarter’s routes, one fewer after logging one', async () => {
    const d = await patrolDistrict(t, { plan: true });
    const before = await me(d.volunteer.openid);
    expect(before.volunteer).toMatchObject({ unitsToVisit: 6 }); // the six homes of 1栋
    expect(before.tenant).not.toBeNull(); // a tenant of 2栋 who volunteers
    const [stop] = await t.all<PatrolVisitDoc>(COLLECTIONS.patrolStops, {
      volunteerUserId: d.volunteer.userId,
      target: 'unit',
    });
    const logged = await t.call('patrol', d.volunteer.openid, 'logVisit', {
      clientLogId: 'me-test-log-1',
      visitId: stop!._id,
      outcome: 'refused',
      visitedAt: NOW,
      checklist: [],
      notes: '住户称身体不适，改日再来',
      photos: [],
    });
    expect(logged.ok).toBe(true);
    expect((await me(d.volunteer.openid)).volunteer!.unitsToVisit).toBe(5);
  });

  it('a WeChat user seen for the first time gets a user record with no roles, once', async () => {
    const first = await t.call('account', 'wx-first-timer', 'me');
    const second = await t.call('account', 'wx-first-timer', 'me');
    expect(first).toMatchObject({
      ok: true,
      data: { user: { roles: [], name: '新用户' }, tenant: null, projects: [] },
    });
    expect(second.data.user.id).toBe(first.data.user.id);
    expect(await t.count(COLLECTIONS.users, { openid: 'wx-first-timer' })).toBe(1);
  });

  it('counts arrears by China calendar days just after midnight in Beijing, as the billing function does', async () => {
    // 2026-11-16 00:30 in Beijing: bills due on the 15th are overdue, though it is still the 15th in UTC.
    t.clock.set('2026-11-15T16:30:00Z');
    const { manager, t1, t2 } = await withBills();
    const [project] = (await me(manager.openid)).projects;
    const arrears = await t.call('billing', manager.openid, 'arrears', { projectId: 'p-test' });
    expect(project).toMatchObject({
      leasesInArrears: 2,
      arrearsFen: 2 * t1.monthlyRentFen + t2.monthlyRentFen,
    });
    expect(arrears.data.rows).toHaveLength(2);
    expect(arrears.data.totalFen).toBe(project!.arrearsFen);
  });
});

describe('account.myApplication (Ulanqab Art. 13: 三审三公示)', () => {
  it('shows each review stage with when it was reached, and the current one', async () => {
    const t = await openTestHost(NOW);
    const rng = createRng(7);
    for (const [id, status] of [
      ['done', 'approved'],
      ['midway', 'second_review'],
    ] as const) {
      const h = makeHousehold(rng, { _id: `h-${id}`, status: 'waitlisted' });
      const { _id, ...body } = h;
      await t.db.collection(COLLECTIONS.households).doc(_id).set(body);
      const app = makeApplication({ _id: `app-${id}`, householdId: h._id, projectId: 'p-test', status });
      const { _id: appId, ...appBody } = app;
      await t.db.collection(COLLECTIONS.applications).doc(appId).set(appBody);
      await addUser(t.db, { id: `u-${id}`, roles: [], householdId: h._id });
    }
    await addUser(t.db, { id: 'u-manager', roles: ['manager'], projectIds: ['p-test'] });

    const approved = await t.call('account', 'wx-u-done', 'myApplication');
    expect(approved.data).toMatchObject({ status: 'approved', statusLabel: '已确定为保障对象' });
    const stages = approved.data.stages as { state: string; reachedAt: string | null; current: boolean }[];
    expect(stages.map((s) => s.state)).toEqual([
      'submitted',
      'initial_review',
      'initial_notice',
      'second_review',
      'second_notice',
      'final_review',
      'final_notice',
      'approved',
    ]);
    expect(stages.every((s) => s.reachedAt)).toBe(true);
    expect(stages.filter((s) => s.current).map((s) => s.state)).toEqual(['approved']);

    const midway = await t.call('account', 'wx-u-midway', 'myApplication');
    const mid = midway.data.stages as { state: string; reachedAt: string | null; current: boolean }[];
    expect(mid.filter((s) => s.reachedAt).map((s) => s.state)).toEqual([
      'submitted',
      'initial_review',
      'initial_notice',
      'second_review',
    ]);
    expect(mid.filter((s) => s.current).map((s) => s.state)).toEqual(['second_review']);
    expect(await t.call('account', 'wx-u-manager', 'myApplication')).toEqual({ ok: true, data: null });
    t.close();
  });
});

describe('the demo seed', () => {
  it('is the advertised size, and seeding twice writes it once', async () => {
    const now = new Date(NOW);
    const host = await createLocalHost({ dataFile: ':memory:', seed: true, now: () => now });
    const { seedDemoData } = await import('../../../cloudfunctions/_local/demo-seed');
    const again = await seedDemoData(host.runtime.db, now);
    expect(again.seeded).toBe(false);
    const count = async (c: string, where: object = {}) =>
      (await host.runtime.db.collection(c).where(where).count()).total;
    expect(await count(COLLECTIONS.projects)).toBe(3);
    expect(await count(COLLECTIONS.units)).toBe(312);
    expect(await count(COLLECTIONS.buildings)).toBe(10);
    expect(await count(COLLECTIONS.households)).toBe(500);
    expect(await count(COLLECTIONS.leases)).toBe(await count(COLLECTIONS.units, { status: 'occupied' }));
    // The personas the README lists, each able to sign in.
    expect(host.personas.map((p) => p.name)).toHaveLength(14);
    for (const p of host.personas) expect((await host.invoke('account', { action: 'me' }, p)).ok).toBe(true);
    host.close();
  });
});
