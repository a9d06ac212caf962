import type { ArrearsRow, BillView } from '@shared/contracts';
import { click, confirmModal, startWorld, type E2eWorld } from './browser';

jest.setTimeout(240_000);

/**
 * Rent in a real browser: a tenant in arrears pays two overdue bills through the WeChat Pay sandbox (its
 * notification goes through the production verification and decryption), sees them paid with a receipt, and
 * the manager's arrears list changes accordingly.
 */
describe('browser: pay two bills through the sandbox → receipt → arrears list changes', () => {
  let world: E2eWorld;

  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => world?.close());
  const signIn = async (personaId: string) => (await world.signIn(personaId)).page;

  const invoke = async <T>(fn: 'billing', action: string, openid: string, input: object = {}) => {
    const res = await world.server.host.invoke(fn, { action, ...input }, { openid });
    if (!res.ok) throw new Error(res.error.message);
    return res.data as T;
  };

  it('runs the whole payment', async () => {
    const bills = await invoke<BillView[]>('billing', 'myBills', 'demo-tenant-arrears');
    const open = bills.filter((b) => b.balanceFen > 0);
    const overdue = open.filter((b) => b.overdue);
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    const payFor = overdue.slice(-2); // the two oldest
    const leaseId = payFor[0]!.leaseId;

    // The manager's arrears list before.
    const manager = await signIn('u-manager');
    await click(manager, '#go-arrears');
    await manager.waitForSelector(`#arrears-${leaseId}`);
    const beforeText = await manager.locator(`#arrears-${leaseId}`).textContent();
    expect(beforeText).toContain(`欠租 ${overdue.length} 个月`);

    // The tenant keeps the two oldest bills selected and pays.
    const tenant = await signIn('u-tenant-arrears');
    await click(tenant, '#go-bills');
    await tenant.waitForSelector('#bills');
    for (const b of open) if (!payFor.includes(b)) await click(tenant, `#select-${b.id}`);
    const total = payFor.reduce((a, b) => a + b.balanceFen, 0);
    await tenant.waitForSelector(`#pay-total:has-text("${(total / 100).toFixed(2)}")`);
    await click(tenant, '#pay');
    await tenant.waitForSelector('text=沙箱支付（本地演示）');
    await confirmModal(tenant);
    await tenant.waitForSelector('#payments');
    const receipt = tenant.locator('[id^="receipt-"]');
    await receipt.waitFor();
    const receiptText = (await receipt.textContent()) ?? '';
    expect(receiptText).toMatch(/收据编号AJ\d{8}/);
    for (const b of payFor) expect(receiptText).toContain(`${b.period} 月租金`);

    // Both bills are paid, credited once each by the verified notification.
    const after = await invoke<BillView[]>('billing', 'myBills', 'demo-tenant-arrears');
    for (const b of payFor)
      expect(after.find((x) => x.id === b.id)).toMatchObject({ balanceFen: 0, status: 'paid' });
    await tenant.goBack();
    await tenant.waitForSelector('#bills');
    await tenant.reload();
    await tenant.waitForSelector(`#bill-${payFor[0]!.id}:has-text("已缴清")`);

    // The manager's list changed by two months and the amount paid.
    await manager.reload();
    await manager.waitForSelector('#home, #arrears');
    if (await manager.locator('#home').count()) await click(manager, '#go-arrears');
    await manager.waitForSelector(`#arrears-${leaseId}:has-text("欠租 ${overdue.length - 2} 个月")`);
    const rows = (await world.server.host.invoke(
      'billing',
      { action: 'arrears' },
      { openid: 'demo-manager' },
    )) as {
      ok: true;
      data: { rows: ArrearsRow[] };
    };
    const row = rows.data.rows.find((r) => r.leaseId === leaseId)!;
    expect(row.amountFen).toBe(overdue.reduce((a, b) => a + b.balanceFen, 0) - total);
  });
});
