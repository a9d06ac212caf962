import { randomBytes } from 'node:crypto';
import type ExcelJS from 'exceljs';
import { chinaDate } from '@shared/rules/dates';
import type { ExportFile } from '@shared/contracts';
import type { ServiceContext } from './handler';

/**
 * Exports (租金月报, 报修统计, 巡查覆盖, 配租结果) go through cloud storage, never inside the answer: CloudBase
 * refuses a function's answer over 1 MB with EXCEED_MAX_RESPONSE_SIZE
 * (https://docs.cloudbase.net/error-code/EXCEED_MAX_RESPONSE_SIZE, `MAX_CALL_RESPONSE_BYTES` in
 * platform-limits.ts), and a district's spreadsheet as base64 passes that. The function writes the file under
 * the caller's own export folder and answers a temporary address (getTempFileURL,
 * https://docs.cloudbase.net/storage/sdk); the phone downloads it (wx.downloadFile,
 * https://developers.weixin.qq.com/miniprogram/dev/api/network/download/wx.downloadFile.html) and opens it with
 * wx.openDocument and its menu to forward or save
 * (https://developers.weixin.qq.com/miniprogram/dev/api/file/wx.openDocument.html).
 */

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * How long the address stays valid: long enough to download a large sheet on a slow phone connection, short
 * enough that a forwarded address soon stops working (the file itself is forwarded from the phone instead).
 */
export const EXPORT_URL_SECONDS = 600;

/** The folder of one caller's exports: `exports/<openid>/`. */
export const exportPrefix = (openid: string): string => `exports/${safeSegment(openid)}/`;

/** A path segment the storage file ID form accepts (`[A-Za-z0-9_-]`, shared/uploads.ts). */
const safeSegment = (s: string): string => s.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) || '_';

/**
 * `exports/<openid>/<yyyymmdd>/<random>-<name>.xlsx`: the caller's own folder, the day (China time) it was
 * made — so a lifecycle rule or a clean-up can drop old days — and a random part, so two exports never
 * overwrite each other and the path cannot be guessed. `name` is an ASCII label (the Chinese file name
 * travels in the answer's `fileName`, since file IDs allow only `[A-Za-z0-9._/-]`).
 */
export function exportPath(openid: string, now: Date, name: string, random: string): string {
  const day = chinaDate(now.getTime()).replace(/-/g, '');
  return `${exportPrefix(openid)}${day}/${random}-${safeSegment(name)}.xlsx`;
}

/** The contract's bound on `fileName` (a long project and round title is cut, keeping `.xlsx`). */
export const MAX_EXPORT_NAME = 200;
const boundedName = (name: string): string =>
  name.length <= MAX_EXPORT_NAME ? name : `${name.slice(0, MAX_EXPORT_NAME - 5)}.xlsx`;

export interface ExportRequest {
  /** What the user sees and saves the file as, e.g. `租金月报-2026-11.xlsx`. */
  fileName: string;
  /** An ASCII label for the stored path, e.g. `billing-month-2026-11`. */
  name: string;
  book: ExcelJS.Workbook;
}

/**
 * Writes an export to storage and answers where to read it. Call it LAST in an export action, after the
 * action's own access check and queries, so a refused caller writes nothing.
 */
export async function writeExport(ctx: ServiceContext, req: ExportRequest): Promise<ExportFile> {
  const bytes = new Uint8Array(await req.book.xlsx.writeBuffer());
  const now = ctx.rt.now();
  const cloudPath = exportPath(ctx.caller.openid, now, req.name, randomBytes(12).toString('base64url'));
  const fileId = await ctx.rt.storage.upload(cloudPath, bytes, XLSX_CONTENT_TYPE);
  const url = await ctx.rt.storage.tempUrl(fileId, EXPORT_URL_SECONDS);
  return {
    fileName: boundedName(req.fileName),
    fileId,
    url,
    expiresAt: new Date(now.getTime() + EXPORT_URL_SECONDS * 1000).toISOString(),
  };
}
