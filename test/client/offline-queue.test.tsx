/**
 * @jest-environment node
 */
import { COLLECTIONS } from '@shared/collections';
import { HOME_VISIT_CHECKLIST } from '@shared/rules/patrol.rule';
import type { Envelope } from '@shared/errors';
import type { LocalHost } from '../../cloudfunctions/_local/local-host';
import { setTransport } from '../../client/services/call';
import { dataUrlBytes, setUploader } from '../../client/services/upload';
import {
  discard,
  enqueue,
  flush,
  outbox,
  submit,
  subscribeFlushes,
  subscribeOutbox,
  type OutboxJob,
} from '../../client/services/offline-queue';
import Taro from '@tarojs/taro';
import { patrolDistrict, stopsOf } from '../factories/patrol.scenario';
import { makeSignaturePng } from '../factories/png.factory';
import { openTestHost, type TestHost } from '../factories/scenario.factory';
import { storage } from './mocks/taro';

const NOW = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Beijing, 2026-Q4

/**
 * The volunteer's outbox against the real patrol function on the embedded database (a fresh small district
 * per test, test/factories/patrol.scenario.ts), with the network
 * switched between up, down (the request never leaves the phone) and "response lost" (the server stored the
 * record but the phone never heard back: the case that makes duplicates).
 */
describe('offline outbox', () => {
  let t: TestHost;
  let host: LocalHost;
  let network: 'up' | 'down' | 'lost-response' = 'up';
  let sends = 0;
  let stops: { _id: string; target: string; status: string }[];

  beforeEach(async () => {
    storage.clear();
    network = 'up';
    sends = 0;
    t = await openTestHost(NOW);
    host = t.host;
    const d = await patrolDistrict(t, { plan: true });
    setTransport(async (fn, event) => {
      if (network === 'down') throw new TypeError('Failed to fetch');
      sends++;
      const res = (await host.invoke(fn, event, { openid: d.volunteer.openid })) as Envelope<unknown>;
      if (network === 'lost-response') throw new TypeError('network connection lost');
      return res;
    });
    // Photos go to storage as the phone's upload would (only while the network is up).
    setUploader(async (cloudPath, source) => {
      if (network === 'down') throw new TypeError('Failed to fetch');
      return host.upload(d.volunteer.openid, cloudPath, dataUrlBytes(source));
    });
    // The six homes of 1栋 on the volunteer's route, none visited yet.
    stops = (await stopsOf(t, d.volunteer)).filter((s) => s.target === 'unit');
    expect(stops.map((s) => s.status)).toEqual(Array(6).fill('to_visit'));
  });
  afterEach(() => t.close());

  const logJob = (clientLogId: string, visitId: string, outcome: 'visited' | 'nobody_home'): OutboxJob => ({
    kind: 'logVisit',
    input: {
      clientLogId,
      visitId,
      outcome,
      visitedAt: NOW.toISOString(),
      checklist:
        outcome === 'visited'
          ? HOME_VISIT_CHECKLIST.map((c) => ({ id: c.id, result: 'ok' as const, note: '' }))
          : [],
      notes: outcome === 'visited' ? '' : '敲门无人应答',
      photos: [],
    },
  });
  const logsOf = async (visitId: string) =>
    (await host.runtime.db.collection(COLLECTIONS.patrolVisits).where({ visitId }).count()).total;

  it('keeps a record made offline and sends it once, even when the first response is lost', async () => {
    const visitId = stops[0]!._id;
    network = 'down';
    const saved = await submit(logJob('offline-log-0001', visitId, 'nobody_home'), '1栋 101 无人在家');
    expect(saved).toEqual({ state: 'saved' });
    expect(outbox()).toHaveLength(1);
    expect(await logsOf(visitId)).toBe(0);

    // Saving the same record again (a double tap) keeps one entry.
    enqueue(logJob('offline-log-0001', visitId, 'nobody_home'), '1栋 101 无人在家');
    expect(outbox()).toHaveLength(1);

    // The server stores it but the answer never arrives: the entry stays.
    network = 'lost-response';
    expect(await flush()).toMatchObject({ sent: 0, offline: true, remaining: 1 });
    expect(await logsOf(visitId)).toBe(1);
    expect(outbox()[0]!.attempts).toBe(2);

    // Sent again when the network is back: the server returns the stored log, no duplicate.
    network = 'up';
    expect(await flush()).toMatchObject({ sent: 1, refused: 0, remaining: 0, offline: false });
    expect(await logsOf(visitId)).toBe(1);
    expect(outbox()).toEqual([]);

    // Flushing an empty outbox sends nothing.
    expect(await flush()).toMatchObject({ sent: 0, remaining: 0 });
    expect(sends).toBe(2);
  });

  it('a record the platform refuses as too large, first in the queue, does not hold back the ones after it', async () => {
    network = 'down';
    // Made by an older version of the app: notes far over what one call may carry (CloudBase: 100 KB).
    const huge = logJob('huge-log-00001', stops[0]!._id, 'nobody_home');
    if (huge.kind === 'logVisit') huge.input.notes = '敲门无人应答'.repeat(10_000);
    enqueue(huge, '1栋 101 走访记录');
    enqueue(logJob('after-log-0001', stops[1]!._id, 'visited'), '1栋 102 走访记录');
    enqueue(logJob('after-log-0002', stops[2]!._id, 'nobody_home'), '1栋 103 走访记录');
    network = 'up';
    expect(await flush()).toMatchObject({ sent: 2, refused: 1, remaining: 1, offline: false });
    const [left] = outbox();
    expect(left).toMatchObject({ title: '1栋 101 走访记录' });
    expect(left!.error).toMatch(/^提交的内容过大/);
    expect(await logsOf(stops[0]!._id)).toBe(0);
    expect(await logsOf(stops[1]!._id)).toBe(1);
    expect(await logsOf(stops[2]!._id)).toBe(1);
    // The next round does not send the refused record again by itself.
    sends = 0;
    expect(await flush()).toMatchObject({ sent: 0, refused: 0, remaining: 1 });
    expect(sends).toBe(0);
  });

  it('sends oldest first, keeps a refused record with the server’s message, and goes on with the rest', async () => {
    network = 'down';
    enqueue(logJob('order-log-0001', stops[1]!._id, 'visited'), 'A');
    enqueue(logJob('order-log-0002', 'pv-no-such-stop', 'visited'), 'B'); // not a stop of this volunteer
    enqueue(logJob('order-log-0003', stops[2]!._id, 'nobody_home'), 'C');
    const seen: number[] = [];
    const rounds: unknown[] = [];
    const stop = subscribeOutbox((list) => seen.push(list.length));
    const stopRounds = subscribeFlushes((r) => rounds.push(r));
    network = 'up';
    const result = await flush();
    stop();
    stopRounds();
    expect(rounds).toEqual([result]); // one notice per round, with its result
    expect(result).toMatchObject({ sent: 2, refused: 1, remaining: 1, offline: false });
    const [left] = outbox();
    expect(left).toMatchObject({ title: 'B' });
    expect(left!.error).toMatch(/不存在|找不到|无权/);
    expect(await logsOf(stops[1]!._id)).toBe(1);
    expect(await logsOf(stops[2]!._id)).toBe(1);
    expect(seen.at(-1)).toBe(1);

    // A refused record is not retried by itself; the volunteer can discard it.
    sends = 0;
    expect(await flush()).toMatchObject({ sent: 0, remaining: 1 });
    expect(sends).toBe(0);
    discard(left!.id, 'logVisit');
    expect(outbox()).toEqual([]);
  });

  it('submit reports a refusal at once and keeps nothing, so the page can show it', async () => {
    const r = await submit(logJob('refused-log-01', stops[3]!._id, 'visited'), 'E');
    expect(r.state).toBe('sent');
    // The same client id with different content is refused with a message.
    const again = await submit(logJob('refused-log-01', stops[3]!._id, 'nobody_home'), 'changed');
    expect(again.state).toBe('refused');
    expect(again.state === 'refused' && again.message.length).toBeGreaterThan(0);
    expect(outbox()).toEqual([]);
  });

  it('keeps photos under their own storage keys (WeChat: 1 MB per key), sends them intact, then removes them', async () => {
    const photo = `data:image/png;base64,${makeSignaturePng(64, 48, 3).toString('base64')}`;
    network = 'down';
    const job = logJob('photo-log-0001', stops[4]!._id, 'visited');
    if (job.kind !== 'logVisit') throw new Error('unreachable');
    job.input.photos = [photo, photo];
    enqueue(job, 'F');
    const keys = [...storage.keys()];
    expect(keys.filter((k) => k.includes('.photo.'))).toHaveLength(2);
    expect(String(storage.get('anju.patrol.outbox.v1'))).not.toContain(photo.slice(0, 200));
    network = 'up';
    expect(await flush()).toMatchObject({ sent: 1, remaining: 0 });
    const log = (
      await host.runtime.db.collection(COLLECTIONS.patrolVisits).where({ visitId: stops[4]!._id }).get()
    ).data[0] as { photoFileIds: string[] };
    expect(log.photoFileIds).toHaveLength(2);
    expect([...storage.keys()].filter((k) => k.includes('.photo.'))).toEqual([]);
  });

  it('a full phone storage is said in Chinese and leaves nothing half-saved', () => {
    const spy = jest.spyOn(Taro, 'setStorageSync').mockImplementationOnce(() => {
      throw new Error('setStorageSync:fail exceed storage max size');
    });
    const job = logJob('full-log-00001', stops[0]!._id, 'visited');
    if (job.kind !== 'logVisit') throw new Error('unreachable');
    job.input.photos = ['a'.repeat(200)];
    expect(() => enqueue(job, 'G')).toThrow('手机存储空间不足');
    spy.mockRestore();
    expect(outbox()).toEqual([]);
    expect([...storage.keys()]).toEqual([]);
  });

  it('survives a restart: the outbox is read back from the phone’s storage', async () => {
    network = 'down';
    enqueue(logJob('restart-log-01', stops[0]!._id, 'visited'), 'D');
    const raw = storage.get('anju.patrol.outbox.v1');
    expect(typeof raw).toBe('string');
    // Corrupt storage reads as empty rather than crashing the page.
    storage.set('anju.patrol.outbox.v1', '{not json');
    expect(outbox()).toEqual([]);
    storage.set('anju.patrol.outbox.v1', raw);
    expect(outbox().map((e) => e.title)).toEqual(['D']);
  });
});
