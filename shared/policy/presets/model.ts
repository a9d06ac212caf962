import type { LocalValue, PolicyPreset } from '../policy-preset';
import { LAW_KEYS, type LawKey, type Source } from '../sources';

/**
 * The module's model figures, shared by the presets as numbers only: no citation, no "who decides". Each
 * preset (ulanqab / huizhou / wuchang) says where every figure comes from in its own district: a clause of
 * its own document (`sources`), or a district setting with who sets it. Where a figure is fixed by one
 * document it is that document's figure (the read-back test quotes each), and in the other districts it is
 * a setting marked as an example until that district decides.
 */
export const LOCAL_PATHS = [
  'eligibility.monthlyIncomeLinePerPersonFen',
  'eligibility.migrantMinEmploymentMonths',
  'unitMix.averageToleranceM2',
  'rent.marketRentPerM2Fen',
  'rent.tiers',
  'rent.specialGroupReductionRatio',
  'subsidy.standardPerM2Fen',
  'lease.renewalOpensMonthsBefore',
  'exit.arrearsCounting',
  'review.publicNoticeDays',
  'patrol.careEscalationHours',
  'patrol.careRegistry',
  'patrol.seasonalMonths',
  'billing.dueDay',
  'billing.reminderDaysBefore',
  'repair.emergencyHours',
  'repair.categoryDays',
  'repair.reopenWithinDays',
  'selection.windowMinutes',
  'selection.waiverLeavesRound',
  'allocation.priorityOrder',
  'allocation.objectionEffect',
] as const;
export type LocalPath = (typeof LOCAL_PATHS)[number];

/** Who decides each local value in a district (Chinese; shown with the value and in 运营方设定 citations). */
export type Deciders = Record<LocalPath, string>;

type Values = Omit<PolicyPreset, 'id' | 'name' | 'documents' | 'sources'>;

/** The model figures with each local value marked as an example decided by `who[path]`. */
export function modelValues(who: Deciders): Values {
  const example = <T>(path: LocalPath, value: T): LocalValue<T> => ({
    value,
    example: true,
    decidedBy: who[path],
  });
  return {
    eligibility: {
      minApplicantAgeYears: 18, // 乌兰察布 第十二条: 未成年人严禁申请
      perCapitaAreaLimitM2: 15, // 乌兰察布 第十一条(二); 惠州 链接1(2): 人均建筑面积低于15平方米
      monthlyIncomeLinePerPersonFen: example('eligibility.monthlyIncomeLinePerPersonFen', 2_000_00),
      migrantMinEmploymentMonths: example('eligibility.migrantMinEmploymentMonths', 12),
      banAfterDisqualificationYears: 5, // 乌兰察布 第三十七、三十八条
    },
    unitMix: {
      // 乌兰察布 第八条: "以下" includes the figure (民法典 第一千二百五十九条 reads 以上、以下、以内 as
      // inclusive), so a 50.00 m² unit is small; likewise "90平方米以内" and "15%以内" are inclusive.
      smallUnitMaxM2: 50,
      mediumMaxM2: 80,
      mediumMaxHighRiseM2: 90,
      mediumMaxShareRatio: 0.15,
      targetAverageM2: 60,
      averageToleranceM2: example('unitMix.averageToleranceM2', 5),
    },
    rent: {
      marketRentPerM2Fen: example('rent.marketRentPerM2Fen', 25_00),
      tiers: example('rent.tiers', [
        { maxMonthlyIncomePerPersonFen: 800_00, shareOfMarket: 0.3, label: '第一档（最低收入）' },
        { maxMonthlyIncomePerPersonFen: 1_500_00, shareOfMarket: 0.5, label: '第二档（低收入）' },
        { maxMonthlyIncomePerPersonFen: null, shareOfMarket: 0.7, label: '第三档（其他保障对象）' },
      ]),
      specialGroupReductionRatio: example('rent.specialGroupReductionRatio', 0.5),
    },
    subsidy: {
      standardPerM2Fen: example('subsidy.standardPerM2Fen', 15_00),
      guaranteedAreaPerPersonM2: 15, // 惠州: 人均补贴面积标准为15平方米
      maxHouseholdAreaM2: 60, // 惠州: 每户家庭住房保障面积最高不超过60平方米
      singlePersonFactor: 1.5, // 惠州: 1人户按1.5人计
      maxPersonsCounted: 4, // 惠州: 4人及4人以上户按4人计
      coefficientDibao: 0.98, // 惠州: 最低生活保障对象、分散供养特困人员系数为0.98
      coefficientTekun: 0.98,
      coefficientLowIncome: 0.9, // 惠州: 低收入家庭系数为0.9
      switchNoticeMonths: 3, // 惠州: 可在公租房租赁合同期满3个月前申请
      agreementMonths: 12, // 惠州: 协议合同实行一年一签，按月发放
      standardReviewYears: 2, // 惠州: 原则上每2年调整1次
      minorChildAgeYears: 18, // 惠州 链接1(1): 未满18周岁子女
    },
    lease: {
      minTermYears: 3, // 乌兰察布 第二十一条: 租赁期限一般为3-5年
      maxTermYears: 5,
      renewalNoticeMonths: 3, // 乌兰察布 第二十一条: 租期届满3个月前提出续租申请
      // No text sets an earliest day to apply for renewal: off unless a district sets one.
      renewalOpensMonthsBefore: example('lease.renewalOpensMonthsBefore', null),
    },
    exit: {
      vacancyMonths: 6, // 乌兰察布 第三十二条(三)、第三十八条(五)
      arrearsMonths: 6, // 乌兰察布 第三十二条(四)、第三十八条(六)
      fineCapFen: 1_000_00, // 乌兰察布 第三十七、三十八条: 1000元以下罚款
      illegalGainsMultiple: 3, // 乌兰察布 第三十八条: 违法所得3倍以下
      illegalGainsFineCapFen: 30_000_00, // 乌兰察布 第三十八条: 但不超过3万元
      reapplyBanYears: 5, // 乌兰察布 第三十七、三十八条
      operatorFineCapFen: 30_000_00, // 乌兰察布 第三十六条: 3万元以下罚款
      agentStaffFineCapFen: 10_000_00, // 乌兰察布 第三十九条: 对房地产经纪人员，处以1万元以下罚款
      agentFirmFineCapFen: 30_000_00, // 乌兰察布 第三十九条: 对房地产经纪机构…处以3万元以下罚款
      arrearsCounting: example('exit.arrearsCounting', 'any_unpaid'),
    },
    sale: {
      maxShareOfProjectRatio: 0.5, // 乌兰察布 第十五条: 累计出售量不得超过50%
      marketPriceRatio: 0.7, // 乌兰察布 第十五条: 同地段普通商品住房价格的70%
      costPriceMinRatio: 0.8, // 乌兰察布 第十五条: 不低于成本价80%
      costPriceMaxRatio: 1.0, // 乌兰察布 第十五条: 不高于成本价
      resaleLockYears: 5, // 乌兰察布 第二十条: 五年内不得上市交易
      maintenanceFundRatio: 0.02, // 乌兰察布 第二十五条: 按照售房款的2%
      socialInvestmentLetYears: 3, // 乌兰察布 第十五条 第三款: 租赁使用3年后可以出售
      socialInvestmentMaxProfitRatio: 0.03, // 乌兰察布 第十五条 第三款: 利润不超过3%
    },
    review: {
      reReviewWorkingDays: 15, // 乌兰察布 第十三条: 15个工作日内书面告知复核结果
      parallelReviewWorkingDays: 7, // 惠州 链接2(3): 7个工作日内报送相关部门并联复审
      publicNoticeDays: example('review.publicNoticeDays', 7),
    },
    patrol: {
      homeVisitsPerQuarter: 1, // 武昌 二(三)三: 每季度开展全覆盖入户安全巡查
      specialCareAgeYears: 70, // 武昌 二(三)四: 70岁以上的重病和行动不方便的残障人群
      specialCareCadenceDays: 7, // 武昌 二(三)四: 每周的敲门行动
      careEscalationHours: example('patrol.careEscalationHours', 24),
      // The sentence "70岁以上的重病和行动不方便的残障人群 … 建立重病、孤寡、残障等住户管理信息台账" can be read with
      // the age on the seriously ill only (this default) or on all three groups: the operator's reading.
      careRegistry: example('patrol.careRegistry', {
        conditions: ['serious_illness', 'solitary', 'disabled'],
        ageAppliesTo: ['serious_illness'],
      }),
      seasonalMonths: example('patrol.seasonalMonths', {
        flood_season: [5, 6, 7, 8],
        summer_heat: [7, 8],
        heating_season: [11, 12, 1, 2],
        spring_festival: [1, 2],
      }),
    },
    billing: {
      dueDay: example('billing.dueDay', 15),
      reminderDaysBefore: example('billing.reminderDaysBefore', 3),
    },
    repair: {
      emergencyHours: example('repair.emergencyHours', 24),
      categoryDays: example('repair.categoryDays', {
        water: 2,
        electricity: 2,
        gas: 1,
        doors_windows: 3,
        walls_ceiling: 7,
        appliances: 5,
        public_areas: 5,
        other: 7,
      }),
      reopenWithinDays: example('repair.reopenWithinDays', 7),
    },
    selection: {
      windowMinutes: example('selection.windowMinutes', 30),
      waiverLeavesRound: example('selection.waiverLeavesRound', true),
    },
    allocation: {
      priorityOrder: example('allocation.priorityOrder', [
        'dibao_tekun',
        'solitary_elderly',
        'illness_disability',
        'entitled',
        'local_priority',
        'low_income',
        'others',
      ]),
      objectionEffect: example('allocation.objectionEffect', 'hold_household'),
    },
  };
}

/**
 * A district's sources: the clauses its own document gives (`law`), every other matter a setting of `by`
 * marked as an example until the district decides (`settings` may name another setter for some keys).
 */
export function districtSources(
  law: Partial<Record<LawKey, string>>,
  by: string,
  settings: Partial<Record<LawKey, string>> = {},
): Record<LawKey, Source> {
  return Object.fromEntries(
    LAW_KEYS.map((key): [LawKey, Source] => {
      const clause = law[key];
      return [
        key,
        clause ? { kind: 'law', clause } : { kind: 'setting', by: settings[key] ?? by, example: true },
      ];
    }),
  ) as Record<LawKey, Source>;
}
