import { createLocalHost, type LocalHost } from '../../cloudfunctions/_local/local-host';
import { loadMiniProgram, type MiniProgram } from './harness';

jest.setTimeout(120_000);

/**
 * The office's exit and renewal pages and the tenant's notice page in the compiled mini-program, on the demo
 * district: the notified arrears case with its deadline and steps, the renewal waiting for a decision, and the
 * tenant persona's written notice with the statement form.
 */
describe('mini-program (compiled weapp build): exit procedure and renewal pages', () => {
  let host: LocalHost;
  let mp: MiniProgram;
  /** Who the calls come from (one compiled app per file: the page's caller is switched instead). */
  let openid = 'demo-admin';

  beforeAll(async () => {
    host = await createLocalHost({
      dataFile: ':memory:',
      seed: true,
      now: () => new Date('2026-11-22T02:00:00Z'),
    });
    mp = await loadMiniProgram((name, data) => host.invoke(name, data, { openid }));
  });
  afterAll(() => host.close());

  it('退出管理 lists the case in progress with its deadline, and its steps open on a tap', async () => {
    const page = await mp.openPage('pages/exit-cases/index');
    await page.waitForText('已书面通知，待住户陈述');
    await page.waitForText('累计6个月以上未交纳租金');
    await page.tap('exit-row-exit-demo-1');
    await page.waitForText('办理记录');
    await page.waitForText('不予退出并结案');
    expect(page.text()).toContain('书面通知已送达');
  });

  it('续租审核 shows the application to decide with the eligibility re-check', async () => {
    const page = await mp.openPage('pages/renewals/index');
    await page.waitForText('已申请，待审核');
    await page.waitForText('同意续租');
  });

  it('退出程序通知 shows the tenant its notice and the statement form', async () => {
    openid = 'demo-tenant-exit';
    const page = await mp.openPage('pages/my-exit/index');
    await page.waitForText('请于');
    await page.waitForText('提交陈述');
  });
});
