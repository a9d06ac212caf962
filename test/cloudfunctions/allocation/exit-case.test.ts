import { COLLECTIONS } from '@shared/collections';
import type {
  ExitCaseDoc,
  HouseholdDoc,
  LeaseDoc,
  UnitDoc,
} from '../../../cloudfunctions/_runtime/documents';
import { openExport } from '../../factories/export.factory';
import type { ExitWorld } from '../../factories/exit.scenario';
import { addArrears, exitWorld, inspectionPhoto, openArrearsCase } from '../../factories/exit.scenario';
import type { TestHost, TestTenant, TestUser } from '../../factories/scenario.factory';

/**
 * Exit cases through the allocation function (Ulanqab Art. 31–33, 37, 38): opened from billing's arrears
 * (6 months, counted from the bills, not from the caller), taken step by step by the one role the rules
 * module names, every step audited; refusals write nothing; one open case per household.
 */
describe('exit cases', () => {
  let t: TestHost;
  let admin: TestUser;
  let tenant: TestTenant;
  let neighbour: TestTenant;
  let world: ExitWorld;
  const call: ExitWorld['call'] = (who, action, input) => world.call(who, action, input);
  const snapshot = async () =>
    JSON.stringify([
      await t.all(COLLECTIONS.exitCases),
      await t.all(COLLECTIONS.households),
      await t.all(COLLECTIONS.leases),
      await t.all(COLLECTIONS.units),
      await t.count(COLLECTIONS.auditLog),
    ]);

  const withArrears = (months: number) => addArrears(t, tenant, months);
  const openArrears = (id = 'exit-open-1') => openArrearsCase(world, tenant, id);

  beforeEach(async () => {
    world = await exitWorld(3);
    ({ t, admin } = world);
    [tenant, neighbour] = world.tenants as [TestTenant, TestTenant];
  });
  afterEach(() => t.close());

  it('Art.32(4): five months of arrears are refused with the clause, and nothing is written', async () => {
    await withArrears(5);
    const before = await snapshot();
    const r = await openArrears();
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATION', message: expect.stringContaining('未达到 6 个月') },
    });
    expect(await snapshot()).toBe(before);
  });

  it('takes an arrears case from the flag to a vacated unit offered to the waitlist, every step audited', async () => {
    await withArrears(6);
    const opened = await openArrears();
    expect(opened.ok).toBe(true);
    const id = opened.data.id as string;
    expect(opened.data).toMatchObject({
      state: 'opened',
      arrearsMonths: 6,
      arrearsFen: tenant.monthlyRentFen * 6,
      clause: expect.stringContaining('第三十二条'),
      nextSteps: ['notify', 'close_no_exit'],
    });
    expect(opened.data.consequences.join('')).toContain('5 年内不得再次申请');
    // Retried with the same request id: the same case, stored once.
    expect((await openArrears()).data.id).toBe(id);
    expect(await t.count(COLLECTIONS.exitCases)).toBe(1);

    const notified = await call(admin, 'exitNotify', { caseId: id, respondDays: 15 });
    expect(notified.data).toMatchObject({ state: 'notified', respondBy: '2026-12-05' });
    expect(notified.data.noticeText).toContain('2026-12-05');
    // The household was told.
    const messages = await t.all<{ toUserId: string; body: string }>(COLLECTIONS.outbox);
    expect(messages.some((m) => m.toUserId === tenant.userId && m.body.includes('2026-12-05'))).toBe(true);

    // The office cannot decide during the period without a statement; nothing changes.
    const early = await snapshot();
    expect(
      (await call(admin, 'exitDecide', { caseId: id, reason: '欠租未缴', moveOutDays: 30 })).error,
    ).toMatchObject({
      code: 'STATE_INVALID',
      message: expect.stringContaining('2026-12-05'),
    });
    expect(await snapshot()).toBe(early);

    // The household sees its own case and states its case; another household does not see it.
    expect((await call(neighbour, 'exitCase', { caseId: id })).error.code).toBe('NOT_FOUND');
    expect((await call(tenant, 'myExitCases')).data).toHaveLength(1);
    const stated = await call(tenant, 'exitStatement', { caseId: id, text: '家中困难，申请分期缴纳' });
    expect(stated.data).toMatchObject({
      state: 'statement_received',
      statement: { text: '家中困难，申请分期缴纳' },
    });

    const decided = await call(admin, 'exitDecide', {
      caseId: id,
      reason: '经核实无正当理由',
      moveOutDays: 30,
    });
    expect(decided.data).toMatchObject({ state: 'decided_exit', moveOutBy: '2026-12-20' });

    const photo = await inspectionPhoto(world);
    const inspected = await call(admin, 'exitInspect', {
      caseId: id,
      note: '房屋完好，钥匙交回',
      photoFileIds: [photo],
    });
    expect(inspected.data).toMatchObject({ state: 'inspected', inspection: { photoCount: 1 } });
    // The office sees the stored photo through a temporary address; the household's view carries none.
    const stored = await t.fetchUrl(inspected.data.inspection.photoUrls[0]);
    expect(stored?.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect((await call(tenant, 'exitCase', { caseId: id })).data.inspection.photoUrls).toEqual([]);

    const fineTooHigh = await call(admin, 'exitSettle', {
      caseId: id,
      depositFen: 300_000,
      backPayFen: 0,
      damageFen: 0,
      fineFen: 100_001,
    });
    expect(fineTooHigh.error.code).toBe('RULE_VIOLATION');
    const settled = await call(admin, 'exitSettle', {
      caseId: id,
      depositFen: tenant.monthlyRentFen * 6 + 50_000,
      backPayFen: 0,
      damageFen: 10_000,
      fineFen: 0,
    });
    expect(settled.data.settlement).toMatchObject({
      arrearsFen: tenant.monthlyRentFen * 6,
      refundDueFen: 40_000,
      stillOwedFen: 0,
      refundStatus: 'due',
    });

    const ended = await call(admin, 'exitEndLease', { caseId: id, note: '已退房' });
    expect(ended.data).toMatchObject({ state: 'vacated', endedOn: '2026-11-20', banEndsOn: '2031-11-20' });
    expect((await t.doc<LeaseDoc>(COLLECTIONS.leases, tenant.leaseId))?.status).toBe('ended');
    expect((await t.doc<UnitDoc>(COLLECTIONS.units, tenant.unitId))?.status).toBe('vacant');
    const household = await t.doc<HouseholdDoc>(COLLECTIONS.households, tenant.householdId);
    expect(household).toMatchObject({
      status: 'exited',
      lastDisqualifiedOn: '2026-11-20',
      openExitCaseId: null,
    });

    // Every step is in the audit trail with who did it.
    const audit = await t.all<{ entityId: string; action: string; actorUserId: string }>(
      COLLECTIONS.auditLog,
      {
        entityId: id,
      },
    );
    expect(audit.map((a) => a.action).sort()).toEqual(
      ['decide_exit', 'end_lease', 'inspect', 'notify', 'opened', 'settle', 'statement'].sort(),
    );
    expect(audit.find((a) => a.action === 'statement')?.actorUserId).toBe(tenant.userId);

    // The vacated unit is among the vacancies, ready to be offered to the waitlist.
    const vacancies = await call(admin, 'listVacancies', { projectId: tenant.projectId });
    expect(vacancies.data.map((v: { unit: { id: string } }) => v.unit.id)).toContain(tenant.unitId);
  });

  it('a step of the wrong role or state is refused and changes nothing; the same step retried is stored once', async () => {
    await withArrears(6);
    const id = (await openArrears()).data.id as string;
    const before = await snapshot();
    for (const [who, action, input] of [
      [tenant, 'exitNotify', { caseId: id, respondDays: 15 }],
      [admin, 'exitStatement', { caseId: id, text: '说明' }],
      [tenant, 'exitStatement', { caseId: id, text: '尚未通知' }],
      [admin, 'exitEndLease', { caseId: id, note: '跳步' }],
      [neighbour, 'exitClose', { caseId: id, reason: '不是我的' }],
    ] as const) {
      const r = await call(who, action, input);
      expect({ action, code: r.error?.code }).toEqual({
        action,
        code: expect.stringMatching(/^(NOT_FOUND|STATE_INVALID)$/),
      });
    }
    expect(await snapshot()).toBe(before);
    await call(admin, 'exitNotify', { caseId: id, respondDays: 15 });
    await call(admin, 'exitNotify', { caseId: id, respondDays: 15 });
    const doc = await t.doc<ExitCaseDoc>(COLLECTIONS.exitCases, id);
    expect(doc?.steps.map((s) => s.step)).toEqual(['open', 'notify']);
  });

  it('at most one open case per household, even when two openings race', async () => {
    await withArrears(6);
    const [a, b] = await Promise.all([openArrears('race-one-1'), openArrears('race-two-2')]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect([a, b].find((r) => !r.ok)?.error.code).toBe('CONFLICT');
    expect(await t.count(COLLECTIONS.exitCases)).toBe(1);
  });

  it('closing without exit (arrears paid) is a decision with a reason, and frees the household for a later case', async () => {
    await withArrears(6);
    const id = (await openArrears()).data.id as string;
    const closed = await call(admin, 'exitClose', { caseId: id, reason: '住户已结清全部欠租' });
    expect(closed.data).toMatchObject({
      state: 'closed_no_exit',
      decisionReason: '住户已结清全部欠租',
      nextSteps: [],
    });
    expect(
      (await t.doc<HouseholdDoc>(COLLECTIONS.households, tenant.householdId))?.openExitCaseId,
    ).toBeNull();
    expect((await t.doc<LeaseDoc>(COLLECTIONS.leases, tenant.leaseId))?.status).toBe('active');
    const again = await call(admin, 'openExitCase', {
      leaseId: tenant.leaseId,
      trigger: 'sublet_or_change_of_use',
      source: 'patrol',
      evidence: '巡查发现转租',
      clientRequestId: 'later-case',
    });
    expect(again.data).toMatchObject({ state: 'opened', trigger: 'sublet_or_change_of_use' });
  });

  it('a patrol signal names a unit: the case opens on its active lease; a unit and a lease together are refused', async () => {
    const base = { trigger: 'sublet_or_change_of_use', source: 'patrol', evidence: '巡查发现转租迹象' };
    const both = await call(admin, 'openExitCase', {
      ...base,
      leaseId: tenant.leaseId,
      unitId: tenant.unitId,
      clientRequestId: 'both-ids-1',
    });
    expect(both.error.code).toBe('INVALID_INPUT');
    expect((await call(admin, 'openExitCase', { ...base, clientRequestId: 'no-ids-12' })).error.code).toBe(
      'INVALID_INPUT',
    );
    expect(await t.count(COLLECTIONS.exitCases)).toBe(0);
    const byUnit = await call(admin, 'openExitCase', {
      ...base,
      unitId: tenant.unitId,
      clientRequestId: 'by-unit-1',
    });
    expect(byUnit.data).toMatchObject({
      unitId: tenant.unitId,
      trigger: 'sublet_or_change_of_use',
      state: 'opened',
    });
    const doc = await t.doc<ExitCaseDoc>(COLLECTIONS.exitCases, byUnit.data.id);
    expect(doc?.leaseId).toBe(tenant.leaseId);
  });

  it('the office lists open cases by deadline with overdue flagged, and exports them', async () => {
    await withArrears(6);
    const id = (await openArrears()).data.id as string;
    await call(admin, 'exitNotify', { caseId: id, respondDays: 7 });
    t.clock.set('2026-11-28T02:00:00Z');
    const list = await call(admin, 'listExitCases', { state: 'open', sort: 'due' });
    expect(list.data).toHaveLength(1);
    expect(list.data[0].deadline).toEqual({
      awaiting: expect.any(String),
      dueOn: '2026-11-27',
      overdue: true,
    });
    expect((await call(admin, 'listExitCases', { state: 'vacated' })).data).toHaveLength(0);
    expect((await call(tenant, 'listExitCases', {})).error.code).toBe('NOT_FOUND');
    const file = await call(admin, 'exportExitCases', { state: 'all' });
    const book = await openExport(t, file.data, admin.openid);
    const sheet = book.getWorksheet('退出案件');
    expect(sheet?.getRow(2).getCell(10).value).toBe('逾期');
  });
});
