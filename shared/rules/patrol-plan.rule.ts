import type { PolicyPreset } from '../policy/policy-preset';
import { cite } from '../policy/sources';
import { addDays, assertIsoDate } from './dates';

/**
 * The quarter's patrol plan as a pure function (武昌调研报告 二(三)三: 每季度开展全覆盖入户安全巡查，并对小区内的公共
 * 设施设备、消防通道等进行安全检查): one project's occupied units and buildings in, routes out. A route is one
 * volunteer's walk through consecutive floors of one building; every unit is in exactly one route, every
 * building's public areas are in its first route. Deterministic: the same input gives the same routes, ids,
 * volunteers and dates (so a plan job that crashed half-way writes the same plan when it is rerun).
 */
/** What the plan rests on under the policy in force (`patrol.quarterly`). */
export const patrolPlanClause = (policy: PolicyPreset): string => cite(policy, 'patrol.quarterly');

export interface PlanUnit {
  id: string;
  buildingId: string;
  floor: number;
  label: string;
}

export interface PlanBuilding {
  id: string;
  projectId: string;
  name: string;
}

export type PlanScope = 'homes_and_public' | 'homes' | 'public_areas';

export interface PlannedRoute {
  /** `<runId>-<buildingId>-r<seq>` */
  id: string;
  projectId: string;
  buildingId: string;
  /** 1-based within the building, bottom floors first. */
  seq: number;
  floorFrom: number | null;
  floorTo: number | null;
  unitIds: string[];
  includesPublicArea: boolean;
  volunteerUserId: string | null;
  /** The day the route is planned for (ISO date), spread evenly over [from, to] per volunteer. */
  plannedOn: string;
}

export interface PlanInput {
  runId: string;
  buildings: readonly PlanBuilding[];
  /** Units of these buildings to visit (the occupied ones); units of other buildings are ignored. */
  units: readonly PlanUnit[];
  /** The project's volunteers (user ids); none leaves routes unassigned for the manager. */
  volunteerIds: readonly string[];
  /** First and last day to spread the routes over (ISO dates). */
  from: string;
  to: string;
  maxUnitsPerRoute: number;
  scope: PlanScope;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Splits a building's units into routes of whole consecutive floors of at most `max` units (a larger floor is split). */
function groupByFloors(units: PlanUnit[], max: number): PlanUnit[][] {
  const floors = new Map<number, PlanUnit[]>();
  for (const u of units) {
    const list = floors.get(u.floor);
    if (list) list.push(u);
    else floors.set(u.floor, [u]);
  }
  const groups: PlanUnit[][] = [];
  let current: PlanUnit[] = [];
  for (const floor of [...floors.keys()].sort((a, b) => a - b)) {
    const list = (floors.get(floor) ?? []).sort((a, b) => byString(a.label, b.label) || byString(a.id, b.id));
    if (current.length > 0 && current.length + list.length > max) {
      groups.push(current);
      current = [];
    }
    for (let i = 0; i < list.length; i += max) {
      const chunk = list.slice(i, i + max);
      if (current.length + chunk.length > max) {
        groups.push(current);
        current = [];
      }
      current.push(...chunk);
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/**
 * The routes of one project (`patrolPlanClause`). Routes are assigned to the least-loaded volunteer (load =
 * units + 1 per public-area check), keeping consecutive routes of a building with the same volunteer while
 * that volunteer is within one route of the lightest load; each volunteer's routes are then spread evenly
 * over the days from `from` to `to`.
 */
export function planRoutes(input: PlanInput): PlannedRoute[] {
  assertIsoDate(input.from, '开始日期');
  assertIsoDate(input.to, '结束日期');
  if (input.to < input.from) throw new RangeError('结束日期不能早于开始日期');
  if (!Number.isInteger(input.maxUnitsPerRoute) || input.maxUnitsPerRoute < 1)
    throw new RangeError('每条路线的户数必须是正整数');
  const withHomes = input.scope !== 'public_areas';
  const withPublic = input.scope !== 'homes';
  const buildings = [...input.buildings].sort((a, b) => byString(a.id, b.id));
  const unitsOf = new Map<string, PlanUnit[]>(buildings.map((b) => [b.id, []]));
  if (withHomes) {
    const seen = new Set<string>();
    for (const u of input.units) {
      if (seen.has(u.id)) continue; // a unit listed twice is still planned once
      seen.add(u.id);
      unitsOf.get(u.buildingId)?.push(u);
    }
  }

  const routes: PlannedRoute[] = [];
  for (const b of buildings) {
    const groups = groupByFloors(unitsOf.get(b.id) ?? [], input.maxUnitsPerRoute);
    if (groups.length === 0 && withPublic) groups.push([]);
    groups.forEach((g, i) => {
      const seq = i + 1;
      routes.push({
        id: `${input.runId}-${b.id}-r${String(seq).padStart(2, '0')}`,
        projectId: b.projectId,
        buildingId: b.id,
        seq,
        floorFrom: g.length ? (g[0] as PlanUnit).floor : null,
        floorTo: g.length ? (g[g.length - 1] as PlanUnit).floor : null,
        unitIds: g.map((u) => u.id),
        includesPublicArea: withPublic && i === 0,
        volunteerUserId: null,
        plannedOn: input.from,
      });
    });
  }

  const volunteers = [...new Set(input.volunteerIds)].sort(byString);
  const load = new Map<string, number>(volunteers.map((v) => [v, 0]));
  let previous: { buildingId: string; volunteer: string } | null = null;
  for (const r of routes) {
    if (volunteers.length === 0) break;
    const weight = r.unitIds.length + (r.includesPublicArea ? 1 : 0);
    let lightest = volunteers[0] as string;
    for (const v of volunteers) if ((load.get(v) ?? 0) < (load.get(lightest) ?? 0)) lightest = v;
    const keep: boolean =
      previous && previous.buildingId === r.buildingId
        ? (load.get(previous.volunteer) ?? 0) <= (load.get(lightest) ?? 0) + input.maxUnitsPerRoute
        : false;
    const chosen: string = keep && previous ? previous.volunteer : lightest;
    r.volunteerUserId = chosen;
    load.set(chosen, (load.get(chosen) ?? 0) + weight);
    previous = { buildingId: r.buildingId, volunteer: chosen };
  }

  // Spread each volunteer's routes (and the unassigned ones) over the period.
  const span = daysBetween(input.from, input.to) + 1;
  const perVolunteer = new Map<string, PlannedRoute[]>();
  for (const r of routes) {
    const key = r.volunteerUserId ?? '';
    const list = perVolunteer.get(key);
    if (list) list.push(r);
    else perVolunteer.set(key, [r]);
  }
  for (const list of perVolunteer.values()) {
    list.forEach((r, k) => {
      r.plannedOn = addDays(input.from, Math.floor((k * span) / list.length));
    });
  }
  return routes;
}
