import type { DatabasePort } from '../../../cloudfunctions/_runtime/db';
import { MAX_TRANSACTION_WRITES } from '../../../cloudfunctions/_runtime/platform-limits';

/**
 * The database port's contract, written once and run against every implementation: the embedded
 * database always, a real CloudBase environment when credentials are present. Each run uses fresh
 * collection names so that runs never see each other's data.
 */
export interface PortUnderTest {
  db: DatabasePort;
  /** A collection name unique to this run. */
  name(base: string): string;
}

export function describePortContract(
  label: string,
  open: () => Promise<PortUnderTest>,
  close: () => Promise<void>,
) {
  describe(`database port contract: ${label}`, () => {
    let t: PortUnderTest;
    beforeAll(async () => {
      t = await open();
    });
    afterAll(close);

    const seedPeople = async (c: string) => {
      const people = [
        { _id: 'a', name: '王芳', age: 31, city: '武汉', tags: ['低保'], income: 1200 },
        { _id: 'b', name: '李强', age: 45, city: '武汉', tags: [], income: 3600 },
        { _id: 'c', name: '张敏', age: 70, city: '乌兰察布', tags: ['独居', '残疾'], income: 0 },
        { _id: 'd', name: '刘洋', age: 22, city: '惠州', tags: ['新就业'], income: 4100, note: null },
      ];
      for (const p of people) await t.db.collection(c).add(p);
    };

    it('add generates a string _id and doc().get() returns the document in a list', async () => {
      const c = t.name('add');
      const res = await t.db.collection(c).add({ title: '报修', count: 1 });
      expect(typeof res.id).toBe('string');
      expect(String(res.id).length).toBeGreaterThanOrEqual(16);
      const got = await t.db.collection(c).doc(String(res.id)).get();
      expect(got.data).toEqual([{ _id: res.id, title: '报修', count: 1 }]);
      expect((await t.db.collection(c).doc('missing').get()).data).toEqual([]);
    });

    it('where with command operators matches Mongo semantics', async () => {
      const c = t.name('where');
      await seedPeople(c);
      const _ = t.db.command;
      const ids = async (q: object) =>
        ((await t.db.collection(c).where(q).orderBy('_id', 'asc').get()).data as { _id: string }[]).map(
          (d) => d._id,
        );
      expect(await ids({ city: '武汉' })).toEqual(['a', 'b']);
      expect(await ids({ age: _.gt(40) })).toEqual(['b', 'c']);
      expect(await ids({ age: _.gte(22).and(_.lt(45)) })).toEqual(['a', 'd']);
      expect(await ids({ city: _.in(['惠州', '乌兰察布']) })).toEqual(['c', 'd']);
      expect(await ids({ city: _.nin(['武汉']) })).toEqual(['c', 'd']);
      expect(await ids({ city: _.neq('武汉') })).toEqual(['c', 'd']);
      expect(await ids({ tags: '独居' })).toEqual(['c']);
      expect(await ids(_.or([{ age: _.lt(25) }, { income: 0 }]))).toEqual(['c', 'd']);
      expect(await ids({ note: _.exists(true) })).toEqual(['d']);
      expect(await ids({ name: t.db.RegExp({ regexp: '^王' }) })).toEqual(['a']);
      expect(await ids({ city: '武汉', age: _.lte(31) })).toEqual(['a']);
    });

    it('orderBy, skip, limit, field and count', async () => {
      const c = t.name('page');
      await seedPeople(c);
      const page = await t.db
        .collection(c)
        .where({})
        .orderBy('age', 'desc')
        .skip(1)
        .limit(2)
        .field({ name: true })
        .get();
      expect(page.data).toEqual([
        { _id: 'b', name: '李强' },
        { _id: 'a', name: '王芳' },
      ]);
      expect((await t.db.collection(c).where({ city: '武汉' }).count()).total).toBe(2);
    });

    it('returns 100 documents by default and never more than 1000', async () => {
      const c = t.name('cap');
      const docs = Array.from({ length: 1005 }, (_, i) => ({ n: i }));
      // In transactions of at most MAX_TRANSACTION_WRITES documents (platform-limits.ts).
      for (let i = 0; i < docs.length; i += MAX_TRANSACTION_WRITES) {
        await t.db.runTransaction(async (tx) => {
          for (const d of docs.slice(i, i + MAX_TRANSACTION_WRITES)) await tx.collection(c).add(d);
        });
      }
      expect((await t.db.collection(c).where({}).get()).data).toHaveLength(100);
      expect((await t.db.collection(c).where({}).limit(5000).get()).data).toHaveLength(1000);
      expect((await t.db.collection(c).where({}).count()).total).toBe(1005);
    });

    it('update operators: set, inc, mul, push, pull, addToSet, remove, min, max', async () => {
      const c = t.name('ops');
      const _ = t.db.command;
      await t.db
        .collection(c)
        .add({ _id: 'x', paid: 100, rate: 2, tags: ['a'], status: 'unpaid', tmp: 1, lo: 5, hi: 5 });
      const res = await t.db
        .collection(c)
        .doc('x')
        .update({
          paid: _.inc(50),
          rate: _.mul(3),
          tags: _.push(['b']),
          status: 'partial',
          tmp: _.remove(),
          lo: _.min(2),
          hi: _.max(9),
          'nested.level': 1,
        });
      expect(res.updated).toBe(1);
      await t.db
        .collection(c)
        .doc('x')
        .update({ tags: _.addToSet('a') });
      await t.db
        .collection(c)
        .doc('x')
        .update({ tags: _.pull('a') });
      const doc = (await t.db.collection(c).doc('x').get()).data[0];
      expect(doc).toEqual({
        _id: 'x',
        paid: 150,
        rate: 6,
        tags: ['b'],
        status: 'partial',
        lo: 2,
        hi: 9,
        nested: { level: 1 },
      });
    });

    it('doc().set replaces the document; where().update and where().remove act on every match', async () => {
      const c = t.name('set');
      await seedPeople(c);
      await t.db.collection(c).doc('a').set({ name: '王芳', age: 32 });
      expect((await t.db.collection(c).doc('a').get()).data[0]).toEqual({ _id: 'a', name: '王芳', age: 32 });
      const upd = await t.db.collection(c).where({ city: '武汉' }).update({ checked: true });
      expect(upd.updated).toBe(1); // 'a' lost its city in the set above
      const rm = await t.db
        .collection(c)
        .where({ age: t.db.command.gt(40) })
        .remove();
      expect(rm.deleted).toBe(2);
      expect((await t.db.collection(c).where({}).count()).total).toBe(2);
      expect((await t.db.collection(c).doc('d').remove()).deleted).toBe(1);
    });

    it('transactions commit together, or not at all', async () => {
      const c = t.name('tx');
      await t.db.collection(c).add({ _id: 'acct', balance: 100 });
      const result = await t.db.runTransaction(async (tx) => {
        const acct = (await tx.collection(c).doc('acct').get()).data as { balance: number };
        await tx
          .collection(c)
          .doc('acct')
          .update({ balance: acct.balance - 30 });
        await tx.collection(c).add({ _id: 'entry-1', amount: 30 });
        return acct.balance - 30;
      });
      expect(result).toBe(70);
      await expect(
        t.db.runTransaction(async (tx) => {
          await tx.collection(c).doc('acct').update({ balance: 0 });
          await tx.collection(c).add({ _id: 'entry-2', amount: 70 });
          throw new Error('付款失败');
        }),
      ).rejects.toThrow('付款失败');
      expect((await t.db.collection(c).doc('acct').get()).data[0]).toMatchObject({ balance: 70 });
      expect((await t.db.collection(c).doc('entry-2').get()).data).toEqual([]);
    });

    it('concurrent transactional increments lose no update', async () => {
      const c = t.name('race');
      await t.db.collection(c).add({ _id: 'n', value: 0 });
      await Promise.all(
        Array.from({ length: 100 }, () =>
          t.db.runTransaction(async (tx) => {
            const doc = (await tx.collection(c).doc('n').get()).data as { value: number };
            await tx
              .collection(c)
              .doc('n')
              .update({ value: doc.value + 1 });
          }, 10),
        ),
      );
      expect((await t.db.collection(c).doc('n').get()).data[0]).toMatchObject({ value: 100 });
    });
  });
}
