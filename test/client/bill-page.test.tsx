import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ActionOutput } from '@shared/contracts';
import Bill from '../../client/pages/bill/index';
import { fakeBackend, Refusal } from './fake-backend';
import { resetTaro, routerParams } from './mocks/taro';

type Detail = ActionOutput<'billing', 'billDetail'>;

/** October's bill of a tenant in the second rent tier with the special-group reduction, half paid. */
const detail: Detail = {
  bill: {
    id: 'bill-p-test-l1-2026-10',
    leaseId: 'p-test-l1',
    period: '2026-10',
    unitLabel: '1栋-101',
    projectName: '测试家园',
    dueDate: '2026-10-15',
    chargedFen: 33_000,
    paidFen: 20_000,
    balanceFen: 13_000,
    status: 'partial',
    statusLabel: '部分缴纳',
    overdue: true,
    lines: [
      {
        kind: 'rent',
        label: '按收入分档（第二档（低收入），市场租金的 50%）',
        amountFen: 60_000,
        clause: '乌兰察布办法 第二十二条',
      },
      { kind: 'reduction', label: '特殊困难群体减免', amountFen: -30_000, clause: '乌兰察布办法 第二十二条' },
      { kind: 'utility', label: '物业费', amountFen: 3_000, clause: '' },
    ],
    pendingOrderId: null,
  },
  entries: [
    {
      id: 'charge-bill-p-test-l1-2026-10',
      billId: 'bill-p-test-l1-2026-10',
      period: '2026-10',
      kind: 'charge',
      kindLabel: '应收租金',
      deltaFen: 33_000,
      method: '系统',
      reason: '2026-10 月租金',
      at: '2026-10-01T00:00:00.000Z',
      receiptNo: null,
    },
    {
      id: 'man-abc',
      billId: 'bill-p-test-l1-2026-10',
      period: '2026-10',
      kind: 'payment',
      kindLabel: '缴费',
      deltaFen: -20_000,
      method: '线下',
      reason: '现金',
      at: '2026-10-12T02:30:00.000Z',
      receiptNo: null,
    },
  ],
};

describe('bill page (账单详情)', () => {
  beforeEach(() => {
    resetTaro();
    routerParams.id = detail.bill.id;
  });

  it('shows how the rent was worked out, each line with its clause, and every ledger entry', async () => {
    const backend = fakeBackend().on('billing', 'billDetail', detail);
    const { container } = render(<Bill />);
    expect(await screen.findByText('2026-10 月租金 · 部分缴纳')).toBeTruthy();
    expect(backend.inputsOf('billing', 'billDetail')).toEqual([{ billId: 'bill-p-test-l1-2026-10' }]);
    expect(screen.getByText('测试家园 1栋-101')).toBeTruthy();
    expect(screen.getByText('2026年10月15日（已逾期）').className).toContain('overdue-text');
    expect(container.querySelector('#bill-balance')!.textContent).toBe('¥130.00');
    const lines = container.querySelector('#bill-lines')!.textContent!;
    expect(lines).toContain('按收入分档（第二档（低收入），市场租金的 50%）¥600.00');
    expect(lines).toContain('特殊困难群体减免-¥300.00');
    expect(lines).toContain('物业费¥30.00');
    expect(lines).toContain('应缴合计¥330.00');
    expect(screen.getAllByText('依据：乌兰察布办法 第二十二条')).toHaveLength(2);
    const entries = container.querySelectorAll('#bill-entries .row');
    expect(Array.from(entries).map((e) => e.textContent)).toEqual([
      '2026年10月1日 08:00 应收租金 · 系统¥330.00',
      '2026年10月12日 10:30 缴费 · 线下-¥200.00',
    ]);
    expect(backend.unexpected).toEqual([]);
  });

  it('a paid bill on time is not marked overdue', async () => {
    fakeBackend().on('billing', 'billDetail', {
      ...detail,
      bill: {
        ...detail.bill,
        paidFen: 33_000,
        balanceFen: 0,
        status: 'paid',
        statusLabel: '已缴清',
        overdue: false,
      },
    });
    const { container } = render(<Bill />);
    expect(await screen.findByText('2026-10 月租金 · 已缴清')).toBeTruthy();
    expect(screen.getByText('2026年10月15日').className).not.toContain('overdue-text');
    expect(container.querySelector('#bill-balance')!.textContent).toBe('¥0.00');
  });

  it('someone else’s bill: the server’s message and a retry that asks again', async () => {
    let asked = 0;
    const backend = fakeBackend().on('billing', 'billDetail', () =>
      ++asked === 1 ? new Refusal('NOT_FOUND', '未找到相关记录。') : detail,
    );
    render(<Bill />);
    expect(await screen.findByText('未找到相关记录。')).toBeTruthy();
    fireEvent.click(screen.getByText('重试'));
    await waitFor(() => expect(screen.getByText('2026-10 月租金 · 部分缴纳')).toBeTruthy());
    expect(backend.inputsOf('billing', 'billDetail')).toHaveLength(2);
  });
});
