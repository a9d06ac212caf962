import fc from 'fast-check';
import {
  applyWaiver,
  checkExchange,
  checkSalePrice,
  checkSaleQuota,
  checkSigningOpen,
  checkSelectionWindow,
  evaluateExit,
  leaseTerm,
  maintenanceFundFen,
  maxFineFen,
  planSelectionWindows,
  publicNoticeEnds,
  noticePeriodEnds,
  noticeRunning,
  dayAfterNotice,
  reapplyBanEnds,
  renewalStatus,
  renewalDates,
  resolvePolicy,
  resaleStatus,
  reviewTransition,
  salePriceRange,
  ULANQAB_PRESET as U,
  WUCHANG_PRESET as W,
  type ReviewEvent,
  type ReviewState,
} from '@shared/rules';

const T0 = Date.UTC(2026, 11, 1, 1, 0); // 2026-12-01 09:00 Beijing
const MIN = 60_000;

describe('selection rounds (Wuchang 2(2)3; waivers: Wuchang 1)', () => {
  const windows = planSelectionWindows(['a', 'b', 'c', 'd'], T0, W);
  it('windows follow the lottery order, 30 minutes each by default', () => {
    expect(windows.map((w) => [w.applicationId, w.turn, (w.opensAt - T0) / MIN])).toEqual([
      ['a', 1, 0],
      ['b', 2, 30],
      ['c', 3, 60],
      ['d', 4, 90],
    ]);
  });
  it.each([
    ['Wuchang 2(2)3: inside my window', 'b', T0 + 45 * MIN, true, ''],
    ['Wuchang 2(2)3: before my window', 'b', T0 + 10 * MIN, false, 'WINDOW_NOT_OPEN'],
    ['Wuchang 2(2)3: after my window', 'b', T0 + 60 * MIN, false, 'WINDOW_CLOSED'],
    ['Wuchang 2(2)3: not in this round', 'zz', T0, false, 'NOT_IN_ROUND'],
  ])('%s', (_n, id, now, ok, code) => {
    const d = checkSelectionWindow(windows, id, now, W);
    expect(d.ok).toBe(ok);
    if (!d.ok) expect(d.reasons[0]!.code).toBe(code);
  });
  it('Wuchang 1: a waiver is recorded and the next in line moves up', () => {
    const { windows: next, waiver } = applyWaiver(windows, 'b', T0 + 35 * MIN, W);
    expect(waiver).toMatchObject({ applicationId: 'b', turn: 2, at: T0 + 35 * MIN });
    expect(
      next.map((w) => [w.applicationId, w.turn, (w.opensAt - T0) / MIN, (w.closesAt - T0) / MIN]),
    ).toEqual([
      ['a', 1, 0, 30],
      ['c', 2, 35, 65],
      ['d', 3, 65, 95],
    ]);
    expect(() => applyWaiver(windows, 'a', T0 + 31 * MIN, W)).toThrow('已结束');
  });
  it('property: after any waiver, turns stay 1..n and no window opens before the waiver', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.nat(),
        fc.integer({ min: 0, max: 400 }),
        (n, pick, minute) => {
          const ids = Array.from({ length: n }, (_, i) => `x${i}`);
          const plan = planSelectionWindows(ids, T0, W);
          const target = plan[pick % n]!;
          const now = Math.min(T0 + minute * MIN, target.closesAt - 1);
          const { windows: after } = applyWaiver(plan, target.applicationId, now, W);
          expect(after.map((w) => w.turn)).toEqual(ids.slice(1).map((_, i) => i + 1));
          for (const w of after.slice(pick % n))
            expect(w.opensAt).toBeGreaterThanOrEqual(Math.min(now, w.opensAt));
          expect(after.find((w) => w.applicationId === target.applicationId)).toBeUndefined();
        },
      ),
    );
  });
});

describe('lease (Ulanqab Art. 21)', () => {
  it.each([
    ['Ulanqab Art.21: 3-year term', 3, '2029-02-28', '2028-11-28'],
    ['Ulanqab Art.21: 5-year term', 5, '2031-02-28', '2030-11-28'],
  ])('%s', (_n, years, end, due) => {
    const t = leaseTerm('2026-03-01', years, U);
    expect(t.ok && t.value).toMatchObject({ endDate: end, renewalDueBy: due });
  });
  it.each([2, 6, 3.5])('Ulanqab Art.21: a %p-year term is refused', (years) => {
    const t = leaseTerm('2026-03-01', years, U);
    expect(t.ok).toBe(false);
    if (!t.ok) expect(t.reasons[0]!.clause).toBe('乌兰察布办法 第二十一条');
  });
  it('Ulanqab Art.21 and 32(5): open until the due date, then overdue, then expired', () => {
    const t = leaseTerm('2024-01-01', 3, U);
    if (!t.ok) throw new Error('term');
    expect(t.value).toMatchObject({
      endDate: '2026-12-31',
      renewalDueBy: '2026-09-30',
      renewalOpensOn: null,
    });
    expect(renewalStatus(t.value, '2026-09-30')).toBe('open');
    expect(renewalStatus(t.value, '2026-10-01')).toBe('overdue');
    expect(renewalStatus(t.value, '2027-01-01')).toBe('expired');
  });

  // Art. 21 sets only the deadline ("应当在租期届满3个月前…提出续租申请"): no earliest day unless the district sets one.
  it.each([
    [
      'Ulanqab Art.21: no earliest date, so a renewal applied for in the first month is open',
      '2024-02-01',
      'open',
    ],
    ['Ulanqab Art.21: the day of the deadline is still open', '2026-09-30', 'open'],
  ])('%s', (_n, day, status) => {
    const t = leaseTerm('2024-01-01', 3, U);
    if (!t.ok) throw new Error('term');
    expect(renewalStatus(t.value, day)).toBe(status);
    expect(renewalDates(t.value.endDate, U)).toMatchObject({
      renewalOpensOn: null,
      opensClause: null,
      dueClause: '乌兰察布办法 第二十一条',
    });
  });

  it('运营方设定（续租申请开始受理日期）: a district may open applications later, and it is shown as its setting', () => {
    const district = resolvePolicy(U, {
      lease: { renewalOpensMonthsBefore: { value: 3, example: false, decidedBy: '集宁区住房保障部门' } },
    });
    const t = leaseTerm('2024-01-01', 3, district);
    if (!t.ok) throw new Error('term');
    expect(t.value.renewalOpensOn).toBe('2026-06-30');
    expect(renewalStatus(t.value, '2026-06-29')).toBe('not_yet');
    expect(renewalStatus(t.value, '2026-06-30')).toBe('open');
    expect(renewalDates(t.value.endDate, district).opensClause).toBe(
      '运营方设定（续租申请开始受理日期，集宁区住房保障部门）',
    );
  });
});

describe('exit and disqualification (Ulanqab Art. 31–33, 37, 38)', () => {
  it.each([
    [
      'Ulanqab Art.32(1), 37: false information',
      { falseInformation: true },
      'false_information',
      true,
      1_000_00,
      true,
    ],
    [
      'Ulanqab Art.32(3), 38(5): 6 months vacant',
      { consecutiveVacantMonths: 6 },
      'vacant_6_months',
      true,
      1_000_00,
      true,
    ],
    [
      'Ulanqab Art.32(4), 38(6): 6 months arrears',
      { cumulativeArrearsMonths: 6 },
      'arrears_6_months',
      true,
      1_000_00,
      true,
    ],
    [
      'Ulanqab Art.32(5): expired without renewal',
      { leaseExpiredWithoutRenewalApplication: true },
      'expired_without_renewal',
      false,
      0,
      false,
    ],
    ['Ulanqab Art.32(6): renewal refused', { renewalRefused: true }, 'renewal_refused', false, 0, false],
    ['Ulanqab Art.31: no longer eligible', { noLongerEligible: true }, 'no_longer_eligible', false, 0, false],
    [
      'Ulanqab Art.38(1): sublet with 4,000 yuan gains → 12,000 yuan cap',
      { subletOrChangeOfUse: true, illegalGainsFen: 4_000_00 },
      'sublet_or_change_of_use',
      true,
      12_000_00,
      true,
    ],
    [
      'Ulanqab Art.38: 3× gains never above 30,000 yuan',
      { subletOrChangeOfUse: true, illegalGainsFen: 50_000_00 },
      'sublet_or_change_of_use',
      true,
      30_000_00,
      true,
    ],
  ] as const)('%s', (_n, facts, trigger, backPay, fine, ban) => {
    const found = evaluateExit({ consecutiveVacantMonths: 0, cumulativeArrearsMonths: 0, ...facts }, U);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      trigger,
      disqualify: true,
      marketRentBackPay: backPay,
      maxFineFen: fine,
      reapplyBan: ban,
    });
  });
  it.each([
    [
      'Ulanqab Art.38(3): damage or unauthorised renovation not restored',
      { damageOrUnauthorizedRenovation: true },
      'damage_or_renovation',
    ],
    ['Ulanqab Art.38(4): illegal activity in the unit', { illegalActivity: true }, 'illegal_activity'],
  ] as const)('%s', (_n, facts, trigger) => {
    const found = evaluateExit({ consecutiveVacantMonths: 0, cumulativeArrearsMonths: 0, ...facts }, U);
    expect(found.map((f) => f.trigger)).toEqual([trigger]);
    expect(found[0]).toMatchObject({ maxFineFen: 1_000_00, reapplyBan: true, marketRentBackPay: true });
    expect(found[0]!.clause).toContain('第三十八条');
  });

  it('Ulanqab Art.33, 37, 38: each consequence is spelled out with its clause', () => {
    const [f] = evaluateExit({ consecutiveVacantMonths: 0, cumulativeArrearsMonths: 6 }, U);
    expect(f!.consequences).toEqual([
      '取消保障资格，收回或回购住房（乌兰察布办法 第三十二条）',
      '书面通知并说明理由，当事人有异议可申诉（乌兰察布办法 第三十三条）',
      '按市场价格补缴自违规行为发生之日起的租金（乌兰察布办法 第三十七条、第三十八条）',
      '处以不超过 1000 元的罚款（乌兰察布办法 第三十二条(四)、第三十八条(六)）',
      '自退回住房之日起 5 年内不得再次申请（乌兰察布办法 第三十七条、第三十八条）',
    ]);
    const [late] = evaluateExit(
      { consecutiveVacantMonths: 0, cumulativeArrearsMonths: 0, noLongerEligible: true },
      U,
    );
    expect(late!.consequences[0]).toContain('逾期不腾退的，按市场价格交纳租金');
    expect(late!.consequences.join()).not.toContain('罚款');
  });

  it('Ulanqab Art.38: the gains-based cap applies to every Art. 38 violation', () => {
    const [f] = evaluateExit(
      { consecutiveVacantMonths: 8, cumulativeArrearsMonths: 0, illegalGainsFen: 2_500_00 },
      U,
    );
    expect(f).toMatchObject({ trigger: 'vacant_6_months', maxFineFen: 7_500_00 });
    expect(() => evaluateExit({ consecutiveVacantMonths: -1, cumulativeArrearsMonths: 0 }, U)).toThrow(
      '空置月数',
    );
  });

  it('5 months of arrears is not yet a trigger; several triggers are all reported', () => {
    expect(evaluateExit({ consecutiveVacantMonths: 5, cumulativeArrearsMonths: 5 }, U)).toEqual([]);
    expect(
      evaluateExit({ consecutiveVacantMonths: 7, cumulativeArrearsMonths: 9, renewalRefused: true }, U),
    ).toHaveLength(3);
  });
  it('Ulanqab Art.37: the ban ends 5 years after the unit is returned', () => {
    expect(reapplyBanEnds('2026-11-22', U)).toBe('2031-11-22');
  });
  it('property: the fine cap never exceeds 30,000 yuan nor 3× the gains', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000_000 }), (gains) => {
        const cap = maxFineFen(gains, U);
        expect(cap).toBeLessThanOrEqual(30_000_00);
        expect(cap).toBeLessThanOrEqual(gains * 3);
      }),
    );
  });
});

describe('sale of units (Ulanqab Art. 15, 19, 20, 25)', () => {
  it('Ulanqab Art.15: at most 50% of a project', () => {
    expect(checkSaleQuota(101, 40, 10, U)).toEqual([]);
    expect(checkSaleQuota(101, 40, 11, U)[0]!.code).toBe('SALE_QUOTA');
  });
  it('Ulanqab Art.15: 70% of market, or 80–100% of cost', () => {
    const r = salePriceRange(500_000_00, 300_000_00, U);
    expect(r).toEqual({ marketBasedFen: 350_000_00, costMinFen: 240_000_00, costMaxFen: 300_000_00 });
    expect(checkSalePrice(350_000_00, r, U)).toEqual([]);
    expect(checkSalePrice(250_000_00, r, U)).toEqual([]);
    expect(checkSalePrice(239_999_99, r, U)[0]!.code).toBe('SALE_PRICE');
    expect(checkSalePrice(300_000_01, r, U)[0]!.code).toBe('SALE_PRICE');
  });
  it('Ulanqab Art.25: maintenance fund 2% of the price', () =>
    expect(maintenanceFundFen(250_000_00, U)).toBe(5_000_00));
  it('Ulanqab Art.20: five-year resale lock with government buy-back', () => {
    const locked = resaleStatus('2022-05-01', '2027-04-30', U);
    expect(locked).toMatchObject({
      mayResell: false,
      governmentBuyBackOnly: true,
      governmentFirstRefusal: false,
      lockedUntil: '2027-05-01',
    });
    expect(locked.conditions.join()).toContain('按原售价扣除折旧后回购');
    const free = resaleStatus('2022-05-01', '2027-05-01', U);
    expect(free).toMatchObject({
      mayResell: true,
      governmentBuyBackOnly: false,
      governmentFirstRefusal: true,
    });
    expect(free.conditions).toContain('补足所有优惠税费');
  });

  it('property: Ulanqab Art.15, 25: price bounds are whole fen, ordered, and the fund is 2% rounded half up', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000_000_00 }),
        fc.integer({ min: 1, max: 2_000_000_00 }),
        (market, cost) => {
          const r = salePriceRange(market, cost, U);
          for (const v of Object.values(r)) expect(Number.isInteger(v)).toBe(true);
          expect(r.costMinFen).toBeLessThanOrEqual(r.costMaxFen);
          expect(checkSalePrice(r.marketBasedFen, r, U)).toEqual([]);
          expect(checkSalePrice(r.costMinFen, r, U)).toEqual([]);
          expect(checkSalePrice(r.costMaxFen, r, U)).toEqual([]);
          expect(Math.abs(r.marketBasedFen - market * 0.7)).toBeLessThanOrEqual(0.5 + 1e-6);
          const fund = maintenanceFundFen(cost, U);
          expect(Number.isInteger(fund)).toBe(true);
          expect(Math.abs(fund - cost * 0.02)).toBeLessThanOrEqual(0.5 + 1e-6);
        },
      ),
    );
  });
});

describe('review workflow (Ulanqab Art. 13: 三审三公示)', () => {
  it('the happy path passes three reviews and three notices', () => {
    const path: ReviewEvent[] = [
      'accept',
      'pass',
      'notice_clear',
      'pass',
      'notice_clear',
      'pass',
      'notice_clear',
    ];
    let state: ReviewState = 'submitted';
    for (const e of path) {
      const d = reviewTransition(state, e, U);
      if (!d.ok) throw new Error(`${state} + ${e}`);
      state = d.value;
    }
    expect(state).toBe('approved');
  });
  it.each([
    [
      'Ulanqab Art.13: an objection during a notice returns to that review',
      'second_notice',
      'objection',
      'second_review',
    ],
    ['Ulanqab Art.13: a failed final review is rejected', 'final_review', 'fail', 'rejected'],
  ] as const)('%s', (_n, from, event, to) =>
    expect(reviewTransition(from, event, U)).toMatchObject({ ok: true, value: to }),
  );
  it.each([
    ['Ulanqab Art.13: no approval without the final notice', 'final_review', 'notice_clear'],
    ['Ulanqab Art.13: nothing moves after rejection', 'rejected', 'pass'],
    ['Ulanqab Art.13: a review cannot be skipped', 'initial_notice', 'pass'],
  ] as const)('%s', (_n, from, event) => {
    const d = reviewTransition(from, event, U);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reasons[0]!.message).toMatch(/不能进行该操作/);
  });
});

describe('public notices', () => {
  it('Ulanqab Art.13: a public notice of N days ends on day N (local value, 7 by example)', () => {
    expect(publicNoticeEnds('2026-11-23', U)).toBe('2026-11-29');
  });

  it.each([
    [
      'Wuchang 2(2)3 公示: a 7-day notice published 2026-12-01 ends 2026-12-07',
      '2026-12-01',
      7,
      '2026-12-07',
    ],
    ['Wuchang 2(2)3 公示: a 1-day notice ends the day it is published', '2026-12-01', 1, '2026-12-01'],
    ['Ulanqab Art.13 公示: a notice runs across a month end', '2026-11-28', 5, '2026-12-02'],
  ])('%s', (_n, start, days, end) => {
    expect(noticePeriodEnds(start, days)).toBe(end);
    expect(noticeRunning(end, end)).toBe(true);
    expect(noticeRunning(end, dayAfterNotice(end))).toBe(false);
  });

  it('a notice of 0 days is refused', () => {
    expect(() => noticePeriodEnds('2026-12-01', 0)).toThrow('至少 1 天');
  });
});

describe('unit exchange (Ulanqab Art. 24)', () => {
  const a = { leaseId: 'l1', unitId: 'u1', leaseActive: true, reason: 'schooling' as const };
  const b = { leaseId: 'l2', unitId: 'u2', leaseActive: true, reason: null };
  it('Ulanqab Art.24: with a special reason and the operator’s consent the units swap', () => {
    expect(checkExchange(a, b, true, U)).toEqual({
      ok: true,
      value: { aGets: 'u2', bGets: 'u1' },
      reasons: [],
    });
  });
  it.each([
    ['Ulanqab Art.24, 38(1): without consent it is 擅自调换', [a, b, false], 'EXCHANGE_CONSENT'],
    ['Ulanqab Art.24: a special reason is needed', [{ ...a, reason: null }, b, true], 'EXCHANGE_REASON'],
    [
      'Ulanqab Art.24: both leases must be in force',
      [a, { ...b, leaseActive: false }, true],
      'EXCHANGE_LEASE',
    ],
  ] as const)('%s', (_n, [x, y, consent], code) => {
    const d = checkExchange(x, y, consent, U);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reasons.map((r) => r.code)).toContain(code);
  });
});

describe('选房 → 公示 → 签约 (Wuchang 2(2)3)', () => {
  const none = { pendingAgainstHousehold: 0, pendingUnnamed: 0, pendingAgainstOthers: 0 };
  const ends = '2026-12-07';
  it.each([
    [
      'Wuchang 2(2)3: no signing before the results are publicised',
      { ...none, noticeEndsOn: null },
      '2026-12-20',
      ['RESULTS_NOT_PUBLISHED'],
    ],
    [
      'Wuchang 2(2)3: no signing on the notice’s last day',
      { ...none, noticeEndsOn: ends },
      ends,
      ['NOTICE_RUNNING'],
    ],
    [
      'Wuchang 2(2)3: signing opens the day after the notice',
      { ...none, noticeEndsOn: ends },
      '2026-12-08',
      [],
    ],
    [
      'Wuchang 2(2)3: a pending objection against the household holds its lease after the notice',
      { ...none, noticeEndsOn: ends, pendingAgainstHousehold: 1 },
      '2026-12-08',
      ['OBJECTION_PENDING'],
    ],
    [
      '运营方设定（公示期异议的处理方式）: an objection naming nobody holds the round',
      { ...none, noticeEndsOn: ends, pendingUnnamed: 1 },
      '2026-12-08',
      ['OBJECTION_PENDING_ROUND'],
    ],
    [
      '运营方设定（公示期异议的处理方式）: an objection against another household does not hold this one',
      { ...none, noticeEndsOn: ends, pendingAgainstOthers: 2 },
      '2026-12-08',
      [],
    ],
    [
      'Wuchang 2(2)3: during the notice with an objection, both reasons are given',
      { ...none, noticeEndsOn: ends, pendingAgainstHousehold: 1 },
      '2026-12-03',
      ['NOTICE_RUNNING', 'OBJECTION_PENDING'],
    ],
  ] as const)('%s', (_n, facts, today, codes) => {
    const d = checkSigningOpen(facts, today, W);
    expect(d.reasons.map((r) => r.code)).toEqual(codes);
    expect(d.ok).toBe(codes.length === 0);
  });

  it('Wuchang 2(2)3: the refusal says why, from when, and cites the district', () => {
    const d = checkSigningOpen({ ...none, noticeEndsOn: ends, pendingAgainstHousehold: 1 }, '2026-12-05', W);
    expect(d.reasons[0]).toMatchObject({
      clause: '武昌调研报告 二(二)三 摇号分配：公告→登记→摇号→选房→公示→签约',
      message: '选房结果公示至 2026-12-07，公示期满后方可签约：最早 2026-12-08 起可签约。',
    });
    expect(d.reasons[1]!.clause).toBe('运营方设定（公示期异议的处理方式，武昌区住房保障部门，示例值）');
  });

  it('运营方设定（公示期异议的处理方式）: with hold_round any pending objection holds every lease', () => {
    const strict = resolvePolicy(W, {
      allocation: {
        objectionEffect: { value: 'hold_round', example: false, decidedBy: '武昌区住房保障部门' },
      },
    });
    const d = checkSigningOpen(
      { ...none, noticeEndsOn: ends, pendingAgainstOthers: 1 },
      '2026-12-08',
      strict,
    );
    expect(d.reasons.map((r) => r.code)).toEqual(['OBJECTION_PENDING_ROUND']);
  });
});

describe('运营方设定（放弃选房的处理）', () => {
  const windows = planSelectionWindows(['a', 'b', 'c'], T0, W);
  it('by default a household that waives leaves the round, and the waiver names the setting', () => {
    const { windows: next, waiver } = applyWaiver(windows, 'a', T0 + 5 * MIN, W);
    expect(next.map((w) => w.applicationId)).toEqual(['b', 'c']);
    expect(waiver.clause).toBe('运营方设定（放弃选房的处理，武昌区住房保障部门，示例值）');
  });
  it('a district may instead move it to the end of the order', () => {
    const keep = resolvePolicy(W, {
      selection: { waiverLeavesRound: { value: false, example: false, decidedBy: '武昌区住房保障部门' } },
    });
    const { windows: next } = applyWaiver(windows, 'a', T0 + 5 * MIN, keep);
    expect(next.map((w) => [w.applicationId, w.turn, (w.opensAt - T0) / MIN])).toEqual([
      ['b', 1, 5],
      ['c', 2, 35],
      ['a', 3, 65],
    ]);
  });
});
