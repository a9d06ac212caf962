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

export function hmacSha256HexWithKey(keyBytes: Uint8Array, message: string): string {
  return bytesToHex(hmac(sha256, keyBytes, utf8ToBytes(message)));
}

export { utf8ToBytes };
