/**
 * The one map of collection names (docs/conventions.md §13). Indexes for each live in
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
  /** Exit procedures (乌兰察布 第三十一至三十三、三十七、三十八条): one document per case. */
  exitCases: 'exit_cases',
  leases: 'leases',
  /**
   * One document per household (`_id` = household id): the unit it holds under 一户一套, read and written by
   * every transaction that gives a household a unit, so two of them for one household conflict.
   */
  householdHolds: 'household_holds',
  bills: 'bills',
  payments: 'payments',
  paymentEvents: 'payment_events',
  /** WeChat Pay refunds (`_id` = out_refund_no), credited once to the bill's ledger when WeChat Pay confirms. */
  refunds: 'refunds',
  /** Differences between WeChat Pay's daily trade bill and the ledger (`_id` = `<day>|<kind>|<ref>`). */
  tradeBillDifferences: 'trade_bill_differences',
  repairs: 'repairs',
  patrolPlans: 'patrol_plans',
  patrolVisits: 'patrol_visits',
  patrolRuns: 'patrol_runs',
  patrolStops: 'patrol_stops',
  hazards: 'hazards',
  careRegistry: 'care_registry',
  careCheckins: 'care_checkins',
  /** The housing office's entries of each year's statutory holidays and 调休 (one document per year). */
  holidayCalendars: 'holiday_calendars',
  /** The district's own policy values (settings page), one document per saved version with its effective date. */
  policyVersions: 'policy_versions',
  /** Invitations to a staff role or into a household (people, issue #17); unique short `code`. */
  invitations: 'invitations',
  /** One document per household (`_id` = household id): its bound head and family members. */
  householdBindings: 'household_bindings',
  /** Per-day attempt counters (`bind-u-…`, `bind-h-…`, `setup-…`): wrong binding and setup-code tries. */
  attemptCounters: 'attempt_counters',
  /** Every view of a whole ID number: who, when, why (个人信息保护法 第五十一条). */
  idAccessLog: 'id_access_log',
  auditLog: 'audit_log',
  /** Every message to a person: the sender's queue and the person's inbox (issue #18). */
  outbox: 'outbox',
  /** One record per delivery attempt of an outbox message (subscription message or SMS). */
  messageAttempts: 'message_attempts',
  /** One-time subscription consents left, one document per person and kind (`<userId>|<kind>`). */
  messageConsents: 'message_consents',
  /** Urgent alerts to managers, their acknowledgement and escalation. */
  urgentAlerts: 'urgent_alerts',
  /** Local only: what the WeChat and SMS sandboxes were asked to send (never written in production). */
  sandboxOutbound: 'sandbox_outbound',
  meta: 'meta',
  /** Timer jobs' progress: one document per run of a job, with the cursor its next slice continues from. */
  jobState: 'job_state',
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];
