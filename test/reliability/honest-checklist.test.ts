import { COLLECTIONS } from '@shared/collections';
import { HOME_VISIT_CHECKLIST, PUBLIC_AREA_CHECKLIST } from '@shared/rules/patrol.rule';
import type { PatrolLogDoc, PatrolVisitDoc } from '../../cloudfunctions/patrol/patrol.documents';
import { buildScenario, diff, START, type Scenario } from './scenario';

/**
 * Honest checks (武昌调研报告 二(三)三): a visit log records an explicit answer for every checklist item. A
 * "visited" log with any item left out is INVALID_INPUT naming that item, and writes nothing; what is stored
 * is exactly what the volunteer answered, never an 正常 nobody chose.
 */
const anHourAgo = new Date(START.getTime() - 3_600_000).toISOString();

describe('a visit log answers every checklist item explicitly', () => {
  let s: Scenario;
  let publicStop: string;
  beforeAll(async () => {
    s = await buildScenario();
    const stops = (
      await s.db.collection(COLLECTIONS.patrolStops).where({ projectId: 'p-a', target: 'public_area' }).get()
    ).data as PatrolVisitDoc[];
    publicStop = stops[0]!._id;
  }, 60_000);
  afterAll(() => s.close());

  const log = (visitId: string, checklist: object[], outcome = 'visited', clientLogId = 'honest-log-0001') =>
    s.call('vA', 'patrol', 'logVisit', {
      clientLogId,
      visitId,
      outcome,
      visitedAt: anHourAgo,
      checklist,
      notes: outcome === 'refused' ? '住户拒绝' : '',
      photos: [],
    });

  const cases = [
    ...HOME_VISIT_CHECKLIST.map((item) => ['home', item, HOME_VISIT_CHECKLIST] as const),
    ...PUBLIC_AREA_CHECKLIST.map((item) => ['public area', item, PUBLIC_AREA_CHECKLIST] as const),
  ];
  it.each(cases)(
    '%s: leaving out “%s” is refused, naming it, and writes nothing',
    async (where, item, list) => {
      const visitId = where === 'home' ? s.ids.visitToDo : publicStop;
      const before = await s.snapshot();
      const answer = await log(
        visitId,
        list.filter((c) => c.id !== item.id).map((c) => ({ id: c.id, result: 'ok', note: '' })),
      );
      expect(diff(before, await s.snapshot())).toBe('');
      if (answer.ok) throw new Error('accepted a log with an item left out');
      expect(answer.error.code).toBe('INVALID_INPUT');
      expect(answer.error.message).toContain(item.label);
      expect(answer.error.fields).toEqual({ [`checklist.${item.id}`]: `未作答：${item.label}` });
    },
  );

  it('an empty checklist on a visit names every item', async () => {
    const answer = await log(s.ids.visitToDo, []);
    if (answer.ok) throw new Error('accepted an empty checklist');
    expect(Object.keys(answer.error.fields ?? {}).sort()).toEqual(
      HOME_VISIT_CHECKLIST.map((c) => `checklist.${c.id}`).sort(),
    );
  });

  it('a stop where nobody was home stores no checklist answers at all', async () => {
    const answer = await log(s.ids.visitToDo, [], 'nobody_home', 'honest-log-0002');
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.data.log.checklist).toEqual([]);
  });
  it('stores exactly the answers given, none made up', async () => {
    const answers = HOME_VISIT_CHECKLIST.map((c, i) => ({
      id: c.id,
      result: i === 0 ? 'problem' : i % 2 ? 'na' : 'ok',
      note: i === 0 ? '软管老化' : '',
    }));
    const answer = await log(s.ids.visitToDo, answers);
    if (!answer.ok) throw new Error(answer.error.message);
    const stored = (await s.db.collection(COLLECTIONS.patrolVisits).doc(answer.data.log.id).get())
      .data[0] as PatrolLogDoc;
    expect(stored.checklist.map(({ id, result, note }) => ({ id, result, note }))).toEqual(answers);
  });
});
