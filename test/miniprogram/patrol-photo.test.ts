import { COLLECTIONS } from '@shared/collections';
import type { VisitView } from '@shared/contracts';
import { createLocalHost, type LocalHost } from '../../cloudfunctions/_local/local-host';
import { imageSize } from '../factories/image-size';
import { makeSignaturePng } from '../factories/png.factory';
import { loadMiniProgram, type MiniProgram } from './harness';

jest.setTimeout(120_000);

/**
 * The compiled mini-program logs a visit with a photo on a stairwell with no signal: the outbox keeps its own
 * saved copy of the compressed photo (the temp file would not outlive the app), uploads it only when the
 * network returns, sends the log with the file ID once, and then removes its copy.
 */
describe('mini-program (compiled weapp build): a visit photo taken offline is uploaded when the network returns', () => {
  let host: LocalHost;
  let mp: MiniProgram;
  let online = true;
  const networkListeners: ((r: { isConnected: boolean }) => void)[] = [];

  beforeAll(async () => {
    host = await createLocalHost({ dataFile: ':memory:', seed: true, now: () => new Date() });
    const answer =
      (name: string) =>
      (o: { success?: (r: unknown) => void } = {}) => {
        const r = { confirm: false, cancel: true, errMsg: `${name}:ok` };
        o.success?.(r);
        return Promise.resolve(r);
      };
    mp = await loadMiniProgram(
      async (name, data) => {
        if (!online) throw new Error('cloud.callFunction:fail network');
        return host.invoke(name, data, { openid: 'demo-volunteer' });
      },
      {
        onNetworkStatusChange: (cb: (r: { isConnected: boolean }) => void) => void networkListeners.push(cb),
        showToast: answer('showToast'),
        showModal: answer('showModal'),
        navigateBack: answer('navigateBack'),
      },
      async (cloudPath, bytes) => {
        if (!online) throw new Error('cloud.uploadFile:fail network');
        return host.upload('demo-volunteer', cloudPath, bytes);
      },
    );
  });
  afterAll(() => host.close());

  it('keeps the photo on the phone, uploads it once back online and sends the log with its file ID', async () => {
    const today = await host.invoke('patrol', { action: 'myToday' }, { openid: 'demo-volunteer' });
    if (!today.ok) throw new Error(today.error.code);
    const visit = (today.data as { visits: VisitView[] }).visits.find(
      (v) => v.target === 'unit' && v.status === 'to_visit',
    )!;
    const list = await mp.openPage('pages/patrol-today/index');
    await list.waitForText(visit.label);

    online = false;
    const page = await mp.openPage('pages/patrol-visit/index', { id: visit.id });
    await page.waitForText(visit.label);
    for (const c of visit.checklist) await page.tap(`check-${c.id}-ok`);
    await page.tap('occupancy-lived_in');
    mp.files.set('wxfile://tmp/stairwell.png', makeSignaturePng(2000, 3000, 6));
    mp.toPick.push({ path: 'wxfile://tmp/stairwell.png' });
    await page.tap('add-visit-photos');
    await page.waitForText('（1/6）');
    await page.tap('save-visit');
    const logs = async () =>
      (await host.runtime.db.collection(COLLECTIONS.patrolVisits).where({ visitId: visit.id }).get())
        .data as {
        photoFileIds: string[];
      }[];
    const queued = await mp.openPage('pages/patrol-today/index');
    await queued.waitForText('待上传');
    expect(await logs()).toEqual([]);
    expect(mp.uploads).toEqual([]);
    const saved = [...mp.files.keys()].filter((k) => k.startsWith('wxfile://usr/'));
    expect(saved).toHaveLength(1); // the outbox's own copy of the compressed photo

    online = true;
    for (const cb of networkListeners) cb({ isConnected: true });
    for (let i = 0; i < 150 && (await logs()).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    const [log] = await logs();
    expect(log!.photoFileIds).toHaveLength(1);
    expect(mp.uploads).toEqual([
      expect.stringMatching(/^uploads\/demo-volunteer\/visit-photo\/[A-Za-z0-9_-]+\.png$/),
    ]);
    expect(imageSize(await host.runtime.storage.download(log!.photoFileIds[0]!))).toEqual({
      width: 853,
      height: 1280,
      type: 'png',
    });
    // Sent once; the outbox's copy is gone.
    for (const cb of networkListeners) cb({ isConnected: true });
    await new Promise((r) => setTimeout(r, 200));
    expect(await logs()).toHaveLength(1);
    expect(mp.uploads).toHaveLength(1);
    expect(mp.files.has(saved[0]!)).toBe(false);
  });
});
