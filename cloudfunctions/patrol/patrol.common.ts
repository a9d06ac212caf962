import { AppError } from '@shared/errors';
import { patrolSettingsOf } from '@shared/rules/operator-constants.rule';
import type { PatrolOperatorSettings } from '@shared/rules/patrol.rule';
import { chinaDate, quarterOf } from '@shared/rules/dates';
import { readUploads, recordUploads, sniffPhoto, type UploadedFile } from '../_runtime/uploads';
import type { Runtime } from '../_runtime/runtime';

/**
 * The operator settings in force (hazard deadlines, second attempts, route size): the district's saved
 * values in the policy of the call (district settings page), else the defaults.
 */
export const patrolSettings = (rt: Runtime): PatrolOperatorSettings => patrolSettingsOf(rt.policy);

/** Days and quarters are China's (UTC+8). */
export { chinaDate, chinaDayStart } from '@shared/rules/dates';
export const currentQuarter = (rt: Runtime): string => quarterOf(chinaDate(rt.now().getTime()));

export { idFromClient, sha256 } from '../_runtime/ids';

/**
 * Checks every uploaded photo first (under the caller's own `uploads/<openid>/<purpose>/`, JPEG or PNG,
 * at most 2 MB; bad input changes nothing), then copies them to `<prefix>-<i>-<digest>.<ext>`: the photo's
 * own digest in the path means a call that loses a race (and is then refused) never replaces the photos
 * of the one that won. The caller releases the uploads (`releaseUploads`) once its record is written.
 */
export async function storePhotos(
  rt: Runtime,
  openid: string,
  purpose: 'hazard-photo' | 'visit-photo',
  prefix: string,
  fileIds: readonly string[],
): Promise<{ fileIds: string[]; uploads: UploadedFile[] }> {
  const uploads = await readUploads(rt, openid, purpose, fileIds, sniffPhoto);
  return {
    fileIds: await recordUploads(rt, uploads, (p, i) => `${prefix}-${i}-${p.digest}.${p.ext}`),
    uploads,
  };
}

export { photoView as readPhoto, releaseUploads } from '../_runtime/uploads';

/** A time from the phone: not in the future (5 minutes' clock skew allowed). */
export function checkClientTime(iso: string, now: number, what: string): number {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) throw new AppError('INVALID_INPUT', `${what}格式不正确。`);
  if (at > now + 5 * 60_000) throw new AppError('INVALID_INPUT', `${what}不能晚于当前时间，请检查手机时间。`);
  return at;
}
