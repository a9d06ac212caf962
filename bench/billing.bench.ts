import { COLLECTIONS } from '../shared/collections';
import { createLocalHost } from '../cloudfunctions/_local/local-host';
import type { DatabasePort } from '../cloudfunctions/_runtime/db';
import type { BillDoc, HouseholdDoc, LeaseDoc, UnitDoc } from '../cloudfunctions/_runtime/documents';
import { createBillingRepository } from '../cloudfunctions/billing/billing.repository';
import { runMonthlyBilling } from '../cloudfunctions/billing/billing.service';
import { JOB_SLICE_BUDGET_MS } from '../cloudfunctions/_runtime/platform-limits';
import { makeHousehold } from '../test/factories/housing.factory';
import { createRng } from '../test/factories/rng';

/**
 * `npm run bench -- billing`: the monthly bill run for N active leases on the embedded database (reading
 * leases, units and households in batches of 500, computing each bill with the rules module, checking which
 * exist, inserting the rest and recording progress), fired as the monthly timer in slices under the timer
 * limit until done, as a ratio to bare batched inserts of the same N bills
 * (same documents, same collection and indexes, batches of 500) on a fresh embedded database in the same run.
 * Also prints how many slices the run took and the longest against the limit, the rerun (idempotent:
 * creates nothing) and the peak resident memory.
 */
const N = Number(process.env.BILLING_BENCH_LEASES ?? 200_000);
const BATCH = 500;
const PERIOD = '2026-12';

async function addBatched(db: DatabasePort, collection: string, docs: object[]) {
  for (let i = 0; i < docs.length; i += BATCH) await db.collection(collection).add(docs.slice(i, i + BATCH));
}

export async function run(): Promise<void> {
  let peak = 0;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const now = new Date('2026-12-01T02:00:00Z');
  const rng = createRng(20261201);
  const host = await createLocalHost({ dataFile: ':memory:', seed: false, now: () => now });
  const db = host.runtime.db;
  await db
    .collection(COLLECTIONS.projects)
    .add([{ _id: 'p1', name: '基准项目', district: '', address: '', createdAt: '' }]);
  const units: UnitDoc[] = [];
  const households: HouseholdDoc[] = [];
  const leases: LeaseDoc[] = [];
  for (let i = 0; i < N; i++) {
    const id = String(i).padStart(6, '0');
    units.push({
      _id: `u${id}`,
      projectId: 'p1',
      buildingId: `b${Math.floor(i / 400)}`,
      label: `${Math.floor(i / 400) + 1}栋-${i % 400}`,
      floor: 1 + ((i % 400) % 20),
      areaM2: 35 + (i % 25),
      layout: '一室一厅',
      orientation: '南',
      monthlyRentFen: 90_000 + (i % 50) * 1000,
      status: 'occupied',
    });
    households.push(makeHousehold(rng, { _id: `h${id}`, status: 'tenant' }));
    leases.push({
      _id: `l${id}`,
      householdId: `h${id}`,
      unitId: `u${id}`,
      projectId: 'p1',
      startDate: '2025-01-01',
      endDate: '2028-01-01',
      monthlyRentFen: 50_000,
      status: 'active',
    });
  }
  await addBatched(db, COLLECTIONS.units, units);
  await addBatched(db, COLLECTIONS.households, households);
  await addBatched(db, COLLECTIONS.leases, leases);
  units.length = 0;
  households.length = 0;
  leases.length = 0;
  sample();

  // The run as the platform makes it: the monthly timer, in slices of JOB_SLICE_BUDGET_MS under the timer
  // limit, each firing continuing from the last one's cursor (host.runTimer fires again while a slice
  // answers `unfinished`).
  let t = performance.now();
  const timed = await host.runTimer('billing', 'monthly-bills');
  const runMs = performance.now() - t;
  sample();
  if (!timed.result.ok) throw new Error(`monthly run failed: ${timed.result.error.message}`);
  const result = timed.result.data as { billsCreated: number; status: string };
  t = performance.now();
  const rerun = await runMonthlyBilling(createBillingRepository(db), host.runtime, PERIOD, {
    batchSize: BATCH,
  });
  const rerunMs = performance.now() - t;
  const bills = (await db.collection(COLLECTIONS.bills).where({ period: PERIOD }).count()).total;
  // The same bills, as documents, for the baseline.
  const sampleBill = (await db.collection(COLLECTIONS.bills).limit(1).get()).data[0] as BillDoc;
  host.close();

  const bare = await createLocalHost({ dataFile: ':memory:', seed: false, now: () => now });
  const docs: BillDoc[] = [];
  for (let i = 0; i < N; i++) {
    const id = String(i).padStart(6, '0');
    docs.push({
      ...sampleBill,
      _id: `bill-l${id}-${PERIOD}`,
      leaseId: `l${id}`,
      householdId: `h${id}`,
      unitId: `u${id}`,
    });
  }
  t = performance.now();
  await addBatched(bare.runtime.db, COLLECTIONS.bills, docs);
  const bareMs = performance.now() - t;
  sample();
  bare.close();

  console.log(
    `monthly run: ${N} leases → ${result.billsCreated} bills (${bills} in the collection) in ${runMs.toFixed(0)} ms`,
  );
  console.log(
    `slices: ${timed.slices} (budget ${JOB_SLICE_BUDGET_MS / 1000} s each); longest slice ${(timed.longestSliceMs / 1000).toFixed(1)} s of the ${timed.limitMs / 1000} s timer limit (${((100 * timed.longestSliceMs) / timed.limitMs).toFixed(0)}%)`,
  );
  console.log(`bare batched inserts of ${N} bills: ${bareMs.toFixed(0)} ms`);
  console.log(`ratio: ${(runMs / bareMs).toFixed(2)}× (goal ≤ 3×)`);
  console.log(
    `rerun (idempotent): created ${rerun.billsCreated}, found ${rerun.billsExisting}, ${rerunMs.toFixed(0)} ms`,
  );
  console.log(`peak RSS: ${(peak / 1024 / 1024).toFixed(0)} MB`);
}
