import {
  applyWaiver,
  canSwitchToSubsidy,
  checkEligibility,
  checkExchange,
  checkOneUnit,
  checkPlanCoversOnce,
  checkSaleQuota,
  checkSalePrice,
  checkSelectionWindow,
  checkSigningOpen,
  checkSocialInvestmentSale,
  checkSubsidyHukou,
  deceptionPenalty,
  estateAgentPenalty,
  evaluateExit,
  existingTenantRent,
  isSettingCitation,
  leaseTerm,
  operatorPenalty,
  patrolRectifyClause,
  patrolVacancyClause,
  planSelectionWindows,
  PRESETS,
  priorityOrderClause,
  priorityTiers,
  quoteRent,
  quoteSubsidy,
  renewalDates,
  renewSubsidyAgreement,
  resaleStatus,
  reviewTransition,
  salePriceRange,
  seasonalPatrolsFor,
  specialCareClause,
  validateDraw,
  validateUnitMix,
  waitlistClause,
  type PolicyPreset,
} from '@shared/rules';
import { arrearsExitRule, billLines } from '@shared/rules/billing.rule';
import { patrolPlanClause } from '@shared/rules/patrol-plan.rule';
import { repairDeadlineClause } from '@shared/rules/repair-deadline.rule';
import { repairTransition } from '@shared/rules/repair-flow.rule';
import { repairStatsClause } from '@shared/rules/repair-stats.rule';

/**
 * Each district speaks its own law: every reason, line, consequence and label a rule produces, rendered for
 * each rule area under each preset, cites only that district's own document or names its setting
 * (运营方设定). A Wuchang tenant never reads 乌兰察布办法 on a lease, a bill or a refusal.
 */
function renderAll(p: PolicyPreset): Record<string, string[]> {
  const clauses = (rs: readonly { clause: string }[]) => rs.map((r) => r.clause);
  const texts = (rs: readonly { clause: string; message: string }[]) =>
    rs.map((r) => `${r.message}（${r.clause}）`);
  const windows = planSelectionWindows(['a', 'b'], 0, p);
  const subsidyRefused = quoteSubsidy(
    {
      category: 'new_employee',
      persons: 1,
      ownedAreaPerPersonM2: 20,
      monthlyRentFen: 100,
      hasAllocatedUnit: true,
      localHukou: false,
    },
    p,
  );
  const term = leaseTerm('2026-01-01', 3, p);
  const exits = evaluateExit(
    {
      falseInformation: true,
      subletOrChangeOfUse: true,
      damageOrUnauthorizedRenovation: true,
      illegalActivity: true,
      consecutiveVacantMonths: 12,
      cumulativeArrearsMonths: 12,
      leaseExpiredWithoutRenewalApplication: true,
      renewalRefused: true,
      noLongerEligible: true,
    },
    p,
  );
  return {
    eligibility: texts(
      checkEligibility(
        {
          category: 'migrant_worker',
          applicantBirthDate: '2015-01-01',
          members: 1,
          monthlyIncomePerPersonFen: 99_999_00,
          ownedHomeAreaM2: 100,
          rentsLowRentUnit: true,
          publicRentalUnits: 1,
          lastDisqualifiedOn: '2025-01-01',
          falseInformation: true,
        },
        p,
        '2026-06-01',
      ).reasons,
    ),
    review: texts(reviewTransition('rejected', 'pass', p).reasons),
    priority: [...clauses(priorityTiers(p)), priorityOrderClause(p), waitlistClause(p)],
    lottery: texts(validateDraw('short', '0'.repeat(64), [{ applicationId: 'bad id', tier: 1 }], p)),
    selection: [
      ...texts(checkSelectionWindow(windows, 'zz', 0, p).reasons),
      applyWaiver(windows, 'a', 0, p).waiver.clause,
    ],
    signing: texts(
      checkSigningOpen(
        {
          noticeEndsOn: '2026-12-07',
          pendingAgainstHousehold: 1,
          pendingUnnamed: 0,
          pendingAgainstOthers: 0,
        },
        '2026-12-01',
        p,
      ).reasons,
    ),
    oneUnit: texts(
      checkOneUnit(
        [{ kind: 'lease', sourceId: 'l-1', unitId: 'u-1', unitLabel: '3栋-502', place: '和谐新城' }],
        p,
      ).reasons,
    ),
    unitMix: texts(validateUnitMix([{ id: 'x', areaM2: 120, highRise: false }], p).violations),
    rent: [
      ...clauses(
        quoteRent({ areaM2: 40, monthlyIncomePerPersonFen: 0, specialHardship: true, purchasedShare: 0.5 }, p)
          .lines,
      ),
      existingTenantRent(100_00, false, { areaM2: 40, monthlyIncomePerPersonFen: 0 }, p).clause,
    ],
    bill: clauses(
      billLines(
        {
          marketRentFen: 1_000_00,
          monthlyIncomePerPersonFen: 0,
          specialHardship: true,
          purchasedShare: 0,
          category: 'dibao',
          persons: 2,
          ownedAreaPerPersonM2: 0,
          utilities: [],
        },
        p,
      ).lines.filter((l) => l.clause),
    ),
    arrears: [arrearsExitRule(p)],
    subsidy: [
      ...texts(subsidyRefused.reasons),
      subsidyRefused.clause,
      ...texts(canSwitchToSubsidy('2027-01-01', '2026-12-31', p)),
      ...texts(renewSubsidyAgreement('2026-01-01', subsidyRefused, p).reasons),
      ...texts(
        checkSubsidyHukou(
          {
            relation: 'other',
            birthDate: '1990-01-01',
            countyUrbanHukou: false,
            worksOrLivesInCounty: false,
            cityUrbanHukou: false,
            worksOrLivesInCityUrbanArea: false,
          },
          '2026-01-01',
          p,
        ),
      ),
    ],
    lease: [
      ...texts(leaseTerm('2026-01-01', 9, p).reasons),
      ...(term.ok ? [renewalDates(term.value.endDate, p).dueClause] : []),
    ],
    exit: exits.flatMap((f) => [f.clause, ...f.consequences]),
    penalties: [
      ...(['waitlisted', 'renting', 'purchased'] as const).map((s) => deceptionPenalty(s, p).clause),
      operatorPenalty('changed_use', p).clause,
      estateAgentPenalty('agency', p).clause,
    ],
    sale: [
      ...texts(checkSaleQuota(10, 5, 5, p)),
      ...texts(checkSalePrice(1, salePriceRange(100_00, 100_00, p), p)),
      resaleStatus('2020-01-01', '2026-01-01', p).clause,
      ...texts(
        checkSocialInvestmentSale(
          {
            sociallyInvested: false,
            landByTransfer: false,
            firstLetOn: '2026-01-01',
            saleOn: '2026-02-01',
            costFen: 100,
            priceFen: 200,
            guidePriceFen: null,
          },
          p,
        ),
      ),
    ],
    exchange: texts(
      checkExchange(
        { leaseId: 'l', unitId: 'u', leaseActive: false, reason: null },
        { leaseId: 'l', unitId: 'u', leaseActive: false, reason: null },
        false,
        p,
      ).reasons,
    ),
    patrol: [
      ...texts(checkPlanCoversOnce(['u1'], ['u2', 'u2'], p)),
      ...seasonalPatrolsFor(7, p).map((s) => s.clause),
      specialCareClause(p),
      patrolRectifyClause(p),
      patrolVacancyClause(p),
      patrolPlanClause(p),
    ],
    repair: [
      repairDeadlineClause(true, p),
      repairDeadlineClause(false, p),
      repairStatsClause(p),
      ...texts(
        repairTransition('submitted', 'confirm', 'worker', { now: 0, doneAt: null, policy: p }).reasons,
      ),
      ...texts(repairTransition('done', 'reopen', 'tenant', { now: 9e12, doneAt: 0, policy: p }).reasons),
    ],
  };
}

const DOCUMENTS = { U: '乌兰察布办法', H: '惠州租赁补贴办法', W: '武昌调研报告' };
const FOREIGN: Record<string, string[]> = {
  ulanqab: ['惠州', '武昌', '武汉'],
  huizhou: ['乌兰察布', '武昌', '武汉'],
  'wuhan-wuchang': ['乌兰察布', '惠州'],
};
const cases = Object.values(PRESETS).flatMap((p) =>
  Object.entries(renderAll(p)).map(([area, strings]) => [p.id, area, p, strings] as const),
);

/** The top-level （…） groups of a text, nested brackets included (惠州市县（区）… sits inside a setting). */
function bracketGroups(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '（' && depth++ === 0) start = i + 1;
    if (text[i] === '）' && --depth === 0) out.push(text.slice(start, i));
  }
  return out;
}

/** The citations inside a rendered text: each bracketed part naming a document or a setting. */
const citationsIn = (text: string): string[] =>
  bracketGroups(text)
    .filter((inner) => /办法|报告|运营方设定/.test(inner))
    .flatMap((inner) => inner.split('；'));

describe('each district speaks its own law', () => {
  it.each(cases)(
    '%s, %s: every citation is the district’s own clause or its setting',
    (id, _area, p, strings) => {
      expect(strings.length).toBeGreaterThan(0);
      for (const s of strings) {
        for (const name of FOREIGN[id]!) expect(s).not.toContain(name);
        // A bare citation (a clause, a setting, or several joined by ；) or a text with its citations in （）.
        const bare = [...Object.values(DOCUMENTS), '运营方设定'].some((d) => s.startsWith(d));
        const cited = bare ? s.split('；') : citationsIn(s);
        expect(cited.length).toBeGreaterThan(0);
        for (const c of cited) expect(c.startsWith(p.documents[0]!) || isSettingCitation(c)).toBe(true);
      }
    },
  );

  it('Wuchang: no rule area cites Ulanqab, and what Wuchang’s report does not decide says 运营方设定 and 示例值', () => {
    const all = Object.values(renderAll(PRESETS['wuhan-wuchang'])).flat().join('\n');
    expect(all).not.toContain('乌兰察布');
    expect(all).toContain('运营方设定（租赁期限，武昌区住房保障部门，示例值）');
    expect(all).toContain('武昌调研报告 二(二)三 摇号分配：公告→登记→摇号→选房→公示→签约');
  });

  it('Huizhou: no rule area cites Ulanqab; its subsidy rules cite its own measures', () => {
    const all = Object.values(renderAll(PRESETS.huizhou)).flat().join('\n');
    expect(all).not.toContain('乌兰察布');
    expect(all).toContain('惠州租赁补贴办法 链接1(3) 低保、特困、低收入');
    expect(all).toContain('运营方设定（租金按收入分档，惠州市县（区）住房保障主管部门，示例值）');
  });
});
