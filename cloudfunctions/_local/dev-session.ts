import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Signed development sessions: the local stand-in for the OPENID that WeChat puts in a function's
 * context. A token is `base64url(payload).base64url(HMAC-SHA256(secret, payload))`; the secret is made
 * once per data folder, so restarting keeps sessions and a token from another machine is refused.
 */
export interface DevSession {
  personaId: string;
  openid: string;
  /** Expiry, epoch ms. */
  exp: number;
}

const TTL_MS = 7 * 24 * 3600 * 1000;

export function loadOrCreateSecret(dataDir: string): Buffer {
  const file = path.join(dataDir, 'dev-session.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32);
  writeFileSync(file, secret.toString('hex'), { mode: 0o600 });
  return secret;
}

export function signSession(secret: Buffer, personaId: string, openid: string, now: number): string {
  const payload = Buffer.from(
    JSON.stringify({ personaId, openid, exp: now + TTL_MS } satisfies DevSession),
  ).toString('base64url');
  const mac = createHmac('sha256', secret).update(payload).digest('base64url');
  return `${payload}.${mac}`;
}

/** The session a token carries, or null when it is malformed, forged or expired. */
export function verifySession(secret: Buffer, token: string | undefined, now: number): DevSession | null {
  if (!token) return null;
  const [payload, mac, extra] = token.split('.');
  if (!payload || !mac || extra !== undefined) return null;
  const expected = createHmac('sha256', secret).update(payload).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const session = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as DevSession;
    if (typeof session.openid !== 'string' || typeof session.exp !== 'number' || session.exp < now)
      return null;
    return session;
  } catch {
    return null;
  }
}
