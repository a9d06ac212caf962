import { COLLECTIONS } from '@shared/collections';
import type { DistrictSettingsResult } from '@shared/contracts';
import { WUCHANG_PRESET } from '@shared/policy/presets/district.presets';
import { currentSettings, type DistrictSettingValues } from '@shared/rules/district-settings.rule';
import {
  OPERATOR_SETTING_FIELDS,
  OPERATOR_SETTING_KEYS,
  type OperatorSettingValues,
} from '@shared/rules/operator-settings.rule';
import type { RoundDoc } from '../../../cloudfunctions/_runtime/documents';
import type { PolicyVersionDoc } from '../../../cloudfunctions/_runtime/policy-versions';
import { roundScenario } from '../../factories/allocation.scenario';
import {
  addProject,
  addUser,
  openTestHost,
  smallDistrict,
  type TestHost,
  type TestTenant,
} from '../../factories/scenario.factory';

jest.setTimeout(60_000);

/**
 * Issue #16, the operator settings (运营方设定): every matter the policy texts leave open is set on the district
 * settings page, saved as a version with its effective date and audited, and the functions use the value
 * in force (the handler puts it in `rt.policy`): a saved repair deadline sets the deadline of the next
 * request, a saved renewal opening refuses an early application.
 */
const START = '2026-11-22T02:00:00Z'; // 10:00 on 22 November 2026 in China
const ADMIN = 'wx-u-admin';

/** A value for every operator field that differs from Wuchang's example. */
const OPERATOR: OperatorSettingValues = {
  priorityOrder: [
    'dibao_tekun',
    'illness_disability',
    'solitary_elderly',
    'entitled',
    'low_income',
    'local_priority',
    'others',
  ],
  objectionEffect: 'hold_round',
  selectionWindowMinutes: 45,
  waiverLeavesRound: false,
  renewalOpensMonthsBefore: 3,
  repairEmergencyHours: 4,
  repairCategoryDays: {
    water: 1,
    electricity: 1,
    gas: 1,
    doors_windows: 5,
    walls_ceiling: 10,
    appliances: 6,
    public_areas: 4,
    other: 9,
  },
  repairReopenWithinDays: 14,
  careRegistry: {
    conditions: ['serious_illness', 'solitary'],
    ageAppliesTo: ['serious_illness', 'solitary'],
  },
  careEscalationHours: 12,
  seasonalMonths: { flood_season: [6, 7], summer_heat: [8], heating_season: [12, 1], spring_festival: [2] },
};

function values(over: Partial<DistrictSettingValues> = {}): DistrictSettingValues {
  return { ...currentSettings(WUCHANG_PRESET).values, ...over };
}

describe('operator settings (运营方设定) on the district settings page', () => {
  let t: TestHost;
  const account = (action: string, input: object = {}) => t.call('account', ADMIN, action, input);
  const save = (effectiveFrom: string, v: object, key = `key-${Math.random().toString(36).slice(2)}`) =>
    account('saveDistrictSettings', { requestKey: key, note: '', effectiveFrom, values: v });
  const page = async () => (await account('districtSettings')).data as DistrictSettingsResult;
  afterEach(() => t.close());

  it('each group is saved, read back as the district’s own, and audited with what changed', async () => {
    t = await openTestHost(START, { savedSettings: false });
    await smallDistrict(t.db);
    const before = await page();
    for (const key of OPERATOR_SETTING_KEYS) expect(before.examples).toContain(key);

    const groups: Record<string, (keyof OperatorSettingValues)[]> = {};
    for (const key of OPERATOR_SETTING_KEYS) (groups[OPERATOR_SETTING_FIELDS[key].group] ??= []).push(key);
    expect(Object.keys(groups).sort()).toEqual(['allocation', 'lease', 'patrol', 'repair']);

    // One version per group, each from this month: the money values with one group's operator values.
    let sent: Partial<OperatorSettingValues> = {};
    for (const keys of Object.values(groups)) {
      t.clock.advance(60_000); // each save a minute after the one before (the later wins on the same date)
      const part = Object.fromEntries(keys.map((k) => [k, OPERATOR[k]])) as Partial<OperatorSettingValues>;
      const saved = await save('2026-11-01', values({ ...sent, ...part }));
      expect(saved.ok).toBe(true);
      expect([...saved.data.changed].sort()).toEqual(
        keys.map((k) => OPERATOR_SETTING_FIELDS[k].label).sort(),
      );
      sent = { ...sent, ...part };
      const read = await page();
      for (const k of keys) {
        expect(read.current[k]).toEqual(OPERATOR[k]);
        expect(read.examples).not.toContain(k);
        expect(read.decidedBy[k]).toBeTruthy();
      }
    }
    const audit = await t.all<{ detail: string }>(COLLECTIONS.auditLog, { entityType: 'policy_version' });
    expect(audit).toHaveLength(Object.keys(groups).length);
    expect(audit.map((a) => a.detail).join('')).toContain('紧急报修处理时限');
    expect(audit.map((a) => a.detail).join('')).toContain('专项巡查月份');

    // A later save that names only the money values keeps the operator values in force.
    const moneyOnly = Object.fromEntries(
      Object.entries(currentSettings(WUCHANG_PRESET).values).filter(
        ([k]) => !(OPERATOR_SETTING_KEYS as string[]).includes(k),
      ),
    );
    const again = await save('2026-12-01', moneyOnly);
    expect(again.data.changed).toEqual([]);
    const versions = await t.all<PolicyVersionDoc>(COLLECTIONS.policyVersions, {
      effectiveFrom: '2026-12-01',
    });
    expect(versions[0]?.values.repairEmergencyHours).toBe(4);
  });

  it('a saved repair deadline sets the deadline of the next request, from the month it is in force', async () => {
    t = await openTestHost(START);
    const d = await smallDistrict(t.db);
    const tenant = d.project.tenants[0] as TestTenant;
    let n = 0;
    const file = async (emergency: boolean) =>
      (
        await t.call('repair', tenant.openid, 'file', {
          kind: 'repair',
          category: 'water',
          description: '卫生间水管漏水',
          emergency,
          preferredTimes: '',
          photos: [],
          clientRequestId: `req-000${n++}-abcdef`,
        })
      ).data as { deadline: string; deadlineClause?: string };
    const at = (ms: number) => new Date(new Date(START).getTime() + ms).toISOString();

    expect((await file(false)).deadline).toBe(at(2 * 86_400_000)); // the example: water 2 days
    // Saved from next month: today's requests keep the example.
    expect((await save('2026-12-01', values({ repairCategoryDays: OPERATOR.repairCategoryDays }))).ok).toBe(
      true,
    );
    expect((await file(false)).deadline).toBe(at(2 * 86_400_000));
    // Saved from this month: the next requests get the district's own deadlines.
    const now = values({
      repairCategoryDays: OPERATOR.repairCategoryDays,
      repairEmergencyHours: OPERATOR.repairEmergencyHours,
    });
    expect((await save('2026-11-01', now)).ok).toBe(true);
    expect((await file(false)).deadline).toBe(at(1 * 86_400_000));
    expect((await file(true)).deadline).toBe(at(4 * 3_600_000));
    t.clock.set('2026-12-05T02:00:00Z');
    const december = await file(false);
    expect(december.deadline).toBe('2026-12-06T02:00:00.000Z');
  });

  it('a saved renewal opening refuses an earlier application, citing the district’s own setting', async () => {
    t = await openTestHost('2026-05-01T02:00:00Z');
    await addUser(t.db, { id: 'u-admin', roles: ['admin'], name: '赵磊' });
    const p = await addProject(t.db, {
      id: 'p-renew',
      tenants: 1,
      lease: () => ({ startDate: '2024-01-01', endDate: '2027-01-01' }),
    });
    const tenant = p.tenants[0] as TestTenant;
    const apply = () => t.call('allocation', tenant.openid, 'applyRenewal', { leaseId: tenant.leaseId });

    // Not set: no earliest day (the example), so an application months ahead would be accepted. Setting it
    // first: three months before the due date (2026-10-01), i.e. from 2026-07-01.
    expect((await save('2026-05-01', values({ renewalOpensMonthsBefore: 3 }))).ok).toBe(true);
    const refused = await apply();
    expect(refused.error.code).toBe('STATE_INVALID');
    expect(refused.error.message).toContain('2026-07-01 开始受理');
    expect(refused.error.message).toContain('运营方设定（续租申请开始受理日期，武昌区住房保障部门）');
    expect(refused.error.message).not.toContain('受理日期，武昌区住房保障部门，示例值');
    expect(await t.count(COLLECTIONS.renewals)).toBe(0);

    // The district lifts it from next month: on 1 June the same application is accepted.
    expect((await save('2026-06-01', values({ renewalOpensMonthsBefore: null }))).ok).toBe(true);
    expect((await apply()).ok).toBe(false);
    t.clock.set('2026-06-01T02:00:00Z');
    expect((await apply()).data).toMatchObject({ status: 'submitted' });
  });

  it('a saved selection window sets each household’s window when the office opens selection', async () => {
    t = await openTestHost(START);
    const s = await roundScenario(t, { stage: 'drawn', applicants: 3 });
    expect((await save('2026-11-01', values({ selectionWindowMinutes: 45 }))).ok).toBe(true);
    const opened = await t.call('allocation', ADMIN, 'openSelection', {
      roundId: s.round.id,
      startsAt: t.clock.now().toISOString(),
    });
    expect(opened.ok).toBe(true);
    expect((await t.doc<RoundDoc>(COLLECTIONS.rounds, s.round.id))?.windowMinutes).toBe(45);
    const regs = await t.all<{ window?: { opensAt: number; closesAt: number } }>(COLLECTIONS.registrations, {
      roundId: s.round.id,
    });
    const windows = regs.flatMap((r) => (r.window ? [r.window] : []));
    expect(windows.length).toBeGreaterThan(0);
    for (const w of windows) expect(w.closesAt - w.opensAt).toBe(45 * 60_000);
  });

  it('bad operator values are refused field by field in Chinese and nothing is saved', async () => {
    t = await openTestHost(START, { savedSettings: false });
    await smallDistrict(t.db);
    const bad = await save(
      '2026-12-01',
      values({
        priorityOrder: [
          'others',
          'dibao_tekun',
          'solitary_elderly',
          'illness_disability',
          'entitled',
          'local_priority',
          'low_income',
        ],
        selectionWindowMinutes: 0,
        renewalOpensMonthsBefore: 1.5,
        repairEmergencyHours: 500,
        repairCategoryDays: { ...OPERATOR.repairCategoryDays, gas: 0 },
        repairReopenWithinDays: -1,
        careRegistry: { conditions: ['solitary'], ageAppliesTo: ['disabled'] },
        careEscalationHours: 1000,
        seasonalMonths: { ...OPERATOR.seasonalMonths, summer_heat: [13] },
        objectionEffect: 'ignore' as OperatorSettingValues['objectionEffect'],
      }),
    );
    expect(bad.error.code).toBe('INVALID_INPUT');
    expect(Object.keys(bad.error.fields).sort()).toEqual(
      [
        'priorityOrder',
        'selectionWindowMinutes',
        'renewalOpensMonthsBefore',
        'repairEmergencyHours',
        'repairCategoryDays',
        'repairReopenWithinDays',
        'careRegistry',
        'careEscalationHours',
        'seasonalMonths',
        'objectionEffect',
      ].sort(),
    );
    expect(bad.error.fields.repairCategoryDays).toContain('燃气');
    expect(bad.error.fields.seasonalMonths).toContain('夏季用电专项巡查');
    expect(bad.error.fields.priorityOrder).toContain('最前');
    for (const message of Object.values(bad.error.fields as Record<string, string>))
      expect(message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await t.count(COLLECTIONS.policyVersions)).toBe(0);
    expect(await t.count(COLLECTIONS.auditLog, { entityType: 'policy_version' })).toBe(0);
    // A key outside the contract is refused by the handler, before any service code.
    const unknown = await save('2026-12-01', { ...values(), patrolEveryDays: 3 });
    expect(unknown.error.code).toBe('INVALID_INPUT');
    expect(await t.count(COLLECTIONS.policyVersions)).toBe(0);
  });
});
