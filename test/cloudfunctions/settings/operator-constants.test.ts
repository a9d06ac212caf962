import { COLLECTIONS } from '@shared/collections';
import type { DistrictSettingsResult } from '@shared/contracts';
import { resolvePolicy } from '@shared/policy/policy-preset';
import { WUCHANG_PRESET } from '@shared/policy/presets/district.presets';
import { ULANQAB_PRESET_INPUT } from '@shared/policy/presets/ulanqab.preset';
import { currentSettings, type DistrictSettingValues } from '@shared/rules/district-settings.rule';
import {
  OPERATOR_CONSTANT_DEFAULTS,
  OPERATOR_CONSTANT_FIELDS,
  OPERATOR_CONSTANT_KEYS,
  type OperatorConstantValues,
} from '@shared/rules/operator-constants.rule';
import type { PolicyPreset } from '@shared/policy/policy-preset';
import type { PolicyVersionDoc } from '../../../cloudfunctions/_runtime/policy-versions';
import {
  addBill,
  addProject,
  addUser,
  openTestHost,
  smallDistrict,
  type TestHost,
  type TestTenant,
} from '../../factories/scenario.factory';

jest.setTimeout(60_000);

/**
 * Issue #16, the operator constants that were fixed in code (account limits, patrol, messages, exit
 * periods): each group is set on the district settings page, saved in the versioned, audited policy
 * version, and the functions read the value in force (`rt.policy`).
 */
const START = '2026-11-22T02:00:00Z'; // 10:00 on 22 November 2026 in China
const ADMIN = 'wx-u-admin';

/** A value for every group that differs from the defaults. */
const SET: OperatorConstantValues = {
  peopleLimits: {
    bindingAttemptsPerDay: 3,
    setupAttemptsPerDay: 4,
    invitationCodeAttemptsPerDay: 3,
    invitationDefaultDays: 5,
    invitationMaxDays: 10,
    maxFamilyMembers: 4,
    exitedRetentionYears: 8,
  },
  patrolLimits: {
    hazardImmediateHours: 12,
    hazardSeriousHours: 72,
    hazardMinorHours: 480,
    nobodyHomeRetryDays: 3,
    maxAttemptsPerQuarter: 4,
    maxUnitsPerRoute: 10,
  },
  messageLimits: { alertAckMinutes: 20, maxAttempts: 6, retryBaseSeconds: 90 },
  exitCasePeriods: { respondDays: 20, moveOutDays: 45 },
};

const valuesOf = (policy: PolicyPreset, over: Partial<DistrictSettingValues> = {}) => ({
  ...currentSettings(policy).values,
  ...over,
});

describe('operator constants (运营方设定) on the district settings page', () => {
  let t: TestHost;
  const account = (action: string, input: object = {}) => t.call('account', ADMIN, action, input);
  const save = (effectiveFrom: string, v: object, key = `key-${Math.random().toString(36).slice(2)}`) =>
    account('saveDistrictSettings', { requestKey: key, note: '', effectiveFrom, values: v });
  const page = async () => (await account('districtSettings')).data as DistrictSettingsResult;
  afterEach(() => t.close());

  it('each group is saved, read back as the district’s own, and audited; a version without them keeps the defaults', async () => {
    t = await openTestHost(START, { savedSettings: false });
    await smallDistrict(t.db);
    const before = await page();
    for (const key of OPERATOR_CONSTANT_KEYS) {
      expect(before.examples).toContain(key);
      expect(before.current[key]).toEqual(OPERATOR_CONSTANT_DEFAULTS[key]);
    }
    // A version saved without the groups (as before they were settable): the defaults stay, still examples.
    const { peopleLimits, patrolLimits, messageLimits, exitCasePeriods, ...older } =
      currentSettings(WUCHANG_PRESET).values;
    expect([peopleLimits, patrolLimits, messageLimits, exitCasePeriods]).toHaveLength(4);
    expect((await save('2026-11-01', older)).ok).toBe(true);
    const afterOlder = await page();
    for (const key of OPERATOR_CONSTANT_KEYS) {
      expect(afterOlder.examples).toContain(key);
      expect(afterOlder.current[key]).toEqual(OPERATOR_CONSTANT_DEFAULTS[key]);
    }

    for (const key of OPERATOR_CONSTANT_KEYS) {
      t.clock.advance(60_000); // the later save wins on the same date
      const saved = await save('2026-11-01', { ...older, [key]: SET[key] });
      expect(saved.ok).toBe(true);
      expect(saved.data.changed).toEqual([OPERATOR_CONSTANT_FIELDS[key].label]);
      const read = await page();
      expect(read.current[key]).toEqual(SET[key]);
      expect(read.examples).not.toContain(key);
      expect(read.decidedBy[key]).toBeTruthy();
    }
    // Each later save that left out the groups before it kept them (the version before had decided them).
    const read = await page();
    for (const key of OPERATOR_CONSTANT_KEYS) expect(read.current[key]).toEqual(SET[key]);
    const audit = await t.all<{ detail: string }>(COLLECTIONS.auditLog, { entityType: 'policy_version' });
    expect(audit).toHaveLength(1 + OPERATOR_CONSTANT_KEYS.length);
    for (const key of OPERATOR_CONSTANT_KEYS)
      expect(audit.map((a) => a.detail).join('')).toContain(OPERATOR_CONSTANT_FIELDS[key].label);
  });

  it('refuses bad values per group in Chinese and saves nothing', async () => {
    t = await openTestHost(START, { savedSettings: false });
    await smallDistrict(t.db);
    const bad: [Partial<OperatorConstantValues>, keyof OperatorConstantValues, string][] = [
      [{ peopleLimits: { ...SET.peopleLimits, invitationCodeAttemptsPerDay: 0 } }, 'peopleLimits', '邀请码'],
      [{ peopleLimits: { ...SET.peopleLimits, invitationDefaultDays: 20 } }, 'peopleLimits', '默认有效期'],
      [{ peopleLimits: { ...SET.peopleLimits, invitationMaxDays: 91 } }, 'peopleLimits', '90'],
      [{ patrolLimits: { ...SET.patrolLimits, hazardImmediateHours: 100 } }, 'patrolLimits', '立即危险'],
      [{ patrolLimits: { ...SET.patrolLimits, maxUnitsPerRoute: 2.5 } }, 'patrolLimits', '整数'],
      [{ messageLimits: { ...SET.messageLimits, maxAttempts: 11 } }, 'messageLimits', '发送次数'],
      [{ exitCasePeriods: { ...SET.exitCasePeriods, respondDays: 5 } }, 'exitCasePeriods', '7 到 90 天'],
    ];
    const versions = () => t.count(COLLECTIONS.policyVersions);
    const audits = () => t.count(COLLECTIONS.auditLog);
    const [v0, a0] = [await versions(), await audits()];
    for (const [over, field, words] of bad) {
      const r = await save('2026-11-01', valuesOf(WUCHANG_PRESET, over));
      expect(r.ok).toBe(false);
      expect(r.error.code).toBe('INVALID_INPUT');
      expect(r.error.fields[field]).toContain(words);
      expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    // A figure the group does not have is refused by the contract.
    const extra = await save(
      '2026-11-01',
      valuesOf(WUCHANG_PRESET, {
        messageLimits: { ...SET.messageLimits, batchSize: 10 } as OperatorConstantValues['messageLimits'],
      }),
    );
    expect(extra.ok).toBe(false);
    expect([await versions(), await audits()]).toEqual([v0, a0]);
    expect((await page()).current.peopleLimits).toEqual(OPERATOR_CONSTANT_DEFAULTS.peopleLimits);
  });

  it('saved invitation limits change the join page’s guesses per day and the longest validity', async () => {
    t = await openTestHost(START);
    await addProject(t.db, { id: 'p1', tenants: 0 });
    await addUser(t.db, { id: 'admin', roles: ['admin'], name: '赵磊', openid: ADMIN });
    const invite = (validDays: number, id: string) =>
      t.call('account', ADMIN, 'createInvitation', {
        role: 'volunteer',
        projectIds: ['p1'],
        note: '',
        validDays,
        clientRequestId: id,
      });
    const accept = (code: string) => t.call('account', 'o-guess', 'acceptInvitation', { code });
    const wrong = (i: number) => `ZZZZZZZ${'ABCDEFGHJK'[i]}`;

    // The default (30 days at most) takes 14 days; after the saved maximum of 10, 14 is refused.
    expect((await invite(14, 'req-before-1')).ok).toBe(true);
    expect((await save('2026-11-01', valuesOf(WUCHANG_PRESET, { peopleLimits: SET.peopleLimits }))).ok).toBe(
      true,
    );
    const before = await t.count(COLLECTIONS.invitations);
    const long = await invite(14, 'req-long-01');
    expect(long.error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(long.error.fields.validDays).toContain('最长 10 天');
    expect(await t.count(COLLECTIONS.invitations)).toBe(before);
    const live = (await invite(10, 'req-ok-0001')).data.code as string;
    // An invitation that names no validity gets the saved default (5 days, not 7).
    const plain = await t.call('account', ADMIN, 'createInvitation', {
      role: 'volunteer',
      projectIds: ['p1'],
      note: '默认有效期',
      clientRequestId: 'req-default',
    });
    expect(plain.ok).toBe(true);
    const stored = await t.all<{ note: string; expiresAt: string }>(COLLECTIONS.invitations);
    expect(stored.find((i) => i.note === '默认有效期')?.expiresAt).toBe(
      new Date(new Date(START).getTime() + 5 * 86_400_000).toISOString(),
    );

    // Three unknown codes (the saved limit, not the default 10), then even the live code waits a day.
    for (let i = 0; i < SET.peopleLimits.invitationCodeAttemptsPerDay; i++)
      expect((await accept(wrong(i))).error.code).toBe('NOT_FOUND');
    expect((await accept(live)).error.code).toBe('RATE_LIMITED');
  });

  it('saved exit periods are the periods of a notice and a decision that name none', async () => {
    const policy = resolvePolicy(ULANQAB_PRESET_INPUT);
    t = await openTestHost('2026-11-20T02:00:00Z', { policy });
    const d = await smallDistrict(t.db, { tenants: 2 });
    const tenant = d.project.tenants[0] as TestTenant;
    for (let m = 1; m <= 6; m++) await addBill(t.db, tenant, `2026-0${m}`);
    const call = (action: string, input: object) => t.call('allocation', d.admin.openid, action, input);
    const opened = await call('openExitCase', {
      leaseId: tenant.leaseId,
      trigger: 'arrears_6_months',
      source: 'arrears',
      evidence: '欠租名单标记',
      clientRequestId: 'exit-open-1',
    });
    const id = opened.data.id as string;
    const saved = await t.call('account', d.admin.openid, 'saveDistrictSettings', {
      requestKey: 'key-exit-periods',
      note: '',
      effectiveFrom: '2026-11-01',
      values: valuesOf(policy, { exitCasePeriods: SET.exitCasePeriods }),
    });
    expect(saved.ok).toBe(true);
    const versions = await t.all<PolicyVersionDoc>(COLLECTIONS.policyVersions);
    expect(versions.some((v) => v.values.exitCasePeriods?.respondDays === 20)).toBe(true);

    const notified = await call('exitNotify', { caseId: id });
    expect(notified.data).toMatchObject({ state: 'notified', respondBy: '2026-12-10' }); // 20 days, not 15
    // The decision names no period either: the saved 45 days, not the default 30.
    t.clock.set('2026-12-11T02:00:00Z');
    const decided = await call('exitDecide', { caseId: id, reason: '连续欠租六个月，经催缴仍未缴纳' });
    expect(decided.ok).toBe(true);
    expect(decided.data.moveOutBy).toBe('2027-01-25'); // 45 days
  });
});
