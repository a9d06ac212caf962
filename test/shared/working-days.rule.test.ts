import fc from 'fast-check';
import {
  addWorkingDays,
  CALENDAR_COVERAGE,
  calendarMonth,
  DATASET_CALENDAR,
  isWorkingDay,
  missingArrangementYear,
  parallelReviewDueDate,
  reReviewDueDate,
  ULANQAB_PRESET as U,
  validateYearArrangement,
  workingCalendar,
  workingDaysBetween,
  yearSource,
  type YearArrangement,
} from '@shared/rules';

/** An office entry of the 2027 arrangement (dates as an officer would type them from the notice). */
const Y2027: YearArrangement = {
  year: 2027,
  holidays: [
    { date: '2027-01-01', name: '元旦' },
    { date: '2027-01-04', name: '元旦' },
  ],
  workdays: ['2027-01-09'],
};

describe('working days with statutory holidays and 调休 (chinese-days dataset)', () => {
  it.each([
    ['2026-10-01 National Day is not a working day', '2026-10-01', false],
    ['2026-09-20 (Sunday) is an adjusted working day', '2026-09-20', true],
    ['2026-10-10 (Saturday) is an adjusted working day', '2026-10-10', true],
    ['2026-11-21 is a Saturday', '2026-11-21', false],
    ['2026-11-23 is a Monday', '2026-11-23', true],
  ])('%s', (_n, iso, working) => expect(isWorkingDay(iso)).toBe(working));

  it('Ulanqab Art.13: 15 working days across the National Day holiday', () => {
    // From 2026-09-25 (Fri): 9-28, 9-29, 9-30, 10-1..10-7 off, 10-8, 10-9, 10-10 (Sat, 调休), 10-12 ... 10-22.
    const due = reReviewDueDate('2026-09-25', U);
    expect(due).toEqual({ date: '2026-10-22', provisional: false, provisionalYears: [] });
    expect(workingDaysBetween('2026-09-25', due.date)).toBe(15);
  });

  it('Huizhou 2(3): parallel review within 7 working days', () => {
    expect(parallelReviewDueDate('2026-11-20', U)).toMatchObject({ date: '2026-12-01', provisional: false });
  });

  it('property: n working days later there are exactly n working days in between', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1400 }), fc.integer({ min: 0, max: 30 }), (offset, n) => {
        const start = new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const d = addWorkingDays(start, n);
        expect(workingDaysBetween(start, d.date)).toBe(n);
        if (n > 0) expect(isWorkingDay(d.date)).toBe(true);
      }),
    );
  });
});

describe('deadlines past the dataset: never refused, provisional until the office enters the year', () => {
  const nextYear = CALENDAR_COVERAGE.lastYear + 1;

  it('the dataset ends where its data ends, and the year after it counts Monday–Friday', () => {
    expect(yearSource(CALENDAR_COVERAGE.lastYear)).toBe('dataset');
    expect(yearSource(nextYear)).toBe('weekdays');
    expect(isWorkingDay(`${nextYear}-01-01`)).toBe(new Date(`${nextYear}-01-01`).getUTCDay() % 6 !== 0);
  });

  it.each([
    // 2026-12-20 (Sun): 12-21..25, 12-28..31 = 9 (2026 known), then 2027-01-01 (Fri), 01-04..08 = 15.
    ['Ulanqab Art.13: 15 working days from 2026-12-20, no 2027 data', '2026-12-20', [], '2027-01-08', true],
    // With 2027-01-01 and 01-04 off and 01-09 (Sat) worked: 01-05..08 (13), 01-09 (14), 01-11 (15).
    ['Ulanqab Art.13: the same with the office’s 2027 entry', '2026-12-20', [Y2027], '2027-01-11', false],
    // 2026-12-11 (Fri): 12-14..18 (5), 12-21..25 (10), 12-28..31 (14), 2027-01-01 (15).
    [
      'Ulanqab Art.13: from 2026-12-11 the 15th day is the first of 2027',
      '2026-12-11',
      [],
      '2027-01-01',
      true,
    ],
    ['Ulanqab Art.13: entered 2027 moves it past the holiday', '2026-12-11', [Y2027], '2027-01-05', false],
  ] as const)('%s', (_n, start, office, date, provisional) => {
    const due = reReviewDueDate(start, U, workingCalendar(office));
    expect(due.date).toBe(date);
    expect(due.provisional).toBe(provisional);
    expect(due.provisionalYears).toEqual(provisional ? [2027] : []);
  });

  it('a deadline that stays inside 2026 is not provisional even when 2027 is unknown', () => {
    expect(reReviewDueDate('2026-11-29', U)).toEqual({
      date: '2026-12-18',
      provisional: false,
      provisionalYears: [],
    });
  });

  it('Huizhou 2(3): 7 working days from 2026-12-28 reach into 2027', () => {
    expect(parallelReviewDueDate('2026-12-28', U)).toMatchObject({ date: '2027-01-06', provisional: true });
    expect(parallelReviewDueDate('2026-12-28', U, workingCalendar([Y2027]))).toMatchObject({
      date: '2027-01-08',
      provisional: false,
    });
  });

  it('an office entry replaces the dataset for its whole year', () => {
    const cal = workingCalendar([
      { year: 2026, holidays: [{ date: '2026-11-23', name: '元旦' }], workdays: [] },
    ]);
    expect(yearSource(2026, cal)).toBe('office');
    expect(isWorkingDay('2026-11-23', cal)).toBe(false);
    // National Day from the dataset no longer applies in 2026: the office's entry is the whole year.
    expect(isWorkingDay('2026-10-08', cal)).toBe(true);
    expect(isWorkingDay('2026-10-10', cal)).toBe(false);
    expect(isWorkingDay('2025-10-01', cal)).toBe(false);
  });

  it('property: with an unknown year, n working days later are n weekdays later', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 }), fc.integer({ min: 1, max: 30 }), (offset, n) => {
        const start = new Date(Date.UTC(nextYear, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const d = addWorkingDays(start, n);
        let weekdays = 0;
        for (let t = Date.parse(start) + 86_400_000; t <= Date.parse(d.date); t += 86_400_000) {
          const dow = new Date(t).getUTCDay();
          if (dow !== 0 && dow !== 6) weekdays++;
        }
        expect(weekdays).toBe(n);
        expect(d.provisional).toBe(true);
      }),
    );
  });
});

describe('the office’s entry of a year (validated before it is saved)', () => {
  it('a good entry is normalised: sorted, names trimmed', () => {
    const d = validateYearArrangement(
      {
        year: 2027,
        holidays: [
          { date: '2027-01-04', name: ' 元旦 ' },
          { date: '2027-01-01', name: '元旦' },
        ],
        workdays: ['2027-01-09'],
      },
      '2026-11-29',
    );
    expect(d).toEqual({ ok: true, value: Y2027, reasons: [] });
  });

  it.each([
    [
      'a holiday on a date that does not exist',
      { holidays: [{ date: '2027-02-30', name: '春节' }] },
      'CALENDAR_BAD_DATE',
      '不是一个存在的日期',
    ],
    [
      'a holiday in another year',
      { holidays: [{ date: '2028-01-01', name: '元旦' }] },
      'CALENDAR_WRONG_YEAR',
      '不在 2027 年内',
    ],
    [
      'the same date as holiday and working day',
      { holidays: [{ date: '2027-01-09', name: '元旦' }], workdays: ['2027-01-09'] },
      'CALENDAR_CONFLICT',
      '不能既是节假日又是调休上班日',
    ],
    [
      'a 调休 working day on a weekday',
      { workdays: ['2027-01-05'] },
      'CALENDAR_WORKDAY_NOT_WEEKEND',
      '周六或周日',
    ],
    ['no holiday at all', { holidays: [] }, 'CALENDAR_EMPTY', '至少录入一天'],
    [
      'a holiday entered twice',
      { holidays: [Y2027.holidays[0]!, Y2027.holidays[0]!] },
      'CALENDAR_DUPLICATE',
      '录入了两次',
    ],
    [
      'a blank festival name',
      { holidays: [{ date: '2027-01-01', name: '  ' }] },
      'CALENDAR_BAD_NAME',
      '节日名称',
    ],
    [
      'a year already closed',
      { year: 2025, holidays: [{ date: '2025-01-01', name: '元旦' }], workdays: [] },
      'CALENDAR_YEAR_CLOSED',
      '已经结束',
    ],
    ['a year that is not a year', { year: 99999 }, 'CALENDAR_BAD_YEAR', '年份不正确'],
  ] as const)('refused: %s', (_n, change, code, text) => {
    const d = validateYearArrangement({ ...Y2027, ...change } as YearArrangement, '2026-11-29');
    expect(d.ok).toBe(false);
    expect(d.reasons.map((r) => r.code)).toContain(code);
    expect(d.reasons.map((r) => r.message).join('')).toContain(text);
  });

  it('the current year can still be corrected', () => {
    const d = validateYearArrangement(
      { year: 2026, holidays: [{ date: '2026-12-31', name: '元旦' }], workdays: [] },
      '2026-11-29',
    );
    expect(d.ok).toBe(true);
  });
});

describe('the month-by-month preview and the reminder to enter next year', () => {
  it('a month shows holidays, 调休 working days, weekends and working days', () => {
    const jan = calendarMonth(2027, 1, workingCalendar([Y2027]));
    expect(jan).toHaveLength(31);
    const kind = (d: string) => jan.find((x) => x.date === d)?.kind;
    expect(kind('2027-01-01')).toBe('holiday');
    expect(jan[0]!.name).toBe('元旦');
    expect(kind('2027-01-02')).toBe('weekend');
    expect(kind('2027-01-05')).toBe('workday');
    expect(kind('2027-01-09')).toBe('adjusted_workday');
    expect(calendarMonth(2026, 10).find((x) => x.date === '2026-10-01')).toEqual({
      date: '2026-10-01',
      kind: 'holiday',
      name: '国庆节',
    });
  });

  it.each([
    ['before 1 October nothing is asked', '2026-09-30', [], null],
    ['from 1 October next year is missing', '2026-10-01', [], 2027],
    ['until the office enters it', '2026-11-29', [Y2027], null],
    ['a current year nobody entered is missing too', '2027-03-01', [], 2027],
  ] as const)('%s', (_n, today, office, year) => {
    expect(missingArrangementYear(today, workingCalendar(office))).toBe(year);
  });

  it('the dataset alone is the default calendar', () => {
    expect(DATASET_CALENDAR.sources.get(2026)).toBe('dataset');
  });
});
