import { COLLECTIONS } from '@shared/collections';
import { parseFileId } from '@shared/uploads';
import { createLocalHost, type LocalHost } from '../../cloudfunctions/_local/local-host';
import { imageSize } from '../factories/image-size';
import { makeSignaturePng } from '../factories/png.factory';
import { loadMiniProgram, type MiniProgram } from './harness';

jest.setTimeout(120_000);

/**
 * The compiled mini-program files a repair with a camera photo: the photo is scaled on the phone to 1280 px
 * on its long side (wx.getImageInfo, then wx.compressImage with compressedWidth / compressedHeight),
 * uploaded with wx.cloud.uploadFile to the tenant's own folder, and the call carries only its file ID; the
 * stored photo has the compressed size.
 */
describe('mini-program (compiled weapp build): a repair photo goes through cloud storage', () => {
  let host: LocalHost;
  let mp: MiniProgram;
  const events: unknown[] = [];

  beforeAll(async () => {
    host = await createLocalHost({ dataFile: ':memory:', seed: true, now: () => new Date() });
    const ok =
      (name: string) =>
      (o: { success?: (r: unknown) => void } = {}) => {
        const r = { confirm: true, cancel: false, errMsg: `${name}:ok` };
        o.success?.(r);
        return Promise.resolve(r);
      };
    mp = await loadMiniProgram(
      async (name, data) => {
        events.push(data);
        return host.invoke(name, data, { openid: 'demo-tenant' });
      },
      { showModal: ok('showModal'), showToast: ok('showToast') },
      (cloudPath, bytes) => host.upload('demo-tenant', cloudPath, bytes),
    );
  });
  afterAll(() => host.close());

  it('compresses a 3000 × 2000 photo to 1280 × 853, uploads it and files the repair with its file ID', async () => {
    mp.files.set('wxfile://tmp/camera.png', makeSignaturePng(3000, 2000, 4));
    mp.toPick.push({ path: 'wxfile://tmp/camera.png' });
    const page = await mp.openPage('pages/repair-new/index');
    await page.waitForText('报修类别');
    await page.tap('category-doors_windows');
    await page.type('description', '阳台推拉门关不上');
    await page.tap('add-photos');
    await page.waitForText('（1/9）');
    expect(mp.compressions).toEqual([
      { src: 'wxfile://tmp/camera.png', quality: 70, compressedWidth: 1280, compressedHeight: 853 },
    ]);
    await page.tap('submit-repair');
    await page.answerDialog(true);
    for (let i = 0; i < 250 && mp.navigations.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(mp.navigations.at(-1)).toMatch(/^\/pages\/repair\/index\?id=rep-/);

    expect(mp.uploads).toEqual([
      expect.stringMatching(/^uploads\/demo-tenant\/repair-photo\/[A-Za-z0-9_-]+\.png$/),
    ]);
    const filed = events.find((e) => (e as { action?: string }).action === 'file') as { photos: string[] };
    expect(filed.photos).toEqual([expect.stringMatching(/^cloud:\/\/anju-local\./)]);
    const id = mp.navigations.at(-1)!.split('id=')[1]!;
    const doc = (await host.runtime.db.collection(COLLECTIONS.repairs).doc(id).get()).data[0] as {
      photoFileIds: string[];
    };
    expect(parseFileId(doc.photoFileIds[0]!)!.path).toMatch(new RegExp(`^repairs/${id}/before-0-`));
    const stored = await host.runtime.storage.download(doc.photoFileIds[0]!);
    expect(imageSize(stored)).toEqual({ width: 1280, height: 853, type: 'png' });
  });
});
