import { COLLECTIONS } from '@shared/collections';
import { createLocalHost, type LocalHost } from '../../../cloudfunctions/_local/local-host';
import { openEmbeddedDatabase } from '../../../cloudfunctions/_runtime/db';
import { fetchAll } from '../../../cloudfunctions/_runtime/fetch-all';
import { startSlice } from '../../../cloudfunctions/_runtime/job-slice';
import { jobStates, sliceThrough } from '../../../cloudfunctions/_runtime/job-state';
import { indexDefinitions } from '../../../config/database/indexes';
import { addProject, addUser } from '../../factories/scenario.factory';

jest.setTimeout(120_000);

/**
 * The quarterly patrol plan and the daily reminders, forced into one batch a slice (budget 0), give exactly
 * what one run gives; a firing after the run is done writes nothing.
 */
const NOW = new Date('2026-10-01T00:00:00Z');

async function world(jobSliceBudgetMs?: number): Promise<LocalHost> {
  const host = await createLocalHost({ dataFile: ':memory:', now: () => NOW, jobSliceBudgetMs });
  for (const p of ['p-a', 'p-b', 'p-c', 'p-d']) {
    await addProject(host.runtime.db, { id: p, buildings: 2, floors: 3, perFloor: 4, tenants: 20 });
    await addUser(host.runtime.db, { id: `v-${p}`, roles: ['volunteer'], projectIds: [p] });
  }
  return host;
}

async function plan(host: LocalHost) {
  const db = host.runtime.db;
  const stops = await fetchAll<Record<string, unknown>>(db, COLLECTIONS.patrolStops);
  const routes = await fetchAll<Record<string, unknown>>(db, COLLECTIONS.patrolPlans);
  const [run] = await fetchAll<Record<string, unknown>>(db, COLLECTIONS.patrolRuns);
  const { startedAt: _s, finishedAt: _f, attempts: _a, ...runFacts } = run as Record<string, unknown>;
  return { stops, routes, run: runFacts };
}

describe('the quarterly plan in slices', () => {
  it('forced into one project a slice, it writes exactly the plan of one run', async () => {
    const one = await world();
    const whole = await one.runTimer('patrol', 'quarterly-plan');
    expect(whole.slices).toBe(1);
    const expected = await plan(one);
    one.close();
    expect(expected.stops.length).toBeGreaterThan(80);

    const sliced = await world(0);
    const first = await sliced.trigger('patrol', 'quarterly-plan');
    expect(first).toMatchObject({ ok: true, unfinished: true });
    const rest = await sliced.runTimer('patrol', 'quarterly-plan');
    expect(rest.slices).toBe(3); // four projects, one a slice
    expect(rest.result).toMatchObject({ ok: true, data: { units: 80 } });
    expect(await plan(sliced)).toEqual(expected);
    const again = await sliced.trigger('patrol', 'quarterly-plan');
    expect(again).toMatchObject({ ok: true, data: { written: 0 } });
    expect(again.unfinished).toBeUndefined();
    sliced.close();
  });
});

describe('sliceThrough: a job over a list of items, in slices with a cursor', () => {
  const keys = Array.from({ length: 350 }, (_, i) => `k${String(i).padStart(4, '0')}`);

  it('processes every item exactly once across slices, and a finished run does nothing', async () => {
    const { db, close } = openEmbeddedDatabase({ filename: ':memory:', indexes: indexDefinitions });
    const states = jobStates(db);
    const seen: string[] = [];
    const run = () =>
      sliceThrough({
        states,
        job: 'test-job',
        runKey: '2026-10-01',
        at: NOW.toISOString(),
        slice: startSlice(0),
        countNames: ['done'],
        items: async () => [...keys].reverse(),
        key: (k) => k,
        process: async (k, n) => {
          seen.push(k);
          n.done = (n.done ?? 0) + 1;
        },
      });
    const slices: number[] = [];
    for (let i = 0; i < 10; i++) {
      const before = seen.length;
      const r = await run();
      slices.push(seen.length - before);
      if (r.state?.status === 'done') break;
    }
    expect(slices).toEqual([100, 100, 100, 50]);
    expect(seen).toEqual(keys);
    expect((await run()).counts).toEqual({ done: 0 });
    expect((await states.get('test-job', '2026-10-01'))?.counts).toEqual({ done: 350 });
    close();
  });

  it('after a crash mid-batch, the rerun redoes only that batch', async () => {
    const { db, close } = openEmbeddedDatabase({ filename: ':memory:', indexes: indexDefinitions });
    const states = jobStates(db);
    const seen: string[] = [];
    let crash = true;
    const run = () =>
      sliceThrough({
        states,
        job: 'test-job',
        runKey: 'x',
        at: NOW.toISOString(),
        slice: startSlice(60_000),
        countNames: ['done'],
        items: async () => keys,
        key: (k) => k,
        process: async (k) => {
          if (k === 'k0150' && crash) {
            crash = false;
            throw new Error('simulated crash');
          }
          seen.push(k);
        },
      });
    await expect(run()).rejects.toThrow('simulated crash');
    await run();
    const twice = seen.filter((k, i) => seen.indexOf(k) !== i);
    expect(new Set(seen)).toEqual(new Set(keys));
    // Only the batch in progress (k0100–k0149) is processed again.
    expect(twice).toEqual(keys.slice(100, 150));
    close();
  });
});

describe('the daily rent reminders in slices', () => {
  async function remindersOf(jobSliceBudgetMs?: number) {
    let now = new Date('2026-11-30T18:00:00Z');
    const host = await createLocalHost({ dataFile: ':memory:', now: () => now, jobSliceBudgetMs });
    await addProject(host.runtime.db, { id: 'p-r', buildings: 5, floors: 10, perFloor: 10, tenants: 450 });
    expect((await host.runTimer('billing', 'monthly-bills')).result.ok).toBe(true);
    now = new Date('2026-12-12T02:00:00Z'); // three days before the 15th
    const run = await host.runTimer('billing', 'daily-rent-reminders');
    const outbox = (
      await fetchAll<{ toUserId: string; template: string; body: string; dedupeKey: string }>(
        host.runtime.db,
        COLLECTIONS.outbox,
      )
    )
      .map((m) => `${m.toUserId}|${m.template}|${m.dedupeKey}|${m.body}`)
      .sort();
    const again = await host.trigger('billing', 'daily-rent-reminders');
    host.close();
    return { run, outbox, again };
  }

  it('paged through the tenants one page a slice, it sends exactly what one run sends, and once', async () => {
    const one = await remindersOf();
    expect(one.run.slices).toBe(1);
    expect(one.run.result).toMatchObject({ ok: true, data: { dueSoon: 450, overdue: 0 } });
    expect(one.outbox).toHaveLength(450);
    const sliced = await remindersOf(0);
    expect(sliced.run.slices).toBe(4); // 200 + 200 + 50 tenants, then a slice that finds no more
    expect(sliced.run.result).toMatchObject({ ok: true, data: { dueSoon: 450, overdue: 0 } });
    expect(sliced.outbox).toEqual(one.outbox);
    expect(sliced.again).toMatchObject({ ok: true, data: { dueSoon: 0, overdue: 0 } });
  });
});
