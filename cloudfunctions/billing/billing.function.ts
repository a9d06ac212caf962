import { AppError } from '@shared/errors';
import { hasRole } from '../_runtime/access';
import { defineFunction, type ServiceContext } from '../_runtime/handler';
import {
  arrearsList,
  chinaPeriod,
  exportMonth,
  leaseLedger,
  recordEntry,
  runMonthlyBilling,
  runView,
  sendRentReminders,
  subsidyPayouts,
  type RunDoc,
} from './billing.service';
import {
  billDetail,
  createPayment,
  handleNotification,
  myBills,
  myPayments,
  paymentStatus,
  reconcilePayments,
  sandboxPay,
} from './payment.service';

const staff = (ctx: ServiceContext) => {
  if (!hasRole(ctx, 'admin') && !hasRole(ctx, 'manager')) throw new AppError('NOT_FOUND');
};
const office = (ctx: ServiceContext) => {
  if (!hasRole(ctx, 'admin')) throw new AppError('NOT_FOUND');
};

/**
 * `billing`: monthly bills and their ledger, WeChat Pay (orders, notifications, reconciliation), arrears and
 * rental subsidies. Timer triggers: `monthly-bills` (02:00 on the 1st), `daily-rent-reminders`,
 * `payment-reconcile`; HTTP: WeChat Pay's notify_url.
 */
export const billingFunction = defineFunction(
  'billing',
  {
    health: async (_input, { rt }) => ({ status: 'ok', function: 'billing', time: rt.now().toISOString() }),
    myBills: (_input, ctx) => myBills(ctx),
    billDetail: (input, ctx) => billDetail(ctx, input.billId),
    createPayment: (input, ctx) => createPayment(ctx, input),
    paymentStatus: (input, ctx) => paymentStatus(ctx, input.orderId),
    myPayments: (_input, ctx) => myPayments(ctx),
    sandboxPay: (input, ctx) => sandboxPay(ctx, input.orderId),
    arrears: (input, ctx) => arrearsList(ctx, input),
    ledger: (input, ctx) => leaseLedger(ctx, input.leaseId),
    recordEntry: (input, ctx) => recordEntry(ctx, input),
    exportMonth: async (input, ctx) => {
      staff(ctx);
      return exportMonth(ctx, input.period);
    },
    runMonthly: async (input, ctx) => {
      office(ctx);
      return runView(input.period, await runMonthlyBilling(ctx.rt, input.period));
    },
    runStatus: async (input, ctx) => {
      staff(ctx);
      const run = (await ctx.rt.db.collection('meta').doc(`billing-run-${input.period}`).get()).data[0] as
        RunDoc | undefined;
      return runView(input.period, run ?? null);
    },
    remind: async (_input, ctx) => {
      staff(ctx);
      return sendRentReminders(ctx.rt);
    },
    reconcile: async (_input, ctx) => {
      staff(ctx);
      return reconcilePayments(ctx.rt);
    },
    subsidyPayouts: (input, ctx) => subsidyPayouts(ctx, input.period),
  },
  {
    timers: {
      'monthly-bills': async (rt) =>
        runView(chinaPeriod(rt.now()), await runMonthlyBilling(rt, chinaPeriod(rt.now()))),
      'daily-rent-reminders': sendRentReminders,
      'payment-reconcile': reconcilePayments,
    },
    http: handleNotification,
  },
);
