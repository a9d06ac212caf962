import { COLLECTIONS } from '@shared/collections';
import { VISIT_FORM_VERSION } from '@shared/contracts';
import { HOME_VISIT_CHECKLIST } from '@shared/rules/patrol.rule';
import type { PatrolLogDoc, PatrolVisitDoc } from '../../../cloudfunctions/patrol/patrol.documents';
import { patrolDistrict, stopsOf } from '../../factories/patrol.scenario';
import { openTestHost, type TestHost } from '../../factories/scenario.factory';

jest.setTimeout(60_000);

const START = new Date('2026-11-22T02:00:00Z'); // Sunday 10:00 in Wuchang, 2026-Q4
const VOLUNTEER = 'wx-u-volunteer';

/**
 * 这户是否有人居住 on a home visit (the evidence of 连续未居住, 乌兰察布 第三十二条(三)): required from the current
 * visit form (it sends `form`), refused in Chinese without it and nothing written; a log an older app queued
 * offline (no `form`) is still accepted, kept unanswered; a public-area visit is never asked.
 */
describe('patrol: the occupancy question of a home visit', () => {
  let t: TestHost;
  beforeEach(async () => {
    t = await openTestHost(START);
  });
  afterEach(() => t.close());

  const log = (visitId: string, input: object) =>
    t.call('patrol', VOLUNTEER, 'logVisit', {
      clientLogId: `occ-${visitId.slice(-12)}`,
      visitId,
      outcome: 'visited',
      visitedAt: t.clock.now().toISOString(),
      checklist: HOME_VISIT_CHECKLIST.map((c) => ({ id: c.id, result: 'ok', note: '' })),
      notes: '',
      photos: [],
      ...input,
    });

  it('the current form without an answer is refused under the question, and nothing is written', async () => {
    const d = await patrolDistrict(t, { plan: true });
    const [home] = (await stopsOf(t, d.volunteer)).filter((v) => v.target === 'unit');
    for (const outcome of ['visited', 'nobody_home'] as const) {
      const refused = await log(home!._id, {
        form: VISIT_FORM_VERSION,
        outcome,
        ...(outcome === 'nobody_home' ? { checklist: [] } : {}),
      });
      expect(refused.ok).toBe(false);
      expect(refused.error).toMatchObject({
        code: 'INVALID_INPUT',
        message: '请选择这户是否有人居住（看不出来请选“无法判断”）。',
        fields: { occupancy: '请选择这户是否有人居住' },
      });
    }
    expect(await t.count(COLLECTIONS.patrolVisits)).toBe(0);
    expect(await t.doc<PatrolVisitDoc>(COLLECTIONS.patrolStops, home!._id)).toMatchObject({ attempts: 0 });

    const answered = await log(home!._id, { form: VISIT_FORM_VERSION, occupancy: 'vacant' });
    expect(answered.ok).toBe(true);
    expect(await t.doc<PatrolLogDoc>(COLLECTIONS.patrolVisits, answered.data.log.id)).toMatchObject({
      occupancy: 'vacant',
    });
  });

  it('a log an older app queued offline (no form marker) is accepted and kept unanswered; replaying it is the same log', async () => {
    const d = await patrolDistrict(t, { plan: true });
    const [home] = (await stopsOf(t, d.volunteer)).filter((v) => v.target === 'unit');
    const first = await log(home!._id, {});
    expect(first.ok).toBe(true);
    expect(await t.doc<PatrolLogDoc>(COLLECTIONS.patrolVisits, first.data.log.id)).toMatchObject({
      occupancy: null,
    });
    const replay = await log(home!._id, {});
    expect(replay.data).toMatchObject({ replayed: true, log: { id: first.data.log.id } });
  });

  it('a public area is not asked: the current form logs it without an answer', async () => {
    const d = await patrolDistrict(t, { plan: true });
    const pub = (await stopsOf(t, d.volunteer)).find((v) => v.target !== 'unit');
    expect(pub).toBeDefined();
    const res = await log(pub!._id, { form: VISIT_FORM_VERSION, checklist: [], outcome: 'nobody_home' });
    expect(res.ok).toBe(true);
  });
});
