import { createHash } from 'node:crypto';

export const sha256 = (s: string | Uint8Array): string => createHash('sha256').update(s).digest('hex');

/**
 * A stored id from the user and the id the phone made for a submission: the same submission retried or
 * replayed maps to the same id, so it is stored once.
 */
export const idFromClient = (prefix: string, userId: string, clientId: string): string =>
  `${prefix}-${sha256(`${userId}|${clientId}`).slice(0, 24)}`;
