import { vacancyRun, visitFinding, wholeMonthsBetween } from '@shared/rules/vacancy-evidence.rule';

/** 连续未居住 from the quarterly visits (乌兰察布 第三十二条(三)): whole months between the run's first and last visit. */
describe('vacancy evidence', () => {
  it('counts whole calendar months, never rounding up', () => {
    expect(wholeMonthsBetween('2026-01-15', '2026-07-15')).toBe(6);
    expect(wholeMonthsBetween('2026-01-15', '2026-07-14')).toBe(5);
    // A month from the 31st ends on the last day of a shorter month (dayjs clamps to the month's end).
    expect(wholeMonthsBetween('2026-01-31', '2026-02-28')).toBe(1);
    expect(wholeMonthsBetween('2026-01-31', '2026-02-27')).toBe(0);
    expect(wholeMonthsBetween('2026-03-01', '2026-02-01')).toBe(0);
  });

  it('a visit with the door opened and no answer counts as lived in; nobody at home shows nothing', () => {
    expect(visitFinding({ date: '2026-01-01', outcome: 'visited' })).toBe('lived_in');
    expect(visitFinding({ date: '2026-01-01', outcome: 'nobody_home' })).toBe('none');
    expect(visitFinding({ date: '2026-01-01', outcome: 'visited', occupancy: 'vacant' })).toBe('vacant');
    expect(visitFinding({ date: '2026-01-01', outcome: 'nobody_home', occupancy: 'unsure' })).toBe('none');
  });

  it('the run starts after the last lived-in visit, whatever order the visits come in', () => {
    const run = vacancyRun(
      [
        { date: '2026-10-20', outcome: 'nobody_home', occupancy: 'vacant' },
        { date: '2026-01-10', outcome: 'nobody_home', occupancy: 'vacant' },
        { date: '2026-04-12', outcome: 'visited', occupancy: 'lived_in' },
        { date: '2026-07-15', outcome: 'nobody_home', occupancy: 'vacant' },
      ],
      '2025-06-01',
    );
    expect(run).toMatchObject({ months: 3, from: '2026-07-15', to: '2026-10-20' });
    expect(run.visits.map((v) => v.counted)).toEqual([false, false, true, true]);
  });
});
