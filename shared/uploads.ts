/**
 * Files a person sends (photos, the contract signature, the unit-import sheet) travel through cloud storage,
 * never inside a function call: WeChat's callFunction documentation puts the threshold at 100 KB and says
 * to upload larger content to storage and pass its file ID instead
 * (https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/functions/Cloud.callFunction.md;
 * CloudBase refuses larger bodies with EXCEED_MAX_PAYLOAD_SIZE,
 * https://docs.cloudbase.net/en/error-code/service/EXCEED_MAX_PAYLOAD_SIZE).
 *
 * The phone uploads each file (`wx.cloud.uploadFile`, or the local host's upload endpoint in the browser) to
 * `uploads/<openid>/<purpose>/<name>.<ext>` and passes the file ID it got back. The function then checks that
 * the ID lies under the caller's own prefix and the purpose of the action, reads the file, checks its type and
 * size, and records it under the owning record. Pure code (no I/O): used by the client, the functions and the
 * local host alike.
 */

/** What an upload is for; each action accepts only its own purpose. */
export const UPLOAD_PURPOSES = {
  'repair-photo': { maxBytes: 2 * 1024 * 1024, exts: ['jpg', 'png'], what: '照片' },
  'hazard-photo': { maxBytes: 2 * 1024 * 1024, exts: ['jpg', 'png'], what: '照片' },
  'visit-photo': { maxBytes: 2 * 1024 * 1024, exts: ['jpg', 'png'], what: '照片' },
  'exit-photo': { maxBytes: 2 * 1024 * 1024, exts: ['jpg', 'png'], what: '验房照片' },
  'exit-evidence': { maxBytes: 2 * 1024 * 1024, exts: ['jpg', 'png'], what: '证据照片' },
  signature: { maxBytes: 300_000, exts: ['png'], what: '签名图片' },
  'unit-sheet': { maxBytes: 4 * 1024 * 1024, exts: ['xlsx', 'csv'], what: '房源表格' },
  'application-doc': { maxBytes: 2 * 1024 * 1024, exts: ['jpg', 'png'], what: '证明材料照片' },
} as const satisfies Record<string, { maxBytes: number; exts: readonly string[]; what: string }>;
export type UploadPurpose = keyof typeof UPLOAD_PURPOSES;

/** The longest file ID accepted (CloudBase's are `cloud://<env>.<bucket>/<path>`, well under this). */
export const MAX_FILE_ID_LENGTH = 512;

/** `cloud://<env>.<bucket>/<path>`: the form CloudBase's uploadFile answers with. */
const FILE_ID = /^cloud:\/\/([a-z0-9][a-z0-9-]{0,62})\.([a-z0-9][a-z0-9-]{0,62})\/([A-Za-z0-9._/-]{1,400})$/;
const SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;
const NAME = /^([A-Za-z0-9_-]{8,64})\.([a-z0-9]{1,5})$/;

export interface FileIdParts {
  env: string;
  bucket: string;
  /** The cloud path inside the bucket, e.g. `uploads/<openid>/repair-photo/abc.jpg`. */
  path: string;
}

/** Splits a file ID; null for anything that is not a well-formed `cloud://` ID (e.g. a bare path). */
export function parseFileId(fileId: string): FileIdParts | null {
  if (fileId.length > MAX_FILE_ID_LENGTH) return null;
  const m = FILE_ID.exec(fileId);
  if (!m) return null;
  const path = m[3] as string;
  if (path.startsWith('/') || path.includes('//') || path.split('/').some((s) => s === '.' || s === '..'))
    return null;
  return { env: m[1] as string, bucket: m[2] as string, path };
}

export const isFileId = (value: string): boolean => parseFileId(value) !== null;

/** The cloud path a caller uploads to: `uploads/<openid>/<purpose>/<name>.<ext>`. */
export function uploadPath(openid: string, purpose: UploadPurpose, name: string, ext: string): string {
  return `uploads/${openid}/${purpose}/${name}.${ext}`;
}

/** The caller's own upload folder (what the client needs to know to upload). */
export const uploadPrefix = (openid: string): string => `uploads/${openid}/`;

export interface UploadPathParts {
  openid: string;
  purpose: UploadPurpose;
  name: string;
  ext: string;
}

/** Reads an upload path back; null unless it is exactly `uploads/<openid>/<known purpose>/<name>.<allowed ext>`. */
export function parseUploadPath(path: string): UploadPathParts | null {
  const parts = path.split('/');
  if (parts.length !== 4 || parts[0] !== 'uploads') return null;
  const [, openid, purpose, file] = parts as [string, string, string, string];
  if (!SEGMENT.test(openid) || !Object.prototype.hasOwnProperty.call(UPLOAD_PURPOSES, purpose)) return null;
  const m = NAME.exec(file);
  if (!m) return null;
  const ext = m[2] as string;
  if (!(UPLOAD_PURPOSES[purpose as UploadPurpose].exts as readonly string[]).includes(ext)) return null;
  return { openid, purpose: purpose as UploadPurpose, name: m[1] as string, ext };
}
