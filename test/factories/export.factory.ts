import ExcelJS from 'exceljs';
import { parseFileId } from '@shared/uploads';
import type { TestHost } from './scenario.factory';

/** What an export action answers (shared/contracts/common.ts `exportFileSchema`). */
export interface ExportAnswer {
  fileName: string;
  fileId: string;
  url: string;
  expiresAt: string;
}

/**
 * Opens an export the way the phone does: reads the bytes behind the temporary address the function answered
 * (not the file ID), checks the file lies under the caller's own export folder, and loads it with exceljs.
 */
export async function openExport(t: TestHost, file: ExportAnswer, openid: string): Promise<ExcelJS.Workbook> {
  expect(file).toEqual({
    fileName: expect.stringMatching(/\.xlsx$/),
    fileId: expect.stringMatching(/^cloud:\/\//),
    url: expect.any(String),
    expiresAt: expect.any(String),
  });
  expect(parseFileId(file.fileId)!.path).toMatch(
    new RegExp(`^exports/${openid}/\\d{8}/[A-Za-z0-9_-]+-[A-Za-z0-9_-]+\\.xlsx$`),
  );
  const bytes = await t.fetchUrl(file.url);
  if (!bytes) throw new Error(`the export's address does not open: ${file.url}`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}
