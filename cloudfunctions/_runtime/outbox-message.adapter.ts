import { COLLECTIONS } from '@shared/collections';
import type { MessageDoc } from './message.documents';
import { deliverSafely, messageIdOf, newMessageDoc, raiseAlert, type DeliveryDeps } from './message-delivery';
import type { MessagePort, OutgoingMessage } from './message.port';
import { readDoc } from './repository';

/**
 * Messages go to the `outbox` collection under an `_id` derived from their dedupe key, inside a
 * transaction, so retrying a job never queues the same reminder twice. A message newly queued is sent at
 * once (`deliverOne`); whatever that leaves (a temporary failure, a crash) the `message-sender` timer picks
 * up. A failed immediate send never fails the event that queued it.
 */
export function createOutboxMessages(deps: DeliveryDeps): MessagePort {
  return {
    async enqueue(message: OutgoingMessage) {
      const id = messageIdOf(message.dedupeKey);
      const queued = await deps.db.runTransaction(async (tx) => {
        const existing = await readDoc<MessageDoc>(tx, COLLECTIONS.outbox, id);
        if (existing) return false;
        await tx.collection(COLLECTIONS.outbox).doc(id).set(newMessageDoc(message, deps.now().toISOString()));
        return true;
      });
      if (queued) await deliverSafely(deps, id);
      return { queued };
    },
    alert: (alert) => raiseAlert(deps, alert),
  };
}
