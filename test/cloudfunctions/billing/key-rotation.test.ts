import { generateKeyPairSync } from 'node:crypto';
import { ENV_VARS } from '../../../config/deploy/environment-variables';
import { SandboxPaymentProvider } from '../../../cloudfunctions/billing/wechatpay/sandbox';
import {
  WechatPayProvider,
  parsePlatformKeys,
  verifyAnyNotification,
  verifyNotification,
} from '../../../cloudfunctions/billing/wechatpay/wechatpay';
import {
  NotificationRejected,
  type NotificationVerifierConfig,
} from '../../../cloudfunctions/billing/wechatpay/wechatpay.port';

// Each host makes its sandbox's RSA keys on first use: seconds on a busy shared machine.
jest.setTimeout(30_000);

/**
 * Platform key switch (平台证书 → 微信支付公钥, https://pay.weixin.qq.com/doc/v3/merchant/4012154180): while
 * the old platform certificate and the new PUB_KEY_ID_ public key are both configured, messages signed by
 * either verify; once the old one is removed from the configuration, its messages are refused. The sandbox
 * signs as WeChat Pay does and the production verifier checks it: no test-only path.
 */
let clock = new Date('2026-11-22T02:00:00Z');
const now = () => clock;
const OLD_SERIAL = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';
const NEW_SERIAL = 'PUB_KEY_ID_0112300001092026112200000000000002';

function paidSandbox() {
  const sandbox = new SandboxPaymentProvider({ now, keys: { platformSerial: OLD_SERIAL } });
  return sandbox;
}

async function payOne(sandbox: SandboxPaymentProvider, no: string) {
  await sandbox.createJsapiOrder({
    outTradeNo: no,
    description: '公租房租金 2026-11',
    amountFen: 480_00,
    payerOpenid: 'o-tenant-1',
    notifyUrl: 'https://anju.example/billing/notify',
    expiresAt: new Date(clock.getTime() + 15 * 60_000),
  });
  return sandbox.pay(no);
}

const rejection = (f: () => unknown): string => {
  try {
    f();
    return 'accepted';
  } catch (err) {
    return err instanceof NotificationRejected ? err.reason : 'other';
  }
};

beforeEach(() => {
  clock = new Date('2026-11-22T02:00:00Z');
});

describe('a platform key switch', () => {
  it('old-key and new-key notifications both verify while both are configured; the old is refused once removed', async () => {
    const sandbox = paidSandbox();
    const oldSigned = await payOne(sandbox, 'AJROTATE000000000000000001');
    expect(oldSigned.headers['Wechatpay-Serial']).toBe(OLD_SERIAL);

    const fresh = sandbox.rotatePlatformKey(NEW_SERIAL);
    expect(fresh).toBe(NEW_SERIAL);
    const newSigned = await payOne(sandbox, 'AJROTATE000000000000000002');
    expect(newSigned.headers['Wechatpay-Serial']).toBe(NEW_SERIAL);
    // A retry of the first notification still signed by the old key (WeChat Pay switches gradually).
    const oldRetry = sandbox.notificationFor('AJROTATE000000000000000001', { signWith: OLD_SERIAL });
    expect(oldRetry.headers['Wechatpay-Serial']).toBe(OLD_SERIAL);

    const during = sandbox.verifierConfig;
    expect(during.platformSerial).toBe(NEW_SERIAL);
    expect(during.extraPlatformKeys?.map((k) => k.serial)).toEqual([OLD_SERIAL]);
    for (const n of [oldSigned, newSigned, oldRetry])
      expect(verifyNotification(during, n).transaction.trade_state).toBe('SUCCESS');

    sandbox.retirePreviousKeys();
    const after = sandbox.verifierConfig;
    expect(after.extraPlatformKeys).toEqual([]);
    expect(rejection(() => verifyNotification(after, oldRetry))).toBe('unknown-serial');
    expect(rejection(() => verifyNotification(after, oldSigned))).toBe('unknown-serial');
    expect(verifyNotification(after, newSigned).transaction.out_trade_no).toBe('AJROTATE000000000000000002');
  });

  it('a serial that names a configured key but a signature by another key is a bad signature, not accepted', async () => {
    const sandbox = paidSandbox();
    sandbox.rotatePlatformKey(NEW_SERIAL);
    const n = await payOne(sandbox, 'AJROTATE000000000000000003');
    // Relabel the new key's signature as the old key's serial: the old key does not verify it.
    const relabelled = { ...n, headers: { ...n.headers, 'Wechatpay-Serial': OLD_SERIAL } };
    expect(rejection(() => verifyNotification(sandbox.verifierConfig, relabelled))).toBe('bad-signature');
  });

  it('an unknown serial is refused before anything is decrypted', async () => {
    const sandbox = paidSandbox();
    const n = await payOne(sandbox, 'AJROTATE000000000000000004');
    const unknown = { ...n, headers: { ...n.headers, 'Wechatpay-Serial': 'PUB_KEY_ID_NOT_CONFIGURED' } };
    expect(rejection(() => verifyAnyNotification(sandbox.verifierConfig, unknown))).toBe('unknown-serial');
  });

  it('API answers are signed with the key the request names in Wechatpay-Serial, and verify during the switch', async () => {
    const sandbox = paidSandbox();
    sandbox.rotatePlatformKey(NEW_SERIAL);
    await payOne(sandbox, 'AJROTATE000000000000000005');
    const state = sandbox.exportState();
    const seen: { asked: string | undefined; answered: string | string[] | undefined }[] = [];
    const clientNaming = (primary: 'old' | 'new') => {
      const during = sandbox.verifierConfig;
      const old = state.previousPlatformKeys?.[0];
      return new WechatPayProvider({
        ...during,
        ...(primary === 'old' && old
          ? {
              platformSerial: old.serial,
              platformPublicKeyPem: old.publicKeyPem,
              extraPlatformKeys: [{ serial: NEW_SERIAL, publicKeyPem: during.platformPublicKeyPem }],
            }
          : {}),
        merchantSerialNo: state.keys.merchantSerialNo,
        merchantPrivateKeyPem: state.keys.merchantPrivateKeyPem,
        http: async (req) => {
          const res = await sandbox.handle(req);
          seen.push({ asked: req.headers['Wechatpay-Serial'], answered: res.headers['Wechatpay-Serial'] });
          return res;
        },
      });
    };
    expect((await clientNaming('new').queryOrder('AJROTATE000000000000000005'))?.trade_state).toBe('SUCCESS');
    expect((await clientNaming('old').queryOrder('AJROTATE000000000000000005'))?.trade_state).toBe('SUCCESS');
    expect(seen).toEqual([
      { asked: NEW_SERIAL, answered: NEW_SERIAL },
      { asked: OLD_SERIAL, answered: OLD_SERIAL },
    ]);
  });
});

describe('WXPAY_PLATFORM_KEYS: several keys from configuration', () => {
  const pem = () =>
    generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
  const a = pem();
  const b = pem();

  it('reads a JSON list and serial=PEM entries (with \\n written out) alike', () => {
    const json = JSON.stringify([
      { serial: OLD_SERIAL, pem: a },
      { serial: NEW_SERIAL, pem: b },
    ]);
    const fromJson = parsePlatformKeys(json);
    expect(fromJson.map((k) => k.serial)).toEqual([OLD_SERIAL, NEW_SERIAL]);
    const flat = `${OLD_SERIAL}=${a.replace(/\n/g, '\\n')};${NEW_SERIAL}=${b.replace(/\n/g, '\\n')}`;
    const fromPairs = parsePlatformKeys(flat);
    expect(fromPairs).toEqual(fromJson);
    expect(parsePlatformKeys('')).toEqual([]);
  });

  it.each([
    ['not a serial', `not-a-serial=${a}`, '不是 PUB_KEY_ID_'],
    ['not a key', `${NEW_SERIAL}=-----BEGIN PUBLIC KEY-----\nxyz\n-----END PUBLIC KEY-----`, '不是可读取'],
    ['a serial twice', `${NEW_SERIAL}=${a};${NEW_SERIAL}=${b}`, '重复'],
    ['a bad JSON list', '[{"serial":1}]', 'JSON'],
    ['no separator', 'PUB_KEY_ID_X', '序列号=PEM'],
  ])('refuses %s with a Chinese reason', (_name, text, message) => {
    expect(() => parsePlatformKeys(text)).toThrow(message);
  });

  it('is declared for the deploy, optional, and its check refuses a bad value', () => {
    const decl = ENV_VARS.find((v) => v.name === 'WXPAY_PLATFORM_KEYS');
    expect(decl).toMatchObject({ functions: ['billing'], optional: true, feature: 'wechat-pay' });
    expect(decl?.check?.(`${OLD_SERIAL}=${a}`, { WXPAY_PLATFORM_SERIAL: NEW_SERIAL })).toBeNull();
    expect(decl?.check?.(`${NEW_SERIAL}=${a}`, { WXPAY_PLATFORM_SERIAL: NEW_SERIAL })).toMatch('不要重复');
    expect(decl?.check?.('garbage', {})).toMatch('序列号=PEM');
  });

  it('a verifier built from the parsed keys accepts exactly the configured serials', async () => {
    const sandbox = paidSandbox();
    const n = await payOne(sandbox, 'AJROTATE000000000000000006');
    const base = sandbox.verifierConfig;
    const otherPrimary: NotificationVerifierConfig = {
      ...base,
      platformSerial: NEW_SERIAL,
      platformPublicKeyPem: b,
      extraPlatformKeys: parsePlatformKeys(`${OLD_SERIAL}=${base.platformPublicKeyPem}`),
    };
    expect(verifyNotification(otherPrimary, n).id).toBeTruthy();
    expect(rejection(() => verifyNotification({ ...otherPrimary, extraPlatformKeys: [] }, n))).toBe(
      'unknown-serial',
    );
  });
});
