import type { PolicyPreset } from '../policy/policy-preset';
import { cite } from '../policy/sources';
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
          cite(policy, 'sale.quota'),
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
export function checkSalePrice(priceFen: number, range: SalePriceRange, policy: PolicyPreset): Reason[] {
  return priceFen === range.marketBasedFen || (priceFen >= range.costMinFen && priceFen <= range.costMaxFen)
    ? []
    : [
        reason(
          'SALE_PRICE',
          cite(policy, 'sale.price'),
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
    clause: cite(policy, 'sale.resale'),
  };
}

export interface SocialInvestmentSale {
  /** The project was built by social (non-government) investment (社会投资建设). */
  sociallyInvested: boolean;
  /** Its land was obtained by transfer (以出让方式取得用地). */
  landByTransfer: boolean;
  /** The day the units were first let (租赁使用), ISO. */
  firstLetOn: string;
  /** The proposed sale date, ISO. */
  saleOn: string;
  /** Cost per unit (or per m², the same basis as the price), fen. */
  costFen: number;
  /** Proposed price on the same basis, fen. */
  priceFen: number;
  /** The guide price the government departments set (由政府相关部门提出指导价), fen; null while none is set. */
  guidePriceFen: number | null;
}

/**
 * Sale of a socially invested project on transferred land (乌兰察布 第十五条 第三款: 社会投资建设并以出让方式取得
 * 用地的保障性住房项目，租赁使用3年后可以出售。出售时，由政府相关部门提出指导价，在利润不超过3%的前提下，可按限价
 * 商品住房的相关政策出售): only such projects, only after 3 years let (from the first letting, the anniversary
 * included), only once a guide price is set, and with a profit of at most 3% of cost (price ≤ cost × 1.03,
 * the bound included; compared in fen, unrounded). Returns every failed condition.
 */
export function checkSocialInvestmentSale(s: SocialInvestmentSale, policy: PolicyPreset): Reason[] {
  assertIsoDate(s.firstLetOn, '首次出租日期');
  assertIsoDate(s.saleOn, '出售日期');
  for (const [name, v] of [
    ['成本', s.costFen],
    ['售价', s.priceFen],
  ] as const)
    if (!Number.isInteger(v) || v <= 0) throw new RangeError(`${name}必须是正整数（分）`);
  const clause = cite(policy, 'sale.socialInvestment');
  const p = policy.sale;
  const reasons: Reason[] = [];
  if (!s.sociallyInvested || !s.landByTransfer) {
    reasons.push(
      reason(
        'SOCIAL_SALE_NOT_APPLICABLE',
        clause,
        '仅社会投资建设并以出让方式取得用地的保障性住房项目可按本款出售。',
      ),
    );
  }
  const from = addYears(s.firstLetOn, p.socialInvestmentLetYears);
  if (s.saleOn < from) {
    reasons.push(
      reason(
        'SOCIAL_SALE_TOO_EARLY',
        clause,
        `租赁使用满 ${p.socialInvestmentLetYears} 年后方可出售（${from} 起）。`,
      ),
    );
  }
  if (s.guidePriceFen === null) {
    reasons.push(reason('SOCIAL_SALE_NO_GUIDE_PRICE', clause, '出售前须由政府相关部门提出指导价。'));
  }
  // 1e-9 absorbs float noise in cost × 1.03 (the bound itself is lawful).
  if (s.priceFen > s.costFen * (1 + p.socialInvestmentMaxProfitRatio) + 1e-9) {
    reasons.push(
      reason(
        'SOCIAL_SALE_PROFIT',
        clause,
        `出售利润不得超过 ${Math.round(p.socialInvestmentMaxProfitRatio * 100)}%（售价不超过成本的 ${(1 + p.socialInvestmentMaxProfitRatio).toFixed(2)} 倍）。`,
      ),
    );
  }
  return reasons;
}
