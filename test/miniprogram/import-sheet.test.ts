import { COLLECTIONS } from '@shared/collections';
import type { BuildingDoc, UnitDoc } from '../../cloudfunctions/_runtime/documents';
import { createLocalHost, type LocalHost } from '../../cloudfunctions/_local/local-host';
import { loadMiniProgram, type MiniProgram } from './harness';

jest.setTimeout(120_000);

/**
 * The compiled mini-program imports a unit sheet the production way: the office picks the file from a WeChat
 * chat with wx.chooseMessageFile, the phone uploads it to its own `uploads/<openid>/unit-sheet/` folder with
 * wx.cloud.uploadFile, and the call carries only the file ID; the page then names the rows written.
 */
describe('mini-program (compiled weapp build): a unit sheet chosen from a chat', () => {
  let host: LocalHost;
  let mp: MiniProgram;
  const calls: { name: string; data: unknown }[] = [];
  const modals: string[] = [];

  beforeAll(async () => {
    host = await createLocalHost({ dataFile: ':memory:', seed: true, now: () => new Date() });
    mp = await loadMiniProgram(
      (name, data) => {
        calls.push({ name, data });
        return host.invoke(name, data, { openid: 'demo-admin' });
      },
      {
        showModal: (o: { content?: string; success?: (r: unknown) => void }) => {
          modals.push(o.content ?? '');
          const r = { confirm: true, cancel: false, errMsg: 'showModal:ok' };
          o.success?.(r);
          return Promise.resolve(r);
        },
      },
      (cloudPath, bytes) => host.upload('demo-admin', cloudPath, bytes),
    );
  });
  afterAll(() => host.close());

  it('选择文件 → 上传 → 导入: the sheet travels as a file ID and its units are stored', async () => {
    const listed = await host.invoke('allocation', { action: 'listProjects' }, { openid: 'demo-admin' });
    if (!listed.ok) throw new Error(listed.error.message);
    const project = (listed.data as { id: string }[])[0]!;
    const building = (
      await host.runtime.db.collection(COLLECTIONS.buildings).where({ projectId: project.id }).limit(1).get()
    ).data[0] as BuildingDoc;
    const csv = [
      '楼栋,房号,楼层,面积,户型,朝向,市场租金',
      `${building.name},9901,1,45,两室一厅,南,1200`,
      `${building.name},9902,1,52,两室一厅,北,1300`,
    ].join('\n');
    mp.files.set('wxfile://tmp/房源导入.csv', Buffer.from(csv, 'utf8'));
    mp.toPick.push({ path: 'wxfile://tmp/房源导入.csv', name: '房源导入.csv' });

    const page = await mp.openPage('pages/admin/index');
    await page.waitForText('从微信聊天选择');
    await page.tap('import-file');
    await page.waitForText('已导入 2 套');
    expect(modals).toEqual([]);
    expect(page.text()).not.toContain('导入失败');

    expect(mp.uploads).toEqual([
      expect.stringMatching(/^uploads\/demo-admin\/unit-sheet\/[A-Za-z0-9_-]+\.csv$/),
    ]);
    const importCall = calls.find((c) => (c.data as { action?: string }).action === 'importUnits');
    expect(importCall?.data).toEqual({
      action: 'importUnits',
      projectId: project.id,
      fileName: '房源导入.csv',
      fileId: expect.stringMatching(/^cloud:\/\/[^/]+\/uploads\/demo-admin\/unit-sheet\//),
    });
    const stored = (
      await host.runtime.db
        .collection(COLLECTIONS.units)
        .where({ projectId: project.id, buildingId: building._id })
        .limit(1000)
        .get()
    ).data as UnitDoc[];
    expect(stored.filter((u) => u.label.endsWith('-9901') || u.label.endsWith('-9902'))).toHaveLength(2);
  });
});
