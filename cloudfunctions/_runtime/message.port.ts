/**
 * User notifications (rent due, repair updates, patrol tasks). Both production and local write them to the
 * `outbox` collection first, so a message is never lost on a crash; production's sender then delivers them
 * as WeChat subscription messages, and locally the UI shows the outbox.
 */
export interface OutgoingMessage {
  toUserId: string;
  template: 'rent_due' | 'rent_overdue' | 'repair_update' | 'patrol_task' | 'care_escalation' | 'general';
  title: string;
  body: string;
  /** Idempotency key: the same key is stored once, however often it is sent. */
  dedupeKey: string;
}

export interface MessagePort {
  enqueue(message: OutgoingMessage): Promise<{ queued: boolean }>;
}
