import { COLLECTIONS } from '@shared/collections';
import type { Envelope } from '@shared/errors';
import { createLocalHost, type LocalHost } from '../../../cloudfunctions/_local/local-host';
import { addTenancy, type Tenancy } from '../../factories/tenancy.factory';

/**
 * Payment notices that fail verification carry no identity, so anyone can send them: they are counted per
 * day and reason in one document, never stored one row each (a flood of forgeries cannot fill the database).
 */
let clock = new Date('2026-11-22T02:00:00Z');
let host: LocalHost;
let t: Tenancy;

beforeEach(async () => {
  clock = new Date('2026-11-22T02:00:00Z');
  host = await createLocalHost({ dataFile: ':memory:', seed: false, now: () => clock });
  t = await addTenancy(host.runtime.db, { bills: [{ period: '2026-11', amountFen: 480_00 }] });
});
afterEach(() => host.close());

async function genuineNotice() {
  const res = (await host.invoke(
    'billing',
    { action: 'createPayment', billIds: [t.bills['2026-11']], clientRequestId: 'notice-order-01' },
    { openid: t.tenant.openid },
  )) as Envelope<{ orderId: string }>;
  if (!res.ok) throw new Error(res.error.message);
  return host.runtime.payments.sandboxPay!(res.data.orderId);
}
const post = (headers: Record<string, string>, body: string) =>
  host.http('billing', { httpMethod: 'POST', path: '/notify', headers, body });
const events = async () =>
  (await host.runtime.db.collection(COLLECTIONS.paymentEvents).limit(1000).get()).data as Record<
    string,
    unknown
  >[];

it('forged, stale and malformed notices are counted per day and reason in one document', async () => {
  const real = await genuineNotice();
  const forged = { ...real.headers, 'Wechatpay-Signature': Buffer.alloc(256, 7).toString('base64') };
  const answers = await Promise.all(Array.from({ length: 20 }, () => post(forged, real.body)));
  expect(answers.every((a) => a.statusCode === 401)).toBe(true);
  for (let i = 0; i < 3; i++) expect((await post({}, '{}')).statusCode).toBe(401);
  clock = new Date(clock.getTime() + 10 * 60_000); // the genuine notice, replayed 10 minutes late
  expect((await post(real.headers, real.body)).statusCode).toBe(401);

  const stored = await events();
  expect(stored.filter((e) => e.kind === 'rejected')).toEqual([]);
  expect(stored).toEqual([
    expect.objectContaining({
      _id: 'rejected-notices-2026-11-22',
      kind: 'rejected-notices',
      day: '2026-11-22',
      total: 24,
      counts: { 'bad-signature': 20, malformed: 3, 'stale-timestamp': 1 },
    }),
  ]);

  // The next Beijing day starts a new document.
  clock = new Date('2026-11-22T16:00:00Z'); // 2026-11-23 00:00 in Beijing
  expect((await post(forged, real.body)).statusCode).toBe(401);
  const day2 = (await events()).find((e) => e._id === 'rejected-notices-2026-11-23');
  expect(day2).toMatchObject({ total: 1, counts: { 'stale-timestamp': 1 } });
});
