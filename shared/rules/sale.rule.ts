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
/**
 * The sale quota (乌兰察布 第十五条: 累计出售量原则上不得超过该项目住房总量的50%): already sold plus the units
 * now proposed must not exceed floor(total × 50%) units (inclusive). Counts of units.
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

/**
 * The lawful prices (乌兰察布 第十五条): 70% of the comparable commercial housing price, or between 80% and
 * 100% of the cost price. Fen in, fen out, each bound rounded half up once (`roundHalfUpFen`).
 */
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

/**
 * A proposed price is lawful at 70% of market (exactly, to the fen) or within the cost band, bounds
 * inclusive (乌兰察布 第十五条). Fen.
 */
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

/**
 * The maintenance fund collected with the price (乌兰察布 第二十五条: 按照售房款的2%): fen, rounded half up.
 */
export function maintenanceFundFen(priceFen: number, policy: PolicyPreset): number {
  return roundHalfUpFen(priceFen * policy.sale.maintenanceFundRatio);
}

export interface ResaleStatus {
  /** First day the unit may be put on the market (fifth anniversary of the ownership certificate). */
  lockedUntil: string;
  mayResell: boolean;
  /** Before the lock ends, only the housing office may buy back (at the original price less depreciation). */
  governmentBuyBackOnly: boolean;
  /** After the lock the government keeps a right of first refusal (政府有优先回购权). */
  governmentFirstRefusal: boolean;
  /** What the owner must do before or when selling, in Chinese. */
  conditions: string[];
  clause: string;
}

/**
 * Resale lock (乌兰察布 第十九、二十条): no sale, letting, transfer, inheritance or gift within five years of the
 * 《房屋所有权证》; before then only a government buy-back at the original price less depreciation; afterwards
 * a sale after paying the waived taxes and the land premium, with the government's right of first refusal.
 * Dates ISO `YYYY-MM-DD`; the lock ends on the anniversary (inclusive).
 */
export function resaleStatus(
  certificateDateIso: string,
  todayIso: string,
  policy: PolicyPreset,
): ResaleStatus {
  assertIsoDate(certificateDateIso, '产权证日期');
  assertIsoDate(todayIso);
  const lockedUntil = addYears(certificateDateIso, policy.sale.resaleLockYears);
  const mayResell = todayIso >= lockedUntil;
  const conditions = mayResell
    ? ['补足所有优惠税费', '交纳土地出让金或相当于土地出让金的价款', '政府有优先回购权']
    : [
        `${lockedUntil} 前不得出售、出租、转让、继承、捐赠`,
        '确有特殊原因需上市交易的，由住房保障主管部门按原售价扣除折旧后回购',
      ];
  return {
    lockedUntil,
    mayResell,
    governmentBuyBackOnly: !mayResell,
    governmentFirstRefusal: mayResell,
    conditions,
    clause: CLAUSE.U_ART20,
  };
}
