import type { PolicyPreset } from '../policy/policy-preset';
import { cite } from '../policy/sources';
import { addDays } from './dates';
import { roundHalfUpFen } from './money';
import { reason, type Reason } from './reason';
import { quoteRentFromMarket } from './rent.rule';
import { quoteSubsidy } from './subsidy.rule';
import type { HouseholdCategory } from './household';

/**
 * Monthly rent bills and their ledger (乌兰察布 第二十一、二十二条 rent; 惠州 租赁补贴; 乌兰察布 第三十二条(四)
 * arrears). Money is integer fen; a bill's balance is always derived from its charge and its ledger entries,
 * never stored.
 */

export interface BillLine {
  /** `proration`: the part of a month before the lease started, taken off the month's lines (运营方设定). */
  kind: 'rent' | 'reduction' | 'subsidy' | 'utility' | 'proration';
  label: string;
  amountFen: number;
  clause: string;
}

export interface BillingFacts {
  /** The unit's market rent, fen per month (乌兰察布 第二十一条). */
  marketRentFen: number;
  monthlyIncomePerPersonFen: number;
  specialHardship: boolean;
  purchasedShare: number;
  category: HouseholdCategory;
  persons: number;
  ownedAreaPerPersonM2: number;
  /** Operator-configured monthly charges collected with rent (e.g. 物业费), fen. */
  utilities: readonly { label: string; monthlyFen: number }[];
  /**
   * The rent a signed renewal contract fixed for this month (乌兰察布 第二十一条: the new term's rent is the
   * contract's): it replaces the rules' rent and reductions, with its own label and source on the line.
   */
  contractRent?: { monthlyRentFen: number; label: string; clause: string } | null;
}

/**
 * Whether a month's bill takes a renewal's rent (`lease.nextRent`): every month from the one its new term
 * starts in (`fromDate`, the day after the old term ends, normally a month's first day) on.
 */
export function renewedRentApplies(
  period: string,
  nextRent: { fromDate: string } | null | undefined,
): boolean {
  return !!nextRent && period >= nextRent.fromDate.slice(0, 7);
}

/**
 * The lines of a month's bill: rent from the rules module (market rent → income tier → special-group
 * reduction → purchased share; from a renewal's first month on, the rent its signed contract fixed), minus any rental subsidy (惠州: stops once a unit is allocated, so for a tenant
 * of a public rental unit it is normally zero and no line is added), plus configured utilities. The lines sum
 * to the bill's amount.
 */
export function billLines(f: BillingFacts, policy: PolicyPreset): { lines: BillLine[]; amountFen: number } {
  const quote = quoteRentFromMarket(
    f.marketRentFen,
    {
      monthlyIncomePerPersonFen: f.monthlyIncomePerPersonFen,
      specialHardship: f.specialHardship,
      purchasedShare: f.purchasedShare,
    },
    policy,
  );
  const lines: BillLine[] = [];
  const contract = f.contractRent ?? null;
  if (contract) {
    if (!Number.isInteger(contract.monthlyRentFen) || contract.monthlyRentFen < 0)
      throw new RangeError('续租合同租金必须是非负整数（分）');
    lines.push({
      kind: 'rent',
      label: contract.label,
      amountFen: contract.monthlyRentFen,
      clause: contract.clause,
    });
  } else {
    const tierLine = quote.lines[1];
    lines.push({
      kind: 'rent',
      label: tierLine?.label ?? '租金',
      amountFen: tierLine?.amountFen ?? quote.monthlyRentFen,
      clause: tierLine?.clause ?? cite(policy, 'rent.tiers'),
    });
    for (const l of quote.lines.slice(2)) {
      lines.push({ kind: 'reduction', label: l.label, amountFen: l.amountFen, clause: l.clause });
    }
  }
  const subsidy = quoteSubsidy(
    {
      category: f.category,
      persons: f.persons,
      ownedAreaPerPersonM2: f.ownedAreaPerPersonM2,
      monthlyRentFen: contract ? contract.monthlyRentFen : quote.monthlyRentFen,
      hasAllocatedUnit: true,
    },
    policy,
  );
  if (subsidy.monthlySubsidyFen > 0) {
    lines.push({
      kind: 'subsidy',
      label: '租赁补贴',
      amountFen: -subsidy.monthlySubsidyFen,
      clause: subsidy.clause,
    });
  }
  for (const u of f.utilities) {
    if (!Number.isInteger(u.monthlyFen) || u.monthlyFen < 0)
      throw new RangeError('代收费用必须是非负整数（分）');
    if (u.monthlyFen > 0)
      lines.push({ kind: 'utility', label: u.label, amountFen: u.monthlyFen, clause: '' });
  }
  const amountFen = sumFen(lines.map((l) => l.amountFen));
  if (amountFen < 0) throw new RangeError('账单金额不能为负');
  return { lines, amountFen };
}

/** `YYYY-MM` → its due date `YYYY-MM-DD` (the policy's due day of that month). */
export function dueDateFor(period: string, policy: PolicyPreset): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw new RangeError(`账期格式不正确：${period}`);
  return `${period}-${String(policy.billing.dueDay.value).padStart(2, '0')}`;
}

const daysInMonth = (period: string) =>
  new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 0)).getUTCDate();

/**
 * The line that takes the days before a lease started off the month's charge, or null (a lease that
 * started earlier, or on the 1st, or a district that charges the first month in full). With
 * `billing.firstMonthRent` = `calendar-days` (运营方设定), the month costs its full charge × days from the
 * start day (included) to the month's end ÷ days in the month, rounded half up to the fen once; the line is
 * that minus the full charge, so the bill's lines still add up to its amount.
 */
export function firstMonthProration(
  period: string,
  leaseStartDate: string,
  monthlyFen: number,
  policy: PolicyPreset,
): BillLine | null {
  if (policy.billing.firstMonthRent.value !== 'calendar-days') return null;
  if (leaseStartDate.slice(0, 7) !== period) return null;
  const startDay = Number(leaseStartDate.slice(8, 10));
  if (startDay <= 1 || monthlyFen === 0) return null;
  const dim = daysInMonth(period);
  const days = dim - startDay + 1;
  const charged = roundHalfUpFen((monthlyFen * days) / dim);
  return {
    kind: 'proration',
    label: `起租当月按天计租（${leaseStartDate} 起租，${days}/${dim} 天）`,
    amountFen: charged - monthlyFen,
    // A named district setting (运营方设定), not a figure from the documents.
    clause: cite(policy, 'billing.firstMonth'),
  };
}

/**
 * A bill's due date: the month's due day (`dueDateFor`), but never before the lease starts, and never
 * sooner after the bill is made than the timer's bill, made on the 1st, is due (dueDay − 1 days: 14 with
 * the 15th), so a bill made late (a lease signed on the 29th, a month billed afterwards) is never overdue on
 * the day it is made. A bill made on the 1st for a lease already running is due on the due day as before.
 */
export function billDueDate(
  args: { period: string; leaseStartDate: string; madeOn: string },
  policy: PolicyPreset,
): string {
  const candidates = [
    dueDateFor(args.period, policy),
    args.leaseStartDate,
    addDays(args.madeOn, policy.billing.dueDay.value - 1),
  ];
  return candidates.reduce((a, b) => (b > a ? b : a));
}

/**
 * `overpayment`: money WeChat Pay reports for a bill that no longer owed it (paid meanwhile by another route),
 * kept in the ledger as received and to be refunded (多缴待退), never silently credited as a second payment.
 */
export type LedgerKind = 'payment' | 'overpayment' | 'adjustment' | 'refund' | 'waiver';

export const LEDGER_KIND_LABELS: Record<LedgerKind | 'charge', string> = {
  charge: '应收租金',
  payment: '缴费',
  overpayment: '多缴待退',
  adjustment: '调整',
  refund: '退款',
  waiver: '减免',
};

/** A ledger entry's effect on what is owed: negative for a payment or waiver, positive for a refund. */
export interface LedgerEffect {
  kind: LedgerKind;
  deltaFen: number;
}

/** `overpaid`: more received than owed (the balance is negative); the difference is to be refunded. */
export type BillStatus = 'unpaid' | 'partial' | 'paid' | 'waived' | 'overpaid';

export const BILL_STATUS_LABELS: Record<BillStatus, string> = {
  unpaid: '未缴',
  partial: '部分缴纳',
  paid: '已缴清',
  waived: '已减免',
  overpaid: '多缴待退',
};

export interface BillBalance {
  chargedFen: number;
  /** Net money received: payments and overpayments minus refunds. */
  paidFen: number;
  /** What is still owed (negative when overpaid: that much is to be refunded). */
  balanceFen: number;
  status: BillStatus;
}

/**
 * The most a bill may charge, after adjustments: ¥1,000,000, the same bound as one money entry
 * (`MAX_ENTRY_FEN` in shared/contracts/common.ts). A month's rent is a few hundred yuan. With every bill's
 * charge within it, a sum over up to 90 million bills (2^53 / 10^8) is still an exact integer.
 */
export const MAX_BILL_FEN = 100_000_000;

/** The clause of the bookkeeping limits (not a policy figure: what keeps money exact). */
export const LEDGER_RULE = '记账规则：金额为整数分，单张账单应收 0 至 100 万元，退款不超过已缴';

/**
 * `a + b` for money, refused (RangeError) when either is not a safe integer or the sum would leave the
 * safe-integer range, where doubles stop counting fen exactly.
 */
export function addFen(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || !Number.isSafeInteger(sum))
    throw new RangeError('金额超出可精确计算的范围');
  return sum;
}

/** The sum of money amounts, exact or refused (RangeError): see `addFen`. */
export function sumFen(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total = addFen(total, v);
  return total;
}

/** A bill's figures from its charge and entries, every running sum checked (RangeError when inexact). */
export interface LedgerFigures {
  /** The charge as billed. */
  chargedFen: number;
  /** The charge after adjustments. */
  adjustedChargeFen: number;
  /** Net money received: payments minus refunds. */
  paidFen: number;
  waivedFen: number;
  balanceFen: number;
}

export function ledgerFigures(chargedFen: number, entries: readonly LedgerEffect[]): LedgerFigures {
  let adjusted = addFen(chargedFen, 0);
  let paid = 0;
  let waived = 0;
  let balance = adjusted;
  for (const e of entries) {
    if (!Number.isSafeInteger(e.deltaFen)) throw new RangeError('账目金额必须是整数（分）');
    balance = addFen(balance, e.deltaFen);
    if (e.kind === 'adjustment') adjusted = addFen(adjusted, e.deltaFen);
    if (e.kind === 'payment' || e.kind === 'overpayment' || e.kind === 'refund')
      paid = addFen(paid, -e.deltaFen);
    if (e.kind === 'waiver') waived = addFen(waived, -e.deltaFen);
  }
  return { chargedFen, adjustedChargeFen: adjusted, paidFen: paid, waivedFen: waived, balanceFen: balance };
}

/**
 * Why a bill's ledger (its charge with these entries) is outside what the books allow, or null when it is
 * inside: every figure an exact integer; the charge after adjustments within 0 to ¥1,000,000; never more
 * waived than charged (乌兰察布 第二十二条: 减免 reduces the rent, so a waiver and then a lower charge can
 * never leave money owed to a tenant who paid nothing); never more refunded than received. Money received
 * beyond what is owed is a fact and allowed (it is shown as to be refunded).
 */
export function ledgerRefusal(chargedFen: number, entries: readonly LedgerEffect[]): Reason | null {
  let f: LedgerFigures;
  try {
    f = ledgerFigures(chargedFen, entries);
  } catch {
    return reason('LEDGER_INEXACT', LEDGER_RULE, '金额超出可精确计算的范围，未记账。');
  }
  if (f.chargedFen < 0 || f.chargedFen > MAX_BILL_FEN)
    return reason(
      'CHARGE_OUT_OF_RANGE',
      LEDGER_RULE,
      '该账单的应收金额超出允许范围（单张账单 0 至 100 万元），请先核对账单。',
    );
  if (f.adjustedChargeFen < 0) return reason('CHARGE_NEGATIVE', LEDGER_RULE, '调整后应收金额不能为负。');
  if (f.adjustedChargeFen > MAX_BILL_FEN)
    return reason(
      'CHARGE_ABOVE_LIMIT',
      LEDGER_RULE,
      '调整后该账单应收将超过 100 万元，超出单张账单允许的范围。',
    );
  if (f.waivedFen > f.adjustedChargeFen)
    return reason(
      'WAIVED_ABOVE_CHARGE',
      LEDGER_RULE,
      '减免合计不能超过应收金额：调整后的应收金额将低于已减免的金额。',
    );
  if (f.paidFen < 0) return reason('REFUND_ABOVE_PAID', LEDGER_RULE, '退款不能超过已缴金额。');
  return null;
}

/** A bill's balance and status from its charge and its ledger entries (the only way either is known). */
export function billBalance(chargedFen: number, entries: readonly LedgerEffect[]): BillBalance {
  const f = ledgerFigures(chargedFen, entries);
  const waived = entries.some((e) => e.kind === 'waiver');
  const balance = f.balanceFen;
  const paid = f.paidFen;
  const status: BillStatus =
    balance < 0
      ? 'overpaid'
      : balance === 0
        ? waived && paid < chargedFen
          ? 'waived'
          : 'paid'
        : paid > 0
          ? 'partial'
          : 'unpaid';
  return { chargedFen, paidFen: paid, balanceFen: balance, status };
}

/**
 * Whether an unpaid bill counts as a month of arrears. The texts count months (乌兰察布 第三十二条(四): 累计6个月
 * 以上未交纳租金) but not what makes a month unpaid: the district's setting `exit.arrearsCounting` decides
 * (`any_unpaid`: anything still owed; `whole_month`: nothing paid against the charge).
 */
export function billCountsAsArrears(
  bill: { chargedFen: number; balanceFen: number },
  policy: PolicyPreset,
): boolean {
  return policy.exit.arrearsCounting.value === 'whole_month'
    ? bill.balanceFen > 0 && bill.balanceFen >= bill.chargedFen
    : bill.balanceFen > 0;
}

/**
 * Months of arrears of a lease (乌兰察布 第三十二条(四)): the bills past their due date (strictly before
 * `today`) that count as arrears under `billCountsAsArrears`. Cumulative, not consecutive.
 */
export function arrearsMonths(
  bills: readonly { dueDate: string; chargedFen: number; balanceFen: number }[],
  today: string,
  policy: PolicyPreset,
): number {
  return bills.filter((b) => b.dueDate < today && billCountsAsArrears(b, policy)).length;
}

/** Whether the arrears reach the exit threshold (`exit.arrearsMonths`, inclusive: "6个月以上"). */
export function arrearsTriggersExit(months: number, policy: PolicyPreset): boolean {
  return months >= policy.exit.arrearsMonths;
}

/**
 * What the arrears exit rests on under the policy in force, with how months are counted (the setting):
 * e.g. `乌兰察布办法 第三十二条(四)、第三十八条(六)；运营方设定（欠租月数的计算方法，…）`.
 */
export function arrearsExitClause(policy: PolicyPreset): string {
  return `${cite(policy, 'exit.arrears')}；${cite(policy, 'exit.arrearsCounting')}`;
}

/** The sentence shown with the arrears list and reminders: the threshold and its citation. */
export function arrearsExitRule(policy: PolicyPreset): string {
  return `累计${policy.exit.arrearsMonths}个月以上未交纳租金的，启动退出程序（${arrearsExitClause(policy)}）。`;
}
