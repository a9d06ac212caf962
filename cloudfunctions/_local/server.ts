import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ERROR_MESSAGES, type Envelope } from '@shared/errors';
import { loadOrCreateSecret, signSession, verifySession } from './dev-session';
import { createLocalHost, type LocalHost } from './local-host';
import { startScheduler } from './scheduler';

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
 * Reads a request body up to MAX_BODY. A larger one is refused as soon as it is known (from
 * Content-Length, or once the limit is passed), and the rest of it is drained so that the 413 answer
 * reaches the client instead of a reset connection.
 */
function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) {
      req.resume();
      reject(new BodyTooLarge());
      return;
    }
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        chunks.length = 0;
        reject(new BodyTooLarge());
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const tooLarge: Envelope<never> = {
  ok: false,
  error: { code: 'INVALID_INPUT', message: '提交的内容过大，请减少内容后重试。' },
};

const invalid = (message: string): Envelope<never> => ({
  ok: false,
  error: { code: 'INVALID_INPUT', message },
});

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
          event = JSON.parse(await readBody(req));
        } catch (err) {
          if (err instanceof BodyTooLarge) return sendJson(res, 413, tooLarge);
          return sendJson(res, 200, invalid('请求格式不正确。'));
        }
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
      // Static H5 files, with the SPA fallback to index.html.
      let file = path.resolve(staticRoot, '.' + decodeURIComponent(url.pathname));
      if (!file.startsWith(staticRoot) || !existsSync(file) || statSync(file).isDirectory()) {
        file = path.join(staticRoot, 'index.html');
      }
      if (!existsSync(file)) {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('H5 页面尚未构建：请先运行 npm run build:h5');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
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
