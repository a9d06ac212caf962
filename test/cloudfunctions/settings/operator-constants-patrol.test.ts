import { COLLECTIONS } from '@shared/collections';
import { currentSettings } from '@shared/rules/district-settings.rule';
import { OPERATOR_CONSTANT_DEFAULTS } from '@shared/rules/operator-constants.rule';
import { patrolDistrict, stopsOf } from '../../factories/patrol.scenario';
import { makeSignaturePng } from '../../factories/png.factory';
import { openTestHost, type TestHost } from '../../factories/scenario.factory';

jest.setTimeout(60_000);

/**
 * Issue #16: the patrol's operator constants (运营方设定) saved on the district settings page set the
 * rectification deadline of the next hazard reported (patrolSettings(rt) reads the policy in force).
 */
const START = new Date('2026-11-22T02:00:00Z');
const H = 3_600_000;
const ADMIN = 'wx-u-admin';
const VOLUNTEER = 'wx-u-volunteer';

describe('patrol constants in force', () => {
  let t: TestHost;
  afterEach(() => t.close());

  it('a saved rectification time sets the next hazard’s deadline', async () => {
    t = await openTestHost(START);
    const d = await patrolDistrict(t, { plan: true });
    const [visit] = await stopsOf(t, d.volunteer);
    let n = 0;
    const report = async () =>
      t.call('patrol', VOLUNTEER, 'reportHazard', {
        clientHazardId: `hazard-000${n++}-abc`,
        visitId: visit!._id,
        location: '厨房',
        category: 'gas',
        severity: 'immediate',
        description: '燃气软管老化漏气',
        reportedAt: START.toISOString(),
        photos: [await t.upload(VOLUNTEER, 'hazard-photo', makeSignaturePng(40, 40, 5 + n))],
      });
    const first = await report();
    expect(first.data.deadline).toBe(
      new Date(
        START.getTime() + OPERATOR_CONSTANT_DEFAULTS.patrolLimits.hazardImmediateHours * H,
      ).toISOString(),
    );
    const saved = await t.call('account', ADMIN, 'saveDistrictSettings', {
      requestKey: 'key-patrol-limits',
      note: '',
      effectiveFrom: '2026-11-01',
      values: {
        ...currentSettings(t.host.runtime.policy).values,
        patrolLimits: { ...OPERATOR_CONSTANT_DEFAULTS.patrolLimits, hazardImmediateHours: 6 },
      },
    });
    expect(saved.ok).toBe(true);
    const second = await report();
    expect(second.data.deadline).toBe(new Date(START.getTime() + 6 * H).toISOString());
    expect(first.data.deadline).not.toBe(second.data.deadline);
  });
  it('a saved acknowledgement wait sets when an alert raised from another function escalates', async () => {
    t = await openTestHost(START);
    const d = await patrolDistrict(t, { plan: true });
    const [visit] = await stopsOf(t, d.volunteer);
    const report = async (k: number) =>
      t.call('patrol', VOLUNTEER, 'reportHazard', {
        clientHazardId: `hazard-alert-${k}-abc`,
        visitId: visit!._id,
        location: '厨房',
        category: 'gas',
        severity: 'immediate',
        description: `燃气软管老化漏气 ${k}`,
        reportedAt: START.toISOString(),
        photos: [await t.upload(VOLUNTEER, 'hazard-photo', makeSignaturePng(40, 40, 20 + k))],
      });
    const escalatesAt = async () =>
      (await t.all<{ escalatesAt: string; createdAt: string }>(COLLECTIONS.urgentAlerts))
        .map((a) => new Date(a.escalatesAt).getTime() - new Date(a.createdAt).getTime())
        .sort((a, b) => a - b);
    expect((await report(1)).ok).toBe(true);
    const defaultWait = OPERATOR_CONSTANT_DEFAULTS.messageLimits.alertAckMinutes * 60_000;
    expect(await escalatesAt()).toEqual([defaultWait]);
    const saved = await t.call('account', ADMIN, 'saveDistrictSettings', {
      requestKey: 'key-message-limits',
      note: '',
      effectiveFrom: '2026-11-01',
      values: {
        ...currentSettings(t.host.runtime.policy).values,
        messageLimits: { ...OPERATOR_CONSTANT_DEFAULTS.messageLimits, alertAckMinutes: 40 },
      },
    });
    expect(saved.ok).toBe(true);
    expect((await report(2)).ok).toBe(true);
    expect(await escalatesAt()).toEqual([defaultWait, 40 * 60_000].sort((a, b) => a - b));
  });
});
