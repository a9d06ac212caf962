import type { Page } from 'playwright-core';
import { COLLECTIONS } from '@shared/collections';
import type { UserDoc } from '../../cloudfunctions/_runtime/caller';
import type { HouseholdDoc } from '../../cloudfunctions/_runtime/documents';
import { plainIdNumberOf } from '../factories/housing.factory';
import { click, fill, startWorld, type E2eWorld } from './browser';

jest.setTimeout(180_000);

/**
 * A stranger opens the app (the development page's "new WeChat user"), reads and agrees to the two notices,
 * gives the head's name, ID number and the phone WeChat confirms (the local sandbox), is refused once with a
 * wrong phone, then binds and lands on the tenant home with the household's unit; "my data" shows the ID
 * number masked.
 */
describe('browser: a stranger binds to their household', () => {
  let world: E2eWorld;
  let page: Page;
  beforeAll(async () => {
    world = await startWorld(() => new Date('2026-11-22T02:00:00Z'));
  });
  afterAll(async () => world?.close());
  afterEach(async () => page?.close());

  it('from the sign-in page to the tenant home', async () => {
    const db = world.server.host.runtime.db;
    // A tenant household of the demo district whose head has no WeChat account bound yet.
    const bound = new Set(
      ((await db.collection(COLLECTIONS.users).limit(1000).get()).data as UserDoc[]).map(
        (u) => u.householdId,
      ),
    );
    const tenants = (await db.collection(COLLECTIONS.households).where({ status: 'tenant' }).limit(100).get())
      .data as HouseholdDoc[];
    const household = tenants.find((h) => !bound.has(h._id)) as HouseholdDoc;
    const idNumber = plainIdNumberOf(household);

    page = await world.phonePage();
    await page.goto(world.server.url + '/');
    await page.waitForSelector('#persona-new-wechat-user', { timeout: 30_000 });
    await click(page, '#persona-new-wechat-user');
    await page.waitForSelector('#home', { timeout: 30_000 });
    expect(await page.textContent('#user-name')).toContain('新用户');

    await click(page, '#go-bind');
    await page.waitForSelector('#notice-personal');
    expect(await page.locator('#bind-form').count()).toBe(0);
    await click(page, '#agree-personal');
    await page.waitForSelector('#agreed-personal');
    await click(page, '#agree-sensitive');
    await page.waitForSelector('#bind-form');

    await fill(page, '#bind-name input', household.headName);
    await fill(page, '#bind-id-number input', idNumber);
    await fill(
      page,
      '#bind-sandbox-phone input',
      household.phone === '13000000000' ? '13000000001' : '13000000000',
    );
    await click(page, '#bind-submit');
    await page.waitForSelector('#bind-message');
    expect(await page.textContent('#bind-message')).toContain('不一致');

    await fill(page, '#bind-sandbox-phone input', household.phone);
    await click(page, '#bind-submit');
    await page.waitForSelector('#tenant-household', { timeout: 30_000 });
    expect(await page.textContent('#user-name')).toContain(household.headName);
    expect(await page.textContent('#tenant-household')).toContain(household.headName);
    await page.waitForSelector('#tenant-unit');

    await click(page, '#go-my-data');
    await page.waitForSelector('#household-id-masked');
    const masked = await page.textContent('#household-id-masked');
    expect(masked).toBe(household.idNumberMasked);
    expect(await page.content()).not.toContain(idNumber);
    // Laid out on the phone's width once the page has slid in: nothing runs off the side.
    await page.waitForTimeout(600);
    const box = await page.evaluate(() => {
      const r = document.querySelector('#my-data')!.getBoundingClientRect();
      return {
        left: Math.round(r.left),
        right: Math.round(r.right),
        vw: document.documentElement.clientWidth,
      };
    });
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(box.vw);
    await page.screenshot({ path: '/tmp/anju-bound-my-data.png' });
  });
});
