/**
 * Rules explain themselves: every refusal or violation is a reason naming the clause it comes from,
 * with a Chinese message for the person affected. A rule returns all its reasons, never just a boolean.
 */
export interface Reason {
  /** Stable machine code, e.g. `INCOME_ABOVE_LINE`. */
  code: string;
  /** The clause, e.g. `乌兰察布办法 第十一条(一)`. */
  clause: string;
  /** Chinese explanation shown to users. */
  message: string;
}

export type Decision<T> = { ok: true; value: T; reasons: Reason[] } | { ok: false; reasons: Reason[] };

export const reason = (code: string, clause: string, message: string): Reason => ({ code, clause, message });

export function decide<T>(value: T, reasons: Reason[]): Decision<T> {
  return reasons.length === 0 ? { ok: true, value, reasons } : { ok: false, reasons };
}
