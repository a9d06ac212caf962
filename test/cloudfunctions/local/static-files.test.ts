import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startLocalServer, type LocalServer } from '../../../cloudfunctions/_local/server';
import { isHashedName, negotiateEncoding } from '../../../cloudfunctions/_local/static-files';

/**
 * The local host serves the H5 build compressed as the browser asks (brotli, gzip, or as stored when it does
 * not ask), hashed assets as immutable for a year, and index.html as no-cache (issue #19, the H5 budget).
 * Requests go through node:http, which (unlike fetch) sends no Accept-Encoding of its own and does not
 * decompress, so the test sees the bytes on the wire.
 */
function get(url: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      const req = http.request(url, { method, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('the local host’s static files (H5 build)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'anju-static-data-'));
  const staticDir = mkdtempSync(path.join(os.tmpdir(), 'anju-static-h5-'));
  // A script like the build's: repetitive text, so compression has something to do.
  const script = Array.from({ length: 400 }, (_, i) => `function page${i}(){return "安居 ${i % 7}";}`).join(
    '\n',
  );
  const html = `<!doctype html><html><head><title>安居</title>${'<meta name="x" content="y">'.repeat(60)}<script src="/js/app.eee94c67.js"></script></head><body><div id="app"></div></body></html>`;
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  let server: LocalServer;

  beforeAll(async () => {
    mkdirSync(path.join(staticDir, 'js'));
    mkdirSync(path.join(staticDir, 'css'));
    writeFileSync(path.join(staticDir, 'index.html'), html);
    writeFileSync(path.join(staticDir, 'js/app.eee94c67.js'), script);
    writeFileSync(path.join(staticDir, 'js/settings.js'), script);
    writeFileSync(path.join(staticDir, 'css/app.eee94c6779d1fabefa41.css'), `.a{color:red}\n`.repeat(200));
    writeFileSync(path.join(staticDir, 'logo.png'), png);
    server = await startLocalServer({ port: 0, dataDir, staticDir, seed: false });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(staticDir, { recursive: true, force: true });
  });

  it('a hashed script: brotli when asked, gzip when only that is asked, as stored without Accept-Encoding', async () => {
    const url = `${server.url}/js/app.eee94c67.js`;
    const plain = await get(url);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(script);
    expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(script));
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(Buffer.byteLength(script) / 4);
    expect(brotliDecompressSync(br.body).toString('utf8')).toBe(script);

    const gz = await get(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString('utf8')).toBe(script);

    // br refused with q=0: gzip.
    expect((await get(url, { 'accept-encoding': 'br;q=0, gzip;q=0.5' })).headers['content-encoding']).toBe(
      'gzip',
    );
    // Only identity acceptable: as stored.
    expect((await get(url, { 'accept-encoding': 'identity' })).headers['content-encoding']).toBeUndefined();
  });

  it('index.html and the SPA fallback are no-cache, revalidated by ETag (304)', async () => {
    const index = await get(`${server.url}/`, { 'accept-encoding': 'br' });
    expect(index.status).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-type']).toContain('text/html');
    expect(index.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(index.body).toString('utf8')).toBe(html);
    const etag = index.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await get(`${server.url}/`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);

    const deep = await get(`${server.url}/pages/district-settings/index`);
    expect(deep.headers['cache-control']).toBe('no-cache');
    expect(deep.body.toString('utf8')).toBe(html);
    // An unhashed file is not cached for long either: its name does not change with its content.
    expect((await get(`${server.url}/js/settings.js`)).headers['cache-control']).toBe('no-cache');
  });

  it('hashed styles are immutable too; an image is sent as stored; HEAD sends headers only', async () => {
    const css = await get(`${server.url}/css/app.eee94c6779d1fabefa41.css`, { 'accept-encoding': 'gzip' });
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(css.headers['content-encoding']).toBe('gzip');
    const image = await get(`${server.url}/logo.png`, { 'accept-encoding': 'br, gzip' });
    expect(image.headers['content-encoding']).toBeUndefined();
    expect(image.body.equals(png)).toBe(true);
    const head = await get(`${server.url}/js/app.eee94c67.js`, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.headers['content-encoding']).toBe('br');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
    expect(head.body.length).toBe(0);
  });

  it('reads Accept-Encoding and hashed names as the browser and the build write them', () => {
    expect(negotiateEncoding(undefined)).toBe('identity');
    expect(negotiateEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('*;q=0, gzip')).toBe('gzip');
    expect(negotiateEncoding('deflate')).toBe('identity');
    expect(isHashedName('js/232.eee94c67.js')).toBe(true);
    expect(isHashedName('css/app.eee94c6779d1fabefa41.css')).toBe(true);
    expect(isHashedName('index.html')).toBe(false);
    expect(isHashedName('js/settings.js')).toBe(false);
  });
});
