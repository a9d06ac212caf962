import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

/**
 * The local host's static server for the H5 build (issue #19, the H5 budget): each text asset is sent
 * compressed as the browser asks (`Accept-Encoding`: brotli first, then gzip; RFC 9110 §12.5.3,
 * https://www.rfc-editor.org/rfc/rfc9110#field.accept-encoding), with `Vary: Accept-Encoding` so a cache keeps
 * the forms apart; a file whose name carries its content hash (`js/app.eee94c67.js`, webpack's `[hash]` in
 * config/index.ts) is cached for a year as `immutable` (RFC 8246, https://www.rfc-editor.org/rfc/rfc8246),
 * and `index.html` (also the SPA fallback), which names the current hashes, is `no-cache` with an ETag, so a
 * browser revalidates it on every visit and gets a 304 when it has not changed.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
/** Types worth compressing (images and woff2 are compressed already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt']);
/** Below this, compression saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const NO_CACHE = 'no-cache';

/** A name with an 8+ hex-digit content hash before its extension: `app.eee94c67.js`, `app.eee94c6779d1fabefa41.css`. */
export function isHashedName(file: string): boolean {
  return /[.-][0-9a-f]{8,}\.[a-z0-9]+$/i.test(path.basename(file));
}

export type Encoding = 'br' | 'gzip' | 'identity';

/** The encoding to send for an `Accept-Encoding` header: br, then gzip, honouring `q=0`. */
export function negotiateEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepts = (e: string) => (q.get(e) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return 'identity';
}

interface Compressed {
  mtimeMs: number;
  size: number;
  br: Buffer;
  gzip: Buffer;
}
/** Each file compressed once per version (the build's files are few and change only on a rebuild). */
const cache = new Map<string, Compressed>();

function compressed(file: string, mtimeMs: number, size: number): Compressed {
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === mtimeMs && hit.size === size) return hit;
  const raw = readFileSync(file);
  const entry = {
    mtimeMs,
    size,
    br: brotliCompressSync(raw, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length },
    }),
    gzip: gzipSync(raw, { level: 9 }),
  };
  cache.set(file, entry);
  return entry;
}

/**
 * Serves `url` from the build folder `root` (GET and HEAD), the SPA fallback being index.html. Answers 503
 * with a Chinese hint when the build is missing.
 */
export function serveStatic(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  root: string,
  pathname: string,
): void {
  let file = path.resolve(root, '.' + decodeURIComponent(pathname));
  if (!file.startsWith(root + path.sep) || !existsSync(file) || statSync(file).isDirectory())
    file = path.join(root, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end('H5 页面尚未构建：请先运行 npm run build:h5');
    return;
  }
  const stat = statSync(file);
  const ext = path.extname(file);
  const headers: http.OutgoingHttpHeaders = {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'cache-control': isHashedName(file) ? IMMUTABLE : NO_CACHE,
  };
  const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  headers.etag = etag;
  const compressible = COMPRESSIBLE.has(ext) && stat.size >= MIN_COMPRESS_BYTES;
  if (compressible) headers.vary = 'Accept-Encoding';
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  const encoding = compressible ? negotiateEncoding(req.headers['accept-encoding']) : 'identity';
  if (encoding === 'identity') {
    headers['content-length'] = stat.size;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
    return;
  }
  const body = compressed(file, stat.mtimeMs, stat.size)[encoding];
  headers['content-encoding'] = encoding;
  headers['content-length'] = body.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}
