import { z } from 'zod';
import {
  ARREARS_COUNTING,
  CARE_CONDITIONS,
  OBJECTION_EFFECTS,
  PRIORITY_GROUPS,
  SEASONAL_PATROL_IDS,
} from './settings';
import { LAW_KEYS, type LawKey, type Source } from './sources';

/**
 * Policy parameters are data (docs/conventions.md §11). A value the documents fix is a plain number; a value
 * a document leaves to local government, or that no document decides (a district or operator setting), is a
 * `LocalValue`: it carries a clearly marked example until the district sets it. Where each figure and rule
 * comes from is the preset's own `sources` map (./sources.ts): a preset cites only its own document, and
 * a plain number its document does not fix is a district setting there. Units are in the field names:
 * `Fen` = integer fen, `M2` = square metres, `Ratio` = fraction of 1, `Days`/`Months`/`Years`/`Hours` as
 * named.
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

const sourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('law'), clause: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('setting'), by: z.string().min(1), example: z.boolean() }).strict(),
]);
const sourcesSchema = z
  .object(Object.fromEntries(LAW_KEYS.map((k) => [k, sourceSchema])) as Record<LawKey, typeof sourceSchema>)
  .strict();

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
    /**
     * The documents this district's rules come from, as its citations name them (e.g. 乌兰察布办法): its own
     * first, then any other text it has adopted. A `law` source must cite one of them.
     */
    documents: z.array(z.string().min(1)).min(1),
    /** Where each rule's clause comes from in this district (./sources.ts). */
    sources: sourcesSchema,
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
        /** Children under this age may be co-applicants without the local 户籍 (惠州 链接1(1): 未满18周岁). */
        minorChildAgeYears: count,
      })
      .strict(),
    lease: z
      .object({
        minTermYears: count,
        maxTermYears: count,
        renewalNoticeMonths: count,
        /**
         * Months before the renewal due date that applications start being accepted; null = from the start
         * of the lease. No text sets an earliest date (乌兰察布 第二十一条 sets only the deadline), so this is
         * a district setting, off by default.
         */
        renewalOpensMonthsBefore: local(count.nullable()),
      })
      .strict(),
    exit: z
      .object({
        vacancyMonths: count,
        arrearsMonths: count,
        fineCapFen: z.number().int().positive(),
        illegalGainsMultiple: positive,
        illegalGainsFineCapFen: z.number().int().positive(),
        reapplyBanYears: count,
        /** Fine cap for an owner or its operator (乌兰察布 第三十六条: 3万元以下). */
        operatorFineCapFen: z.number().int().positive(),
        /** Fine caps for an estate agent and an agency (乌兰察布 第三十九条: 1万元以下 / 3万元以下). */
        agentStaffFineCapFen: z.number().int().positive(),
        agentFirmFineCapFen: z.number().int().positive(),
        /** Which bills count as a month of arrears (district setting). */
        arrearsCounting: local(z.enum(ARREARS_COUNTING)),
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
        /** Socially invested projects on transferred land may be sold after this many years let (第十五条 第三款). */
        socialInvestmentLetYears: count,
        /** Their profit on sale at most this share (第十五条 第三款: 利润不超过3%). */
        socialInvestmentMaxProfitRatio: ratio,
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
        /**
         * Which conditions put a resident on the special-care registry, and which of them need the age
         * (`specialCareAgeYears`): the report's one sentence leaves both to the operator.
         */
        careRegistry: local(
          z
            .object({
              conditions: z.array(z.enum(CARE_CONDITIONS)).min(1),
              ageAppliesTo: z.array(z.enum(CARE_CONDITIONS)),
            })
            .strict(),
        ),
        /** Months (1–12) in which each seasonal special patrol is usually run. */
        seasonalMonths: local(
          z
            .object(
              Object.fromEntries(
                SEASONAL_PATROL_IDS.map((id) => [id, z.array(z.number().int().min(1).max(12))]),
              ) as Record<(typeof SEASONAL_PATROL_IDS)[number], z.ZodArray<z.ZodNumber>>,
            )
            .strict(),
        ),
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
        emergencyHours: local(count),
        categoryDays: local(z.record(z.string(), count)),
        reopenWithinDays: local(count),
      })
      .strict(),
    selection: z
      .object({
        windowMinutes: local(count),
        /** True: a household that waives leaves the round; false: it moves to the end of the order. */
        waiverLeavesRound: local(z.boolean()),
      })
      .strict(),
    allocation: z
      .object({
        /** The order of the priority groups, first to last (district setting; see `PRIORITY_GROUPS`). */
        priorityOrder: local(z.array(z.enum(PRIORITY_GROUPS))),
        /** What a pending objection during the results notice holds (district setting). */
        objectionEffect: local(z.enum(OBJECTION_EFFECTS)),
      })
      .strict(),
    /**
     * Operator constants (运营方设定) the settings page sets (shared/rules/operator-constants.rule.ts: its
     * accessors fill an absent group or figure with the module's default). Absent from the presets: a
     * district's saved version puts them here.
     */
    operator: z
      .object({
        peopleLimits: local(z.record(z.string(), z.number().int().positive())).optional(),
        patrolLimits: local(z.record(z.string(), z.number().int().positive())).optional(),
        messageLimits: local(z.record(z.string(), z.number().int().positive())).optional(),
        exitCasePeriods: local(z.record(z.string(), z.number().int().positive())).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type PolicyPreset = z.infer<typeof policyPresetSchema>;

/**
 * Cross-field consistency a district override must keep. Field-level ranges are in `policyPresetSchema`.
 * The messages name no document: they are shown to whoever configures a district, whatever its texts.
 */
const consistentPolicySchema = policyPresetSchema.superRefine((p, ctx) => {
  const bad = (path: string[], message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
  if (p.lease.minTermYears > p.lease.maxTermYears) bad(['lease', 'minTermYears'], '最短租期不能长于最长租期');
  if (p.sale.costPriceMinRatio > p.sale.costPriceMaxRatio)
    bad(['sale', 'costPriceMinRatio'], '成本价下限不能高于上限');
  if (p.unitMix.smallUnitMaxM2 >= p.unitMix.mediumMaxM2)
    bad(['unitMix', 'smallUnitMaxM2'], '小户型上限应小于中户型上限');
  if (p.unitMix.mediumMaxM2 > p.unitMix.mediumMaxHighRiseM2)
    bad(['unitMix', 'mediumMaxHighRiseM2'], '高层中户型上限不能低于一般中户型上限');
  const open = p.rent.tiers.value.filter((t) => t.maxMonthlyIncomePerPersonFen === null);
  if (open.length !== 1) bad(['rent', 'tiers'], '租金分档须有且只有一档不设收入上限');
  if (p.rent.tiers.value.some((t) => t.shareOfMarket >= 1)) bad(['rent', 'tiers'], '各档租金须低于市场租金');
  const order = p.allocation.priorityOrder.value;
  if (order.length !== PRIORITY_GROUPS.length || new Set(order).size !== PRIORITY_GROUPS.length)
    bad(['allocation', 'priorityOrder'], '优先顺序须列出每个优先情形，且各列一次');
  else if (order[0] !== 'dibao_tekun' || order[order.length - 1] !== 'others')
    bad(
      ['allocation', 'priorityOrder'],
      '优先顺序中，低保家庭、分散供养特困人员须排在最前，其他保障对象排在最后',
    );
  const care = p.patrol.careRegistry.value;
  if (care.ageAppliesTo.some((c) => !care.conditions.includes(c)))
    bad(['patrol', 'careRegistry'], '年龄条件只能用于名单所含的情形');
  for (const key of LAW_KEYS) {
    const source: Source = p.sources[key];
    if (source.kind === 'law' && !p.documents.some((d) => source.clause.startsWith(d)))
      bad(
        ['sources', key],
        `引用的条款不属于本地区采用的文件（${p.documents.join('、')}）：${source.clause}`,
      );
  }
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
  // A source is replaced whole: a clause becomes a setting or the other way round, never a mixture.
  if ('kind' in override) return override;
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

/**
 * Paths of the values still carrying examples (what a district must decide before going live): every
 * `LocalValue` marked `example`, and `sources.<key>` for every matter its document does not decide whose
 * setting is still the module's example.
 */
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
  const { sources, ...values } = policy;
  walk(values, '');
  for (const key of LAW_KEYS) {
    const source: Source = sources[key];
    if (source.kind === 'setting' && source.example) out.push(`sources.${key}`);
  }
  return out;
}
