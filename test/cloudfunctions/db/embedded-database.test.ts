import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Db } from '@cloudbase/database';
import { indexDefinitions } from '../../../config/database/indexes';
import { openEmbeddedDatabase, type EmbeddedDatabase } from '../../../cloudfunctions/_runtime/db';
import { openCloudbaseDatabase } from '../../../cloudfunctions/_runtime/db/production-database';
import { describePortContract } from './port-contract';

let counter = 0;
let embedded: EmbeddedDatabase;
describePortContract(
  'embedded SQLite',
  async () => {
    embedded = openEmbeddedDatabase({ filename: ':memory:', indexes: indexDefinitions });
    return { db: embedded.db, name: (base) => `t_${base}_${counter++}` };
  },
  async () => embedded.close(),
);

// Only `npm run test:cloud` (ANJU_CLOUD_TEST=1) reaches a real environment, so credentials exported for a
// deploy never make a plain `npm test` write contract collections into it.
const cloudEnv = process.env.ANJU_ENV_ID;
const hasCloud = Boolean(
  process.env.ANJU_CLOUD_TEST === '1' &&
  cloudEnv &&
  process.env.TENCENTCLOUD_SECRETID &&
  process.env.TENCENTCLOUD_SECRETKEY,
);
if (hasCloud) {
  const run = Date.now().toString(36);
  describePortContract(
    `CloudBase ${cloudEnv}`,
    async () => {
      const db = openCloudbaseDatabase(cloudEnv as string);
      return {
        db,
        name: (base) => {
          const name = `anju_contract_${run}_${base}`;
          void (db as unknown as { createCollection(n: string): Promise<unknown> }).createCollection(name);
          return name;
        },
      };
    },
    async () => undefined,
  );
} else {
  describe.skip('database port contract: CloudBase (skipped: set ANJU_ENV_ID, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY, then run npm run test:cloud)', () => {
    it('runs against a real environment', () => undefined);
  });
}

describe('embedded database: what CloudBase refuses, it refuses', () => {
  let e: EmbeddedDatabase;
  beforeEach(() => {
    e = openEmbeddedDatabase({ filename: ':memory:', indexes: indexDefinitions });
  });
  afterEach(() => e.close());

  it('a page answered in SQL (ORDER BY … LIMIT … OFFSET) equals the page mingo computes', async () => {
    const db = e.db;
    const _ = db.command;
    const docs = Array.from({ length: 240 }, (_v, i) => ({
      _id: `b-${String((i * 37) % 240).padStart(3, '0')}`,
      leaseId: `l-${i % 17}`,
      projectId: i % 3 === 0 ? 'p1' : 'p2',
      status: ['unpaid', 'paid', 'partial'][i % 3],
      dueDate: `2026-${String(1 + (i % 12)).padStart(2, '0')}-15`,
      period: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${i}`,
      note: i % 5 === 0 ? 'x' : 'y',
    }));
    await db.collection('bills').add(docs);
    for (const [field, dir] of [
      ['dueDate', 'asc'],
      ['dueDate', 'desc'],
      ['_id', 'desc'],
    ] as const) {
      for (const [skip, limit] of [
        [0, 7],
        [5, 50],
        [230, 20],
      ] as const) {
        // Indexed conditions only: answered in SQL. Adding a condition on an unindexed field that every
        // document meets forces the in-memory path; both must give the same page.
        const sql = await db
          .collection('bills')
          .where({ projectId: 'p2', status: _.in(['paid', 'partial']) })
          .orderBy(field, dir)
          .skip(skip)
          .limit(limit)
          .get();
        const mem = await db
          .collection('bills')
          .where({ projectId: 'p2', status: _.in(['paid', 'partial']), note: _.in(['x', 'y']) })
          .orderBy(field, dir)
          .skip(skip)
          .limit(limit)
          .get();
        expect([field, dir, skip, sql.data.map((d) => (d as { _id: string })._id)]).toEqual([
          field,
          dir,
          skip,
          mem.data.map((d) => (d as { _id: string })._id),
        ]);
      }
    }
  });

  it('a where() query inside a transaction is refused and the transaction rolls back', async () => {
    await e.db.collection('bills').add({ _id: 'b1', leaseId: 'L1', period: '2026-11', status: 'unpaid' });
    await expect(
      e.db.runTransaction(async (tx) => {
        await tx.collection('bills').doc('b1').update({ status: 'paid' });
        await (tx.collection('bills') as unknown as { where(q: object): { get(): Promise<unknown> } })
          .where({ leaseId: 'L1' })
          .get();
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('单文档') });
    expect((await e.db.collection('bills').doc('b1').get()).data[0]).toMatchObject({ status: 'unpaid' });
  });

  it('a batch update that forgot the transaction is refused instead of running outside it', async () => {
    await e.db.collection('bills').add({ _id: 'b1', leaseId: 'L1', period: '2026-11', status: 'unpaid' });
    await expect(
      e.db.runTransaction(async () => {
        await e.db.collection('bills').where({ leaseId: 'L1' }).update({ status: 'paid' });
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('单文档') });
    expect((await e.db.collection('bills').doc('b1').get()).data[0]).toMatchObject({ status: 'unpaid' });
    // Outside a transaction the same batch update is fine.
    expect((await e.db.collection('bills').where({ leaseId: 'L1' }).update({ status: 'paid' })).updated).toBe(
      1,
    );
  });

  it('a unique index refuses a duplicate with a duplicate-key error and keeps the first', async () => {
    await e.db.collection('bills').add({ leaseId: 'L1', period: '2026-11', amountFen: 100 });
    await expect(
      e.db.collection('bills').add({ leaseId: 'L1', period: '2026-11', amountFen: 999 }),
    ).rejects.toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
    });
    await expect(e.db.collection('users').add({ openid: 'o1' })).resolves.toBeDefined();
    await expect(e.db.collection('users').add({ openid: 'o1' })).rejects.toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
    });
    const bills = (await e.db.collection('bills').where({ leaseId: 'L1' }).get()).data;
    expect(bills).toEqual([expect.objectContaining({ amountFen: 100 })]);
  });

  it('a duplicate _id is refused', async () => {
    await e.db.collection('units').add({ _id: 'u1', label: '1栋-0101' });
    await expect(e.db.collection('units').add({ _id: 'u1', label: 'x' })).rejects.toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
    });
  });

  it('db.serverDate() is filled in with the database clock', async () => {
    const fixed = openEmbeddedDatabase({ filename: ':memory:', now: () => Date.UTC(2026, 10, 22, 8) });
    const res = await fixed.db.collection('audit_log').add({ at: fixed.db.serverDate() });
    const doc = (await fixed.db.collection('audit_log').doc(String(res.id)).get()).data[0] as { at: Date };
    expect(doc.at).toEqual(new Date(Date.UTC(2026, 10, 22, 8)));
    fixed.close();
  });

  it('indexed equality and range conditions are answered from the index, not by a scan', async () => {
    await e.db
      .collection('bills')
      .add({ leaseId: 'L1', period: '2026-11', projectId: 'p1', status: 'unpaid', dueDate: '2026-11-15' });
    const plan = (sql: string) =>
      (e.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    expect(plan(`SELECT data FROM "c_bills" WHERE json_extract(data, '$.leaseId') = 'L1'`)).toContain(
      'ix_bills_lease_period_unique',
    );
    expect(
      plan(
        `SELECT data FROM "c_bills" WHERE json_extract(data, '$.projectId') = 'p1' AND json_extract(data, '$.status') IN ('unpaid','partial')`,
      ),
    ).toContain('ix_bills_project_status_due');
  });

  it('a query pushes its indexed conditions down to SQL (the SQL it runs uses the index)', async () => {
    const seen: string[] = [];
    const original = e.sqlite.prepare.bind(e.sqlite);
    (e.sqlite as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
      seen.push(sql);
      return original(sql);
    };
    await e.db.collection('units').where({ projectId: 'p1', status: 'vacant', floor: 3 }).get();
    const select = seen.find((s) => s.startsWith('SELECT data FROM "c_units"')) ?? '';
    expect(select).toContain(`json_extract(data, '$.projectId') = ?`);
    expect(select).toContain(`json_extract(data, '$.status') = ?`);
    expect(select).not.toContain('floor'); // not indexed: decided by mingo after the SQL pre-filter
  });
});

describe('embedded database: durability', () => {
  it('keeps data across close and reopen of the same file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'anju-db-'));
    const file = path.join(dir, 'anju.sqlite');
    const first = openEmbeddedDatabase({ filename: file, indexes: indexDefinitions });
    await first.db.collection('households').add({ _id: 'h1', headName: '王芳', status: 'tenant' });
    await first.db.runTransaction(async (tx) => {
      await tx.collection('households').doc('h1').update({ size: 3 });
    });
    first.close();
    const second = openEmbeddedDatabase({ filename: file, indexes: indexDefinitions });
    expect((await second.db.collection('households').where({ status: 'tenant' }).get()).data).toEqual([
      { _id: 'h1', headName: '王芳', status: 'tenant', size: 3 },
    ]);
    second.close();
  });
});

describe('the SDK seam (fails loudly if an SDK upgrade changes it)', () => {
  const root = path.resolve(__dirname, '../../..');
  const version = (pkg: string) =>
    (
      JSON.parse(readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;

  it('runs on the pinned SDK versions', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(manifest.dependencies['@cloudbase/node-sdk']).toBe('3.18.3');
    expect(version('@cloudbase/node-sdk')).toBe('3.18.3');
    expect(version('@cloudbase/database')).toBe('1.4.3');
  });

  it('the SDK builds the requests the embedded database answers', async () => {
    const seen: [string, Record<string, unknown>][] = [];
    const e = openEmbeddedDatabase({ filename: ':memory:', trace: (a, p) => seen.push([a, p]) });
    const _ = e.db.command;
    await e.db
      .collection('bills')
      .where({ leaseId: 'L1', status: _.in(['unpaid', 'partial']), amountFen: _.gt(100) })
      .orderBy('dueDate', 'asc')
      .limit(20)
      .get();
    await e.db
      .collection('bills')
      .doc('b1')
      .update({ paidFen: _.inc(500), status: 'paid' });
    e.close();
    expect(seen[0]).toEqual([
      'database.getDocument',
      expect.objectContaining({
        collectionName: 'bills',
        queryType: 'WHERE',
        query:
          '{"leaseId":"L1","status":{"$in":["unpaid","partial"]},"amountFen":{"$gt":{"$numberInt":"100"}}}',
        order: '{"dueDate":{"$numberInt":"1"}}',
        limit: 20,
      }),
    ]);
    expect(seen[1]).toEqual([
      'database.modifyDocument',
      expect.objectContaining({
        collectionName: 'bills',
        queryType: 'DOC',
        query: '{"_id":"b1"}',
        data: '{"$inc":{"paidFen":{"$numberInt":"500"}},"$set":{"status":"paid"}}',
        multi: false,
        merge: true,
        upsert: false,
      }),
    ]);
    expect(Object.getOwnPropertyDescriptor(Db, 'reqClass')?.get).toBeDefined();
  });
});
