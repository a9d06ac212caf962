import { COLLECTIONS } from '@shared/collections';
import { cite } from '@shared/policy/sources';
import { HOME_VISIT_CHECKLIST } from '@shared/rules/patrol.rule';
import type { LeaseDoc } from '../../../cloudfunctions/_runtime/documents';
import type { PatrolLogDoc, PatrolVisitDoc } from '../../../cloudfunctions/patrol/patrol.documents';
import { patrolDistrict, stopsOf } from '../../factories/patrol.scenario';
import { openTestHost, type TestHost } from '../../factories/scenario.factory';

jest.setTimeout(60_000);

/**
 * 连续未居住 (乌兰察布 第三十二条(三)) counted from the quarterly home safety visits, not typed in: the
 * volunteer answers 是否有人居住 on the visit form; the office sees the visits the months come from; a case
 * opens only when the run of vacancy reaches the district's threshold (6 months in the model policy).
 * Earlier quarters' logs are stored as the patrol function stores them; this quarter's goes through
 * logVisit on 2026-11-22.
 */
describe('vacancy months from the patrol visits', () => {
  let t: TestHost;
  const START = '2026-11-22T02:00:00Z';
  beforeEach(async () => {
    t = await openTestHost(START);
  });
  afterEach(() => t.close());

  async function setUp() {
    const d = await patrolDistrict(t, { plan: true });
    const [stop] = (await stopsOf(t, d.volunteer)).filter((s) => s.target === 'unit');
    const unitId = (stop as PatrolVisitDoc).unitId as string;
    const lease = (await t.all<LeaseDoc>(COLLECTIONS.leases, { unitId, status: 'active' }))[0] as LeaseDoc;
    /** A log of an earlier quarter, as logVisit stores it. */
    const pastLog = async (
      date: string,
      occupancy: PatrolLogDoc['occupancy'],
      outcome: PatrolLogDoc['outcome'] = 'nobody_home',
    ) => {
      const q = `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
      const log: Omit<PatrolLogDoc, '_id'> = {
        clientLogId: `past-${date}`,
        digest: 'x',
        volunteerUserId: d.volunteer.userId,
        visitId: `pv-q-${q}-${unitId}`,
        planId: `q-${q}`,
        quarter: q,
        projectId: lease.projectId,
        buildingId: (stop as PatrolVisitDoc).buildingId,
        unitId,
        label: (stop as PatrolVisitDoc).label,
        outcome,
        visitedAt: `${date}T02:00:00.000Z`,
        receivedAt: `${date}T02:00:00.000Z`,
        checklist: [],
        notes: occupancy === 'vacant' ? '门口积灰，电表不走' : '',
        photoFileIds: [],
        occupancy,
      };
      await t.db.collection(COLLECTIONS.patrolVisits).doc(`log-past-${date}`).set(log);
    };
    const visitNow = (occupancy: 'lived_in' | 'vacant' | 'unsure') =>
      t.call('patrol', d.volunteer.openid, 'logVisit', {
        clientLogId: 'log-now-000001',
        visitId: (stop as PatrolVisitDoc)._id,
        outcome: 'nobody_home',
        visitedAt: new Date(START).toISOString(),
        checklist: HOME_VISIT_CHECKLIST.filter((c) => c.id === 'vacancy_sublet').map((c) => ({
          id: c.id,
          result: 'problem',
          note: '',
        })),
        notes: '敲门无人，信箱塞满',
        photos: [],
        occupancy,
      });
    const open = (clientRequestId: string) =>
      t.call('allocation', d.admin.openid, 'openExitCase', {
        leaseId: lease._id,
        trigger: 'vacant_6_months',
        source: 'patrol',
        evidence: '巡查发现长期无人居住',
        clientRequestId,
      });
    const evidence = () => t.call('allocation', d.admin.openid, 'vacancyEvidence', { leaseId: lease._id });
    return { d, lease, pastLog, visitNow, open, evidence };
  }

  it('visits across three quarters that found nobody living there make 6 months: the office sees them and the case opens', async () => {
    const s = await setUp();
    await s.pastLog('2026-02-14', 'lived_in', 'visited');
    await s.pastLog('2026-05-22', 'vacant');
    await s.pastLog('2026-08-20', 'vacant');
    const now = await s.visitNow('vacant');
    expect(now.data.log).toMatchObject({ occupancy: 'vacant' });
    const ev = (await s.evidence()).data;
    expect(ev).toMatchObject({
      months: 6,
      thresholdMonths: 6,
      reaches: true,
      from: '2026-05-22',
      to: '2026-11-22',
    });
    // Wuchang's own documents set no figure: the threshold shows as the operator's setting, not a clause.
    expect(ev.clause).toBe(cite(t.host.runtime.policy, 'exit.vacancy'));
    expect(ev.clause).toContain('运营方设定');
    expect(ev.visits.map((v: { date: string; counted: boolean }) => [v.date, v.counted])).toEqual([
      ['2026-02-14', false],
      ['2026-05-22', true],
      ['2026-08-20', true],
      ['2026-11-22', true],
    ]);
    expect(ev.visits[0]).toMatchObject({ quarterLabel: '2026年第一季度', findingLabel: '有人居住' });
    expect(ev.visits[3]).toMatchObject({ quarterLabel: '2026年第四季度', findingLabel: '无人居住迹象' });
    const opened = await s.open('vacancy-case-1');
    expect(opened.error).toBeUndefined();
    expect(opened.data.evidence).toContain('2026-05-22 至 2026-11-22 共 3 次走访均无人居住迹象，连续 6 个月');
    expect(opened.data.triggerLabel).toContain('6个月');
  });

  it('a visit that found the home lived in ends the run: 3 months do not reach the threshold and nothing is written', async () => {
    const s = await setUp();
    await s.pastLog('2026-02-14', 'vacant');
    await s.pastLog('2026-05-22', 'lived_in', 'visited');
    await s.pastLog('2026-08-20', 'vacant');
    await s.visitNow('vacant');
    const ev = (await s.evidence()).data;
    expect(ev).toMatchObject({ months: 3, reaches: false, from: '2026-08-20' });
    const before = await t.count(COLLECTIONS.exitCases);
    const refused = await s.open('vacancy-case-2');
    expect(refused.error).toMatchObject({
      code: 'RULE_VIOLATION',
      message: expect.stringContaining('连续未居住 3 个月'),
    });
    expect(await t.count(COLLECTIONS.exitCases)).toBe(before);
  });

  it('nobody at home is not vacancy; "unsure" shows nothing; visits before the lease do not count', async () => {
    const s = await setUp();
    await t.db.collection(COLLECTIONS.leases).doc(s.lease._id).update({ startDate: '2026-03-01' });
    await s.pastLog('2026-02-14', 'vacant');
    await s.pastLog('2026-05-22', null);
    await s.pastLog('2026-08-20', 'unsure');
    await s.visitNow('vacant');
    const ev = (await s.evidence()).data;
    expect(ev).toMatchObject({ months: 0, from: '2026-11-22', to: '2026-11-22', reaches: false });
    expect(ev.visits.map((v: { date: string }) => v.date)).toEqual([
      '2026-05-22',
      '2026-08-20',
      '2026-11-22',
    ]);
    expect(ev.visits[0].findingLabel).toBe('未作判断');
  });

  it('the occupancy question is for homes only: a public area visit answering it is refused', async () => {
    const s = await setUp();
    const [pub] = (await stopsOf(t, s.d.volunteer)).filter((x) => x.target === 'public_area');
    const r = await t.call('patrol', s.d.volunteer.openid, 'logVisit', {
      clientLogId: 'log-pub-000001',
      visitId: (pub as PatrolVisitDoc)._id,
      outcome: 'nobody_home',
      visitedAt: new Date(START).toISOString(),
      checklist: [],
      notes: '',
      photos: [],
      occupancy: 'vacant',
    });
    expect(r.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('公共区域') });
  });
});
