import { billBalance } from '@shared/rules/billing.rule';
import { COLLECTIONS } from '@shared/collections';
import type { MeResult } from '@shared/contracts';
import { createLocalHost, type LocalHost } from '../../../cloudfunctions/_local/local-host';
import type { BillDoc, HouseholdDoc, LeaseDoc } from '../../../cloudfunctions/_runtime/documents';

const NOW = new Date('2026-11-22T10:00:00Z');

describe('account.me on the seeded district', () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await createLocalHost({ dataFile: ':memory:', seed: true, now: () => NOW });
  });
  afterAll(() => host.close());

  const openid = (id: string) => host.personas.find((p) => p.id === id)!.openid;
  async function me(id: string): Promise<MeResult> {
    const res = await host.invoke('account', { action: 'me' }, { openid: openid(id) });
    if (!res.ok) throw new Error(res.error.code);
    return res.data as MeResult;
  }

  it('a tenant sees their own household, unit and the balance their open bills add up to', async () => {
    const result = await me('u-tenant-arrears');
    const user = (await host.runtime.db.collection(COLLECTIONS.users).doc('u-tenant-arrears').get())
      .data[0] as {
      householdId: string;
    };
    const lease = (
      await host.runtime.db.collection(COLLECTIONS.leases).where({ householdId: user.householdId }).get()
    ).data[0] as LeaseDoc;
    const bills = (
      await host.runtime.db.collection(COLLECTIONS.bills).where({ leaseId: lease._id }).limit(1000).get()
    ).data as BillDoc[];
    const open = bills.filter((b) => b.status === 'unpaid' || b.status === 'partial');
    expect(open.length).toBeGreaterThanOrEqual(3);
    expect(result.tenant?.household.id).toBe(user.householdId);
    expect(result.tenant?.lease?.id).toBe(lease._id);
    expect(result.tenant?.unpaidBills).toBe(open.length);
    expect(result.tenant?.balanceDueFen).toBe(
      open.reduce((s, b) => s + billBalance(b.amountFen, b.entries).balanceFen, 0),
    );
    expect(result.projects).toEqual([]);
    expect(result.admin).toBeNull();
  });

  it('never sends ID number, phone or income to the tenant', async () => {
    const result = await me('u-tenant');
    const household = (
      await host.runtime.db.collection(COLLECTIONS.households).doc(result.tenant!.household.id).get()
    ).data[0] as HouseholdDoc;
    const text = JSON.stringify(result);
    expect(text).not.toContain(household.idNumber);
    expect(text).not.toContain(household.phone);
    expect(text).not.toContain('annualIncomeFen');
  });

  it('a manager sees only the projects they manage, with arrears from overdue bills', async () => {
    const result = await me('u-manager');
    expect(result.projects.map((p) => p.id).sort()).toEqual(['p-anju', 'p-huimin']);
    for (const p of result.projects) {
      expect(p.units).toBe(p.occupied + p.vacant);
      const overdue = (
        await host.runtime.db
          .collection(COLLECTIONS.bills)
          .where({ projectId: p.id, status: host.runtime.db.command.in(['unpaid', 'partial']) })
          .limit(1000)
          .get()
      ).data as BillDoc[];
      const due = overdue.filter((b) => b.dueDate < '2026-11-22');
      expect(p.arrearsFen).toBe(due.reduce((s, b) => s + billBalance(b.amountFen, b.entries).balanceFen, 0));
      expect(p.leasesInArrears).toBe(new Set(due.map((b) => b.leaseId)).size);
    }
    expect(result.tenant).toBeNull();
  });

  it('an admin sees all three projects and application counts', async () => {
    const result = await me('u-admin');
    expect(result.projects).toHaveLength(3);
    const total = (await host.runtime.db.collection(COLLECTIONS.applications).where({}).count()).total;
    expect(Object.values(result.admin!.applicationsByStatus).reduce((a, b) => a + b, 0)).toBe(total);
  });

  it('a volunteer sees the home visits left on this quarter’s routes, one fewer after logging one', async () => {
    const stops = (
      await host.runtime.db
        .collection(COLLECTIONS.patrolStops)
        .where({ quarter: '2026-Q4', volunteerUserId: 'u-volunteer' })
        .limit(1000)
        .get()
    ).data as { _id: string; target: string; status: string; planId: string }[];
    const open = stops.filter((s) => s.target === 'unit' && s.status === 'to_visit');
    expect(open.length).toBeGreaterThan(0);
    const before = await me('u-volunteer');
    expect(before.volunteer!.unitsToVisit).toBe(open.length);
    expect(before.tenant).not.toBeNull();

    const logged = await host.invoke(
      'patrol',
      {
        action: 'logVisit',
        clientLogId: 'me-test-log-1',
        visitId: open[0]!._id,
        outcome: 'refused',
        visitedAt: NOW.toISOString(),
        checklist: [],
        notes: '住户称身体不适，改日再来',
        photos: [],
      },
      { openid: openid('u-volunteer') },
    );
    if (!logged.ok) throw new Error(JSON.stringify(logged.error));
    expect((await me('u-volunteer')).volunteer!.unitsToVisit).toBe(open.length - 1);
  });

  it('a WeChat user seen for the first time gets a user record with no roles, once', async () => {
    const first = await host.invoke('account', { action: 'me' }, { openid: 'wx-first-timer' });
    const second = await host.invoke('account', { action: 'me' }, { openid: 'wx-first-timer' });
    expect(first).toMatchObject({
      ok: true,
      data: { user: { roles: [], name: '新用户' }, tenant: null, projects: [] },
    });
    expect(second.ok && first.ok && (second.data as MeResult).user.id).toBe(
      first.ok && (first.data as MeResult).user.id,
    );
    expect(
      (await host.runtime.db.collection(COLLECTIONS.users).where({ openid: 'wx-first-timer' }).count()).total,
    ).toBe(1);
  });
});

describe('the demo seed', () => {
  it('is the advertised size, and seeding twice writes it once', async () => {
    const host = await createLocalHost({ dataFile: ':memory:', seed: true, now: () => NOW });
    const { seedDemoData } = await import('../../../cloudfunctions/_local/demo-seed');
    const again = await seedDemoData(host.runtime.db, NOW);
    expect(again.seeded).toBe(false);
    const count = async (c: string) => (await host.runtime.db.collection(c).where({}).count()).total;
    expect(await count(COLLECTIONS.projects)).toBe(3);
    expect(await count(COLLECTIONS.units)).toBeGreaterThanOrEqual(280);
    expect(await count(COLLECTIONS.units)).toBeLessThanOrEqual(330);
    expect(await count(COLLECTIONS.households)).toBe(500);
    expect(await count(COLLECTIONS.leases)).toBe(
      await host.runtime.db
        .collection(COLLECTIONS.units)
        .where({ status: 'occupied' })
        .count()
        .then((r) => r.total),
    );
    host.close();
  });
});

describe('account.myApplication (Ulanqab Art. 13: 三审三公示)', () => {
  it('shows each review stage with when it was reached, and the current one', async () => {
    const host = await createLocalHost({ dataFile: ':memory:', seed: true, now: () => NOW });
    const approved = await host.invoke('account', { action: 'myApplication' }, { openid: 'demo-applicant' });
    expect(approved).toMatchObject({
      ok: true,
      data: { status: 'approved', statusLabel: '已确定为保障对象' },
    });
    const stages = (
      approved.ok
        ? (approved.data as { stages: { state: string; reachedAt: string | null; current: boolean }[] })
        : null
    )!.stages;
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

    const app = (
      await host.runtime.db
        .collection(COLLECTIONS.applications)
        .where({ status: 'second_review' })
        .limit(1)
        .get()
    ).data[0] as { householdId: string };
    await host.runtime.db.collection(COLLECTIONS.users).add({
      openid: 'wx-midway',
      name: 'x',
      roles: [],
      householdId: app.householdId,
      createdAt: NOW.toISOString(),
    });
    const midway = await host.invoke('account', { action: 'myApplication' }, { openid: 'wx-midway' });
    const mid = (
      midway.ok ? (midway.data as { stages: { state: string; reachedAt: string | null }[] }) : null
    )!.stages;
    expect(mid.filter((s) => s.reachedAt).map((s) => s.state)).toEqual([
      'submitted',
      'initial_review',
      'initial_notice',
      'second_review',
    ]);
    expect(await host.invoke('account', { action: 'myApplication' }, { openid: 'demo-manager' })).toEqual({
      ok: true,
      data: null,
    });
    host.close();
  });
});

describe('account.me just after midnight in Beijing (16:30 UTC)', () => {
  // 2026-11-16 00:30 Beijing time: bills due on the 15th are overdue, though it is still the 15th in UTC.
  const LATE = new Date('2026-11-15T16:30:00Z');
  let host: LocalHost;
  beforeAll(async () => {
    host = await createLocalHost({ dataFile: ':memory:', seed: true, now: () => LATE });
  });
  afterAll(() => host.close());

  it('counts arrears by China calendar days, as the billing function does', async () => {
    const openid = host.personas.find((p) => p.id === 'u-manager')!.openid;
    const me = await host.invoke('account', { action: 'me' }, { openid });
    if (!me.ok) throw new Error(me.error.code);
    const dueOn15 = (
      await host.runtime.db
        .collection(COLLECTIONS.bills)
        .where({ dueDate: '2026-11-15', status: host.runtime.db.command.in(['unpaid', 'partial']) })
        .count()
    ).total;
    expect(dueOn15).toBeGreaterThan(0);
    for (const p of (me.data as MeResult).projects) {
      const arrears = await host.invoke('billing', { action: 'arrears', projectId: p.id }, { openid });
      if (!arrears.ok) throw new Error(arrears.error.code);
      const rows = (arrears.data as { rows: unknown[]; totalFen: number }).rows;
      expect(p.leasesInArrears).toBe(rows.length);
      expect(p.arrearsFen).toBe((arrears.data as { totalFen: number }).totalFen);
    }
  });
});
