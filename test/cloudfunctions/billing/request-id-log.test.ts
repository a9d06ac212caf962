import { createLocalHost, type LocalHost } from '../../../cloudfunctions/_local/local-host';
import { createMemoryLogger } from '../../../cloudfunctions/_runtime/logger';
import { SandboxPaymentProvider } from '../../../cloudfunctions/billing/wechatpay/sandbox';
import {
  WechatPayProvider,
  type WechatPayFailure,
} from '../../../cloudfunctions/billing/wechatpay/wechatpay';
import type { HttpRequest, HttpResponse } from '../../../cloudfunctions/billing/wechatpay/wechatpay.port';
import { addTenancy } from '../../factories/tenancy.factory';

// Each host makes its sandbox's RSA keys on first use: seconds on a busy shared machine.
jest.setTimeout(30_000);

/**
 * Every failed WeChat Pay call is logged with WeChat Pay's `Request-ID` response header and its error code
 * (what WeChat Pay's support asks for), whatever the failure: a refusal, no answer, an answer whose
 * signature does not verify, a malformed answer.
 */
const clock = new Date('2026-11-22T02:00:00Z');
const now = () => clock;

function setup(tamper?: (req: HttpRequest, res: HttpResponse) => HttpResponse | Promise<HttpResponse>) {
  const sandbox = new SandboxPaymentProvider({ now });
  const state = sandbox.exportState();
  const failures: WechatPayFailure[] = [];
  const answers: HttpResponse[] = [];
  const client = new WechatPayProvider({
    ...sandbox.verifierConfig,
    merchantSerialNo: state.keys.merchantSerialNo,
    merchantPrivateKeyPem: state.keys.merchantPrivateKeyPem,
    onFailure: (f) => failures.push(f),
    http: async (req) => {
      const res = await sandbox.handle(req);
      const out = tamper ? await tamper(req, res) : res;
      answers.push(out);
      return out;
    },
  });
  return { sandbox, client, failures, answers };
}

const order = (no: string) => ({
  outTradeNo: no,
  description: '公租房租金 2026-11',
  amountFen: 480_00,
  payerOpenid: 'o-1',
  notifyUrl: 'https://anju.example/billing/notify',
  expiresAt: new Date(clock.getTime() + 60_000),
});
const requestIdOf = (res: HttpResponse | undefined) => res?.headers['Request-ID'];

describe('the provider reports every failed call with its Request-ID and code', () => {
  it.each([
    [
      'a refusal (close a paid order: ORDERPAID)',
      async (s: ReturnType<typeof setup>) => {
        await s.client.createJsapiOrder(order('AJLOG00000000000000000001'));
        s.sandbox.pay('AJLOG00000000000000000001');
        await s.client.closeOrder('AJLOG00000000000000000001');
      },
      'ORDERPAID',
    ],
    [
      'a refund above the order (INVALID_REQUEST)',
      async (s: ReturnType<typeof setup>) => {
        await s.client.createJsapiOrder(order('AJLOG00000000000000000002'));
        s.sandbox.pay('AJLOG00000000000000000002');
        await s.client.createRefund({
          outTradeNo: 'AJLOG00000000000000000002',
          outRefundNo: 'RFLOG1',
          reason: '',
          refundFen: 480_00,
          totalFen: 480_00,
          notifyUrl: 'https://anju.example/billing/notify',
        });
        await s.client.createRefund({
          outTradeNo: 'AJLOG00000000000000000002',
          outRefundNo: 'RFLOG2',
          reason: '',
          refundFen: 1,
          totalFen: 480_00,
          notifyUrl: 'https://anju.example/billing/notify',
        });
      },
      'INVALID_REQUEST',
    ],
    [
      'an unknown refund queried (RESOURCE_NOT_EXISTS, answered null)',
      async (s: ReturnType<typeof setup>) => {
        expect(await s.client.queryRefund('RFNONE')).toBeNull();
      },
      'RESOURCE_NOT_EXISTS',
    ],
  ])('%s', async (_name, act, code) => {
    const s = setup();
    await act(s).catch(() => undefined);
    const last = s.answers.at(-1);
    expect(s.failures).toEqual([
      expect.objectContaining({ code, requestId: requestIdOf(last), status: last?.status }),
    ]);
    expect(s.failures[0]?.requestId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('an answer whose signature does not verify is logged with its Request-ID', async () => {
    const s = setup((_req, res) => ({ ...res, body: res.body.replace('NOTPAY', 'SUCCESS') }));
    await s.client.createJsapiOrder(order('AJLOG00000000000000000003')).catch(() => undefined);
    await expect(s.client.queryOrder('AJLOG00000000000000000003')).rejects.toMatchObject({
      code: 'BAD_RESPONSE_SIGNATURE',
    });
    const last = s.answers.at(-1);
    expect(s.failures.at(-1)).toMatchObject({ code: 'BAD_RESPONSE_SIGNATURE', requestId: requestIdOf(last) });
  });

  it('no answer at all is logged as NETWORK_ERROR with an empty Request-ID', async () => {
    const s = setup(() => {
      throw new Error('connect ETIMEDOUT');
    });
    await expect(s.client.queryOrder('AJLOG00000000000000000004')).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
    });
    expect(s.failures).toEqual([
      expect.objectContaining({ code: 'NETWORK_ERROR', requestId: '', status: null }),
    ]);
  });

  it('an error answer without a JSON body is logged by its HTTP status', async () => {
    const s = setup(() => ({ status: 502, headers: { 'Request-ID': 'abc123' }, body: '<html>' }));
    await expect(s.client.queryOrder('AJLOG00000000000000000005')).rejects.toMatchObject({
      code: 'HTTP_502',
      requestId: 'abc123',
    });
    expect(s.failures).toEqual([expect.objectContaining({ code: 'HTTP_502', requestId: 'abc123' })]);
  });
});

describe('the runtime writes those failures to rt.log', () => {
  let host: LocalHost;
  const log = createMemoryLogger();
  afterEach(() => host.close());

  it('a failed call made by the billing service leaves one log line with WeChat Pay’s request id and code', async () => {
    host = await createLocalHost({ dataFile: ':memory:', seed: false, now, log });
    const t = await addTenancy(host.runtime.db, { bills: [{ period: '2026-11', amountFen: 480_00 }] });
    const provider = await host.runtime.payments.provider();
    log.lines.length = 0;
    expect(await provider.queryRefund('RFNOTTHERE')).toBeNull();
    const lines = log.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: 'wechat pay call failed',
        code: 'RESOURCE_NOT_EXISTS',
        api: '/v3/refund/domestic/refunds/RFNOTTHERE',
        wechatRequestId: expect.stringMatching(/^[0-9a-f]{32}$/),
      }),
    ]);

    // Through an action: the tenant cancels an order WeChat Pay already took payment for; the close is
    // refused (ORDERPAID), logged, and the order is then found paid and credited.
    const created = await host.invoke(
      'billing',
      { action: 'createPayment', billIds: [t.bills['2026-11']], clientRequestId: 'log-cancel-0001' },
      { openid: t.tenant.openid },
    );
    const orderId = (created as { data: { orderId: string } }).data.orderId;
    await host.runtime.payments.sandboxPay!(orderId);
    log.lines.length = 0;
    const cancelled = await host.invoke(
      'billing',
      { action: 'cancelPayment', orderId },
      { openid: t.tenant.openid },
    );
    expect(cancelled).toMatchObject({ ok: true, data: { status: 'paid' } });
    const failed = log.lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'wechat pay call failed');
    expect(failed).toEqual([
      expect.objectContaining({
        code: 'ORDERPAID',
        status: 400,
        wechatRequestId: expect.stringMatching(/^[0-9a-f]{32}$/),
      }),
    ]);
  });
});
