import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { RefundCandidate, RefundView } from '@shared/contracts';
import RefundsPage from '../../client/pages/refunds/index';
import { fakeBackend, Refusal } from './fake-backend';
import { modals, resetTaro, toasts, ui } from './mocks/taro';

const candidate: RefundCandidate = {
  billId: 'bill-1',
  orderId: 'AJ0123456789abcdef0123456789abcd',
  period: '2026-11',
  householdName: '王芳',
  unitLabel: '1栋 101',
  projectName: '惠民家园',
  toRefundFen: 480_00,
  pendingFen: 0,
  orderRefundableFen: 480_00,
};
const view = (over: Partial<RefundView> = {}): RefundView => ({
  refundNo: 'RF000000000000000000000000000001',
  orderId: candidate.orderId,
  billId: 'bill-1',
  period: '2026-11',
  householdName: '王芳',
  unitLabel: '1栋 101',
  amountFen: 480_00,
  kind: 'overpayment',
  kindLabel: '多缴退款',
  sourceRef: 'over-bill-1-48000',
  note: '多缴租金退还',
  status: 'processing',
  statusLabel: '退款处理中',
  requestedAt: '2026-11-22T02:00:00.000Z',
  updatedAt: '2026-11-22T02:00:00.000Z',
  succeededAt: null,
  problem: null,
  ...over,
});
const click = (id: string) => act(async () => void fireEvent.click(document.querySelector(`#${id}`)!));

describe('refunds page (微信支付退款)', () => {
  beforeEach(() => resetTaro());

  it('原路退款 asks first with the amount and the household, then refunds the whole 多缴 by default', async () => {
    let refunded = false;
    const backend = fakeBackend()
      .on('billing', 'refundCandidates', () => (refunded ? [] : [candidate]))
      .on('billing', 'refunds', () => (refunded ? [view()] : []))
      .on('billing', 'refund', () => {
        refunded = true;
        return view();
      });
    render(<RefundsPage />);
    expect(await screen.findByText('王芳 · 1栋 101')).toBeTruthy();
    await click('refund-bill-1');
    await waitFor(() => expect(toasts).toContain('退款处理中'));
    expect(modals).toEqual([
      {
        title: '确认退款',
        content: '将 ¥480.00 原路退回 王芳（1栋 101，2026年11月多缴）的微信支付账户。退款提交后不能撤回。',
      },
    ]);
    expect(backend.inputsOf('billing', 'refund')).toEqual([
      {
        orderId: candidate.orderId,
        billId: 'bill-1',
        amountFen: 480_00,
        kind: 'overpayment',
        sourceRef: 'over-bill-1-48000',
        note: '多缴租金退还',
      },
    ]);
    expect(await screen.findByText(/退款处理中/)).toBeTruthy();
    expect(backend.unexpected).toEqual([]);
  });

  it('取消 refunds nothing; an amount above what is left is refused on the page', async () => {
    const backend = fakeBackend()
      .on('billing', 'refundCandidates', () => [{ ...candidate, pendingFen: 400_00 }])
      .on('billing', 'refunds', () => []);
    const { container } = render(<RefundsPage />);
    await screen.findByText('王芳 · 1栋 101');
    fireEvent.input(container.querySelector('#candidate-bill-1 input')!, { target: { value: '80.01' } });
    await click('refund-bill-1');
    // The problem shows under the amount (issue #19), not in a toast.
    expect(container.querySelector('#refund-amount-bill-1-error')!.textContent).toBe('最多可退 ¥80.00。');
    fireEvent.input(container.querySelector('#candidate-bill-1 input')!, { target: { value: '80' } });
    ui.modalAnswer = false;
    await click('refund-bill-1');
    expect(modals).toHaveLength(1);
    expect(backend.inputsOf('billing', 'refund')).toEqual([]);
  });

  it('查询退款结果 asks WeChat Pay again and shows a refusal in Chinese', async () => {
    const backend = fakeBackend()
      .on('billing', 'refundCandidates', () => [])
      .on('billing', 'refunds', () => [view()])
      .on(
        'billing',
        'refundStatus',
        new Refusal('UNAVAILABLE', '暂时无法向微信支付查询退款状态，请稍后再试。'),
      );
    render(<RefundsPage />);
    await screen.findByText(/退款处理中/);
    await click(`refund-refresh-${view().refundNo}`);
    await waitFor(() => expect(toasts).toContain('暂时无法向微信支付查询退款状态，请稍后再试。'));
    expect(backend.inputsOf('billing', 'refundStatus')).toEqual([{ refundNo: view().refundNo }]);
  });
});
