import { COLLECTIONS } from '@shared/collections';
import type { RepairView } from '@shared/contracts';
import { makeSignaturePng } from '../../factories/png.factory';
import {
  openTestHost,
  smallDistrict,
  type Answer,
  type TestHost,
  type TestTenant,
} from '../../factories/scenario.factory';

const START = '2026-11-22T02:00:00Z'; // 10:00 in Wuchang
const MANAGER = 'wx-u-manager';
const OTHER_MANAGER = 'wx-u-manager-other';
const WORKER = 'wx-u-worker';
const photo = makeSignaturePng(40, 40, 3).toString('base64');

/**
 * Repairs (Wuchang 2(1)2): tenant files, manager accepts or rejects and dispatches, worker completes, tenant
 * confirms and rates. Each test files its own requests in 测试家园 (test/factories/scenario.factory.ts).
 */
describe('repair requests', () => {
  let t: TestHost;
  let tenant: TestTenant;
  let neighbour: TestTenant;
  const call = (openid: string, action: string, input: object = {}) =>
    t.call('repair', openid, action, input);
  const file = (openid: string, input: object = {}): Promise<Answer> =>
    call(openid, 'file', {
      kind: 'repair',
      category: 'water',
      description: '卫生间水管漏水',
      emergency: false,
      preferredTimes: '工作日晚上',
      photos: [],
      clientRequestId: 'req-0001-abcdef',
      ...input,
    });
  const stored = (id: string) =>
    t.doc<{ status: string; events: unknown[]; deadline: string }>(COLLECTIONS.repairs, id);

  beforeEach(async () => {
    t = await openTestHost(START);
    const d = await smallDistrict(t.db);
    [tenant, neighbour] = d.project.tenants as [TestTenant, TestTenant];
  });
  afterEach(() => t.close());

  it('runs the whole loop, each move recorded, photos stored and checked', async () => {
    const filed = await file(tenant.openid, { photos: [photo] });
    expect(filed.data).toMatchObject({
      status: 'submitted',
      statusLabel: '已提交',
      unitLabel: tenant.unitLabel,
      projectName: '测试家园',
      photos: 1,
    });
    expect(filed.data.deadline).toBe('2026-11-24T02:00:00.000Z'); // water: 2 days (operator setting)
    const retry = await file(tenant.openid, { preferredTimes: '', photos: [photo] });
    expect(retry.data.id).toBe(filed.data.id);
    expect(await t.count(COLLECTIONS.repairs)).toBe(1);
    const id = filed.data.id as string;

    expect((await call(neighbour.openid, 'detail', { repairId: id })).error.code).toBe('NOT_FOUND');
    expect((await call(WORKER, 'detail', { repairId: id })).error.code).toBe('NOT_FOUND'); // not assigned yet
    expect(
      (await call(tenant.openid, 'confirm', { repairId: id, good: true, reasons: [] })).error.message,
    ).toContain('不能进行该操作');

    const board = (await call(MANAGER, 'board')).data as RepairView[];
    expect(board.map((r) => r.id)).toEqual([id]);
    const assigned = await call(MANAGER, 'assign', {
      repairId: id,
      workerUserId: 'u-worker',
      visitAt: '2026-11-23T10:00:00+08:00',
    });
    expect(assigned.data).toMatchObject({
      status: 'assigned',
      workerName: '孙强',
      visitAt: '2026-11-23T02:00:00.000Z',
    });
    expect((await call(WORKER, 'board')).data.map((r: RepairView) => r.id)).toEqual([id]);
    expect((await call(WORKER, 'photo', { repairId: id, which: 'before', index: 0 })).data.base64).toBe(
      photo,
    );
    expect(
      (await call(neighbour.openid, 'photo', { repairId: id, which: 'before', index: 0 })).error.code,
    ).toBe('NOT_FOUND');

    expect((await call(WORKER, 'start', { repairId: id })).data.status).toBe('in_progress');
    const notImage = Buffer.alloc(300, 7).toString('base64');
    const bad = await call(WORKER, 'complete', { repairId: id, note: '更换水管', afterPhotos: [notImage] });
    expect(bad.error.message).toBe('照片格式不支持，请上传 JPG 或 PNG 图片。');
    expect(await stored(id)).toMatchObject({ status: 'in_progress' });
    const done = await call(WORKER, 'complete', { repairId: id, note: '更换水管', afterPhotos: [photo] });
    expect(done.data).toMatchObject({ status: 'done', afterPhotos: 1 });

    const rated = await call(tenant.openid, 'confirm', { repairId: id, good: false, reasons: ['slow'] });
    expect(rated.data).toMatchObject({ status: 'confirmed', rating: { good: false, reasons: ['slow'] } });
    t.clock.set('2026-11-26T02:00:00Z');
    const reopened = await call(tenant.openid, 'reopen', { repairId: id, reason: '又漏水了' });
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

  it('a request done more than 7 days ago cannot be reopened', async () => {
    const id = (await file(tenant.openid)).data.id as string;
    await call(MANAGER, 'assign', {
      repairId: id,
      workerUserId: 'u-worker',
      visitAt: '2026-11-23T10:00:00+08:00',
    });
    expect((await call(WORKER, 'complete', { repairId: id, note: '已修好', afterPhotos: [photo] })).ok).toBe(
      true,
    );
    t.clock.set('2026-11-29T02:00:01Z');
    const late = await call(tenant.openid, 'reopen', { repairId: id, reason: '又坏了' });
    expect(late.error.message).toBe('完工 7 天后不能重新打开，请新建报修。');
    expect(await stored(id)).toMatchObject({ status: 'done' });
  });

  it('a manager accepts a request; accepting twice, or as the tenant, is refused and changes nothing', async () => {
    const id = (await file(tenant.openid)).data.id as string;
    expect((await call(tenant.openid, 'accept', { repairId: id })).error).toMatchObject({
      code: 'STATE_INVALID',
      message: '您不能进行该操作。',
    });
    expect((await call(OTHER_MANAGER, 'accept', { repairId: id })).error.code).toBe('NOT_FOUND');
    expect((await call(WORKER, 'accept', { repairId: id })).error.code).toBe('NOT_FOUND');
    expect(await stored(id)).toMatchObject({ status: 'submitted', events: [expect.anything()] });

    const accepted = await call(MANAGER, 'accept', { repairId: id });
    expect(accepted.data).toMatchObject({ status: 'accepted', statusLabel: '已受理' });
    expect(accepted.data.events.at(-1)).toMatchObject({ actorName: '张敏', action: '已受理' });
    const twice = await call(MANAGER, 'accept', { repairId: id });
    expect(twice.error.message).toBe('报修单“已受理”时不能进行该操作。');
    expect((await stored(id))!.events).toHaveLength(2);
    // An accepted request is dispatched as usual.
    const assigned = await call(MANAGER, 'assign', {
      repairId: id,
      workerUserId: 'u-worker',
      visitAt: '2026-11-23T10:00:00+08:00',
    });
    expect(assigned.data.status).toBe('assigned');
    // Only a worker of the project can be sent.
    const stranger = await call(MANAGER, 'assign', {
      repairId: id,
      workerUserId: 'u-manager-other',
      visitAt: '2026-11-23T10:00:00+08:00',
    });
    expect(stranger.error.message).toBe('该维修人员不负责这个项目。');
    expect((await stored(id))!.events).toHaveLength(3);
  });

  it('a manager rejects a request with a reason the tenant reads; a dispatched one can no longer be rejected', async () => {
    const first = (await file(tenant.openid)).data.id as string;
    const rejected = await call(MANAGER, 'reject', { repairId: first, reason: '属于租户自行维修范围' });
    expect(rejected.data).toMatchObject({ status: 'rejected', statusLabel: '已驳回' });
    const mine = (await call(tenant.openid, 'mine')).data as RepairView[];
    expect(mine[0]!.events.at(-1)).toMatchObject({ action: '已驳回', note: '属于租户自行维修范围' });
    // A rejected request is finished: never overdue, gone from the reminders.
    t.clock.set('2026-11-30T02:00:00Z');
    expect((await call(tenant.openid, 'detail', { repairId: first })).data.overdue).toBe(false);
    expect((await t.trigger('repair', 'daily-deadline-reminders')).data).toMatchObject({ reminded: 0 });
    expect((await call(tenant.openid, 'reopen', { repairId: first, reason: '请再看看' })).error.message).toBe(
      '报修单“已驳回”时不能进行该操作。',
    );

    const second = (await file(tenant.openid, { clientRequestId: 'req-0002-abcdef' })).data.id as string;
    await call(MANAGER, 'assign', {
      repairId: second,
      workerUserId: 'u-worker',
      visitAt: '2026-12-01T10:00:00+08:00',
    });
    const late = await call(MANAGER, 'reject', { repairId: second, reason: '重复报修' });
    expect(late.error.message).toBe('报修单“已派单”时不能进行该操作。');
    expect(await stored(second)).toMatchObject({
      status: 'assigned',
      events: [expect.anything(), expect.anything()],
    });
    expect((await call(tenant.openid, 'reject', { repairId: second, reason: '不修了' })).error.code).toBe(
      'STATE_INVALID',
    );
  });

  it('a manager extends the deadline with a reason; an earlier one, or anyone else, is refused', async () => {
    const id = (await file(tenant.openid)).data.id as string; // due 2026-11-24T02:00Z
    const extended = await call(MANAGER, 'extendDeadline', {
      repairId: id,
      deadline: '2026-11-30T18:00:00+08:00',
      reason: '等待配件到货',
    });
    expect(extended.data).toMatchObject({ status: 'submitted', deadline: '2026-11-30T10:00:00.000Z' });
    expect(extended.data.events.at(-1)).toMatchObject({
      actorName: '张敏',
      action: '延长期限',
      note: '延至 2026-11-30：等待配件到货',
    });
    t.clock.set('2026-11-25T02:00:00Z'); // past the old deadline, before the new one
    expect((await call(MANAGER, 'board')).data[0]).toMatchObject({ id, overdue: false });

    const earlier = await call(MANAGER, 'extendDeadline', {
      repairId: id,
      deadline: '2026-11-28T18:00:00+08:00',
      reason: '提前',
    });
    expect(earlier.error).toMatchObject({ code: 'INVALID_INPUT', message: '新的期限必须晚于原期限。' });
    for (const who of [tenant.openid, WORKER, OTHER_MANAGER]) {
      const r = await call(who, 'extendDeadline', {
        repairId: id,
        deadline: '2026-12-31T18:00:00+08:00',
        reason: 'x',
      });
      expect([who, r.error.code]).toEqual([who, 'NOT_FOUND']);
    }
    expect(await stored(id)).toMatchObject({ deadline: '2026-11-30T10:00:00.000Z' });
    expect((await stored(id))!.events).toHaveLength(2);
  });

  it('a deadline given in Beijing time that is in fact earlier is refused (instants are compared, not strings)', async () => {
    const id = (await file(tenant.openid)).data.id as string; // due 2026-11-24T02:00Z = 10:00 Beijing
    const earlier = await call(MANAGER, 'extendDeadline', {
      repairId: id,
      deadline: '2026-11-24T09:30:00+08:00', // 01:30Z: half an hour before the current deadline
      reason: '笔误',
    });
    expect(earlier.error?.message).toBe('新的期限必须晚于原期限。');
    expect(await stored(id)).toMatchObject({ deadline: '2026-11-24T02:00:00.000Z' });
  });

  it('emergencies are due within 24 hours and come first on the board; overdue requests are flagged', async () => {
    const leak = await file(tenant.openid);
    const gas = await file(neighbour.openid, {
      category: 'gas',
      description: '燃气味道很重',
      emergency: true,
      clientRequestId: 'req-gas-000001',
    });
    expect(gas.data.deadline).toBe('2026-11-23T02:00:00.000Z');
    expect(gas.data.events[0].note).toBe('紧急');
    t.clock.set('2026-11-23T03:00:00Z');
    const board = (await call(MANAGER, 'board')).data as RepairView[];
    expect(board.map((r) => [r.id, r.emergency, r.overdue])).toEqual([
      [gas.data.id, true, true],
      [leak.data.id, false, false],
    ]);
  });

  it('bad input changes nothing', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024 + 10, 0xff);
    big[0] = 0xff;
    big[1] = 0xd8;
    big[2] = 0xff;
    const tooBig = await file(tenant.openid, {
      photos: [big.toString('base64')],
      clientRequestId: 'req-too-big-01',
    });
    // A 2 MB photo as base64 is over CloudBase's 100 KB call limit, so the platform refuses the call before
    // the function's own 2 MB check (photos move to cloud file IDs: PENDING_FILE_ID_MIGRATION).
    expect(tooBig.error.code).toBe('EXCEED_MAX_PAYLOAD_SIZE');
    expect(
      (await file(tenant.openid, { category: 'roof', clientRequestId: 'req-bad-cat-1' })).error.code,
    ).toBe('INVALID_INPUT');
    const manager = await file(MANAGER, { clientRequestId: 'req-manager-1' });
    expect(manager.error).toMatchObject({ code: 'NOT_FOUND', message: '您还没有在租房屋，不能报修。' });
    expect(await t.count(COLLECTIONS.repairs)).toBe(0);
  });

  it('another tenant can neither see nor change a request, and a worker sees only assigned ones', async () => {
    const target = (await file(tenant.openid, { photos: [photo] })).data.id as string;
    const other = (await file(neighbour.openid, { clientRequestId: 'req-other-0001' })).data.id as string;
    await call(MANAGER, 'assign', {
      repairId: other,
      workerUserId: 'u-worker',
      visitAt: '2026-11-23T10:00:00+08:00',
    });
    const before = await stored(target);
    for (const [action, input] of [
      ['detail', {}],
      ['message', { text: '我来看看' }],
      ['reopen', { reason: '不是我的' }],
      ['confirm', { good: true, reasons: [] }],
      ['photo', { which: 'before', index: 0 }],
    ] as const) {
      const res = await call(neighbour.openid, action, { repairId: target, ...input });
      expect([action, res.error?.code]).toEqual([action, 'NOT_FOUND']);
    }
    expect(await stored(target)).toEqual(before);
    expect(((await call(neighbour.openid, 'mine')).data as RepairView[]).map((r) => r.id)).toEqual([other]);
    expect(((await call(WORKER, 'board')).data as RepairView[]).map((r) => r.id)).toEqual([other]);
    expect((await call(WORKER, 'detail', { repairId: target })).error.code).toBe('NOT_FOUND');
    expect((await call(OTHER_MANAGER, 'board')).data).toEqual([]);
  });
});
