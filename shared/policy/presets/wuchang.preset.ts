import { CLAUSE as C } from '../clauses';
import type { PolicyPreset } from '../policy-preset';
import { districtSources, modelValues } from './model';

const W = '武昌调研报告';
const OFFICE = '武昌区住房保障部门';
const OPERATOR = '运营单位';

/**
 * 武汉市武昌区: the district people's congress report (2023) describes the review (部门联审, 公示), the
 * allocation procedure (公告→登记→摇号→选房→公示→签约), dynamic allocation of vacated units with 低保 and
 * 低收入 first, online services, patrols and special care. It sets no eligibility figures, rent, lease term
 * or exit rules: here those are settings of the district's housing office (Wuhan's own measures are not among
 * the source texts), shown as such with the module's figures as examples.
 */
export const WUCHANG_PRESET_INPUT: PolicyPreset = {
  id: 'wuhan-wuchang',
  name: '湖北省武汉市武昌区',
  documents: [W],
  ...modelValues({
    'eligibility.monthlyIncomeLinePerPersonFen': `${OFFICE}（公租房资格收入限额）`,
    'eligibility.migrantMinEmploymentMonths': OFFICE,
    'unitMix.averageToleranceM2': OFFICE,
    'rent.marketRentPerM2Fen': '武汉市住房保障部门会同物价部门测算公布',
    'rent.tiers': '武汉市住房保障部门会同物价部门确定',
    'rent.specialGroupReductionRatio': OFFICE,
    'subsidy.standardPerM2Fen': OFFICE,
    'review.publicNoticeDays': `${OFFICE}（二(二)二 在政府政务网站上公示）`,
    'lease.renewalOpensMonthsBefore': OFFICE,
    'exit.arrearsCounting': OFFICE,
    'patrol.careEscalationHours': OPERATOR,
    'patrol.careRegistry': OPERATOR,
    'patrol.seasonalMonths': OPERATOR,
    'billing.dueDay': '租赁合同约定',
    'billing.reminderDaysBefore': OPERATOR,
    'repair.emergencyHours': OPERATOR,
    'repair.categoryDays': OPERATOR,
    'repair.reopenWithinDays': OPERATOR,
    'selection.windowMinutes': `${OFFICE}（项目公告）`,
    'selection.waiverLeavesRound': OFFICE,
    'allocation.priorityOrder': OFFICE,
    'allocation.objectionEffect': OFFICE,
  }),
  sources: districtSources(
    {
      'review.procedure': C.W_REVIEW,
      'review.notice': C.W_NOTICE,
      'allocation.procedure': C.W_PROCEDURE,
      'allocation.lotteryPublicity': C.W_PROCEDURE,
      'allocation.selection': C.W_PROCEDURE,
      'allocation.signAfterNotice': C.W_PROCEDURE,
      'allocation.dynamic': C.W_DYNAMIC,
      'priority.dibao': C.W_PRIORITY,
      'priority.lowIncome': C.W_PRIORITY,
      'priority.others': C.W_DYNAMIC,
      'repair.service': C.W_REPAIR,
      'patrol.quarterly': C.W_PATROL,
      'patrol.publicAreas': C.W_PUBLIC_AREAS,
      'patrol.seasonal': C.W_SEASONAL,
      'patrol.care': C.W_CARE,
      'patrol.rectify': C.W_RECTIFY,
      'patrol.vacancySignals': C.W_MISUSE,
    },
    OFFICE,
    {
      'rent.belowMarket': '武汉市住房保障部门会同物价部门',
      'rent.tiers': '武汉市住房保障部门会同物价部门',
      'rent.specialReduction': '武汉市住房保障部门',
    },
  ),
};

// Wuchang's example market rent is its own (a central district of Wuhan), not the model's.
WUCHANG_PRESET_INPUT.rent.marketRentPerM2Fen = {
  value: 30_00,
  example: true,
  decidedBy: '武汉市住房保障部门会同物价部门测算公布',
};
