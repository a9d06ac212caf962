import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalServer, type LocalServer } from '../../../cloudfunctions/_local/server';
import { signSession, verifySession } from '../../../cloudfunctions/_local/dev-session';

const NOW = new Date('2026-11-22T10:00:00Z');

async function post(url: string, body: unknown, token?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { 'x-anju-session': token } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read nested JSON answers
  return (await res.json()) as { ok: boolean; data?: any; error?: { code: string; message: string } };
}

describe('the local host over HTTP', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'anju-server-'));
  const staticDir = mkdtempSync(path.join(os.tmpdir(), 'anju-h5-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>安居</title>');
  let server: LocalServer;

  beforeAll(async () => {
    server = await startLocalServer({ port: 0, dataDir, staticDir, now: () => NOW });
  });
  afterAll(async () => server.close());

  it('lists personas without their OPENIDs and signs one in', async () => {
    const personas = (await (await fetch(`${server.url}/api/dev/personas`)).json()) as {
      data: { id: string }[];
    };
    expect(personas.data.map((p) => p.id)).toEqual(
      expect.arrayContaining(['u-tenant', 'u-manager', 'u-volunteer', 'u-admin']),
    );
    expect(JSON.stringify(personas)).not.toContain('demo-tenant');
    const signIn = await post(`${server.url}/api/dev/sign-in`, { personaId: 'u-tenant' });
    expect(signIn.ok).toBe(true);
    const me = await post(`${server.url}/api/account`, { action: 'me' }, signIn.data.token);
    expect(me.ok).toBe(true);
    expect(me.data.user.id).toBe('u-tenant');
    expect(me.data.tenant.lease.unitLabel).toMatch(/栋-\d+/);
  });

  it('refuses unknown personas, malformed JSON, forged and missing tokens with the envelope', async () => {
    expect(await post(`${server.url}/api/dev/sign-in`, { personaId: 'nobody' })).toMatchObject({ ok: false });
    expect(await post(`${server.url}/api/account`, '{not json')).toMatchObject({
      error: { code: 'INVALID_INPUT' },
    });
    expect(await post(`${server.url}/api/account`, { action: 'me' })).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    });
    const forged = signSession(Buffer.alloc(32, 7), 'u-admin', 'demo-admin', NOW.getTime());
    expect(await post(`${server.url}/api/account`, { action: 'me' }, forged)).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('receives WeChat Pay notifications at /api/billing/notify: verified, credited once, forgeries refused', async () => {
    const token = (await post(`${server.url}/api/dev/sign-in`, { personaId: 'u-tenant-arrears' })).data.token;
    const bills = (await post(`${server.url}/api/billing`, { action: 'myBills' }, token)).data as {
      id: string;
      balanceFen: number;
    }[];
    const open = bills.filter((b) => b.balanceFen > 0);
    const order = await post(
      `${server.url}/api/billing`,
      { action: 'createPayment', billIds: [open[0]!.id], clientRequestId: 'http-notify-001' },
      token,
    );
    expect(order.ok).toBe(true);
    const n = await server.host.runtime.payments.sandboxPay!(order.data.orderId);
    const deliver = (body: string) =>
      fetch(`${server.url}/api/billing/notify`, { method: 'POST', headers: n.headers, body });
    expect((await deliver(n.body.replace('"resource"', '"resource" '))).status).toBe(401); // body altered
    expect((await deliver(n.body)).status).toBe(204);
    expect((await deliver(n.body)).status).toBe(204);
    const status = await post(
      `${server.url}/api/billing`,
      { action: 'paymentStatus', orderId: order.data.orderId },
      token,
    );
    expect(status.data).toMatchObject({ status: 'paid', amountFen: open[0]!.balanceFen });
    const after = (await post(`${server.url}/api/billing`, { action: 'myBills' }, token))
      .data as typeof bills;
    expect(after.find((b) => b.id === open[0]!.id)!.balanceFen).toBe(0);
  });

  it('serves the H5 app with a fallback to index.html', async () => {
    const res = await fetch(`${server.url}/pages/index/index`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('安居');
  });

  it('keeps data across a restart (same SQLite file, same session key)', async () => {
    const signIn = await post(`${server.url}/api/dev/sign-in`, { personaId: 'u-admin' });
    // A brand-new WeChat user is recorded on first sight; after a restart the same record answers.
    const token = signSession(
      Buffer.from(readFileSync(path.join(dataDir, 'dev-session.key'), 'utf8').trim(), 'hex'),
      'x',
      'wx-restart-check',
      NOW.getTime(),
    );
    const first = await post(`${server.url}/api/account`, { action: 'me' }, token);
    await server.close();
    server = await startLocalServer({ port: 0, dataDir, staticDir, now: () => NOW });
    const second = await post(`${server.url}/api/account`, { action: 'me' }, token);
    expect(second.data.user.id).toBe(first.data.user.id);
    const admin = await post(`${server.url}/api/account`, { action: 'me' }, signIn.data.token);
    expect(admin.data.projects).toHaveLength(3);
  });
});

describe('development sessions', () => {
  const secret = Buffer.alloc(32, 1);
  it('round-trips, and refuses tampering and expiry', () => {
    const token = signSession(secret, 'u-tenant', 'demo-tenant', 1000);
    expect(verifySession(secret, token, 2000)).toMatchObject({ openid: 'demo-tenant' });
    const [payload, mac] = token.split('.') as [string, string];
    const evil = Buffer.from(
      JSON.stringify({ personaId: 'u-admin', openid: 'demo-admin', exp: 9e15 }),
    ).toString('base64url');
    expect(verifySession(secret, `${evil}.${mac}`, 2000)).toBeNull();
    expect(verifySession(secret, `${payload}.${mac}x`, 2000)).toBeNull();
    expect(verifySession(secret, token, 8 * 24 * 3600 * 1000)).toBeNull();
    expect(verifySession(secret, undefined, 0)).toBeNull();
    expect(verifySession(secret, 'a.b.c', 0)).toBeNull();
  });
});
