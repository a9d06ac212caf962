import ExcelJS from 'exceljs';
import { chinaMonth } from '../../client/utils/format';
import { click, startWorld, type E2eWorld } from './browser';

jest.setTimeout(240_000);

/**
 * An export in a real browser: the function writes the spreadsheet to storage and answers a temporary
 * address; the page fetches it from the local server and saves it as a download with its Chinese name.
 */
describe('browser: 租金月报 export downloads the file from storage', () => {
  let world: E2eWorld;

  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => world?.close());

  it('saves 租金月报-<month>.xlsx with the month’s sheets', async () => {
    const { page } = await world.signIn('u-manager');
    await click(page, '#go-arrears');
    await page.waitForSelector('#export-month');
    const period = chinaMonth();
    const [download] = await Promise.all([page.waitForEvent('download'), click(page, '#export-month')]);
    expect(download.suggestedFilename()).toBe(`租金月报-${period}.xlsx`);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['汇总', '账单', '欠租']);
    expect(book.getWorksheet('汇总')!.getRow(1).values).toEqual([undefined, '账期', period]);
    await page.waitForSelector('#export-month:has-text("导出月报 Excel")');
  });
});
