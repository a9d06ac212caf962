import { makeSignaturePng } from '../../factories/png.factory';
import { COLLECTIONS } from '@shared/collections';
import {
  addUser,
  openTestHost,
  smallDistrict,
  type TestHost,
  type TestTenant,
} from '../../factories/scenario.factory';
import { openExport } from '../../factories/export.factory';

const START = '2026-11-22T02:00:00Z';
const MANAGER = 'wx-u-manager';
const ADMIN = 'wx-u-admin';
const photo = makeSignaturePng(40, 40, 3);

/** Statistics, export, the daily deadline reminder and the platform's timer events (武昌调研报告 二(一)二). */
describe('repair statistics, export and reminders', () => {
  let t: TestHost;
  let d: Awaited<ReturnType<typeof smallDistrict>>;
  const call = (openid: string, action: string, input: object = {}) =>
    t.call('repair', openid, action, input);
  const file = async (who: TestTenant, n: number, input: object = {}) => {
    const r = await call(who.openid, 'file', {
      kind: 'repair',
      category: 'water',
      description: '水管漏水',
      emergency: false,
      preferredTimes: '',
      photos: [],
      clientRequestId: `req-stats-${String(n).padStart(4, '0')}`,
      ...input,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.data.id as string;
  };
  const assign = (repairId: string) =>
    call(MANAGER, 'assign', { repairId, workerUserId: 'u-worker', visitAt: '2026-11-22T18:00:00+08:00' });

  beforeEach(async () => {
    t = await openTestHost(START);
    d = await smallDistrict(t.db);
  });
  afterEach(() => t.close());

  /** Three requests at 测试家园 (one done in 26 hours and rated 不满意), one at 别处家园. */
  async function requests() {
    const [a, b] = d.project.tenants as [TestTenant, TestTenant];
    const leak = await file(a, 1);
    await file(b, 2, { category: 'electricity', description: '插座没电' });
    await file(a, 3, { category: 'doors_windows', description: '门锁坏了' });
    await file(d.other.tenants[0]!, 4);
    await assign(leak);
    t.clock.advance(26 * 3_600_000);
    await call('wx-u-worker', 'complete', {
      repairId: leak,
      note: '更换水管',
      afterPhotos: [await t.upload('wx-u-worker', 'repair-photo', photo)],
    });
    await call(a.openid, 'confirm', { repairId: leak, good: false, reasons: ['slow'] });
  }

  it('counts the manager’s projects only, and the office counts all', async () => {
    await requests();
    const s = await call(MANAGER, 'stats');
    expect(s.data.overall).toMatchObject({ total: 3, finished: 1, medianHours: 26, poor: 1, good: 0 });
    expect(s.data.poorReasons).toEqual([expect.objectContaining({ reason: 'slow', count: 1 })]);
    expect(s.data.byCategory.map((r: { label: string; total: number }) => [r.label, r.total]).sort()).toEqual(
      [
        ['门窗', 1],
        ['水路', 1],
        ['电路', 1],
      ].sort(),
    );
    expect((await call(ADMIN, 'stats')).data.overall.total).toBe(4);
    expect((await call('wx-u-manager-other', 'stats')).data.overall.total).toBe(1);
    expect((await call(d.project.tenants[0]!.openid, 'stats')).error.code).toBe('NOT_FOUND');
    expect((await call(MANAGER, 'stats', { projectId: 'p-other' })).error.code).toBe('NOT_FOUND');
    expect((await call(MANAGER, 'stats', { fromMonth: '2026-12', toMonth: '2026-01' })).error.message).toBe(
      '起始月份不能晚于结束月份。',
    );
    expect((await call(MANAGER, 'stats', { fromMonth: '2026-13' })).error.code).toBe('INVALID_INPUT');
    expect((await call(MANAGER, 'stats', { fromMonth: '2026-12' })).data.overall.total).toBe(0);
  });

  it('exports the same figures to Excel', async () => {
    await requests();
    const s = await call(MANAGER, 'stats');
    const file = await call(MANAGER, 'exportStats', { fromMonth: '2020-01' });
    expect(file.data.fileName).toBe('报修统计-2020-01.xlsx');
    const book = await openExport(t, file.data, MANAGER);
    expect(book.worksheets.map((w) => w.name)).toEqual(['总计', '按类别', '按楼栋', '按月份', '差评原因']);
    const total = book.getWorksheet('总计')!.getRow(2);
    expect(total.getCell(1).value).toBe('全部');
    expect(total.getCell(2).value).toBe(3);
    expect(book.getWorksheet('按类别')!.rowCount).toBe(1 + s.data.byCategory.length);
    expect(book.getWorksheet('差评原因')!.rowCount).toBe(2);
  });

  it('the daily timer reminds assignees and managers once per request and day', async () => {
    const id = await file(d.project.tenants[0]!, 1, {
      category: 'electricity',
      description: '客厅插座没电',
      emergency: true,
    });
    await assign(id);
    t.clock.set('2026-11-23T03:00:00Z'); // past the 24-hour emergency deadline
    const first = await t.trigger('repair', 'daily-deadline-reminders');
    expect(first.data).toEqual({ checked: 1, reminded: 1, queued: 2 });
    // Deadline reminders go to staff (the tenant's own status updates are other messages).
    const reminders = async () =>
      (
        await t.all<{ toUserId: string; title: string; body: string; dedupeKey: string }>(
          COLLECTIONS.outbox,
          {
            template: 'repair_update',
          },
        )
      ).filter((m) => m.dedupeKey.startsWith('repair-deadline|'));
    const outbox = await reminders();
    expect(outbox.map((m) => [m.toUserId, m.title]).sort()).toEqual([
      ['u-manager', '报修已超期'],
      ['u-worker', '报修已超期'],
    ]);
    expect(outbox[0]!.body).toBe('电路报修已超过处理期限（2026-11-23 10:00），请尽快处理。');
    expect((await t.trigger('repair', 'daily-deadline-reminders')).data.queued).toBe(0);
    expect(await reminders()).toHaveLength(2);
    // The next day reminds again.
    t.clock.set('2026-11-24T03:00:00Z');
    expect((await t.trigger('repair', 'daily-deadline-reminders')).data.queued).toBe(2);
  });

  it('the board’s button sends the same reminders, for managers and the office only', async () => {
    await file(d.project.tenants[0]!, 1, { category: 'gas', emergency: true });
    t.clock.set('2026-11-22T20:00:00Z'); // due within the day
    expect((await call(d.project.tenants[0]!.openid, 'remindDeadlines')).error.code).toBe('NOT_FOUND');
    expect((await call('wx-u-worker', 'remindDeadlines')).error.code).toBe('NOT_FOUND');
    expect(await t.count(COLLECTIONS.outbox)).toBe(0);
    expect((await call(MANAGER, 'remindDeadlines')).data).toMatchObject({ reminded: 1, queued: 1 });
    const [m] = await t.all<{ toUserId: string; title: string }>(COLLECTIONS.outbox);
    expect(m).toMatchObject({ toUserId: 'u-manager', title: '报修即将到期' });
    expect((await call(ADMIN, 'remindDeadlines')).data).toMatchObject({ reminded: 1, queued: 0 });
  });

  it('a client cannot fire a timer: an event that looks like one but carries a user is refused', async () => {
    await assign(await file(d.project.tenants[0]!, 1, { emergency: true }));
    t.clock.set('2026-11-24T03:00:00Z');
    const forged = await t.host.invoke(
      'repair',
      { Type: 'Timer', TriggerName: 'daily-deadline-reminders' },
      { openid: d.project.tenants[0]!.openid },
    );
    expect(forged).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // Only the tenant's status update of the assignment; no reminder.
    expect(
      await t.count(COLLECTIONS.outbox, { toUserId: t.db.command.neq(d.project.tenants[0]!.userId) }),
    ).toBe(0);
    expect(await t.trigger('repair', 'no-such-trigger')).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_ACTION' },
    });
  });

  it('lists the project’s workers with their open tasks, for managers only', async () => {
    await addUser(t.db, {
      id: 'u-worker-2',
      roles: ['worker'],
      name: '周军',
      projectIds: ['p-test', 'p-other'],
    });
    await addUser(t.db, { id: 'u-worker-3', roles: ['worker'], name: '吴勇', projectIds: ['p-other'] });
    const id = await file(d.project.tenants[0]!, 1);
    await assign(id);
    const open = await file(d.project.tenants[1]!, 2);
    const workers = await call(MANAGER, 'workers', { repairId: open });
    expect(
      workers.data.sort((a: { userId: string }, b: { userId: string }) => (a.userId < b.userId ? -1 : 1)),
    ).toEqual([
      { userId: 'u-worker', name: '孙强', openTasks: 1 },
      { userId: 'u-worker-2', name: '周军', openTasks: 0 },
    ]);
    expect((await call(d.project.tenants[1]!.openid, 'workers', { repairId: open })).error.code).toBe(
      'NOT_FOUND',
    );
    expect((await call('wx-u-worker', 'workers', { repairId: id })).error.code).toBe('NOT_FOUND');
  });
});
