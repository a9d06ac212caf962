import {
  careEscalationDue,
  chinaDate,
  chinaDayStart,
  checkPlanCoversOnce,
  isRepairOverdue,
  mondayOf,
  nextCareCheckDue,
  quarterCoverage,
  quarterOf,
  quarterRange,
  repairDeadline,
  resolvePolicy,
  seasonalPatrolsFor,
  specialCareClause,
  specialCareReason,
  ULANQAB_PRESET as U,
  WUCHANG_PRESET as W,
} from '@shared/rules';
import { arrearsExitClause, arrearsMonths } from '@shared/rules/billing.rule';
import { repairDeadlineClause } from '@shared/rules/repair-deadline.rule';

const H = 3_600_000;
const D = 24 * H;

describe('safety patrols and special care (Wuchang 2(3)3, 2(3)4)', () => {
  it('Wuchang 2(3)3: calendar quarters', () => {
    expect(quarterOf('2026-11-22')).toBe('2026-Q4');
    expect(quarterOf('2026-01-01')).toBe('2026-Q1');
    expect(quarterRange('2026-Q1')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(quarterRange('2026-Q4')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(() => quarterRange('2026-Q5')).toThrow('季度');
  });

  it('days, weeks and quarters are China’s (UTC+8)', () => {
    expect(chinaDate(Date.parse('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(chinaDate(Date.parse('2026-12-31T16:00:00Z'))).toBe('2027-01-01'); // 00:00 in Beijing
    expect(chinaDayStart('2027-01-01')).toBe(Date.parse('2026-12-31T16:00:00Z'));
    expect(mondayOf('2026-11-22')).toBe('2026-11-16'); // a Sunday
    expect(mondayOf('2026-11-23')).toBe('2026-11-23'); // a Monday
    expect(mondayOf('2027-01-01')).toBe('2026-12-28'); // across the year
    expect(() => mondayOf('2026-02-30')).toThrow('日期');
  });

  it('Wuchang 2(3)3: every occupied unit counts once per quarter', () => {
    const r = quarterCoverage(['u1', 'u2', 'u3', 'u4'], ['u1', 'u2', 'u2', 'u9']);
    expect(r).toEqual({ due: 4, visited: 2, missing: ['u3', 'u4'], repeated: ['u2'], coverage: 0.5 });
    expect(quarterCoverage([], []).coverage).toBe(1);
  });

  it('Wuchang 2(3)3: a plan must cover every occupied unit exactly once', () => {
    expect(checkPlanCoversOnce(['u1', 'u2'], ['u2', 'u1'], W)).toEqual([]);
    expect(checkPlanCoversOnce(['u1', 'u2'], ['u1', 'u1'], W).map((r) => r.code)).toEqual([
      'PLAN_MISSING_UNITS',
      'PLAN_REPEATS_UNITS',
    ]);
  });

  it.each([
    ['Wuchang 2(3)4: over 70 with serious illness', { ageYears: 72, seriousIllness: true }, '70岁以上患重病'],
    ['Wuchang 2(3)4: 69 with serious illness is not (by age)', { ageYears: 69, seriousIllness: true }, null],
    ['Wuchang 2(3)4: solitary', { ageYears: 66, solitary: true }, '孤寡独居'],
    ['Wuchang 2(3)4: disabled', { ageYears: 40, disabled: true }, '残障、行动不便'],
    ['Wuchang 2(3)4: healthy 75-year-old with family', { ageYears: 75 }, null],
  ])('%s', (_n, facts, why) => expect(specialCareReason(facts, W)).toBe(why));

  it('Wuchang 2(3)4: weekly check-ins; a missed one escalates after the configured delay', () => {
    const last = Date.UTC(2026, 10, 16, 2);
    expect(nextCareCheckDue(last, W)).toBe(last + 7 * D);
    expect(careEscalationDue(last, last + 7 * D + 23 * H, W)).toBe(false);
    expect(careEscalationDue(last, last + 7 * D + 24 * H, W)).toBe(true);
  });

  it('Wuchang 2(3)3: seasonal special patrols by month', () => {
    expect(seasonalPatrolsFor(7, W).map((p) => p.id)).toEqual(['flood_season', 'summer_heat']);
    expect(seasonalPatrolsFor(1, W).map((p) => p.id)).toEqual(['heating_season', 'spring_festival']);
    expect(() => seasonalPatrolsFor(13, W)).toThrow('月份');
  });
});

describe('repair deadlines (Wuchang 2(1)2), configurable per operator', () => {
  const at = Date.UTC(2026, 10, 22, 1);
  it.each([
    ['emergency within 24 hours', { category: 'water', emergency: true }, 24 * H],
    ['gas leak without the flag: 1 day by category', { category: 'gas', emergency: false }, 1 * D],
    ['walls and ceiling: 7 days', { category: 'walls_ceiling', emergency: false }, 7 * D],
  ] as const)('%s', (_n, input, after) =>
    expect(repairDeadline({ ...input, submittedAt: at }, W)).toBe(at + after),
  );

  it('an operator can change the category days', () => {
    const operator = resolvePolicy(W, {
      repair: {
        categoryDays: { value: { water: 1, other: 3 }, example: false, decidedBy: '运营单位服务约定' },
      },
    });
    expect(repairDeadline({ category: 'water', emergency: false, submittedAt: at }, operator)).toBe(at + D);
    expect(repairDeadline({ category: 'appliances', emergency: false, submittedAt: at }, operator)).toBe(
      at + 3 * D,
    );
  });

  it('overdue only when past the deadline and not done', () => {
    expect(isRepairOverdue(at, at + 1, false)).toBe(true);
    expect(isRepairOverdue(at, at + 1, true)).toBe(false);
    expect(isRepairOverdue(at, at, false)).toBe(false);
  });
});

describe('what the texts leave open is the district’s setting (运营方设定)', () => {
  const at = Date.UTC(2026, 10, 22, 1);
  it('运营方设定（紧急报修处理时限）: the emergency hours are the operator’s and cited as such', () => {
    expect(repairDeadlineClause(true, W)).toBe('运营方设定（紧急报修处理时限，运营单位，示例值）');
    const fast = resolvePolicy(W, {
      repair: { emergencyHours: { value: 4, example: false, decidedBy: '运营单位服务承诺' } },
    });
    expect(repairDeadline({ category: 'gas', emergency: true, submittedAt: at }, fast)).toBe(at + 4 * H);
    expect(repairDeadlineClause(true, fast)).toBe('运营方设定（紧急报修处理时限，运营单位服务承诺）');
  });

  const ageOnAll = resolvePolicy(W, {
    patrol: {
      careRegistry: {
        value: {
          conditions: ['serious_illness', 'solitary', 'disabled'],
          ageAppliesTo: ['serious_illness', 'disabled'],
        },
        example: false,
        decidedBy: '运营单位',
      },
    },
  });
  const noSolitary = resolvePolicy(W, {
    patrol: {
      careRegistry: {
        value: { conditions: ['serious_illness', 'disabled'], ageAppliesTo: ['serious_illness'] },
        example: false,
        decidedBy: '运营单位',
      },
    },
  });
  it.each([
    [
      '运营方设定（特殊关爱对象的年龄和条件）: by default a disabled resident of 40 is registered',
      W,
      { ageYears: 40, disabled: true },
      '残障、行动不便',
    ],
    [
      '运营方设定（特殊关爱对象的年龄和条件）: read with the age on the disabled too, 40 is not',
      ageOnAll,
      { ageYears: 40, disabled: true },
      null,
    ],
    [
      '运营方设定（特殊关爱对象的年龄和条件）: …and 71 is',
      ageOnAll,
      { ageYears: 71, disabled: true },
      '70岁以上残障、行动不便',
    ],
    [
      '运营方设定（特殊关爱对象的年龄和条件）: an operator may leave solitary residents out',
      noSolitary,
      { ageYears: 80, solitary: true },
      null,
    ],
  ] as const)('%s', (_n, policy, facts, why) => expect(specialCareReason(facts, policy)).toBe(why));

  it('Wuchang 2(3)4 names the groups; the reading is the operator’s setting', () => {
    expect(specialCareClause(W)).toBe(
      '武昌调研报告 二(三)四 70岁以上重病、孤寡、残障住户，电话微信问候和每周敲门行动；运营方设定（特殊关爱对象的年龄和条件，运营单位，示例值）',
    );
    expect(() =>
      resolvePolicy(W, {
        patrol: {
          careRegistry: {
            value: { conditions: ['solitary'], ageAppliesTo: ['disabled'] },
            example: false,
            decidedBy: 'x',
          },
        },
      }),
    ).toThrow('年龄条件');
  });

  it('运营方设定（专项巡查月份）: the months of each seasonal patrol are the operator’s', () => {
    const north = resolvePolicy(W, {
      patrol: {
        seasonalMonths: {
          value: {
            flood_season: [7, 8],
            summer_heat: [7],
            heating_season: [10, 11, 12, 1, 2, 3, 4],
            spring_festival: [1, 2],
          },
          example: false,
          decidedBy: '运营单位',
        },
      },
    });
    expect(seasonalPatrolsFor(4, W).map((p) => p.id)).toEqual([]);
    expect(seasonalPatrolsFor(4, north).map((p) => p.id)).toEqual(['heating_season']);
    expect(seasonalPatrolsFor(7, W)[0]!.clause).toBe(
      '武昌调研报告 二(三)三 结合季节、气候特点，不定期开展专项安全巡查；运营方设定（专项巡查月份，运营单位，示例值）',
    );
  });

  const bills = [
    { dueDate: '2026-09-15', chargedFen: 500_00, balanceFen: 500_00 },
    { dueDate: '2026-10-15', chargedFen: 500_00, balanceFen: 1 },
    { dueDate: '2026-11-15', chargedFen: 500_00, balanceFen: 0 },
    { dueDate: '2026-12-15', chargedFen: 500_00, balanceFen: 500_00 },
  ];
  const wholeMonth = resolvePolicy(W, {
    exit: { arrearsCounting: { value: 'whole_month', example: false, decidedBy: '武昌区住房保障部门' } },
  });
  it.each([
    [
      '运营方设定（欠租月数的计算方法）: by default any unpaid amount counts a month (1 fen owed included)',
      W,
      2,
    ],
    ['运营方设定（欠租月数的计算方法）: a district may count only months with nothing paid', wholeMonth, 1],
  ] as const)('%s', (_n, policy, months) => {
    expect(arrearsMonths(bills, '2026-12-01', policy)).toBe(months);
  });

  it('the arrears rule names the text where there is one and the counting setting everywhere', () => {
    expect(arrearsExitClause(U)).toBe(
      '乌兰察布办法 第三十二条(四)、第三十八条(六)；运营方设定（欠租月数的计算方法，旗县市区住房保障主管部门，示例值）',
    );
    expect(arrearsExitClause(W)).toMatch(
      /^运营方设定（累计欠租的处理，武昌区住房保障部门，示例值）；运营方设定（欠租月数的计算方法/,
    );
  });
});
