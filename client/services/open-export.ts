import Taro from '@tarojs/taro';
import type { ExportFile } from '@shared/contracts';
import { CallError } from './call';

/**
 * The one way a page hands an export (an Excel file the function wrote to cloud storage,
 * cloudfunctions/_runtime/exports.ts) to the person:
 *
 * - in the mini-program the file is downloaded from its temporary address with `Taro.downloadFile`
 *   (https://developers.weixin.qq.com/miniprogram/dev/api/network/download/wx.downloadFile.html; the storage
 *   domain must be in the mini-program's downloadFile domain list) into the user folder under its Chinese
 *   name, then opened with `Taro.openDocument({ fileType: 'xlsx', showMenu: true })`, whose menu forwards
 *   the file to a chat or saves it
 *   (https://developers.weixin.qq.com/miniprogram/dev/api/file/wx.openDocument.html);
 * - in the browser the address is fetched and saved as a download with its Chinese name.
 */

export const EXPORT_DOWNLOAD_FAILED = '文件下载失败，请检查网络后重新导出。';
export const EXPORT_EXPIRED = '下载链接已失效，请重新导出。';
export const EXPORT_OPEN_FAILED = '文件已下载，但无法打开，请稍后重试。';

/** A file name safe for the phone's file system: no folder separators or control characters. */
export function localFileName(fileName: string): string {
  const cleaned = [...fileName]
    .map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? '_' : c))
    .join('')
    .trim();
  return cleaned.length > 0 ? cleaned.slice(-120) : '导出.xlsx';
}

/** The address to fetch: the local host answers `/storage/…` relative to its own API. */
export function exportHref(url: string): string {
  return url.startsWith('/') ? `${ANJU_API_BASE}${url}` : url;
}

async function openInMiniProgram(file: ExportFile): Promise<void> {
  const target = `${Taro.env.USER_DATA_PATH}/${localFileName(file.fileName)}`;
  let saved: string;
  try {
    const res = await Taro.downloadFile({ url: file.url, filePath: target });
    if (res.statusCode === 403 || res.statusCode === 404) throw new CallError('NETWORK', EXPORT_EXPIRED);
    if (res.statusCode !== 200) throw new CallError('NETWORK', EXPORT_DOWNLOAD_FAILED);
    saved = res.filePath || res.tempFilePath;
  } catch (err) {
    if (err instanceof CallError) throw err;
    throw new CallError('NETWORK', EXPORT_DOWNLOAD_FAILED);
  }
  try {
    await Taro.openDocument({ filePath: saved, fileType: 'xlsx', showMenu: true });
  } catch {
    throw new CallError('NETWORK', EXPORT_OPEN_FAILED);
  }
}

async function saveInBrowser(file: ExportFile): Promise<void> {
  let blob: Blob;
  try {
    const res = await fetch(exportHref(file.url));
    if (res.status === 403 || res.status === 404) throw new CallError('NETWORK', EXPORT_EXPIRED);
    if (!res.ok) throw new CallError('NETWORK', EXPORT_DOWNLOAD_FAILED);
    blob = await res.blob();
  } catch (err) {
    if (err instanceof CallError) throw err;
    throw new CallError('NETWORK', EXPORT_DOWNLOAD_FAILED);
  }
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** Downloads an export and opens (mini-program) or saves (browser) it; failures are CallErrors in Chinese. */
export function openExport(file: ExportFile): Promise<void> {
  return process.env.TARO_ENV === 'h5' ? saveInBrowser(file) : openInMiniProgram(file);
}
