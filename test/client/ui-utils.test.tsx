import { parseYuan } from '../../client/utils/format';
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

describe('yuan entry', () => {
  it.each([
    ['12', 1200],
    ['1,234.5', 123450],
    ['¥0.07', 7],
    ['-3.20', -320],
  ])('reads %s as %i fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });
  it.each(['', '1.234', 'abc', '1e3', '--1'])('refuses %s', (text) => {
    expect(parseYuan(text)).toBeNull();
  });
});
