import { COLLECTIONS } from '@shared/collections';
import type { RepairView } from '@shared/contracts';
import { createLocalHost, type LocalHost } from '../../../cloudfunctions/_local/local-host';
import { makeSignaturePng } from '../../factories/png.factory';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; data?: any; error?: any };
let clock = new Date('2026-11-22T02:00:00Z');
const photo = makeSignaturePng(40, 40, 3).toString('base64');

/** Repairs (Wuchang 2(1)2): tenant files, manager dispatches, worker completes, tenant confirms and rates. */
describe('repair requests', () => {
  let host: LocalHost;
  const call = (openid: string, action: string, input: object = {}) =>
    host.invoke('repair', { action, ...input }, { openid }) as Promise<Answer>;

  beforeAll(async () => {
    host = await createLocalHost({ dataFile: ':memory:', seed: true, now: () => clock });
  });
  afterAll(() => host.close());

  it('runs the whole loop, each move recorded, photos stored and checked', async () => {
    const filed = await call('demo-tenant', 'file', {
      kind: 'repair',
      category: 'water',
      description: '卫生间水管漏水',
      emergency: false,
      preferredTimes: '工作日晚上',
      photos: [photo],
      clientRequestId: 'req-0001-abcdef',
    });
    expect(filed.data).toMatchObject({
      status: 'submitted',
      statusLabel: '已提交',
      unitLabel: expect.stringMatching(/栋-/),
      photos: 1,
    });
    expect(filed.data.deadline).toBe('2026-11-24T02:00:00.000Z'); // water: 2 days (operator setting)
    const retry = await call('demo-tenant', 'file', {
      kind: 'repair',
      category: 'water',
      description: '卫生间水管漏水',
      emergency: false,
      preferredTimes: '',
      photos: [photo],
      clientRequestId: 'req-0001-abcdef',
    });
    expect(retry.data.id).toBe(filed.data.id);
    const id = filed.data.id as string;

    expect((await call('demo-tenant-arrears', 'detail', { repairId: id })).error.code).toBe('NOT_FOUND');
    expect((await call('demo-worker', 'detail', { repairId: id })).error.code).toBe('NOT_FOUND'); // not assigned yet
    expect(
      (await call('demo-tenant', 'confirm', { repairId: id, good: true, reasons: [] })).error.message,
    ).toContain('不能进行该操作');

    const board = (await call('demo-manager', 'board')).data as RepairView[];
    expect(board.some((r) => r.id === id)).toBe(true);
    const assigned = await call('demo-manager', 'assign', {
      repairId: id,
      workerUserId: 'u-worker',
      visitAt: '2026-11-23T10:00:00+08:00',
    });
    expect(assigned.data).toMatchObject({ status: 'assigned', workerName: '孙强' });
    expect((await call('demo-worker', 'board')).data.map((r: RepairView) => r.id)).toContain(id);
    expect(
      (await call('demo-worker', 'photo', { repairId: id, which: 'before', index: 0 })).data.base64,
    ).toBe(photo);
    expect(
      (await call('demo-tenant-arrears', 'photo', { repairId: id, which: 'before', index: 0 })).error.code,
    ).toBe('NOT_FOUND');

    expect((await call('demo-worker', 'start', { repairId: id })).data.status).toBe('in_progress');
    const notImage = Buffer.alloc(300, 7).toString('base64');
    expect(
      (await call('demo-worker', 'complete', { repairId: id, note: '更换水管', afterPhotos: [notImage] }))
        .error.message,
    ).toContain('JPG 或 PNG');
    const done = await call('demo-worker', 'complete', {
      repairId: id,
      note: '更换水管',
      afterPhotos: [photo],
    });
    expect(done.data).toMatchObject({ status: 'done', afterPhotos: 1 });

    const rated = await call('demo-tenant', 'confirm', { repairId: id, good: false, reasons: ['slow'] });
    expect(rated.data).toMatchObject({ status: 'confirmed', rating: { good: false, reasons: ['slow'] } });
    clock = new Date('2026-11-26T02:00:00Z');
    const reopened = await call('demo-tenant', 'reopen', { repairId: id, reason: '又漏水了' });
    expect(reopened.data).toMatchObject({ status: 'reopened', workerName: null });
    expect(reopened.data.events.map((e: { action: string }) => e.action)).toEqual([
      '已提交',
      '已派单',
      '维修中',
      '已完成待确认',
      '已确认',
      '已重新打开',
    ]);
  });

  it('emergencies are due within 24 hours and overdue requests are flagged', async () => {
    clock = new Date('2026-11-22T02:00:00Z');
    const gas = await call('demo-tenant', 'file', {
      kind: 'repair',
      category: 'gas',
      description: '燃气味道很重',
      emergency: true,
      preferredTimes: '',
      photos: [],
      clientRequestId: 'req-gas-000001',
    });
    expect(gas.data.deadline).toBe('2026-11-23T02:00:00.000Z');
    clock = new Date('2026-11-23T03:00:00Z');
    const board = (await call('demo-manager', 'board')).data as RepairView[];
    const first = board[0]!;
    expect(first).toMatchObject({ id: gas.data.id, emergency: true, overdue: true });
  });

  it('bad input changes nothing', async () => {
    const before = (await host.runtime.db.collection(COLLECTIONS.repairs).where({}).count()).total;
    const big = Buffer.alloc(2 * 1024 * 1024 + 10, 0xff);
    big[0] = 0xff;
    big[1] = 0xd8;
    big[2] = 0xff;
    const res = await call('demo-tenant', 'file', {
      kind: 'repair',
      category: 'water',
      description: 'x',
      emergency: false,
      preferredTimes: '',
      photos: [big.toString('base64')],
      clientRequestId: 'req-too-big-01',
    });
    expect(res.ok).toBe(false);
    expect(
      (
        await call('demo-tenant', 'file', {
          kind: 'repair',
          category: 'roof',
          description: 'x',
          emergency: false,
          preferredTimes: '',
          photos: [],
          clientRequestId: 'req-bad-cat-1',
        })
      ).error.code,
    ).toBe('INVALID_INPUT');
    expect(
      (
        await call('demo-manager', 'file', {
          kind: 'repair',
          category: 'water',
          description: 'x',
          emergency: false,
          preferredTimes: '',
          photos: [],
          clientRequestId: 'req-manager-1',
        })
      ).error.code,
    ).toBe('NOT_FOUND');
    expect((await host.runtime.db.collection(COLLECTIONS.repairs).where({}).count()).total).toBe(before);
  });

  it('another tenant can neither see nor change a request, and a worker sees only assigned ones', async () => {
    const mine = (await call('demo-tenant', 'mine')).data as RepairView[];
    const target = mine[0]!;
    const before = await host.runtime.db.collection(COLLECTIONS.repairs).doc(target.id).get();
    for (const [action, input] of [
      ['detail', {}],
      ['message', { text: '我来看看' }],
      ['reopen', { reason: '不是我的' }],
      ['confirm', { good: true, reasons: [] }],
      ['photo', { which: 'before', index: 0 }],
    ] as const) {
      const res = await call('demo-tenant-arrears', action, { repairId: target.id, ...input });
      expect([action, res.error?.code]).toEqual([action, 'NOT_FOUND']);
    }
    expect((await host.runtime.db.collection(COLLECTIONS.repairs).doc(target.id).get()).data).toEqual(
      before.data,
    );
    const workerBoard = (await call('demo-worker', 'board')).data as RepairView[];
    const all = await host.runtime.db
      .collection(COLLECTIONS.repairs)
      .where({ workerUserId: 'u-worker' })
      .count();
    expect(workerBoard.length).toBe(all.total);
    expect(workerBoard.every((r) => r.workerName === '孙强')).toBe(true);
  });
});
