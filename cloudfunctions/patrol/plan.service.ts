import type { PlanRunView, RouteView } from '@shared/contracts/patrol.contract';
import { AppError } from '@shared/errors';
import type { PolicyPreset } from '@shared/policy/policy-preset';
import { quarterOf, quarterRange } from '@shared/rules/dates';
import { quarterLabel } from '@shared/rules/period-label';
import {
  HOME_VISIT_CHECKLIST,
  PUBLIC_AREA_CHECKLIST,
  SEASONAL_PATROLS,
  checkPlanCoversOnce,
} from '@shared/rules/patrol.rule';
import { planRoutes, type PlanScope, type PlannedRoute } from '@shared/rules/patrol-plan.rule';
import {
  canManage,
  found,
  isAdmin,
  managedProjects,
  notFound,
  requireOversight,
  requireUser,
  servesProject,
} from '../_runtime/access';
import type { BuildingDoc, UnitDoc } from '../_runtime/documents';
import type { In, ServiceContext } from '../_runtime/handler';
import type { JobSlice } from '../_runtime/job-slice';
import { sliceFor } from '../_runtime/job-slice';
import type { Runtime } from '../_runtime/runtime';
import { chinaDate, currentQuarter, patrolSettings, sha256 } from './patrol.common';
import type { ChecklistItem, PatrolRouteDoc, PatrolRunDoc, PatrolVisitDoc } from './patrol.documents';
import type { PatrolRepository } from './patrol.repository';

export { WRITE_BATCH } from './patrol.repository';

export interface RunSpec {
  id: string;
  kind: PatrolRunDoc['kind'];
  quarter: string;
  label: string;
  scope: PlanScope;
  /** Projects to plan; null = every project. */
  projectIds: string[] | null;
  startsOn: string;
  dueOn: string;
  homeChecklist: ChecklistItem[];
  publicChecklist: ChecklistItem[];
  createdBy: string;
}

export interface RunResult {
  run: PatrolRunDoc;
  written: number;
}

/**
 * Creates (or resumes) a patrol run: routes and visits for every occupied unit and every building's public
 * areas of its projects (武昌调研报告 二(三)三). Idempotent: ids are deterministic and only missing documents
 * are written, so rerunning the same quarter — after it finished or after a crash half-way — gives the same
 * plan and no duplicates. Reports what it wrote.
 */
/** A new run header (status running, no counts yet). */
export function newRunDoc(spec: RunSpec, projectIds: string[], at: string): PatrolRunDoc {
  return {
    _id: spec.id,
    kind: spec.kind,
    quarter: spec.quarter,
    label: spec.label,
    scope: spec.scope,
    status: 'running',
    projectIds,
    startsOn: spec.startsOn,
    dueOn: spec.dueOn,
    homeChecklist: spec.homeChecklist,
    publicChecklist: spec.publicChecklist,
    routes: 0,
    unassignedRoutes: 0,
    units: 0,
    publicAreas: 0,
    attempts: 1,
    cursor: '',
    startedAt: at,
    finishedAt: null,
    createdBy: spec.createdBy,
  };
}

export async function generateRun(
  repo: PatrolRepository,
  rt: Runtime,
  spec: RunSpec,
  onProgress?: (p: { project: string; units: number }) => void,
  slice?: JobSlice,
): Promise<RunResult> {
  const at = rt.now().toISOString();
  const projects = spec.projectIds
    ? [...(await repo.projectsByIds(spec.projectIds)).values()]
    : await repo.allProjects(100_000);
  projects.sort((a, b) => (a._id < b._id ? -1 : 1));
  const projectIds = projects.map((p) => p._id);

  // The run header first: a rerun finds it and keeps its start date, so the routes are spread the same way.
  const run = await repo.runInTransaction(async (t) => {
    const existing = await t.run(spec.id);
    if (existing) {
      const union = [...new Set([...existing.projectIds, ...projectIds])].sort();
      const nothingNew = union.length === existing.projectIds.length;
      if (existing.status === 'complete' && nothingNew) return { doc: existing, skip: true };
      // A running run resumes after its cursor with its counts; a finished run given new projects goes
      // over every project again (writing only what is missing) and counts afresh.
      const restart =
        existing.status === 'complete'
          ? { cursor: '', routes: 0, unassignedRoutes: 0, units: 0, publicAreas: 0 }
          : {};
      const patch = {
        status: 'running' as const,
        projectIds: union,
        attempts: existing.attempts + 1,
        ...restart,
      };
      await t.updateRun(spec.id, patch);
      return { doc: { ...existing, ...patch }, skip: false };
    }
    const doc = newRunDoc(spec, projectIds, at);
    const { _id: _omit, ...body } = doc;
    await t.setRun(spec.id, body);
    return { doc, skip: false };
  });
  if (run.skip) return { run: run.doc, written: 0 };
  const runDoc = run.doc;

  const volunteers = await repo.volunteers();
  const settings = patrolSettings(rt);
  let written = 0;
  const totals = {
    routes: runDoc.routes,
    unassignedRoutes: runDoc.unassignedRoutes,
    units: runDoc.units,
    publicAreas: runDoc.publicAreas,
  };
  const cursor = runDoc.cursor ?? '';
  const todo = runDoc.projectIds.filter((p) => p > cursor);

  for (const [i, projectId] of todo.entries()) {
    const buildings = await repo.buildingsOf(projectId);
    const units: UnitDoc[] = [];
    if (runDoc.scope !== 'public_areas') {
      for (const b of buildings) {
        const list = await repo.unitsOfBuilding(b._id);
        for (const u of list) if (u.status === 'occupied' && u.projectId === projectId) units.push(u);
      }
    }
    const care = await repo.activeCareOfProject(projectId);
    const {
      planned: routes,
      routes: routeDocs,
      visits,
    } = planProjectDocs(runDoc, {
      projectId,
      buildings,
      units,
      volunteerIds: volunteers.filter((v) => (v.projectIds ?? []).includes(projectId)).map((v) => v._id),
      careUnitIds: new Set(care.map((c) => c.unitId)),
      maxUnitsPerRoute: settings.maxUnitsPerRoute,
      policy: rt.policy,
    });
    written += await repo.insertRoutes(routeDocs);
    written += await repo.insertVisits(visits);
    // Residents in the registry without a volunteer get the one who visits their unit this quarter.
    if (runDoc.kind === 'quarterly') {
      const routeOfUnit = new Map<string, PlannedRoute>();
      for (const r of routes) for (const id of r.unitIds) routeOfUnit.set(id, r);
      for (const c of care) {
        const v = routeOfUnit.get(c.unitId)?.volunteerUserId;
        if (!c.volunteerUserId && v) await repo.updateCare(c._id, { volunteerUserId: v });
      }
    }
    totals.routes += routes.length;
    totals.unassignedRoutes += routes.filter((r) => !r.volunteerUserId).length;
    totals.units += units.length;
    totals.publicAreas += routes.filter((r) => r.includesPublicArea).length;
    onProgress?.({ project: projectId, units: units.length });
    // The project is done: its counts and the cursor are saved, so a later slice (or a rerun after a crash)
    // continues with the next project.
    await repo.updateRun(runDoc._id, { ...totals, cursor: projectId });
    if (i + 1 < todo.length && slice?.spent()) {
      slice.leaveForNext();
      rt.log.log('info', 'patrol plan slice', { run: runDoc._id, through: projectId, written });
      return { run: { ...runDoc, ...totals, cursor: projectId }, written };
    }
  }

  const finished = { ...totals, status: 'complete' as const, finishedAt: rt.now().toISOString() };
  await repo.updateRun(runDoc._id, finished);
  rt.log.log('info', 'patrol plan', { run: runDoc._id, written, ...totals });
  return { run: { ...runDoc, ...finished }, written };
}

/**
 * The route and visit documents of one project for a run (pure: the job writes them, the demo seed too).
 * Throws if the plan would not cover every occupied unit exactly once (the district's `patrol.quarterly`).
 */
export function planProjectDocs(
  run: PatrolRunDoc,
  input: {
    projectId: string;
    buildings: BuildingDoc[];
    /** Occupied units of the project. */
    units: UnitDoc[];
    volunteerIds: string[];
    careUnitIds: Set<string>;
    maxUnitsPerRoute: number;
    /** The district's policy (the coverage check cites it). */
    policy: PolicyPreset;
  },
): { planned: PlannedRoute[]; routes: PatrolRouteDoc[]; visits: PatrolVisitDoc[] } {
  const units = run.scope === 'public_areas' ? [] : input.units;
  const planned = planRoutes({
    runId: run._id,
    buildings: input.buildings.map((b) => ({ id: b._id, projectId: input.projectId, name: b.name })),
    units: units.map((u) => ({ id: u._id, buildingId: u.buildingId, floor: u.floor, label: u.label })),
    volunteerIds: input.volunteerIds,
    from: run.startsOn,
    to: run.dueOn,
    maxUnitsPerRoute: input.maxUnitsPerRoute,
    scope: run.scope,
  });
  if (run.scope !== 'public_areas') {
    const problems = checkPlanCoversOnce(
      units.map((u) => u._id),
      planned.flatMap((r) => r.unitIds),
      input.policy,
    );
    if (problems.length) throw new Error(problems.map((p) => p.message).join(' '));
  }
  const unitById = new Map(units.map((u) => [u._id, u]));
  const buildingById = new Map(input.buildings.map((b) => [b._id, b]));
  const visits: PatrolVisitDoc[] = [];
  for (const r of planned) {
    if (r.includesPublicArea) {
      visits.push(
        visitDoc(run, r, {
          id: `pv-${run._id}-pub-${r.buildingId}`,
          target: 'public_area',
          unitId: null,
          label: `${buildingById.get(r.buildingId)?.name ?? ''} 公共区域`,
          floor: null,
          specialCare: false,
        }),
      );
    }
    for (const unitId of r.unitIds) {
      const u = unitById.get(unitId) as UnitDoc;
      visits.push(
        visitDoc(run, r, {
          id: `pv-${run._id}-${unitId}`,
          target: 'unit',
          unitId,
          label: u.label,
          floor: u.floor,
          specialCare: input.careUnitIds.has(unitId),
        }),
      );
    }
  }
  return {
    planned,
    routes: planned.map((r) => routeDoc(run, r, input.careUnitIds)),
    visits,
  };
}

function routeDoc(run: PatrolRunDoc, r: PlannedRoute, careUnitIds: Set<string>): PatrolRouteDoc {
  return {
    _id: r.id,
    planId: run._id,
    quarter: run.quarter,
    projectId: r.projectId,
    buildingId: r.buildingId,
    seq: r.seq,
    floorFrom: r.floorFrom,
    floorTo: r.floorTo,
    includesPublicArea: r.includesPublicArea,
    volunteerUserId: r.volunteerUserId,
    plannedOn: r.plannedOn,
    total: r.unitIds.length + (r.includesPublicArea ? 1 : 0),
    unitIds: r.unitIds,
    specialCareUnitIds: r.unitIds.filter((id) => careUnitIds.has(id)),
  };
}

function visitDoc(
  run: PatrolRunDoc,
  r: PlannedRoute,
  v: Pick<PatrolVisitDoc, 'target' | 'unitId' | 'label' | 'floor' | 'specialCare'> & { id: string },
): PatrolVisitDoc {
  return {
    _id: v.id,
    planId: run._id,
    quarter: run.quarter,
    routeId: r.id,
    projectId: r.projectId,
    buildingId: r.buildingId,
    target: v.target,
    unitId: v.unitId,
    label: v.label,
    floor: v.floor,
    volunteerUserId: r.volunteerUserId,
    plannedOn: r.plannedOn,
    specialCare: v.specialCare,
    status: 'to_visit',
    attempts: 0,
    nobodyHomeAttempts: 0,
    retryOn: null,
    lastVisitedAt: null,
    lastLogId: null,
  };
}

/** The quarterly full-coverage patrol's spec (武昌 二(三)三): starts today when created inside its quarter. */
export function quarterlySpec(
  rt: Runtime,
  quarter: string,
  projectIds: string[] | null,
  by: string,
): RunSpec {
  return quarterlySpecFor(chinaDate(rt.now().getTime()), quarter, projectIds, by);
}

/** A quarterly run's name as people read it: 2026年第四季度入户安全巡查. */
const quarterlyRunLabel = (quarter: string) => `${quarterLabel(quarter)}入户安全巡查`;

/**
 * A run's name: a quarterly run's from its quarter, so one stored before quarters were written in words
 * (2026年第4季度…) reads as today's; a special run's as its manager named it.
 */
const runLabel = (run: Pick<PatrolRunDoc, 'kind' | 'quarter' | 'label'>) =>
  run.kind === 'quarterly' ? quarterlyRunLabel(run.quarter) : run.label;

/** The same for a given day (ISO date, China time). */
export function quarterlySpecFor(
  today: string,
  quarter: string,
  projectIds: string[] | null,
  by: string,
): RunSpec {
  const range = quarterRange(quarter);
  const startsOn = today > range.start && today <= range.end ? today : range.start;
  return {
    id: `q-${quarter}`,
    kind: 'quarterly',
    quarter,
    label: quarterlyRunLabel(quarter),
    scope: 'homes_and_public',
    projectIds,
    startsOn,
    dueOn: range.end,
    homeChecklist: HOME_VISIT_CHECKLIST.map((c) => ({ id: c.id, label: c.label })),
    publicChecklist: PUBLIC_AREA_CHECKLIST.map((c) => ({ id: c.id, label: c.label })),
    createdBy: by,
  };
}

/** The `quarterly-plan` timer: this quarter's plan for every project. */
export async function quarterlyPlanJob(repo: PatrolRepository, rt: Runtime, slice?: JobSlice) {
  const { run, written } = await generateRun(
    repo,
    rt,
    quarterlySpec(rt, currentQuarter(rt), null, 'timer'),
    undefined,
    slice,
  );
  return { runId: run._id, routes: run.routes, units: run.units, publicAreas: run.publicAreas, written };
}

export function runView(run: PatrolRunDoc, written: number): PlanRunView {
  return {
    id: run._id,
    kind: run.kind,
    quarter: run.quarter,
    label: runLabel(run),
    scope: run.scope,
    status: run.status,
    projectIds: run.projectIds,
    startsOn: run.startsOn,
    dueOn: run.dueOn,
    homeChecklist: run.homeChecklist,
    publicChecklist: run.publicChecklist,
    routes: run.routes,
    unassignedRoutes: run.unassignedRoutes,
    units: run.units,
    publicAreas: run.publicAreas,
    written,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}

const VISIT_COUNT_KEYS = {
  to_visit: 'toVisit',
  visited: 'visited',
  nobody_home: 'nobodyHome',
  refused: 'refused',
} as const;

/** Route views with progress counted from their visits. */
export async function routeViews(repo: PatrolRepository, routes: PatrolRouteDoc[]): Promise<RouteView[]> {
  const runs = await repo.runsByIds(routes.map((r) => r.planId));
  const projects = await repo.projectsByIds(routes.map((r) => r.projectId));
  const buildings = await repo.buildingsByIds(routes.map((r) => r.buildingId));
  const names = await repo.userNames(routes.map((r) => r.volunteerUserId));
  const out: RouteView[] = [];
  for (const r of routes) {
    const visits = await repo.visitStatusesOfRoute(r._id);
    const counts = { toVisit: 0, visited: 0, nobodyHome: 0, refused: 0 };
    for (const v of visits) counts[VISIT_COUNT_KEYS[v.status]]++;
    const building = buildings.get(r.buildingId)?.name ?? '';
    const floors =
      r.floorFrom === null
        ? '公共区域'
        : r.floorFrom === r.floorTo
          ? `${r.floorFrom}层`
          : `${r.floorFrom}–${r.floorTo}层`;
    const run = runs.get(r.planId);
    out.push({
      id: r._id,
      runId: r.planId,
      runLabel: run ? runLabel(run) : '',
      quarter: r.quarter,
      projectId: r.projectId,
      projectName: projects.get(r.projectId)?.name ?? '',
      buildingId: r.buildingId,
      buildingName: building,
      title: `${building} ${floors}${r.includesPublicArea && r.floorFrom !== null ? '及公共区域' : ''}`,
      floorFrom: r.floorFrom,
      floorTo: r.floorTo,
      includesPublicArea: r.includesPublicArea,
      volunteerUserId: r.volunteerUserId,
      volunteerName: r.volunteerUserId ? (names.get(r.volunteerUserId) ?? null) : null,
      plannedOn: r.plannedOn,
      total: visits.length,
      ...counts,
    });
  }
  return out;
}

export async function generatePlan(
  repo: PatrolRepository,
  input: In<'patrol', 'generatePlan'>,
  ctx: ServiceContext,
): Promise<PlanRunView> {
  const rt = ctx.rt;
  requireOversight(ctx);
  const user = requireUser(ctx);
  let projectIds: string[] | null = input.projectIds ?? null;
  if (!isAdmin(ctx)) {
    projectIds = projectIds ?? managedProjects(ctx);
    if (projectIds.some((p) => !canManage(ctx, p))) notFound();
  }
  if (projectIds) {
    const existing = await repo.projectsByIds(projectIds);
    if (existing.size !== new Set(projectIds).size) notFound('项目不存在。');
  }
  const quarter = input.quarter ?? currentQuarter(rt);
  if (quarterRange(quarter).end < chinaDate(rt.now().getTime()))
    throw new AppError('INVALID_INPUT', '不能为已经结束的季度生成巡查计划。');
  // One slice, as a timer run: a plan that does not finish in it is continued by the next press or firing.
  const { run, written } = await generateRun(
    repo,
    rt,
    quarterlySpec(rt, quarter, projectIds, user._id),
    undefined,
    sliceFor(rt),
  );
  return runView(run, written);
}

export async function addSeasonalPatrol(
  repo: PatrolRepository,
  input: In<'patrol', 'addSeasonalPatrol'>,
  ctx: ServiceContext,
): Promise<PlanRunView> {
  const rt = ctx.rt;
  requireOversight(ctx, input.projectId);
  const user = requireUser(ctx);
  found(await repo.project(input.projectId), undefined, '项目不存在。');
  if (input.dueOn < input.startsOn) throw new AppError('INVALID_INPUT', '截止日期不能早于开始日期。');
  if (input.dueOn < chinaDate(rt.now().getTime())) throw new AppError('INVALID_INPUT', '截止日期已过。');
  if (quarterOf(input.startsOn) !== quarterOf(input.dueOn))
    throw new AppError('INVALID_INPUT', '专项巡查须在同一季度内开始和结束。');
  const preset = SEASONAL_PATROLS.find((p) => p.id === input.preset);
  const label = input.label ?? preset?.label;
  const items = input.checklist ?? preset?.checklist;
  if (!label || !items) throw new AppError('INVALID_INPUT', '请选择专项巡查类型，或填写名称和检查项目。');
  const checklist = items.map((l, i) => ({ id: `s${i + 1}`, label: l }));
  const quarter = quarterOf(input.startsOn);
  const key = sha256(`${input.projectId}|${label}|${input.startsOn}|${input.scope}`).slice(0, 10);
  const { run, written } = await generateRun(repo, rt, {
    id: `s-${quarter}-${key}`,
    kind: 'seasonal',
    quarter,
    label,
    scope: input.scope,
    projectIds: [input.projectId],
    startsOn: input.startsOn,
    dueOn: input.dueOn,
    homeChecklist: checklist,
    publicChecklist: checklist,
    createdBy: user._id,
  });
  return runView(run, written);
}

export async function listRuns(
  repo: PatrolRepository,
  input: In<'patrol', 'runs'>,
  ctx: ServiceContext,
): Promise<PlanRunView[]> {
  requireOversight(ctx);
  const quarter = input.quarter ?? currentQuarter(ctx.rt);
  const runs = await repo.runsOfQuarter(quarter);
  return runs
    .filter((r) => isAdmin(ctx) || r.projectIds.some((p) => canManage(ctx, p)))
    .map((r) => runView(r, 0));
}

export async function listRoutes(repo: PatrolRepository, input: In<'patrol', 'routes'>, ctx: ServiceContext) {
  requireOversight(ctx, input.projectId);
  const runId = input.runId ?? `q-${currentQuarter(ctx.rt)}`;
  const routes = (await repo.routesOfRun(runId)).filter((r) => r.projectId === input.projectId);
  const views = await routeViews(repo, routes);
  const volunteers = await repo.volunteersOf(input.projectId);
  return {
    routes: views,
    volunteers: volunteers.map((v) => {
      const mine = views.filter((r) => r.volunteerUserId === v._id);
      return {
        userId: v._id,
        name: v.name,
        routes: mine.length,
        units: mine.reduce((s, r) => s + r.total, 0),
      };
    }),
  };
}

export async function moveRoute(
  repo: PatrolRepository,
  input: In<'patrol', 'moveRoute'>,
  ctx: ServiceContext,
): Promise<RouteView> {
  const route = found(await repo.route(input.routeId), (r) => canManage(ctx, r.projectId));
  // A finished quarter's routes are its record of who patrolled what; they are not rebalanced afterwards.
  if (quarterRange(route.quarter).end < chinaDate(ctx.rt.now().getTime()))
    throw new AppError('STATE_INVALID', `${quarterLabel(route.quarter)}的巡查已经结束，不能再调整路线。`);
  const volunteer = await repo.user(input.volunteerUserId);
  if (!volunteer || !servesProject(volunteer, 'volunteer', route.projectId))
    throw new AppError('INVALID_INPUT', '该志愿者不负责这个项目的巡查。');
  // Visits first, then the route: a crash in between is repaired by moving the route again.
  await repo.assignVisitsOfRoute(route._id, volunteer._id);
  await repo.updateRoute(route._id, { volunteerUserId: volunteer._id });
  const [view] = await routeViews(repo, [{ ...route, volunteerUserId: volunteer._id }]);
  if (route.volunteerUserId !== volunteer._id) {
    // The volunteer hears of the route they now walk (issue #18: route assigned).
    const label = `${(view as RouteView).projectName} ${(view as RouteView).title}`;
    await ctx.rt.messages.enqueue({
      toUserId: volunteer._id,
      template: 'patrol_task',
      title: '新的巡查路线',
      body: `您负责的巡查路线：${label}，共 ${route.total} 处，请在本季度内完成。`,
      dedupeKey: `route-assigned|${route._id}|${volunteer._id}`,
      fields: {
        what: `${quarterLabel(route.quarter)}安全巡查`,
        place: label,
        deadline: quarterRange(route.quarter).end,
      },
      link: { page: 'patrol-today', id: null },
    });
  }
  return view as RouteView;
}
