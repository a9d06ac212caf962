import { COLLECTIONS } from '@shared/collections';
import type { DistrictSettingsResult, MeResult } from '@shared/contracts';
import { WUCHANG_PRESET } from '@shared/policy/presets/district.presets';
import { currentSettings, type DistrictSettingValues } from '@shared/rules/district-settings.rule';
import { tierForIncome } from '@shared/rules/rent.rule';
import type { BillDoc, HouseholdDoc, UnitDoc } from '../../../cloudfunctions/_runtime/documents';
import type { PolicyVersionDoc } from '../../../cloudfunctions/_runtime/policy-versions';
import { openTestHost, smallDistrict, type TestHost } from '../../factories/scenario.factory';

jest.setTimeout(60_000);

/**
 * Issue #16 "District settings before real money": a district without saved values refuses to bill, quote
 * rent or pay subsidies on the presets' example values (示例值), naming the values to set; the settings
 * page's action saves a version from a month's first day, checked by the rules module (nothing saved on a
 * bad value), audited; each month is billed by the version in force on its first day.
 */
const START = '2026-11-22T02:00:00Z'; // 22 November 2026 in China
const ADMIN = 'wx-u-admin';
const MANAGER = 'wx-u-manager';

/** Wuchang's example figures as a district might decide them (a real decision differs from the example). */
function decided(over: Partial<DistrictSettingValues> = {}): DistrictSettingValues {
  return { ...currentSettings(WUCHANG_PRESET).values, dueDay: 10, ...over };
}

describe('district settings before real money', () => {
  let t: TestHost;
  const billing = (openid: string, action: string, input: object = {}) =>
    t.call('billing', openid, action, input);
  const account = (openid: string, action: string, input: object = {}) =>
    t.call('account', openid, action, input);
  const save = (input: { effectiveFrom: string; values: unknown; requestKey?: string; note?: string }) =>
    account(ADMIN, 'saveDistrictSettings', {
      requestKey: input.requestKey ?? `key-${input.effectiveFrom}-${Math.random().toString(36).slice(2)}`,
      note: input.note ?? '',
      effectiveFrom: input.effectiveFrom,
      values: input.values,
    });
  afterEach(() => t.close());

  it('the monthly run refuses on example values, naming them, and runs after the admin page saves real ones', async () => {
    t = await openTestHost(START, { savedSettings: false });
    await smallDistrict(t.db);

    const refused = await billing(ADMIN, 'runMonthly', { period: '2026-12' });
    expect(refused.ok).toBe(false);
    expect(refused.error.code).toBe('RULE_VIOLATION');
    for (const name of ['租金分档', '特殊困难群体租金减免比例', '每月缴租日', '起租当月租金'])
      expect(refused.error.message).toContain(name);
    expect(refused.error.message).toContain('示例值');
    expect(await t.count(COLLECTIONS.bills)).toBe(0);
    // The timer refuses the same way, and writes nothing either.
    expect((await t.trigger('billing', 'monthly-bills')).ok).toBe(false);
    expect(await t.count(COLLECTIONS.bills)).toBe(0);

    // Subsidy payouts name the subsidy standard; the admin home lists every value still to set.
    const payouts = await billing(ADMIN, 'subsidyPayouts', { period: '2026-12' });
    expect(payouts.error).toMatchObject({ code: 'RULE_VIOLATION' });
    expect(payouts.error.message).toContain('租赁补贴标准（每平方米）');
    const home = (await account(ADMIN, 'me')).data as MeResult;
    expect(home.admin?.settingsToSet).toEqual(
      expect.arrayContaining(['租金分档', '每月缴租日', '租赁补贴标准（每平方米）']),
    );
    const page = (await account(ADMIN, 'districtSettings')).data as DistrictSettingsResult;
    expect(page.refusals).toHaveLength(3);
    expect(page.examples).toContain('rentTiers');

    const saved = await save({
      effectiveFrom: '2026-11-01',
      values: decided(),
      note: '区住房保障部门 2026 年第 3 号通知',
    });
    expect(saved.data).toMatchObject({ effectiveFrom: '2026-11-01', saved: true });
    expect(saved.data.changed).toContain('每月缴租日');

    const run = await billing(ADMIN, 'runMonthly', { period: '2026-12' });
    expect(run.data).toMatchObject({ status: 'done' });
    const bills = await t.all<BillDoc>(COLLECTIONS.bills, { period: '2026-12' });
    expect(bills.length).toBeGreaterThan(0);
    // The bills cite the district's own setting, no longer an example.
    for (const b of bills) for (const l of b.lines) expect(l.clause).not.toContain('示例值');
    expect((await account(ADMIN, 'me')).data.admin.settingsToSet).toEqual([]);
    expect((await billing(ADMIN, 'subsidyPayouts', { period: '2026-12' })).ok).toBe(true);

    // Audited: who, when, what changed.
    const audit = await t.all<{ entityType: string; actorUserId: string; detail: string; at: string }>(
      COLLECTIONS.auditLog,
      { entityType: 'policy_version' },
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: 'u-admin', at: new Date(START).toISOString() });
    expect(audit[0]?.detail).toContain('每月缴租日');
    expect(audit[0]?.detail).toContain('2026-11-01');
  });

  it('a version effective from next month does not change this month’s bills', async () => {
    t = await openTestHost(START);
    await smallDistrict(t.db);
    const flat = { maxMonthlyIncomePerPersonFen: null, shareOfMarket: 0.4, label: '统一档' };
    expect(
      (
        await save({
          effectiveFrom: '2026-12-01',
          values: decided({ rentTiers: [flat], specialGroupReductionRatio: 0 }),
        })
      ).ok,
    ).toBe(true);

    expect((await billing(ADMIN, 'runMonthly', { period: '2026-11' })).data.status).toBe('done');
    expect((await billing(ADMIN, 'runMonthly', { period: '2026-12' })).data.status).toBe('done');
    const units = new Map((await t.all<UnitDoc>(COLLECTIONS.units)).map((u) => [u._id, u]));
    const households = new Map((await t.all<HouseholdDoc>(COLLECTIONS.households)).map((h) => [h._id, h]));
    const rentOf = (b: BillDoc) => b.lines.find((l) => l.kind === 'rent')?.amountFen;
    const november = await t.all<BillDoc>(COLLECTIONS.bills, { period: '2026-11' });
    const december = await t.all<BillDoc>(COLLECTIONS.bills, { period: '2026-12' });
    expect(november.length).toBeGreaterThan(0);
    expect(december).toHaveLength(november.length);
    for (const b of november) {
      const h = households.get(b.householdId) as HouseholdDoc;
      const tier = tierForIncome(
        Math.round(h.annualIncomeFen / 12 / h.size),
        WUCHANG_PRESET.rent.tiers.value,
      );
      expect(rentOf(b)).toBe(
        Math.round((units.get(b.unitId) as UnitDoc).monthlyRentFen * tier.shareOfMarket),
      );
    }
    for (const b of december)
      expect(rentOf(b)).toBe(Math.round((units.get(b.unitId) as UnitDoc).monthlyRentFen * 0.4));
  });

  it('bad values are refused field by field and nothing is saved; a retried save saves once', async () => {
    t = await openTestHost(START, { savedSettings: false });
    await smallDistrict(t.db);
    const bad = await save({
      effectiveFrom: '2026-10-01',
      values: decided({
        dueDay: 31,
        rentTiers: [
          { maxMonthlyIncomePerPersonFen: 1_500_00, shareOfMarket: 0.5, label: '低' },
          { maxMonthlyIncomePerPersonFen: 800_00, shareOfMarket: 0.6, label: '更低' },
          { maxMonthlyIncomePerPersonFen: null, shareOfMarket: 0.7, label: '其他' },
        ],
        subsidyStandardPerM2Fen: -5,
      }),
    });
    expect(bad.error.code).toBe('INVALID_INPUT');
    expect(Object.keys(bad.error.fields).sort()).toEqual(
      ['dueDay', 'effectiveFrom', 'rentTiers', 'subsidyStandardPerM2Fen'].sort(),
    );
    expect(bad.error.fields.dueDay).toContain('28');
    expect(bad.error.fields.rentTiers).toContain('第 2 档');
    expect(await t.count(COLLECTIONS.policyVersions)).toBe(0);
    expect(await t.count(COLLECTIONS.auditLog, { entityType: 'policy_version' })).toBe(0);
    // A wrong type is refused at the contract, also with nothing saved.
    expect((await save({ effectiveFrom: '2026-12-01', values: { dueDay: '十五' } })).error.code).toBe(
      'INVALID_INPUT',
    );
    // Only the office may save.
    expect(
      (
        await account(MANAGER, 'saveDistrictSettings', {
          requestKey: 'manager-try-1',
          note: '',
          effectiveFrom: '2026-12-01',
          values: decided(),
        })
      ).ok,
    ).toBe(false);
    expect(await t.count(COLLECTIONS.policyVersions)).toBe(0);

    const first = await save({ effectiveFrom: '2026-12-01', values: decided(), requestKey: 'same-key-0001' });
    const retry = await save({ effectiveFrom: '2026-12-01', values: decided(), requestKey: 'same-key-0001' });
    expect(first.data.saved).toBe(true);
    expect(retry.data.saved).toBe(false);
    expect(await t.all<PolicyVersionDoc>(COLLECTIONS.policyVersions)).toHaveLength(1);
    expect(await t.count(COLLECTIONS.auditLog, { entityType: 'policy_version' })).toBe(1);
    // In force from December only: November still refuses.
    expect((await billing(ADMIN, 'runMonthly', { period: '2026-11' })).error.code).toBe('RULE_VIOLATION');
    expect((await billing(ADMIN, 'runMonthly', { period: '2026-12' })).data.status).toBe('done');
  });
});
