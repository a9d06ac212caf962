import { defineFunction } from '../_runtime/handler';
import { createCareService, runCareEscalation } from './care.service';
import { createHazardService } from './hazard.service';
import { createPlanService, quarterlyPlanJob } from './plan.service';
import { createReportService } from './report.service';
import { createVisitService } from './visit.service';

/**
 * `patrol`: quarterly home safety patrols, seasonal special patrols, hazards as rectification tasks and the
 * special-care registry (武昌调研报告 二(三)三、四). Timer triggers (cloudbaserc.json): `quarterly-plan` creates
 * the quarter's plan for every project; `care-escalation` (daily) escalates residents not reached.
 */
export const patrolFunction = defineFunction(
  'patrol',
  {
    health: async (_input, { rt }) => ({ status: 'ok', function: 'patrol', time: rt.now().toISOString() }),
    generatePlan: (input, ctx) => createPlanService(ctx).generatePlan(input),
    addSeasonalPatrol: (input, ctx) => createPlanService(ctx).addSeasonalPatrol(input),
    runs: (input, ctx) => createPlanService(ctx).runs(input),
    routes: (input, ctx) => createPlanService(ctx).routes(input),
    moveRoute: (input, ctx) => createPlanService(ctx).moveRoute(input),
    myToday: (input, ctx) => createVisitService(ctx).myToday(input),
    myRoutes: (input, ctx) => createVisitService(ctx).myRoutes(input),
    routeVisits: (input, ctx) => createVisitService(ctx).routeVisits(input),
    logVisit: (input, ctx) => createVisitService(ctx).logVisit(input),
    myLogs: (input, ctx) => createVisitService(ctx).myLogs(input),
    logPhoto: (input, ctx) => createVisitService(ctx).logPhoto(input),
    reportHazard: (input, ctx) => createHazardService(ctx).reportHazard(input),
    hazards: (input, ctx) => createHazardService(ctx).hazards(input),
    assignHazard: (input, ctx) => createHazardService(ctx).assignHazard(input),
    rectifyHazard: (input, ctx) => createHazardService(ctx).rectifyHazard(input),
    recheckHazard: (input, ctx) => createHazardService(ctx).recheckHazard(input),
    hazardPhoto: (input, ctx) => createHazardService(ctx).hazardPhoto(input),
    careList: (input, ctx) => createCareService(ctx).careList(input),
    careUpsert: (input, ctx) => createCareService(ctx).careUpsert(input),
    careCandidates: (input, ctx) => createCareService(ctx).careCandidates(input),
    careDue: (input, ctx) => createCareService(ctx).careDue(input),
    careCheckIn: (input, ctx) => createCareService(ctx).careCheckIn(input),
    runCareEscalation: (_input, ctx) => createCareService(ctx).runCareEscalation(),
    coverage: (input, ctx) => createReportService(ctx).coverage(input),
    exportCoverage: (input, ctx) => createReportService(ctx).exportCoverage(input),
  },
  {
    timers: {
      'quarterly-plan': (rt) => quarterlyPlanJob(rt),
      'care-escalation': (rt) => runCareEscalation(rt, null),
    },
  },
);
