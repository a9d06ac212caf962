import type { CreateIndex } from '@cloudbase/manager-node/types/interfaces';
import { COLLECTIONS, type CollectionName } from '../../shared/collections';

/**
 * Indexes per collection: deployed to CloudBase (see `toCreateIndexes`) and created by the embedded
 * database from the same list, so a query that is fast locally is indexed in production too.
 * Indexed fields hold scalars (strings, numbers, booleans): the embedded database pushes equality, `$in`
 * and range conditions on them down to SQLite.
 */
export interface IndexDefinition {
  name: string;
  fields: { field: string; direction: 1 | -1 }[];
  unique?: boolean;
}

export type IndexDefinitions = Partial<Record<CollectionName, IndexDefinition[]>>;

const asc = (...fields: string[]) => fields.map((field) => ({ field, direction: 1 as const }));

export const indexDefinitions: IndexDefinitions = {
  [COLLECTIONS.users]: [
    { name: 'openid_unique', fields: asc('openid'), unique: true },
    // The reminder run pages through tenants (users of a household) in `_id` order.
    { name: 'household', fields: asc('householdId') },
  ],
  [COLLECTIONS.households]: [
    { name: 'status', fields: asc('status') },
    { name: 'id_hash', fields: asc('idNumberHash') },
    { name: 'category', fields: asc('category') },
  ],
  [COLLECTIONS.buildings]: [{ name: 'project', fields: asc('projectId') }],
  [COLLECTIONS.invitations]: [
    { name: 'code_unique', fields: asc('code'), unique: true },
    { name: 'created_by', fields: asc('createdBy') },
  ],
  // Read and written by id only (inside transactions).
  [COLLECTIONS.householdBindings]: [],
  [COLLECTIONS.attemptCounters]: [],
  [COLLECTIONS.idAccessLog]: [{ name: 'at', fields: asc('at') }],
  [COLLECTIONS.units]: [
    { name: 'project_status', fields: asc('projectId', 'status') },
    { name: 'building', fields: asc('buildingId') },
  ],
  [COLLECTIONS.applications]: [
    { name: 'project_status', fields: asc('projectId', 'status') },
    { name: 'status', fields: asc('status') },
    { name: 'household', fields: asc('householdId') },
  ],
  [COLLECTIONS.rounds]: [{ name: 'project_status', fields: asc('projectId', 'status') }],
  [COLLECTIONS.registrations]: [
    { name: 'round_status', fields: asc('roundId', 'status') },
    { name: 'round_tier', fields: asc('roundId', 'tier') },
    { name: 'household', fields: asc('householdId') },
  ],
  [COLLECTIONS.offers]: [
    { name: 'unit_status', fields: asc('unitId', 'status') },
    { name: 'household_status', fields: asc('householdId', 'status') },
  ],
  [COLLECTIONS.exitCases]: [
    { name: 'state_opened', fields: asc('state', 'openedAt') },
    { name: 'household', fields: asc('householdId') },
  ],
  [COLLECTIONS.objections]: [{ name: 'round', fields: asc('roundId') }],
  [COLLECTIONS.contracts]: [
    { name: 'registration', fields: asc('registrationId') },
    { name: 'household', fields: asc('householdId') },
  ],
  [COLLECTIONS.leases]: [
    { name: 'household', fields: asc('householdId') },
    { name: 'unit', fields: asc('unitId') },
    { name: 'project_status', fields: asc('projectId', 'status') },
  ],
  // Read and written by id only (inside transactions): no index, listed to be created with the others.
  [COLLECTIONS.householdHolds]: [],
  [COLLECTIONS.bills]: [
    { name: 'lease_period_unique', fields: asc('leaseId', 'period'), unique: true },
    { name: 'project_status_due', fields: asc('projectId', 'status', 'dueDate') },
    { name: 'status_due', fields: asc('status', 'dueDate') },
    // A household's bills (the reminder run, the tenant's own bills).
    { name: 'household', fields: asc('householdId') },
  ],
  [COLLECTIONS.repairs]: [
    { name: 'status', fields: asc('status') },
    { name: 'project', fields: asc('projectId') },
    { name: 'household', fields: asc('householdId') },
    { name: 'worker', fields: asc('workerUserId') },
  ],
  [COLLECTIONS.patrolPlans]: [{ name: 'quarter_volunteer', fields: asc('quarter', 'volunteerUserId') }],
  [COLLECTIONS.patrolVisits]: [
    { name: 'plan', fields: asc('planId') },
    { name: 'quarter_volunteer', fields: asc('quarter', 'volunteerUserId') },
    { name: 'visit', fields: asc('visitId') },
    { name: 'project_quarter', fields: asc('projectId', 'quarter') },
  ],
  [COLLECTIONS.patrolRuns]: [{ name: 'quarter', fields: asc('quarter') }],
  [COLLECTIONS.patrolStops]: [
    { name: 'plan', fields: asc('planId') },
    { name: 'quarter_volunteer', fields: asc('quarter', 'volunteerUserId') },
    { name: 'route', fields: asc('routeId') },
    { name: 'project_quarter', fields: asc('projectId', 'quarter') },
  ],
  [COLLECTIONS.hazards]: [
    { name: 'project_status', fields: asc('projectId', 'status') },
    { name: 'reporter', fields: asc('reporterUserId') },
    { name: 'assignee', fields: asc('assigneeUserId') },
  ],
  [COLLECTIONS.careRegistry]: [
    { name: 'project_active', fields: asc('projectId', 'active') },
    { name: 'volunteer', fields: asc('volunteerUserId') },
    { name: 'active_due', fields: asc('active', 'nextDueAt') },
  ],
  [COLLECTIONS.careCheckins]: [{ name: 'care_at', fields: asc('careId', 'at') }],
  // The version in force on a day: the latest `effectiveFrom` on or before it.
  [COLLECTIONS.policyVersions]: [{ name: 'effective_from', fields: asc('effectiveFrom', 'savedAt') }],
  [COLLECTIONS.auditLog]: [{ name: 'entity', fields: asc('entityId') }],
  [COLLECTIONS.outbox]: [
    { name: 'status', fields: asc('status') },
    { name: 'status_next', fields: asc('status', 'nextAttemptAt') },
    { name: 'to_created', fields: asc('toUserId', 'createdAt') },
    { name: 'to_read', fields: asc('toUserId', 'read') },
  ],
  [COLLECTIONS.messageAttempts]: [{ name: 'message', fields: asc('messageId') }],
  [COLLECTIONS.urgentAlerts]: [
    { name: 'status_escalate', fields: asc('status', 'escalatesAt') },
    { name: 'project', fields: asc('projectId') },
  ],
  // Refunds of an order (what it can still refund), newest first for the office's list.
  [COLLECTIONS.refunds]: [
    { name: 'order', fields: asc('orderId') },
    { name: 'requested_at', fields: asc('requestedAt') },
    // The reconcile timer's unfinished refunds.
    { name: 'status_requested', fields: asc('status', 'requestedAt') },
  ],
  // The office's list of reconciliation differences, by bill date.
  [COLLECTIONS.tradeBillDifferences]: [{ name: 'bill_date', fields: asc('billDate') }],
  [COLLECTIONS.sandboxOutbound]: [{ name: 'channel', fields: asc('channel') }],
  // Read by id (`<job>|<run key>`); listed by job for the office's view of recent runs.
  [COLLECTIONS.jobState]: [{ name: 'job_status', fields: asc('job', 'status') }],
};

/**
 * One collection's indexes in the shape CloudBase's management API takes
 * (`updateCollection(name, { CreateIndexes })` in @cloudbase/manager-node, `CreateIndex` / `MgoKeySchema`:
 * each key with its direction as the string "1" or "-1", uniqueness as `MgoIsUnique`). `npm run deploy`
 * creates exactly these (scripts/deploy).
 */
export function toCreateIndexes(indexes: readonly IndexDefinition[]): CreateIndex[] {
  return indexes.map((ix) => ({
    IndexName: ix.name,
    MgoKeySchema: {
      MgoIndexKeys: ix.fields.map((f) => ({ Name: f.field, Direction: String(f.direction) })),
      MgoIsUnique: ix.unique ?? false,
    },
  }));
}
