import { chinaDate, quarterOfChinaDate } from '@shared/rules/china-date';
import { quarterOf } from '@shared/rules/dates';

describe('china-date (dayjs-free, for the first screen)', () => {
  it('gives the China day of an instant: 23:30 Beijing is still that day, 00:30 the next', () => {
    expect(chinaDate(Date.parse('2026-12-31T15:30:00Z'))).toBe('2026-12-31');
    expect(chinaDate(Date.parse('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
  });

  it.each([
    '2026-01-01',
    '2026-03-31',
    '2026-04-01',
    '2026-06-30',
    '2026-07-15',
    '2026-09-30',
    '2026-10-01',
    '2026-12-31',
  ])('%s is in the quarter dates.quarterOf names', (iso) =>
    expect(quarterOfChinaDate(iso)).toBe(quarterOf(iso)),
  );
});
