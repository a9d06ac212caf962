import { z } from 'zod';

/**
 * Policy parameters are data (DESIGN.md rule 3). A value the documents fix is a plain number; a value
 * a document leaves to local government is a `LocalValue`: it carries a clearly marked example until the
 * district sets it. Units are in the field names: `Fen` = integer fen, `M2` = square metres,
 * `Ratio` = fraction of 1, `Days`/`Months`/`Years`/`Hours` as named.
 */
export interface LocalValue<T> {
  value: T;
  /** True while `value` is an illustrative example, not a figure the district has decided. */
  example: boolean;
  /** Who decides it, per the source clause (Chinese). */
  decidedBy: string;
}

const local = <T extends z.ZodTypeAny>(inner: T) =>
  z.object({ value: inner, example: z.boolean(), decidedBy: z.string().min(1) }).strict();

const positive = z.number().positive();
const ratio = z.number().min(0).max(1);
const count = z.number().int().nonnegative();

export const rentTierSchema = z
  .object({
    /** Upper bound (inclusive) of monthly income per person, fen; null = no bound. */
    maxMonthlyIncomePerPersonFen: z.number().int().positive().nullable(),
    /** Rent as a share of the market rent for the unit. */
    shareOfMarket: ratio,
    label: z.string(),
  })
  .strict();

export const policyPresetSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    eligibility: z
      .object({
        minApplicantAgeYears: count,
        perCapitaAreaLimitM2: positive,
        monthlyIncomeLinePerPersonFen: local(z.number().int().positive()),
        migrantMinEmploymentMonths: local(count),
        banAfterDisqualificationYears: count,
      })
      .strict(),
    unitMix: z
      .object({
        /** Small units: at most this area (第八条 "50平方米以下", 以下 includes the figure itself). */
        smallUnitMaxM2: positive,
        mediumMaxM2: positive,
        mediumMaxHighRiseM2: positive,
        mediumMaxShareRatio: ratio,
        targetAverageM2: positive,
        averageToleranceM2: local(positive),
      })
      .strict(),
    rent: z
      .object({
        marketRentPerM2Fen: local(z.number().int().positive()),
        tiers: local(z.array(rentTierSchema).min(1)),
        /** Share of the rent waived for special hardship groups (Art. 22: 减免). */
        specialGroupReductionRatio: local(ratio),
      })
      .strict(),
    subsidy: z
      .object({
        standardPerM2Fen: local(z.number().int().positive()),
        guaranteedAreaPerPersonM2: positive,
        maxHouseholdAreaM2: positive,
        singlePersonFactor: positive,
        maxPersonsCounted: count,
        coefficientDibao: ratio,
        coefficientTekun: ratio,
        coefficientLowIncome: ratio,
        switchNoticeMonths: count,
        agreementMonths: count,
        standardReviewYears: count,
      })
      .strict(),
    lease: z.object({ minTermYears: count, maxTermYears: count, renewalNoticeMonths: count }).strict(),
    exit: z
      .object({
        vacancyMonths: count,
        arrearsMonths: count,
        fineCapFen: z.number().int().positive(),
        illegalGainsMultiple: positive,
        illegalGainsFineCapFen: z.number().int().positive(),
        reapplyBanYears: count,
      })
      .strict(),
    sale: z
      .object({
        maxShareOfProjectRatio: ratio,
        marketPriceRatio: ratio,
        costPriceMinRatio: ratio,
        costPriceMaxRatio: ratio,
        resaleLockYears: count,
        maintenanceFundRatio: ratio,
      })
      .strict(),
    review: z
      .object({
        reReviewWorkingDays: count,
        parallelReviewWorkingDays: count,
        publicNoticeDays: local(count),
      })
      .strict(),
    patrol: z
      .object({
        homeVisitsPerQuarter: count,
        specialCareAgeYears: count,
        specialCareCadenceDays: count,
        careEscalationHours: local(count),
      })
      .strict(),
    billing: z
      .object({
        /** Day of the month the month's rent is due (1–28). */
        dueDay: local(z.number().int().min(1).max(28)),
        /** Days before the due date that the rent-due reminder is sent. */
        reminderDaysBefore: local(z.number().int().min(0).max(20)),
        /**
         * The rent of the month a lease starts in (运营方设定: the documents do not fix it): `calendar-days`
         * charges the days from the start day to the month's end, `full-month` the whole month.
         */
        firstMonthRent: local(z.enum(['calendar-days', 'full-month'])),
      })
      .strict(),
    repair: z
      .object({
        emergencyHours: count,
        categoryDays: local(z.record(z.string(), count)),
        reopenWithinDays: local(count),
      })
      .strict(),
    selection: z
      .object({
        windowMinutes: local(count),
        waiverSkipsRound: z.boolean(),
      })
      .strict(),
  })
  .strict();

export type PolicyPreset = z.infer<typeof policyPresetSchema>;

/**
 * Cross-field consistency a district override must keep (each message names the clause the order comes
 * from). Field-level ranges are in `policyPresetSchema`.
 */
const consistentPolicySchema = policyPresetSchema.superRefine((p, ctx) => {
  const bad = (path: string[], message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
  if (p.lease.minTermYears > p.lease.maxTermYears)
    bad(['lease', 'minTermYears'], '最短租期不能长于最长租期（乌兰察布办法 第二十一条：3-5年）');
  if (p.sale.costPriceMinRatio > p.sale.costPriceMaxRatio)
    bad(['sale', 'costPriceMinRatio'], '成本价下限不能高于上限（乌兰察布办法 第十五条）');
  if (p.unitMix.smallUnitMaxM2 >= p.unitMix.mediumMaxM2)
    bad(['unitMix', 'smallUnitMaxM2'], '小户型上限应小于中户型上限（乌兰察布办法 第八条）');
  if (p.unitMix.mediumMaxM2 > p.unitMix.mediumMaxHighRiseM2)
    bad(['unitMix', 'mediumMaxHighRiseM2'], '高层中户型上限不能低于一般中户型上限（乌兰察布办法 第八条）');
  const open = p.rent.tiers.value.filter((t) => t.maxMonthlyIncomePerPersonFen === null);
  if (open.length !== 1)
    bad(['rent', 'tiers'], '租金分档须有且只有一档不设收入上限（乌兰察布办法 第二十二条）');
  if (p.rent.tiers.value.some((t) => t.shareOfMarket >= 1))
    bad(['rent', 'tiers'], '各档租金须低于市场租金（乌兰察布办法 第二十一条）');
});
export type RentTier = z.infer<typeof rentTierSchema>;

type DeepPartial<T> = T extends (infer U)[]
  ? U[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;
export type PolicyOverride = DeepPartial<Omit<PolicyPreset, 'id'>> & { id?: string };

function merge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (Array.isArray(override) || typeof override !== 'object' || override === null) return override;
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return override;
  // A LocalValue's `value` is replaced whole (a district's table of repair days is its own, not a patch).
  if ('decidedBy' in base && 'value' in override) return { ...(base as object), ...(override as object) };
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(override)) out[k] = merge(out[k], v);
  return out;
}

/**
 * A district's policy: a preset with any values overridden (deep-partial merge; arrays and a `LocalValue`'s
 * `value` are replaced whole). A district that sets a `LocalValue` should also set `example: false`. The
 * result is validated field by field and across fields; an invalid override throws a ZodError naming the
 * offending path and changes nothing (neither the preset nor the override is mutated).
 */
export function resolvePolicy(base: PolicyPreset, override: PolicyOverride = {}): PolicyPreset {
  return consistentPolicySchema.parse(merge(base, override));
}

/** Same as `resolvePolicy` (the name used in the issue). */
export const resolvePreset = resolvePolicy;

/** Paths of the values still carrying examples (what a district must decide before going live). */
export function exampleValues(policy: PolicyPreset): string[] {
  const out: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    const obj = node as Record<string, unknown>;
    if ('example' in obj && 'decidedBy' in obj && 'value' in obj) {
      if (obj.example === true) out.push(path);
      return;
    }
    for (const [k, v] of Object.entries(obj)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(policy, '');
  return out;
}
