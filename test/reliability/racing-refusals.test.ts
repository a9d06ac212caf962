import type { UploadPurpose } from '@shared/uploads';
import { makeSignaturePng } from '../factories/png.factory';
import { readTempUrl, uploadAs } from '../factories/upload.factory';
import { buildScenario, fullChecklist, START, type Answer, type Scenario, type Who } from './scenario';

/**
 * A call refused because another got there first writes nothing either, stored files included: two
 * calls race on one object (the embedded database interleaves them as CloudBase would), one wins, and the
 * photos stored are the winner's, whatever the loser sent. Before, the loser's photos were written under
 * the same keys before its refusal and replaced the winner's.
 */
const png = (seed: number) => makeSignaturePng(40, 40, seed);
const A = png(21);
const B = png(23);
const anHourAgo = new Date(START.getTime() - 3_600_000).toISOString();

describe('the loser of a race leaves the winner’s photos alone', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await buildScenario();
  }, 60_000);
  afterAll(() => s.close());

  /** Each racer's own upload of its photo (uploads are taken by the call that records them). */
  const up = (who: Who, purpose: UploadPurpose, bytes: Buffer) =>
    uploadAs(s.host, s.openid(who) as string, purpose, bytes);
  /** The bytes of the photo a view answered with, read through its temporary address. */
  const shown = async (answer: Answer) => (answer.ok ? readTempUrl(s.host, answer.data.url as string) : null);

  /** Runs two calls at once; returns them as [winner, loser] by which one succeeded. */
  const race = async (
    a: () => Promise<Answer>,
    b: () => Promise<Answer>,
  ): Promise<{ winner: 'A' | 'B'; answers: [Answer, Answer] }> => {
    const answers = await Promise.all([a(), b()]);
    return { winner: answers[0].ok ? 'A' : 'B', answers };
  };

  it('repair.complete', async () => {
    const repairId = s.ids.rep.inProgress;
    const [a, b] = [await up('wA', 'repair-photo', A), await up('wA', 'repair-photo', B)];
    const { winner, answers } = await race(
      () => s.call('wA', 'repair', 'complete', { repairId, note: 'A', afterPhotos: [a] }),
      () => s.call('wA', 'repair', 'complete', { repairId, note: 'B', afterPhotos: [b] }),
    );
    expect(answers.map((a) => a.ok).sort()).toEqual([false, true]);
    const stored = await s.call('tA1', 'repair', 'photo', { repairId, which: 'after', index: 0 });
    expect(await shown(stored)).toEqual(winner === 'A' ? A : B);
  });

  it('patrol.rectifyHazard', async () => {
    const hazardId = s.ids.hz.assigned;
    const [a, b] = [await up('wA', 'hazard-photo', A), await up('wA', 'hazard-photo', B)];
    const { winner, answers } = await race(
      () => s.call('wA', 'patrol', 'rectifyHazard', { hazardId, note: 'A', afterPhotos: [a] }),
      () => s.call('wA', 'patrol', 'rectifyHazard', { hazardId, note: 'B', afterPhotos: [b] }),
    );
    expect(answers.map((a) => a.ok).sort()).toEqual([false, true]);
    const stored = await s.call('mA', 'patrol', 'hazardPhoto', { hazardId, which: 'after', index: 0 });
    expect(await shown(stored)).toEqual(winner === 'A' ? A : B);
  });

  it('patrol.reportHazard: one id, two contents', async () => {
    const report = (description: string, photo: string) => () =>
      s.call('vA', 'patrol', 'reportHazard', {
        clientHazardId: 'race-hazard-0001',
        visitId: s.ids.visitToDo,
        location: '楼道',
        category: 'corridor',
        severity: 'minor',
        description,
        reportedAt: anHourAgo,
        photos: [photo],
      });
    const [a, b] = [await up('vA', 'hazard-photo', A), await up('vA', 'hazard-photo', B)];
    const answers = await Promise.all([report('A', a)(), report('B', b)()]);
    // The loser is told its id is taken by other content, never answered with the other's record.
    expect(answers.map((a) => (a.ok ? 'ok' : a.error.code)).sort()).toEqual(['CONFLICT', 'ok']);
    const won = answers.find((a) => a.ok)!;
    const stored = await s.call('vA', 'patrol', 'hazardPhoto', {
      hazardId: won.data.id,
      which: 'before',
      index: 0,
    });
    expect(await shown(stored)).toEqual(won.data.description === 'A' ? A : B);
  });

  it('patrol.logVisit: one id, two contents', async () => {
    const log = (notes: string, photo: string) => () =>
      s.call('vA', 'patrol', 'logVisit', {
        clientLogId: 'race-log-0001',
        visitId: s.ids.visitToDo,
        outcome: 'visited',
        visitedAt: anHourAgo,
        checklist: fullChecklist(),
        notes,
        photos: [photo],
      });
    const [a, b] = [await up('vA', 'visit-photo', A), await up('vA', 'visit-photo', B)];
    const answers = await Promise.all([log('A', a)(), log('B', b)()]);
    expect(answers.map((a) => (a.ok ? 'ok' : a.error.code)).sort()).toEqual(['CONFLICT', 'ok']);
    const won = answers.find((a) => a.ok)!;
    const stored = await s.call('vA', 'patrol', 'logPhoto', { logId: won.data.log.id, index: 0 });
    expect(await shown(stored)).toEqual(won.data.log.notes === 'A' ? A : B);
  });

  it('repair.file: one request id, two contents', async () => {
    const file = (description: string, photo: string) => () =>
      s.call('tA1', 'repair', 'file', {
        kind: 'repair',
        category: 'doors_windows',
        description,
        emergency: false,
        preferredTimes: '',
        photos: [photo],
        clientRequestId: 'race-repair-0001',
      });
    const [a, b] = [await up('tA1', 'repair-photo', A), await up('tA1', 'repair-photo', B)];
    const answers = await Promise.all([file('A', a)(), file('B', b)()]);
    const stored = answers.find((a) => a.ok)!;
    const detail = await s.call('tA1', 'repair', 'detail', { repairId: stored.data.id });
    const photo = await s.call('tA1', 'repair', 'photo', {
      repairId: stored.data.id,
      which: 'before',
      index: 0,
    });
    expect(await shown(photo)).toEqual(detail.ok && detail.data.description === 'A' ? A : B);
  });
});
