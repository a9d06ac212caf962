import { COLLECTIONS } from '@shared/collections';
import type { AuditDoc, UnitDoc } from '../../../cloudfunctions/_runtime/documents';
import { loadCaller } from '../../../cloudfunctions/_runtime/caller';
import type { DatabasePort } from '../../../cloudfunctions/_runtime/db';
import {
  callBodyBytes,
  MAX_CALL_RESPONSE_BYTES,
  MAX_TRANSACTION_WRITES,
  responseBytes,
} from '../../../cloudfunctions/_runtime/platform-limits';
import { createAllocationRepository } from '../../../cloudfunctions/allocation/allocation.repository';
import {
  IMPORT_BATCH_SIZE,
  importedUnitId,
  importUnits,
  MAX_LISTED_ROW_ERRORS,
} from '../../../cloudfunctions/allocation/project.service';
import { addUser, openTestHost, type TestHost } from '../../factories/scenario.factory';
import { uploadAs } from '../../factories/upload.factory';

jest.setTimeout(180_000);

/**
 * The unit import writes in batches under CloudBase's transaction limit (issue #15): each batch is one
 * transaction of at most MAX_TRANSACTION_WRITES units, which the embedded database enforces (it refuses
 * and rolls back a bigger one), so an import that completes proves every batch fitted. Units are keyed by
 * project + building + room (`importedUnitId`), so a retry — of a lost answer or of an import cut off
 * between batches — writes every unit exactly once.
 */
const START = '2026-12-01T01:00:00Z';
const ADMIN = 'wx-u-admin';
const HEADER = '楼栋,房号,楼层,面积,户型,朝向,市场租金';

const sheet = (lines: string[]) => Buffer.from([HEADER, ...lines].join('\n'), 'utf8').toString('base64');
/** `n` good rows over 1栋 and 2栋 (30 floors each), room numbers unique per building. */
const goodRows = (n: number) =>
  Array.from({ length: n }, (_, i) => {
    const building = i % 2 === 0 ? '1栋' : '2栋';
    const k = Math.floor(i / 2);
    return `${building},${1000 + k},${1 + (k % 30)},${38 + (i % 40)},两室一厅,南,${1000 + (i % 500)}`;
  });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Counts transactions; `crashAt` makes that transaction (1-based) fail as if the function died there. */
function watchTransactions(db: DatabasePort) {
  const original = db.runTransaction.bind(db);
  const state = { count: 0, crashAt: 0 };
  (db as { runTransaction: unknown }).runTransaction = ((...args: Parameters<typeof original>) => {
    state.count++;
    if (state.count === state.crashAt) return Promise.reject(new Error('simulated crash between batches'));
    return original(...args);
  }) as typeof original;
  return state;
}

describe('allocation.importUnits: batches under the transaction limit, idempotent', () => {
  let t: TestHost;
  let projectId: string;
  const call = (action: string, input: object = {}) => t.call('allocation', ADMIN, action, input);
  /**
   * The service itself (so a test can make a transaction fail), with the sheet uploaded to the admin's own
   * upload folder as the page does: the call carries only its file ID.
   */
  const importDirect = async (contentBase64: string) =>
    importUnits(
      createAllocationRepository(t.db),
      { projectId, fileName: 'units.csv', fileId: await uploadSheet(contentBase64) },
      { rt: t.host.runtime, caller: await loadCaller(t.db, ADMIN), requestId: 'test' },
    );
  const uploadSheet = (contentBase64: string) =>
    uploadAs(t.host, ADMIN, 'unit-sheet', Buffer.from(contentBase64, 'base64'), 'csv');
  const units = () => t.all<UnitDoc>(COLLECTIONS.units, { projectId });

  beforeEach(async () => {
    t = await openTestHost(START);
    await addUser(t.db, { id: 'u-admin', roles: ['admin'] });
    const created = await call('createProject', {
      name: '导入家园',
      address: '武昌区测试路 2 号',
      buildings: [
        { name: '1栋', floors: 30, highRise: true },
        { name: '2栋', floors: 30, highRise: true },
      ],
    });
    projectId = created.data.id;
    // These tests are about batches, not time: a call may stop between batches once its time budget is
    // spent, which a loaded machine reached after one batch of 5,000 rows (CI: 100 imported). The budget is
    // set beyond reach here; the test "stops between batches…" below sets it to 0 to exercise the stop.
    (t.host.runtime as { jobSliceBudgetMs?: number }).jobSliceBudgetMs = 10 * 60_000;
  });
  afterEach(() => t.close());

  it('the batch is the transaction limit', () => {
    expect(IMPORT_BATCH_SIZE).toBe(MAX_TRANSACTION_WRITES);
  });

  it('5,000 rows: every unit written, in 50 transactions each under the limit', async () => {
    const tx = watchTransactions(t.db);
    const res = await importDirect(sheet(goodRows(5000)));
    expect(res).toMatchObject({ imported: 5000, refusedCount: 0, rowErrors: [], alreadyImportedRows: [] });
    expect(res.batches).toBe(Math.ceil(5000 / MAX_TRANSACTION_WRITES));
    expect(tx.count).toBe(res.batches);
    expect(res.writtenRows).toEqual(range(2, 5001));
    expect(responseBytes({ ok: true, data: res })).toBeLessThan(MAX_CALL_RESPONSE_BYTES);
    const stored = await units();
    expect(stored).toHaveLength(5000);
    expect(new Set(stored.map((u) => u.label)).size).toBe(5000);
  });

  it('a 5,000-row sheet goes through storage: the call carries its file ID and stays small', async () => {
    const fileId = await uploadSheet(sheet(goodRows(5000)));
    const event = { action: 'importUnits', projectId, fileName: 'units.csv', fileId };
    expect(callBodyBytes('allocation', event)).toBeLessThan(1000);
    const res = await call('importUnits', { projectId, fileName: 'units.csv', fileId });
    expect(res).toMatchObject({ ok: true, data: { imported: 5000, refusedCount: 0 } });
    expect(await units()).toHaveLength(5000);
  });

  it('a crash between batches, then the same sheet again: every unit exactly once', async () => {
    const rows = goodRows(1000);
    const tx = watchTransactions(t.db);
    tx.crashAt = 4; // three batches stored, then the function dies
    await expect(importDirect(sheet(rows))).rejects.toThrow('simulated crash');
    expect(await units()).toHaveLength(3 * MAX_TRANSACTION_WRITES);

    tx.crashAt = 0;
    const retry = await importDirect(sheet(rows));
    expect(retry.imported).toBe(1000 - 3 * MAX_TRANSACTION_WRITES);
    expect(retry.alreadyImportedRows).toEqual(range(2, 1 + 3 * MAX_TRANSACTION_WRITES));
    expect(retry.writtenRows).toEqual(range(2 + 3 * MAX_TRANSACTION_WRITES, 1001));
    const stored = await units();
    expect(stored).toHaveLength(1000);
    expect(new Set(stored.map((u) => u._id)).size).toBe(1000);
    expect(new Set(stored.map((u) => u.label)).size).toBe(1000);
    for (const u of stored)
      expect(u._id).toBe(importedUnitId(projectId, u.buildingId, u.label.split('-')[1]!));

    // Once more (a lost answer retried): nothing written, nothing audited twice.
    const again = await importDirect(sheet(rows));
    expect(again).toMatchObject({ imported: 0, writtenRows: [], batches: 0 });
    expect(again.alreadyImportedRows).toEqual(range(2, 1001));
    expect(await units()).toHaveLength(1000);
    const audit = await t.all<AuditDoc>(COLLECTIONS.auditLog, {
      entityId: projectId,
      action: 'units_imported',
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toContain(`${3 * MAX_TRANSACTION_WRITES} 套此前已导入`);
  });

  it('a call whose time budget is spent stops between batches; calling again continues to the end', async () => {
    // Budget 0: every call writes one batch and returns, as a call near the function's timeout would.
    (t.host.runtime as { jobSliceBudgetMs?: number }).jobSliceBudgetMs = 0;
    const input = { projectId, fileName: 'units.csv', fileId: await uploadSheet(sheet(goodRows(250))) };
    const first = await call('importUnits', input);
    expect(first.data).toMatchObject({ done: false, remainingRows: 150, imported: 100, batches: 1 });
    expect(await units()).toHaveLength(100);
    const second = await call('importUnits', input);
    expect(second.data).toMatchObject({ done: false, remainingRows: 50, imported: 100 });
    expect(second.data.alreadyImportedRows).toEqual(range(2, 101));
    const third = await call('importUnits', input);
    expect(third.data).toMatchObject({ done: true, remainingRows: 0, imported: 50 });
    expect(third.data.writtenRows).toEqual(range(202, 251));
    const stored = await units();
    expect(stored).toHaveLength(250);
    expect(new Set(stored.map((u) => u.label)).size).toBe(250);
  });

  it('the same call retried through the function writes nothing twice', async () => {
    const input = { projectId, fileName: 'units.csv', fileId: await uploadSheet(sheet(goodRows(120))) };
    const first = await call('importUnits', input);
    const second = await call('importUnits', input);
    expect(first.data).toMatchObject({ imported: 120, batches: 2 });
    expect(second.data).toMatchObject({ imported: 0, writtenRows: [], alreadyImportedRows: range(2, 121) });
    expect(await units()).toHaveLength(120);
  });

  it('a sheet with some bad rows: nothing written, each bad row named with its reasons', async () => {
    const rows = goodRows(10);
    rows.splice(3, 0, '3栋,101,1,45,两室一厅,南,1200'); // row 5: no such building
    rows.splice(6, 0, '1栋,102,31,5,,南,-3'); // row 8: floor, area, layout, rent
    rows.push(rows[0]!); // row 14: the same room as row 2
    const res = await call('importUnits', {
      projectId,
      fileName: 'units.csv',
      fileId: await uploadSheet(sheet(rows)),
    });
    expect(res.ok).toBe(true);
    expect(res.data).toMatchObject({ imported: 0, writtenRows: [], batches: 0, refusedCount: 3 });
    const errors = res.data.rowErrors as { row: number; message: string }[];
    expect(errors.map((e) => e.row)).toEqual([5, 8, 14]);
    expect(errors[0]!.message).toBe('楼栋“3栋”不存在');
    expect(errors[1]!.message).toBe(
      '楼层“31”无效（该楼共 30 层）；面积“5”应为 10–200 平方米；市场租金“-3”应为正数（元/月）；户型不能为空',
    );
    expect(errors[2]!.message).toBe('房号 1栋-1000 在表中重复');
    expect(await units()).toHaveLength(0);
  });

  it('a room already in the project from elsewhere is refused, not overwritten', async () => {
    await t.db.collection(COLLECTIONS.units).doc('old-unit').set({
      projectId,
      buildingId: 'x',
      label: '1栋-1000',
      floor: 1,
      areaM2: 50,
      layout: '一室',
      orientation: '南',
      monthlyRentFen: 100_000,
      status: 'occupied',
    });
    const res = await call('importUnits', {
      projectId,
      fileName: 'u.csv',
      fileId: await uploadSheet(sheet(goodRows(2))),
    });
    expect(res.data.rowErrors).toEqual([{ row: 2, message: '房号 1栋-1000 已存在' }]);
    expect(await t.doc<UnitDoc>(COLLECTIONS.units, 'old-unit')).toMatchObject({ status: 'occupied' });
    expect(await units()).toHaveLength(1);
  });

  it(`many bad rows: the first ${MAX_LISTED_ROW_ERRORS} listed, all counted, the answer under the response limit`, async () => {
    const long = '楼'.repeat(300);
    const rows = Array.from({ length: 1000 }, (_, i) => `${long},${i},0,1,,南,0`);
    const res = await importDirect(sheet(rows));
    expect(res.refusedCount).toBe(1000);
    expect(res.rowErrors).toHaveLength(MAX_LISTED_ROW_ERRORS);
    expect(res.rowErrors[0]!.message).toContain(`楼栋“${'楼'.repeat(20)}…”不存在`);
    expect(responseBytes({ ok: true, data: res })).toBeLessThan(MAX_CALL_RESPONSE_BYTES);
    expect(await units()).toHaveLength(0);
  });
});
