import type { PolicyPreset } from '@shared/policy/policy-preset';
import type { DatabasePort } from './db';
import type { Logger } from './logger';
import type { MessagePort } from './message.port';
import type { NotifyChannels } from './notify.port';
import type { PaymentsPort } from './payments.port';
import type { PeoplePort } from './people.port';
import type { StoragePort } from './storage.port';

/**
 * Everything a function needs from its surroundings. Production builds it from CloudBase
 * (`cloud-runtime.ts`); the local host and the tests build it on the embedded database
 * (`cloudfunctions/_local/local-host.ts`). Services see only this object, so both run the same code.
 */
export interface Runtime {
  mode: 'cloud' | 'local';
  db: DatabasePort;
  /** The clock: injected so that jobs and deadlines can be tested. */
  now(): Date;
  /**
   * The caller's OPENID from the platform context, never from the event (docs/conventions.md §5).
   * Returns null when there is none.
   */
  identify(context: unknown): string | null;
  /**
   * Whether the platform itself fired this call from a timer trigger, read from the function's context
   * (which a caller cannot write), never from the event (which any caller can).
   */
  firedByTimer(context: unknown): boolean;
  log: Logger;
  /** The district's policy (a preset with its local values), used for every binding decision. */
  policy: PolicyPreset;
  storage: StoragePort;
  messages: MessagePort;
  /** Where messages are delivered: WeChat subscription messages, SMS, and the sender's settings. */
  notify: NotifyChannels;
  payments: PaymentsPort;
  /**
   * The time budget of one slice of a timer job (job-slice.ts); JOB_SLICE_BUDGET_MS when not set. The local
   * host sets it from its options so that tests can force a job into many slices.
   */
  jobSliceBudgetMs?: number;
  /** ID-number keys, the first-administrator setup code, WeChat's phone-number lookup. */
  people: PeoplePort;
}
