import { COLLECTIONS } from '../shared/collections';
import { createLocalHost } from '../cloudfunctions/_local/local-host';
import type { DatabasePort } from '../cloudfunctions/_runtime/db';
import { createPatrolRepository } from '../cloudfunctions/patrol/patrol.repository';
import { JOB_SLICE_BUDGET_MS } from '../cloudfunctions/_runtime/platform-limits';
import { generateRun, quarterlySpec, WRITE_BATCH } from '../cloudfunctions/patrol/plan.service';

/**
 * `npm run bench -- patrol`: the quarterly plan for N occupied units (50 projects × 10 buildings × 20 floors ×
 * 10 units, two volunteers per project) generated on the embedded database — reading projects, buildings,
 * units and volunteers, planning routes, checking coverage, writing routes and stops in batches — as a ratio
 * to bare batched inserts of the same rows (the same documents into the same collections with the same
 * indexes, batches of the same size) on a fresh embedded database in the same run. Also prints the rerun
 * (idempotent: writes nothing) and the peak resident memory.
 */
const PROJECTS = 50;
const BUILDINGS = 10;
const FLOORS = 20;
const PER_FLOOR = 10;
const N = PROJECTS * BUILDINGS * FLOORS * PER_FLOOR;

async function addBatched(db: DatabasePort, collection: string, docs: object[]) {
  for (let i = 0; i < docs.length; i += WRITE_BATCH)
    await db.collection(collection).add(docs.slice(i, i + WRITE_BATCH));
}

async function readAll(db: DatabasePort, collection: string): Promise<{ _id: string }[]> {
  const out: { _id: string }[] = [];
  let last = '';
  for (;;) {
    // Pages by `_id` range (answered from the primary key) rather than by skip.
    const page = (
      await db
        .collection(collection)
        .where(last ? { _id: db.command.gt(last) } : {})
        .orderBy('_id', 'asc')
        .limit(1000)
        .get()
    ).data as { _id: string }[];
    out.push(...page);
    if (page.length < 1000) return out;
    last = page[page.length - 1]!._id;
  }
}

export async function run(): Promise<void> {
  let peak = 0;
  // Sampled between phases and after each project (the work is synchronous SQLite, so timers would starve).
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const now = new Date('2026-10-01T00:00:00Z');
  const host = await createLocalHost({ dataFile: ':memory:', seed: false, now: () => now });
  const db = host.runtime.db;
  const projects: object[] = [];
  const buildings: object[] = [];
  const users: object[] = [];
  let units: object[] = [];
  for (let p = 0; p < PROJECTS; p++) {
    const projectId = `p${String(p).padStart(3, '0')}`;
    projects.push({
      _id: projectId,
      name: `项目${p}`,
      district: '武昌区',
      address: '',
      createdAt: now.toISOString(),
    });
    for (const v of [1, 2])
      users.push({
        _id: `v-${projectId}-${v}`,
        openid: `o-${projectId}-${v}`,
        name: `志愿者${v}`,
        roles: ['volunteer'],
        projectIds: [projectId],
        createdAt: now.toISOString(),
      });
    for (let b = 0; b < BUILDINGS; b++) {
      const buildingId = `${projectId}-b${b}`;
      buildings.push({ _id: buildingId, projectId, name: `${b + 1}栋`, floors: FLOORS, highRise: true });
      for (let f = 1; f <= FLOORS; f++)
        for (let r = 1; r <= PER_FLOOR; r++)
          units.push({
            _id: `${buildingId}-${f}${String(r).padStart(2, '0')}`,
            projectId,
            buildingId,
            label: `${b + 1}栋-${f}${String(r).padStart(2, '0')}`,
            floor: f,
            areaM2: 45,
            layout: '两室一厅',
            orientation: '南',
            monthlyRentFen: 120000,
            status: 'occupied',
          });
    }
  }
  await addBatched(db, COLLECTIONS.projects, projects);
  await addBatched(db, COLLECTIONS.buildings, buildings);
  await addBatched(db, COLLECTIONS.users, users);
  await addBatched(db, COLLECTIONS.units, units);
  units = [];
  sample();

  // The plan as the platform makes it: the quarterly timer, in slices of JOB_SLICE_BUDGET_MS under the
  // timer limit, each firing continuing after the last project finished (host.runTimer fires again while a
  // slice answers `unfinished`).
  let t = process.hrtime.bigint();
  const timed = await host.runTimer('patrol', 'quarterly-plan');
  const full = Number(process.hrtime.bigint() - t) / 1e6;
  sample();
  if (!timed.result.ok) throw new Error(`quarterly plan failed: ${timed.result.error.message}`);
  const planned = timed.result.data as { routes: number };
  const written = (await db.collection(COLLECTIONS.patrolPlans).count()).total;
  t = process.hrtime.bigint();
  const rerun = await generateRun(
    createPatrolRepository(db),
    host.runtime,
    quarterlySpec(host.runtime, '2026-Q4', null, 'bench'),
  );
  const again = Number(process.hrtime.bigint() - t) / 1e6;

  // Baseline: the same rows, inserted bare in batches into a fresh database with the same indexes.
  const routes = await readAll(db, COLLECTIONS.patrolPlans);
  const stops = await readAll(db, COLLECTIONS.patrolStops);
  sample();
  host.close();
  const bare = await createLocalHost({ dataFile: ':memory:', seed: false, now: () => now });
  t = process.hrtime.bigint();
  await addBatched(bare.runtime.db, COLLECTIONS.patrolPlans, routes);
  await addBatched(bare.runtime.db, COLLECTIONS.patrolStops, stops);
  const baseline = Number(process.hrtime.bigint() - t) / 1e6;
  bare.close();
  sample();
  console.log(
    `patrol: plan for ${N.toLocaleString('en')} units (${planned.routes} routes, ${written} route and ${stops.length} stop documents) ` +
      `in ${full.toFixed(0)} ms; bare batched inserts of the same ${routes.length + stops.length} rows ${baseline.toFixed(0)} ms; ` +
      `ratio ${(full / baseline).toFixed(2)}x. Rerun of the finished quarter: ${rerun.written} written in ${again.toFixed(0)} ms. ` +
      `Peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB.`,
  );
  console.log(
    `slices: ${timed.slices} (budget ${JOB_SLICE_BUDGET_MS / 1000} s each); longest slice ${(timed.longestSliceMs / 1000).toFixed(1)} s of the ${timed.limitMs / 1000} s timer limit (${((100 * timed.longestSliceMs) / timed.limitMs).toFixed(0)}%)`,
  );
}
