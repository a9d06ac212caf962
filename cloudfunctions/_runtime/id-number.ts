import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { AppError } from '@shared/errors';
import { maskIdNumber, normaliseIdNumber } from '@shared/rules/people.rule';

/**
 * Resident ID numbers at rest (个人信息保护法 第五十一条: encryption as a security measure): AES-256-GCM with a
 * key from the deployment's configuration (never stored in the database), a keyed hash (HMAC-SHA256 with a
 * second key) to find a household by ID number without decrypting every record, and the masked form for
 * display. Node's own crypto (https://nodejs.org/api/crypto.html#class-cipher, aes-256-gcm: 12-byte IV,
 * 16-byte tag).
 */
export interface IdKeys {
  /** Names the key pair so that a rotated key can still open older records. */
  keyId: string;
  /** 32 bytes: AES-256-GCM. */
  encryptionKey: Buffer;
  /** 32 bytes: HMAC-SHA256 for lookups. */
  lookupKey: Buffer;
}

/** What a stored record keeps of an ID number: never the number itself. */
export interface SealedIdNumber {
  /** `v1.<keyId>.<base64(iv | tag | ciphertext)>` */
  idNumberCipher: string;
  /** HMAC-SHA256(lookupKey, normalised number), hex: equality lookups only. */
  idNumberHash: string;
  /** `420106********1234`: what every screen shows. */
  idNumberMasked: string;
}

/** The lookup hash of an ID number (normalised first, so a lower-case x finds the same record). */
export const idLookupHash = (idNumber: string, keys: IdKeys): string =>
  createHmac('sha256', keys.lookupKey).update(normaliseIdNumber(idNumber), 'utf8').digest('hex');

export function sealIdNumber(idNumber: string, keys: IdKeys): SealedIdNumber {
  const plain = normaliseIdNumber(idNumber);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.encryptionKey, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const packed = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  return {
    idNumberCipher: `v1.${keys.keyId}.${packed}`,
    idNumberHash: idLookupHash(plain, keys),
    idNumberMasked: maskIdNumber(plain),
  };
}

/** The full number from its stored form; a record sealed with another key, or tampered with, is refused. */
export function openIdNumber(sealed: string, keys: IdKeys): string {
  const [version, keyId, packed, extra] = sealed.split('.');
  if (version !== 'v1' || keyId !== keys.keyId || !packed || extra !== undefined)
    throw new AppError('UNAVAILABLE', '该证件号码由另一把密钥加密，当前无法解密，请联系系统管理员。');
  const raw = Buffer.from(packed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', keys.encryptionKey, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/**
 * Keys from configuration: `ANJU_ID_KEY` and `ANJU_ID_HASH_KEY` (32 bytes each, base64; set as the
 * functions' environment variables in the CloudBase console, never in the repository) and `ANJU_ID_KEY_ID`
 * (default `k1`). Null when they are not set.
 */
export function idKeysFromEnv(env: Record<string, string | undefined>): IdKeys | null {
  const enc = env.ANJU_ID_KEY;
  const mac = env.ANJU_ID_HASH_KEY;
  if (!enc || !mac) return null;
  const encryptionKey = Buffer.from(enc, 'base64');
  const lookupKey = Buffer.from(mac, 'base64');
  if (encryptionKey.length !== 32 || lookupKey.length !== 32)
    throw new Error('ANJU_ID_KEY and ANJU_ID_HASH_KEY must each be 32 bytes in base64');
  return { keyId: env.ANJU_ID_KEY_ID || 'k1', encryptionKey, lookupKey };
}
