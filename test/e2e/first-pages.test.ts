import type { Page } from 'playwright-core';
import { click, startWorld, type E2eWorld } from './browser';

jest.setTimeout(120_000);

/**
 * The first page per role, in a real browser against the local host: sign in as a persona on the
 * development page, and the home page shows data that came through a function and the SQLite file.
 */
describe('browser: sign in as a persona and see real data', () => {
  let world: E2eWorld;
  let page: Page;
  beforeAll(async () => {
    world = await startWorld(() => new Date('2026-11-22T10:00:00Z'));
  });
  afterAll(async () => world?.close());
  beforeEach(async () => {
    page = await world.phonePage();
  });
  afterEach(async () => page?.close());

  async function signInAs(personaId: string) {
    await page.goto(world.server.url + '/');
    await page.waitForSelector(`#persona-${personaId}`, { timeout: 30_000 });
    await click(page, `#persona-${personaId}`);
    await page.waitForSelector('#home', { timeout: 30_000 });
  }

  it('a tenant sees their unit, rent and balance', async () => {
    await signInAs('u-tenant-arrears');
    const me = await world.server.host.invoke('account', { action: 'me' }, { openid: 'demo-tenant-arrears' });
    if (!me.ok) throw new Error('me failed');
    const tenant = (me.data as { tenant: { lease: { unitLabel: string }; balanceDueFen: number } }).tenant;
    await page.waitForSelector('#tenant-unit');
    expect(await page.textContent('#tenant-unit')).toContain(tenant.lease.unitLabel);
    const yuan = (tenant.balanceDueFen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
    expect(await page.textContent('#balance-due')).toBe(`¥${yuan}`);
    await page.screenshot({ path: '/tmp/anju-tenant-home.png' });
  });

  it('a manager sees their two projects; switching persona leads back to sign-in', async () => {
    await signInAs('u-manager');
    await page.waitForSelector('.project-card');
    const titles = await page.$$eval('.project-card .card-title', (els) => els.map((e) => e.textContent));
    expect(titles.sort()).toEqual(['安居苑', '惠民家园']);
    await click(page, '#switch-persona');
    await page.waitForSelector('#dev-sign-in');
  });

  it('without a session the home page sends you to sign in', async () => {
    await page.goto(world.server.url + '/pages/index/index');
    await page.waitForSelector('#dev-sign-in', { timeout: 30_000 });
    expect(await page.textContent('#dev-sign-in')).toContain('选择演示身份');
  });
});
