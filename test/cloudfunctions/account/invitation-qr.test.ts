// @ts-expect-error -- pngjs (qrcode's own PNG writer, already installed) ships no types; only PNG.sync.read is used.
import { PNG as UntypedPng } from 'pngjs';
import { create } from 'qrcode';
import { COLLECTIONS } from '@shared/collections';
import type { InvitationDoc } from '../../../cloudfunctions/account/people.repository';
import { addProject, addUser, openTestHost, type TestHost } from '../../factories/scenario.factory';

const PNG = UntypedPng as { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } };

const NOW = '2026-11-22T02:00:00Z';
let t: TestHost;

beforeEach(async () => {
  t = await openTestHost(NOW);
  await addProject(t.db, { id: 'p1', tenants: 1 });
  await addUser(t.db, { id: 'admin', roles: ['admin'], name: '赵磊', openid: 'o-admin' });
  await addUser(t.db, { id: 'mgr', roles: ['manager'], name: '张敏', openid: 'o-mgr', projectIds: ['p1'] });
  await addUser(t.db, { id: 'ten', roles: ['tenant'], name: '李华', openid: 'o-tenant' });
});
afterEach(() => t.close());

const invite = async (openid: string, role: string, projectIds: string[], validDays = 7) => {
  const res = await t.call('account', openid, 'createInvitation', {
    role,
    projectIds,
    note: '',
    validDays,
    clientRequestId: `req-${role}-${validDays}`,
  });
  expect(res.ok).toBe(true);
  return res.data as { id: string; code: string };
};
const qr = (openid: string, invitationId: string) =>
  t.call('account', openid, 'invitationQr', { invitationId });

/** Whether the PNG's pixel in the middle of module (row, col) is dark (scale 6, quiet zone 4). */
function modulesOf(bytes: Buffer, size: number): boolean[][] {
  const png = PNG.sync.read(bytes);
  const scale = png.width / (size + 8);
  expect(Number.isInteger(scale)).toBe(true);
  return Array.from({ length: size }, (_, r) =>
    Array.from({ length: size }, (_, c) => {
      const x = Math.floor((c + 4) * scale + scale / 2);
      const y = Math.floor((r + 4) * scale + scale / 2);
      return (png.data[(y * png.width + x) * 4] as number) < 128;
    }),
  );
}

/** Invitations get a 小程序码 of the join page with the code as `scene` (issue #17), made once and stored. */
describe('account.invitationQr', () => {
  it('gives the office a temporary address of a PNG that opens the join page with the code, made once', async () => {
    const inv = await invite('o-admin', 'worker', ['p1']);
    const first = await qr('o-admin', inv.id);
    expect(first.ok).toBe(true);
    const bytes = await t.fetchUrl(first.data.url);
    expect(bytes).not.toBeNull();
    expect([...bytes!.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // The local sandbox draws what WeChat's code carries: the page and the scene.
    const symbol = create(`pages/join/index?scene=${inv.code}`, { errorCorrectionLevel: 'M' });
    const size = symbol.modules.size;
    const expected = Array.from({ length: size }, (_, r) =>
      Array.from({ length: size }, (_, c) => symbol.modules.get(r, c) === 1),
    );
    expect(modulesOf(bytes!, size)).toEqual(expected);

    const stored = await t.doc<InvitationDoc>(COLLECTIONS.invitations, inv.id);
    expect(stored?.wxacodeFileId).toMatch(/invitations\/.+\/wxacode\.png$/);

    // A second call reuses the stored file: WeChat is not asked again, the file ID and the image stay.
    const wxacode = jest.spyOn(t.host.runtime.people, 'wxacode');
    const second = await qr('o-admin', inv.id);
    expect(second.ok).toBe(true);
    expect(wxacode).not.toHaveBeenCalled();
    expect((await t.doc<InvitationDoc>(COLLECTIONS.invitations, inv.id))?.wxacodeFileId).toBe(
      stored?.wxacodeFileId,
    );
    expect(Buffer.compare((await t.fetchUrl(second.data.url))!, bytes!)).toBe(0);
  });

  it('refuses a tenant and a stranger for an invitation they may not see, and changes nothing', async () => {
    const inv = await invite('o-admin', 'worker', ['p1']);
    for (const who of ['o-tenant', 'o-stranger']) {
      const res = await qr(who, inv.id);
      expect(res.ok).toBe(false);
      expect(res.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await t.doc<InvitationDoc>(COLLECTIONS.invitations, inv.id))?.wxacodeFileId).toBeUndefined();
  });

  it('refuses an expired, a revoked and an accepted invitation with a clear Chinese message', async () => {
    const expiring = await invite('o-admin', 'worker', ['p1'], 1);
    const revoked = await invite('o-admin', 'worker', ['p1'], 2);
    const accepted = await invite('o-admin', 'volunteer', ['p1'], 3);
    expect((await t.call('account', 'o-admin', 'revokeInvitation', { invitationId: revoked.id })).ok).toBe(
      true,
    );
    expect((await t.call('account', 'o-new', 'acceptInvitation', { code: accepted.code })).ok).toBe(true);
    expect((await qr('o-admin', revoked.id)).error).toMatchObject({
      code: 'STATE_INVALID',
      message: expect.stringContaining('已撤销'),
    });
    expect((await qr('o-admin', accepted.id)).error).toMatchObject({
      code: 'STATE_INVALID',
      message: expect.stringContaining('已被接受'),
    });
    t.clock.advance(2 * 86_400_000);
    expect((await qr('o-admin', expiring.id)).error).toMatchObject({
      code: 'STATE_INVALID',
      message: expect.stringContaining('已过期'),
    });
    expect((await t.doc<InvitationDoc>(COLLECTIONS.invitations, expiring.id))?.wxacodeFileId).toBeUndefined();
  });
});
