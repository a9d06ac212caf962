import { COLLECTIONS, type CollectionName } from '../../shared/collections';

/**
 * Indexes per collection: deployed to CloudBase (see `toCloudbaseIndexes`) and created by the embedded
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
  [COLLECTIONS.objections]: [{ name: 'round', fields: asc('roundId') }],
  [COLLECTIONS.contracts]: [{ name: 'registration', fields: asc('registrationId') }],
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
  [COLLECTIONS.auditLog]: [{ name: 'entity', fields: asc('entityId') }],
  [COLLECTIONS.outbox]: [{ name: 'status', fields: asc('status') }],
};

/**
 * The same indexes in the shape the CloudBase console / CLI imports (one entry per collection, each index
 * with its keys and uniqueness).
 */
export function toCloudbaseIndexes(defs: IndexDefinitions = indexDefinitions) {
  return Object.entries(defs).map(([collection, indexes]) => ({
    collectionName: collection,
    createIndexes: (indexes ?? []).map((ix) => ({
      name: ix.name,
      unique: ix.unique ?? false,
      keys: ix.fields.map((f) => ({ name: f.field, direction: String(f.direction) })),
    })),
  }));
}
