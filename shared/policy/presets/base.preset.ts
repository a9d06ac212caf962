import type { LocalValue, PolicyPreset } from '../policy-preset';

const example = <T>(value: T, decidedBy: string): LocalValue<T> => ({ value, example: true, decidedBy });

/**
 * The figures the three documents fix, shared by every preset. Each line names its clause; values marked
 * `example(...)` are left to local government by the cited clause and carry an illustrative value only.
 */
export const BASE_POLICY: PolicyPreset = {
  id: 'base',
  name: '通用（三份文件的共同规定）',
  eligibility: {
    minApplicantAgeYears: 18, // 乌兰察布 第十二条: 未成年人严禁申请
    perCapitaAreaLimitM2: 15, // 乌兰察布 第十一条(二): 住房面积标准低于人均15平方米
    monthlyIncomeLinePerPersonFen: example(
      2_000_00,
      '乌兰察布 第十一条(一)：低收入保障线由各地根据实际情况确定',
    ),
    migrantMinEmploymentMonths: example(12, '乌兰察布 第十一条(三)：由各旗县市区住房保障部门结合实际制定'),
    banAfterDisqualificationYears: 5, // 乌兰察布 第三十七、三十八条: 五年内不得再次申请
  },
  unitMix: {
    // 第八条: 以50平方米以下的小户型为主. "以下" includes the figure (民法典 第一千二百五十九条 reads 以上、以下、
    // 以内 as inclusive), so a 50.00 m² unit is small; likewise "90平方米以内" and "15%以内" are inclusive.
    smallUnitMaxM2: 50,
    mediumMaxM2: 80, // 第八条: 中户型最大不得超过80平方米
    mediumMaxHighRiseM2: 90, // 第八条: 高层可放大到90平方米以内
    mediumMaxShareRatio: 0.15, // 第八条: 中户型严格控制在总量的15%以内
    targetAverageM2: 60, // 第八条: 平均面积控制在60平方米左右
    averageToleranceM2: example(5, '乌兰察布 第八条："60平方米左右"，具体面积由各旗县市区确定'),
  },
  rent: {
    marketRentPerM2Fen: example(
      25_00,
      '乌兰察布 第二十二条：市场租金标准由住房保障部门会同物价部门测算后报批公布',
    ),
    tiers: example(
      [
        { maxMonthlyIncomePerPersonFen: 800_00, shareOfMarket: 0.3, label: '第一档（最低收入）' },
        { maxMonthlyIncomePerPersonFen: 1_500_00, shareOfMarket: 0.5, label: '第二档（低收入）' },
        { maxMonthlyIncomePerPersonFen: null, shareOfMarket: 0.7, label: '第三档（其他保障对象）' },
      ],
      '乌兰察布 第二十一、二十二条：低于同地段市场租金，按家庭收入分档，由住房保障部门会同物价部门确定',
    ),
    specialGroupReductionRatio: example(0.5, '乌兰察布 第二十二条：特殊困难群体按国家和自治区有关规定减免'),
  },
  subsidy: {
    standardPerM2Fen: example(15_00, '惠州 补贴标准：具体金额由县区主管部门结合实际情况动态确定'),
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
  },
  lease: {
    minTermYears: 3, // 乌兰察布 第二十一条: 租赁期限一般为3-5年
    maxTermYears: 5,
    renewalNoticeMonths: 3, // 第二十一条: 租期届满3个月前提出续租申请
  },
  exit: {
    vacancyMonths: 6, // 第三十二条(三)、第三十八条(五)
    arrearsMonths: 6, // 第三十二条(四)、第三十八条(六)
    fineCapFen: 1_000_00, // 第三十七、三十八条: 1000元以下罚款
    illegalGainsMultiple: 3, // 第三十八条: 违法所得3倍以下
    illegalGainsFineCapFen: 30_000_00, // 第三十八条: 但不超过3万元
    reapplyBanYears: 5, // 第三十七、三十八条
  },
  sale: {
    maxShareOfProjectRatio: 0.5, // 第十五条: 累计出售量不得超过50%
    marketPriceRatio: 0.7, // 第十五条: 同地段普通商品住房价格的70%
    costPriceMinRatio: 0.8, // 第十五条: 不低于成本价80%
    costPriceMaxRatio: 1.0, // 第十五条: 不高于成本价
    resaleLockYears: 5, // 第二十条: 五年内不得上市交易
    maintenanceFundRatio: 0.02, // 第二十五条: 按照售房款的2%
  },
  review: {
    reReviewWorkingDays: 15, // 乌兰察布 第十三条: 15个工作日内书面告知复核结果
    parallelReviewWorkingDays: 7, // 惠州 链接2(3): 7个工作日内报送相关部门并联复审
    publicNoticeDays: example(7, '乌兰察布 第十三条：三审三公示，公示期由各地确定'),
  },
  patrol: {
    homeVisitsPerQuarter: 1, // 武昌 二(三)三: 每季度开展全覆盖入户安全巡查
    specialCareAgeYears: 70, // 武昌 二(三)四: 70岁以上的重病和行动不便的残障人群
    specialCareCadenceDays: 7, // 武昌 二(三)四: 每周的敲门行动
    careEscalationHours: example(24, '武昌 二(三)四：未联系上时的上报时限由运营单位确定'),
  },
  billing: {
    // 乌兰察布 第二十二条 sets how rent is tiered, not when it is paid: the due day is the lease's (运营单位).
    dueDay: example(15, '乌兰察布 第二十二条：租金按月收取；缴纳日由租赁合同约定'),
    reminderDaysBefore: example(3, '运营单位服务约定'),
    // None of the three documents says what the month a lease starts in costs: an operator's choice.
    firstMonthRent: example<'calendar-days' | 'full-month'>(
      'calendar-days',
      '运营方设定：三份文件未规定起租当月的租金，默认自起租日（含当日）按日历天数折算',
    ),
  },
  repair: {
    emergencyHours: 24,
    categoryDays: example(
      {
        water: 2,
        electricity: 2,
        gas: 1,
        doors_windows: 3,
        walls_ceiling: 7,
        appliances: 5,
        public_areas: 5,
        other: 7,
      },
      '武昌 二(一)二：维修服务团队快速响应；各类报修时限由运营单位约定',
    ),
    reopenWithinDays: example(7, '运营单位服务约定'),
  },
  selection: {
    windowMinutes: example(30, '武昌 二(二)三：选房规则由项目公告确定'),
    waiverSkipsRound: true, // 武昌 一: 选房放弃承租者不再参与本轮（1220户放弃）
  },
};
