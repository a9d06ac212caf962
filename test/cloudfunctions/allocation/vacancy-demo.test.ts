import { COLLECTIONS } from '@shared/collections';
import type { ActionOutput, ExitCaseView, VacancyEvidence } from '@shared/contracts';
import type { PatrolVisitDoc } from '../../../cloudfunctions/patrol/patrol.documents';
import { openTestHost, type TestHost } from '../../factories/scenario.factory';

/**
 * The demo district's vacancy story (demo-seed.vacancy.ts): the office's 退出管理 lists the patrol's vacancy
 * signal of this quarter, the visits behind it reach the 6-month threshold, and the case opens on them.
 */
describe('demo data: a tenancy the patrol found vacant over 6 months', () => {
  let t: TestHost;
  beforeAll(async () => {
    t = await openTestHost('2026-11-22T02:00:00Z', { seedDemo: true });
  }, 60_000);
  afterAll(() => t.close());

  it('the office sees the signal, the visits reaching the threshold, and can open the case', async () => {
    const coverage = (await t.call('patrol', 'demo-admin', 'coverage', { quarter: '2026-Q4' }))
      .data as ActionOutput<'patrol', 'coverage'>;
    const signals = coverage.signals.filter((s) => s.kind === 'vacancy_sublet');
    expect(signals).toHaveLength(1);
    const signal = signals[0]!;
    expect(signal.note).toContain('无生活迹象');

    const evidence = (await t.call('allocation', 'demo-admin', 'vacancyEvidence', { unitId: signal.unitId }))
      .data as VacancyEvidence;
    expect(evidence.thresholdMonths).toBe(6);
    expect(evidence.months).toBeGreaterThanOrEqual(6);
    expect(evidence.reaches).toBe(true);
    expect(evidence.visits.filter((v) => v.counted)).toHaveLength(4);
    expect(evidence.visits.every((v) => v.findingLabel === '无人居住迹象')).toBe(true);

    // This quarter's stop says what the log says (the volunteer persona's list is not this one).
    const stops = await t.all<PatrolVisitDoc>(COLLECTIONS.patrolStops, { unitId: signal.unitId });
    const current = stops.find((s) => s.quarter === '2026-Q4')!;
    expect(current).toMatchObject({ status: 'nobody_home', attempts: 1, nobodyHomeAttempts: 1 });
    expect(current.volunteerUserId).not.toBe('u-volunteer');

    const opened = await t.call('allocation', 'demo-admin', 'openExitCase', {
      unitId: signal.unitId,
      trigger: 'vacant_6_months',
      source: 'patrol',
      evidence: '巡查线索：连续多次走访无人居住',
      clientRequestId: 'demo-vacancy-open-0001',
    });
    expect(opened.ok).toBe(true);
    expect(opened.data as ExitCaseView).toMatchObject({ trigger: 'vacant_6_months', state: 'opened' });
  });
});
