import { COLLECTIONS } from '../../shared/collections';
import type { PatrolRouteDoc, PatrolVisitDoc } from '../../cloudfunctions/patrol/patrol.documents';
import { addUser, smallDistrict, type ProjectSpec, type TestHost, type TestUser } from './scenario.factory';

/**
 * The small district with safety volunteers: 测试家园 has two buildings (8 let units: all six of 1栋 and two of
 * 2栋) and two volunteers, 李志愿 (`wx-u-volunteer`) and 王志愿 (`wx-u-volunteer-2`); 别处家园 has its own
 * volunteer (`wx-u-volunteer-other`). With `plan` the housing office generates this quarter's plan through
 * the patrol function (one route per building, each volunteer one).
 */
export async function patrolDistrict(
  t: TestHost,
  opts: { plan?: boolean; household?: ProjectSpec['household'] } = {},
) {
  const d = await smallDistrict(t.db, {
    buildings: 2,
    tenants: 8,
    ...(opts.household ? { household: opts.household } : {}),
  });
  const volunteer = await addUser(t.db, {
    id: 'u-volunteer',
    roles: ['tenant', 'volunteer'],
    name: '李志愿',
    projectIds: ['p-test'],
    householdId: d.project.tenants[7]!.householdId,
  });
  const volunteer2 = await addUser(t.db, {
    id: 'u-volunteer-2',
    roles: ['volunteer'],
    name: '王志愿',
    projectIds: ['p-test'],
  });
  const otherVolunteer = await addUser(t.db, {
    id: 'u-volunteer-other',
    roles: ['volunteer'],
    name: '赵志愿',
    projectIds: ['p-other'],
  });
  if (opts.plan) {
    const r = await t.call('patrol', d.admin.openid, 'generatePlan', {});
    if (!r.ok) throw new Error(`generatePlan: ${JSON.stringify(r.error)}`);
  }
  return { ...d, volunteer, volunteer2, otherVolunteer };
}

/** A volunteer's stops of this quarter's plan (homes first, in unit order). */
export async function stopsOf(t: TestHost, who: TestUser, quarter = '2026-Q4'): Promise<PatrolVisitDoc[]> {
  const stops = await t.all<PatrolVisitDoc>(COLLECTIONS.patrolStops, {
    planId: `q-${quarter}`,
    volunteerUserId: who.userId,
  });
  return stops.sort(
    (a, b) => Number(a.target !== 'unit') - Number(b.target !== 'unit') || (a.label < b.label ? -1 : 1),
  );
}

export async function routesOf(t: TestHost, who: TestUser, quarter = '2026-Q4'): Promise<PatrolRouteDoc[]> {
  return t.all<PatrolRouteDoc>(COLLECTIONS.patrolPlans, {
    planId: `q-${quarter}`,
    volunteerUserId: who.userId,
  });
}
