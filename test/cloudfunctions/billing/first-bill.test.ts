import { COLLECTIONS } from '@shared/collections';
import type { BillView } from '@shared/contracts';
import type { Envelope } from '@shared/errors';
import { resolvePolicy } from '@shared/policy/policy-preset';
import { WUCHANG_PRESET } from '@shared/policy/presets/district.presets';
import { roundHalfUpFen } from '@shared/rules/money';
import { createLocalHost, type LocalHost } from '../../../cloudfunctions/_local/local-host';
import type { BillDoc } from '../../../cloudfunctions/_runtime/documents';
import { addTenancy, type Tenancy } from '../../factories/tenancy.factory';

/**
 * The first bill of a new lease (运营方设定 billing.firstMonthRent: the documents do not fix the rent of the
 * month a lease starts in; the default prorates it by calendar days, the start day included) and every bill's
 * due date: never before its lease starts, and never already past on the day the bill is made.
 */
let clock = new Date('2026-11-29T02:00:00Z'); // 2026-11-29 10:00 in Beijing
let host: LocalHost;

async function world(opts: { startDate: string; policy?: Parameters<typeof resolvePolicy>[1] }) {
  host = await createLocalHost({
    dataFile: ':memory:',
    seed: false,
    now: () => clock,
    ...(opts.policy ? { policy: resolvePolicy(WUCHANG_PRESET, opts.policy) } : {}),
  });
  return addTenancy(host.runtime.db, { lease: { startDate: opts.startDate, endDate: '2029-11-28' } });
}
afterEach(() => host.close());

async function run(t: Tenancy, period: string): Promise<BillDoc> {
  const res = (await host.invoke(
    'billing',
    { action: 'runMonthly', period },
    { openid: t.admin.openid },
  )) as Envelope<{
    billsCreated: number;
  }>;
  expect(res).toMatchObject({ ok: true, data: { billsCreated: 1 } });
  return (await host.runtime.db.collection(COLLECTIONS.bills).doc(`bill-${t.leaseId}-${period}`).get())
    .data[0] as BillDoc;
}
const fullMonth = (b: BillDoc) =>
  b.lines.filter((l) => l.kind !== 'proration').reduce((a, l) => a + l.amountFen, 0);
async function tenantView(t: Tenancy, id: string): Promise<BillView> {
  const res = (await host.invoke('billing', { action: 'myBills' }, { openid: t.tenant.openid })) as Envelope<
    BillView[]
  >;
  if (!res.ok) throw new Error(res.error.message);
  return res.data.find((b) => b.id === id)!;
}

it('a lease signed on the 29th: its first bill is 2 of 30 days’ rent, not due before 14 days from the day it is made, not overdue', async () => {
  clock = new Date('2026-11-29T02:00:00Z');
  const t = await world({ startDate: '2026-11-29' });
  const bill = await run(t, '2026-11');
  const full = fullMonth(bill);
  expect(bill.amountFen).toBe(roundHalfUpFen((full * 2) / 30));
  expect(bill.lines.reduce((a, l) => a + l.amountFen, 0)).toBe(bill.amountFen);
  expect(bill.lines.at(-1)).toMatchObject({
    kind: 'proration',
    label: expect.stringContaining('2/30'),
    amountFen: bill.amountFen - full,
    clause: expect.stringContaining('运营方设定'),
  });
  expect(bill.dueDate).toBe('2026-12-13');
  expect(await tenantView(t, bill._id)).toMatchObject({ overdue: false, dueDate: '2026-12-13' });

  // The next month is a whole month, due on the usual day.
  clock = new Date('2026-11-30T18:00:00Z'); // 2026-12-01 02:00 in Beijing, the timer's hour
  const next = await run(t, '2026-12');
  expect(next.lines.some((l) => l.kind === 'proration')).toBe(false);
  expect(next.amountFen).toBe(full);
  expect(next.dueDate).toBe('2026-12-15');
});

it('a lease starting on the 20th, billed by the timer on the 1st, is due on the day it starts', async () => {
  clock = new Date('2026-11-30T18:00:00Z'); // 2026-12-01 02:00 in Beijing
  const t = await world({ startDate: '2026-12-20' });
  const bill = await run(t, '2026-12');
  expect(bill.amountFen).toBe(roundHalfUpFen((fullMonth(bill) * 12) / 31));
  expect(bill.dueDate).toBe('2026-12-20');
});

it('a bill made late for an earlier month is due 14 days after it is made, not already overdue', async () => {
  clock = new Date('2026-11-22T02:00:00Z');
  const t = await world({ startDate: '2026-09-01' });
  const bill = await run(t, '2026-10');
  expect(bill.lines.some((l) => l.kind === 'proration')).toBe(false);
  expect(bill.dueDate).toBe('2026-12-06');
  expect((await tenantView(t, bill._id)).overdue).toBe(false);
});

it('a district that charges the first month in full (运营方设定 full-month) gets no proration line', async () => {
  clock = new Date('2026-11-29T02:00:00Z');
  const t = await world({
    startDate: '2026-11-29',
    policy: {
      billing: { firstMonthRent: { value: 'full-month', example: false, decidedBy: '某区住房保障部门' } },
    },
  });
  const bill = await run(t, '2026-11');
  expect(bill.lines.some((l) => l.kind === 'proration')).toBe(false);
  expect(bill.amountFen).toBe(fullMonth(bill));
  expect(bill.dueDate).toBe('2026-12-13');
});
