import type { MessageKind, MessageLink } from '@shared/contracts';

/**
 * User notifications (rent due, repair updates, offers, patrol tasks, urgent alerts). Every message is
 * written to the `outbox` collection first, so it is never lost on a crash, and is the person's inbox
 * entry (消息 page). The sender (`message-delivery.ts`) then delivers it as a WeChat subscription
 * message when the person has a consent left, or as SMS for urgent alerts to staff, right after it is
 * queued and from the `message` function's timer.
 */
export interface OutgoingMessage {
  toUserId: string;
  template: MessageKind;
  title: string;
  body: string;
  /** Idempotency key: the same key is stored once, however often it is sent. */
  dedupeKey: string;
  /** Named values the kind's template keywords are filled from (config/messages.ts). */
  fields?: Record<string, string>;
  /** The record the message is about, opened from the inbox and the subscription message. */
  link?: MessageLink | null;
}

/** An urgent alert to the managers of a project (issue #18: hazards in immediate danger, missed care). */
export interface UrgentAlert {
  /** Idempotency key: one alert per key, however often the event is replayed. */
  key: string;
  kind: 'hazard_urgent' | 'care_escalation';
  projectId: string;
  title: string;
  body: string;
  fields: Record<string, string>;
  link: MessageLink | null;
}

export interface MessagePort {
  enqueue(message: OutgoingMessage): Promise<{ queued: boolean }>;
  /**
   * Raises an urgent alert: the project's managers at once by SMS and in their inbox; unacknowledged, it
   * escalates to the next person on the project's list (timer `alert-escalation`).
   */
  alert(alert: UrgentAlert): Promise<{ alertId: string; raised: boolean; notified: number }>;
}
