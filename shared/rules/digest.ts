import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/**
 * SHA-256 and HMAC-SHA256 over UTF-8 text, as lowercase hex. @noble/hashes is pure JavaScript, so the
 * same code runs in cloud functions and in the mini-program, and every value can be recomputed with
 * `openssl dgst -sha256 [-hmac KEY]`.
 */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

export function hmacSha256Hex(key: string, message: string): string {
  return bytesToHex(hmac(sha256, utf8ToBytes(key), utf8ToBytes(message)));
}

export function hmacSha256Bytes(keyBytes: Uint8Array, message: string): Uint8Array {
  return hmac(sha256, keyBytes, utf8ToBytes(message));
}

/**
 * HMAC-SHA256 under one key for many messages: the keyed inner and outer states are computed once and
 * copied per message into one reused working instance (`_cloneInto`, the reuse noble documents for
 * performance). Same bytes as `hmacSha256Bytes`, two compressions and two hash objects fewer per message.
 * Not re-entrant: use the returned function from one call chain at a time (it is synchronous).
 */
export function hmacSha256Keyed(keyBytes: Uint8Array): (message: string) => Uint8Array {
  const keyed = hmac.create(sha256, keyBytes);
  let work: typeof keyed | undefined;
  return (message) => {
    work = keyed._cloneInto(work);
    work.update(utf8ToBytes(message));
    const out = new Uint8Array(32);
    work.digestInto(out);
    return out;
  };
}

export { bytesToHex, utf8ToBytes };
