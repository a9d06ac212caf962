import fc from 'fast-check';
import { WUCHANG_PRESET as W } from '@shared/policy/presets/district.presets';
import { resolvePolicy } from '@shared/policy/policy-preset';
import {
  checkPlanCoversOnce,
  hazardDeadline,
  isHazardOverdue,
  missedCheckEscalationDue,
  nextAttemptOn,
  notReachedEscalationDue,
  PATROL_OPERATOR_DEFAULTS as D,
} from '@shared/rules/patrol.rule';
import { planRoutes, type PlanUnit } from '@shared/rules/patrol-plan.rule';

const H = 3_600_000;
const building = (id: string, projectId = 'p1') => ({ id, projectId, name: id });
const unitsOf = (buildingId: string, floors: number, perFloor: number): PlanUnit[] =>
  Array.from({ length: floors * perFloor }, (_, i) => ({
    id: `${buildingId}-${Math.floor(i / perFloor) + 1}0${(i % perFloor) + 1}`,
    buildingId,
    floor: Math.floor(i / perFloor) + 1,
    label: `${Math.floor(i / perFloor) + 1}0${(i % perFloor) + 1}`,
  }));
const base = {
  runId: 'q-2026-Q4',
  from: '2026-10-01',
  to: '2026-12-31',
  maxUnitsPerRoute: 12,
  scope: 'homes_and_public' as const,
};

describe('patrol plan (Wuchang 2(3)3: quarterly full-coverage home patrol, public areas)', () => {
  it('Wuchang 2(3)3: routes are whole consecutive floors of one building, public areas in the first route', () => {
    const routes = planRoutes({
      ...base,
      buildings: [building('b1'), building('b2')],
      units: [...unitsOf('b1', 6, 4), ...unitsOf('b2', 2, 3)],
      volunteerIds: ['v1'],
    });
    expect(routes.map((r) => [r.id, r.floorFrom, r.floorTo, r.unitIds.length, r.includesPublicArea])).toEqual(
      [
        ['q-2026-Q4-b1-r01', 1, 3, 12, true],
        ['q-2026-Q4-b1-r02', 4, 6, 12, false],
        ['q-2026-Q4-b2-r01', 1, 2, 6, true],
      ],
    );
  });

  it('Wuchang 2(3)3: a building with no occupied unit still gets its public-area check; homes-only patrols skip it', () => {
    const input = { ...base, buildings: [building('b1')], units: [], volunteerIds: [] };
    expect(planRoutes(input)).toMatchObject([
      { unitIds: [], includesPublicArea: true, volunteerUserId: null },
    ]);
    expect(planRoutes({ ...input, scope: 'homes' })).toEqual([]);
  });

  it('Wuchang 2(3)3: routes are shared out by load and spread over the period per volunteer', () => {
    const routes = planRoutes({
      ...base,
      buildings: [building('b1'), building('b2')],
      units: [...unitsOf('b1', 12, 4), ...unitsOf('b2', 12, 4)],
      volunteerIds: ['v2', 'v1'],
    });
    const load = (v: string) =>
      routes.filter((r) => r.volunteerUserId === v).reduce((n, r) => n + r.unitIds.length, 0);
    expect(Math.abs(load('v1') - load('v2'))).toBeLessThanOrEqual(12);
    const v1 = routes.filter((r) => r.volunteerUserId === 'v1').map((r) => r.plannedOn);
    expect(v1[0]).toBe('2026-10-01');
    expect(v1).toEqual([...v1].sort());
    expect(v1.every((d) => d <= '2026-12-31')).toBe(true);
  });

  it('Wuchang 2(3)3: every unit exactly once, whatever the buildings, floors, duplicates and volunteers (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            b: fc.integer({ min: 1, max: 4 }),
            floor: fc.integer({ min: 1, max: 30 }),
            n: fc.nat(50),
          }),
          { maxLength: 200 },
        ),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.constantFrom('v1', 'v2', 'v3'), { maxLength: 3 }),
        (rows, max, volunteers) => {
          const units = rows.map((r) => ({
            id: `u-b${r.b}-${r.floor}-${r.n}`,
            buildingId: `b${r.b}`,
            floor: r.floor,
            label: `${r.floor}-${r.n}`,
          }));
          const buildings = [1, 2, 3, 4].map((b) => building(`b${b}`));
          const routes = planRoutes({
            ...base,
            buildings,
            units,
            volunteerIds: volunteers,
            maxUnitsPerRoute: max,
          });
          const ids = [...new Set(units.map((u) => u.id))];
          expect(
            checkPlanCoversOnce(
              ids,
              routes.flatMap((r) => r.unitIds),
              W,
            ),
          ).toEqual([]);
          expect(routes.every((r) => r.unitIds.length <= max)).toBe(true);
          expect(routes.filter((r) => r.includesPublicArea)).toHaveLength(4);
          expect(new Set(routes.map((r) => r.id)).size).toBe(routes.length);
          // Every route goes to a volunteer of the project, or waits unassigned when it has none.
          expect(
            routes.every((r) =>
              volunteers.length ? volunteers.includes(r.volunteerUserId ?? '') : r.volunteerUserId === null,
            ),
          ).toBe(true);
          // Deterministic: the same input plans the same routes.
          expect(
            planRoutes({ ...base, buildings, units, volunteerIds: volunteers, maxUnitsPerRoute: max }),
          ).toEqual(routes);
        },
      ),
    );
  });
});

describe('hazards, second attempts and special-care escalation (Wuchang 2(3)2, 2(3)3, 2(3)4)', () => {
  it.each([
    ['Wuchang 2(3)2 (operator setting): immediate danger within 24 h', 'immediate', 24],
    ['Wuchang 2(3)2 (operator setting): serious within 7 days', 'serious', 7 * 24],
    ['Wuchang 2(3)2 (operator setting): minor within 30 days', 'minor', 30 * 24],
  ] as const)('%s', (_name, severity, hours) => {
    expect(hazardDeadline(severity, 1_000, D)).toBe(1_000 + hours * H);
    expect(isHazardOverdue(hazardDeadline(severity, 0), hours * H, false)).toBe(false);
    expect(isHazardOverdue(hazardDeadline(severity, 0), hours * H + 1, false)).toBe(true);
    expect(isHazardOverdue(hazardDeadline(severity, 0), hours * H + 1, true)).toBe(false);
  });

  it('Wuchang 2(3)3: nobody home → another attempt 2 days later, at most 3 attempts a quarter', () => {
    expect(nextAttemptOn('2026-11-30', 1)).toBe('2026-12-02');
    expect(nextAttemptOn('2026-11-30', 2)).toBe('2026-12-02');
    expect(nextAttemptOn('2026-11-30', 3)).toBeNull();
    expect(nextAttemptOn('2026-11-30', 1, { ...D, nobodyHomeRetryDays: 3 })).toBe('2026-12-03');
  });

  it('Wuchang 2(3)4: not reached escalates after careEscalationHours (24 h example), not a minute before', () => {
    expect(notReachedEscalationDue(0, 24 * H - 1, W)).toBe(false);
    expect(notReachedEscalationDue(0, 24 * H, W)).toBe(true);
    const sixHours = resolvePolicy(W, {
      patrol: { careEscalationHours: { value: 6, example: false, decidedBy: '运营单位' } },
    });
    expect(notReachedEscalationDue(0, 6 * H, sixHours)).toBe(true);
    expect(missedCheckEscalationDue(100, 100 + 24 * H - 1, W)).toBe(false);
    expect(missedCheckEscalationDue(100, 100 + 24 * H, W)).toBe(true);
  });
});
