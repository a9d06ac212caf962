import { randomBytes } from 'node:crypto';
import { uploadPath, type UploadPurpose } from '@shared/uploads';
import type { LocalHost } from '../../cloudfunctions/_local/local-host';
import { LOCAL_FILES_ROUTE } from '../../cloudfunctions/_local/local-storage.adapter';

/** The extension a file of these bytes would be uploaded with (PNG, JPEG, xlsx, else csv). */
function extOf(bytes: Uint8Array): string {
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpg';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  return 'csv';
}

/**
 * Uploads `bytes` as `openid` would from the phone (`wx.cloud.uploadFile` to
 * `uploads/<openid>/<purpose>/<random>.<ext>`, through the local host's same checks) and answers the file
 * ID to pass to an action.
 */
export async function uploadAs(
  host: LocalHost,
  openid: string,
  purpose: UploadPurpose,
  bytes: Uint8Array,
  ext = extOf(bytes),
): Promise<string> {
  return host.upload(openid, uploadPath(openid, purpose, `t${randomBytes(8).toString('hex')}`, ext), bytes);
}

/**
 * Writes a file into `openid`'s upload folder without the upload endpoint's checks (a file the platform
 * let through, e.g. larger than the app allows): for testing that the functions check again.
 */
export async function plantUpload(
  host: LocalHost,
  openid: string,
  purpose: UploadPurpose,
  bytes: Uint8Array,
  ext = extOf(bytes),
): Promise<string> {
  const cloudPath = uploadPath(openid, purpose, `p${randomBytes(8).toString('hex')}`, ext);
  return host.files.upload(cloudPath, bytes, 'application/octet-stream');
}

/** The bytes behind a temporary address a function answered with (as the local server serves it). */
export async function readTempUrl(host: LocalHost, url: string): Promise<Buffer | null> {
  const u = new URL(url, 'http://localhost');
  if (!u.pathname.startsWith(LOCAL_FILES_ROUTE)) return null;
  const bytes = await host.files.readSigned(
    decodeURIComponent(u.pathname.slice(LOCAL_FILES_ROUTE.length)),
    u.searchParams.get('expires'),
    u.searchParams.get('sign'),
  );
  return bytes ? Buffer.from(bytes) : null;
}
