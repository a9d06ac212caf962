import {
  checkSocialInvestmentSale,
  deceptionPenalty,
  estateAgentPenalty,
  existingTenantRent,
  HUIZHOU_PRESET as H,
  operatorPenalty,
  ULANQAB_PRESET as U,
  WUCHANG_PRESET as W,
  type SocialInvestmentSale,
} from '@shared/rules';

describe('deception at the waitlist, tenancy or purchase stage (Ulanqab Art. 37 second paragraph)', () => {
  it.each([
    [
      'Ulanqab Art.37 second paragraph: a waitlisted household loses its registration and is fined up to 1,000 yuan',
      'waitlisted',
      ['处以不超过 1000 元的罚款', '记入公共租赁住房管理档案', '取消其轮候登记'],
    ],
    [
      'Ulanqab Art.37 second paragraph: a tenant returns the unit, back-pays market rent, and is banned for 5 years',
      'renting',
      [
        '处以不超过 1000 元的罚款',
        '记入公共租赁住房管理档案',
        '责令限期退回所承租的公共租赁住房',
        '按市场价格补缴租金',
        '逾期不退回的，可以依法申请人民法院强制执行',
        '自退回住房之日起 5 年内不得再次申请',
      ],
    ],
    [
      'Ulanqab Art.37 second paragraph: a buyer returns the unit or pays the market price, and is banned for 5 years',
      'purchased',
      [
        '处以不超过 1000 元的罚款',
        '记入公共租赁住房管理档案',
        '责令限期退回所购买的公共租赁住房',
        '逾期不退回的，按市场价格补交房款或申请人民法院强制执行',
        '自退回住房之日起 5 年内不得再次申请',
      ],
    ],
  ] as const)('%s', (_n, stage, consequences) => {
    expect(deceptionPenalty(stage, U)).toEqual({
      clause: '乌兰察布办法 第三十七条 第二款',
      maxFineFen: 1_000_00,
      consequences,
    });
  });
});

describe('owners, operators and estate agents (Ulanqab Art. 36, 39)', () => {
  it.each([
    [
      'Ulanqab Art.36(1): letting to an ineligible household',
      'let_or_sold_to_ineligible',
      '向不符合条件的对象',
    ],
    ['Ulanqab Art.36(2): neglecting maintenance', 'maintenance_neglected', '维修养护义务'],
    ['Ulanqab Art.36(3): changing the use', 'changed_use', '改变公共租赁住房的保障性住房性质'],
  ] as const)('%s: correct within a period and a fine up to 30,000 yuan', (_n, violation, text) => {
    const f = operatorPenalty(violation, U);
    expect(f).toMatchObject({ clause: '乌兰察布办法 第三十六条', maxFineFen: 30_000_00 });
    expect(f.consequences[0]).toContain(text);
    expect(f.consequences).toContain('处以不超过 30000 元的罚款');
  });

  it.each([
    [
      'Ulanqab Art.39: an estate agent is fined up to 10,000 yuan',
      'agent',
      10_000_00,
      ['责令限期改正', '记入房地产经纪信用档案', '处以不超过 10000 元的罚款'],
    ],
    [
      'Ulanqab Art.39: an agency loses online signing and is fined up to 30,000 yuan',
      'agency',
      30_000_00,
      ['责令限期改正', '记入房地产经纪信用档案', '取消网上签约资格', '处以不超过 30000 元的罚款'],
    ],
  ] as const)('%s', (_n, party, cap, consequences) => {
    expect(estateAgentPenalty(party, U)).toEqual({
      clause: '乌兰察布办法 第三十九条',
      maxFineFen: cap,
      consequences,
    });
  });

  it('Wuchang’s report has no penalty clauses: the same rule is its district setting there', () => {
    expect(operatorPenalty('changed_use', W).clause).toBe(
      '运营方设定（所有权人及运营单位违规罚款，武昌区住房保障部门，示例值）',
    );
  });
});

describe('existing tenants keep their contract rent (Ulanqab Art. 22)', () => {
  const input = { areaM2: 40, monthlyIncomePerPersonFen: 700_00 };
  it('Ulanqab Art.22: income unchanged, the contract rent stays even where the new tier is lower', () => {
    // 40 m² × 25 yuan = 1,000 yuan market; the first tier (30%) would be 300 yuan.
    expect(existingTenantRent(450_00, false, input, U)).toEqual({
      monthlyRentFen: 450_00,
      keepsContractRent: true,
      clause: '乌兰察布办法 第二十二条',
      quote: null,
    });
  });
  it('Ulanqab Art.22: income changed, the rent is tiered afresh', () => {
    const r = existingTenantRent(450_00, true, input, U);
    expect(r).toMatchObject({ monthlyRentFen: 300_00, keepsContractRent: false });
    expect(r.quote?.tier.label).toBe('第一档（最低收入）');
  });
  it('a contract rent that is not whole fen is refused', () => {
    expect(() => existingTenantRent(1.5, false, input, U)).toThrow('合同租金');
  });
});

describe('sale of a socially invested project (Ulanqab Art. 15 third paragraph)', () => {
  const ok: SocialInvestmentSale = {
    sociallyInvested: true,
    landByTransfer: true,
    firstLetOn: '2023-03-01',
    saleOn: '2026-03-01',
    costFen: 300_000_00,
    priceFen: 309_000_00,
    guidePriceFen: 308_000_00,
  };
  it.each([
    ['Ulanqab Art.15 third paragraph: 3 years let, a guide price and 3% profit may sell', {}, []],
    [
      'Ulanqab Art.15 third paragraph: a day short of 3 years let may not',
      { saleOn: '2026-02-28' },
      ['SOCIAL_SALE_TOO_EARLY'],
    ],
    [
      'Ulanqab Art.15 third paragraph: a profit above 3% may not',
      { priceFen: 309_000_01 },
      ['SOCIAL_SALE_PROFIT'],
    ],
    [
      'Ulanqab Art.15 third paragraph: not without the government’s guide price',
      { guidePriceFen: null },
      ['SOCIAL_SALE_NO_GUIDE_PRICE'],
    ],
    [
      'Ulanqab Art.15 third paragraph: only projects on land obtained by transfer',
      { landByTransfer: false },
      ['SOCIAL_SALE_NOT_APPLICABLE'],
    ],
    [
      'Ulanqab Art.15 third paragraph: every failed condition at once',
      { sociallyInvested: false, saleOn: '2024-01-01', priceFen: 400_000_00, guidePriceFen: null },
      [
        'SOCIAL_SALE_NOT_APPLICABLE',
        'SOCIAL_SALE_TOO_EARLY',
        'SOCIAL_SALE_NO_GUIDE_PRICE',
        'SOCIAL_SALE_PROFIT',
      ],
    ],
  ] as const)('%s', (_n, change, codes) => {
    const reasons = checkSocialInvestmentSale({ ...ok, ...change }, U);
    expect(reasons.map((r) => r.code)).toEqual(codes);
    for (const r of reasons) expect(r.clause).toBe('乌兰察布办法 第十五条 第三款');
  });
  it('Huizhou’s subsidy measures do not cover sales: the rule is that district’s setting', () => {
    expect(checkSocialInvestmentSale({ ...ok, saleOn: '2024-01-01' }, H)[0]!.clause).toMatch(
      /^运营方设定（社会投资项目出售，惠州市县（区）住房保障主管部门，示例值）$/,
    );
  });
});
