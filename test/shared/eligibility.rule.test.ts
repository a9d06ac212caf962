import fc from 'fast-check';
import {
  checkEligibility,
  HOUSEHOLD_CATEGORIES,
  HUIZHOU_PRESET,
  quoteSubsidy,
  resolvePolicy,
  priorityTier,
  priorityTiers,
  priorityOrderClause,
  tierLabel,
  WUCHANG_PRESET as W,
  ULANQAB_PRESET as P,
  type HouseholdFacts,
} from '@shared/rules';

const TODAY = '2026-11-22';
const ok: HouseholdFacts = {
  category: 'low_income',
  applicantBirthDate: '1985-06-01',
  members: 3,
  monthlyIncomePerPersonFen: 1_200_00,
  ownedHomeAreaM2: 0,
  rentsLowRentUnit: false,
  publicRentalUnits: 0,
  lastDisqualifiedOn: null,
};

describe('eligibility (Ulanqab Art. 10–12, 37, 38)', () => {
  it('an eligible household has no reasons', () => {
    expect(checkEligibility(ok, P, TODAY)).toEqual({ eligible: true, reasons: [], perCapitaOwnedAreaM2: 0 });
  });

  const rows: [string, Partial<HouseholdFacts>, string][] = [
    ['Ulanqab Art.12: a minor cannot apply', { applicantBirthDate: '2009-01-01' }, 'MINOR_APPLICANT'],
    [
      'Ulanqab Art.11(1): income above the local line',
      { monthlyIncomePerPersonFen: 2_000_01 },
      'INCOME_ABOVE_LINE',
    ],
    ['Ulanqab Art.11(2): 15 m² per person owned', { ownedHomeAreaM2: 45, members: 3 }, 'HOUSING_ABOVE_LIMIT'],
    [
      'Ulanqab Art.11(3): migrant employed too briefly',
      { category: 'migrant_worker', employmentMonths: 6 },
      'EMPLOYMENT_TOO_SHORT',
    ],
    [
      'Ulanqab Art.11 末款: rural-to-urban worker without employment record',
      { category: 'rural_to_urban' },
      'EMPLOYMENT_TOO_SHORT',
    ],
    ['Ulanqab Art.12: already a 廉租住房 tenant', { rentsLowRentUnit: true }, 'ALREADY_LOW_RENT'],
    ['Ulanqab Art.12: one unit per household', { publicRentalUnits: 1 }, 'ONE_UNIT_PER_HOUSEHOLD'],
    [
      'Ulanqab Art.38: within 5 years of disqualification',
      { lastDisqualifiedOn: '2022-01-10' },
      'BANNED_AFTER_DISQUALIFICATION',
    ],
    ['Ulanqab Art.37: false material is refused', { falseInformation: true }, 'FALSE_APPLICATION_INFO'],
  ];
  it.each(rows)('%s', (_name, change, code) => {
    const result = checkEligibility({ ...ok, ...change }, P, TODAY);
    expect(result.eligible).toBe(false);
    expect(result.reasons.map((r) => r.code)).toEqual([code]);
    expect(result.reasons[0]!.clause).toMatch(/乌兰察布办法 第十[一二]条|第三十[七八]条/);
    expect(result.reasons[0]!.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  const boundaries: [string, Partial<HouseholdFacts>, boolean][] = [
    ['Ulanqab Art.12: 18 today may apply', { applicantBirthDate: '2008-11-22' }, true],
    ['Ulanqab Art.12: 18 tomorrow may not', { applicantBirthDate: '2008-11-23' }, false],
    [
      'Ulanqab Art.11(1): income exactly at the line is eligible',
      { monthlyIncomePerPersonFen: 2_000_00 },
      true,
    ],
    ['Ulanqab Art.11(2): 14.99 m² per person is eligible', { ownedHomeAreaM2: 44.97, members: 3 }, true],
    // 44.991 / 3 = 14.997: compared as it is, not rounded to 15.00 first.
    ['Ulanqab Art.11(2): 14.997 m² per person qualifies', { ownedHomeAreaM2: 44.991, members: 3 }, true],
    ['Ulanqab Art.11(2): 15.001 m² per person does not', { ownedHomeAreaM2: 45.003, members: 3 }, false],
    [
      'Ulanqab Art.11(3): migrant with 12 months is eligible',
      { category: 'migrant_worker', employmentMonths: 12 },
      true,
    ],
    ['Ulanqab Art.38: ban ends after 5 years', { lastDisqualifiedOn: '2021-11-22' }, true],
  ];
  it.each(boundaries)('%s', (_name, change, eligible) => {
    expect(checkEligibility({ ...ok, ...change }, P, TODAY).eligible).toBe(eligible);
  });

  it('lists every failed condition, not just the first', () => {
    const result = checkEligibility(
      {
        ...ok,
        applicantBirthDate: '2010-01-01',
        monthlyIncomePerPersonFen: 9_999_00,
        publicRentalUnits: 2,
        rentsLowRentUnit: true,
      },
      P,
      TODAY,
    );
    expect(result.reasons.map((r) => r.code).sort()).toEqual(
      ['ALREADY_LOW_RENT', 'INCOME_ABOVE_LINE', 'MINOR_APPLICANT', 'ONE_UNIT_PER_HOUSEHOLD'].sort(),
    );
  });

  it('Ulanqab Art.11(2): 15.00 m² per person exactly is not "低于15平方米"', () => {
    expect(checkEligibility({ ...ok, ownedHomeAreaM2: 45, members: 3 }, P, TODAY).reasons[0]!.code).toBe(
      'HOUSING_ABOVE_LIMIT',
    );
  });

  it('property: each condition is reported exactly when it fails, and eligible means no reasons', () => {
    fc.assert(
      fc.property(
        fc.record({
          category: fc.constantFrom(...HOUSEHOLD_CATEGORIES),
          applicantBirthDate: fc.constantFrom('1950-01-01', '2008-11-22', '2008-11-23', '2015-05-05'),
          members: fc.integer({ min: 1, max: 8 }),
          monthlyIncomePerPersonFen: fc.integer({ min: 0, max: 5_000_00 }),
          ownedHomeAreaM2: fc.integer({ min: 0, max: 20_000 }).map((x) => x / 100),
          employmentMonths: fc.option(fc.integer({ min: 0, max: 48 }), { nil: undefined }),
          rentsLowRentUnit: fc.boolean(),
          publicRentalUnits: fc.integer({ min: 0, max: 2 }),
          lastDisqualifiedOn: fc.constantFrom(null, '2020-01-01', '2023-06-30'),
          falseInformation: fc.boolean(),
        }),
        (facts) => {
          const r = checkEligibility(facts, P, TODAY);
          const codes = new Set(r.reasons.map((x) => x.code));
          expect(r.eligible).toBe(r.reasons.length === 0);
          expect(codes.has('INCOME_ABOVE_LINE')).toBe(facts.monthlyIncomePerPersonFen > 2_000_00);
          expect(codes.has('HOUSING_ABOVE_LIMIT')).toBe(r.perCapitaOwnedAreaM2 >= 15);
          expect(codes.has('MINOR_APPLICANT')).toBe(facts.applicantBirthDate > '2008-11-22');
          expect(codes.has('ONE_UNIT_PER_HOUSEHOLD')).toBe(facts.publicRentalUnits > 0);
          expect(codes.has('ALREADY_LOW_RENT')).toBe(facts.rentsLowRentUnit);
          expect(codes.has('BANNED_AFTER_DISQUALIFICATION')).toBe(facts.lastDisqualifiedOn === '2023-06-30');
          expect(codes.has('EMPLOYMENT_TOO_SHORT')).toBe(
            (facts.category === 'migrant_worker' || facts.category === 'rural_to_urban') &&
              (facts.employmentMonths ?? 0) < 12,
          );
          expect(codes.has('FALSE_APPLICATION_INFO')).toBe(facts.falseInformation);
          for (const x of r.reasons) expect(x.clause).toMatch(/^乌兰察布办法 第/);
        },
      ),
    );
  });

  it('property: Ulanqab Art.11(2) and Huizhou 链接1(2): eligibility and the subsidy share one area threshold', () => {
    const district = resolvePolicy(HUIZHOU_PRESET, { eligibility: { perCapitaAreaLimitM2: 13 } });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 12_000 }).map((x) => x / 100),
        fc.constantFrom(P, HUIZHOU_PRESET, district),
        (members, owned, policy) => {
          const refused = checkEligibility(
            { ...ok, members, ownedHomeAreaM2: owned },
            policy,
            TODAY,
          ).reasons.some((r) => r.code === 'HOUSING_ABOVE_LIMIT');
          const subsidyRefused = quoteSubsidy(
            {
              category: 'dibao',
              persons: members,
              ownedAreaPerPersonM2: owned / members,
              monthlyRentFen: 1_000_00,
              hasAllocatedUnit: false,
            },
            policy,
          ).reasons.some((r) => r.code === 'SUBSIDY_OWNS_ENOUGH');
          expect(subsidyRefused).toBe(refused);
          expect(refused).toBe(owned / members >= policy.eligibility.perCapitaAreaLimitM2);
        },
      ),
    );
  });

  it('bad input is refused with a clear error', () => {
    expect(() => checkEligibility({ ...ok, members: 0 }, P, TODAY)).toThrow('家庭人口');
    expect(() => checkEligibility({ ...ok, applicantBirthDate: '1985-13-01' }, P, TODAY)).toThrow('出生日期');
    expect(() => checkEligibility(ok, P, '22/11/2026')).toThrow('审核日期');
  });
});

describe('priority tiers (Ulanqab Art. 14, 17; Wuchang 2(2)3)', () => {
  const rows: [string, Parameters<typeof priorityTier>[0], number][] = [
    ['Ulanqab Art.14: 低保 first', { category: 'dibao' }, 1],
    ['Ulanqab Art.14: 分散供养特困 first', { category: 'tekun', solitaryElderly: true }, 1],
    ['Ulanqab Art.17(1): solitary elderly', { category: 'low_income', solitaryElderly: true }, 2],
    [
      'Ulanqab Art.17(2): illness or disability without income',
      { category: 'migrant_worker', seriousIllnessOrDisabilityWithoutIncome: true },
      3,
    ],
    ['Ulanqab Art.17(3): 优抚 / 见义勇为 / 劳模', { category: 'new_employee', entitledGroup: true }, 4],
    ['Ulanqab Art.17(4): local extras', { category: 'housing_difficulty', localPriority: true }, 5],
    ['运营方设定（优先顺序）: low income after the Art. 17 groups', { category: 'low_income' }, 6],
    ['Ulanqab Art.14: others last', { category: 'new_employee' }, 7],
  ];
  it.each(rows)('%s', (_name, facts, tier) => expect(priorityTier(facts, P)).toBe(tier));

  it('every tier has a Chinese label and the district’s clause or setting', () => {
    for (const [policy, doc] of [
      [P, '乌兰察布办法'],
      [W, '武昌调研报告'],
    ] as const) {
      for (const t of priorityTiers(policy)) {
        expect(tierLabel(t.tier, policy)).toBe(t.label);
        expect(t.label).toMatch(/[\u4e00-\u9fa5]/);
        expect(t.clause).toMatch(new RegExp(`^(${doc}|运营方设定（)`));
      }
    }
    expect(priorityTiers(P).map((t) => t.clause)).toEqual([
      '乌兰察布办法 第十四条',
      '乌兰察布办法 第十七条(一)',
      '乌兰察布办法 第十七条(二)',
      '乌兰察布办法 第十七条(三)',
      '乌兰察布办法 第十七条(四)',
      '运营方设定（低收入家庭优先，旗县市区住房保障主管部门，示例值）',
      '乌兰察布办法 第十四条',
    ]);
    // Wuchang's report names 低保 and 低收入 only: the Art. 17 groups are the district's settings there.
    expect(priorityTiers(W)[1]!.clause).toBe('运营方设定（孤寡老人优先，武昌区住房保障部门，示例值）');
    expect(priorityTiers(W)[5]!.clause).toContain('武昌调研报告 二(二)三 在配租中，优先照顾低保、低收入家庭');
  });

  it('运营方设定（优先情形的先后顺序）: the order between first and last is the district’s, and says so', () => {
    expect(priorityOrderClause(W)).toBe('运营方设定（优先情形的先后顺序，武昌区住房保障部门，示例值）');
    const lowIncomeFirst = resolvePolicy(W, {
      allocation: {
        priorityOrder: {
          value: [
            'dibao_tekun',
            'low_income',
            'solitary_elderly',
            'illness_disability',
            'entitled',
            'local_priority',
            'others',
          ],
          example: false,
          decidedBy: '武昌区住房保障部门（2026年配租方案）',
        },
      },
    });
    expect(priorityTier({ category: 'low_income' }, lowIncomeFirst)).toBe(2);
    expect(priorityTier({ category: 'new_employee', solitaryElderly: true }, lowIncomeFirst)).toBe(3);
    expect(tierLabel(2, lowIncomeFirst)).toBe('低收入家庭');
    expect(priorityOrderClause(lowIncomeFirst)).toBe(
      '运营方设定（优先情形的先后顺序，武昌区住房保障部门（2026年配租方案））',
    );
  });

  it.each([
    ['a group left out', ['dibao_tekun', 'low_income', 'others']],
    [
      '低保 not first',
      [
        'low_income',
        'dibao_tekun',
        'solitary_elderly',
        'illness_disability',
        'entitled',
        'local_priority',
        'others',
      ],
    ],
  ] as const)('Ulanqab Art.14, Wuchang 2(2)3: an order with %s is refused', (_n, value) => {
    expect(() =>
      resolvePolicy(W, {
        allocation: { priorityOrder: { value: [...value], example: false, decidedBy: 'x' } },
      }),
    ).toThrow('优先');
  });
});
