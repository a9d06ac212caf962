import type { DatabasePort } from '../../cloudfunctions/_runtime/db';
import { MAX_TRANSACTION_WRITES } from '../../cloudfunctions/_runtime/platform-limits';

/** Something a factory can set documents on by id: the database, a transaction, or a `BatchedWriter`. */
export type Writer = {
  collection(name: string): { doc(id: string): { set(data: object): Promise<unknown> } };
};

/**
 * Collects a factory's `set`s and writes them in transactions of at most MAX_TRANSACTION_WRITES documents
 * (CloudBase's transaction limit, which the embedded database enforces: platform-limits.ts).
 */
export class BatchedWriter implements Writer {
  private readonly writes: { collection: string; id: string; data: object }[] = [];

  collection(collection: string) {
    return {
      doc: (id: string) => ({
        set: async (data: object) => {
          this.writes.push({ collection, id, data });
        },
      }),
    };
  }

  async flush(db: DatabasePort): Promise<void> {
    const writes = this.writes.splice(0);
    for (let i = 0; i < writes.length; i += MAX_TRANSACTION_WRITES) {
      const batch = writes.slice(i, i + MAX_TRANSACTION_WRITES);
      await db.runTransaction(async (tx) => {
        for (const w of batch) await tx.collection(w.collection).doc(w.id).set(w.data);
      });
    }
  }
}
