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
  isoDateSchema,
  MAX_ENTRY_FEN,
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

/**
 * Why money paid through WeChat Pay goes back: 多缴待退 (an overpayment), or the settlement when a household
 * moves out (退租结算; the exit procedure in the allocation function asks for it with its own reference).
 */
export const REFUND_KINDS = ['overpayment', 'move_out_settlement'] as const;
export const refundKindSchema = z.enum(REFUND_KINDS);
export const REFUND_KIND_LABELS: Record<(typeof REFUND_KINDS)[number], string> = {
  overpayment: '多缴退款',
  move_out_settlement: '退租结算退款',
};
/**
 * A refund's life: asked of WeChat Pay (`requested`: sent, no answer yet), accepted (`processing`),
 * `success` (credited once to the bill's ledger), `closed`, `abnormal` (the payer's account could not take it;
 * handled in the merchant platform), or `refused` by WeChat Pay at once (nothing refunded).
 */
export const REFUND_STATUSES = [
  'requested',
  'processing',
  'success',
  'closed',
  'abnormal',
  'refused',
] as const;
export const refundStatusSchema = z.enum(REFUND_STATUSES);

export const refundViewSchema = z.object({
  refundNo: z.string(),
  orderId: z.string(),
  billId: z.string(),
  period: z.string(),
  householdName: z.string(),
  unitLabel: z.string(),
  amountFen: fenSchema,
  kind: refundKindSchema,
  kindLabel: z.string(),
  sourceRef: z.string(),
  note: z.string(),
  status: refundStatusSchema,
  statusLabel: z.string(),
  requestedAt: z.string(),
  updatedAt: z.string(),
  succeededAt: z.string().nullable(),
  /** Why WeChat Pay refused or closed it, in Chinese; null otherwise. */
  problem: z.string().nullable(),
});

/** A bill paid through WeChat Pay with money to give back (多缴待退), for the office's refund page. */
export const refundCandidateSchema = z.object({
  billId: z.string(),
  orderId: z.string(),
  period: z.string(),
  householdName: z.string(),
  unitLabel: z.string(),
  projectName: z.string(),
  /** What the ledger says is to be refunded (the bill's negative balance). */
  toRefundFen: fenSchema,
  /** Refunds asked for and not finished yet. */
  pendingFen: fenSchema,
  /** What the order can still refund (paid minus refunds asked or made). */
  orderRefundableFen: fenSchema,
});

export const DIFFERENCE_KINDS = [
  'paid_not_in_ledger',
  'in_ledger_not_paid',
  'amount_mismatch',
  'refund_not_in_ledger',
  'refund_in_ledger_not_at_wechat',
  'refund_amount_mismatch',
] as const;
export const DIFFERENCE_LABELS: Record<(typeof DIFFERENCE_KINDS)[number], string> = {
  paid_not_in_ledger: '微信支付已收款，账本未入账',
  in_ledger_not_paid: '账本已入账，微信支付账单中没有',
  amount_mismatch: '收款金额不一致',
  refund_not_in_ledger: '微信支付已退款，账本未记录',
  refund_in_ledger_not_at_wechat: '账本已记退款，微信支付账单中没有',
  refund_amount_mismatch: '退款金额不一致',
};

/** One difference between WeChat Pay's trade bill of a day and the ledger (对账差异). */
export const billDifferenceSchema = z.object({
  id: z.string(),
  billDate: z.string(),
  kind: z.enum(DIFFERENCE_KINDS),
  kindLabel: z.string(),
  orderId: z.string(),
  refundNo: z.string().nullable(),
  wechatFen: fenSchema.nullable(),
  ledgerFen: fenSchema.nullable(),
  householdName: z.string(),
  foundAt: z.string(),
});

export const tradeBillRunSchema = z.object({
  billDate: z.string(),
  status: z.enum(['done', 'no_bill', 'running']),
  rows: z.number().int(),
  differences: z.number().int(),
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
  /**
   * Refunds money paid through WeChat Pay to the payer (申请退款): the office or the project's manager, for an
   * overpayment or a move-out settlement. `sourceRef` names what is refunded (the overpaid bill's ledger entry,
   * the exit procedure's id): the refund number derives from the order, the bill, the kind and it, so asking
   * again never refunds twice. Refused, changing nothing, above what the order can still refund.
   */
  refund: action(
    z
      .object({
        orderId: idSchema,
        billId: idSchema,
        amountFen: z.number().int('金额应精确到分').min(1, '退款金额必须大于 0').max(MAX_ENTRY_FEN),
        kind: refundKindSchema,
        sourceRef: z.string().trim().min(1).max(64),
        note: z.string().trim().max(40).default(''),
      })
      .strict(),
    refundViewSchema,
  ),
  /** Refunds (newest first), of one order if given; the office sees all, a manager their projects'. */
  refunds: action(z.object({ orderId: idSchema.optional() }).strict(), z.array(refundViewSchema)),
  /** Asks WeChat Pay how a refund stands (查询单笔退款) and records a finished one, once. */
  refundStatus: action(z.object({ refundNo: z.string().min(1).max(64) }).strict(), refundViewSchema),
  /** Bills paid through WeChat Pay with money to give back (多缴待退). */
  refundCandidates: action(z.object({}).strict(), z.array(refundCandidateSchema)),
  /** Differences between WeChat Pay's daily trade bills and the ledger (timer `trade-bill-reconcile`). */
  billDifferences: action(
    z.object({ from: isoDateSchema.optional(), to: isoDateSchema.optional() }).strict(),
    z.array(billDifferenceSchema),
  ),
  /** The same differences as a spreadsheet (对账差异), written to storage and opened from its address. */
  exportDifferences: action(
    z.object({ from: isoDateSchema.optional(), to: isoDateSchema.optional() }).strict(),
    exportFileSchema,
  ),
  /** The office reconciles one day's trade bill now (the timer does yesterday's every morning). */
  reconcileTradeBill: action(z.object({ billDate: isoDateSchema }).strict(), tradeBillRunSchema),
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
export type RefundView = z.infer<typeof refundViewSchema>;
export type RefundCandidate = z.infer<typeof refundCandidateSchema>;
export type BillDifference = z.infer<typeof billDifferenceSchema>;
