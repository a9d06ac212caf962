import { createLocalHost, type LocalHost } from '../../cloudfunctions/_local/local-host';
import { loadMiniProgram, type MiniProgram } from './harness';

jest.setTimeout(120_000);

/**
 * The compiled mini-program's home page, with Taro.cloud.callFunction answered in-process by the same
 * functions on the embedded database. The OPENID is the one WeChat would attach to the call.
 */
describe('mini-program (compiled weapp build): home page', () => {
  let host: LocalHost;
  let mp: MiniProgram;
  let openid = 'demo-tenant';

  beforeAll(async () => {
    host = await createLocalHost({
      dataFile: ':memory:',
      seed: true,
      now: () => new Date('2026-11-22T10:00:00Z'),
    });
    mp = await loadMiniProgram((name, data) => host.invoke(name, data, { openid }));
  });
  afterAll(() => host.close());

  it('the app initialises the cloud SDK once at launch', () => {
    expect(mp.cloudInitCalls).toBe(1);
  });

  it('a tenant sees their unit and balance', async () => {
    openid = 'demo-tenant';
    const me = await host.invoke('account', { action: 'me' }, { openid });
    if (!me.ok) throw new Error(me.error.code);
    const { tenant } = me.data as { tenant: { lease: { unitLabel: string; projectName: string } } };
    const page = await mp.openPage('pages/index/index');
    await page.waitForText(tenant.lease.unitLabel);
    expect(page.text()).toContain(tenant.lease.projectName);
    expect(page.text()).toContain('待缴租金');
    expect(page.text()).not.toContain('切换身份'); // the development sign-in does not exist in the mini-program
  });

  it('a tenant taps through to the allocation rounds', async () => {
    openid = 'demo-tenant';
    const page = await mp.openPage('pages/index/index');
    await page.waitForText('配租公告与选房');
    const before = mp.navigations.length;
    await page.tap('go-rounds');
    expect(mp.navigations.slice(before)).toEqual(['/pages/rounds/index']);
  });

  it('a manager sees their projects', async () => {
    openid = 'demo-manager';
    const page = await mp.openPage('pages/index/index');
    await page.waitForText('惠民家园');
    expect(page.text()).toContain('安居苑');
    expect(page.text()).not.toContain('和谐新城');
  });

  it('an error shows a Chinese message and retry works', async () => {
    openid = '';
    const page = await mp.openPage('pages/index/index');
    await page.waitForText('请先登录后再操作。');
    openid = 'demo-admin';
    await page.tap('retry');
    await page.waitForText('和谐新城');
  });
});
