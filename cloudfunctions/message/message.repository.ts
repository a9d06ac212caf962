import { COLLECTIONS } from '@shared/collections';
import type { MessageKind } from '@shared/contracts';
import type { UserDoc } from '../_runtime/caller';
import type { DatabasePort } from '../_runtime/db';
import { docsByIds, fetchAll, fetchAllIn } from '../_runtime/fetch-all';
import type { AlertDoc, ConsentDoc, MessageDoc } from '../_runtime/message.documents';
import { docsOf, type Writer } from '../_runtime/repository';

/** The `message` function's data access (docs/conventions.md §2). */
export function createMessageRepository(db: DatabasePort) {
  const _ = db.command;
  const bound = (w: Writer) => {
    const consents = docsOf<ConsentDoc>(w, COLLECTIONS.messageConsents);
    const messages = docsOf<MessageDoc>(w, COLLECTIONS.outbox);
    const alerts = docsOf<AlertDoc>(w, COLLECTIONS.urgentAlerts);
    return {
      consent: consents.get,
      setConsent: consents.set,
      message: messages.get,
      updateMessage: messages.update,
      alert: alerts.get,
      updateAlert: alerts.update,
    };
  };
  return {
    ...bound(db),
    runInTransaction: <T>(fn: (t: ReturnType<typeof bound>) => Promise<T>) =>
      db.runTransaction((tx) => fn(bound(tx))),

    /**
     * A person's messages, newest first (ties by id), after the cursor `before` (`<createdAt>|<id>` of the
     * last one shown) when given; one more than asked, to know if there are more.
     */
    async inboxOf(
      userId: string,
      before: { createdAt: string; id: string } | null,
      limit: number,
    ): Promise<MessageDoc[]> {
      const where = before
        ? _.and([
            { toUserId: userId },
            _.or([
              { createdAt: _.lt(before.createdAt) },
              { createdAt: before.createdAt, _id: _.lt(before.id) },
            ]),
          ])
        : { toUserId: userId };
      const res = await db
        .collection(COLLECTIONS.outbox)
        .where(where)
        .orderBy('createdAt', 'desc')
        .orderBy('_id', 'desc')
        .limit(limit + 1)
        .get();
      return res.data as MessageDoc[];
    },
    async unreadOf(userId: string): Promise<{ unread: number; urgentUnread: number }> {
      const q = db.collection(COLLECTIONS.outbox);
      const unread = (await q.where({ toUserId: userId, read: _.neq(true) }).count()).total;
      const urgentUnread = (await q.where({ toUserId: userId, read: _.neq(true), urgent: true }).count())
        .total;
      return { unread, urgentUnread };
    },
    /** Alerts of these projects (null: all), newest first. */
    async alertsOf(projectIds: string[] | null, openOnly: boolean): Promise<AlertDoc[]> {
      const where: Record<string, unknown> = openOnly ? { status: 'open' } : {};
      const options = { orderBy: ['createdAt', 'desc'] as [string, 'desc'], maxDocs: 5000 };
      return projectIds
        ? fetchAllIn<AlertDoc>(db, COLLECTIONS.urgentAlerts, 'projectId', projectIds, where, options)
        : fetchAll<AlertDoc>(db, COLLECTIONS.urgentAlerts, where, options);
    },
    /** Alerts that reached this person (as a message), whatever their project. */
    async alertIdsNotifying(userId: string): Promise<string[]> {
      const res = await fetchAll<MessageDoc>(
        db,
        COLLECTIONS.outbox,
        { toUserId: userId, urgent: true },
        { field: { alertId: true }, maxDocs: 5000 },
      );
      return [...new Set(res.map((m) => m.alertId).filter((id): id is string => !!id))];
    },
    alertsByIds: (ids: string[]) => docsByIds<AlertDoc>(db, COLLECTIONS.urgentAlerts, ids),
    async userNames(ids: string[]): Promise<Map<string, string>> {
      const users = await docsByIds<UserDoc>(db, COLLECTIONS.users, [...new Set(ids)]);
      return new Map([...users.values()].map((u) => [u._id, u.name]));
    },
    /** How many messages of a kind are in these delivery states. */
    async countByKind(kind: MessageKind, statuses: string[]): Promise<number> {
      return (
        await db
          .collection(COLLECTIONS.outbox)
          .where({ template: kind, status: _.in(statuses) })
          .count()
      ).total;
    },
    async smsAttempts(outcome: string): Promise<number> {
      return (await db.collection(COLLECTIONS.messageAttempts).where({ channel: 'sms', outcome }).count())
        .total;
    },
  };
}

export type MessageRepository = ReturnType<typeof createMessageRepository>;
