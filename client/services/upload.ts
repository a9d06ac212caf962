import Taro from '@tarojs/taro';
import { messageFor, type Envelope } from '@shared/errors';
import { uploadPath, type UploadPurpose } from '@shared/uploads';
import { CallError, callFunction } from './call';
import { getSessionToken } from './session';

/**
 * The one way a page sends a file (photo, signature, import sheet): it is uploaded to cloud storage under the
 * caller's own folder, `uploads/<openid>/<purpose>/<random>.<ext>` (shared/uploads.ts), and the function call
 * then carries only the file ID: WeChat's callFunction documentation puts the threshold for content in a
 * call at 100 KB and says to upload larger content
 * (https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/functions/Cloud.callFunction.md).
 *
 * In the mini-program the upload is `Taro.cloud.uploadFile({ cloudPath, filePath })`, which answers the file
 * ID (https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/storage/uploadFile/client.uploadFile.md);
 * in the browser it is the local host's `POST /api/storage/upload?cloudPath=…` with the development session.
 */

/** Uploads one local file (`source`: a temp path in the mini-program, a data: URL in the browser) to `cloudPath`. */
export type Uploader = (cloudPath: string, source: string) => Promise<string>;

export const UPLOAD_FAILED = '网络异常，文件未能上传，请检查网络后重试。';

/** The bytes of a `data:` URL (the browser's compressed photo, the drawn signature, a picked sheet). */
export function dataUrlBytes(dataUrl: string): Uint8Array {
  const comma = dataUrl.indexOf(',');
  const b64 = comma >= 0 ? dataUrl.slice(comma + 1) : dataUrl;
  const binary = atob(b64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

const cloudUploader: Uploader = async (cloudPath, filePath) => {
  const res = await Taro.cloud.uploadFile({ cloudPath, filePath });
  if (!res.fileID) throw new CallError('NETWORK', UPLOAD_FAILED);
  return res.fileID;
};

const httpUploader: Uploader = async (cloudPath, source) => {
  const res = await fetch(`${ANJU_API_BASE}/api/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-anju-session': getSessionToken() },
    body: dataUrlBytes(source).buffer as ArrayBuffer,
  });
  const envelope = (await res.json()) as Envelope<{ fileID: string }>;
  if (!envelope.ok) throw new CallError(envelope.error.code, messageFor(envelope.error));
  return envelope.data.fileID;
};

let uploader: Uploader = process.env.TARO_ENV === 'weapp' ? cloudUploader : httpUploader;
let prefix: { token: string; value: Promise<string> } | null = null;

/** Tests replace the uploader (and forget the cached prefix). */
export function setUploader(next: Uploader): void {
  uploader = next;
  prefix = null;
}

/** The caller's own folder, asked once per signed-in session. */
function ownPrefix(): Promise<string> {
  const token = getSessionToken();
  if (!prefix || prefix.token !== token) {
    const value = callFunction('account', 'uploadPrefix', {}).then((r) => r.prefix);
    prefix = { token, value };
    value.catch(() => {
      if (prefix?.value === value) prefix = null;
    });
  }
  return prefix.value;
}

/** A random file name (the folder is the caller's own, so names only need to be unique there). */
function randomName(): string {
  let s = Date.now().toString(36);
  while (s.length < 24) s += Math.random().toString(36).slice(2);
  return s.slice(0, 24);
}

/**
 * Uploads one file for `purpose` and answers its file ID. A refusal by the server is a CallError with its
 * Chinese message; anything else is a network failure (CallError 'NETWORK').
 */
export async function uploadFile(purpose: UploadPurpose, source: string, ext: string): Promise<string> {
  const base = await ownPrefix();
  const cloudPath = uploadPath(base.replace(/^uploads\//, '').replace(/\/$/, ''), purpose, randomName(), ext);
  try {
    return await uploader(cloudPath, source);
  } catch (err) {
    if (err instanceof CallError) throw err;
    throw new CallError('NETWORK', UPLOAD_FAILED);
  }
}

/** Photos already uploaded by this page (a retry after a failed call sends the same IDs, uploading nothing). */
const uploaded = new WeakMap<object, Map<UploadPurpose, string>>();

/** Uploads a page's photos (once each) and answers their file IDs in order. */
export async function uploadPhotos(
  purpose: UploadPurpose,
  photos: readonly { source: string; ext: string }[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const p of photos) {
    const done = uploaded.get(p)?.get(purpose);
    if (done) {
      ids.push(done);
      continue;
    }
    const id = await uploadFile(purpose, p.source, p.ext);
    uploaded.set(p, (uploaded.get(p) ?? new Map()).set(purpose, id));
    ids.push(id);
  }
  return ids;
}
