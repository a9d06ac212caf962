import { COLLECTIONS } from '../shared/collections';
import { createLocalHost } from '../cloudfunctions/_local/local-host';
import { drainOutbox, messageIdOf, newMessageDoc } from '../cloudfunctions/_runtime/message-delivery';

/**
 * `npm run bench -- messages`: the sender draining N queued messages in runs of 50 on the embedded database
 * (per message: read, claim transaction with the consent and the attempt record, the sandbox send, the
 * record transaction), as a ratio to N bare transactions that each read one document and write two, on the
 * same database in the same run.
 */
const N = Number(process.env.MESSAGES_BENCH_N ?? 2000);

export async function run(): Promise<void> {
  const now = new Date('2026-12-01T02:00:00Z');
  const host = await createLocalHost({ dataFile: ':memory:', seed: false, now: () => now });
  const db = host.runtime.db;
  const users = Array.from({ length: 100 }, (_, i) => ({
    _id: `u${i}`,
    openid: `o${i}`,
    name: `住户${i}`,
    roles: ['tenant'],
    createdAt: '',
  }));
  await db.collection(COLLECTIONS.users).add(users);
  await db.collection(COLLECTIONS.messageConsents).add(
    users.map((u) => ({
      _id: `${u._id}|rent_due`,
      userId: u._id,
      kind: 'rent_due',
      remaining: N,
      requests: [],
      updatedAt: '',
    })),
  );
  const docs = Array.from({ length: N }, (_, i) => {
    const key = `bench|${i}`;
    return {
      _id: messageIdOf(key),
      ...newMessageDoc(
        {
          toUserId: `u${i % 100}`,
          template: 'rent_due',
          title: '租金即将到期',
          body: '请按时缴纳',
          dedupeKey: key,
          fields: { what: '2026-12 月租金', amount: '600.00元', dueDate: '2026-12-15', note: '请按时缴纳' },
          link: { page: 'bill', id: `bill-${i}` },
        },
        now.toISOString(),
      ),
    };
  });
  for (let i = 0; i < docs.length; i += 500)
    await db.collection(COLLECTIONS.outbox).add(docs.slice(i, i + 500));
  const deps = { db, channels: host.runtime.notify, now: () => now, log: host.runtime.log };

  let t0 = performance.now();
  let runs = 0;
  let sent = 0;
  for (;;) {
    const r = await drainOutbox(deps, 50);
    runs++;
    sent += r.sent;
    if (!r.more) break;
  }
  const drainMs = performance.now() - t0;

  t0 = performance.now();
  for (let i = 0; i < N; i++) {
    await db.runTransaction(async (tx) => {
      await tx
        .collection(COLLECTIONS.meta)
        .doc(`b${i % 100}`)
        .get();
      await tx
        .collection(COLLECTIONS.meta)
        .doc(`b${i % 100}`)
        .set({ n: i });
      await tx.collection(COLLECTIONS.meta).doc(`c${i}`).set({ n: i });
    });
  }
  const bareMs = performance.now() - t0;
  console.log(
    `${sent}/${N} sent in ${runs} runs of ≤50: ${drainMs.toFixed(0)} ms (${(drainMs / N).toFixed(2)} ms/message); ` +
      `${N} bare read+2-write transactions: ${bareMs.toFixed(0)} ms; ratio ${(drainMs / bareMs).toFixed(2)}×`,
  );
  host.close();
}
