/**
 * The one map of collection names (DESIGN.md rule 11). Indexes for each live in
 * config/database/indexes.ts and are deployed to CloudBase and created locally from the same list.
 */
export const COLLECTIONS = {
  users: 'users',
  sessions: 'sessions',
  households: 'households',
  projects: 'projects',
  buildings: 'buildings',
  units: 'units',
  applications: 'applications',
  rounds: 'rounds',
  registrations: 'registrations',
  contracts: 'contracts',
  offers: 'offers',
  objections: 'objections',
  renewals: 'renewals',
  leases: 'leases',
  bills: 'bills',
  repairs: 'repairs',
  patrolPlans: 'patrol_plans',
  patrolVisits: 'patrol_visits',
  auditLog: 'audit_log',
  outbox: 'outbox',
  meta: 'meta',
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];
