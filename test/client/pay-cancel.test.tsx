/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createLocalHost, type LocalHost } from '../../cloudfunctions/_local/local-host';
import Bills from '../../client/pages/bills/index';
import { setTransport } from '../../client/services/call';
import { addTenancy, type Tenancy } from '../factories/tenancy.factory';
import { modalAnswer, modals, navigations } from './mocks/taro';

/**
 * A tenant in arrears taps 微信支付, then 取消 on the payment step, then wants to pay after all: the bills
 * page and the pay flow (client/services/pay.ts) against the real billing function and the WeChat Pay
 * sandbox. The cancelled order is closed through WeChat Pay, so the bills can be paid again at once.
 */
const clock = new Date('2026-11-22T02:00:00Z');
let host: LocalHost;
let t: Tenancy;

beforeEach(async () => {
  host = await createLocalHost({ dataFile: ':memory:', seed: false, now: () => clock });
  t = await addTenancy(host.runtime.db, {
    bills: [
      { period: '2026-09', amountFen: 480_00 },
      { period: '2026-10', amountFen: 480_00 },
      { period: '2026-11', amountFen: 480_00 },
    ],
  });
  setTransport((fn, event) => host.invoke(fn, event, { openid: t.tenant.openid }));
  modals.length = 0;
  navigations.length = 0;
});
afterEach(() => host.close());

const payButton = () => screen.getByText('微信支付').closest('button') as HTMLButtonElement;

it('a tenant in arrears who taps 取消 can pay the same bills again at once', async () => {
  render(<Bills />);
  await screen.findByText('已选 3 笔，共 3 笔未缴');

  modalAnswer.confirm = false; // 取消 on the payment step
  fireEvent.click(payButton());
  await waitFor(() => expect(modals).toHaveLength(1));
  await waitFor(() => expect(payButton().disabled).toBe(false));
  await screen.findByText('已选 3 笔，共 3 笔未缴');

  modalAnswer.confirm = true; // changed their mind: pay
  fireEvent.click(payButton());
  await waitFor(() =>
    expect(navigations.some((u) => u.startsWith('/pages/payments/index?orderId='))).toBe(true),
  );
  expect(modals.map((m) => m.title)).toEqual(['沙箱支付（本地演示）', '沙箱支付（本地演示）']);
  const bills = await host.invoke('billing', { action: 'myBills' }, { openid: t.tenant.openid });
  expect(bills.ok && (bills.data as { balanceFen: number }[]).every((b) => b.balanceFen === 0)).toBe(true);
});

it('an order abandoned on another visit shows 取消这笔支付, which frees the bills at once', async () => {
  const abandoned = await host.invoke(
    'billing',
    { action: 'createPayment', billIds: Object.values(t.bills), clientRequestId: 'abandoned-visit-1' },
    { openid: t.tenant.openid },
  );
  if (!abandoned.ok) throw new Error(abandoned.error.message);
  const orderId = (abandoned.data as { orderId: string }).orderId;
  const { container } = render(<Bills />);
  await screen.findByText('已选 0 笔，共 3 笔未缴');
  expect(payButton().disabled).toBe(true);
  fireEvent.click(container.querySelector(`[id="cancel-${orderId}"]`)!);
  await screen.findByText('已选 3 笔，共 3 笔未缴');
  modalAnswer.confirm = true;
  fireEvent.click(payButton());
  await waitFor(() =>
    expect(navigations.some((u) => u.startsWith('/pages/payments/index?orderId='))).toBe(true),
  );
});
