import { AppError } from '@shared/errors';
import { PATROL_OPERATOR_DEFAULTS, type PatrolOperatorSettings } from '@shared/rules/patrol.rule';
import { chinaDate, quarterOf } from '@shared/rules/dates';
import { notFound } from '../_runtime/access';
import { sha256 } from '../_runtime/ids';
import { decodePhoto } from '../_runtime/photo';
import type { Runtime } from '../_runtime/runtime';

/** The operator settings in force (hazard deadlines, second attempts, route size). */
export const patrolSettings = (): PatrolOperatorSettings => PATROL_OPERATOR_DEFAULTS;

/** Days and quarters are China's (UTC+8). */
export { chinaDate, chinaDayStart } from '@shared/rules/dates';
export const currentQuarter = (rt: Runtime): string => quarterOf(chinaDate(rt.now().getTime()));

export { idFromClient, sha256 } from '../_runtime/ids';

/**
 * Checks every photo first (bad input changes nothing), then stores them under `<prefix>-<i>-<digest>.<ext>`:
 * the photo's own digest in the key means a call that loses a race (and is then refused) never replaces
 * the photos of the one that won.
 */
export async function storePhotos(rt: Runtime, prefix: string, photos: string[]): Promise<string[]> {
  const decoded = photos.map(decodePhoto);
  const keys: string[] = [];
  for (const [i, p] of decoded.entries()) {
    const key = `${prefix}-${i}-${sha256(p.bytes).slice(0, 16)}.${p.ext}`;
    await rt.storage.put(key, p.bytes, p.contentType);
    keys.push(key);
  }
  return keys;
}

export async function readPhoto(rt: Runtime, key: string | undefined) {
  const bytes = key ? await rt.storage.get(key) : null;
  if (!key || !bytes) notFound('照片不存在。');
  return {
    contentType: key.endsWith('.png') ? 'image/png' : 'image/jpeg',
    base64: Buffer.from(bytes).toString('base64'),
  };
}

/** A time from the phone: not in the future (5 minutes' clock skew allowed). */
export function checkClientTime(iso: string, now: number, what: string): number {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) throw new AppError('INVALID_INPUT', `${what}格式不正确。`);
  if (at > now + 5 * 60_000) throw new AppError('INVALID_INPUT', `${what}不能晚于当前时间，请检查手机时间。`);
  return at;
}
