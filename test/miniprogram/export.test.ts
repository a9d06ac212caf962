import ExcelJS from 'exceljs';
import { createLocalHost, type LocalHost } from '../../cloudfunctions/_local/local-host';
import { readTempUrl } from '../factories/upload.factory';
import { loadMiniProgram, type MiniProgram } from './harness';

jest.setTimeout(120_000);

/**
 * The compiled mini-program exports an Excel file through cloud storage: the function answers a temporary
 * address (not the file), the phone downloads it with wx.downloadFile into its user folder under the Chinese
 * file name and opens it with wx.openDocument and its menu (showMenu: forward to a chat or save), with a
 * loading overlay (the page's own, drawn by its <Screen>) while the file is prepared.
 */
describe('mini-program (compiled weapp build): an export opens as a document', () => {
  let host: LocalHost;
  let mp: MiniProgram;
  const toasts: string[] = [];
  /** Set by a test to make the next downloads fail as an expired address does. */
  let expired = false;
  /** What export calls wait for before the function answers (a test holds it with `hold()`). */
  let held: Promise<void> = Promise.resolve();
  const hold = () => {
    let release: () => void = () => undefined;
    held = new Promise<void>((r) => (release = r));
    return () => {
      held = Promise.resolve();
      release();
    };
  };
  /** The page's own loading overlay (utils/ui.ts loading(), drawn by its <Screen>). */
  const OVERLAY = '正在生成文件…';

  beforeAll(async () => {
    host = await createLocalHost({ dataFile: ':memory:', seed: true, now: () => new Date() });
    mp = await loadMiniProgram(
      async (name, data) => {
        // An export call waits while a test holds it, so the overlay can be seen while the file is made.
        if ((data as { action?: string }).action === 'exportStats') await held;
        return host.invoke(name, data, { openid: 'demo-manager' });
      },
      {
        showToast: (o: { title: string; success?: (r: unknown) => void }) => {
          toasts.push(o.title);
          const r = { errMsg: 'showToast:ok' };
          o.success?.(r);
          return Promise.resolve(r);
        },
      },
      undefined,
      async (url) => (expired ? null : readTempUrl(host, url)),
    );
  });
  afterAll(() => host.close());

  it('报修统计 → 导出 Excel: downloads the stored file and opens it with the menu to forward or save', async () => {
    const page = await mp.openPage('pages/repair-stats/index');
    await page.waitForText('导出 Excel');
    const release = hold();
    await page.tap('export-stats');
    // While the function makes the file the page shows its own overlay (not WeChat's wx.showLoading).
    await page.waitForText(OVERLAY);
    expect(mp.documents).toEqual([]);
    release();
    for (let i = 0; i < 250 && mp.documents.length === 0; i++) await new Promise((r) => setTimeout(r, 20));

    expect(mp.downloads).toEqual([
      expect.stringMatching(/^\/storage\/exports\/demo-manager\/\d{8}\/.+\.xlsx\?/),
    ]);
    expect(mp.documents).toEqual([
      { filePath: 'wxfile://usr/报修统计-全部.xlsx', fileType: 'xlsx', showMenu: true },
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(mp.files.get('wxfile://usr/报修统计-全部.xlsx') as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['总计', '按类别', '按楼栋', '按月份', '差评原因']);
    expect(book.getWorksheet('总计')!.getRow(1).getCell(2).value).toBe('报修数');
    expect(toasts).toEqual([]);
    await page.waitForText('导出 Excel'); // the button is back from 正在生成…
    expect(page.text()).not.toContain(OVERLAY); // and the overlay is gone
    expect(page.text()).not.toContain('请重新导出');
    expect(mp.loadings).toEqual([]); // WeChat's own overlay was never used
    expect(mp.hideLoadingCalls).toBe(0);
  });

  it('an address that no longer opens is a clear message, and nothing is opened', async () => {
    expired = true;
    const opened = mp.documents.length;
    const page = await mp.openPage('pages/repair-stats/index');
    await page.waitForText('导出 Excel');
    await page.tap('export-stats');
    // The toast is the page's own (utils/ui.ts toast(), drawn by its <Screen>), not WeChat's.
    await page.waitForText('下载链接已失效，请重新导出。');
    expect(toasts).toEqual([]);
    expect(mp.documents.length).toBe(opened);
    // The overlay went with the failure.
    expect(page.text()).not.toContain(OVERLAY);
  });
});
