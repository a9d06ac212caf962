import { formatInstant, parseBeijingTime } from '../../client/utils/ui';

describe('Beijing time entry', () => {
  it.each([
    ['2026-12-01 09:00', '2026-12-01T09:00:00+08:00'],
    ['2026-12-01T18:30', '2026-12-01T18:30:00+08:00'],
    [' 2027-02-28 00:00 ', '2027-02-28T00:00:00+08:00'],
  ])('reads %s', (text, iso) => {
    expect(parseBeijingTime(text)).toBe(iso);
  });
  it.each(['2026-02-30 09:00', '2026-12-01 24:00', '2026-12-01', '明天上午', '2026/12/01 09:00'])(
    'refuses %s',
    (text) => {
      expect(parseBeijingTime(text)).toBeNull();
    },
  );
  it('round-trips with formatInstant', () => {
    expect(formatInstant(new Date(parseBeijingTime('2026-12-01 09:05')!).toISOString())).toBe(
      '2026年12月1日 09:05',
    );
  });
});
