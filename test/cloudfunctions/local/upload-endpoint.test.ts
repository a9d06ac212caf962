import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalServer, type LocalServer } from '../../../cloudfunctions/_local/server';
import { makeSignaturePng } from '../../factories/png.factory';

const NOW = new Date('2026-11-22T10:00:00Z');
const png = makeSignaturePng(40, 40, 4);

/**
 * The browser build's wx.cloud.uploadFile: `POST /api/storage/upload?cloudPath=…` with the development
 * session, answered with a cloud:// file ID; only under the caller's own `uploads/<openid>/<purpose>/`, and
 * the file a function then records is read back through a signed, expiring address.
 */
describe('the local host’s upload endpoint and temporary addresses', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'anju-upload-'));
  const staticDir = mkdtempSync(path.join(os.tmpdir(), 'anju-h5-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>安居</title>');
  let server: LocalServer;
  let now = NOW;
  let token = '';
  let prefix = '';

  const upload = async (cloudPath: string, body: Uint8Array, session: string | null = token) => {
    const res = await fetch(`${server.url}/api/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        ...(session ? { 'x-anju-session': session } : {}),
      },
      body: new Blob([Buffer.from(body)]),
    });
    return {
      status: res.status,
      body: (await res.json()) as {
        ok: boolean;
        data?: { fileID: string };
        error?: { code: string; message: string };
      },
    };
  };
  const call = async (fn: string, event: object) => {
    const res = await fetch(`${server.url}/api/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-anju-session': token },
      body: JSON.stringify(event),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read nested JSON answers
    return (await res.json()) as any;
  };

  beforeAll(async () => {
    server = await startLocalServer({ port: 0, dataDir, staticDir, now: () => now });
    const signIn = await fetch(`${server.url}/api/dev/sign-in`, {
      method: 'POST',
      body: JSON.stringify({ personaId: 'u-tenant' }),
    });
    token = ((await signIn.json()) as { data: { token: string } }).data.token;
    prefix = (await call('account', { action: 'uploadPrefix' })).data.prefix;
  });
  afterAll(async () => server.close());

  it('tells the caller its own prefix', () => {
    expect(prefix).toMatch(/^uploads\/[A-Za-z0-9_-]+\/$/);
  });

  it('answers an upload with a file ID a repair can then take, and shows the photo at a signed address', async () => {
    const up = await upload(`${prefix}repair-photo/e2e0000001.png`, png);
    expect(up.status).toBe(200);
    expect(up.body.data!.fileID).toMatch(
      /^cloud:\/\/anju-local\.[a-z0-9-]+\/uploads\/.+\/repair-photo\/e2e0000001\.png$/,
    );
    const filed = await call('repair', {
      action: 'file',
      kind: 'repair',
      category: 'water',
      description: '厨房水管漏水',
      emergency: false,
      preferredTimes: '',
      photos: [up.body.data!.fileID],
      clientRequestId: 'upload-endpoint-01',
    });
    expect(filed).toMatchObject({ ok: true, data: { photos: 1 } });
    const view = await call('repair', {
      action: 'photo',
      repairId: filed.data.id,
      which: 'before',
      index: 0,
    });
    const res = await fetch(`${server.url}${view.data.url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(png);
    // A changed signature or an expired address opens nothing.
    expect((await fetch(`${server.url}${view.data.url.replace(/sign=[^&]+/, 'sign=forged')}`)).status).toBe(
      403,
    );
    now = new Date(NOW.getTime() + 11 * 60_000);
    expect((await fetch(`${server.url}${view.data.url}`)).status).toBe(403);
    now = NOW;
  });

  it('refuses without a session, outside the caller’s prefix, and over the purpose’s size', async () => {
    expect((await upload(`${prefix}repair-photo/e2e0000002.png`, png, null)).status).toBe(401);
    const others = await upload('uploads/demo-admin/repair-photo/e2e0000003.png', png);
    expect(others).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_INPUT', message: '只能上传到您自己的上传目录。' } },
    });
    const big = await upload(`${prefix}signature/e2e0000004.png`, Buffer.alloc(300_001, 1));
    expect(big).toMatchObject({
      status: 400,
      body: { error: { message: '签名图片不能超过 0.3 MB，请压缩后重新上传。' } },
    });
    const huge = await upload(`${prefix}unit-sheet/e2e0000005.csv`, Buffer.alloc(4 * 1024 * 1024 + 1, 0x41));
    expect(huge).toMatchObject({ status: 413, body: { error: { code: 'INVALID_INPUT' } } });
  });
});
