import { defineFunction } from '../_runtime/handler';
import type { Runtime } from '../_runtime/runtime';
import {
  careCandidates,
  careCheckIn,
  careDue,
  careList,
  careUpsert,
  escalateCare,
  runCareEscalation,
} from './care.service';
import {
  assignHazard,
  hazardPhoto,
  listHazards,
  recheckHazard,
  rectifyHazard,
  reportHazard,
} from './hazard.service';
import { createPatrolRepository } from './patrol.repository';
import {
  addSeasonalPatrol,
  generatePlan,
  listRoutes,
  listRuns,
  moveRoute,
  quarterlyPlanJob,
} from './plan.service';
import { coverage, exportCoverage } from './report.service';
import { logPhoto, logVisit, myLogs, myRoutes, myToday, routeVisits } from './visit.service';

const repo = (rt: Runtime) => createPatrolRepository(rt.db);

/**
 * `patrol`: quarterly home safety patrols, seasonal special patrols, hazards as rectification tasks and the
 * special-care registry (武昌调研报告 二(三)三、四). Timer triggers (cloudbaserc.json): `quarterly-plan` creates
 * the quarter's plan for every project; `care-escalation` (daily) escalates residents not reached.
 */
export const patrolFunction = defineFunction(
  'patrol',
  {
    health: async (_input, { rt }) => ({ status: 'ok', function: 'patrol', time: rt.now().toISOString() }),
    generatePlan: (input, ctx) => generatePlan(repo(ctx.rt), input, ctx),
    addSeasonalPatrol: (input, ctx) => addSeasonalPatrol(repo(ctx.rt), input, ctx),
    runs: (input, ctx) => listRuns(repo(ctx.rt), input, ctx),
    routes: (input, ctx) => listRoutes(repo(ctx.rt), input, ctx),
    moveRoute: (input, ctx) => moveRoute(repo(ctx.rt), input, ctx),
    myToday: (input, ctx) => myToday(repo(ctx.rt), input, ctx),
    myRoutes: (input, ctx) => myRoutes(repo(ctx.rt), input, ctx),
    routeVisits: (input, ctx) => routeVisits(repo(ctx.rt), input, ctx),
    logVisit: (input, ctx) => logVisit(repo(ctx.rt), input, ctx),
    myLogs: (input, ctx) => myLogs(repo(ctx.rt), input, ctx),
    logPhoto: (input, ctx) => logPhoto(repo(ctx.rt), input, ctx),
    reportHazard: (input, ctx) => reportHazard(repo(ctx.rt), input, ctx),
    hazards: (input, ctx) => listHazards(repo(ctx.rt), input, ctx),
    assignHazard: (input, ctx) => assignHazard(repo(ctx.rt), input, ctx),
    rectifyHazard: (input, ctx) => rectifyHazard(repo(ctx.rt), input, ctx),
    recheckHazard: (input, ctx) => recheckHazard(repo(ctx.rt), input, ctx),
    hazardPhoto: (input, ctx) => hazardPhoto(repo(ctx.rt), input, ctx),
    careList: (input, ctx) => careList(repo(ctx.rt), input, ctx),
    careUpsert: (input, ctx) => careUpsert(repo(ctx.rt), input, ctx),
    careCandidates: (input, ctx) => careCandidates(repo(ctx.rt), input, ctx),
    careDue: (input, ctx) => careDue(repo(ctx.rt), input, ctx),
    careCheckIn: (input, ctx) => careCheckIn(repo(ctx.rt), input, ctx),
    runCareEscalation: (_input, ctx) => escalateCare(repo(ctx.rt), ctx),
    coverage: (input, ctx) => coverage(repo(ctx.rt), input, ctx),
    exportCoverage: (input, ctx) => exportCoverage(repo(ctx.rt), input, ctx),
  },
  {
    timers: {
      'quarterly-plan': (rt, slice) => quarterlyPlanJob(repo(rt), rt, slice),
      'care-escalation': (rt, slice) => runCareEscalation(repo(rt), rt, null, slice),
    },
  },
);
