import { z } from 'zod';
import {
  action,
  clientIdSchema,
  entryFenSchema,
  fenSchema,
  healthAction,
  idSchema,
  monthSchema,
  exportFileSchema,
} from './common';

/**
 * The `billing` function: monthly rent bills with their ledger, WeChat Pay, arrears and rental subsidies
 * (乌兰察布 第二十一、二十二、三十二条; 惠州 租赁补贴).
 */
const period = monthSchema;
const requestId = clientIdSchema;
const reason = z.string().trim().min(1).max(200);

export const billLineSchema = z.object({
  kind: z.enum(['rent', 'reduction', 'subsidy', 'utility', 'proration']),
  label: z.string(),
  amountFen: fenSchema,
  clause: z.string(),
});

export const ledgerEntrySchema = z.object({
  id: z.string(),
  billId: z.string(),
  period: z.string(),
  /** `overpayment`: received for a bill that no longer owed it, to be refunded (多缴待退). */
  kind: z.enum(['charge', 'payment', 'overpayment', 'adjustment', 'refund', 'waiver']),
  kindLabel: z.string(),
  /** Effect on what is owed: + charge/refund, − payment/overpayment/waiver, ± adjustment. */
  deltaFen: fenSchema,
  method: z.string(),
  reason: z.string(),
  at: z.string(),
  /** Payments: the receipt number (电子收据编号), the same on the receipt in 缴费记录. */
  receiptNo: z.string().nullable(),
});

export const billViewSchema = z.object({
  id: idSchema,
  leaseId: z.string(),
  period: z.string(),
  unitLabel: z.string(),
  projectName: z.string(),
  dueDate: z.string(),
  chargedFen: fenSchema,
  paidFen: fenSchema,
  balanceFen: fenSchema,
  /** `overpaid`: more received than owed; `balanceFen` is negative and that much is to be refunded. */
  status: z.enum(['unpaid', 'partial', 'paid', 'waived', 'overpaid']),
  statusLabel: z.string(),
  overdue: z.boolean(),
  lines: z.array(billLineSchema),
  /** An order for this bill awaiting payment confirmation, if any. */
  pendingOrderId: z.string().nullable(),
});

/**
 * A payment and its receipt (电子收据), one view for WeChat Pay orders and payments recorded at the counter
 * (`method: 'offline'`: `orderId` is the ledger entry's id, no WeChat transaction id, `note` the reason given).
 */
export const paymentViewSchema = z.object({
  orderId: z.string(),
  method: z.enum(['wechat', 'offline']),
  methodLabel: z.string(),
  amountFen: fenSchema,
  status: z.enum(['created', 'paid', 'closed']),
  statusLabel: z.string(),
  bills: z.array(z.object({ billId: z.string(), period: z.string(), amountFen: fenSchema })),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  transactionId: z.string().nullable(),
  receiptNo: z.string().nullable(),
  note: z.string().nullable(),
});

const runStatusSchema = z.object({
  period: z.string(),
  status: z.enum(['not_started', 'running', 'done']),
  leasesTotal: z.number().int(),
  leasesProcessed: z.number().int(),
  billsCreated: z.number().int(),
  billsExisting: z.number().int(),
  /** Leases whose bill failed its checks (amounts outside the bookkeeping limits) and was not written. */
  billsRefused: z.number().int(),
  refused: z.array(z.object({ leaseId: z.string(), reason: z.string() })),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const arrearsRowSchema = z.object({
  leaseId: z.string(),
  householdName: z.string(),
  phone: z.string(),
  projectName: z.string(),
  buildingId: z.string(),
  buildingName: z.string(),
  unitLabel: z.string(),
  monthsOverdue: z.number().int(),
  amountFen: fenSchema,
  /** At the district's arrears threshold (乌兰察布 第三十二条(四) or the district's setting): the exit list. */
  exitFlag: z.boolean(),
});

export const billingContract = {
  health: healthAction,
  // Tenants
  myBills: action(z.object({}).strict(), z.array(billViewSchema)),
  billDetail: action(
    z.object({ billId: idSchema }).strict(),
    z.object({ bill: billViewSchema, entries: z.array(ledgerEntrySchema) }),
  ),
  /** Creates (or, for the same request id, returns) the payment order for one or more of the caller's bills. */
  createPayment: action(
    z.object({ billIds: z.array(idSchema).min(1).max(24), clientRequestId: requestId }).strict(),
    z.object({
      orderId: z.string(),
      amountFen: fenSchema,
      /** True on the local sandbox: the page shows a sandbox confirmation instead of the WeChat sheet. */
      sandbox: z.boolean(),
      clientParams: z.object({
        appId: z.string(),
        timeStamp: z.string(),
        nonceStr: z.string(),
        package: z.string(),
        signType: z.literal('RSA'),
        paySign: z.string(),
      }),
    }),
  ),
  /** The order's status; an order still unconfirmed after the sheet closed is reconciled by querying it. */
  paymentStatus: action(z.object({ orderId: idSchema }).strict(), paymentViewSchema),
  /**
   * The tenant cancels (or gave up on) an order: it is closed through WeChat Pay so its bills can be paid
   * again at once; an order that turns out paid is credited and answered as paid.
   */
  cancelPayment: action(z.object({ orderId: idSchema }).strict(), paymentViewSchema),
  myPayments: action(z.object({}).strict(), z.array(paymentViewSchema)),
  /** Local sandbox only: the tenant confirms payment; the sandbox sends WeChat Pay's notification. */
  sandboxPay: action(z.object({ orderId: idSchema }).strict(), paymentViewSchema),
  // Managers and the housing office
  arrears: action(
    z.object({ projectId: idSchema.optional(), buildingId: idSchema.optional() }).strict(),
    z.object({
      rows: z.array(arrearsRowSchema),
      totalFen: fenSchema,
      /** The exit threshold and its citation in this district (its clause or its setting). */
      exitRule: z.string(),
      buildings: z.array(z.object({ id: z.string(), name: z.string(), projectName: z.string() })),
    }),
  ),
  ledger: action(
    z.object({ leaseId: idSchema }).strict(),
    z.object({
      householdName: z.string(),
      unitLabel: z.string(),
      projectName: z.string(),
      /** What the lease owes: the sum of its bills' unpaid balances. */
      balanceFen: fenSchema,
      /** 多缴待退: money received beyond what its bills charged, to be refunded to the tenant. */
      refundDueFen: fenSchema,
      monthsOverdue: z.number().int(),
      bills: z.array(billViewSchema),
      entries: z.array(ledgerEntrySchema),
    }),
  ),
  /** An offline payment, adjustment, refund or waiver with its reason; audited; idempotent per request id. */
  recordEntry: action(
    z
      .object({
        billId: idSchema,
        kind: z.enum(['payment', 'adjustment', 'refund', 'waiver']),
        /** Payments, refunds and waivers: a positive amount; adjustments: + adds to, − takes from what is owed. */
        amountFen: entryFenSchema.refine((n) => n !== 0, '金额不能为 0'),
        reason,
        clientRequestId: requestId,
      })
      .strict(),
    z.object({
      bill: billViewSchema,
      entries: z.array(ledgerEntrySchema),
      /** A payment's receipt (the same as the tenant sees in 缴费记录); null for other entries. */
      receipt: paymentViewSchema.nullable(),
    }),
  ),
  exportMonth: action(z.object({ period }).strict(), exportFileSchema),
  /** The monthly bill run (timer trigger `monthly-bills` in production); resumable and idempotent. */
  runMonthly: action(z.object({ period }).strict(), runStatusSchema),
  runStatus: action(z.object({ period }).strict(), runStatusSchema),
  /** Rent-due and overdue reminders (timer `daily-rent-reminders`); one per tenant, kind and period. */
  remind: action(z.object({}).strict(), z.object({ dueSoon: z.number().int(), overdue: z.number().int() })),
  /** Queries unconfirmed orders older than 5 minutes and credits the paid ones (timer `payment-reconcile`). */
  reconcile: action(
    z.object({}).strict(),
    z.object({ checked: z.number().int(), credited: z.number().int(), closed: z.number().int() }),
  ),
  /** Rental subsidy payouts for a month (惠州), with totals; stopped for households allocated a unit. */
  subsidyPayouts: action(
    z.object({ period }).strict(),
    z.object({
      rows: z.array(
        z.object({
          householdId: z.string(),
          householdName: z.string(),
          categoryLabel: z.string(),
          persons: z.number().int(),
          areaM2: z.number(),
          monthlySubsidyFen: fenSchema,
          cappedByRent: z.boolean(),
        }),
      ),
      stopped: z.array(z.object({ householdId: z.string(), householdName: z.string(), reason: z.string() })),
      totalFen: fenSchema,
    }),
  ),
};

export type BillView = z.infer<typeof billViewSchema>;
export type PaymentView = z.infer<typeof paymentViewSchema>;
export type ArrearsRow = z.infer<typeof arrearsRowSchema>;
