import { TextEncoder } from 'node:util';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ActionOutput } from '@shared/contracts';
import { DialogHost } from '../../client/components/dialog-host';
import Admin from '../../client/pages/admin/index';
import { loading } from '../../client/utils/ui';
import { fakeBackend, Refusal } from './fake-backend';
import { exportsUi, loadings, modals, resetTaro } from './mocks/taro';

type ImportResult = ActionOutput<'allocation', 'importUnits'>;

// The admin page encodes the pasted sheet with TextEncoder, which jsdom lacks.
(globalThis as { TextEncoder?: unknown }).TextEncoder ??= TextEncoder;

/**
 * utils/ui.ts loading() (issue #19): the overlay is drawn by the page's host in the page's mode; only where no
 * host is mounted does it fall back to the platform's Taro.showLoading / hideLoading. `done()` takes away its
 * own overlay once, whatever happened. On the admin page the unit import going on over several calls shows how
 * far it is in the overlay, and the overlay goes when a call fails too.
 */
const overlay = () => document.querySelector('#loading-overlay')?.textContent ?? null;
const flush = () => act(async () => void (await Promise.resolve()));

describe('loading(): the page’s own overlay, the platform’s only without a page', () => {
  beforeEach(() => resetTaro());

  it('with no page host: Taro.showLoading, then one hideLoading however often done() is called', async () => {
    const done = loading('正在处理…');
    await flush();
    expect(loadings).toEqual(['正在处理…']);
    expect(exportsUi.hideLoadingCalls).toBe(0);
    done();
    done();
    await flush();
    expect(exportsUi.hideLoadingCalls).toBe(1);
    expect(overlay()).toBeNull();
  });

  it('with a page host: drawn on the page; each done() takes away its own overlay only', async () => {
    render(<DialogHost />);
    let first: () => void = () => undefined;
    act(() => void (first = loading('正在生成文件…')));
    expect(overlay()).toBe('正在生成文件…');
    expect(document.querySelector('#loading-overlay')!.getAttribute('role')).toBe('status');
    let second: () => void = () => undefined;
    act(() => void (second = loading('正在导入…')));
    expect(overlay()).toBe('正在导入…');
    act(() => first()); // the first one's work ends late: the second overlay stays
    expect(overlay()).toBe('正在导入…');
    act(() => second());
    expect(overlay()).toBeNull();
    act(() => second());
    expect(overlay()).toBeNull();
    // Nothing went to the platform's own overlay.
    await flush();
    expect(exportsUi.hideLoadingCalls).toBe(2); // the two drawn overlays went (mocks/nut-dialog.tsx counts)
    expect(loadings).toEqual(['正在生成文件…', '正在导入…']);
  });
});

const result = (over: Partial<ImportResult>): ImportResult => ({
  done: true,
  remainingRows: 0,
  imported: 0,
  writtenRows: [],
  alreadyImportedRows: [],
  refusedCount: 0,
  rowErrors: [],
  batches: 0,
  mix: { ok: true, violations: [], averageAreaM2: 60, mediumShare: 0.1 },
  ...over,
});

function admin(second: () => Promise<ImportResult | Refusal>) {
  const answers: (() => Promise<ImportResult | Refusal>)[] = [
    async () => result({ done: false, remainingRows: 4, imported: 2, writtenRows: [2, 3], batches: 1 }),
    second,
  ];
  return fakeBackend()
    .on('allocation', 'listProjects', [
      { id: 'p1', name: '测试家园', address: '测试路', servicePhone: '', units: 0, vacant: 0 },
    ])
    .on('allocation', 'listRounds', [])
    .on('allocation', 'listVacancies', [])
    .on('allocation', 'importUnits', () => answers.shift()!());
}

async function importPasted() {
  render(<Admin />);
  await screen.findAllByText(/测试家园/);
  await act(async () => void fireEvent.click(document.querySelector('#import-csv')!));
}

describe('admin unit import: the overlay says how far it is while the next call is out', () => {
  beforeEach(() => resetTaro());

  it('shows 已写入/剩余 while the second call runs, and goes when it answers', async () => {
    let finish: (r: ImportResult) => void = () => undefined;
    const backend = admin(() => new Promise<ImportResult>((r) => (finish = r)));
    await importPasted();
    await waitFor(() => expect(overlay()).toBe('正在导入，已写入 2 套，剩余 4 套'));
    await act(async () =>
      finish(result({ imported: 4, writtenRows: [4, 5, 6, 7], alreadyImportedRows: [2, 3], batches: 1 })),
    );
    await waitFor(() =>
      expect(document.querySelector('#import-result')!.textContent).toContain('已导入 6 套'),
    );
    expect(overlay()).toBeNull();
    expect(exportsUi.hideLoadingCalls).toBe(1);
    expect(backend.inputsOf('allocation', 'importUnits')).toHaveLength(2);
  });

  it('a second call refused: the overlay goes and the notice says why', async () => {
    let refuse: (r: Refusal) => void = () => undefined;
    admin(() => new Promise<Refusal>((r) => (refuse = r)));
    await importPasted();
    await waitFor(() => expect(overlay()).toBe('正在导入，已写入 2 套，剩余 4 套'));
    await act(async () => refuse(new Refusal('UNAVAILABLE', '服务暂时不可用，请稍后重试。')));
    await waitFor(() => expect(modals).toHaveLength(1));
    expect(modals[0]).toEqual({ title: '导入失败', content: '服务暂时不可用，请稍后重试。' });
    expect(overlay()).toBeNull();
    expect(exportsUi.hideLoadingCalls).toBe(1);
  });
});
