import fc from 'fast-check';
import { median, repairStatistics, type RepairFact } from '@shared/rules/repair-stats.rule';

const H = 3_600_000;
const t0 = Date.parse('2026-10-01T00:00:00Z');

function fact(over: Partial<RepairFact>): RepairFact {
  return {
    category: 'water',
    kind: 'repair',
    status: 'submitted',
    buildingLabel: '1栋',
    month: '2026-10',
    createdAt: t0,
    deadline: t0 + 48 * H,
    doneAt: null,
    rating: null,
    ...over,
  };
}

/** 武昌调研报告 二(一)二: the operator's repair figures. */
describe('repair statistics (武昌调研报告 二(一)二)', () => {
  it.each([
    ['odd count: the middle value', [5, 1, 3], 3],
    ['even count: mean of the two middle values', [4, 1, 3, 2], 2.5],
    ['empty: no median', [], null],
  ])('median, %s', (_name, values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('counts per category, median hours to done, overdue (late done or open past deadline) and ratings', () => {
    const now = t0 + 100 * H;
    const facts = [
      fact({ status: 'confirmed', doneAt: t0 + 10 * H, rating: { good: true, reasons: [] } }),
      fact({ status: 'done', doneAt: t0 + 60 * H }), // done after its 48 h deadline: late
      fact({ status: 'assigned' }), // open past the deadline at `now`: late
      fact({
        category: 'gas',
        status: 'confirmed',
        doneAt: t0 + 2 * H,
        rating: { good: false, reasons: ['slow', 'rude'] },
      }),
      fact({ category: 'gas', status: 'rejected', buildingLabel: '2栋', month: '2026-11' }), // rejected: never late
    ];
    const s = repairStatistics(facts, now);
    expect(s.overall).toMatchObject({
      total: 5,
      finished: 3,
      medianHours: 10,
      overdue: 2,
      overdueRate: 0.4,
      good: 1,
      poor: 1,
    });
    expect(s.byCategory.map((r) => [r.key, r.label, r.total, r.medianHours])).toEqual([
      ['water', '水路', 3, 35],
      ['gas', '燃气', 2, 2],
    ]);
    expect(s.byBuilding.map((r) => [r.key, r.total])).toEqual([
      ['1栋', 4],
      ['2栋', 1],
    ]);
    expect(s.byMonth.map((r) => [r.key, r.total])).toEqual([
      ['2026-10', 4],
      ['2026-11', 1],
    ]);
    expect(s.poorReasons).toEqual([
      { reason: 'rude', count: 1 },
      { reason: 'slow', count: 1 },
    ]);
  });

  it('an open request is not late before its deadline', () => {
    const s = repairStatistics([fact({ status: 'in_progress' })], t0 + 47 * H);
    expect(s.overall).toMatchObject({ overdue: 0, overdueRate: 0, medianHours: null });
  });

  it('property: the groups partition the requests and rates stay within 0..1', () => {
    const arb = fc.array(
      fc.record({
        category: fc.constantFrom(...(['water', 'gas', 'other'] as const)),
        status: fc.constantFrom(...(['submitted', 'done', 'confirmed', 'rejected'] as const)),
        building: fc.constantFrom('1栋', '2栋', '3栋'),
        month: fc.constantFrom('2026-09', '2026-10'),
        doneAfterH: fc.integer({ min: 0, max: 200 }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const facts = rows.map((r) =>
          fact({
            category: r.category,
            status: r.status,
            buildingLabel: r.building,
            month: r.month,
            doneAt: r.status === 'done' || r.status === 'confirmed' ? t0 + r.doneAfterH * H : null,
          }),
        );
        const s = repairStatistics(facts, t0 + 72 * H);
        const sum = (rs: { total: number }[]) => rs.reduce((a, r) => a + r.total, 0);
        expect(sum(s.byCategory)).toBe(facts.length);
        expect(sum(s.byBuilding)).toBe(facts.length);
        expect(sum(s.byMonth)).toBe(facts.length);
        for (const r of [s.overall, ...s.byCategory]) {
          expect(r.overdueRate).toBeGreaterThanOrEqual(0);
          expect(r.overdueRate).toBeLessThanOrEqual(1);
          expect(r.overdue).toBeLessThanOrEqual(r.total);
        }
      }),
    );
  });
});
