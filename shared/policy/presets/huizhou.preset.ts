import { CLAUSE as C } from '../clauses';
import type { PolicyPreset } from '../policy-preset';
import { districtSources, modelValues } from './model';

const H = '惠州租赁补贴办法';
const OFFICE = '惠州市县（区）住房保障主管部门';
const OPERATOR = '运营单位';

/**
 * 惠州: the rental subsidy measures (2022, as reported with their 链接 section) decide the subsidy: who may
 * receive it, the formula, the cap, the yearly agreement, switching from a unit, the parallel review. The
 * rules of public rental units themselves (eligibility, rent, lease, exit, allocation) are not in that text:
 * in this district they are settings of the housing office, with the module's figures as examples.
 */
export const HUIZHOU_PRESET_INPUT: PolicyPreset = {
  id: 'huizhou',
  name: '广东省惠州市',
  documents: [H],
  ...modelValues({
    'eligibility.monthlyIncomeLinePerPersonFen': `${OFFICE}（公租房准入收入标准）`,
    'eligibility.migrantMinEmploymentMonths': OFFICE,
    'unitMix.averageToleranceM2': OFFICE,
    'rent.marketRentPerM2Fen': OFFICE,
    'rent.tiers': OFFICE,
    'rent.specialGroupReductionRatio': OFFICE,
    'subsidy.standardPerM2Fen': '县区主管部门结合实际情况动态确定，原则上每2年调整1次（补贴标准）',
    'review.publicNoticeDays': OFFICE,
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
    'selection.windowMinutes': OFFICE,
    'selection.waiverLeavesRound': OFFICE,
    'allocation.priorityOrder': OFFICE,
    'allocation.objectionEffect': OFFICE,
  }),
  sources: districtSources(
    {
      'review.procedure': C.H_PROCEDURE,
      'review.parallel': C.H_REVIEW,
      'subsidy.category': C.H_CATEGORY,
      'subsidy.housingArea': C.H_HOUSING,
      'subsidy.hukou': C.H_HUKOU,
      'subsidy.coApplicants': C.H_CO_APPLICANT,
      'subsidy.notAllocated': C.H_NOT_ALLOCATED,
      'subsidy.formula': `${H} 补贴测算公式、补贴标准`,
      'subsidy.rentCap': C.H_RENT_CAP,
      'subsidy.stopsOnAllocation': C.H_STOPS,
      'subsidy.switch': C.H_SWITCH,
      'subsidy.agreement': C.H_AGREEMENT,
      'subsidy.agreementRenewal': C.H_RENEWAL,
    },
    OFFICE,
    {
      'repair.service': OPERATOR,
      'patrol.quarterly': OPERATOR,
      'patrol.publicAreas': OPERATOR,
      'patrol.seasonal': OPERATOR,
      'patrol.care': OPERATOR,
      'patrol.rectify': OPERATOR,
      'patrol.vacancySignals': OPERATOR,
    },
  ),
};
