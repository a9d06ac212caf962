import { billBalance, type BillBalance } from '@shared/rules/billing.rule';
import type { BillDoc, LedgerEntryDoc } from '../_runtime/documents';

/** A bill's balance from its charge and entries (the only way a balance is known, never stored). */
export function balanceOf(bill: Pick<BillDoc, 'amountFen' | 'entries'>): BillBalance {
  return billBalance(bill.amountFen, bill.entries ?? []);
}

/**
 * The bill after adding an entry, or the bill unchanged when an entry with that id is already there (a
 * retried payment notification or form submission). Pure; the caller writes `entries` and `status` in one
 * transaction.
 */
export function withEntry(
  bill: BillDoc,
  entry: LedgerEntryDoc,
): { changed: boolean; entries: LedgerEntryDoc[]; status: BillDoc['status'] } {
  const entries = bill.entries ?? [];
  if (entries.some((e) => e.id === entry.id)) return { changed: false, entries, status: bill.status };
  const next = [...entries, entry];
  return { changed: true, entries: next, status: billBalance(bill.amountFen, next).status };
}
