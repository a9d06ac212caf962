import { AppError } from '@shared/errors';
import { UPLOAD_PURPOSES, parseFileId, parseUploadPath, type UploadPurpose } from '@shared/uploads';
import { notFound } from './access';
import { sha256 } from './ids';
import type { Runtime } from './runtime';
import { isMissingFile } from './storage.port';

/** What a file is, read from its first bytes (never from its name or what the phone says). */
export interface Sniffed {
  contentType: string;
  ext: string;
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const isPng = (b: Uint8Array) => PNG.every((x, i) => b[i] === x);
const isJpeg = (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
/** xlsx is a ZIP container (`PK\x03\x04`). */
const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** JPEG or PNG by their magic bytes. */
export function sniffPhoto(bytes: Uint8Array): Sniffed {
  if (isJpeg(bytes)) return { contentType: 'image/jpeg', ext: 'jpg' };
  if (isPng(bytes)) return { contentType: 'image/png', ext: 'png' };
  throw new AppError('INVALID_INPUT', '照片格式不支持，请上传 JPG 或 PNG 图片。');
}

/** A handwritten signature: a PNG of at least 100 bytes. */
export function sniffSignature(bytes: Uint8Array): Sniffed {
  if (bytes.length < 100 || !isPng(bytes))
    throw new AppError('INVALID_INPUT', '签名图片无效：请在签名区手写签名后再提交。');
  return { contentType: 'image/png', ext: 'png' };
}

/** An import sheet: an .xlsx (ZIP) or a text .csv (no NUL bytes). */
export function sniffSheet(bytes: Uint8Array): Sniffed {
  if (isZip(bytes))
    return { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' };
  if (bytes.length > 0 && !bytes.subarray(0, 4096).includes(0))
    return { contentType: 'text/csv', ext: 'csv' };
  throw new AppError('INVALID_INPUT', '文件无法读取：请上传 .xlsx 或 UTF-8 编码的 .csv 文件。');
}

export interface UploadedFile extends Sniffed {
  /** The upload's own file ID (under the caller's prefix). */
  fileId: string;
  bytes: Uint8Array;
  /** The first 16 hex digits of its SHA-256 (for record paths: a racing retry never replaces others). */
  digest: string;
}

/**
 * Reads uploads the caller passed: each ID must lie under the caller's own prefix and this purpose
 * (`uploads/<openid>/<purpose>/…`), still exist, be within the purpose's size and be of the right type by
 * its magic bytes. Everything is checked before anything is written, so a refused call changes nothing.
 */
export async function readUploads(
  rt: Runtime,
  openid: string,
  purpose: UploadPurpose,
  fileIds: readonly string[],
  sniff: (bytes: Uint8Array) => Sniffed,
): Promise<UploadedFile[]> {
  const spec = UPLOAD_PURPOSES[purpose];
  for (const id of fileIds) {
    const upload = parseUploadPath(parseFileId(id)?.path ?? '');
    if (!upload || upload.openid !== openid || upload.purpose !== purpose)
      throw new AppError('INVALID_INPUT', `${spec.what}不是您为此上传的文件，请重新上传。`);
  }
  const out: UploadedFile[] = [];
  for (const fileId of fileIds) {
    let bytes: Uint8Array;
    try {
      bytes = await rt.storage.download(fileId);
    } catch (err) {
      if (isMissingFile(err)) throw new AppError('INVALID_INPUT', `${spec.what}已失效，请重新上传。`);
      throw err;
    }
    if (bytes.length > spec.maxBytes)
      throw new AppError(
        'INVALID_INPUT',
        `${spec.what}不能超过 ${Math.round((spec.maxBytes / 1024 / 1024) * 10) / 10} MB，请压缩后上传。`,
      );
    out.push({ fileId, bytes, digest: sha256(bytes).slice(0, 16), ...sniff(bytes) });
  }
  return out;
}

/**
 * Records checked uploads under the owning record: each file is written to `pathOf(file, i)` (a path
 * under e.g. `repairs/<id>/`) and the new file IDs are returned, in order, to be kept in the document.
 * Paths carry the file's digest, so a retry writes the same objects again rather than new ones.
 */
export async function recordUploads(
  rt: Runtime,
  files: readonly UploadedFile[],
  pathOf: (file: UploadedFile, index: number) => string,
): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, f] of files.entries())
    ids.push(await rt.storage.upload(pathOf(f, i), f.bytes, f.contentType));
  return ids;
}

/** Removes the caller's uploads once the record keeps its own copies (a failure only leaves a stray file). */
export async function releaseUploads(rt: Runtime, files: readonly UploadedFile[]): Promise<void> {
  if (files.length === 0) return;
  try {
    await rt.storage.remove(files.map((f) => f.fileId));
  } catch {
    // The record is written; the upload folder is cleaned by the next release or a lifecycle rule.
  }
}

/** A stored photo for viewing, after the caller's access check: a temporary address, not its bytes. */
export async function photoView(rt: Runtime, fileId: string | undefined) {
  if (!fileId) notFound('照片不存在。');
  let url: string;
  try {
    url = await rt.storage.tempUrl(fileId);
  } catch (err) {
    if (isMissingFile(err)) notFound('照片不存在。');
    throw err;
  }
  return { contentType: fileId.endsWith('.png') ? 'image/png' : 'image/jpeg', url };
}
