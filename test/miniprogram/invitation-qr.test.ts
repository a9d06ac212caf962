import { createLocalHost, type LocalHost } from '../../cloudfunctions/_local/local-host';
import { loadMiniProgram, type MiniProgram } from './harness';

jest.setTimeout(120_000);

/**
 * The compiled mini-program shows an open invitation's 小程序码 (issue #17): the image the server stored for it
 * (account.invitationQr), by its temporary address.
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

  it('shows the stored 小程序码 image under the code', async () => {
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
    await page.waitForText('请受邀人用微信扫码');
    // The image's address is the stored file's temporary address (invitations/<id>/wxacode.png).
    for (let i = 0; i < 250 && !page.renderData().includes('wxacode.png'); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(page.renderData()).toMatch(/invitations\/[^"]+\/wxacode\.png/);
  });
});
