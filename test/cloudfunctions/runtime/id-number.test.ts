import { createHash } from 'node:crypto';
import {
  idKeysFromEnv,
  idLookupHash,
  openIdNumber,
  sealIdNumber,
  type IdKeys,
} from '../../../cloudfunctions/_runtime/id-number';

const keys: IdKeys = {
  keyId: 'k1',
  encryptionKey: createHash('sha256').update('test enc').digest(),
  lookupKey: createHash('sha256').update('test mac').digest(),
};
const ID = '42010619800101004X';

/** ID numbers at rest: AES-256-GCM with a configured key, an HMAC lookup hash, the masked form. */
describe('sealed ID numbers', () => {
  it('seal and open again; the stored form holds neither the number nor its birth date', () => {
    const sealed = sealIdNumber(ID.toLowerCase(), keys);
    expect(openIdNumber(sealed.idNumberCipher, keys)).toBe(ID);
    expect(sealed.idNumberMasked).toBe('420106********004X');
    expect(JSON.stringify(sealed)).not.toContain(ID);
    expect(JSON.stringify(sealed)).not.toContain('19800101');
  });

  it('the lookup hash is stable for the same number and differs by key; the cipher differs every time', () => {
    expect(idLookupHash(ID, keys)).toBe(sealIdNumber(ID, keys).idNumberHash);
    expect(idLookupHash('42010619800101004x', keys)).toBe(idLookupHash(ID, keys));
    expect(idLookupHash(ID, { ...keys, lookupKey: Buffer.alloc(32, 1) })).not.toBe(idLookupHash(ID, keys));
    expect(sealIdNumber(ID, keys).idNumberCipher).not.toBe(sealIdNumber(ID, keys).idNumberCipher);
  });

  it('refuses another key or a tampered record', () => {
    const { idNumberCipher } = sealIdNumber(ID, keys);
    expect(() => openIdNumber(idNumberCipher, { ...keys, keyId: 'k2' })).toThrow('另一把密钥');
    expect(() => openIdNumber(idNumberCipher, { ...keys, encryptionKey: Buffer.alloc(32, 7) })).toThrow();
    const raw = Buffer.from(idNumberCipher.split('.')[2] as string, 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] as number) ^ 1;
    expect(() => openIdNumber(`v1.k1.${raw.toString('base64')}`, keys)).toThrow();
  });

  it('reads its keys from configuration, and only 32-byte ones', () => {
    expect(idKeysFromEnv({})).toBeNull();
    const good = Buffer.alloc(32, 3).toString('base64');
    expect(idKeysFromEnv({ ANJU_ID_KEY: good, ANJU_ID_HASH_KEY: good })?.keyId).toBe('k1');
    expect(() => idKeysFromEnv({ ANJU_ID_KEY: 'c2hvcnQ=', ANJU_ID_HASH_KEY: good })).toThrow('32 bytes');
  });
});
