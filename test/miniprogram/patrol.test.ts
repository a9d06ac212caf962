import { COLLECTIONS } from '@shared/collections';
import type { VisitView } from '@shared/contracts';
import { createLocalHost, type LocalHost } from '../../cloudfunctions/_local/local-host';
import { loadMiniProgram, type MiniProgram } from './harness';

jest.setTimeout(120_000);

/**
 * The compiled mini-program on a stairwell with no signal: the volunteer's list opens from the copy saved on
 * the phone, a visit log is saved in wx storage, and when WeChat reports the network back
 * (wx.onNetworkStatusChange) the log is sent, once.
 */
describe('mini-program (compiled weapp build): a patrol visit logged offline', () => {
  let host: LocalHost;
  let mp: MiniProgram;
  let online = true;
  const networkListeners: ((r: { isConnected: boolean }) => void)[] = [];

  beforeAll(async () => {
    host = await createLocalHost({ dataFile: ':memory:', seed: true, now: () => new Date() });
    mp = await loadMiniProgram(
      async (name, data) => {
        if (!online) throw new Error('cloud.callFunction:fail network');
        return host.invoke(name, data, { openid: 'demo-volunteer' });
      },
      {
        onNetworkStatusChange: (cb: (r: { isConnected: boolean }) => void) => void networkListeners.push(cb),
        showToast: () => undefined,
        showModal: (o: { success?: (r: unknown) => void }) => {
          const r = { confirm: false, cancel: true, errMsg: 'showModal:ok' };
          o.success?.(r);
          return Promise.resolve(r);
        },
        navigateBack: (o: { success?: (r: unknown) => void } = {}) => {
          const r = { errMsg: 'navigateBack:ok' };
          o.success?.(r);
          return Promise.resolve(r);
        },
      },
    );
  });
  afterAll(() => host.close());

  it('saves the log on the phone and sends it once when the network returns', async () => {
    const today = await host.invoke('patrol', { action: 'myToday' }, { openid: 'demo-volunteer' });
    if (!today.ok) throw new Error(today.error.code);
    const visit = (today.data as { visits: VisitView[] }).visits.find(
      (v) => v.target === 'unit' && v.status === 'to_visit',
    )!;
    expect(visit).toBeDefined();

    // Online once: the list is loaded and kept on the phone.
    const list = await mp.openPage('pages/patrol-today/index');
    await list.waitForText(visit.label);

    // Offline: the list still opens (from the saved copy) and says so.
    online = false;
    const offlineList = await mp.openPage('pages/patrol-today/index');
    await offlineList.waitForText('网络不可用');
    await offlineList.waitForText(visit.label);

    const page = await mp.openPage('pages/patrol-visit/index', { id: visit.id });
    await page.waitForText(visit.label);
    // No item starts as 正常: saving before answering each one is refused on the phone.
    await page.tap('save-visit');
    await page.waitForText(`还有 ${visit.checklist.length} 项未选择检查结果`);
    for (const c of visit.checklist) await page.tap(`check-${c.id}-ok`);
    await page.tap('occupancy-lived_in');
    await page.waitForText(`${visit.checklist.length} 项均已选择检查结果`);
    await page.tap('save-visit');
    const logs = () =>
      host.runtime.db.collection(COLLECTIONS.patrolVisits).where({ visitId: visit.id }).count();
    const queued = await mp.openPage('pages/patrol-today/index');
    await queued.waitForText('待上传');
    expect((await logs()).total).toBe(0);

    // WeChat reports the network back: the outbox is sent without a tap, once.
    online = true;
    expect(networkListeners.length).toBeGreaterThan(0);
    for (const cb of networkListeners) cb({ isConnected: true });
    for (let i = 0; i < 100 && (await logs()).total === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await logs()).total).toBe(1);
    for (const cb of networkListeners) cb({ isConnected: true });
    await new Promise((r) => setTimeout(r, 200));
    expect((await logs()).total).toBe(1);
    const stop = (await host.runtime.db.collection(COLLECTIONS.patrolStops).doc(visit.id).get()).data[0] as {
      status: string;
    };
    expect(stop.status).toBe('visited');
  });
});
