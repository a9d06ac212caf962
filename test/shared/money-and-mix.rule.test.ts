import fc from 'fast-check';
import {
  allocateFen,
  classifyUnit,
  roundHalfUpFen,
  ULANQAB_PRESET as P,
  validateUnitMix,
  type UnitForMix,
} from '@shared/rules';

describe('money (conventions §8: integer fen, named rounding)', () => {
  it.each([
    [1.5, 2],
    [2.5, 3],
    [-2.5, -3],
    [100.4999, 100],
    [1.005 * 100, 101],
    [0.4, 0],
  ])('roundHalfUpFen(%p) = %p', (v, out) => expect(roundHalfUpFen(v)).toBe(out));

  it('property: a split conserves the total and never goes negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 12 }),
        (total, weights) => {
          const parts = allocateFen(total, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          expect(parts.every((p) => Number.isInteger(p) && p >= 0)).toBe(true);
        },
      ),
    );
  });

  it('refuses a split of fractional fen or bad weights', () => {
    expect(() => allocateFen(10.5, [1])).toThrow('整数分');
    expect(() => allocateFen(10, [])).toThrow('权重');
  });
});

describe('unit sizes and project mix (Ulanqab Art. 8)', () => {
  const unit = (id: string, areaM2: number, highRise = false): UnitForMix => ({ id, areaM2, highRise });
  it.each([
    ['Ulanqab Art.8: 49.99 m² is small', 49.99, false, 'small'],
    ['Ulanqab Art.8: "50平方米以下" includes 50 m² (small)', 50, false, 'small'],
    ['Ulanqab Art.8: 50.01 m² is medium', 50.01, false, 'medium'],
    ['Ulanqab Art.8: 80 m² is the medium cap', 80, false, 'medium'],
    ['Ulanqab Art.8: 80.01 m² is too large below high-rise', 80.01, false, 'oversize'],
    ['Ulanqab Art.8: 90 m² allowed in high-rise', 90, true, 'medium'],
    ['Ulanqab Art.8: 90.5 m² too large even in high-rise', 90.5, true, 'oversize'],
  ] as const)('%s', (_n, area, highRise, size) =>
    expect(classifyUnit({ areaM2: area, highRise }, P)).toBe(size),
  );

  it('Ulanqab Art.8: a compliant project passes with its figures', () => {
    const units = [
      ...Array.from({ length: 17 }, (_, i) => unit(`s${i}`, 45)),
      unit('m1', 70),
      unit('m2', 60),
      unit('m3', 55),
    ];
    const r = validateUnitMix(units, P);
    expect(r).toMatchObject({ ok: true, small: 17, medium: 3, oversize: 0, averageAreaM2: 47.5 });
    expect(r.mediumShare).toBeCloseTo(0.15);
  });

  it('Ulanqab Art.8: each violation is explained', () => {
    const units = [unit('a', 40), unit('b', 85), unit('c', 95, true), unit('d', 75), unit('e', 0)];
    const r = validateUnitMix(units, P);
    expect(r.ok).toBe(false);
    expect(r.violations.map((v) => v.code).sort()).toEqual([
      'AREA_INVALID',
      'AVERAGE_TOO_LARGE',
      'TOO_MANY_MEDIUM',
      'UNIT_TOO_LARGE',
      'UNIT_TOO_LARGE',
    ]);
    expect(r.violations.find((v) => v.message.includes('房源 c'))!.message).toContain('（高层）');
    expect(r.violations.every((v) => v.clause === '乌兰察布办法 第八条')).toBe(true);
  });

  it('property: Ulanqab Art.8: counts add up and each rule fires exactly when its figure is out of bounds', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            areaM2: fc.integer({ min: 3000, max: 9500 }).map((x) => x / 100),
            highRise: fc.boolean(),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        (list) => {
          const units = list.map((u, i) => unit(`u${i}`, u.areaM2, u.highRise));
          const r = validateUnitMix(units, P);
          expect(r.small + r.medium + r.oversize).toBe(units.length);
          const codes = r.violations.map((v) => v.code);
          const big = units.filter((u) => u.areaM2 > (u.highRise ? 90 : 80)).length;
          expect(codes.filter((c) => c === 'UNIT_TOO_LARGE')).toHaveLength(big);
          const share = units.filter((u) => u.areaM2 > 50).length / units.length;
          expect(codes.includes('TOO_MANY_MEDIUM')).toBe(share > 0.15);
          const avg = units.reduce((s, u) => s + u.areaM2, 0) / units.length;
          expect(codes.includes('AVERAGE_TOO_LARGE')).toBe(Math.round(avg * 100) / 100 > 65);
          expect(r.ok).toBe(codes.length === 0);
        },
      ),
    );
  });

  it('an empty project has no violations and zero figures', () => {
    expect(validateUnitMix([], P)).toMatchObject({ ok: true, units: 0, averageAreaM2: 0 });
  });
});
