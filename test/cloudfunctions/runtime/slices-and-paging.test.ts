import { COLLECTIONS } from '@shared/collections';
import { createLocalHost } from '../../../cloudfunctions/_local/local-host';
import type { DatabasePort } from '../../../cloudfunctions/_runtime/db';
import {
  fetchAll,
  fetchAllIn,
  docsByIds,
  ListTooLongError,
} from '../../../cloudfunctions/_runtime/fetch-all';
import { IN_LIST_LIMIT } from '../../../cloudfunctions/_runtime/platform-limits';
import { isTransactionConflict } from '../../../cloudfunctions/_runtime/transaction-errors';
import { addProject, openTestHost, type TestHost } from '../../factories/scenario.factory';
import { applicantOf, registrationsInTurn, roundScenario } from '../../factories/allocation.scenario';

jest.setTimeout(120_000);

async function billsOf(db: DatabasePort, period: string) {
  return (
    await fetchAll<{ _id: string; amountFen: number; leaseId: string }>(db, COLLECTIONS.bills, { period })
  )
    .map((b) => `${b._id}:${b.amountFen}`)
    .sort();
}

describe('timer jobs in slices', () => {
  let t: TestHost;
  afterEach(() => t?.host.close());

  it('a monthly run forced into many slices (budget 0) bills exactly what one run bills', async () => {
    const one = await openTestHost('2026-11-22T02:00:00Z');
    await addProject(one.db, { id: 'p-big', buildings: 12, floors: 10, perFloor: 10, tenants: 1_200 });
    one.clock.set('2026-11-30T18:00:00Z');
    const whole = await one.host.runTimer('billing', 'monthly-bills');
    expect(whole.slices).toBe(1);
    const expected = await billsOf(one.db, '2026-12');
    one.host.close();
    expect(expected).toHaveLength(1_200);

    const sliced = await createLocalHost({
      dataFile: ':memory:',
      now: () => new Date('2026-11-30T18:00:00Z'),
      jobSliceBudgetMs: 0,
    });
    await addProject(sliced.runtime.db, {
      id: 'p-big',
      buildings: 12,
      floors: 10,
      perFloor: 10,
      tenants: 1_200,
    });
    const first = await sliced.trigger('billing', 'monthly-bills');
    expect(first).toMatchObject({
      ok: true,
      unfinished: true,
      data: { status: 'running', leasesProcessed: 500 },
    });
    const rest = await sliced.runTimer('billing', 'monthly-bills');
    expect(rest.result).toMatchObject({ ok: true, data: { status: 'done', billsCreated: 1_200 } });
    expect(rest.slices).toBe(2); // 500 + 500 + 200 leases: three slices in all
    expect(await billsOf(sliced.runtime.db, '2026-12')).toEqual(expected);
    // A firing after the run is done does nothing.
    const again = await sliced.trigger('billing', 'monthly-bills');
    expect(again).toMatchObject({ ok: true, data: { status: 'done', billsCreated: 1_200 } });
    expect(again.unfinished).toBeUndefined();
    expect(await billsOf(sliced.runtime.db, '2026-12')).toEqual(expected);
    sliced.close();
  });

  it('a timer run past the time limit fails like a platform timeout and its later requests are refused', async () => {
    const host = await createLocalHost({
      dataFile: ':memory:',
      now: () => new Date('2026-11-30T18:00:00Z'),
      timerLimitMs: 1,
    });
    await addProject(host.runtime.db, {
      id: 'p-big',
      buildings: 12,
      floors: 10,
      perFloor: 10,
      tenants: 1_200,
    });
    const killed = await host.trigger('billing', 'monthly-bills');
    expect(killed).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(killed.ok || killed.error.message).toContain('超过平台时限');
    // The killed run sends nothing more: its count stays where the platform stopped it.
    await new Promise((r) => setTimeout(r, 200));
    const after = await host.runtime.db.collection(COLLECTIONS.bills).count();
    await new Promise((r) => setTimeout(r, 200));
    expect((await host.runtime.db.collection(COLLECTIONS.bills).count()).total).toBe(after.total);
    expect(after.total).toBeLessThan(1_200);
    host.close();
  });

  it('a crash mid-slice, then the next slices: exactly one bill per lease', async () => {
    const host = await createLocalHost({
      dataFile: ':memory:',
      now: () => new Date('2026-11-30T18:00:00Z'),
      jobSliceBudgetMs: 0,
    });
    await addProject(host.runtime.db, {
      id: 'p-big',
      buildings: 12,
      floors: 10,
      perFloor: 10,
      tenants: 1_200,
    });
    const db = host.runtime.db;
    let adds = 0;
    host.runtime.db = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop !== 'collection') return Reflect.get(target, prop, receiver);
        return (name: string) => {
          const c = target.collection(name);
          if (name !== COLLECTIONS.bills) return c;
          return new Proxy(c, {
            get(ct, p, r) {
              if (p !== 'add') return Reflect.get(ct, p, r);
              return async (data: object) => {
                if (++adds === 2) throw new Error('simulated crash');
                return ct.add(data);
              };
            },
          });
        };
      },
    }) as DatabasePort;
    expect((await host.trigger('billing', 'monthly-bills')).ok).toBe(true); // slice 1: 500 bills
    expect((await host.trigger('billing', 'monthly-bills')).ok).toBe(false); // slice 2 crashes
    host.runtime.db = db;
    const rest = await host.runTimer('billing', 'monthly-bills');
    expect(rest.result).toMatchObject({ ok: true, data: { status: 'done', leasesProcessed: 1_200 } });
    const all = await fetchAll<{ leaseId: string }>(db, COLLECTIONS.bills, { period: '2026-12' });
    expect(all).toHaveLength(1_200);
    expect(new Set(all.map((b) => b.leaseId)).size).toBe(1_200);
    host.close();
  });

  it('the daily repair reminders run in slices and a finished day sends nothing more', async () => {
    t = await openTestHost('2026-11-22T02:00:00Z');
    const r = await t.host.runTimer('repair', 'daily-deadline-reminders');
    expect(r.result).toMatchObject({ ok: true, data: { checked: 0, reminded: 0, queued: 0 } });
    const state = (
      await t.db.collection(COLLECTIONS.jobState).where({ job: 'daily-deadline-reminders' }).get()
    ).data[0] as { status: string };
    expect(state.status).toBe('done');
  });
});

describe('paging never cuts a list short', () => {
  let t: TestHost;
  beforeEach(async () => {
    t = await openTestHost('2026-11-22T02:00:00Z');
  });
  afterEach(() => t.host.close());

  async function addNotes(n: number, from = 0) {
    for (let i = from; i < from + n; i += 1000) {
      const docs = [];
      for (let j = i; j < Math.min(from + n, i + 1000); j++)
        docs.push({ _id: `n${String(j).padStart(6, '0')}`, kind: 'note', seq: j });
      await t.db.collection(COLLECTIONS.meta).add(docs);
    }
  }

  it('reads a collection of more than several pages in full and in order, and fails loudly above a cap', async () => {
    await addNotes(3_500);
    const all = await fetchAll<{ _id: string; seq: number }>(t.db, COLLECTIONS.meta, { kind: 'note' });
    expect(all).toHaveLength(3_500);
    expect(all.map((d) => d.seq)).toEqual([...Array(3_500).keys()]);
    const desc = await fetchAll<{ seq: number }>(
      t.db,
      COLLECTIONS.meta,
      { kind: 'note' },
      { orderBy: ['seq', 'desc'] },
    );
    expect(desc[0]!.seq).toBe(3_499);
    await expect(
      fetchAll(t.db, COLLECTIONS.meta, { kind: 'note' }, { maxDocs: 3_000 }),
    ).rejects.toBeInstanceOf(ListTooLongError);
  });

  it('documents inserted while paging do not duplicate or skip the existing ones', async () => {
    await addNotes(2_500);
    let inserted = 0;
    const db = t.db;
    const racing = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop !== 'collection') return Reflect.get(target, prop, receiver);
        return (name: string) => {
          const c = target.collection(name);
          return new Proxy(c, {
            get(ct, p, r) {
              if (p !== 'where') return Reflect.get(ct, p, r);
              return (q: object) => {
                const query = ct.where(q);
                return new Proxy(query, {
                  get(qt, qp, qr) {
                    if (qp !== 'orderBy') return Reflect.get(qt, qp, qr);
                    return (f: string, d: 'asc' | 'desc') => {
                      const ordered = qt.orderBy(f, d);
                      return new Proxy(ordered, {
                        get(ot, op, or) {
                          if (op !== 'limit') return Reflect.get(ot, op, or);
                          return (n: number) => {
                            const limited = ot.limit(n);
                            const realGet = limited.get.bind(limited);
                            return Object.assign(Object.create(limited), {
                              get: async () => {
                                const page = await realGet();
                                // Between pages, others insert before and after the read position.
                                await db.collection(COLLECTIONS.meta).add([
                                  { _id: `a${inserted}`, kind: 'note', seq: -1 },
                                  { _id: `z${inserted}`, kind: 'note', seq: -1 },
                                ]);
                                inserted++;
                                return page;
                              },
                            });
                          };
                        },
                      });
                    };
                  },
                });
              };
            },
          });
        };
      },
    }) as DatabasePort;
    const all = await fetchAll<{ _id: string; seq: number }>(racing, COLLECTIONS.meta, { kind: 'note' });
    expect(inserted).toBeGreaterThan(1);
    const existing = all.filter((d) => d.seq >= 0).map((d) => d.seq);
    expect(existing).toEqual([...Array(2_500).keys()]);
    expect(new Set(all.map((d) => d._id)).size).toBe(all.length);
  });

  it('an in list longer than the limit is chunked by the readers and refused by the database when not', async () => {
    await addNotes(1_200);
    const ids = [...Array(1_200).keys()].map((j) => `n${String(j).padStart(6, '0')}`);
    expect(ids.length).toBeGreaterThan(IN_LIST_LIMIT);
    expect((await docsByIds(t.db, COLLECTIONS.meta, ids)).size).toBe(1_200);
    const seqs = [...Array(1_200).keys()];
    expect(await fetchAllIn(t.db, COLLECTIONS.meta, 'seq', seqs)).toHaveLength(1_200);
    await expect(
      t.db
        .collection(COLLECTIONS.meta)
        .where({ _id: t.db.command.in(ids) })
        .limit(1000)
        .get(),
    ).rejects.toMatchObject({ code: 'INVALID_PARAM' });
  });
});

describe('unit selection when the transaction retries are used up', () => {
  let t: TestHost;
  beforeEach(async () => {
    t = await openTestHost('2026-11-22T02:00:00Z');
  });
  afterEach(() => t.host.close());

  const conflict = () => Object.assign(new Error('WriteConflict'), { code: 'DATABASE_TRANSACTION_FAIL' });

  it('recognises the conflict errors', () => {
    expect(isTransactionConflict(conflict())).toBe(true);
    expect(isTransactionConflict(new Error('other'))).toBe(false);
  });

  for (const taken of [true, false]) {
    it(taken ? 'tells the tenant the unit is taken' : 'tells the tenant to try again', async () => {
      const s = await roundScenario(t, { stage: 'selecting', applicants: 3 });
      const [first, second] = await registrationsInTurn(t, s.round.id);
      const unitId = s.unitIds[0]!;
      const db = t.host.runtime.db;
      t.host.runtime.db = new Proxy(db, {
        get(target, prop, receiver) {
          if (prop !== 'runTransaction') return Reflect.get(target, prop, receiver);
          return async () => {
            // Someone else took the unit meanwhile (or not); then the SDK gives up.
            if (taken)
              await db
                .collection(COLLECTIONS.units)
                .doc(unitId)
                .update({ status: 'reserved', reservedBy: second!._id });
            throw conflict();
          };
        },
      }) as DatabasePort;
      const res = await t.call('allocation', applicantOf(s, first!).openid, 'selectUnit', {
        roundId: s.round.id,
        unitId,
      });
      t.host.runtime.db = db;
      expect(res.ok).toBe(false);
      expect(res.error.code).toBe('CONFLICT');
      expect(res.error.message).toContain(taken ? '该房源已被他人选定' : '请重试');
      const reg = (await db.collection(COLLECTIONS.registrations).doc(first!._id).get()).data[0] as {
        unitId?: string | null;
      };
      expect(reg.unitId ?? null).toBeNull();
    });
  }
});
