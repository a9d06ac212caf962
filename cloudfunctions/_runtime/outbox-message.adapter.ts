import { createHash } from 'node:crypto';
import { COLLECTIONS } from '@shared/collections';
import type { DatabasePort } from './db';
import type { MessagePort, OutgoingMessage } from './message.port';

/**
 * Messages go to the `outbox` collection under an `_id` derived from their dedupe key, inside a
 * transaction, so retrying a job never queues the same reminder twice.
 */
export function createOutboxMessages(db: DatabasePort, now: () => Date): MessagePort {
  return {
    async enqueue(message: OutgoingMessage) {
      const id = 'msg-' + createHash('sha256').update(message.dedupeKey).digest('hex').slice(0, 32);
      return db.runTransaction(async (tx) => {
        const existing = await tx.collection(COLLECTIONS.outbox).doc(id).get();
        if (existing.data) return { queued: false };
        await tx
          .collection(COLLECTIONS.outbox)
          .doc(id)
          .set({ ...message, status: 'pending', createdAt: now().toISOString() });
        return { queued: true };
      });
    },
  };
}
