import type { RepairView } from '@shared/contracts';
import { resolvePolicy } from '@shared/policy/policy-preset';
import { WUCHANG_PRESET } from '@shared/policy/presets/district.presets';
import { fileRepair } from '../../factories/contact.scenario';
import { openTestHost, smallDistrict, type TestHost } from '../../factories/scenario.factory';

/**
 * The repair view carries the district's own reopen period (policy repair.reopenWithinDays) and what sets it,
 * so the page says the district's figure rather than a fixed "7 天".
 */
let t: TestHost;
afterEach(() => t.close());

async function filedView(policy?: Parameters<typeof resolvePolicy>[1]): Promise<RepairView> {
  t = await openTestHost(
    '2026-11-22T02:00:00Z',
    policy ? { policy: resolvePolicy(WUCHANG_PRESET, policy) } : {},
  );
  const [tenant] = (await smallDistrict(t.db)).project.tenants;
  const repairId = await fileRepair(t, tenant!.openid, 'req-0001-abcdef');
  const detail = await t.call('repair', tenant!.openid, 'detail', { repairId });
  return detail.data as RepairView;
}

it("Wuchang's period is the operator's setting", async () => {
  const view = await filedView();
  expect(view.reopen.withinDays).toBe(WUCHANG_PRESET.repair.reopenWithinDays.value);
  expect(view.reopen.basis).toMatch(/^运营方设定（完工后可重新报修的期限，/);
});

it('a district that sets 15 days gets 15 days, citing who set it', async () => {
  const view = await filedView({
    repair: { reopenWithinDays: { value: 15, example: false, decidedBy: '某区住房保障部门' } },
  });
  expect(view.reopen).toEqual({
    withinDays: 15,
    basis: '运营方设定（完工后可重新报修的期限，某区住房保障部门）',
  });
});
