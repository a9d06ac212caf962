import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ActionInput, ActionOutput, BillView } from '@shared/contracts';
import LedgerPage from '../../client/pages/ledger/index';
import { fakeBackend, Refusal } from './fake-backend';
import { modals, resetTaro, routerParams, toasts, ui } from './mocks/taro';

type Ledger = ActionOutput<'billing', 'ledger'>;

const bill = (period: string, balanceFen: number, overdue: boolean): BillView => ({
  id: `bill-p-test-l1-${period}`,
  leaseId: 'p-test-l1',
  period,
  unitLabel: '1栋-101',
  projectName: '测试家园',
  dueDate: `${period}-15`,
  chargedFen: 50_000,
  paidFen: 50_000 - balanceFen,
  balanceFen,
  status: balanceFen === 0 ? 'paid' : 'unpaid',
  statusLabel: balanceFen === 0 ? '已缴清' : '未缴',
  overdue,
  lines: [{ kind: 'rent', label: '租金', amountFen: 50_000, clause: '乌兰察布办法 第二十二条' }],
  pendingOrderId: null,
});

/** A lease two months behind: October and November owed, September paid. */
const ledger: Ledger = {
  householdName: '刘洋',
  unitLabel: '1栋-101',
  projectName: '测试家园',
  balanceFen: 100_000,
  refundDueFen: 0,
  monthsOverdue: 2,
  bills: [bill('2026-11', 50_000, true), bill('2026-10', 50_000, true), bill('2026-09', 0, false)],
  entries: [
    {
      id: 'seed-pay',
      billId: 'bill-p-test-l1-2026-09',
      period: '2026-09',
      kind: 'payment',
      kindLabel: '缴费',
      deltaFen: -50_000,
      method: '线下',
      reason: '线下缴费',
      at: '2026-09-10T02:00:00.000Z',
      receiptNo: null,
    },
  ],
};

function type(id: string, value: string) {
  fireEvent.change(document.querySelector(`#${id}`)!, { target: { value } });
}

describe('ledger page (租户台账)', () => {
  beforeEach(() => {
    resetTaro();
    routerParams.leaseId = 'p-test-l1';
  });

  it('shows the lease’s balance, months overdue, its bills and entries', async () => {
    const backend = fakeBackend().on('billing', 'ledger', ledger);
    const { container } = render(<LedgerPage />);
    expect(await screen.findByText('刘洋 · 测试家园 1栋-101')).toBeTruthy();
    expect(backend.inputsOf('billing', 'ledger')).toEqual([{ leaseId: 'p-test-l1' }]);
    const balance = container.querySelector('#ledger-balance')!;
    expect(balance.textContent).toBe('¥1,000.00');
    expect(balance.className).toContain('overdue-text');
    const rows = Array.from(container.querySelectorAll('#ledger-bills .table-row')).map((r) => r.textContent);
    expect(rows).toEqual([
      '2026年11月¥500.00¥500.00! 已逾期',
      '2026年10月¥500.00¥500.00! 已逾期',
      '2026年9月¥500.00¥0.00✓ 已缴清',
    ]);
    expect(container.querySelector('#ledger-entries')!.textContent).toContain(
      '2026年9月10日 10:00 2026年9月 缴费 · 线下缴费-¥500.00',
    );
    expect(screen.getByText('记账（先点选账单）')).toBeTruthy();
  });

  it('records a waiver on the chosen bill after a confirmation, then reloads the ledger', async () => {
    let recorded: ActionInput<'billing', 'recordEntry'> | null = null;
    const backend = fakeBackend()
      .on('billing', 'ledger', () =>
        recorded
          ? {
              ...ledger,
              balanceFen: 87_950,
              bills: [bill('2026-11', 37_950, true), ...ledger.bills.slice(1)],
            }
          : ledger,
      )
      .on('billing', 'recordEntry', (input) => {
        recorded = input;
        return { bill: bill('2026-11', 37_950, true), entries: [], receipt: null };
      });
    const { container } = render(<LedgerPage />);
    await screen.findByText('刘洋 · 测试家园 1栋-101');
    fireEvent.click(container.querySelector('#ledger-bill-bill-p-test-l1-2026-11')!);
    expect(screen.getByText('记账（2026年11月）')).toBeTruthy();
    fireEvent.click(container.querySelector('#kind-waiver')!);
    type('entry-amount', '120.5');
    type('entry-reason', '困难家庭临时减免');
    await act(async () => void fireEvent.click(container.querySelector('#record')!));
    await waitFor(() => expect(toasts).toContain('已记录'));
    expect(modals).toEqual([
      { title: '确认减免', content: '减免 ¥120.50，原因：困难家庭临时减免。记录后将留档审计。' },
    ]);
    expect(recorded).toMatchObject({
      billId: 'bill-p-test-l1-2026-11',
      kind: 'waiver',
      amountFen: 12_050,
      reason: '困难家庭临时减免',
    });
    await waitFor(() => expect(container.querySelector('#ledger-balance')!.textContent).toBe('¥879.50'));
    expect(backend.inputsOf('billing', 'ledger')).toHaveLength(2);
    expect((container.querySelector('#entry-amount') as HTMLInputElement).value).toBe('');
    expect((container.querySelector('#entry-reason') as HTMLInputElement).value).toBe('');
    expect(backend.unexpected).toEqual([]);
  });

  it('asks for a bill, an amount in yuan and a reason before sending anything; 取消 sends nothing', async () => {
    const backend = fakeBackend()
      .on('billing', 'ledger', ledger)
      .on('billing', 'recordEntry', () => {
        throw new Error('must not be called');
      });
    const { container } = render(<LedgerPage />);
    await screen.findByText('刘洋 · 测试家园 1栋-101');
    const record = () => act(async () => void fireEvent.click(container.querySelector('#record')!));
    // Each missing or wrong field says so under itself.
    const errorOf = (id: string) => container.querySelector(`#${id}-error`)?.textContent ?? null;
    await record();
    expect(errorOf('entry-bill')).toBe('请先点选一张账单');
    expect(errorOf('entry-amount')).toBe('请输入金额（元，最多两位小数）');
    expect(errorOf('entry-reason')).toBe('请填写原因');
    fireEvent.click(container.querySelector('#ledger-bill-bill-p-test-l1-2026-10')!);
    type('entry-amount', '12.345');
    await record();
    expect(errorOf('entry-bill')).toBeNull();
    expect(errorOf('entry-amount')).toBe('请输入金额（元，最多两位小数）');
    type('entry-amount', '500');
    await record();
    expect(errorOf('entry-amount')).toBeNull();
    expect(errorOf('entry-reason')).toBe('请填写原因');
    type('entry-reason', '现金缴纳');
    ui.modalAnswer = false;
    await record();
    expect(modals).toEqual([
      { title: '确认线下收款', content: '线下收款 ¥500.00，原因：现金缴纳。记录后将留档审计。' },
    ]);
    expect(backend.inputsOf('billing', 'recordEntry')).toEqual([]);
  });

  it('a refusal shows the server’s message and keeps the form; trying again sends the same request id', async () => {
    let attempts = 0;
    const backend = fakeBackend()
      .on('billing', 'ledger', ledger)
      .on('billing', 'recordEntry', () =>
        ++attempts === 1
          ? new Refusal('RULE_VIOLATION', '金额超过该账单尚欠的 500.00 元。')
          : { bill: bill('2026-10', 0, false), entries: [], receipt: null },
      );
    const { container } = render(<LedgerPage />);
    await screen.findByText('刘洋 · 测试家园 1栋-101');
    fireEvent.click(container.querySelector('#ledger-bill-bill-p-test-l1-2026-10')!);
    type('entry-amount', '600');
    type('entry-reason', '现金缴纳');
    await act(async () => void fireEvent.click(container.querySelector('#record')!));
    await waitFor(() => expect(toasts).toContain('金额超过该账单尚欠的 500.00 元。'));
    expect((container.querySelector('#entry-amount') as HTMLInputElement).value).toBe('600');
    expect(backend.inputsOf('billing', 'ledger')).toHaveLength(1);
    type('entry-amount', '500');
    await act(async () => void fireEvent.click(container.querySelector('#record')!));
    await waitFor(() => expect(toasts).toContain('已记录'));
    const [first, second] = backend.inputsOf('billing', 'recordEntry');
    expect(second!.clientRequestId).toBe(first!.clientRequestId);
    expect(second!.amountFen).toBe(50_000);
  });

  it('a lease outside the manager’s projects: the server’s message with a retry button', async () => {
    fakeBackend().on('billing', 'ledger', new Refusal('NOT_FOUND', '未找到相关记录。'));
    render(<LedgerPage />);
    expect(await screen.findByText('未找到相关记录。')).toBeTruthy();
    expect(screen.getByText('重试')).toBeTruthy();
  });
});
