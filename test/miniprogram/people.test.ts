import { createLocalHost, type LocalHost } from '../../cloudfunctions/_local/local-host';
import { loadMiniProgram, type MiniProgram } from './harness';

jest.setTimeout(120_000);

/**
 * The compiled mini-program's ways in (issue #17) for someone WeChat has just identified: the home page
 * offers binding and an invitation code, and the bind page asks for each notice separately, with the
 * WeChat phone button (not a typed number) once both are agreed.
 */
describe('mini-program (compiled weapp build): a stranger’s ways in', () => {
  let host: LocalHost;
  let mp: MiniProgram;
  const openid = 'wx-stranger-weapp';

  beforeAll(async () => {
    host = await createLocalHost({
      dataFile: ':memory:',
      seed: true,
      now: () => new Date('2026-11-22T10:00:00Z'),
    });
    mp = await loadMiniProgram((name, data) => host.invoke(name, data, { openid }));
  });
  afterAll(() => host.close());

  it('the home page of a new WeChat user leads to binding', async () => {
    const page = await mp.openPage('pages/index/index');
    await page.waitForText('绑定我的家庭');
    expect(page.text()).toContain('输入邀请码');
    const before = mp.navigations.length;
    await page.tap('go-bind');
    expect(mp.navigations.slice(before)).toEqual(['/pages/bind/index']);
  });

  it('the bind page asks for the two notices one by one, then offers the WeChat phone button', async () => {
    const page = await mp.openPage('pages/bind/index');
    await page.waitForText('个人信息处理告知');
    expect(page.text()).toContain('敏感个人信息单独告知');
    expect(page.text()).not.toContain('微信手机号验证并绑定');
    await page.tap('agree-personal');
    await page.waitForText('已同意');
    await page.tap('agree-sensitive');
    await page.waitForText('微信手机号验证并绑定');
    expect(page.text()).not.toContain('本地演示');
    const data = await host.invoke('account', { action: 'myData' }, { openid });
    if (!data.ok) throw new Error(data.error.code);
    const consents = (data.data as { consents: { personal: unknown; sensitive: unknown } }).consents;
    expect(consents.personal).not.toBeNull();
    expect(consents.sensitive).not.toBeNull();
  });
});
