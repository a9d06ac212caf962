import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COLLECTIONS } from '@shared/collections';
import { ERROR_MESSAGES } from '@shared/errors';
import type { Logger } from '../../../cloudfunctions/_runtime/logger';
import {
  callBodyBytes,
  MAX_CALL_PAYLOAD_BYTES,
  MAX_CALL_RESPONSE_BYTES,
} from '../../../cloudfunctions/_runtime/platform-limits';
import * as repairService from '../../../cloudfunctions/repair/repair.service';
import { startLocalServer, type LocalServer } from '../../../cloudfunctions/_local/server';
import { addProject, addUser, openTestHost, type TestHost } from '../../factories/scenario.factory';

// The statistics service is replaced by a mock (only in this file) so that one test can make an answer of a
// given size. (Exports no longer answer their file — they answer a storage address: exports.test.ts.)
jest.mock('../../../cloudfunctions/repair/repair.service', () => ({
  ...jest.requireActual('../../../cloudfunctions/repair/repair.service'),
  repairStats: jest.fn(),
}));

/**
 * CloudBase refuses a function call whose body is over 100 KB (EXCEED_MAX_PAYLOAD_SIZE,
 * https://docs.cloudbase.net/en/error-code/service/EXCEED_MAX_PAYLOAD_SIZE ) before the function runs, and
 * an answer over 1 MB (EXCEED_MAX_RESPONSE_SIZE, https://docs.cloudbase.net/error-code/EXCEED_MAX_RESPONSE_SIZE ).
 * The local host does the same, so a path that passes here fits on the platform.
 */
const START = '2026-12-01T01:00:00Z';

/** A JPEG (by its magic bytes) of `size` bytes, as base64. */
const jpeg = (size: number) => {
  const b = Buffer.alloc(size, 0x11);
  b[0] = 0xff;
  b[1] = 0xd8;
  b[2] = 0xff;
  return b.toString('base64');
};

/** A repair request whose single photo makes the call body `target` bytes, give or take a few. */
function fileEvent(target: number, clientRequestId: string) {
  const event = (photoBytes: number) => ({
    action: 'file',
    kind: 'repair',
    category: 'water',
    description: '卫生间水管漏水',
    emergency: false,
    preferredTimes: '工作日晚上',
    photos: [],
    // Not a field of the action: only a way to make the body a given size; the contract refuses it.
    padding: 'x'.repeat(photoBytes),
    clientRequestId,
  });
  const overhead = callBodyBytes('repair', event(0));
  return event(target - overhead);
}

describe('the local host holds calls to the platform payload limit', () => {
  let t: TestHost;
  const lines: string[] = [];
  let tenant: string;
  beforeEach(async () => {
    lines.length = 0;
    const log: Logger = { log: (_level, msg, fields) => void lines.push(`${msg} ${JSON.stringify(fields)}`) };
    t = await openTestHost(START, { log });
    const p = await addProject(t.db, { id: 'p1', tenants: 1 });
    tenant = p.tenants[0]!.openid;
  });
  afterEach(() => t.close());

  it('a call just over the limit is refused before the function runs, and nothing changes', async () => {
    const event = fileEvent(MAX_CALL_PAYLOAD_BYTES + 200, 'req-over-limit-1');
    expect(callBodyBytes('repair', event)).toBeGreaterThan(MAX_CALL_PAYLOAD_BYTES);
    const res = await t.host.invoke('repair', event, { openid: tenant });
    expect(res).toEqual({
      ok: false,
      error: { code: 'EXCEED_MAX_PAYLOAD_SIZE', message: ERROR_MESSAGES.EXCEED_MAX_PAYLOAD_SIZE },
    });
    expect(res.ok ? '' : res.error.message).toMatch(/^提交的内容过大/);
    expect(lines).toEqual([]); // the handler logs every call it receives: this one never reached it
    expect(await t.count(COLLECTIONS.repairs)).toBe(0);
  });

  it('the same call just under the limit reaches the function (whose contract refuses the padding)', async () => {
    const event = fileEvent(MAX_CALL_PAYLOAD_BYTES - 200, 'req-under-limit');
    expect(callBodyBytes('repair', event)).toBeLessThanOrEqual(MAX_CALL_PAYLOAD_BYTES);
    const res = await t.host.invoke('repair', event, { openid: tenant });
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(lines.length).toBeGreaterThan(0);
    expect(await t.count(COLLECTIONS.repairs)).toBe(0);
  });

  it('the body is measured as the SDK sends it: quotes and escapes count twice', () => {
    const plain = callBodyBytes('repair', { a: 'x'.repeat(1000) });
    const quoted = callBodyBytes('repair', { a: '"'.repeat(1000) });
    const chinese = callBodyBytes('repair', { a: '中'.repeat(1000) });
    expect(quoted - plain).toBe(3 * 1000); // `"` → `\"` → `\\\"`
    expect(chinese - plain).toBe(2 * 1000); // 3 UTF-8 bytes instead of 1
  });

  it('an answer over 1 MB is replaced by the platform error', async () => {
    await addUser(t.db, { id: 'u-admin', roles: ['admin'] });
    // Statistics whose one row label came out at about 1.07 MB.
    const spy = jest.mocked(repairService.repairStats);
    const row = {
      key: 'all',
      label: jpeg(800_000),
      total: 0,
      finished: 0,
      medianHours: null,
      overdue: 0,
      overdueRate: 0,
      good: 0,
      poor: 0,
    };
    spy.mockResolvedValue({ overall: row, byCategory: [], byBuilding: [], byMonth: [], poorReasons: [] });
    try {
      const res = await t.host.invoke(
        'repair',
        { action: 'stats', fromMonth: '2026-11', toMonth: '2026-11' },
        { openid: 'wx-u-admin' },
      );
      expect(spy).toHaveBeenCalled();
      expect(res).toEqual({
        ok: false,
        error: { code: 'EXCEED_MAX_RESPONSE_SIZE', message: ERROR_MESSAGES.EXCEED_MAX_RESPONSE_SIZE },
      });
      expect(lines.some((l) => l.startsWith('response over the platform limit'))).toBe(true);
      expect(MAX_CALL_RESPONSE_BYTES).toBe(1_000_000);
    } finally {
      spy.mockReset();
    }
  });
});

describe('the local HTTP API refuses an oversize call with the platform code', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startLocalServer({
      port: 0,
      dataDir: mkdtempSync(path.join(os.tmpdir(), 'anju-payload-')),
      staticDir: path.join(os.tmpdir(), 'no-h5-build'),
      seed: false,
      now: () => new Date(START),
    });
  });
  afterAll(() => server.close());

  const post = (body: string) =>
    fetch(`${server.url}/api/repair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });

  it('413 with EXCEED_MAX_PAYLOAD_SIZE and the Chinese message', async () => {
    const res = await post(JSON.stringify(fileEvent(MAX_CALL_PAYLOAD_BYTES + 200, 'req-over-http-1')));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      ok: false,
      error: { code: 'EXCEED_MAX_PAYLOAD_SIZE', message: ERROR_MESSAGES.EXCEED_MAX_PAYLOAD_SIZE },
    });
    expect(await server.host.runtime.db.collection(COLLECTIONS.repairs).where({}).count()).toMatchObject({
      total: 0,
    });
  });

  it('a body far over the limit is cut off early and answered the same way', async () => {
    const res = await post(JSON.stringify({ action: 'mine', pad: 'x'.repeat(3 * MAX_CALL_PAYLOAD_BYTES) }));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'EXCEED_MAX_PAYLOAD_SIZE' } });
  });

  it('a call under the limit reaches the function (here: its contract refuses the padding)', async () => {
    const res = await post(JSON.stringify(fileEvent(MAX_CALL_PAYLOAD_BYTES - 200, 'req-under-http')));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
