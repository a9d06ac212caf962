import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  cite,
  exampleValues,
  HUIZHOU_PRESET,
  LAW_KEYS,
  PRESETS,
  resolvePolicy,
  resolvePreset,
  SETTING_KEYS,
  ULANQAB_PRESET,
  WUCHANG_PRESET,
  type LawKey,
  type PolicyPreset,
} from '@shared/rules';

/**
 * The preset values read back against the clauses they come from. Each row quotes the source text
 * (docs/sources/, the three documents unchanged); the number in the quote must equal the value of the
 * preset of that document, the quote must appear in the document verbatim, and that preset must cite its
 * own document for the matter (the key).
 */
const SOURCES = path.resolve(__dirname, '../../docs/sources');
const docs = {
  U: readFileSync(path.join(SOURCES, '002_a10e72128ea418fd.txt'), 'utf8'),
  H: readFileSync(path.join(SOURCES, '004_e20202d6960f3815.txt'), 'utf8'),
  W: readFileSync(path.join(SOURCES, '000_bdd9a2fa37381cb7.txt'), 'utf8'),
};
const OWN = { U: ULANQAB_PRESET, H: HUIZHOU_PRESET, W: WUCHANG_PRESET } as const;
const DOC_NAME = { U: '乌兰察布办法', H: '惠州租赁补贴办法', W: '武昌调研报告' } as const;

type Row = [
  name: string,
  doc: 'U' | 'H' | 'W',
  quote: string,
  pick: (p: PolicyPreset) => number,
  key: LawKey,
  scale?: number,
];
const rows: Row[] = [
  [
    'Ulanqab Art.8: small units under 50 m²',
    'U',
    '应以50平方米以下的小户型为主',
    (p) => p.unitMix.smallUnitMaxM2,
    'unitMix',
  ],
  [
    'Ulanqab Art.8: medium units at most 80 m²',
    'U',
    '中户型保障性住房最大不得超过80平方米',
    (p) => p.unitMix.mediumMaxM2,
    'unitMix',
  ],
  [
    'Ulanqab Art.8: high-rise up to 90 m²',
    'U',
    '高层可放大到90平方米以内',
    (p) => p.unitMix.mediumMaxHighRiseM2,
    'unitMix',
  ],
  [
    'Ulanqab Art.8: medium at most 15%',
    'U',
    '中户型要严格控制在总量的15%以内',
    (p) => p.unitMix.mediumMaxShareRatio,
    'unitMix',
    100,
  ],
  [
    'Ulanqab Art.8: average about 60 m²',
    'U',
    '平均面积要控制在60平方米左右',
    (p) => p.unitMix.targetAverageM2,
    'unitMix',
  ],
  [
    'Ulanqab Art.11(2): under 15 m² per person',
    'U',
    '住房面积标准低于人均15平方米',
    (p) => p.eligibility.perCapitaAreaLimitM2,
    'eligibility.housingArea',
  ],
  [
    'Ulanqab Art.13: re-review within 15 working days',
    'U',
    '在15个工作日内将复核结果书面告知申请人',
    (p) => p.review.reReviewWorkingDays,
    'review.reReview',
  ],
  [
    'Ulanqab Art.15: at most 50% sold',
    'U',
    '累计出售量原则上不得超过该项目住房总量的50%',
    (p) => p.sale.maxShareOfProjectRatio,
    'sale.quota',
    100,
  ],
  [
    'Ulanqab Art.15: 70% of market price',
    'U',
    '同类别普通商品住房价格的70%确定',
    (p) => p.sale.marketPriceRatio,
    'sale.price',
    100,
  ],
  [
    'Ulanqab Art.15: not below 80% of cost',
    'U',
    '不低于成本价80%的标准确定',
    (p) => p.sale.costPriceMinRatio,
    'sale.price',
    100,
  ],
  [
    'Ulanqab Art.15 third paragraph: sold after 3 years let',
    'U',
    '租赁使用3年后可以出售',
    (p) => p.sale.socialInvestmentLetYears,
    'sale.socialInvestment',
  ],
  [
    'Ulanqab Art.15 third paragraph: profit at most 3%',
    'U',
    '在利润不超过3%的前提下',
    (p) => p.sale.socialInvestmentMaxProfitRatio,
    'sale.socialInvestment',
    100,
  ],
  [
    'Ulanqab Art.20: 5-year resale lock',
    'U',
    '后五年内不得上市交易',
    (p) => p.sale.resaleLockYears,
    'sale.resale',
  ],
  ['Ulanqab Art.21: term from 3 years', 'U', '租赁期限一般为3-5', (p) => p.lease.minTermYears, 'lease.term'],
  ['Ulanqab Art.21: term up to 5 years', 'U', '租赁期限一般为3-5', (p) => p.lease.maxTermYears, 'lease.term'],
  [
    'Ulanqab Art.21: renewal 3 months before expiry',
    'U',
    '应当在租期届满3个月前向当地住房保障部门提出续租申请',
    (p) => p.lease.renewalNoticeMonths,
    'lease.renewal',
  ],
  [
    'Ulanqab Art.25: maintenance fund 2%',
    'U',
    '按照售房款的2%',
    (p) => p.sale.maintenanceFundRatio,
    'sale.maintenanceFund',
    100,
  ],
  [
    'Ulanqab Art.32(3): 6 months vacant',
    'U',
    '无正当理由连续6个月以上未在公共租赁住房居住的',
    (p) => p.exit.vacancyMonths,
    'exit.vacancy',
  ],
  [
    'Ulanqab Art.32(4): 6 months arrears',
    'U',
    '无正当理由累计6个月以上未交纳公共租赁住房租金的',
    (p) => p.exit.arrearsMonths,
    'exit.arrears',
  ],
  [
    'Ulanqab Art.36: owners and operators fined up to 30,000 yuan (3万)',
    'U',
    '责令限期改正,并处以3万元以下罚款',
    (p) => p.exit.operatorFineCapFen,
    'exit.operatorFine',
    1 / 1_000_000,
  ],
  [
    'Ulanqab Art.37: fine up to 1,000 yuan',
    'U',
    '处以1000元以下罚款',
    (p) => p.exit.fineCapFen,
    'exit.deception',
    1 / 100,
  ],
  [
    'Ulanqab Art.38: 3× illegal gains',
    'U',
    '处以违法所得3倍以下但不超过3万元的罚款',
    (p) => p.exit.illegalGainsMultiple,
    'exit.fine',
  ],
  [
    'Ulanqab Art.38: fine cap 30,000 yuan (3万)',
    'U',
    '但不超过3万元',
    (p) => p.exit.illegalGainsFineCapFen,
    'exit.fine',
    1 / 1_000_000,
  ],
  [
    'Ulanqab Art.37: 5-year ban',
    'U',
    '自退回公共租赁住房之日起五年内不得再次申请',
    (p) => p.exit.reapplyBanYears,
    'exit.reapplyBan',
  ],
  [
    'Ulanqab Art.39: an estate agent fined up to 10,000 yuan (1万)',
    'U',
    '对房地产经纪人员,处以1万元以下罚款',
    (p) => p.exit.agentStaffFineCapFen,
    'exit.agentFine',
    1 / 1_000_000,
  ],
  [
    'Ulanqab Art.39: an agency fined up to 30,000 yuan (3万)',
    'U',
    '取消网上签约资格,处以3万元以下罚款',
    (p) => p.exit.agentFirmFineCapFen,
    'exit.agentFine',
    1 / 1_000_000,
  ],
  [
    'Huizhou: 15 m² per person',
    'H',
    '人均補貼面積標準為15平方米',
    (p) => p.subsidy.guaranteedAreaPerPersonM2,
    'subsidy.formula',
  ],
  [
    'Huizhou 链接1(2): owned area under 15 m² per person',
    'H',
    '自有產權住房的人均建筑面積低于15平方米',
    (p) => p.eligibility.perCapitaAreaLimitM2,
    'subsidy.housingArea',
  ],
  [
    'Huizhou 链接1(1): children under 18 may be co-applicants',
    'H',
    '申請人配偶及未滿18周歲子女非本市城鎮戶籍',
    (p) => p.subsidy.minorChildAgeYears,
    'subsidy.coApplicants',
  ],
  [
    'Huizhou: 1-person household counts 1.5',
    'H',
    '補貼人數1人戶按1.5人計',
    (p) => p.subsidy.singlePersonFactor,
    'subsidy.formula',
  ],
  [
    'Huizhou: 4 or more count 4',
    'H',
    '4人及4人以上戶按4人計',
    (p) => p.subsidy.maxPersonsCounted,
    'subsidy.formula',
  ],
  [
    'Huizhou: at most 60 m² per household',
    'H',
    '每戶家庭住房保障面積最高不超過60平方米',
    (p) => p.subsidy.maxHouseholdAreaM2,
    'subsidy.formula',
  ],
  [
    'Huizhou: coefficient 0.98 for 低保/特困',
    'H',
    '分散供養特困人員的租賃補貼系數為0.98',
    (p) => p.subsidy.coefficientDibao,
    'subsidy.formula',
  ],
  [
    'Huizhou: coefficient 0.9 for low income',
    'H',
    '低收入家庭的租賃補貼系數為0.9',
    (p) => p.subsidy.coefficientLowIncome,
    'subsidy.formula',
  ],
  [
    'Huizhou: switch 3 months before the lease ends',
    'H',
    '可在公租房租賃合同期滿3個月前',
    (p) => p.subsidy.switchNoticeMonths,
    'subsidy.switch',
  ],
  [
    'Huizhou: agreement signed once a year',
    'H',
    '租賃補貼協議合同實行一年一簽',
    (p) => p.subsidy.agreementMonths,
    'subsidy.agreement',
    1 / 12,
  ],
  [
    'Huizhou: parallel review within 7 working days',
    'H',
    '在收到資料的7個工作日內',
    (p) => p.review.parallelReviewWorkingDays,
    'review.parallel',
  ],
  [
    'Huizhou: standard adjusted every 2 years',
    'H',
    '原則上每2年調整1次',
    (p) => p.subsidy.standardReviewYears,
    'subsidy.formula',
  ],
  [
    'Wuchang 2(3)4: special care from age 70',
    'W',
    '70岁以上的重病',
    (p) => p.patrol.specialCareAgeYears,
    'patrol.care',
  ],
];

describe('figures read back against their own document', () => {
  it.each(rows)('%s', (_name, doc, quote, pick, key, scale = 1) => {
    const preset = OWN[doc];
    const digits = quote.replace(/[一二三四五六七八九]/g, (c) => String('一二三四五六七八九'.indexOf(c) + 1));
    const numbers = [...digits.matchAll(/\d+(\.\d+)?/g)].map((m) => Number(m[0]));
    expect(numbers).toContain(Math.round(pick(preset) * scale * 1e6) / 1e6);
    expect(docs[doc].replace(/\s+/g, '')).toContain(quote.replace(/\s+/g, ''));
    expect(preset.sources[key]).toMatchObject({ kind: 'law' });
    expect(cite(preset, key).startsWith(DOC_NAME[doc])).toBe(true);
  });

  // The same figure in the other two districts is theirs to set: never cited from this document.
  const elsewhere = rows.flatMap(([name, doc, , , key]) =>
    (['U', 'H', 'W'] as const)
      .filter((d) => d !== doc)
      .map((d) => [`${name}, in ${OWN[d].id}`, doc, OWN[d], key] as const),
  );
  it.each(elsewhere)('%s: not cited from that document', (_name, doc, preset, key) => {
    expect(cite(preset, key)).not.toContain(DOC_NAME[doc]);
  });
});

describe('each district speaks its own law', () => {
  const others = (p: PolicyPreset) =>
    Object.entries(DOC_NAME)
      .filter(([d]) => OWN[d as keyof typeof OWN].id !== p.id)
      .map(([, name]) => name.slice(0, 2));

  it.each(Object.values(PRESETS).map((p) => [p.id, p] as const))(
    '%s: every clause it cites is from its own document, and nothing in it names another district',
    (_id, preset) => {
      for (const key of LAW_KEYS) {
        const source = preset.sources[key];
        const citation = cite(preset, key);
        expect(
          source.kind === 'law'
            ? citation.startsWith(preset.documents[0]!)
            : citation.startsWith('运营方设定（'),
        ).toBe(true);
      }
      const text = JSON.stringify(preset);
      for (const name of others(preset)) expect(text).not.toContain(name);
    },
  );

  it.each(Object.values(PRESETS).map((p) => [p.id, p] as const))(
    '%s: matters the texts leave open are always 运营方设定 with who sets them',
    (_id, preset) => {
      for (const key of SETTING_KEYS) expect(cite(preset, key)).toMatch(/^运营方设定（.+，.+）$/);
    },
  );

  it('a law key a district does not source is shown as its setting with the setter and 示例值', () => {
    expect(cite(WUCHANG_PRESET, 'lease.term')).toBe('运营方设定（租赁期限，武昌区住房保障部门，示例值）');
    expect(cite(ULANQAB_PRESET, 'lease.term')).toBe('乌兰察布办法 第二十一条');
    expect(cite(HUIZHOU_PRESET, 'subsidy.formula')).toBe('惠州租赁补贴办法 补贴测算公式、补贴标准（示例值）');
    expect(cite(ULANQAB_PRESET, 'subsidy.formula')).toBe(
      '运营方设定（租赁补贴测算公式，住房保障部门会同物价部门（第二十二条），示例值）',
    );
  });

  it('a district that decides its setting loses the 示例值 marker; one adopting a clause cites it', () => {
    const decided = resolvePolicy(WUCHANG_PRESET, {
      sources: { 'lease.term': { kind: 'setting', by: '武昌区住房保障部门（2026年公布）', example: false } },
      repair: { emergencyHours: { value: 12, example: false, decidedBy: '运营单位服务承诺' } },
    });
    expect(cite(decided, 'lease.term')).toBe('运营方设定（租赁期限，武昌区住房保障部门（2026年公布））');
    expect(cite(decided, 'repair.emergency')).toBe('运营方设定（紧急报修处理时限，运营单位服务承诺）');
    expect(exampleValues(decided)).not.toContain('sources.lease.term');
    const adopting = resolvePolicy(WUCHANG_PRESET, {
      documents: ['武昌调研报告', '乌兰察布办法'],
      sources: { 'lease.term': { kind: 'law', clause: '乌兰察布办法 第二十一条' } },
    });
    expect(cite(adopting, 'lease.term')).toBe('乌兰察布办法 第二十一条');
    expect(() =>
      resolvePolicy(WUCHANG_PRESET, {
        sources: { 'lease.term': { kind: 'law', clause: '乌兰察布办法 第二十一条' } },
      }),
    ).toThrow('不属于本地区采用的文件');
  });
});

describe('local values', () => {
  it('every value a document leaves to local government is marked as an example with who decides it', () => {
    const paths = exampleValues(ULANQAB_PRESET);
    expect(paths).toEqual(
      expect.arrayContaining([
        'eligibility.monthlyIncomeLinePerPersonFen',
        'eligibility.migrantMinEmploymentMonths',
        'rent.marketRentPerM2Fen',
        'rent.tiers',
        'subsidy.standardPerM2Fen',
        'repair.emergencyHours',
        'allocation.priorityOrder',
        'sources.subsidy.formula',
      ]),
    );
    expect(exampleValues(WUCHANG_PRESET)).toEqual(
      expect.arrayContaining(['sources.lease.term', 'sources.exit.arrears']),
    );
    expect(ULANQAB_PRESET.rent.marketRentPerM2Fen.decidedBy).toContain('第二十二条');
    expect(HUIZHOU_PRESET.subsidy.standardPerM2Fen.decidedBy).toContain('县区主管部门');
  });

  it('a district override replaces a value and is validated; a bad override throws and changes nothing', () => {
    const district = resolvePolicy(WUCHANG_PRESET, {
      eligibility: {
        monthlyIncomeLinePerPersonFen: { value: 1_800_00, example: false, decidedBy: '武昌区2026年公布' },
      },
    });
    expect(district.eligibility.monthlyIncomeLinePerPersonFen.value).toBe(1_800_00);
    expect(exampleValues(district)).not.toContain('eligibility.monthlyIncomeLinePerPersonFen');
    expect(district.unitMix).toEqual(WUCHANG_PRESET.unitMix);
    const before = JSON.stringify(WUCHANG_PRESET);
    expect(() => resolvePolicy(WUCHANG_PRESET, { sale: { marketPriceRatio: 7 } })).toThrow();
    expect(() => resolvePolicy(WUCHANG_PRESET, { lease: { unknownKnob: 1 } as never })).toThrow();
    expect(JSON.stringify(WUCHANG_PRESET)).toBe(before);
  });

  it.each([
    ['Ulanqab Art.21: a minimum term above the maximum', { lease: { minTermYears: 6 } }, '最短租期'],
    [
      'Ulanqab Art.15: a cost floor above the cost ceiling',
      { sale: { costPriceMinRatio: 1, costPriceMaxRatio: 0.9 } },
      '成本价',
    ],
    [
      'Ulanqab Art.8: a small-unit cap at or above the medium cap',
      { unitMix: { smallUnitMaxM2: 80 } },
      '小户型',
    ],
    [
      'Ulanqab Art.8: a high-rise cap below the ordinary cap',
      { unitMix: { mediumMaxHighRiseM2: 70 } },
      '高层',
    ],
  ] as const)('an inconsistent override is refused: %s', (_n, override, message) => {
    expect(() => resolvePreset(ULANQAB_PRESET, override)).toThrow(message);
  });

  it('the three presets are valid as they stand and share the model figures', () => {
    for (const p of Object.values(PRESETS)) expect(resolvePreset(p)).toEqual(p);
    expect(new Set(Object.values(PRESETS).map((p) => p.id)).size).toBe(3);
    expect(WUCHANG_PRESET.lease.minTermYears).toBe(ULANQAB_PRESET.lease.minTermYears);
    expect(WUCHANG_PRESET.lease.renewalOpensMonthsBefore.value).toBeNull();
  });
});
