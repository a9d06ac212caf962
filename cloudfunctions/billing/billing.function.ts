import { defineFunction } from '../_runtime/handler';
import type { Runtime } from '../_runtime/runtime';
import { createBillingRepository } from './billing.repository';
import {
  arrearsList,
  chinaPeriod,
  exportMonth,
  leaseLedger,
  recordEntry,
  remind,
  runMonthly,
  runMonthlyBilling,
  runStatus,
  runView,
  sendRentReminders,
  subsidyPayouts,
} from './billing.service';
import {
  billDetail,
  cancelPayment,
  createPayment,
  handleNotification,
  myBills,
  myPayments,
  paymentStatus,
  reconcile,
  reconcilePayments,
  sandboxPay,
} from './payment.service';
import {
  listRefunds,
  reconcileRefunds,
  refundCandidates,
  refundStatus,
  requestRefund,
} from './refund.service';
import {
  billDifferences,
  exportDifferences,
  reconcileTradeBill,
  reconcileYesterday,
} from './tradebill.service';

const repo = (rt: Runtime) => createBillingRepository(rt.db);

/**
 * `billing`: monthly bills and their ledger, WeChat Pay (orders, notifications, reconciliation), arrears and
 * rental subsidies. Timer triggers: `monthly-bills` (02:00 on the 1st), `daily-rent-reminders`,
 * `payment-reconcile`, `trade-bill-reconcile` (yesterday's WeChat Pay trade bill against the ledger); HTTP:
 * WeChat Pay's notify_url, for payment and refund notifications alike (told apart after verification).
 */
export const billingFunction = defineFunction(
  'billing',
  {
    health: async (_input, { rt }) => ({ status: 'ok', function: 'billing', time: rt.now().toISOString() }),
    myBills: (_input, ctx) => myBills(repo(ctx.rt), ctx),
    billDetail: (input, ctx) => billDetail(repo(ctx.rt), input, ctx),
    createPayment: (input, ctx) => createPayment(repo(ctx.rt), input, ctx),
    paymentStatus: (input, ctx) => paymentStatus(repo(ctx.rt), input, ctx),
    cancelPayment: (input, ctx) => cancelPayment(repo(ctx.rt), input, ctx),
    myPayments: (_input, ctx) => myPayments(repo(ctx.rt), ctx),
    sandboxPay: (input, ctx) => sandboxPay(repo(ctx.rt), input, ctx),
    arrears: (input, ctx) => arrearsList(repo(ctx.rt), input, ctx),
    ledger: (input, ctx) => leaseLedger(repo(ctx.rt), input, ctx),
    recordEntry: (input, ctx) => recordEntry(repo(ctx.rt), input, ctx),
    exportMonth: (input, ctx) => exportMonth(repo(ctx.rt), input, ctx),
    runMonthly: (input, ctx) => runMonthly(repo(ctx.rt), input, ctx),
    runStatus: (input, ctx) => runStatus(repo(ctx.rt), input, ctx),
    remind: (_input, ctx) => remind(repo(ctx.rt), ctx),
    reconcile: (_input, ctx) => reconcile(repo(ctx.rt), ctx),
    subsidyPayouts: (input, ctx) => subsidyPayouts(repo(ctx.rt), input, ctx),
    refund: (input, ctx) => requestRefund(repo(ctx.rt), input, ctx),
    refunds: (input, ctx) => listRefunds(repo(ctx.rt), input, ctx),
    refundStatus: (input, ctx) => refundStatus(repo(ctx.rt), input, ctx),
    refundCandidates: (_input, ctx) => refundCandidates(repo(ctx.rt), ctx),
    billDifferences: (input, ctx) => billDifferences(repo(ctx.rt), input, ctx),
    exportDifferences: (input, ctx) => exportDifferences(repo(ctx.rt), input, ctx),
    reconcileTradeBill: (input, ctx) => reconcileTradeBill(repo(ctx.rt), input, ctx),
  },
  {
    timers: {
      'monthly-bills': async (rt, slice) =>
        runView(
          chinaPeriod(rt.now()),
          await runMonthlyBilling(repo(rt), rt, chinaPeriod(rt.now()), { slice, rescan: false }),
        ),
      'daily-rent-reminders': (rt, slice) => sendRentReminders(repo(rt), rt, slice),
      'payment-reconcile': async (rt, slice) => {
        const orders = await reconcilePayments(repo(rt), rt, slice);
        const refunds = slice.unfinished ? null : await reconcileRefunds(repo(rt), rt, slice);
        return { ...orders, refunds };
      },
      'trade-bill-reconcile': (rt, slice) => reconcileYesterday(repo(rt), rt, slice),
    },
    http: (rt, request) => handleNotification(repo(rt), rt, request),
  },
);
