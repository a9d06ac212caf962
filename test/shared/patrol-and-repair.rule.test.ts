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
  specialCareReason,
  WUCHANG_PRESET as W,
} from '@shared/rules';

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
