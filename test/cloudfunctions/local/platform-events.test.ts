import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COLLECTIONS } from '@shared/collections';
import { createLocalHost, type LocalHost } from '../../../cloudfunctions/_local/local-host';
import { startLocalServer, type LocalServer } from '../../../cloudfunctions/_local/server';
import { FUNCTIONS } from '../../../cloudfunctions/registry';
import { signSession } from '../../../cloudfunctions/_local/dev-session';
import { ERROR_MESSAGES } from '@shared/errors';

/**
 * Timer jobs run only when the platform runs them: an event shaped like a timer's, sent by anyone else (no
 * session, a forged session, a plain-text POST from any web page, a signed-in user, a context without the
 * platform's mark), is refused and runs nothing. Every timer the functions define is tried.
 */
const NOW = new Date('2026-12-01T01:00:00Z');
const TIMERS: [string, string][] = [
  ['billing', 'monthly-bills'],
  ['billing', 'daily-rent-reminders'],
  ['billing', 'payment-reconcile'],
  ['repair', 'daily-deadline-reminders'],
  ['patrol', 'quarterly-plan'],
  ['patrol', 'care-escalation'],
  ['account', 'daily-deadline-recount'],
];

async function counts(host: LocalHost): Promise<string> {
  const names = [
    COLLECTIONS.bills,
    COLLECTIONS.outbox,
    COLLECTIONS.patrolPlans,
    COLLECTIONS.patrolStops,
    COLLECTIONS.auditLog,
    COLLECTIONS.meta,
  ];
  const totals = await Promise.all(
    names.map(async (c) => (await host.runtime.db.collection(c).where({}).count()).total),
  );
  return names.map((n, i) => `${n}:${totals[i]}`).join(' ');
}

describe('timer events over the local HTTP API', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'anju-timers-'));
  const staticDir = mkdtempSync(path.join(os.tmpdir(), 'anju-h5-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>安居</title>');
  let server: LocalServer;
  beforeAll(async () => {
    server = await startLocalServer({ port: 0, dataDir, staticDir, now: () => NOW });
  });
  afterAll(async () => server.close());

  const send = (fn: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/${fn}`, { method: 'POST', headers, body });

  it.each(TIMERS)(
    '%s %s: refused without a session, with a forged one, as text/plain, and signed in',
    async (fn, trigger) => {
      const before = await counts(server.host);
      const body = JSON.stringify({ Type: 'Timer', TriggerName: trigger });
      const forged = signSession(Buffer.alloc(32, 7), 'u-admin', 'demo-admin', NOW.getTime());
      const signIn = (await (
        await fetch(`${server.url}/api/dev/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ personaId: 'u-admin' }),
        })
      ).json()) as { data: { token: string } };
      const variants: Record<string, string>[] = [
        { 'content-type': 'application/json' },
        { 'content-type': 'application/json', 'x-anju-session': forged },
        { 'content-type': 'text/plain' },
        { 'content-type': 'application/json', 'x-anju-session': signIn.data.token },
      ];
      for (const headers of variants) {
        const res = await send(fn, body, headers);
        expect(res.status).toBe(403);
        expect(await res.json()).toEqual({
          ok: false,
          error: { code: 'UNAUTHENTICATED', message: '定时任务只能由平台的定时触发器运行。' },
        });
      }
      expect(await counts(server.host)).toBe(before);
    },
  );

  it('a body over the limit gets 413 and the error envelope, not a reset connection', async () => {
    const res = await send('account', JSON.stringify({ action: 'me', pad: 'x'.repeat(13 * 1024 * 1024) }), {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(413);
    // A function call: CloudBase's payload limit answers first (platform-limits.ts).
    expect(await res.json()).toEqual({
      ok: false,
      error: { code: 'EXCEED_MAX_PAYLOAD_SIZE', message: ERROR_MESSAGES.EXCEED_MAX_PAYLOAD_SIZE },
    });
    // The server still answers afterwards.
    expect((await send('account', '{}', { 'content-type': 'application/json' })).status).toBe(200);
  });
});

describe('timer events at the function entry point', () => {
  let host: LocalHost;
  beforeEach(async () => {
    host = await createLocalHost({ dataFile: ':memory:', seed: true, now: () => NOW });
  });
  afterEach(() => host.close());

  it('a context without the platform’s timer mark runs nothing, with or without a user', async () => {
    const before = await counts(host);
    for (const [fn, trigger] of TIMERS) {
      const main = FUNCTIONS[fn as keyof typeof FUNCTIONS](host.runtime);
      for (const context of [{}, undefined, { localOpenid: 'demo-admin' }, { TRIGGER_SRC: 'timer' }]) {
        expect(await main({ Type: 'Timer', TriggerName: trigger }, context)).toMatchObject({
          ok: false,
          error: { code: 'UNAUTHENTICATED' },
        });
      }
    }
    expect(await counts(host)).toBe(before);
  });

  it('the local host’s own trigger runs the job', async () => {
    const run = await host.trigger('billing', 'monthly-bills');
    expect(run.ok).toBe(true);
    expect(await host.trigger('repair', 'no-such-trigger')).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_ACTION' },
    });
  });
});
