import type { LocalValue, PolicyPreset } from './policy-preset';

/**
 * Each district speaks its own law. A rule never names a document: it names the matter it decides (a
 * citation key) and asks the policy in force what to cite (`cite(policy, key)`). Each preset maps every key
 * either to a clause of its own document (`law`) or, where its document is silent, to a district setting
 * (`setting`) with who sets it. Keys of the second list (`SETTING_FIELDS`) are matters no source text
 * decides: they are always the district's or operator's choice, read from a `LocalValue` in the preset.
 *
 * A citation renders as the clause (`乌兰察布办法 第二十一条`) or as `运营方设定（租赁期限，武昌区住房保障部门）`;
 * either gets a 示例值 marker while a value it rests on is still an example.
 */

/** Matters a district's own document may decide; each preset says where its answer comes from. */
export const LAW_KEYS = [
  // application review and notices
  'review.procedure',
  'review.reReview',
  'review.parallel',
  'review.notice',
  // allocation
  'allocation.procedure',
  'allocation.lotteryPublicity',
  'allocation.selection',
  'allocation.signAfterNotice',
  'allocation.dynamic',
  'priority.dibao',
  'priority.solitaryElderly',
  'priority.illness',
  'priority.entitled',
  'priority.local',
  'priority.lowIncome',
  'priority.others',
  'unitMix',
  // eligibility for a public rental unit
  'eligibility.income',
  'eligibility.housingArea',
  'eligibility.employment',
  'eligibility.minor',
  'eligibility.oneUnit',
  'eligibility.lowRentTenant',
  'eligibility.falseInformation',
  // rent
  'rent.belowMarket',
  'rent.tiers',
  'rent.specialReduction',
  'rent.purchasedShare',
  'rent.existingTenants',
  // rental subsidy
  'subsidy.category',
  'subsidy.housingArea',
  'subsidy.hukou',
  'subsidy.coApplicants',
  'subsidy.notAllocated',
  'subsidy.formula',
  'subsidy.rentCap',
  'subsidy.stopsOnAllocation',
  'subsidy.switch',
  'subsidy.agreement',
  'subsidy.agreementRenewal',
  // lease
  'lease.term',
  'lease.renewal',
  'lease.use',
  'exchange',
  // exit and penalties
  'exit.noLongerEligible',
  'exit.disqualification',
  'exit.falseInformation',
  'exit.sublet',
  'exit.damage',
  'exit.illegalActivity',
  'exit.vacancy',
  'exit.arrears',
  'exit.expired',
  'exit.renewalRefused',
  'exit.writtenNotice',
  'exit.backPay',
  'exit.fine',
  'exit.reapplyBan',
  'exit.deception',
  'exit.operatorFine',
  'exit.agentFine',
  // sale
  'sale.quota',
  'sale.price',
  'sale.socialInvestment',
  'sale.resale',
  'sale.maintenanceFund',
  // operations
  'repair.service',
  'patrol.quarterly',
  'patrol.publicAreas',
  'patrol.seasonal',
  'patrol.care',
  'patrol.rectify',
  'patrol.vacancySignals',
] as const;
export type LawKey = (typeof LAW_KEYS)[number];

/**
 * Matters the texts leave open, each read from a `LocalValue` of the preset (its path here): always shown
 * as 运营方设定 with the value's `decidedBy`, never as a clause.
 */
export const SETTING_FIELDS = {
  'allocation.priorityOrder': 'allocation.priorityOrder',
  'allocation.objectionEffect': 'allocation.objectionEffect',
  'selection.waiver': 'selection.waiverLeavesRound',
  'selection.window': 'selection.windowMinutes',
  'lease.renewalOpening': 'lease.renewalOpensMonthsBefore',
  'repair.emergency': 'repair.emergencyHours',
  'repair.categoryDays': 'repair.categoryDays',
  'repair.reopen': 'repair.reopenWithinDays',
  'patrol.careRegistry': 'patrol.careRegistry',
  'patrol.careEscalation': 'patrol.careEscalationHours',
  'patrol.seasonalMonths': 'patrol.seasonalMonths',
  'exit.arrearsCounting': 'exit.arrearsCounting',
  'billing.dueDay': 'billing.dueDay',
  'billing.reminder': 'billing.reminderDaysBefore',
} as const;
export type SettingKey = keyof typeof SETTING_FIELDS;
export const SETTING_KEYS = Object.keys(SETTING_FIELDS) as SettingKey[];

export type CitationKey = LawKey | SettingKey;

/** What each matter is called when a district sets it (Chinese, shown as `运营方设定（<label>，…）`). */
export const CITATION_LABELS: Record<CitationKey, string> = {
  'review.procedure': '申请审核程序',
  'review.reReview': '复核时限',
  'review.parallel': '部门并联审核时限',
  'review.notice': '审核结果公示',
  'allocation.procedure': '摇号配租程序',
  'allocation.lotteryPublicity': '摇号过程和结果公开',
  'allocation.selection': '选房规则',
  'allocation.signAfterNotice': '结果公示期满后签约',
  'allocation.dynamic': '腾退房源动态配租',
  'priority.dibao': '低保家庭、分散供养特困人员优先',
  'priority.solitaryElderly': '孤寡老人优先',
  'priority.illness': '重大疾病或残疾丧失劳动能力家庭优先',
  'priority.entitled': '优抚对象、见义勇为、劳动模范等优先',
  'priority.local': '当地规定的其他优先情形',
  'priority.lowIncome': '低收入家庭优先',
  'priority.others': '其他保障对象轮候',
  unitMix: '户型面积标准',
  'eligibility.income': '申请收入标准',
  'eligibility.housingArea': '申请住房面积标准',
  'eligibility.employment': '外来务工人员就业年限',
  'eligibility.minor': '未成年人不得申请',
  'eligibility.oneUnit': '每户限申请一套',
  'eligibility.lowRentTenant': '已享受廉租住房实物配租的不得申请',
  'eligibility.falseInformation': '隐瞒情况或提供虚假材料的处理',
  'rent.belowMarket': '租金低于市场租金',
  'rent.tiers': '租金按收入分档',
  'rent.specialReduction': '特殊困难群体租金减免',
  'rent.purchasedShare': '已购面积免缴租金',
  'rent.existingTenants': '收入无变化的在租家庭按原合同租金',
  'subsidy.category': '租赁补贴对象',
  'subsidy.housingArea': '租赁补贴住房条件',
  'subsidy.hukou': '租赁补贴户籍条件',
  'subsidy.coApplicants': '租赁补贴共同申请人',
  'subsidy.notAllocated': '领取补贴期间未享受实物配租',
  'subsidy.formula': '租赁补贴测算公式',
  'subsidy.rentCap': '租赁补贴不高于月租金',
  'subsidy.stopsOnAllocation': '获得实物配租后停发租赁补贴',
  'subsidy.switch': '实物配租转租赁补贴',
  'subsidy.agreement': '租赁补贴协议期限',
  'subsidy.agreementRenewal': '租赁补贴协议续签',
  'lease.term': '租赁期限',
  'lease.renewal': '续租申请期限',
  'lease.use': '房屋使用规定',
  exchange: '承租人互换住房',
  'exit.noLongerEligible': '不再符合条件的腾退',
  'exit.disqualification': '取消保障资格的情形',
  'exit.falseInformation': '虚报隐瞒取得住房的处理',
  'exit.sublet': '转租、出借、改变用途的处理',
  'exit.damage': '破坏或擅自装修的处理',
  'exit.illegalActivity': '在住房内从事违法活动的处理',
  'exit.vacancy': '连续闲置的处理',
  'exit.arrears': '累计欠租的处理',
  'exit.expired': '租期届满未申请续租的处理',
  'exit.renewalRefused': '续租审核不符合条件的处理',
  'exit.writtenNotice': '取消资格的书面通知和申诉',
  'exit.backPay': '按市场价格补缴租金',
  'exit.fine': '承租人违规罚款上限',
  'exit.reapplyBan': '退回住房后不得再次申请的年限',
  'exit.deception': '以欺骗手段轮候或承租购买的处理',
  'exit.operatorFine': '所有权人及运营单位违规罚款',
  'exit.agentFine': '房地产经纪机构违规罚款',
  'sale.quota': '出售比例上限',
  'sale.price': '出售价格',
  'sale.socialInvestment': '社会投资项目出售',
  'sale.resale': '已购住房上市交易限制',
  'sale.maintenanceFund': '专项维修资金',
  'repair.service': '维修养护和报修',
  'patrol.quarterly': '入户安全巡查',
  'patrol.publicAreas': '公共设施和消防通道检查',
  'patrol.seasonal': '专项安全巡查',
  'patrol.care': '特殊群体关爱',
  'patrol.rectify': '隐患整改',
  'patrol.vacancySignals': '空置、转租线索',
  'allocation.priorityOrder': '优先情形的先后顺序',
  'allocation.objectionEffect': '公示期异议的处理方式',
  'selection.waiver': '放弃选房的处理',
  'selection.window': '每户选房时长',
  'lease.renewalOpening': '续租申请开始受理日期',
  'repair.emergency': '紧急报修处理时限',
  'repair.categoryDays': '各类报修处理时限',
  'repair.reopen': '完工后可重新报修的期限',
  'patrol.careRegistry': '特殊关爱对象的年龄和条件',
  'patrol.careEscalation': '关爱对象未联系上的上报时限',
  'patrol.seasonalMonths': '专项巡查月份',
  'exit.arrearsCounting': '欠租月数的计算方法',
  'billing.dueDay': '每月缴租日',
  'billing.reminder': '缴租提醒提前天数',
};

/**
 * The preset's `LocalValue`s each law key rests on: while one is still an example, the citation says 示例值.
 * (Setting keys rest on their own field.)
 */
export const CITATION_VALUES: Partial<Record<LawKey, readonly string[]>> = {
  'review.notice': ['review.publicNoticeDays'],
  'eligibility.income': ['eligibility.monthlyIncomeLinePerPersonFen'],
  'eligibility.employment': ['eligibility.migrantMinEmploymentMonths'],
  'rent.tiers': ['rent.tiers'],
  'rent.specialReduction': ['rent.specialGroupReductionRatio'],
  'subsidy.formula': ['subsidy.standardPerM2Fen'],
};

/** Where a law key's answer comes from in a preset. */
export type Source =
  | { kind: 'law'; clause: string }
  | {
      kind: 'setting';
      /** Who sets it (Chinese, short: 武昌区住房保障部门, 运营单位). */
      by: string;
      /** True while the value is the module's example, not the district's decision. */
      example: boolean;
    };

/** The prefix every district setting's citation starts with. */
export const SETTING_PREFIX = '运营方设定';

/** A district setting as a citation: `运营方设定（<label>，<by>[，示例值]）`. */
export function settingCitation(label: string, by: string, example: boolean): string {
  return `${SETTING_PREFIX}（${label}，${by}${example ? '，示例值' : ''}）`;
}

/** True for a citation that names a district setting rather than a clause. */
export function isSettingCitation(citation: string): boolean {
  return citation.startsWith(SETTING_PREFIX);
}

function localValueAt(policy: PolicyPreset, path: string): LocalValue<unknown> | null {
  let node: unknown = policy;
  for (const part of path.split('.')) {
    if (!node || typeof node !== 'object') return null;
    node = (node as Record<string, unknown>)[part];
  }
  return node && typeof node === 'object' && 'decidedBy' in node ? (node as LocalValue<unknown>) : null;
}

function isSettingKey(key: CitationKey): key is SettingKey {
  return key in SETTING_FIELDS;
}

/** Where the policy in force takes `key` from. A setting key is always a setting. */
export function sourceOf(policy: PolicyPreset, key: CitationKey): Source {
  if (isSettingKey(key)) {
    const value = localValueAt(policy, SETTING_FIELDS[key]);
    if (!value) throw new RangeError(`政策预设缺少设定：${SETTING_FIELDS[key]}`);
    return { kind: 'setting', by: value.decidedBy, example: value.example };
  }
  return policy.sources[key];
}

/** Whether any value `key` rests on is still an example in this policy. */
export function restsOnExample(policy: PolicyPreset, key: CitationKey): boolean {
  const source = sourceOf(policy, key);
  if (source.kind === 'setting' && source.example) return true;
  if (isSettingKey(key)) return false;
  return (CITATION_VALUES[key] ?? []).some((path) => localValueAt(policy, path)?.example === true);
}

/**
 * What to cite for `key` under the policy in force: the clause of the district's own document, or
 * `运营方设定（<label>，<who>）`; with a 示例值 marker while a value it rests on is an example.
 */
export function cite(policy: PolicyPreset, key: CitationKey): string {
  const source = sourceOf(policy, key);
  const example = restsOnExample(policy, key);
  if (source.kind === 'setting') return settingCitation(CITATION_LABELS[key], source.by, example);
  return example ? `${source.clause}（示例值）` : source.clause;
}

/** Several keys cited together, without repeating a citation (e.g. `第三十二条(四)、第三十八条(六)`). */
export function citeAll(policy: PolicyPreset, keys: readonly CitationKey[]): string {
  return [...new Set(keys.map((k) => cite(policy, k)))].join('；');
}
