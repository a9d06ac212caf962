import { COLLECTIONS } from '../shared/collections';
import { commitSeed } from '../shared/rules/lottery.rule';
import { uploadPath } from '../shared/uploads';
import { createLocalHost } from '../cloudfunctions/_local/local-host';
import { addEligibleApplicants } from '../test/factories/applicant.factory';

/**
 * `npm run bench -- selection`: N applicants select N different units concurrently through the allocation
 * function on the embedded database (validation, identity, roles, the transaction, the audit entry), as a
 * ratio to N bare transactions with the same writes (two document updates and one insert) on the same
 * database in the same run.
 */
const N = 500;

export async function run(): Promise<void> {
  const now = new Date('2026-12-01T01:00:00Z');
  const host = await createLocalHost({ dataFile: ':memory:', seed: false, now: () => now });
  const db = host.runtime.db;
  await db
    .collection(COLLECTIONS.users)
    .add({ openid: 'bench-admin', name: '管理员', roles: ['admin'], createdAt: now.toISOString() });
  const admin = (action: string, input: object) =>
    host.invoke('allocation', { action, ...input }, { openid: 'bench-admin' });
  const project = (await admin('createProject', {
    name: '基准项目',
    address: '基准路 1 号',
    buildings: [{ name: 'A栋', floors: 30, highRise: true }],
  })) as { ok: true; data: { id: string } };
  const rows = ['楼栋,房号,楼层,面积,户型,朝向,市场租金'];
  for (let i = 0; i < N; i++) rows.push(`A栋,${i + 1},${1 + (i % 30)},45,两室一厅,南,1200`);
  // The sheet goes through storage as the admin page sends it (its file ID in the call).
  const fileId = await host.upload(
    'bench-admin',
    uploadPath('bench-admin', 'unit-sheet', 'benchsheet0001', 'csv'),
    Buffer.from(rows.join('\n')),
  );
  const imported = await admin('importUnits', { projectId: project.data.id, fileName: 'u.csv', fileId });
  if (!imported.ok) throw new Error(`import failed: ${imported.error.message}`);
  const seed = 'bench-selection-seed-0001';
  const round = (await admin('createRound', {
    projectId: project.data.id,
    title: '基准轮次',
    description: '基准测试',
    registrationOpensAt: '2026-11-01T00:00:00Z',
    registrationClosesAt: '2026-12-31T00:00:00Z',
    eligibleCategories: ['dibao', 'low_income'],
    seedCommitment: commitSeed(seed),
  })) as { ok: true; data: { id: string } };
  const roundId = round.data.id;
  const applicants = await addEligibleApplicants(db, N, 'bench');
  for (const a of applicants)
    await host.invoke('allocation', { action: 'register', roundId }, { openid: a.openid });
  await admin('closeRegistration', { roundId });
  await admin('runLottery', { roundId, seed });
  await admin('openSelection', { roundId, startsAt: now.toISOString(), windowMinutes: 30 });
  for (const a of applicants) {
    await db
      .collection(COLLECTIONS.registrations)
      .doc(`${roundId}-${a.householdId}`)
      .update({
        window: { turn: 1, opensAt: now.getTime() - 1, closesAt: now.getTime() + 3_600_000 },
      });
  }
  const units = (await host.invoke(
    'allocation',
    { action: 'availableUnits', roundId },
    { openid: applicants[0]!.openid },
  )) as {
    ok: true;
    data: { id: string }[];
  };

  // Baseline: the same writes as bare transactions, on scratch collections of the same database.
  for (let i = 0; i < N; i++) await db.collection('bench_units').add({ _id: `u${i}`, status: 'vacant' });
  for (let i = 0; i < N; i++) await db.collection('bench_regs').add({ _id: `r${i}`, status: 'ranked' });
  let t = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: N }, (_, i) =>
      db.runTransaction(async (tx) => {
        await tx.collection('bench_units').doc(`u${i}`).get();
        await tx.collection('bench_regs').doc(`r${i}`).get();
        await tx.collection('bench_units').doc(`u${i}`).update({ status: 'reserved' });
        await tx
          .collection('bench_regs')
          .doc(`r${i}`)
          .update({ status: 'selected', unitId: `u${i}` });
        await tx.collection('bench_audit').add({ entityId: `r${i}`, action: 'unit_selected' });
      }),
    ),
  );
  const bare = Number(process.hrtime.bigint() - t) / 1e6;

  t = process.hrtime.bigint();
  const results = await Promise.all(
    applicants.map((a, i) =>
      host.invoke(
        'allocation',
        { action: 'selectUnit', roundId, unitId: units.data[i]!.id },
        { openid: a.openid },
      ),
    ),
  );
  const full = Number(process.hrtime.bigint() - t) / 1e6;
  const ok = results.filter((r) => r.ok).length;
  host.close();
  console.log(
    `selection: ${N} concurrent selections (${ok} succeeded) in ${full.toFixed(0)} ms = ${((N / full) * 1000).toFixed(0)}/s; ` +
      `bare transactions with the same writes ${bare.toFixed(0)} ms; ratio ${(full / bare).toFixed(2)}x`,
  );
}
