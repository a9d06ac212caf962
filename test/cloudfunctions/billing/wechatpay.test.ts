import { execFileSync } from 'node:child_process';
import { createCipheriv, createDecipheriv, createSign, createVerify, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SandboxPaymentProvider } from '../../../cloudfunctions/billing/wechatpay/sandbox';
import {
  WechatPayProvider,
  decryptResource,
  formatBeijingTime,
  verifyNotification,
  type WechatPayConfig,
} from '../../../cloudfunctions/billing/wechatpay/wechatpay';
import {
  NotificationRejected,
  WechatPayError,
  type HttpRequest,
  type HttpResponse,
  type JsapiOrder,
  type NotificationRejectReason,
  type NotificationVerifierConfig,
} from '../../../cloudfunctions/billing/wechatpay/wechatpay.port';

// Keys made here, independently of the code under test.
const pair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    priv: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    pub: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};
const merchant = pair();
const platform = pair();
const intruder = pair();

let clock = new Date('2026-11-22T14:30:00Z');
const now = () => clock;
const APPID = 'wxd678efh567hg6787';
const MCHID = '1230000109';
const PLATFORM_SERIAL = 'PUB_KEY_ID_0112300001092026112200000000000001';
const MERCHANT_SERIAL = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';
const API_V3_KEY = 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6';

const verifier: NotificationVerifierConfig = {
  appId: APPID,
  mchId: MCHID,
  platformPublicKeyPem: platform.pub,
  platformSerial: PLATFORM_SERIAL,
  apiV3Key: API_V3_KEY,
  now,
};

/** RSA-SHA256 base64, written out here rather than imported. */
const sign = (message: string, key: string) => createSign('sha256').update(message).sign(key, 'base64');
const verify = (message: string, signature: string, key: string) =>
  createVerify('sha256').update(message).verify(key, signature, 'base64');

/** AES-256-GCM encryption as WeChat Pay documents it: base64(ciphertext || 16-byte tag). */
function encrypt(plaintext: string, key = API_V3_KEY, nonce = 'fdasflkja484', aad = 'transaction') {
  const c = createCipheriv('aes-256-gcm', Buffer.from(key), Buffer.from(nonce));
  c.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return Buffer.concat([ct, c.getAuthTag()]).toString('base64');
}

const paidTransaction = {
  appid: APPID,
  mchid: MCHID,
  out_trade_no: 'R202611LEASE0001',
  transaction_id: '4200000985202611221234567890',
  trade_type: 'JSAPI',
  trade_state: 'SUCCESS',
  trade_state_desc: '支付成功',
  bank_type: 'CMC',
  attach: '',
  success_time: '2026-11-22T22:29:35+08:00',
  payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
  amount: { total: 123456, payer_total: 123456, currency: 'CNY', payer_currency: 'CNY' },
};

/** A notification built by hand, field by field, so each test can break exactly one thing. */
function forge(
  opts: {
    transaction?: object;
    plaintext?: string;
    key?: string;
    serial?: string;
    timestamp?: number;
    apiV3Key?: string;
    aad?: string;
    editCiphertext?: (b64: string) => string;
  } = {},
) {
  const nonce = 'fdasflkja484';
  const aad = opts.aad ?? 'transaction';
  let ciphertext = encrypt(
    opts.plaintext ?? JSON.stringify(opts.transaction ?? paidTransaction),
    opts.apiV3Key,
    nonce,
    aad,
  );
  if (opts.editCiphertext) ciphertext = opts.editCiphertext(ciphertext);
  const body = JSON.stringify({
    id: 'EV-2018022511223320873',
    create_time: '2026-11-22T22:30:00+08:00',
    resource_type: 'encrypt-resource',
    event_type: 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: {
      original_type: 'transaction',
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext,
      associated_data: 'transaction',
      nonce,
    },
  });
  const ts = String(opts.timestamp ?? Math.floor(clock.getTime() / 1000));
  const headerNonce = 'n0nce5tr1ngn0nce5tr1ngn0nce5tr1';
  return {
    headers: {
      'wechatpay-nonce': headerNonce,
      'wechatpay-serial': opts.serial ?? PLATFORM_SERIAL,
      'wechatpay-signature': sign(`${ts}\n${headerNonce}\n${body}\n`, opts.key ?? platform.priv),
      'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
      'wechatpay-timestamp': ts,
    },
    body,
  };
}

function rejection(fn: () => unknown): NotificationRejectReason | 'accepted' {
  try {
    fn();
    return 'accepted';
  } catch (err) {
    if (err instanceof NotificationRejected) return err.reason;
    throw err;
  }
}

const order = (over: Partial<JsapiOrder> = {}): JsapiOrder => ({
  outTradeNo: 'R202611LEASE0001',
  description: '安居苑3-2-501 2026年11月租金',
  amountFen: 123456,
  payerOpenid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
  notifyUrl: 'https://anju.example.cn/billing/wxpay-notify',
  expiresAt: new Date('2026-11-22T15:00:00.750Z'),
  ...over,
});

beforeEach(() => {
  clock = new Date('2026-11-22T14:30:00Z');
});

describe('verifyNotification (支付成功回调: 验签 + 解密)', () => {
  it('accepts a correctly signed and encrypted notification and returns the transaction', () => {
    const n = verifyNotification(verifier, forge());
    expect(n.id).toBe('EV-2018022511223320873');
    expect(n.event_type).toBe('TRANSACTION.SUCCESS');
    expect(n.transaction).toEqual(paidTransaction);
  });

  it('finds headers in any letter case (frameworks lower-case them, WeChat Pay capitalises)', () => {
    const f = forge();
    const headers = Object.fromEntries(
      Object.entries(f.headers).map(([k, v]) => [k.replace(/(^|-)\w/g, (s) => s.toUpperCase()), v]),
    );
    expect(headers['Wechatpay-Signature']).toBeDefined();
    expect(verifyNotification(verifier, { headers, body: f.body }).transaction.amount.total).toBe(123456);
  });

  it.each([
    [
      'the summary in the body rewritten',
      () => {
        const f = forge();
        const i = f.body.indexOf('支付成功');
        return { ...f, body: f.body.slice(0, i) + '支付失败' + f.body.slice(i + 4) };
      },
      'bad-signature',
    ],
    [
      'the body changed by one byte',
      () => {
        const f = forge();
        return { ...f, body: f.body.replace('EV-2018', 'EV-2019') };
      },
      'bad-signature',
    ],
    ['signed with another key under the right serial', () => forge({ key: intruder.priv }), 'bad-signature'],
    [
      'signed by the merchant key instead of the platform key',
      () => forge({ key: merchant.priv }),
      'bad-signature',
    ],
    [
      'an unknown Wechatpay-Serial',
      () => forge({ serial: 'PUB_KEY_ID_0000000000000000000000000000000000' }),
      'unknown-serial',
    ],
    [
      'a timestamp 10 minutes old',
      () => forge({ timestamp: Math.floor(clock.getTime() / 1000) - 600 }),
      'stale-timestamp',
    ],
    [
      'a timestamp 10 minutes ahead',
      () => forge({ timestamp: Math.floor(clock.getTime() / 1000) + 600 }),
      'stale-timestamp',
    ],
    [
      'a tampered ciphertext (re-signed, so only the GCM tag can catch it)',
      () =>
        forge({
          editCiphertext: (b64) => {
            const buf = Buffer.from(b64, 'base64');
            buf[3] = (buf[3] ?? 0) ^ 0x01;
            return buf.toString('base64');
          },
        }),
      'bad-ciphertext',
    ],
    [
      'a truncated tag',
      () => forge({ editCiphertext: (b64) => Buffer.from(b64, 'base64').subarray(0, -4).toString('base64') }),
      'bad-ciphertext',
    ],
    ['encrypted with another API v3 key', () => forge({ apiV3Key: 'Z'.repeat(32) }), 'bad-ciphertext'],
    ['encrypted under other associated data', () => forge({ aad: 'refund' }), 'bad-ciphertext'],
    [
      'a missing signature header',
      () => {
        const f = forge();
        const { ['wechatpay-signature']: _dropped, ...headers } = f.headers;
        return { headers, body: f.body };
      },
      'malformed',
    ],
    [
      'a decrypted resource that is not a transaction',
      () => forge({ plaintext: '{"hello":"world"}' }),
      'malformed',
    ],
    [
      'a transaction of another merchant',
      () => forge({ transaction: { ...paidTransaction, mchid: '1900000001' } }),
      'wrong-merchant',
    ],
  ] as const)('rejects %s', (_name, make, reason) => {
    expect(rejection(() => verifyNotification(verifier, make()))).toBe(reason);
  });

  it('accepts a timestamp 4 minutes old (inside the 5-minute window)', () => {
    expect(
      rejection(() => verifyNotification(verifier, forge({ timestamp: clock.getTime() / 1000 - 240 }))),
    ).toBe('accepted');
  });

  it('gives a Chinese message with the reason code', () => {
    try {
      verifyNotification(verifier, forge({ key: intruder.priv }));
      throw new Error('not rejected');
    } catch (err) {
      expect(err).toBeInstanceOf(NotificationRejected);
      expect((err as Error).message).toBe('支付通知签名无效');
    }
  });
});

describe('decryptResource (AEAD_AES_256_GCM)', () => {
  it('decrypts what a separate node:crypto encryption produced', () => {
    const plain = JSON.stringify({ hello: '租金', n: 1 });
    expect(
      decryptResource(API_V3_KEY, {
        ciphertext: encrypt(plain),
        nonce: 'fdasflkja484',
        associated_data: 'transaction',
      }),
    ).toBe(plain);
  });

  it('decrypts a fixed vector computed by another implementation (Python cryptography AESGCM)', () => {
    // python3 -c "from cryptography.hazmat.primitives.ciphers.aead import AESGCM; import base64;
    //   print(base64.b64encode(AESGCM(b'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6').encrypt(
    //   b'fdasflkja484', b'{\"total\":100}', b'transaction')).decode())"
    const vector = 'dyei5/wdd6YHlnvnMHTrS4f+ViAE3l8IAJrc4Mw=';
    const resource = { ciphertext: vector, nonce: 'fdasflkja484', associated_data: 'transaction' };
    expect(decryptResource(API_V3_KEY, resource)).toBe('{"total":100}');
    expect(encrypt('{"total":100}')).toBe(vector);
    expect(() => decryptResource(API_V3_KEY, { ...resource, associated_data: 'transactioN' })).toThrow(
      NotificationRejected,
    );
  });
});

/** A fake api.mch.weixin.qq.com written in the test: records the request, answers signed by `key`. */
function fakeServer(
  answer: (req: HttpRequest) => {
    status: number;
    json: unknown;
    key?: string;
    serial?: string;
    skew?: number;
  },
) {
  const seen: HttpRequest[] = [];
  const http = async (req: HttpRequest): Promise<HttpResponse> => {
    seen.push(req);
    const a = answer(req);
    const body = JSON.stringify(a.json);
    const ts = String(Math.floor(clock.getTime() / 1000) + (a.skew ?? 0));
    const nonce = 'ResponseNonce0123456789';
    return {
      status: a.status,
      headers: {
        'request-id': '08F78BB5AF0610D302A5E4C01F8B8F0B',
        'wechatpay-nonce': nonce,
        'wechatpay-serial': a.serial ?? PLATFORM_SERIAL,
        'wechatpay-signature': sign(`${ts}\n${nonce}\n${body}\n`, a.key ?? platform.priv),
        'wechatpay-timestamp': ts,
      },
      body,
    };
  };
  return { seen, http };
}

const providerConfig = (http: WechatPayConfig['http']): WechatPayConfig => ({
  ...verifier,
  merchantSerialNo: MERCHANT_SERIAL,
  merchantPrivateKeyPem: merchant.priv,
  http,
});

const AUTH =
  /^WECHATPAY2-SHA256-RSA2048 mchid="(\d+)",nonce_str="([0-9A-Za-z]{1,32})",signature="([A-Za-z0-9+/=]+)",timestamp="(\d+)",serial_no="([0-9A-F]+)"$/;

function parseAuth(header: string | undefined) {
  const m = AUTH.exec(header ?? '');
  if (!m) throw new Error(`Authorization header has the wrong shape: ${header}`);
  const [, mchid, nonce, signature, timestamp, serial] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return { mchid, nonce, signature, timestamp, serial };
}

/** `openssl dgst -sha256 -verify`: a second, independent RSA-SHA256 implementation. */
function opensslVerifies(message: string, signatureB64: string, publicKeyPem: string): boolean {
  const dir = mkdtempSync(path.join(tmpdir(), 'wxpay-'));
  try {
    writeFileSync(path.join(dir, 'pub.pem'), publicKeyPem);
    writeFileSync(path.join(dir, 'msg'), message);
    writeFileSync(path.join(dir, 'sig'), Buffer.from(signatureB64, 'base64'));
    execFileSync('openssl', ['dgst', '-sha256', '-verify', 'pub.pem', '-signature', 'sig', 'msg'], {
      cwd: dir,
      stdio: 'pipe',
    });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('WechatPayProvider (production client, injected transport)', () => {
  it('creates a JSAPI order: path, headers, body fields, verified answer, signed client params', async () => {
    const server = fakeServer(() => ({
      status: 200,
      json: { prepay_id: 'wx201410272009395522657a690389285100' },
    }));
    const provider = new WechatPayProvider(providerConfig(server.http));
    const { prepayId, clientParams } = await provider.createJsapiOrder(order());

    expect(server.seen).toHaveLength(1);
    const req = server.seen[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('https://api.mch.weixin.qq.com/v3/pay/transactions/jsapi');
    expect(req.headers['Content-Type']).toBe('application/json');
    expect(req.headers.Accept).toBe('application/json');
    expect(JSON.parse(req.body ?? '')).toEqual({
      appid: APPID,
      mchid: MCHID,
      description: '安居苑3-2-501 2026年11月租金',
      out_trade_no: 'R202611LEASE0001',
      time_expire: '2026-11-22T23:00:00+08:00',
      notify_url: 'https://anju.example.cn/billing/wxpay-notify',
      amount: { total: 123456, currency: 'CNY' },
      payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
    });

    const auth = parseAuth(req.headers.Authorization);
    expect(auth.mchid).toBe(MCHID);
    expect(auth.serial).toBe(MERCHANT_SERIAL);
    expect(auth.timestamp).toBe(String(clock.getTime() / 1000));
    const message = `POST\n/v3/pay/transactions/jsapi\n${auth.timestamp}\n${auth.nonce}\n${req.body}\n`;
    expect(verify(message, auth.signature, merchant.pub)).toBe(true);
    expect(opensslVerifies(message, auth.signature, merchant.pub)).toBe(true);
    expect(opensslVerifies(message.replace('123456', '123457'), auth.signature, merchant.pub)).toBe(false);

    expect(prepayId).toBe('wx201410272009395522657a690389285100');
    expect(clientParams).toMatchObject({
      appId: APPID,
      timeStamp: String(clock.getTime() / 1000),
      package: 'prepay_id=wx201410272009395522657a690389285100',
      signType: 'RSA',
    });
    expect(clientParams.nonceStr).toMatch(/^[0-9A-Za-z]{1,32}$/);
    const payMessage = `${APPID}\n${clientParams.timeStamp}\n${clientParams.nonceStr}\nprepay_id=${prepayId}\n`;
    expect(verify(payMessage, clientParams.paySign, merchant.pub)).toBe(true);
    expect(opensslVerifies(payMessage, clientParams.paySign, merchant.pub)).toBe(true);
  });

  it('queries an order by out_trade_no with a signed GET and returns the verified transaction', async () => {
    const server = fakeServer(() => ({ status: 200, json: paidTransaction }));
    const provider = new WechatPayProvider(providerConfig(server.http));
    await expect(provider.queryOrder('R202611LEASE0001')).resolves.toEqual(paidTransaction);

    const req = server.seen[0]!;
    expect(req.method).toBe('GET');
    expect(req.url).toBe(
      'https://api.mch.weixin.qq.com/v3/pay/transactions/out-trade-no/R202611LEASE0001?mchid=1230000109',
    );
    expect(req.body).toBeUndefined();
    const auth = parseAuth(req.headers.Authorization);
    const message = `GET\n/v3/pay/transactions/out-trade-no/R202611LEASE0001?mchid=1230000109\n${auth.timestamp}\n${auth.nonce}\n\n`;
    expect(opensslVerifies(message, auth.signature, merchant.pub)).toBe(true);
  });

  it('answers null for ORDER_NOT_EXIST and throws WeChat Pay’s code for other errors', async () => {
    const server = fakeServer((req) =>
      req.url.includes('R404')
        ? { status: 404, json: { code: 'ORDER_NOT_EXIST', message: '订单不存在' } }
        : { status: 500, json: { code: 'SYSTEM_ERROR', message: '系统错误' } },
    );
    const provider = new WechatPayProvider(providerConfig(server.http));
    await expect(provider.queryOrder('R404NOTFOUND')).resolves.toBeNull();
    await expect(provider.queryOrder('R500BROKEN')).rejects.toMatchObject({
      code: 'SYSTEM_ERROR',
      status: 500,
    });
  });

  it.each([
    ['signed with another key', { key: intruder.priv }, 'bad-signature'],
    ['signed under another serial', { serial: 'PUB_KEY_ID_OTHER' }, 'unknown-serial'],
    ['stamped 10 minutes ago', { skew: -600 }, 'stale-timestamp'],
  ] as const)('refuses a response %s', async (_name, tweak, reason) => {
    const server = fakeServer(() => ({ status: 200, json: { prepay_id: 'wx_forged' }, ...tweak }));
    const provider = new WechatPayProvider(providerConfig(server.http));
    await expect(provider.createJsapiOrder(order())).rejects.toMatchObject({
      code: 'BAD_RESPONSE_SIGNATURE',
      reason,
    });
  });

  it('refuses a response whose body was changed after signing, and one without signature headers', async () => {
    const good = fakeServer(() => ({ status: 200, json: paidTransaction }));
    const tampered = async (req: HttpRequest) => {
      const res = await good.http(req);
      return { ...res, body: res.body.replace('123456', '1') };
    };
    await expect(
      new WechatPayProvider(providerConfig(tampered)).queryOrder('R202611LEASE0001'),
    ).rejects.toMatchObject({
      code: 'BAD_RESPONSE_SIGNATURE',
      reason: 'bad-signature',
    });
    const unsigned = async () => ({ status: 200, headers: {}, body: JSON.stringify(paidTransaction) });
    await expect(
      new WechatPayProvider(providerConfig(unsigned)).queryOrder('R202611LEASE0001'),
    ).rejects.toMatchObject({
      code: 'BAD_RESPONSE_SIGNATURE',
      reason: 'malformed',
    });
  });

  it('refuses a verified answer about another order', async () => {
    const server = fakeServer(() => ({
      status: 200,
      json: { ...paidTransaction, out_trade_no: 'R_SOMETHING_ELSE' },
    }));
    await expect(
      new WechatPayProvider(providerConfig(server.http)).queryOrder('R202611LEASE0001'),
    ).rejects.toMatchObject({ code: 'MALFORMED_RESPONSE' });
  });

  it.each([
    ['zero fen', { amountFen: 0 }],
    ['fractional fen', { amountFen: 12.5 }],
    ['a too-short out_trade_no', { outTradeNo: 'R1' }],
    ['an out_trade_no with a space', { outTradeNo: 'R2026 11 0001' }],
    ['an http notify URL', { notifyUrl: 'http://anju.example.cn/notify' }],
    ['a notify URL with a query', { notifyUrl: 'https://anju.example.cn/notify?x=1' }],
    ['an expiry already past', { expiresAt: new Date('2026-11-22T14:00:00Z') }],
    ['an empty description', { description: '' }],
  ] as const)('refuses %s before sending anything', async (_name, over) => {
    const server = fakeServer(() => ({ status: 200, json: { prepay_id: 'x' } }));
    await expect(
      new WechatPayProvider(providerConfig(server.http)).createJsapiOrder(order(over)),
    ).rejects.toMatchObject({
      code: 'INVALID_ORDER',
    });
    expect(server.seen).toHaveLength(0);
  });

  it('formats time_expire as RFC 3339 in +08:00 across a date change', () => {
    expect(formatBeijingTime(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01T00:00:00+08:00');
    expect(formatBeijingTime(new Date('2026-11-22T15:59:59.999Z'))).toBe('2026-11-22T23:59:59+08:00');
  });

  it('refuses a configuration whose API v3 key is not 32 bytes', () => {
    expect(() => new WechatPayProvider({ ...providerConfig(undefined), apiV3Key: 'short' })).toThrow(
      '32 bytes',
    );
  });
});

describe('SandboxPaymentProvider (local WeChat Pay)', () => {
  let sandbox: SandboxPaymentProvider;
  beforeEach(() => {
    sandbox = new SandboxPaymentProvider({ now, appId: APPID, mchId: MCHID });
  });

  it('runs order → pay → notification verified by the production code → query', async () => {
    const { prepayId, clientParams } = await sandbox.createJsapiOrder(order({ outTradeNo: 'SBX0000000001' }));
    expect(clientParams.package).toBe(`prepay_id=${prepayId}`);
    const payMessage = `${APPID}\n${clientParams.timeStamp}\n${clientParams.nonceStr}\n${clientParams.package}\n`;
    expect(verify(payMessage, clientParams.paySign, sandbox.merchantPublicKeyPem)).toBe(true);

    await expect(sandbox.queryOrder('SBX0000000001')).resolves.toMatchObject({
      out_trade_no: 'SBX0000000001',
      trade_state: 'NOTPAY',
      amount: { total: 123456 },
    });

    clock = new Date(clock.getTime() + 60_000);
    const notification = sandbox.pay('SBX0000000001');
    expect(notification.method).toBe('POST');
    expect(notification.url).toBe('https://anju.example.cn/billing/wxpay-notify');
    expect(notification.headers).toMatchObject({
      'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
      'Wechatpay-Serial': sandbox.verifierConfig.platformSerial,
      'Wechatpay-Timestamp': String(clock.getTime() / 1000),
    });
    const envelope = JSON.parse(notification.body) as { resource: Record<string, string> };
    expect(envelope.resource).toMatchObject({ algorithm: 'AEAD_AES_256_GCM', original_type: 'transaction' });

    const verified = verifyNotification(sandbox.verifierConfig, notification);
    expect(verified.event_type).toBe('TRANSACTION.SUCCESS');
    expect(verified.transaction).toMatchObject({
      appid: APPID,
      mchid: MCHID,
      out_trade_no: 'SBX0000000001',
      trade_state: 'SUCCESS',
      trade_type: 'JSAPI',
      success_time: '2026-11-22T22:31:00+08:00',
      payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
      amount: { total: 123456, payer_total: 123456, currency: 'CNY' },
    });
    expect(verified.transaction.transaction_id).toMatch(/^\d{28}$/);

    // The same resource, decrypted by the test's own node:crypto path.
    const r = envelope.resource;
    const raw = Buffer.from(r.ciphertext ?? '', 'base64');
    const d = createDecipheriv(
      'aes-256-gcm',
      Buffer.from(sandbox.verifierConfig.apiV3Key),
      Buffer.from(r.nonce ?? ''),
    );
    d.setAuthTag(raw.subarray(-16));
    d.setAAD(Buffer.from(r.associated_data ?? ''));
    const plain = Buffer.concat([d.update(raw.subarray(0, -16)), d.final()]).toString();
    expect(JSON.parse(plain)).toEqual(verified.transaction);

    await expect(sandbox.queryOrder('SBX0000000001')).resolves.toEqual(verified.transaction);
    // A sandbox notification checked against another sandbox's keys fails.
    const other = new SandboxPaymentProvider({ now, appId: APPID, mchId: MCHID });
    expect(rejection(() => verifyNotification(other.verifierConfig, notification))).toBe('unknown-serial');
    expect(
      rejection(() =>
        verifyNotification(
          { ...other.verifierConfig, platformSerial: sandbox.verifierConfig.platformSerial },
          notification,
        ),
      ),
    ).toBe('bad-signature');
  });

  it('behaves like WeChat Pay on repeats: same prepay_id, changed order refused, no double payment', async () => {
    const first = await sandbox.createJsapiOrder(order({ outTradeNo: 'SBX0000000002' }));
    const again = await sandbox.createJsapiOrder(order({ outTradeNo: 'SBX0000000002' }));
    expect(again.prepayId).toBe(first.prepayId);
    await expect(
      sandbox.createJsapiOrder(order({ outTradeNo: 'SBX0000000002', amountFen: 1 })),
    ).rejects.toMatchObject({ code: 'INVALID_REQUEST' });

    const paid = sandbox.pay('SBX0000000002');
    expect(() => sandbox.pay('SBX0000000002')).toThrow(WechatPayError);
    await expect(sandbox.createJsapiOrder(order({ outTradeNo: 'SBX0000000002' }))).rejects.toMatchObject({
      code: 'ORDERPAID',
    });
    const retry = sandbox.notificationFor('SBX0000000002');
    expect(verifyNotification(sandbox.verifierConfig, retry).id).toBe(
      verifyNotification(sandbox.verifierConfig, paid).id,
    );
    await expect(sandbox.queryOrder('SBX_UNKNOWN_1')).resolves.toBeNull();
    expect(() => sandbox.pay('SBX_UNKNOWN_1')).toThrow('订单不存在');
  });

  it('refuses payment after time_expire', async () => {
    await sandbox.createJsapiOrder(order({ outTradeNo: 'SBX0000000003' }));
    clock = new Date('2026-11-22T15:00:01Z');
    expect(() => sandbox.pay('SBX0000000003')).toThrow(expect.objectContaining({ code: 'ORDER_CLOSED' }));
  });

  it('checks the merchant signature of API calls, like the real server', async () => {
    const stranger = new WechatPayProvider({
      ...sandbox.verifierConfig,
      merchantSerialNo: 'ABCDEF',
      merchantPrivateKeyPem: intruder.priv,
      http: sandbox.handle,
    });
    await expect(stranger.queryOrder('SBX0000000001')).rejects.toMatchObject({
      code: 'SIGN_ERROR',
      status: 401,
    });
  });

  it('survives exportState → JSON → importState with its keys and orders', async () => {
    await sandbox.createJsapiOrder(order({ outTradeNo: 'SBX0000000001' }));
    sandbox.pay('SBX0000000001');
    await sandbox.createJsapiOrder(order({ outTradeNo: 'SBX0000000004' }));
    const saved = JSON.parse(JSON.stringify(sandbox.exportState())) as ReturnType<typeof sandbox.exportState>;
    const restored = new SandboxPaymentProvider({ now, state: saved });
    expect(restored.verifierConfig.platformSerial).toBe(sandbox.verifierConfig.platformSerial);
    const n = restored.pay('SBX0000000004');
    expect(verifyNotification(sandbox.verifierConfig, n).transaction.out_trade_no).toBe('SBX0000000004');
    await expect(restored.queryOrder('SBX0000000001')).resolves.toMatchObject({ trade_state: 'SUCCESS' });
    // The original did not see the restored copy's payment.
    await expect(sandbox.queryOrder('SBX0000000004')).resolves.toMatchObject({ trade_state: 'NOTPAY' });

    const blank = new SandboxPaymentProvider({ now });
    blank.importState(saved);
    expect(blank.verifierConfig.apiV3Key).toBe(sandbox.verifierConfig.apiV3Key);
    expect(sandbox.verifierConfig.apiV3Key).toMatch(/^[A-Za-z0-9]{32}$/);
  });
});
