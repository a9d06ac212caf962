import type { MessageKind, MessageLink } from '@shared/contracts';

/**
 * Stored shapes of the messaging collections (issue #18). An outbox document is both the sender's queue
 * entry and the person's inbox entry.
 *
 * Delivery states: `pending` (queued, not tried) → `sending` (claimed by one sender run under a lease) →
 * `sent`; or `retry` (a temporary failure, tried again at `nextAttemptAt`); or `dead` (a permanent failure,
 * the tries used up, or an interrupted try whose outcome is unknown: never sent again, so never twice); or
 * `inbox_only` (no consent left, no template or no phone: the inbox is how it reaches the person).
 */
export type DeliveryStatus = 'pending' | 'sending' | 'retry' | 'sent' | 'dead' | 'inbox_only';
export type Channel = 'subscribe' | 'sms';

export interface MessageDoc {
  _id: string;
  toUserId: string;
  template: MessageKind;
  title: string;
  body: string;
  dedupeKey: string;
  fields?: Record<string, string>;
  link?: MessageLink | null;
  channel?: Channel;
  urgent?: boolean;
  alertId?: string | null;
  status: DeliveryStatus;
  attempts?: number;
  nextAttemptAt?: string;
  lease?: { attemptId: string; until: string } | null;
  reason?: string | null;
  sentAt?: string | null;
  read?: boolean;
  readAt?: string | null;
  createdAt: string;
}

export interface AttemptDoc {
  _id: string;
  messageId: string;
  attempt: number;
  attemptId: string;
  channel: Channel;
  kind: MessageKind;
  startedAt: string;
  finishedAt: string | null;
  outcome: 'in_flight' | 'sent' | 'retry' | 'dead' | 'unknown';
  /** errcode (WeChat) or SendStatus Code (SMS), as answered. */
  code: string | null;
  reason: string | null;
}

export interface ConsentDoc {
  _id: string;
  userId: string;
  kind: MessageKind;
  remaining: number;
  /** The last request ids counted (a retried recordConsent counts once). */
  requests: string[];
  updatedAt: string;
}

export interface AlertDoc {
  _id: string;
  key: string;
  kind: 'hazard_urgent' | 'care_escalation';
  projectId: string;
  title: string;
  body: string;
  fields: Record<string, string>;
  link: MessageLink | null;
  /** The project's list in order: its managers, then the office. */
  chain: string[];
  /** How many of `chain` are told at once (the project's managers). */
  firstLevelSize: number;
  level: number;
  notified: { userId: string; level: number; at: string }[];
  status: 'open' | 'acknowledged' | 'exhausted';
  escalatesAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  createdAt: string;
}

export const consentId = (userId: string, kind: MessageKind) => `${userId}|${kind}`;
