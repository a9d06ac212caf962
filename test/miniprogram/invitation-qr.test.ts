import { createLocalHost, type LocalHost } from '../../cloudfunctions/_local/local-host';
import { qrImage } from '../../client/utils/qr-image';
import { loadMiniProgram, type MiniProgram } from './harness';

jest.setTimeout(120_000);

/**
 * The compiled mini-program draws an open invitation's QR code (issue #17) as a PNG data URL image of its
 * join path, the same picture as the browser build (client/utils/qr-image.ts, no canvas, no TextEncoder).
 */
describe('mini-program (compiled weapp build): the invitation QR code', () => {
  let host: LocalHost;
  let mp: MiniProgram;

  beforeAll(async () => {
    host = await createLocalHost({
      dataFile: ':memory:',
      seed: true,
      now: () => new Date('2026-11-22T10:00:00Z'),
    });
    mp = await loadMiniProgram((name, data) => host.invoke(name, data, { openid: 'demo-admin' }));
  });
  afterAll(() => host.close());

  it('shows the image of the join path under the code', async () => {
    const made = await host.invoke(
      'account',
      {
        action: 'createInvitation',
        role: 'volunteer',
        projectIds: ['p-huimin'],
        note: '',
        validDays: 7,
        clientRequestId: 'weapp-qr-0001',
      },
      { openid: 'demo-admin' },
    );
    if (!made.ok) throw new Error(`createInvitation: ${made.error.code} ${made.error.message}`);
    const inv = made.data as { id: string; code: string; path: string };
    const page = await mp.openPage('pages/people/index');
    await page.waitForText(inv.code);
    await page.waitForText('请受邀人扫码');
    const expected = qrImage(inv.path, 6).dataUrl;
    expect(page.renderData()).toContain(expected);
  });
});
