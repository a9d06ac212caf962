/**
 * @jest-environment node
 */
import { COLLECTIONS } from '@shared/collections';
import type { Envelope } from '@shared/errors';
import { HOME_VISIT_CHECKLIST } from '@shared/rules/patrol.rule';
import { parseFileId } from '@shared/uploads';
import type { LocalHost } from '../../cloudfunctions/_local/local-host';
import { setTransport } from '../../client/services/call';
import { flush, enqueue, outbox, type OutboxJob } from '../../client/services/offline-queue';
import { dataUrlBytes, setUploader, uploadPhotos } from '../../client/services/upload';
import { patrolDistrict, stopsOf } from '../factories/patrol.scenario';
import { makeSignaturePng } from '../factories/png.factory';
import { openTestHost, type TestHost } from '../factories/scenario.factory';
import { storage } from './mocks/taro';

const NOW = new Date('2026-11-23T02:00:00Z');
const dataUrl = (seed: number) =>
  `data:image/png;base64,${makeSignaturePng(48, 32, seed).toString('base64')}`;

/**
 * Files leave the phone through cloud storage: the outbox uploads a record's kept photos when it sends it
 * (not when it was made on a stairwell with no signal), saves each file ID as it answers, and calls the
 * function with the IDs. A retry uploads only what is still missing and never loses a photo.
 */
describe('the outbox’s upload step', () => {
  let t: TestHost;
  let host: LocalHost;
  let volunteer: string;
  let uploadsUp = true;
  let uploads: string[] = [];
  /** Fail the upload after this many more succeed (null: never). */
  let failAfter: number | null = null;
  let visitId: string;

  beforeEach(async () => {
    storage.clear();
    uploads = [];
    uploadsUp = true;
    failAfter = null;
    t = await openTestHost(NOW);
    host = t.host;
    const d = await patrolDistrict(t, { plan: true });
    volunteer = d.volunteer.openid;
    setTransport(
      async (fn, event) => (await host.invoke(fn, event, { openid: volunteer })) as Envelope<unknown>,
    );
    setUploader(async (cloudPath, source) => {
      if (!uploadsUp || failAfter === 0) throw new TypeError('Failed to fetch');
      if (failAfter !== null) failAfter--;
      uploads.push(cloudPath);
      return host.upload(volunteer, cloudPath, dataUrlBytes(source));
    });
    visitId = (await stopsOf(t, d.volunteer)).filter((s) => s.target === 'unit')[0]!._id;
  });
  afterEach(() => t.close());

  const job = (photos: string[]): OutboxJob => ({
    kind: 'logVisit',
    input: {
      clientLogId: 'upload-log-0001',
      visitId,
      outcome: 'visited',
      visitedAt: NOW.toISOString(),
      checklist: HOME_VISIT_CHECKLIST.map((c) => ({ id: c.id, result: 'ok' as const, note: '' })),
      notes: '',
      photos,
    },
  });
  const storedLog = async () =>
    (await host.runtime.db.collection(COLLECTIONS.patrolVisits).where({ visitId }).get()).data as {
      photoFileIds: string[];
    }[];

  it('uploads each photo once under the volunteer’s own visit-photo folder, even across a failed round', async () => {
    const photos = [dataUrl(1), dataUrl(2), dataUrl(3)];
    enqueue(job(photos), '1栋 101 走访记录');
    // The network drops after the first upload: the round stops, the first ID is kept with the entry.
    failAfter = 1;
    expect(await flush()).toMatchObject({ sent: 0, offline: true, remaining: 1 });
    expect(uploads).toHaveLength(1);
    expect(await storedLog()).toEqual([]);
    expect(outbox()[0]!.error).toBeNull();
    // Back online: only the two missing photos are uploaded, then the log is sent with all three IDs.
    failAfter = null;
    expect(await flush()).toMatchObject({ sent: 1, remaining: 0 });
    expect(uploads).toHaveLength(3);
    expect(new Set(uploads).size).toBe(3);
    for (const p of uploads)
      expect(p).toMatch(new RegExp(`^uploads/${volunteer}/visit-photo/[A-Za-z0-9_-]+\\.png$`));
    const [log] = await storedLog();
    expect(log!.photoFileIds).toHaveLength(3);
    // The stored photos are the phone's, in order, under the log (and the uploads were taken).
    for (const [i, id] of log!.photoFileIds.entries()) {
      expect(parseFileId(id)!.path).toMatch(/^patrol\/.+\/photo-\d-[0-9a-f]{16}\.png$/);
      expect(Buffer.from(await host.runtime.storage.download(id))).toEqual(
        Buffer.from(dataUrlBytes(photos[i]!)),
      );
    }
    expect([...storage.keys()].filter((k) => k.includes('.photo.'))).toEqual([]);
  });

  it('keeps the record and its photos while uploads cannot reach the network', async () => {
    uploadsUp = false;
    enqueue(job([dataUrl(4)]), '1栋 101 走访记录');
    expect(await flush()).toMatchObject({ sent: 0, offline: true, remaining: 1 });
    expect(await flush()).toMatchObject({ sent: 0, offline: true, remaining: 1 });
    expect([...storage.keys()].filter((k) => k.includes('.photo.'))).toHaveLength(1);
    uploadsUp = true;
    expect(await flush()).toMatchObject({ sent: 1, remaining: 0 });
    expect((await storedLog())[0]!.photoFileIds).toHaveLength(1);
  });

  it('a page’s retry after a failed call sends the same file IDs and uploads nothing again', async () => {
    const photos = [{ source: dataUrl(5), ext: 'png' }];
    const first = await uploadPhotos('hazard-photo', photos);
    const again = await uploadPhotos('hazard-photo', photos);
    expect(again).toEqual(first);
    expect(uploads).toHaveLength(1);
    expect(first[0]).toMatch(/^cloud:\/\/anju-local\./);
  });
});
