import { createHash } from 'node:crypto';
import { toBuffer } from 'qrcode';
import { AppError } from '@shared/errors';
import { isMobileNumber } from '@shared/rules/people.rule';
import { idKeysFromEnv, type IdKeys } from '../_runtime/id-number';
import type { PeoplePort } from '../_runtime/people.port';

/**
 * The demo ID-number keys: derived from a public phrase, so they protect nothing and exist only for the
 * local host, the tests and the demo seed (which is sealed with them). A deployment sets its own keys
 * (ANJU_ID_KEY, ANJU_ID_HASH_KEY); locally, setting them needs a fresh data folder.
 */
export const DEMO_ID_KEYS: IdKeys = {
  keyId: 'demo',
  encryptionKey: createHash('sha256').update('anju demo id-number encryption key').digest(),
  lookupKey: createHash('sha256').update('anju demo id-number lookup key').digest(),
};

/** The first-administrator setup code of a local demo (printed by `npm start`), unless ANJU_SETUP_CODE is set. */
export const DEMO_SETUP_CODE = 'ANJU-DEMO-2026';

/**
 * The phone sandbox: a browser has no `getPhoneNumber` button, so the local bind page asks for the number
 * "WeChat would confirm" and sends `sandbox:<number>` as the code; this plays WeChat's answer. A production
 * function never accepts such a code (WeChat would refuse it).
 */
export const SANDBOX_PHONE_PREFIX = 'sandbox:';

export function createLocalPeople(env: Record<string, string | undefined> = process.env): PeoplePort {
  const keys = idKeysFromEnv(env) ?? DEMO_ID_KEYS;
  return {
    idKeys: () => keys,
    setupCode: () => env.ANJU_SETUP_CODE || DEMO_SETUP_CODE,
    async phoneFromCode(code) {
      const phone = code.startsWith(SANDBOX_PHONE_PREFIX) ? code.slice(SANDBOX_PHONE_PREFIX.length) : '';
      if (!isMobileNumber(phone))
        throw new AppError('RULE_VIOLATION', '未能从微信获取手机号，请重新点击“微信手机号验证”。');
      return phone;
    },
    // The wxacode sandbox: a plain QR code of the page and scene as WeChat would pass them (a 小程序码 needs
    // WeChat's server); the picture is a real PNG so the client shows it the same way.
    async wxacode(page, scene) {
      const png = await toBuffer(`${page}?scene=${encodeURIComponent(scene)}`, {
        type: 'png',
        errorCorrectionLevel: 'M',
        margin: 4,
        scale: 6,
      });
      return { bytes: new Uint8Array(png), contentType: 'image/png' };
    },
  };
}
