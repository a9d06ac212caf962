import type { PolicyPreset } from '../policy/policy-preset';
import { cite } from '../policy/sources';
import { reason, type Decision, type Reason } from './reason';

/**
 * Unit exchange between tenants (乌兰察布 第二十四条: 因就业、子女就学等特殊原因需要调换的, 经所有权人或其委托
 * 的运营单位同意, 承租人之间可以互换所承租的公共租赁住房). Without consent it is 擅自调换 (Art. 38(1)).
 */
export const EXCHANGE_REASONS = ['employment', 'schooling', 'health', 'other_special'] as const;
export type ExchangeReason = (typeof EXCHANGE_REASONS)[number];

export const EXCHANGE_REASON_LABELS: Record<ExchangeReason, string> = {
  employment: '就业',
  schooling: '子女就学',
  health: '就医',
  other_special: '其他特殊原因',
};

export interface ExchangeParty {
  leaseId: string;
  unitId: string;
  leaseActive: boolean;
  reason: ExchangeReason | null;
}

/**
 * May two tenants swap units (乌兰察布 第二十四条)? Both leases in force, different units, a special reason
 * (就业、子女就学 等) from at least one side, and the owner's or operator's consent; every failed condition is
 * returned. On success each side gets the other's unit.
 */
export function checkExchange(
  a: ExchangeParty,
  b: ExchangeParty,
  operatorConsent: boolean,
  policy: PolicyPreset,
): Decision<{ aGets: string; bGets: string }> {
  const reasons: Reason[] = [];
  const clause = cite(policy, 'exchange');
  if (a.unitId === b.unitId || a.leaseId === b.leaseId)
    reasons.push(reason('EXCHANGE_SAME', clause, '互换双方不能是同一套住房。'));
  if (!a.leaseActive || !b.leaseActive)
    reasons.push(reason('EXCHANGE_LEASE', clause, '互换双方都必须持有有效的租赁合同。'));
  if (!a.reason && !b.reason) {
    reasons.push(reason('EXCHANGE_REASON', clause, '须因就业、子女就学等特殊原因方可申请互换。'));
  }
  if (!operatorConsent) {
    reasons.push(
      reason(
        'EXCHANGE_CONSENT',
        clause,
        `须经公租房所有权人或运营单位同意，擅自调换属违规行为（${cite(policy, 'exit.sublet')}）。`,
      ),
    );
  }
  return reasons.length
    ? { ok: false, reasons }
    : { ok: true, value: { aGets: b.unitId, bGets: a.unitId }, reasons };
}
