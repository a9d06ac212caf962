import { periodLabel, quarterLabel } from '@shared/rules/period-label';
import { quarterOf } from '@shared/rules/dates';
import { quarterlySpecFor } from '../../cloudfunctions/patrol/plan.service';

/** Issue #19: a quarter reads 2026年第四季度 wherever a person sees it, never 2026年第4季度. */
describe('period labels', () => {
  it.each([
    ['issue #19: the first quarter in words', '2026-Q1', '2026年第一季度'],
    ['issue #19: the second quarter in words', '2026-Q2', '2026年第二季度'],
    ['issue #19: the third quarter in words', '2027-Q3', '2027年第三季度'],
    ['issue #19: the fourth quarter in words', '2026-Q4', '2026年第四季度'],
    ['issue #19: a month without its leading zero', '2026-01', '2026年1月'],
    ['issue #19: a two-digit month', '2026-11', '2026年11月'],
    ['not a period: returned as it is', '2026-Q5', '2026-Q5'],
    ['not a period: an empty string', '', ''],
  ])('%s: %s → %s', (_case, period, label) => {
    expect(periodLabel(period)).toBe(label);
  });

  it.each([
    ['a month is not a quarter', '2026-11', '2026-11'],
    ['a quarter', '2026-Q4', '2026年第四季度'],
  ])('quarterLabel, %s: %s → %s', (_case, quarter, label) => {
    expect(quarterLabel(quarter)).toBe(label);
  });

  it.each(['2026-02-10', '2026-05-31', '2026-08-01', '2026-11-22'])(
    'the quarterly patrol plan of a day in %s is named in words (plan.service quarterlySpecFor)',
    (day) => {
      const quarter = quarterOf(day);
      const spec = quarterlySpecFor(day, quarter, null, 'test');
      expect(spec.label).toBe(`${quarterLabel(quarter)}入户安全巡查`);
      expect(spec.label).toMatch(/^\d{4}年第[一二三四]季度入户安全巡查$/);
      expect(spec.label).not.toMatch(/第\d季度/);
    },
  );
});
