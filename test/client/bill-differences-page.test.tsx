import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { BillDifference, ExportFile } from '@shared/contracts';
import { addDays, chinaDate } from '@shared/rules/dates';
import BillDifferencesPage from '../../client/pages/bill-differences/index';
import { fakeBackend } from './fake-backend';
import { documents, modals, resetTaro, toasts } from './mocks/taro';

const diff: BillDifference = {
  id: '2026-11-21|paid_not_in_ledger|AJ0001',
  billDate: '2026-11-21',
  kind: 'paid_not_in_ledger',
  kindLabel: '微信支付已收款，账本未入账',
  orderId: 'AJ0001',
  refundNo: null,
  wechatFen: 480_00,
  ledgerFen: null,
  householdName: '王芳',
  foundAt: '2026-11-22T03:00:00.000Z',
};
const file: ExportFile = {
  fileName: '微信支付对账差异-2026-10-21-2026-11-21.xlsx',
  fileId: 'cloud://anju-local.616e-anju-local-1300000000/exports/o/20261122/Rnd0mRnd0mRnd0mR-x.xlsx',
  url: '/storage/exports/o/20261122/Rnd0mRnd0mRnd0mR-x.xlsx?expires=1795000000000&sign=abc',
  expiresAt: '2026-11-22T02:10:00.000Z',
};
const click = (id: string) => act(async () => void fireEvent.click(document.querySelector(`#${id}`)!));

describe('trade-bill differences page (微信支付对账)', () => {
  beforeEach(() => resetTaro());

  it('lists each difference with both sides in yuan, exports them, and reruns yesterday after asking', async () => {
    const backend = fakeBackend()
      .on('billing', 'billDifferences', () => [diff])
      .on('billing', 'exportDifferences', () => file)
      .on('billing', 'reconcileTradeBill', (input) => ({
        billDate: input.billDate,
        status: 'done' as const,
        rows: 12,
        differences: 1,
      }));
    render(<BillDifferencesPage />);
    expect(await screen.findByText('2026年11月21日 · 微信支付已收款，账本未入账')).toBeTruthy();
    expect(screen.getByText(/王芳 · 微信支付 ¥480.00 · 账本\s*无/)).toBeTruthy();

    await click('export-differences');
    await waitFor(() => expect(documents).toHaveLength(1));
    expect(backend.inputsOf('billing', 'exportDifferences')).toEqual([{}]);

    await click('reconcile-day-run');
    await waitFor(() => expect(toasts).toContain('核对 12 笔，差异 1 笔'));
    const yesterday = addDays(chinaDate(Date.now()), -1);
    expect(modals[0]?.title).toBe('重新对账');
    expect(backend.inputsOf('billing', 'reconcileTradeBill')).toEqual([{ billDate: yesterday }]);
    expect(backend.unexpected).toEqual([]);
  });
});
