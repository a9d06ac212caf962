import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { AppError, ERROR_MESSAGES, messageFor, type Envelope } from '@shared/errors';
import { UPLOAD_PURPOSES } from '@shared/uploads';
import { LOCAL_FILES_ROUTE } from './local-storage.adapter';
import { loadOrCreateSecret, signSession, verifySession } from './dev-session';
import { callBodyBytes, MAX_CALL_PAYLOAD_BYTES } from '../_runtime/platform-limits';
import { createLocalHost, payloadRefusal, type LocalHost } from './local-host';
import { COLLECTIONS } from '@shared/collections';
import type { SandboxSentDoc } from './sandbox-notify.adapter';
import { startScheduler } from './scheduler';
import { serveStatic } from './static-files';

/** The card for someone opening the mini-program for the first time (people, issue #17). */
const NEW_WECHAT_USER = {
  id: 'new-wechat-user',
  name: '新微信用户',
  roles: [] as string[],
  description: '第一次打开小程序：绑定家庭、凭邀请码加入或输入初始化口令',
};

export interface LocalServerOptions {
  port: number;
  /** Folder for the SQLite file, uploaded files and the session key. */
  dataDir: string;
  /** The H5 build to serve (dist/h5). */
  staticDir: string;
  host?: string;
  seed?: boolean;
  now?: () => Date;
  /** Run the declared timer triggers on their schedule (`npm start`); off in tests, which fire them. */
  schedule?: boolean;
}

export interface LocalServer {
  url: string;
  host: LocalHost;
  close(): Promise<void>;
}

const MAX_BODY = 12 * 1024 * 1024;
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
};

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

class BodyTooLarge extends Error {}

/**
 * Reads a request body up to `max` bytes (MAX_BODY unless given). A larger one is refused as soon as it is
 * known (from Content-Length, or once the limit is passed), and the rest of it is drained so that the 413
 * answer reaches the client instead of a reset connection.
 */
function readBody(req: http.IncomingMessage, max = MAX_BODY): Promise<string> {
  return readBytes(req, max).then((b) => b.toString('utf8'));
}

function readBytes(req: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    if (Number(req.headers['content-length'] ?? 0) > max) {
      req.resume();
      reject(new BodyTooLarge());
      return;
    }
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        chunks.length = 0;
        reject(new BodyTooLarge());
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The largest upload the local endpoint reads: the largest purpose's own limit (shared/uploads.ts); each
 * purpose's limit is then checked by `host.upload`. See cloudfunctions/_runtime/PLATFORM-LIMITS.md.
 */
const MAX_UPLOAD = Math.max(...Object.values(UPLOAD_PURPOSES).map((p) => p.maxBytes));
const uploadTooLarge: Envelope<never> = {
  ok: false,
  error: { code: 'INVALID_INPUT', message: '文件过大，请压缩后重新上传。' },
};

const tooLarge: Envelope<never> = {
  ok: false,
  error: { code: 'INVALID_INPUT', message: '提交的内容过大，请减少内容后重试。' },
};

const invalid = (message: string): Envelope<never> => ({
  ok: false,
  error: { code: 'INVALID_INPUT', message },
});

/** The sandboxes' sent requests, newest first (at most 200). */
async function sandboxOutbound(host: LocalHost): Promise<SandboxSentDoc[]> {
  const res = await host.runtime.db
    .collection(COLLECTIONS.sandboxOutbound)
    .where({})
    .orderBy('at', 'desc')
    .limit(200)
    .get();
  return res.data as SandboxSentDoc[];
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** A plain page listing what the sandboxes sent (GET /dev/sandbox on the local host only). */
function sandboxPage(list: SandboxSentDoc[]): string {
  const rows = list
    .map((d) => {
      const r = d.request as unknown as Record<string, unknown>;
      const to =
        d.channel === 'wechat' ? String(r.touser) : ((r.PhoneNumberSet as string[]) ?? []).join('、');
      const what =
        d.channel === 'wechat'
          ? `${String(r.template_id)} → ${String(r.page ?? '')}<br>${escapeHtml(JSON.stringify(r.data))}`
          : `${String(r.SignName)} / ${String(r.TemplateId)}<br>${escapeHtml(JSON.stringify(r.TemplateParamSet))}`;
      return `<tr><td>${escapeHtml(d.at)}</td><td>${d.channel === 'wechat' ? '订阅消息' : '短信'}</td><td>${escapeHtml(to)}</td><td>${what}</td><td>${d.accepted ? '已发送' : `失败（${escapeHtml(d.answer)}）`}</td></tr>`;
    })
    .join('');
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>消息沙箱</title><body><h1>消息沙箱（仅本地开发）</h1><p>微信订阅消息与腾讯云短信的模拟发送记录，最新的在前。</p><table border="1" cellpadding="4"><tr><th>时间（UTC）</th><th>渠道</th><th>接收人</th><th>内容</th><th>结果</th></tr>${rows || '<tr><td colspan="5">还没有发送记录</td></tr>'}</table></body></html>`;
}

/**
 * The local host: serves the H5 build and `POST /api/<function>`, calling the same function entry points
 * as CloudBase on the embedded database. `/api/dev/*` (personas and sign-in) exists only here: the
 * production deployment has no such server.
 */
export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const secret = loadOrCreateSecret(options.dataDir);
  const host = await createLocalHost({
    dataFile: path.join(options.dataDir, 'anju.sqlite'),
    filesDir: path.join(options.dataDir, 'files'),
    seed: options.seed ?? true,
    now: options.now,
  });
  const now = () => (options.now ? options.now() : new Date()).getTime();
  const staticRoot = path.resolve(options.staticDir);

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/api/dev/personas' && req.method === 'GET') {
        return sendJson(res, 200, {
          ok: true,
          data: [
            ...host.personas.map(({ id, name, roles, description }) => ({ id, name, roles, description })),
            NEW_WECHAT_USER,
          ],
        });
      }
      if (url.pathname === '/api/dev/sign-in' && req.method === 'POST') {
        let personaId: unknown;
        try {
          personaId = (JSON.parse(await readBody(req)) as { personaId?: unknown }).personaId;
        } catch (err) {
          if (err instanceof BodyTooLarge) return sendJson(res, 413, tooLarge);
          return sendJson(res, 200, invalid('请求格式不正确。'));
        }
        // A new WeChat user: a fresh OPENID each time, with no user record until the first call.
        const persona =
          personaId === NEW_WECHAT_USER.id
            ? { ...NEW_WECHAT_USER, openid: `demo-new-${randomBytes(8).toString('hex')}` }
            : host.personas.find((p) => p.id === personaId);
        if (!persona) return sendJson(res, 200, invalid('没有这个演示身份。'));
        const token = signSession(secret, persona.id, persona.openid, now());
        const { openid: _o, ...visible } = persona;
        return sendJson(res, 200, { ok: true, data: { token, persona: visible } });
      }
      if (url.pathname === '/api/storage/upload' && req.method === 'POST') {
        // The browser's wx.cloud.uploadFile: `POST /api/storage/upload?cloudPath=<path>` with the file as the
        // body and the development session header; answers { ok, data: { fileID } } like CloudBase's upload.
        const header = req.headers['x-anju-session'];
        const session = verifySession(secret, Array.isArray(header) ? header[0] : header, now());
        if (!session)
          return sendJson(res, 401, {
            ok: false,
            error: { code: 'UNAUTHENTICATED', message: ERROR_MESSAGES.UNAUTHENTICATED },
          });
        let bytes: Buffer;
        try {
          bytes = await readBytes(req, MAX_UPLOAD);
        } catch (err) {
          if (err instanceof BodyTooLarge) return sendJson(res, 413, uploadTooLarge);
          throw err;
        }
        try {
          const fileID = await host.upload(session.openid, url.searchParams.get('cloudPath') ?? '', bytes);
          return sendJson(res, 200, { ok: true, data: { fileID } });
        } catch (err) {
          if (err instanceof AppError)
            return sendJson(res, err.code === 'UNAUTHENTICATED' ? 401 : 400, {
              ok: false,
              error: { code: err.code, message: messageFor({ code: err.code, message: err.message }) },
            });
          throw err;
        }
      }
      if (url.pathname.startsWith(LOCAL_FILES_ROUTE) && req.method === 'GET') {
        // A temporary address from getTempFileURL: served only with its valid, unexpired signature.
        const cloudPath = decodeURIComponent(url.pathname.slice(LOCAL_FILES_ROUTE.length));
        const bytes = await host.files.readSigned(
          cloudPath,
          url.searchParams.get('expires'),
          url.searchParams.get('sign'),
        );
        if (!bytes) {
          res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('链接已失效');
          return;
        }
        res.writeHead(200, {
          'content-type': TYPES[path.extname(cloudPath)] ?? 'application/octet-stream',
          'cache-control': 'private, max-age=60',
        });
        res.end(Buffer.from(bytes));
        return;
      }
      if (url.pathname === '/api/dev/sandbox/messages' && req.method === 'GET') {
        // What the WeChat and SMS sandboxes were asked to send, newest first (development only).
        return sendJson(res, 200, { ok: true, data: await sandboxOutbound(host) });
      }
      if (url.pathname === '/dev/sandbox' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(sandboxPage(await sandboxOutbound(host)));
        return;
      }
      if (url.pathname === '/api/billing/notify' && req.method === 'POST') {
        // WeChat Pay's notify_url, as CloudBase's HTTP access service would route it to the billing function.
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
        const result = await host.http('billing', {
          httpMethod: 'POST',
          path: url.pathname,
          headers,
          body: await readBody(req),
        });
        res.writeHead(result.statusCode, result.headers);
        res.end(result.body);
        return;
      }
      const fnMatch = /^\/api\/([a-z]+)$/.exec(url.pathname);
      if (fnMatch && req.method === 'POST') {
        let event: unknown;
        try {
          // A function call is held to CloudBase's payload limit (platform-limits.ts), measured the way the
          // SDK sends the event; the raw body is cut off early at the limit plus the SDK's wrapping.
          event = JSON.parse(await readBody(req, 2 * MAX_CALL_PAYLOAD_BYTES));
        } catch (err) {
          if (err instanceof BodyTooLarge) return sendJson(res, 413, payloadRefusal());
          return sendJson(res, 200, invalid('请求格式不正确。'));
        }
        if (callBodyBytes(fnMatch[1] as string, event) > MAX_CALL_PAYLOAD_BYTES)
          return sendJson(res, 413, payloadRefusal());
        // Timer jobs run only from the local host's own scheduler (`trigger`) or an admin's button (an
        // ordinary action); an event shaped like a timer's is refused here before it reaches a function.
        if (event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Timer') {
          return sendJson(res, 403, {
            ok: false,
            error: { code: 'UNAUTHENTICATED', message: '定时任务只能由平台的定时触发器运行。' },
          });
        }
        const header = req.headers['x-anju-session'];
        const session = verifySession(secret, Array.isArray(header) ? header[0] : header, now());
        return sendJson(
          res,
          200,
          await host.invoke(fnMatch[1] as string, event, { openid: session?.openid ?? null }),
        );
      }
      if (url.pathname.startsWith('/api/')) {
        return sendJson(res, 404, {
          ok: false,
          error: { code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION },
        });
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      // Static H5 files (compressed, with cache headers: ./static-files.ts), the SPA fallback to index.html.
      serveStatic(req, res, staticRoot, url.pathname);
    } catch (err) {
      if (err instanceof BodyTooLarge && !res.headersSent) return sendJson(res, 413, tooLarge);
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } });
      else res.end();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const scheduler = options.schedule ? startScheduler(host) : null;
  return {
    url: `http://localhost:${port}`,
    host,
    close: () =>
      new Promise<void>((resolve) => {
        scheduler?.stop();
        server.close(() => {
          host.close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
