import {
  checkOneUnit,
  cite,
  oneUnitRefusal,
  ULANQAB_PRESET as U,
  WUCHANG_PRESET as W,
  type HeldUnit,
} from '@shared/rules';

const selected: HeldUnit = {
  kind: 'selection',
  sourceId: 'round-4-h1',
  unitId: 'u-502',
  unitLabel: '3栋-502',
  place: '和谐新城 2026 年第四批公租房配租',
};
const offered: HeldUnit = {
  kind: 'offer',
  sourceId: 'offer-u-101-1',
  unitId: 'u-101',
  unitLabel: '3栋-101',
  place: '惠民家园',
};
const leased: HeldUnit = {
  kind: 'lease',
  sourceId: 'l-1',
  unitId: 'u-1204',
  unitLabel: '1栋-1204',
  place: '安居花园',
};

describe('one household, one unit (Ulanqab Art. 12)', () => {
  it('Ulanqab Art.12: a household that holds nothing may take a unit', () => {
    expect(checkOneUnit([], U)).toEqual({ ok: true, value: null, reasons: [] });
  });

  it.each([
    [
      'Ulanqab Art.12: a unit selected in a round, awaiting signature',
      selected,
      '您家庭已在“和谐新城 2026 年第四批公租房配租”选定 3栋-502，待签约；一户只能承租一套公租房（乌兰察布办法 第十二条）。',
    ],
    [
      'Ulanqab Art.12: an accepted offer of a vacated unit',
      offered,
      '您家庭已接受“惠民家园” 3栋-101 的配租邀约，该房源已为您保留；一户只能承租一套公租房（乌兰察布办法 第十二条）。',
    ],
    [
      'Ulanqab Art.12: an active lease',
      leased,
      '您家庭正在承租“安居花园” 1栋-1204；一户只能承租一套公租房（乌兰察布办法 第十二条）。',
    ],
  ])('%s refuses another, naming it', (_name, held, text) => {
    const decision = checkOneUnit([held], U);
    expect(decision.ok).toBe(false);
    expect(decision.reasons).toEqual([
      expect.objectContaining({ code: 'ONE_UNIT_HELD', clause: '乌兰察布办法 第十二条' }),
    ]);
    expect(oneUnitRefusal(decision.reasons)).toBe(text);
  });

  it('Ulanqab Art.12: every unit held is named (records kept from before the rule may show two)', () => {
    const decision = checkOneUnit([selected, leased], U);
    expect(decision.reasons.map((r) => r.message)).toEqual([
      expect.stringContaining('3栋-502'),
      expect.stringContaining('1栋-1204'),
    ]);
  });

  it('运营方设定（每户限申请一套）: a district whose own text is silent cites its setting', () => {
    const decision = checkOneUnit([leased], W);
    expect(decision.reasons[0]?.clause).toBe(cite(W, 'eligibility.oneUnit'));
    expect(oneUnitRefusal(decision.reasons)).toContain(`（${cite(W, 'eligibility.oneUnit')}）。`);
    expect(cite(W, 'eligibility.oneUnit')).toMatch(/^运营方设定（每户限申请一套/);
  });
});
