import type { HazardSeverity } from '@shared/rules/patrol.rule';
import type { PlanScope } from '@shared/rules/patrol-plan.rule';

/**
 * Stored shapes of the patrol function (武昌调研报告 二(三)三、四). Ids are deterministic where a job or an
 * offline phone may write the same record twice: runs `q-<quarter>` / `s-<quarter>-<hash>`, routes
 * `<runId>-<buildingId>-r<seq>`, stops `pv-<runId>-<unitId>` (`pv-<runId>-pub-<buildingId>` for public
 * areas), logs, hazards and check-ins from a hash of the user and the client-made id.
 */
export interface ChecklistItem {
  id: string;
  label: string;
}

/** One patrol: the quarter's full-coverage patrol, or a seasonal special patrol. (`patrol_runs`) */
export interface PatrolRunDoc {
  _id: string;
  kind: 'quarterly' | 'seasonal';
  quarter: string;
  label: string;
  scope: PlanScope;
  status: 'running' | 'complete';
  projectIds: string[];
  startsOn: string;
  dueOn: string;
  homeChecklist: ChecklistItem[];
  publicChecklist: ChecklistItem[];
  routes: number;
  unassignedRoutes: number;
  units: number;
  publicAreas: number;
  /** How many times the job ran for it (a rerun after a crash resumes). */
  attempts: number;
  /**
   * The last project (in `_id` order) whose routes and visits are all written, with the counts above taken
   * up to it: the next slice of a run continues after it ('' or absent: from the first).
   */
  cursor?: string;
  startedAt: string;
  finishedAt: string | null;
  createdBy: string;
}

/**
 * A route: consecutive floors of one building for one volunteer. (`patrol_plans`; `unitIds` and
 * `specialCareUnitIds` are also what the account function's home page counts.)
 */
export interface PatrolRouteDoc {
  _id: string;
  planId: string;
  quarter: string;
  projectId: string;
  buildingId: string;
  seq: number;
  floorFrom: number | null;
  floorTo: number | null;
  includesPublicArea: boolean;
  volunteerUserId: string | null;
  plannedOn: string;
  total: number;
  unitIds: string[];
  specialCareUnitIds: string[];
}

export type VisitStatus = 'to_visit' | 'visited' | 'nobody_home' | 'refused';

/** A stop: one unit (or one building's public areas) to check in a patrol. (`patrol_stops`) */
export interface PatrolVisitDoc {
  _id: string;
  /** The run id (the field is called planId for the index the collection already had). */
  planId: string;
  quarter: string;
  routeId: string;
  projectId: string;
  buildingId: string;
  target: 'unit' | 'public_area';
  unitId: string | null;
  label: string;
  floor: number | null;
  volunteerUserId: string | null;
  plannedOn: string;
  specialCare: boolean;
  status: VisitStatus;
  attempts: number;
  nobodyHomeAttempts: number;
  retryOn: string | null;
  lastVisitedAt: string | null;
  lastLogId: string | null;
}

/** A visit attempt as logged by the volunteer (saved on the phone first). (`patrol_visits`) */
export interface PatrolLogDoc {
  _id: string;
  clientLogId: string;
  /** SHA-256 of the submitted content: a replay must match it. */
  digest: string;
  volunteerUserId: string;
  /** The stop visited (called a visit in the contract). */
  visitId: string;
  planId: string;
  quarter: string;
  projectId: string;
  buildingId: string;
  unitId: string | null;
  label: string;
  outcome: 'visited' | 'nobody_home' | 'refused';
  visitedAt: string;
  receivedAt: string;
  checklist: { id: string; label: string; result: 'ok' | 'problem' | 'na'; note: string }[];
  notes: string;
  photoFileIds: string[];
  /** 是否有人居住 as the volunteer answered it (absent on older logs and on public areas). */
  occupancy?: 'lived_in' | 'vacant' | 'unsure' | null;
}

export type HazardStatus = 'open' | 'assigned' | 'rectified' | 'closed';

/** A hazard as a rectification task. (`hazards`) */
export interface HazardDoc {
  _id: string;
  clientHazardId: string;
  digest: string;
  projectId: string;
  buildingId: string;
  unitId: string | null;
  visitId: string | null;
  quarter: string;
  location: string;
  category: string;
  severity: HazardSeverity;
  description: string;
  status: HazardStatus;
  reporterUserId: string;
  reporterName: string;
  reportedAt: string;
  deadline: string;
  assigneeUserId: string | null;
  assigneeName: string | null;
  photoFileIds: string[];
  afterPhotoFileIds: string[];
  closedAt: string | null;
  events: { at: string; actorUserId: string; actorName: string; action: string; note: string }[];
}

/** A resident in the special-care registry (武昌调研报告 二(三)四). (`care_registry`, `_id` = `care-<householdId>`) */
export interface CareDoc {
  _id: string;
  householdId: string;
  projectId: string;
  buildingId: string;
  unitId: string;
  unitLabel: string;
  personName: string;
  reason: string;
  contacts: { name: string; relation: string; phone: string; userId?: string }[];
  cadenceDays: number;
  volunteerUserId: string | null;
  active: boolean;
  lastCheckAt: string | null;
  lastOutcome: 'well' | 'needs_help' | 'not_reached' | null;
  /** When the next check-in is due (ISO instant). */
  nextDueAt: string;
  notReachedSince: string | null;
  /** The episode last escalated (its key), so a daily job escalates an episode once. */
  escalationKey: string | null;
  escalatedAt: string | null;
  createdAt: string;
}

/** One check-in. (`care_checkins`) */
export interface CareCheckinDoc {
  _id: string;
  clientCheckinId: string;
  digest: string;
  careId: string;
  projectId: string;
  userId: string;
  outcome: 'well' | 'needs_help' | 'not_reached';
  channel: 'visit' | 'phone' | 'wechat';
  at: string;
  receivedAt: string;
  note: string;
  helpRequestId: string | null;
}
