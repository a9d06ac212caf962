import { openEmbeddedDatabase } from '../../../cloudfunctions/_runtime/db';

/**
 * Concurrent calls interleave on the embedded database as they do against CloudBase (where each request is
 * a round trip): a read-then-write outside a transaction loses updates (the bug a race test must be able to
 * catch), while the same increment inside a transaction does not. The database also yields to the event
 * loop on every request; these guards hold with or without that yield, and fail if requests were ever
 * answered one whole call at a time.
 */
describe('concurrent requests interleave on the embedded database', () => {
  const open = () => openEmbeddedDatabase({ filename: ':memory:' });

  it('a read-then-write outside a transaction loses updates when two requests race', async () => {
    const { db, close } = open();
    await db.collection('counters').doc('c').set({ n: 0 });
    const bump = async () => {
      const n = ((await db.collection('counters').doc('c').get()).data[0] as { n: number }).n;
      await db
        .collection('counters')
        .doc('c')
        .update({ n: n + 1 });
    };
    await Promise.all(Array.from({ length: 10 }, bump));
    const n = ((await db.collection('counters').doc('c').get()).data[0] as { n: number }).n;
    expect(n).toBeLessThan(10);
    close();
  });

  it('the same read-then-write inside a transaction counts every request', async () => {
    const { db, close } = open();
    await db.collection('counters').doc('c').set({ n: 0 });
    const bump = () =>
      db.runTransaction(async (tx) => {
        const doc = (await tx.collection('counters').doc('c').get()).data as { n: number };
        await tx
          .collection('counters')
          .doc('c')
          .update({ n: doc.n + 1 });
      });
    await Promise.all(Array.from({ length: 10 }, bump));
    expect(((await db.collection('counters').doc('c').get()).data[0] as { n: number }).n).toBe(10);
    close();
  });

  it('a request started later can be answered before an earlier one finishes its next step', async () => {
    const { db, close } = open();
    const order: string[] = [];
    await Promise.all([
      (async () => {
        await db.collection('log').add({ who: 'a1' });
        order.push('a1');
        await db.collection('log').add({ who: 'a2' });
        order.push('a2');
      })(),
      (async () => {
        await db.collection('log').add({ who: 'b1' });
        order.push('b1');
      })(),
    ]);
    expect(order.indexOf('b1')).toBeLessThan(order.indexOf('a2'));
    close();
  });
});
