import ExcelJS from 'exceljs';
import { COLLECTIONS } from '@shared/collections';
import { createLocalHost, type LocalHost } from '../../../cloudfunctions/_local/local-host';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; data?: any; error?: any };
let clock = new Date('2026-11-22T02:00:00Z');

/** Statistics, export, the daily deadline reminder and the platform's timer events (武昌调研报告 二(一)二). */
describe('repair statistics, export and reminders', () => {
  let host: LocalHost;
  const call = (openid: string, action: string, input: object = {}) =>
    host.invoke('repair', { action, ...input }, { openid }) as Promise<Answer>;

  beforeAll(async () => {
    host = await createLocalHost({ dataFile: ':memory:', seed: true, now: () => clock });
  });
  afterAll(() => host.close());

  it('counts the manager’s projects only, and the office counts all', async () => {
    const all = (await host.runtime.db.collection(COLLECTIONS.repairs).where({}).get()) as {
      data: { projectId: string }[];
    };
    const managerProjects = ['p-huimin', 'p-anju'];
    const mine = all.data.filter((r) => managerProjects.includes(r.projectId));
    const s = await call('demo-manager', 'stats');
    expect(s.ok).toBe(true);
    expect(s.data.overall.total).toBe(mine.length);
    expect(s.data.byCategory.reduce((a: number, r: { total: number }) => a + r.total, 0)).toBe(mine.length);
    const office = await call('demo-admin', 'stats');
    expect(office.data.overall.total).toBe(all.data.length);
    expect((await call('demo-tenant', 'stats')).error.code).toBe('NOT_FOUND');
    expect((await call('demo-manager', 'stats', { projectId: 'p-hexie' })).error.code).toBe('NOT_FOUND');
    expect(
      (await call('demo-manager', 'stats', { fromMonth: '2026-12', toMonth: '2026-01' })).error.message,
    ).toBe('起始月份不能晚于结束月份。');
    expect((await call('demo-manager', 'stats', { fromMonth: '2026-13' })).error.code).toBe('INVALID_INPUT');
  });

  it('exports the same figures to Excel', async () => {
    const s = await call('demo-manager', 'stats');
    const file = await call('demo-manager', 'exportStats', { fromMonth: '2020-01' });
    expect(file.data.fileName).toBe('报修统计-2020-01.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.data.base64, 'base64') as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['总计', '按类别', '按楼栋', '按月份', '差评原因']);
    const total = book.getWorksheet('总计')!.getRow(2);
    expect(total.getCell(1).value).toBe('全部');
    expect(total.getCell(2).value).toBe(s.data.overall.total);
    expect(book.getWorksheet('按类别')!.rowCount).toBe(1 + s.data.byCategory.length);
  });

  it('the daily timer reminds assignees and managers once per request and day', async () => {
    const filed = await call('demo-tenant', 'file', {
      kind: 'repair',
      category: 'electricity',
      description: '客厅插座没电',
      emergency: true,
      preferredTimes: '',
      photos: [],
      clientRequestId: 'req-remind-0001',
    });
    await call('demo-manager', 'assign', {
      repairId: filed.data.id,
      workerUserId: 'u-worker',
      visitAt: '2026-11-22T18:00:00+08:00',
    });
    clock = new Date('2026-11-23T03:00:00Z'); // past the 24-hour emergency deadline
    const first = await host.trigger('repair', 'daily-deadline-reminders');
    expect(first.ok).toBe(true);
    const report = (first as { data: { reminded: number; queued: number } }).data;
    expect(report.reminded).toBeGreaterThan(0);
    const outbox = (await host.runtime.db
      .collection(COLLECTIONS.outbox)
      .where({ template: 'repair_update' })
      .get()) as { data: { toUserId: string; title: string }[] };
    expect(outbox.data.some((m) => m.toUserId === 'u-worker' && m.title === '报修已超期')).toBe(true);
    expect(outbox.data.some((m) => m.toUserId === 'u-manager' && m.title === '报修已超期')).toBe(true);
    const again = await host.trigger('repair', 'daily-deadline-reminders');
    expect((again as { data: { queued: number } }).data.queued).toBe(0);
    const after = await host.runtime.db
      .collection(COLLECTIONS.outbox)
      .where({ template: 'repair_update' })
      .count();
    expect(after.total).toBe(outbox.data.length);
    // The next day reminds again.
    clock = new Date('2026-11-24T03:00:00Z');
    expect(
      ((await host.trigger('repair', 'daily-deadline-reminders')) as { data: { queued: number } }).data
        .queued,
    ).toBeGreaterThan(0);
  });

  it('a client cannot fire a timer: an event that looks like one but carries a user is refused', async () => {
    const before = (await host.runtime.db.collection(COLLECTIONS.outbox).where({}).count()).total;
    const forged = await host.invoke(
      'repair',
      { Type: 'Timer', TriggerName: 'daily-deadline-reminders' },
      { openid: 'demo-tenant' },
    );
    expect(forged).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await host.runtime.db.collection(COLLECTIONS.outbox).where({}).count()).total).toBe(before);
    expect(await host.trigger('repair', 'no-such-trigger')).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_ACTION' },
    });
    expect((await call('demo-tenant', 'remindDeadlines')).error.code).toBe('NOT_FOUND');
  });

  it('lists the project’s workers with their open tasks, for managers only', async () => {
    const mine = await call('demo-tenant', 'mine');
    const open = mine.data.find(
      (r: { status: string }) => r.status === 'submitted' || r.status === 'assigned',
    );
    const workers = await call('demo-manager', 'workers', { repairId: open.id });
    expect(workers.data).toEqual([expect.objectContaining({ userId: 'u-worker', name: '孙强' })]);
    expect(workers.data[0].openTasks).toBeGreaterThan(0);
    expect((await call('demo-tenant', 'workers', { repairId: open.id })).error.code).toBe('NOT_FOUND');
  });
});
