import { COLLECTIONS } from '@shared/collections';
import type { ExitCaseDoc, HouseholdDoc, UnitDoc } from '../../../cloudfunctions/_runtime/documents';
import { makeApplication, makeHousehold } from '../../factories/housing.factory';
import { makeSignaturePng } from '../../factories/png.factory';
import { createRng } from '../../factories/rng';
import {
  EXIT_POLICY as POLICY,
  exitWorld,
  inspectionPhoto,
  type ExitWorld,
} from '../../factories/exit.scenario';
import {
  addBill,
  addUser,
  type TestHost,
  type TestTenant,
  type TestUser,
} from '../../factories/scenario.factory';

/**
 * False material (乌兰察布 第三十二条(一)、第三十七条第二款) as an exit trigger: the office opens a case from a
 * tenancy, or from an approved application found false before any lease, with the evidence (text and photos
 * through storage) and both clauses; the consequences come from the rules module (market-rent back pay for
 * the months rented, the 1,000-yuan fine cap, the archive record, the five-year ban for a tenant; the
 * waitlist registration cancelled for an applicant). At most one open case per household.
 */
describe('false-material exit cases', () => {
  let t: TestHost;
  let admin: TestUser;
  let tenant: TestTenant;
  let world: ExitWorld;
  const call: ExitWorld['call'] = (who, action, input) => world.call(who, action, input);

  beforeEach(async () => {
    world = await exitWorld(2);
    ({ t, admin } = world);
    [tenant] = world.tenants as [TestTenant];
  });
  afterEach(() => t.close());

  async function waitlistedApplicant(status: 'approved' | 'final_review' = 'approved') {
    const household = makeHousehold(createRng(7), {
      _id: 'h-false',
      status: 'waitlisted',
      headName: '钱多多',
    });
    const { _id: householdId, ...body } = household;
    await t.db.collection(COLLECTIONS.households).doc(householdId).set(body);
    const user = await addUser(t.db, { id: 'u-false', roles: [], name: '钱多多', householdId });
    const app = makeApplication({
      _id: 'app-false',
      householdId: household._id,
      projectId: tenant.projectId,
      status,
    });
    const { _id: appId, ...appBody } = app;
    await t.db.collection(COLLECTIONS.applications).doc(appId).set(appBody);
    return { household, user, applicationId: app._id };
  }

  it('from a tenancy: both clauses, evidence photos kept, back pay at market rent for the months billed, ban and fine cap', async () => {
    const unit = (await t.doc<UnitDoc>(COLLECTIONS.units, tenant.unitId)) as UnitDoc;
    // Three months billed at the tenant's rent; the market rent is the unit's.
    for (const m of ['2026-08', '2026-09', '2026-10']) await addBill(t.db, tenant, m, { paid: true });
    const photos = [
      await t.upload(admin.openid, 'exit-evidence', makeSignaturePng(40, 40, 3)),
      await t.upload(admin.openid, 'exit-evidence', makeSignaturePng(40, 40, 4)),
    ];
    const r = await call(admin, 'openExitCase', {
      leaseId: tenant.leaseId,
      trigger: 'false_information',
      source: 'office',
      evidence: '民政部门核查：申请时隐瞒名下住房一套',
      evidencePhotoFileIds: photos,
      clientRequestId: 'false-case-1',
    });
    expect(r.error).toBeUndefined();
    const c = r.data;
    expect(c).toMatchObject({ stage: 'tenancy', trigger: 'false_information', state: 'opened' });
    expect(c.clause).toContain('第三十二条');
    expect(c.clause).toMatch(/第三十七条 ?第二款/);
    expect(c.consequences.join('')).toContain('按市场价格补缴');
    expect(c.consequences.join('')).toContain(`${POLICY.exit.reapplyBanYears} 年内不得再次申请`);
    expect(c.consequences.join('')).toContain('记入公共租赁住房管理档案');
    expect(c.maxFineFen).toBe(POLICY.exit.fineCapFen);
    expect(c.backPayDueFen).toBeGreaterThan(0);
    expect(c.backPayDueFen).toBe(3 * Math.max(0, unit.monthlyRentFen - tenant.monthlyRentFen));
    expect(c.evidencePhotoUrls).toHaveLength(2);
    const stored = (await t.doc<ExitCaseDoc>(COLLECTIONS.exitCases, c.id)) as ExitCaseDoc;
    expect(stored.evidencePhotoFileIds).toHaveLength(2);
    expect(stored.evidencePhotoFileIds?.every((f) => f.includes(`exit-cases/${c.id}/evidence-`))).toBe(true);
    // The household sees its case, but not the office's evidence photos.
    const mine = (await call(tenant, 'myExitCases')).data;
    expect(mine[0]).toMatchObject({ id: c.id, evidencePhotoUrls: [] });
    // The same request again answers the same case; another case for the household is refused.
    expect(
      (
        await call(admin, 'openExitCase', {
          leaseId: tenant.leaseId,
          trigger: 'false_information',
          source: 'office',
          evidence: '重复',
          clientRequestId: 'false-case-1',
        })
      ).data.id,
    ).toBe(c.id);
    const again = await call(admin, 'openExitCase', {
      leaseId: tenant.leaseId,
      trigger: 'sublet_or_change_of_use',
      source: 'report',
      evidence: '群众举报转租',
      clientRequestId: 'false-case-2',
    });
    expect(again.error.code).toBe('CONFLICT');
  });

  it('from an approved application before any lease: no inspection, the fine within the cap, the registration cancelled', async () => {
    const { household, user, applicationId } = await waitlistedApplicant();
    const opened = await call(admin, 'openExitCase', {
      applicationId,
      trigger: 'false_information',
      source: 'office',
      evidence: '公安部门核查：户籍人口虚报两人',
      clientRequestId: 'false-case-app',
    });
    expect(opened.ok).toBe(true);
    const caseId = opened.data.id as string;
    expect(opened.data).toMatchObject({
      stage: 'application',
      unitId: null,
      backPayDueFen: 0,
      maxFineFen: POLICY.exit.fineCapFen,
    });
    expect(opened.data.clause).toMatch(/第三十七条 ?第二款/);
    expect(opened.data.consequences.join('')).toContain('取消其轮候登记');
    expect(opened.data.consequences.join('')).not.toContain('不得再次申请');
    expect(opened.data.stepLabels.end_lease).toBe('取消轮候登记');

    await call(admin, 'exitNotify', { caseId, respondDays: 7 });
    const stated = await call(user, 'exitStatement', { caseId, text: '户籍材料系他人代办，我不知情' });
    expect(stated.data.state).toBe('statement_received');
    const decided = await call(admin, 'exitDecide', { caseId, reason: '经核实户籍虚报属实' });
    expect(decided.data).toMatchObject({ state: 'decided_exit', moveOutBy: null });
    expect(decided.data.nextSteps).toEqual(['settle']);

    const photo = await inspectionPhoto(world);
    const inspect = await call(admin, 'exitInspect', { caseId, note: '验房', photoFileIds: [photo] });
    expect(inspect.error).toMatchObject({
      code: 'STATE_INVALID',
      message: expect.stringContaining('无需退房验房'),
    });
    const tooMuch = await call(admin, 'exitSettle', {
      caseId,
      depositFen: 0,
      backPayFen: 0,
      damageFen: 0,
      fineFen: POLICY.exit.fineCapFen + 1,
    });
    expect(tooMuch.error.code).toBe('RULE_VIOLATION');
    const backPay = await call(admin, 'exitSettle', {
      caseId,
      depositFen: 0,
      backPayFen: 100,
      damageFen: 0,
      fineFen: 0,
    });
    expect(backPay.error.code).toBe('RULE_VIOLATION');
    const settled = await call(admin, 'exitSettle', {
      caseId,
      depositFen: 0,
      backPayFen: 0,
      damageFen: 0,
      fineFen: 50_000,
    });
    expect(settled.data.settlement).toMatchObject({ fineFen: 50_000, owedFen: 50_000, stillOwedFen: 50_000 });
    const ended = await call(admin, 'exitEndLease', { caseId, note: '已通知本人' });
    expect(ended.data).toMatchObject({
      state: 'vacated',
      stateLabel: '已取消保障资格和轮候登记',
      banEndsOn: null,
    });
    const h = (await t.doc<HouseholdDoc>(COLLECTIONS.households, household._id)) as HouseholdDoc;
    expect(h).toMatchObject({ status: 'exited', openExitCaseId: null });
    expect(await t.count(COLLECTIONS.auditLog, { entityId: caseId })).toBe(6);
  });

  it('refuses an application still in review, one whose household already rents, and other triggers on an application; nothing is written', async () => {
    const { applicationId } = await waitlistedApplicant('final_review');
    const before = JSON.stringify([await t.all(COLLECTIONS.exitCases), await t.count(COLLECTIONS.auditLog)]);
    const inReview = await call(admin, 'openExitCase', {
      applicationId,
      trigger: 'false_information',
      source: 'office',
      evidence: '材料虚假',
      clientRequestId: 'refused-case-1',
    });
    expect(inReview.error).toMatchObject({
      code: 'STATE_INVALID',
      message: expect.stringContaining('审核中'),
    });
    const wrongTrigger = await call(admin, 'openExitCase', {
      applicationId,
      trigger: 'vacant_6_months',
      source: 'office',
      evidence: '空置',
      clientRequestId: 'refused-case-2',
    });
    expect(wrongTrigger.error.code).toBe('INVALID_INPUT');
    const both = await call(admin, 'openExitCase', {
      applicationId,
      leaseId: tenant.leaseId,
      trigger: 'false_information',
      source: 'office',
      evidence: '材料虚假',
      clientRequestId: 'refused-case-3',
    });
    expect(both.error.code).toBe('INVALID_INPUT');
    const rentingApp = makeApplication({
      _id: 'app-renting',
      householdId: tenant.householdId,
      projectId: tenant.projectId,
      status: 'approved',
    });
    const { _id: rentingId, ...rentingBody } = rentingApp;
    await t.db.collection(COLLECTIONS.applications).doc(rentingId).set(rentingBody);
    const renting = await call(admin, 'openExitCase', {
      applicationId: rentingApp._id,
      trigger: 'false_information',
      source: 'office',
      evidence: '材料虚假',
      clientRequestId: 'refused-case-4',
    });
    expect(renting.error).toMatchObject({
      code: 'STATE_INVALID',
      message: expect.stringContaining('从其租约'),
    });
    expect(JSON.stringify([await t.all(COLLECTIONS.exitCases), await t.count(COLLECTIONS.auditLog)])).toBe(
      before,
    );
  });
});
