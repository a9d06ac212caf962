import { COLLECTIONS } from '@shared/collections';
import { click, confirmModal, fill, startWorld, type E2eWorld } from './browser';
import { pickDate } from './pick-date';

jest.setTimeout(240_000);

/**
 * Issue #16 "Done when": the monthly run refuses on example values and runs after the admin page saves real
 * ones. The demo district starts here without its saved settings (as a deployment does): the admin home
 * names the values to set, the run refuses, the office sets the due day on 辖区政策设定 from this month, and
 * the run bills.
 */
describe('browser: the monthly run waits for the district’s own values', () => {
  const clock = new Date('2026-12-05T02:00:00Z'); // 10:00 Beijing, 5 December
  let world: E2eWorld;
  const runMonthly = async () =>
    (await world.server.host.invoke(
      'billing',
      { action: 'runMonthly', period: '2026-12' },
      { openid: 'demo-admin' },
    )) as { ok: boolean; error?: { message: string } };

  beforeAll(async () => {
    world = await startWorld(() => clock);
    const db = world.server.host.runtime.db;
    await db.collection(COLLECTIONS.policyVersions).where({}).remove();
    // The demo seed bills this month already: start the month unbilled.
    await db.collection(COLLECTIONS.bills).where({ period: '2026-12' }).remove();
  });
  afterAll(async () => world?.close());

  it('refuses naming the values, then bills after the office saves them', async () => {
    const before = await runMonthly();
    expect(before.ok).toBe(false);
    expect(before.error?.message).toContain('每月缴租日');
    expect(
      await world.server.host.runtime.db.collection(COLLECTIONS.bills).where({ period: '2026-12' }).count(),
    ).toMatchObject({ total: 0 });

    const { page: admin } = await world.signIn('u-admin', clock);
    expect(await admin.textContent('#settings-to-set')).toContain('租金分档');
    await click(admin, '#enter-settings');
    await admin.waitForSelector('#district-settings');
    expect(await admin.textContent('#settings-refusals')).toContain('月度账单');
    await fill(admin, '#due-day input', '10');
    await pickDate(admin, '#effective-month', '2026-12'); // picked on the wheels, not typed (issue #19)
    expect(await admin.textContent('#effective-month-value')).toContain('2026年12月');
    await click(admin, '#save-settings');
    await confirmModal(admin);
    await admin.waitForSelector('#settings-ready');
    expect(await admin.textContent('#version-0')).toContain('每月缴租日');

    const after = await runMonthly();
    expect(after.ok).toBe(true);
    const bills = await world.server.host.runtime.db
      .collection(COLLECTIONS.bills)
      .where({ period: '2026-12' })
      .count();
    expect(bills.total).toBeGreaterThan(0);
  });
});
