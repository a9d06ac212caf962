import fc from 'fast-check';
import {
  canSwitchToSubsidy,
  checkSubsidyHukou,
  renewSubsidyAgreement,
  HUIZHOU_PRESET as H,
  personsCounted,
  quoteRent,
  quoteSubsidy,
  resolvePolicy,
  subsidyAgreement,
  ULANQAB_PRESET as U,
  type HouseholdCategory,
} from '@shared/rules';

describe('rent (Ulanqab Art. 15, 21, 22)', () => {
  it('Ulanqab Art.22: income tiers as shares of the market rent', () => {
    // market 25.00 yuan/m² × 45.5 m² = 1137.50 yuan
    const low = quoteRent({ areaM2: 45.5, monthlyIncomePerPersonFen: 700_00 }, U);
    expect(low.marketRentFen).toBe(113_750);
    expect(low.monthlyRentFen).toBe(34_125); // 30%
    expect(quoteRent({ areaM2: 45.5, monthlyIncomePerPersonFen: 800_00 }, U).monthlyRentFen).toBe(34_125);
    expect(quoteRent({ areaM2: 45.5, monthlyIncomePerPersonFen: 800_01 }, U).monthlyRentFen).toBe(56_875); // 50%
    expect(quoteRent({ areaM2: 45.5, monthlyIncomePerPersonFen: 5_000_00 }, U).monthlyRentFen).toBe(79_625); // 70%
  });

  it('Ulanqab Art.22: special hardship reduction; Art.15: bought share pays no rent', () => {
    const q = quoteRent(
      { areaM2: 40, monthlyIncomePerPersonFen: 1_000_00, specialHardship: true, purchasedShare: 0.5 },
      U,
    );
    // market 1000.00 → 50% = 500.00 → −50% = 250.00 → half bought = 125.00
    expect(q.lines.map((l) => l.amountFen)).toEqual([100_000, 50_000, -25_000, -12_500]);
    expect(q.monthlyRentFen).toBe(12_500);
    expect(q.lines[3]!.clause).toBe('乌兰察布办法 第十五条 第二款');
    expect(quoteRent({ areaM2: 40, monthlyIncomePerPersonFen: 0, purchasedShare: 1 }, U).monthlyRentFen).toBe(
      0,
    );
  });

  it('Ulanqab Art.21: a district cannot set a tier at market rent; a hand-built one is flagged', () => {
    const tiers = {
      value: [{ maxMonthlyIncomePerPersonFen: null, shareOfMarket: 1, label: '全额' }],
      example: false,
      decidedBy: 'x',
    };
    expect(() => resolvePolicy(U, { rent: { tiers } })).toThrow('低于市场租金');
    const bad = { ...U, rent: { ...U.rent, tiers } };
    expect(quoteRent({ areaM2: 40, monthlyIncomePerPersonFen: 0 }, bad).warnings[0]!.code).toBe(
      'RENT_NOT_BELOW_MARKET',
    );
  });

  it('property: rent is never negative and never above the market rent', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 10, max: 120, noNaN: true }),
        fc.integer({ min: 0, max: 20_000_00 }),
        fc.boolean(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (areaM2, income, specialHardship, purchasedShare) => {
          const q = quoteRent(
            { areaM2, monthlyIncomePerPersonFen: income, specialHardship, purchasedShare },
            U,
          );
          expect(Number.isInteger(q.monthlyRentFen)).toBe(true);
          expect(q.monthlyRentFen).toBeGreaterThanOrEqual(0);
          expect(q.monthlyRentFen).toBeLessThan(q.marketRentFen);
          // The tier amount and the deductions add up to the rent charged.
          expect(q.lines.slice(1).reduce((sum, l) => sum + l.amountFen, 0)).toBe(q.monthlyRentFen);
        },
      ),
    );
  });

  it('refuses bad input', () => {
    expect(() => quoteRent({ areaM2: 0, monthlyIncomePerPersonFen: 0 }, U)).toThrow('面积');
    expect(() => quoteRent({ areaM2: 40, monthlyIncomePerPersonFen: 1.5 }, U)).toThrow('整数');
    expect(() => quoteRent({ areaM2: 40, monthlyIncomePerPersonFen: 0, purchasedShare: 2 }, U)).toThrow(
      '份额',
    );
  });
});

describe('rental subsidy (Huizhou)', () => {
  const base = {
    category: 'dibao' as HouseholdCategory,
    persons: 3,
    ownedAreaPerPersonM2: 0,
    monthlyRentFen: 2_000_00,
    hasAllocatedUnit: false,
  };

  it.each([
    ['Huizhou formula: 1 person counts 1.5', 1, 1.5],
    ['Huizhou formula: 2 persons actual', 2, 2],
    ['Huizhou formula: 3 persons actual', 3, 3],
    ['Huizhou formula: 4 persons count 4', 4, 4],
    ['Huizhou formula: 6 persons count 4', 6, 4],
  ])('%s', (_n, persons, counted) => expect(personsCounted(persons, H)).toBe(counted));

  it('Huizhou formula: standard × (15 − owned) × persons × 0.98 for 低保', () => {
    // 15.00 yuan × (15 − 5) m² × 3 × 0.98 = 441.00 yuan
    const q = quoteSubsidy({ ...base, ownedAreaPerPersonM2: 5 }, H);
    expect(q).toMatchObject({ eligible: true, monthlySubsidyFen: 44_100, areaM2: 30, coefficient: 0.98 });
  });

  it('Huizhou: 0.9 for low-income households', () => {
    expect(quoteSubsidy({ ...base, category: 'low_income', persons: 2 }, H).monthlySubsidyFen).toBe(40_500); // 15 × 30 × 0.9
  });

  it('Huizhou: household area at most 60 m²', () => {
    const q = quoteSubsidy({ ...base, persons: 5 }, H); // 15 × 4 = 60 → 60
    expect(q.areaM2).toBe(60);
    expect(q.monthlySubsidyFen).toBe(88_200); // 15 × 60 × 0.98
  });

  it('Huizhou: never above the monthly rent', () => {
    const q = quoteSubsidy({ ...base, persons: 4, monthlyRentFen: 500_00 }, H);
    expect(q).toMatchObject({ monthlySubsidyFen: 500_00, cappedByRent: true, formulaFen: 88_200 });
  });

  it.each([
    [
      'Huizhou §1(3): only 低保, 特困 and low-income',
      { category: 'new_employee' as HouseholdCategory },
      'SUBSIDY_CATEGORY',
    ],
    ['Huizhou §1(2): owns 15 m² per person', { ownedAreaPerPersonM2: 15 }, 'SUBSIDY_OWNS_ENOUGH'],
    ['Huizhou: stops when a unit is allocated', { hasAllocatedUnit: true }, 'SUBSIDY_STOPS_ON_ALLOCATION'],
  ])('%s', (_n, change, code) => {
    const q = quoteSubsidy({ ...base, ...change }, H);
    expect(q.eligible).toBe(false);
    expect(q.monthlySubsidyFen).toBe(0);
    expect(q.reasons.map((r) => r.code)).toContain(code);
  });

  it('Huizhou §1(1): local urban 户籍 is required when it is checked', () => {
    expect(quoteSubsidy({ ...base, localHukou: false }, H).reasons.map((r) => r.code)).toEqual([
      'SUBSIDY_HUKOU',
    ]);
    expect(quoteSubsidy({ ...base, localHukou: true }, H).eligible).toBe(true);
  });

  it('Huizhou §1(4): a tenant switching from a unit to the subsidy is not refused for holding it', () => {
    const q = quoteSubsidy({ ...base, hasAllocatedUnit: true, switchingFromUnit: true }, H);
    expect(q.eligible).toBe(true);
  });

  it.each([
    // (15 − 4.33) × 2 = 21.34 m²; 15.00 yuan × 21.34 × 0.98 = 313.698 yuan → 31,370 fen
    ['Huizhou 补贴测算公式: money rounded half up once, at the end', 2, 4.33, 21.34, 31_370],
    // (15 − 4.333) × 3 = 32.001 m²; 1,500 × 32.001 × 0.98 = 47,041.47 fen → 47,041 (rounding the area
    // to 32.00 first would give 47,040)
    ['Huizhou 补贴测算公式: the area difference is not rounded before multiplying', 3, 4.333, 32.001, 47_041],
  ])('%s', (_n, persons, owned, area, fen) => {
    const q = quoteSubsidy({ ...base, persons, ownedAreaPerPersonM2: owned }, H);
    expect(q.areaM2).toBeCloseTo(area, 9);
    expect(q).toMatchObject({ formulaFen: fen, monthlySubsidyFen: fen });
  });

  it.each([
    ['Huizhou 链接1(2): 14.997 m² per person owned qualifies', 14.997, true],
    ['Huizhou 链接1(2): 15 m² per person owned does not (低于15平方米)', 15, false],
  ])('%s', (_n, owned, eligible) => {
    expect(quoteSubsidy({ ...base, ownedAreaPerPersonM2: owned }, H).eligible).toBe(eligible);
  });

  it('Huizhou: a refused household gets every reason at once', () => {
    const q = quoteSubsidy(
      {
        ...base,
        category: 'new_employee',
        ownedAreaPerPersonM2: 20,
        hasAllocatedUnit: true,
        localHukou: false,
      },
      H,
    );
    expect(q.reasons.map((r) => r.code).sort()).toEqual(
      ['SUBSIDY_CATEGORY', 'SUBSIDY_HUKOU', 'SUBSIDY_OWNS_ENOUGH', 'SUBSIDY_STOPS_ON_ALLOCATION'].sort(),
    );
    expect(q.monthlySubsidyFen).toBe(0);
  });

  it('Huizhou: switching from a unit needs an application 3 months before the lease ends', () => {
    expect(canSwitchToSubsidy('2027-06-30', '2027-03-30', H)).toEqual([]);
    expect(canSwitchToSubsidy('2027-06-30', '2027-03-31', H)[0]!.code).toBe('SWITCH_TOO_LATE');
  });

  it('Huizhou: yearly agreement, paid monthly', () => {
    expect(subsidyAgreement('2026-04-01', H)).toEqual({
      endDate: '2027-03-31',
      periods: [
        '2026-04',
        '2026-05',
        '2026-06',
        '2026-07',
        '2026-08',
        '2026-09',
        '2026-10',
        '2026-11',
        '2026-12',
        '2027-01',
        '2027-02',
        '2027-03',
      ],
    });
  });

  it('property: the subsidy is a whole number of fen between 0 and the rent', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<HouseholdCategory>('dibao', 'tekun', 'low_income', 'migrant_worker'),
        fc.integer({ min: 1, max: 9 }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.integer({ min: 0, max: 5_000_00 }),
        (category, persons, owned, rent) => {
          const q = quoteSubsidy(
            { category, persons, ownedAreaPerPersonM2: owned, monthlyRentFen: rent, hasAllocatedUnit: false },
            H,
          );
          expect(Number.isInteger(q.monthlySubsidyFen)).toBe(true);
          expect(q.monthlySubsidyFen).toBeGreaterThanOrEqual(0);
          expect(q.monthlySubsidyFen).toBeLessThanOrEqual(rent);
          expect(q.areaM2).toBeLessThanOrEqual(60);
          // The formula, recomputed independently: standard × area × coefficient, half up to the fen.
          const coef = category === 'low_income' ? 0.9 : category === 'migrant_worker' ? 0 : 0.98;
          const counted = persons === 1 ? 1.5 : Math.min(persons, 4);
          const area = Math.min(Math.max(0, 15 - owned) * counted, 60);
          expect(q.areaM2).toBeCloseTo(area, 6);
          expect(Math.abs(q.formulaFen - 15_00 * area * coef)).toBeLessThanOrEqual(0.5 + 1e-6);
          expect(q.monthlySubsidyFen).toBe(q.eligible ? Math.min(q.formulaFen, rent) : 0);
        },
      ),
    );
  });
});

describe('Huizhou 链接1(1): local 户籍 and its co-applicant exceptions', () => {
  const TODAY = '2026-06-01';
  const local = {
    birthDate: '1980-01-01',
    countyUrbanHukou: true,
    worksOrLivesInCounty: true,
    cityUrbanHukou: true,
    worksOrLivesInCityUrbanArea: true,
  };
  const outsider = {
    birthDate: '1982-01-01',
    countyUrbanHukou: false,
    worksOrLivesInCounty: false,
    cityUrbanHukou: false,
    worksOrLivesInCityUrbanArea: true,
  };
  it.each([
    [
      'Huizhou 链接1(1): an applicant with the county’s urban 户籍 living there qualifies',
      { ...local, relation: 'applicant' },
      [],
    ],
    [
      'Huizhou 链接1(1): an applicant without it does not, whatever the exceptions',
      { ...outsider, relation: 'applicant' },
      ['SUBSIDY_HUKOU'],
    ],
    [
      'Huizhou 链接1(1): a spouse without the city’s urban 户籍 working in the city may co-apply',
      { ...outsider, relation: 'spouse' },
      [],
    ],
    [
      'Huizhou 链接1(1): a child of 17 without it living in the city may co-apply',
      { ...outsider, relation: 'child', birthDate: '2008-06-02' },
      [],
    ],
    [
      'Huizhou 链接1(1): a child who turned 18 today may not',
      { ...outsider, relation: 'child', birthDate: '2008-06-01' },
      ['CO_APPLICANT_HUKOU'],
    ],
    [
      'Huizhou 链接1(1): a spouse not working or living in the city may not',
      { ...outsider, relation: 'spouse', worksOrLivesInCityUrbanArea: false },
      ['CO_APPLICANT_HUKOU'],
    ],
    [
      'Huizhou 链接1(1): a parent whose 户籍 left for military service may co-apply during it',
      { ...outsider, relation: 'other', hukouAwayForStudyOrService: true },
      [],
    ],
    [
      'Huizhou 链接1(1): a student child of 20 whose 户籍 left for study may co-apply during it',
      { ...outsider, relation: 'child', birthDate: '2006-01-01', hukouAwayForStudyOrService: true },
      [],
    ],
    [
      'Huizhou 链接1(1): another relative without the 户籍 may not',
      { ...outsider, relation: 'other' },
      ['CO_APPLICANT_HUKOU'],
    ],
  ] as const)('%s', (_n, member, codes) => {
    const reasons = checkSubsidyHukou(member, TODAY, H);
    expect(reasons.map((r) => r.code)).toEqual(codes);
    for (const r of reasons) expect(r.clause).toMatch(/^惠州租赁补贴办法 链接1\(1\)/);
  });
});

describe('Huizhou: the yearly agreement is renewed when the household still qualifies', () => {
  const base = {
    category: 'dibao' as HouseholdCategory,
    persons: 3,
    ownedAreaPerPersonM2: 0,
    monthlyRentFen: 2_000_00,
    hasAllocatedUnit: false,
  };
  it('Huizhou 协议期满符合条件的可以续签: the next agreement starts the day after the last ends', () => {
    const d = renewSubsidyAgreement('2026-04-01', quoteSubsidy(base, H), H);
    expect(d).toMatchObject({
      ok: true,
      value: { startDate: '2027-04-01', endDate: '2028-03-31', monthlySubsidyFen: 66_150 },
    });
    expect(d.ok && d.value.periods).toHaveLength(12);
  });
  it('Huizhou 协议期满符合条件的可以续签: a household allocated a unit is not renewed, with every reason', () => {
    const d = renewSubsidyAgreement('2026-04-01', quoteSubsidy({ ...base, hasAllocatedUnit: true }, H), H);
    expect(d.ok).toBe(false);
    expect(d.reasons.map((r) => r.code)).toEqual(['SUBSIDY_NOT_RENEWED', 'SUBSIDY_STOPS_ON_ALLOCATION']);
    expect(d.reasons[0]).toMatchObject({
      clause: '惠州租赁补贴办法 协议期满符合条件的可以续签',
      message: '协议于 2027-03-31 期满，经审核不再符合条件，不予续签。',
    });
  });
});
