import type { IndexDefinitions } from '../../../config/database/indexes';
import { openEmbeddedDatabase, type EmbeddedDatabase } from '../../../cloudfunctions/_runtime/db';
import { MAX_TRANSACTION_MS, MAX_TRANSACTION_WRITES } from '../../../cloudfunctions/_runtime/platform-limits';

/**
 * CloudBase drops a transaction that is not committed within 30 s
 * (https://docs.cloudbase.net/en/error-code/DATABASE_TRANSACTION_FAIL) and, by our conservative choice, one
 * transaction writes at most MAX_TRANSACTION_WRITES documents. The embedded database refuses both the
 * way CloudBase answers (DATABASE_TRANSACTION_FAIL), rolls the transaction back, and frees its lock.
 */
const C = 'limits_test';
/** A scratch collection, not one of the app's. */
const SCRATCH = { [C]: [] } as unknown as IndexDefinitions;

/** The SDK's manual transaction API, which the port does not name (functions use runTransaction). */
interface ManualTx {
  collection(name: string): { doc(id: string): { set(data: object): Promise<unknown> } };
  commit(): Promise<unknown>;
  rollback(): Promise<unknown>;
}
const start = (db: EmbeddedDatabase['db']) =>
  (db as unknown as { startTransaction(): Promise<ManualTx> }).startTransaction();

async function count(db: EmbeddedDatabase['db']): Promise<number> {
  return (await db.collection(C).where({}).count()).total;
}

describe('embedded database: transaction limits', () => {
  let e: EmbeddedDatabase;
  let clock = 0;
  beforeEach(() => {
    clock = 0;
    e = openEmbeddedDatabase({
      filename: ':memory:',
      indexes: SCRATCH,
      transactionClock: () => clock,
    });
  });
  afterEach(() => e.close());

  it('the defaults are the platform figures', () => {
    expect(MAX_TRANSACTION_MS).toBe(30_000);
    expect(MAX_TRANSACTION_WRITES).toBe(100);
  });

  it(`a transaction may write ${MAX_TRANSACTION_WRITES} documents`, async () => {
    await e.db.runTransaction(async (tx) => {
      for (let i = 0; i < MAX_TRANSACTION_WRITES; i++) await tx.collection(C).doc(`d${i}`).set({ i });
    });
    expect(await count(e.db)).toBe(MAX_TRANSACTION_WRITES);
  });

  it('one write more is refused, the transaction rolls back and writes nothing', async () => {
    const err = await e.db
      .runTransaction(async (tx) => {
        // Mixed writes: each add, set, update and remove counts as one document written.
        await tx.collection(C).add({ first: true });
        for (let i = 1; i < MAX_TRANSACTION_WRITES; i++) await tx.collection(C).doc(`d${i}`).set({ i });
        await tx.collection(C).doc('d1').update({ i: -1 });
      })
      .catch((x: unknown) => x);
    expect(err).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    expect((err as Error).message).toMatch(/一个事务最多写入 100 个文档.*已回滚/);
    expect(await count(e.db)).toBe(0);
    // The lock is free: the next transaction runs.
    await e.db.runTransaction(async (tx) => {
      await tx.collection(C).doc('after').set({ ok: true });
    });
    expect(await count(e.db)).toBe(1);
  });

  it('reads do not count towards the write limit', async () => {
    await e.db.collection(C).doc('r').set({ v: 1 });
    await e.db.runTransaction(async (tx) => {
      for (let i = 0; i < MAX_TRANSACTION_WRITES + 20; i++) await tx.collection(C).doc('r').get();
      await tx.collection(C).doc('r').update({ v: 2 });
    });
    expect((await e.db.collection(C).doc('r').get()).data[0]).toMatchObject({ v: 2 });
  });

  it('an operation after 30 s fails with DATABASE_TRANSACTION_FAIL and nothing is written', async () => {
    const err = await e.db
      .runTransaction(async (tx) => {
        await tx.collection(C).doc('a').set({ v: 1 });
        clock += MAX_TRANSACTION_MS - 1;
        await tx.collection(C).doc('b').set({ v: 2 }); // still inside the limit
        clock += 2;
        await tx.collection(C).doc('c').set({ v: 3 });
      })
      .catch((x: unknown) => x);
    expect(err).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    expect((err as Error).message).toMatch(/事务超过 30 秒未提交，已被回滚/);
    expect(await count(e.db)).toBe(0);
  });

  it('a commit after 30 s fails and the writes are rolled back', async () => {
    const tx = await start(e.db);
    await tx.collection(C).doc('a').set({ v: 1 });
    clock += MAX_TRANSACTION_MS + 1;
    await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    // The caller's rollback after the failed commit is harmless.
    await expect(tx.rollback()).resolves.toBeDefined();
    expect(await count(e.db)).toBe(0);
  });
});

describe('embedded database: a transaction left open is dropped when its time is up', () => {
  it('the lock is freed, the writes are gone and the late commit fails', async () => {
    const e = openEmbeddedDatabase({
      filename: ':memory:',
      indexes: SCRATCH,
      transactionLimits: { maxMs: 30 },
    });
    try {
      const tx = await start(e.db);
      await tx.collection(C).doc('a').set({ v: 1 });
      // Without the drop, this write would wait for the lock for ever.
      await new Promise((r) => setTimeout(r, 60));
      await e.db.collection(C).doc('outside').set({ v: 2 });
      await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
      const ids = (await e.db.collection(C).where({}).get()).data.map((d) => (d as { _id: string })._id);
      expect(ids).toEqual(['outside']);
    } finally {
      e.close();
    }
  });
});
