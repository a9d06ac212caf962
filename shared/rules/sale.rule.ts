import { CLAUSE } from '../policy/clauses';
import type { PolicyPreset } from '../policy/policy-preset';
import { addYears, assertIsoDate } from './dates';
import { roundHalfUpFen } from './money';
import { reason, type Reason } from './reason';

/**
 * Sale of public rental units (乌兰察布 第十五、十九、二十、二十五条): at most 50% of a project's units; price
 * 70% of comparable commercial housing, or between 80% and 100% of cost; five-year resale lock after the
 * ownership certificate, with the government's buy-back right; a maintenance fund of 2% of the price.
 * Fen, rounded half up.
 */
export function checkSaleQuota(
  projectUnits: number,
  alreadySold: number,
  toSell: number,
  policy: PolicyPreset,
): Reason[] {
  const cap = Math.floor(projectUnits * policy.sale.maxShareOfProjectRatio);
  return alreadySold + toSell <= cap
    ? []
    : [
        reason(
          'SALE_QUOTA',
          CLAUSE.U_ART15,
          `项目累计出售不得超过总量的 ${policy.sale.maxShareOfProjectRatio * 100}%（最多 ${cap} 套）。`,
        ),
      ];
}

export interface SalePriceRange {
  marketBasedFen: number;
  costMinFen: number;
  costMaxFen: number;
}

export function salePriceRange(
  comparableMarketPriceFen: number,
  costPriceFen: number,
  policy: PolicyPreset,
): SalePriceRange {
  const s = policy.sale;
  return {
    marketBasedFen: roundHalfUpFen(comparableMarketPriceFen * s.marketPriceRatio),
    costMinFen: roundHalfUpFen(costPriceFen * s.costPriceMinRatio),
    costMaxFen: roundHalfUpFen(costPriceFen * s.costPriceMaxRatio),
  };
}

/** A proposed price is lawful at 70% of market (exactly) or within the cost band. */
export function checkSalePrice(priceFen: number, range: SalePriceRange): Reason[] {
  return priceFen === range.marketBasedFen || (priceFen >= range.costMinFen && priceFen <= range.costMaxFen)
    ? []
    : [
        reason(
          'SALE_PRICE',
          CLAUSE.U_ART15,
          '出售价格应为同地段普通商品住房价格的70%，或不高于成本价、不低于成本价的80%。',
        ),
      ];
}

export function maintenanceFundFen(priceFen: number, policy: PolicyPreset): number {
  return roundHalfUpFen(priceFen * policy.sale.maintenanceFundRatio);
}

export interface ResaleStatus {
  lockedUntil: string;
  mayResell: boolean;
  /** Before the lock ends, only the housing office may buy back (at the original price less depreciation). */
  governmentBuyBackOnly: boolean;
  clause: string;
}

export function resaleStatus(
  certificateDateIso: string,
  todayIso: string,
  policy: PolicyPreset,
): ResaleStatus {
  assertIsoDate(certificateDateIso, '产权证日期');
  assertIsoDate(todayIso);
  const lockedUntil = addYears(certificateDateIso, policy.sale.resaleLockYears);
  const mayResell = todayIso >= lockedUntil;
  return { lockedUntil, mayResell, governmentBuyBackOnly: !mayResell, clause: CLAUSE.U_ART20 };
}
