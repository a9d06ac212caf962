import { makeSignaturePng } from '../factories/png.factory';
import { buildScenario, fullChecklist, START, type Answer, type Scenario } from './scenario';

/**
 * A call refused because another got there first writes nothing either, stored files included: two
 * calls race on one object (the embedded database interleaves them as CloudBase would), one wins, and the
 * photos stored are the winner's, whatever the loser sent. Before, the loser's photos were written under
 * the same keys before its refusal and replaced the winner's.
 */
const png = (seed: number) => makeSignaturePng(40, 40, seed).toString('base64');
const A = png(21);
const B = png(23);
const anHourAgo = new Date(START.getTime() - 3_600_000).toISOString();

describe('the loser of a race leaves the winner’s photos alone', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await buildScenario();
  }, 60_000);
  afterAll(() => s.close());

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
    const { winner, answers } = await race(
      () => s.call('wA', 'repair', 'complete', { repairId, note: 'A', afterPhotos: [A] }),
      () => s.call('wA', 'repair', 'complete', { repairId, note: 'B', afterPhotos: [B] }),
    );
    expect(answers.map((a) => a.ok).sort()).toEqual([false, true]);
    const stored = await s.call('tA1', 'repair', 'photo', { repairId, which: 'after', index: 0 });
    expect(stored.ok && stored.data.base64).toBe(winner === 'A' ? A : B);
  });

  it('patrol.rectifyHazard', async () => {
    const hazardId = s.ids.hz.assigned;
    const { winner, answers } = await race(
      () => s.call('wA', 'patrol', 'rectifyHazard', { hazardId, note: 'A', afterPhotos: [A] }),
      () => s.call('wA', 'patrol', 'rectifyHazard', { hazardId, note: 'B', afterPhotos: [B] }),
    );
    expect(answers.map((a) => a.ok).sort()).toEqual([false, true]);
    const stored = await s.call('mA', 'patrol', 'hazardPhoto', { hazardId, which: 'after', index: 0 });
    expect(stored.ok && stored.data.base64).toBe(winner === 'A' ? A : B);
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
    const answers = await Promise.all([report('A', A)(), report('B', B)()]);
    // The loser is told its id is taken by other content, never answered with the other's record.
    expect(answers.map((a) => (a.ok ? 'ok' : a.error.code)).sort()).toEqual(['CONFLICT', 'ok']);
    const won = answers.find((a) => a.ok)!;
    const stored = await s.call('vA', 'patrol', 'hazardPhoto', {
      hazardId: won.data.id,
      which: 'before',
      index: 0,
    });
    expect(stored.ok && stored.data.base64).toBe(won.data.description === 'A' ? A : B);
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
    const answers = await Promise.all([log('A', A)(), log('B', B)()]);
    expect(answers.map((a) => (a.ok ? 'ok' : a.error.code)).sort()).toEqual(['CONFLICT', 'ok']);
    const won = answers.find((a) => a.ok)!;
    const stored = await s.call('vA', 'patrol', 'logPhoto', { logId: won.data.log.id, index: 0 });
    expect(stored.ok && stored.data.base64).toBe(won.data.log.notes === 'A' ? A : B);
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
    const answers = await Promise.all([file('A', A)(), file('B', B)()]);
    const stored = answers.find((a) => a.ok)!;
    const detail = await s.call('tA1', 'repair', 'detail', { repairId: stored.data.id });
    const photo = await s.call('tA1', 'repair', 'photo', {
      repairId: stored.data.id,
      which: 'before',
      index: 0,
    });
    expect(photo.ok && photo.data.base64).toBe(detail.ok && detail.data.description === 'A' ? A : B);
  });
});
