import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ActionOutput, ExportFile } from '@shared/contracts';
import ArrearsPage from '../../client/pages/arrears/index';
import PatrolCoverage from '../../client/pages/patrol-coverage/index';
import RepairStats from '../../client/pages/repair-stats/index';
import {
  EXPORT_DOWNLOAD_FAILED,
  EXPORT_EXPIRED,
  EXPORT_OPEN_FAILED,
  localFileName,
} from '../../client/services/open-export';
import { EXPORT_PREPARING } from '../../client/utils/use-export';
import { fakeBackend, Refusal } from './fake-backend';
import { chinaMonth } from '../../client/utils/format';
import { periodLabel } from '../../client/utils/period';
import { documents, downloads, exportsUi, loadings, resetTaro, routerParams, toasts } from './mocks/taro';

/**
 * Every page that exports hands the answer — a temporary address of the file in cloud storage, not its bytes —
 * to services/open-export.ts: in the mini-program Taro.downloadFile into the user folder under the Chinese
 * name, then Taro.openDocument with showMenu (forward or save); in the browser a download with that name.
 * While the file is prepared a loading overlay shows and the button says so; failures are Chinese toasts.
 */
const row = {
  key: 'all',
  label: '全部',
  total: 3,
  finished: 2,
  medianHours: 5,
  overdue: 1,
  overdueRate: 1 / 3,
  good: 1,
  poor: 0,
};
const stats: ActionOutput<'repair', 'stats'> = {
  overall: row,
  byCategory: [],
  byBuilding: [],
  byMonth: [],
  poorReasons: [],
};
const arrears: ActionOutput<'billing', 'arrears'> = { rows: [], totalFen: 0, exitRule: '', buildings: [] };
const coverage: ActionOutput<'patrol', 'coverage'> = {
  quarter: '2026-Q4',
  asOf: '2026-11-22T02:00:00.000Z',
  projects: [],
  buildings: [],
  signals: [],
};

const exported = (fileName: string, name: string): ExportFile => {
  const path = `exports/o-page-test/20261122/Rnd0mRnd0mRnd0mR-${name}.xlsx`;
  return {
    fileName,
    fileId: `cloud://anju-local.616e-anju-local-1300000000/${path}`,
    url: `/storage/${path}?expires=1795000000000&sign=abc`,
    expiresAt: '2026-11-22T02:10:00.000Z',
  };
};

/** The words of the page's loading overlay, or null when none is up. */
const overlay = () => document.querySelector('#loading-overlay')?.textContent ?? null;

const click = (id: string) => act(async () => void fireEvent.click(document.querySelector(`#${id}`)!));

describe('export pages', () => {
  beforeEach(() => resetTaro());

  it('报修统计 (mini-program): a loading state while the file is made, then it opens with the menu', async () => {
    let finish: (f: ExportFile) => void = () => undefined;
    const backend = fakeBackend()
      .on('repair', 'stats', stats)
      .on('repair', 'exportStats', () => new Promise<ExportFile>((r) => (finish = r)));
    render(<RepairStats />);
    expect(await screen.findByText('导出 Excel')).toBeTruthy();
    await click('export-stats');
    expect(loadings).toEqual([EXPORT_PREPARING]);
    // The page's own overlay (utils/ui.ts loading()), not WeChat's: on the page, with its words, while working.
    expect(overlay()).toBe(EXPORT_PREPARING);
    const button = document.querySelector<HTMLButtonElement>('#export-stats')!;
    expect(button.textContent).toBe('正在生成…');
    expect(button.disabled).toBe(true);
    await click('export-stats'); // a second tap while preparing does nothing
    expect(backend.inputsOf('repair', 'exportStats')).toEqual([{}]);

    await act(async () => finish(exported('报修统计-全部.xlsx', 'repair-stats-all')));
    await waitFor(() => expect(documents).toHaveLength(1));
    expect(downloads).toEqual([
      { url: exported('', 'repair-stats-all').url, filePath: 'wxfile://usr/报修统计-全部.xlsx' },
    ]);
    expect(documents).toEqual([
      { filePath: 'wxfile://usr/报修统计-全部.xlsx', fileType: 'xlsx', showMenu: true },
    ]);
    expect(exportsUi.hideLoadingCalls).toBe(1);
    expect(overlay()).toBeNull();
    expect(toasts).toEqual([]);
    await waitFor(() => expect(button.textContent).toBe('导出 Excel'));
    expect(button.disabled).toBe(false);
    expect(backend.unexpected).toEqual([]);
  });

  it('租金月报 (browser): the file at the address is saved under its Chinese name', async () => {
    const saved: { href: string; download: string }[] = [];
    const click$ = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push({ href: this.href, download: this.download });
    });
    const g = globalThis as unknown as Record<string, unknown>;
    const before = {
      fetch: g.fetch,
      create: URL.createObjectURL,
      revoke: URL.revokeObjectURL,
      env: process.env.TARO_ENV,
    };
    const fetched: string[] = [];
    g.fetch = async (url: string) => {
      fetched.push(url);
      return { ok: true, status: 200, blob: async () => new Blob(['PK']) };
    };
    URL.createObjectURL = () => 'blob:http://localhost/export-1';
    URL.revokeObjectURL = () => undefined;
    process.env.TARO_ENV = 'h5';
    try {
      const backend = fakeBackend()
        .on('billing', 'arrears', arrears)
        .on('billing', 'exportMonth', (i) =>
          exported(`租金月报-${i.period}.xlsx`, `billing-month-${i.period}`),
        );
      render(<ArrearsPage />);
      expect(await screen.findByText('导出月报 Excel')).toBeTruthy();
      // The month steps back from this month to 2026-10 (a tap on 上个月 each), and never past this month.
      const shown = () => document.querySelector('#export-period-value')?.textContent ?? '';
      expect(shown()).toBe(periodLabel(chinaMonth()));
      await click('export-period-next');
      expect(shown()).toBe(periodLabel(chinaMonth()));
      for (let i = 0; i < 240 && shown() !== '2026年10月'; i++) await click('export-period-prev');
      expect(shown()).toBe('2026年10月');
      await click('export-month');
      await waitFor(() => expect(saved).toHaveLength(1));
      expect(backend.inputsOf('billing', 'exportMonth')).toEqual([{ period: '2026-10' }]);
      expect(fetched).toEqual([exported('', 'billing-month-2026-10').url]);
      expect(saved).toEqual([{ href: 'blob:http://localhost/export-1', download: '租金月报-2026-10.xlsx' }]);
      expect(documents).toEqual([]);
      expect(toasts).toEqual([]);
    } finally {
      click$.mockRestore();
      g.fetch = before.fetch;
      URL.createObjectURL = before.create;
      URL.revokeObjectURL = before.revoke;
      process.env.TARO_ENV = before.env;
    }
  });

  it('巡查覆盖: a refused export shows the function’s message and downloads nothing', async () => {
    routerParams.quarter = '2026-Q4';
    fakeBackend()
      .on('patrol', 'coverage', coverage)
      .on('patrol', 'exportCoverage', new Refusal('NOT_FOUND', '记录不存在或无权查看。'));
    render(<PatrolCoverage />);
    expect(await screen.findByText('导出 Excel')).toBeTruthy();
    await click('coverage-export');
    await waitFor(() => expect(toasts).toEqual(['记录不存在或无权查看。']));
    expect(downloads).toEqual([]);
    // The overlay showed while the call was out, and went with the failure.
    expect(loadings).toEqual([EXPORT_PREPARING]);
    expect(exportsUi.hideLoadingCalls).toBe(1);
    expect(overlay()).toBeNull();
  });

  it.each([
    [403 as const, false, EXPORT_EXPIRED],
    [500 as const, false, EXPORT_DOWNLOAD_FAILED],
    ['fail' as const, false, EXPORT_DOWNLOAD_FAILED],
    [200 as const, true, EXPORT_OPEN_FAILED],
  ])(
    'a download answering %s (open fails: %s) is the clear message “%s”',
    async (answer, openFails, message) => {
      exportsUi.downloadAnswer = answer;
      exportsUi.openFails = openFails;
      routerParams.quarter = '2026-Q4';
      fakeBackend()
        .on('patrol', 'coverage', coverage)
        .on(
          'patrol',
          'exportCoverage',
          exported('2026-Q4-全部项目-安全巡查覆盖情况.xlsx', 'patrol-coverage-2026-Q4'),
        );
      render(<PatrolCoverage />);
      expect(await screen.findByText('导出 Excel')).toBeTruthy();
      await click('coverage-export');
      await waitFor(() => expect(toasts).toEqual([message]));
      expect(downloads).toHaveLength(1);
      expect(documents).toEqual([]);
      expect(document.querySelector('#coverage-export')!.textContent).toBe('导出 Excel');
    },
  );

  it('the saved name keeps the Chinese name but no folder separators or control characters', () => {
    expect(localFileName('测试家园-2026年第四批/配租:结果\u0001.xlsx')).toBe(
      '测试家园-2026年第四批_配租_结果_.xlsx',
    );
    expect(localFileName('  ')).toBe('导出.xlsx');
  });
});
