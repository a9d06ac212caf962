import type { PolicyPreset } from '../policy/policy-preset';
import { cite } from '../policy/sources';
import { quoteRentFromMarket } from './rent.rule';
import { quoteSubsidy } from './subsidy.rule';
import type { HouseholdCategory } from './household';

/**
 * Monthly rent bills and their ledger (乌兰察布 第二十一、二十二条 rent; 惠州 租赁补贴; 乌兰察布 第三十二条(四)
 * arrears). Money is integer fen; a bill's balance is always derived from its charge and its ledger entries,
 * never stored.
 */

export interface BillLine {
  kind: 'rent' | 'reduction' | 'subsidy' | 'utility';
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
}

/**
 * The lines of a month's bill: rent from the rules module (market rent → income tier → special-group
 * reduction → purchased share), minus any rental subsidy (惠州: stops once a unit is allocated, so for a tenant
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
  const subsidy = quoteSubsidy(
    {
      category: f.category,
      persons: f.persons,
      ownedAreaPerPersonM2: f.ownedAreaPerPersonM2,
      monthlyRentFen: quote.monthlyRentFen,
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
  const amountFen = lines.reduce((a, l) => a + l.amountFen, 0);
  if (amountFen < 0) throw new RangeError('账单金额不能为负');
  return { lines, amountFen };
}

/** `YYYY-MM` → its due date `YYYY-MM-DD` (the policy's due day of that month). */
export function dueDateFor(period: string, policy: PolicyPreset): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw new RangeError(`账期格式不正确：${period}`);
  return `${period}-${String(policy.billing.dueDay.value).padStart(2, '0')}`;
}

export type LedgerKind = 'payment' | 'adjustment' | 'refund' | 'waiver';

export const LEDGER_KIND_LABELS: Record<LedgerKind | 'charge', string> = {
  charge: '应收租金',
  payment: '缴费',
  adjustment: '调整',
  refund: '退款',
  waiver: '减免',
};

/** A ledger entry's effect on what is owed: negative for a payment or waiver, positive for a refund. */
export interface LedgerEffect {
  kind: LedgerKind;
  deltaFen: number;
}

export type BillStatus = 'unpaid' | 'partial' | 'paid' | 'waived';

export const BILL_STATUS_LABELS: Record<BillStatus, string> = {
  unpaid: '未缴',
  partial: '部分缴纳',
  paid: '已缴清',
  waived: '已减免',
};

export interface BillBalance {
  chargedFen: number;
  /** Net money received: payments minus refunds. */
  paidFen: number;
  /** What is still owed (negative when overpaid). */
  balanceFen: number;
  status: BillStatus;
}

/** A bill's balance and status from its charge and its ledger entries (the only way either is known). */
export function billBalance(chargedFen: number, entries: readonly LedgerEffect[]): BillBalance {
  let balance = chargedFen;
  let paid = 0;
  let waived = false;
  for (const e of entries) {
    if (!Number.isInteger(e.deltaFen)) throw new RangeError('账目金额必须是整数（分）');
    balance += e.deltaFen;
    if (e.kind === 'payment' || e.kind === 'refund') paid -= e.deltaFen;
    if (e.kind === 'waiver') waived = true;
  }
  const status: BillStatus =
    balance <= 0 ? (waived && paid < chargedFen ? 'waived' : 'paid') : paid > 0 ? 'partial' : 'unpaid';
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
