/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { fireEvent, render, screen } from '@testing-library/react';
import { createLocalHost, type LocalHost } from '../../cloudfunctions/_local/local-host';
import Payments from '../../client/pages/payments/index';
import { setTransport } from '../../client/services/call';
import { addTenancy, type Tenancy } from '../factories/tenancy.factory';

/** 缴费记录 shows a receipt for a payment made at the counter, in the same view as a WeChat Pay receipt. */
let host: LocalHost;
let t: Tenancy;

beforeEach(async () => {
  host = await createLocalHost({
    dataFile: ':memory:',
    seed: false,
    now: () => new Date('2026-11-22T02:00:00Z'),
  });
  t = await addTenancy(host.runtime.db, { bills: [{ period: '2026-11', amountFen: 480_00 }] });
  setTransport((fn, event) => host.invoke(fn, event, { openid: t.tenant.openid }));
});
afterEach(() => host.close());

it('the tenant opens the receipt of a cash payment recorded by the manager', async () => {
  const recorded = await host.invoke(
    'billing',
    {
      action: 'recordEntry',
      billId: t.bills['2026-11'],
      kind: 'payment',
      amountFen: 480_00,
      reason: '物业服务中心现金缴纳',
      clientRequestId: 'counter-cash-0001',
    },
    { openid: t.manager.openid },
  );
  if (!recorded.ok) throw new Error(recorded.error.message);
  const receipt = (recorded.data as { receipt: { orderId: string; receiptNo: string } }).receipt;
  const { container } = render(<Payments />);
  const card = await screen.findByText(/线下缴费/);
  fireEvent.click(card.closest(`[id="payment-${receipt.orderId}"]`)!);
  const shown = container.querySelector(`[id="receipt-${receipt.orderId}"]`)!;
  expect(shown.textContent).toContain('电子收据');
  expect(shown.textContent).toContain(`收据编号${receipt.receiptNo}`);
  expect(shown.textContent).toContain('缴费方式线下缴费');
  expect(shown.textContent).toContain('2026-11 月租金¥480.00');
  expect(shown.textContent).toContain('备注物业服务中心现金缴纳');
});
