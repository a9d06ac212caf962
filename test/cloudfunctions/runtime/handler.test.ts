import { COLLECTIONS } from '@shared/collections';
import { FUNCTION_NAMES } from '@shared/contracts';
import type { LocalHost } from '../../../cloudfunctions/_local/local-host';
import type { HouseholdDoc } from '../../../cloudfunctions/_runtime/documents';
import { createMemoryLogger } from '../../../cloudfunctions/_runtime/logger';
import { addProject, openTestHost, type TestHost, type TestTenant } from '../../factories/scenario.factory';
import { plainIdNumberOf } from '../../factories/housing.factory';

/** Counts every collection, so a test can show that a refused call wrote nothing. */
async function snapshotCounts(t: TestHost): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of Object.values(COLLECTIONS)) out[name] = await t.count(name);
  return out;
}

/** The wrapper every function shares: contracts, identity, error envelopes, logs (one tenant is enough). */
describe('the handler wrapper', () => {
  let t: TestHost;
  let host: LocalHost;
  let log: ReturnType<typeof createMemoryLogger>;
  let tenant: TestTenant;
  beforeEach(async () => {
    log = createMemoryLogger();
    t = await openTestHost('2026-11-22T10:00:00Z', { log });
    host = t.host;
    tenant = (await addProject(t.db, { id: 'p-test', tenants: 1 })).tenants[0]!;
  });
  afterEach(() => t.close());

  const malformed: [string, unknown][] = [
    ['null event', null],
    ['a string event', 'me'],
    ['an array event', [1, 2]],
    ['no action', { foo: 1 }],
    ['a numeric action', { action: 7 }],
    ['unknown keys beside a known action', { action: 'me', householdId: 'h-0002' }],
    ['an openid smuggled in the body', { action: 'me', openid: 'demo-admin' }],
  ];

  it.each(malformed)('%s → INVALID_INPUT envelope, nothing written', async (_name, event) => {
    const before = await snapshotCounts(t);
    const res = await host.invoke('account', event, { openid: 'brand-new-openid' });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('INVALID_INPUT');
    expect(res.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(JSON.stringify(res)).not.toMatch(/at .*\.ts|Error:|stack/);
    expect(await snapshotCounts(t)).toEqual(before);
  });

  it('names the offending keys in Chinese without echoing values', async () => {
    const res = await host.invoke(
      'account',
      { action: 'me', idNumber: '420106199001011234' },
      { openid: tenant.openid },
    );
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(res)).toContain('不允许的字段：idNumber');
    expect(JSON.stringify(res)).not.toContain('420106199001011234');
  });

  it.each(FUNCTION_NAMES)('%s: an unknown action → UNKNOWN_ACTION, nothing written', async (fn) => {
    const before = await snapshotCounts(t);
    const res = await host.invoke(fn, { action: 'dropEverything' }, { openid: tenant.openid });
    expect(res).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
    expect(await snapshotCounts(t)).toEqual(before);
  });

  it.each(FUNCTION_NAMES)('%s: no identity → UNAUTHENTICATED, nothing written', async (fn) => {
    const before = await snapshotCounts(t);
    const res = await host.invoke(fn, { action: 'health' }, { openid: null });
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: '请先登录后再操作。' },
    });
    expect(await snapshotCounts(t)).toEqual(before);
  });

  it.each(FUNCTION_NAMES)('%s: health answers for a signed-in caller', async (fn) => {
    const res = await host.invoke(fn, { action: 'health' }, { openid: tenant.openid });
    expect(res).toEqual({ ok: true, data: { status: 'ok', function: fn, time: '2026-11-22T10:00:00.000Z' } });
  });

  it('an unknown function → error envelope', async () => {
    const res = await host.invoke('payroll', { action: 'health' }, { openid: tenant.openid });
    expect(res.ok).toBe(false);
  });

  it('logs carry no OPENID, names or ID numbers', async () => {
    await host.invoke('account', { action: 'me' }, { openid: tenant.openid });
    const text = log.lines.join('\n');
    expect(log.lines.length).toBeGreaterThan(0);
    const household = (await t.doc<HouseholdDoc>(COLLECTIONS.households, tenant.householdId))!;
    expect(text).not.toContain(tenant.openid);
    expect(text).not.toContain(household.headName);
    expect(text).not.toContain(plainIdNumberOf(household));
  });
});
