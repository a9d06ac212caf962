import { create, type QRCode } from 'qrcode';

/**
 * A QR code as a PNG data URL (issue #17: an invitation "shown as a QR code"), drawn by this module so that the
 * same image works in the browser and in the mini-program, where `qrcode`'s own renderers need a canvas. The
 * symbol comes from `qrcode`'s `create` (ISO/IEC 18004, error correction M); the picture is a 1-bit grayscale
 * PNG (https://www.w3.org/TR/png/) with uncompressed deflate blocks (RFC 1951 §3.2.4), which any PNG reader
 * accepts, with the 4-module quiet zone the standard requires around the symbol.
 */
export interface QrImage {
  dataUrl: string;
  /** Pixels on each side. */
  size: number;
  /** The modules (true: dark), row by row, for tests. */
  modules: boolean[][];
}

const QUIET_MODULES = 4;

let crcTable: Uint32Array | null = null;
function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

function chunk(type: string, data: Uint8Array): number[] {
  const body = new Uint8Array(4 + data.length);
  for (let i = 0; i < 4; i++) body[i] = type.charCodeAt(i);
  body.set(data, 4);
  return [...u32(data.length), ...body, ...u32(crc32(body))];
}

/** zlib stream of stored (uncompressed) deflate blocks of at most 65,535 bytes each. */
function zlibStored(raw: Uint8Array): Uint8Array {
  const out: number[] = [0x78, 0x01];
  for (let at = 0; at < raw.length || at === 0; at += 65535) {
    const len = Math.min(65535, raw.length - at);
    const last = at + len >= raw.length ? 1 : 0;
    out.push(last, len & 0xff, len >>> 8, ~len & 0xff, (~len >>> 8) & 0xff);
    for (let i = 0; i < len; i++) out.push(raw[at + i] as number);
    if (last) break;
  }
  out.push(...u32(adler32(raw)));
  return Uint8Array.from(out);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b = 0, c = 0] = [bytes[i] as number, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    s += BASE64[(n >>> 18) & 63]! + BASE64[(n >>> 12) & 63]!;
    s += i + 1 < bytes.length ? BASE64[(n >>> 6) & 63]! : '=';
    s += i + 2 < bytes.length ? BASE64[n & 63]! : '=';
  }
  return s;
}

/** UTF-8 bytes of `text` (without TextEncoder, which the mini-program's JavaScript engine may lack). */
function utf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** The QR symbol of `text`: one byte-mode segment of its UTF-8 bytes, error correction M. */
export function qrSymbol(text: string): QRCode {
  return create([{ data: utf8(text), mode: 'byte' }], { errorCorrectionLevel: 'M' });
}

/** The QR code of `text`, `scale` pixels per module. */
export function qrImage(text: string, scale = 8): QrImage {
  const { modules: m } = qrSymbol(text);
  const modules = Array.from({ length: m.size }, (_, r) =>
    Array.from({ length: m.size }, (_, c) => m.get(r, c) === 1),
  );
  const side = (m.size + 2 * QUIET_MODULES) * scale;
  const rowBytes = Math.ceil(side / 8);
  const raw = new Uint8Array((rowBytes + 1) * side); // each row: filter byte 0, then the bits (1 = white)
  for (let y = 0; y < side; y++) {
    const r = Math.floor(y / scale) - QUIET_MODULES;
    for (let x = 0; x < side; x++) {
      const c = Math.floor(x / scale) - QUIET_MODULES;
      const dark = r >= 0 && c >= 0 && r < m.size && c < m.size && modules[r]![c]!;
      const at = y * (rowBytes + 1) + 1 + (x >> 3);
      if (!dark) raw[at] = (raw[at] as number) | (0x80 >> (x & 7));
    }
  }
  const header = Uint8Array.from([...u32(side), ...u32(side), 1, 0, 0, 0, 0]); // 1-bit grayscale
  const png = Uint8Array.from([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk('IHDR', header),
    ...chunk('IDAT', zlibStored(raw)),
    ...chunk('IEND', new Uint8Array(0)),
  ]);
  return { dataUrl: `data:image/png;base64,${base64(png)}`, size: side, modules };
}
