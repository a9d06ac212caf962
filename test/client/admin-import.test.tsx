import { TextEncoder } from 'node:util';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ActionOutput } from '@shared/contracts';
import { ERROR_MESSAGES } from '@shared/errors';
import Admin from '../../client/pages/admin/index';
import { rowRanges } from '../../client/utils/row-ranges';
import { fakeBackend, Refusal } from './fake-backend';
import { modals, resetTaro } from './mocks/taro';

type ImportResult = ActionOutput<'allocation', 'importUnits'>;

// The page encodes the pasted sheet with TextEncoder, which jsdom lacks.
(globalThis as { TextEncoder?: unknown }).TextEncoder ??= TextEncoder;

const mix = { ok: true, violations: [], averageAreaM2: 60, mediumShare: 0.1 };
const result = (over: Partial<ImportResult>): ImportResult => ({
  done: true,
  remainingRows: 0,
  imported: 0,
  writtenRows: [],
  alreadyImportedRows: [],
  refusedCount: 0,
  rowErrors: [],
  batches: 0,
  mix,
  ...over,
});

function backendWith(answer: ImportResult | Refusal) {
  return fakeBackend()
    .on('allocation', 'listProjects', [
      { id: 'p1', name: '测试家园', address: '测试路', servicePhone: '', units: 0, vacant: 0 },
    ])
    .on('allocation', 'listRounds', [])
    .on('allocation', 'listVacancies', [])
    .on('allocation', 'importUnits', answer);
}

async function importPasted() {
  render(<Admin />);
  await screen.findAllByText(/测试家园/);
  await act(async () => void fireEvent.click(document.querySelector('#import-csv')!));
}

describe('admin page: the unit import result', () => {
  beforeEach(() => resetTaro());

  it('names the rows written, in how many batches, and the rows already imported', async () => {
    const backend = backendWith(
      result({ imported: 3, writtenRows: [2, 3, 4], alreadyImportedRows: [5, 6, 9], batches: 1 }),
    );
    await importPasted();
    await waitFor(() => expect(document.querySelector('#import-result')).toBeTruthy());
    const text = document.querySelector('#import-result')!.textContent;
    expect(text).toContain('已导入 3 套（第 2–4 行，分 1 批写入）');
    expect(text).toContain('第 5–6、9 行的房源此前已导入，未重复写入');
    expect(backend.unexpected).toEqual([]);
  });

  it('a sheet written over several calls: the page goes on by itself and sums what each call wrote', async () => {
    const answers = [
      result({
        done: false,
        remainingRows: 4,
        imported: 2,
        writtenRows: [2, 3],
        alreadyImportedRows: [9],
        batches: 1,
      }),
      // The second call finds rows 2–3 stored by the first: they are not "imported earlier" for the admin.
      result({
        done: false,
        remainingRows: 2,
        imported: 2,
        writtenRows: [4, 5],
        alreadyImportedRows: [2, 3, 9],
        batches: 1,
      }),
      result({ imported: 2, writtenRows: [6, 7], alreadyImportedRows: [2, 3, 4, 5, 9], batches: 1 }),
    ];
    const backend = backendWith(result({}));
    backend.on('allocation', 'importUnits', () => answers.shift() as ImportResult);
    await importPasted();
    await waitFor(() =>
      expect(document.querySelector('#import-result')!.textContent).toContain('已导入 6 套'),
    );
    const text = document.querySelector('#import-result')!.textContent;
    expect(text).toContain('已导入 6 套（第 2–7 行，分 3 批写入）');
    expect(text).toContain('第 9 行的房源此前已导入，未重复写入');
    const inputs = backend.inputsOf('allocation', 'importUnits');
    expect(inputs).toHaveLength(3);
    expect(new Set(inputs.map((i) => i.fileId)).size).toBe(1); // the same uploaded sheet every time
    expect(modals).toEqual([]);
  });

  it('a call that makes no progress stops the loop with a message saying to import the sheet again', async () => {
    const backend = backendWith(result({ done: false, remainingRows: 4, imported: 0 }));
    await importPasted();
    await waitFor(() => expect(modals).toHaveLength(1));
    expect(modals[0]!.content).toContain('导入没有进展');
    expect(backend.inputsOf('allocation', 'importUnits')).toHaveLength(2);
  });

  it('a sheet with refused rows: nothing imported, how many, and the listed reasons', async () => {
    backendWith(
      result({
        refusedCount: 250,
        rowErrors: [
          { row: 5, message: '楼栋“3栋”不存在' },
          { row: 8, message: '户型不能为空' },
        ],
      }),
    );
    await importPasted();
    await waitFor(() => expect(document.querySelector('#import-refused')).toBeTruthy());
    const text = document.querySelector('#import-result')!.textContent;
    expect(text).toContain('本次未导入房源');
    expect(text).toContain('共 250 行有误，未导入任何房源；请改正后重新导入整张表格（以下列出前 2 行）');
    expect(text).toContain('第 5 行：楼栋“3栋”不存在');
    expect(text).toContain('第 8 行：户型不能为空');
  });

  it('a sheet too large for one call: the Chinese message, not a network error', async () => {
    backendWith(new Refusal('EXCEED_MAX_PAYLOAD_SIZE', ERROR_MESSAGES.EXCEED_MAX_PAYLOAD_SIZE));
    await importPasted();
    await waitFor(() => expect(modals).toHaveLength(1));
    expect(modals[0]).toEqual({ title: '导入失败', content: ERROR_MESSAGES.EXCEED_MAX_PAYLOAD_SIZE });
  });
});

describe('rowRanges', () => {
  it.each([
    [[], ''],
    [[7], '7'],
    [[2, 3, 4, 7], '2–4、7'],
    [[9, 2, 3, 5, 6], '2–3、5–6、9'],
  ])('%j → %s', (rows, text) => expect(rowRanges(rows)).toBe(text));
});
