import { cite } from '../policy/sources';
import type { PolicyPreset, RentTier } from '../policy/policy-preset';
import { roundHalfUpFen } from './money';
import { reason, type Reason } from './reason';

/**
 * Monthly rent of a public rental unit (乌兰察布 第二十一条: 低于同地段市场租金; 第二十二条: 按家庭收入分档收取,
 * 特殊困难群体减免; 第十五条: 已购买面积免缴租金).
 *
 * market = area × market rent per m² → tier share by monthly income per person → special-group
 * reduction → minus the purchased share. Each step is rounded half up to the fen; the steps are listed.
 */
export interface RentInput {
  areaM2: number;
  monthlyIncomePerPersonFen: number;
  specialHardship?: boolean;
  /** Share of the unit the household has bought (0–1). */
  purchasedShare?: number;
}

export interface RentLine {
  label: string;
  amountFen: number;
  clause: string;
}

export interface RentQuote {
  monthlyRentFen: number;
  marketRentFen: number;
  tier: RentTier;
  lines: RentLine[];
  /** Problems with the policy itself (e.g. a tier at or above market). */
  warnings: Reason[];
}

/**
 * The rent tier for a monthly income per person in fen (乌兰察布 第二十二条 按家庭收入分档): the lowest tier whose
 * upper bound (inclusive) is not below the income; the open-ended tier catches the rest.
 */
export function tierForIncome(incomePerPersonFen: number, tiers: readonly RentTier[]): RentTier {
  const sorted = [...tiers].sort(
    (a, b) => (a.maxMonthlyIncomePerPersonFen ?? Infinity) - (b.maxMonthlyIncomePerPersonFen ?? Infinity),
  );
  const tier = sorted.find(
    (t) => t.maxMonthlyIncomePerPersonFen === null || incomePerPersonFen <= t.maxMonthlyIncomePerPersonFen,
  );
  if (!tier) throw new RangeError('租金分档没有覆盖该收入：请为最高一档设置无上限');
  return tier;
}

/**
 * Monthly rent of a unit from its area (m²) × the market rent per m² (fen, a local value), rounded half up to
 * the fen, then the tier share, the special-group reduction and the purchased share, each step rounded half
 * up (乌兰察布 第十五、二十一、二十二条). The lines add up to the rent charged.
 */
export function quoteRent(input: RentInput, policy: PolicyPreset): RentQuote {
  if (!(input.areaM2 > 0)) throw new RangeError('面积必须大于 0');
  return quoteRentFromMarket(
    roundHalfUpFen(input.areaM2 * policy.rent.marketRentPerM2Fen.value),
    input,
    policy,
  );
}

/** The same steps from a unit's known market rent (fen per month) instead of area × rate. */
export function quoteRentFromMarket(
  marketRentFen: number,
  input: Omit<RentInput, 'areaM2'>,
  policy: PolicyPreset,
): RentQuote {
  if (!Number.isInteger(marketRentFen) || marketRentFen < 0)
    throw new RangeError('市场租金必须是非负整数（分）');
  if (!Number.isInteger(input.monthlyIncomePerPersonFen) || input.monthlyIncomePerPersonFen < 0) {
    throw new RangeError('人均月收入必须是非负整数（分）');
  }
  const purchased = input.purchasedShare ?? 0;
  if (purchased < 0 || purchased > 1) throw new RangeError('已购买份额必须在 0 到 1 之间');
  const r = policy.rent;
  const market = marketRentFen;
  const tier = tierForIncome(input.monthlyIncomePerPersonFen, r.tiers.value);
  const warnings: Reason[] = [];
  if (tier.shareOfMarket >= 1) {
    warnings.push(
      reason(
        'RENT_NOT_BELOW_MARKET',
        cite(policy, 'rent.belowMarket'),
        `租金档"${tier.label}"不低于市场租金，不符合规定。`,
      ),
    );
  }
  const lines: RentLine[] = [
    { label: '同地段市场租金', amountFen: market, clause: cite(policy, 'rent.belowMarket') },
  ];
  let rent = roundHalfUpFen(market * tier.shareOfMarket);
  lines.push({
    label: `按收入分档（${tier.label}，市场租金的 ${Math.round(tier.shareOfMarket * 100)}%）`,
    amountFen: rent,
    clause: cite(policy, 'rent.tiers'),
  });
  if (input.specialHardship) {
    const cut = roundHalfUpFen(rent * r.specialGroupReductionRatio.value);
    rent -= cut;
    lines.push({ label: '特殊困难群体减免', amountFen: -cut, clause: cite(policy, 'rent.specialReduction') });
  }
  if (purchased > 0) {
    const cut = roundHalfUpFen(rent * purchased);
    rent -= cut;
    lines.push({
      label: `已购买 ${Math.round(purchased * 100)}% 份额免缴租金`,
      amountFen: -cut,
      clause: cite(policy, 'rent.purchasedShare'),
    });
  }
  return { monthlyRentFen: rent, marketRentFen: market, tier, lines, warnings };
}

export interface ExistingTenantRent {
  monthlyRentFen: number;
  /** True when the rent stays as the contract says. */
  keepsContractRent: boolean;
  clause: string;
  /** The tiered quote, when the income changed and the rent is set again. */
  quote: RentQuote | null;
}

/**
 * The rent of a household already housed when the tiered rents take effect (乌兰察布 第二十二条: 已分配入住
 * 保障性住房的保障家庭，其家庭收入水平无变化的，并轨后租金水平仍按原合同约定执行): with its income unchanged it
 * keeps the contract rent (fen, as agreed, even if the new tier would be higher or lower); with its income
 * changed the rent is quoted afresh by tier (`quoteRent`). Fen in, fen out; no rounding of the contract rent.
 */
export function existingTenantRent(
  contractRentFen: number,
  incomeChanged: boolean,
  input: RentInput,
  policy: PolicyPreset,
): ExistingTenantRent {
  if (!Number.isInteger(contractRentFen) || contractRentFen < 0)
    throw new RangeError('合同租金必须是非负整数（分）');
  if (!incomeChanged) {
    return {
      monthlyRentFen: contractRentFen,
      keepsContractRent: true,
      clause: cite(policy, 'rent.existingTenants'),
      quote: null,
    };
  }
  const quote = quoteRent(input, policy);
  return {
    monthlyRentFen: quote.monthlyRentFen,
    keepsContractRent: false,
    clause: cite(policy, 'rent.tiers'),
    quote,
  };
}
