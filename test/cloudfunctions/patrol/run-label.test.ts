import { COLLECTIONS } from '../../../shared/collections';
import { openTestHost, type TestHost } from '../../factories/scenario.factory';

/**
 * Issue #19: a quarter reads 2026年第四季度 wherever a person sees it. The quarterly run of the demo district
 * is named in words, and a run stored before that (2026年第4季度…) reads the same to the office and to the
 * volunteer, since a quarterly run's name is made from its quarter when it is shown.
 */
describe('patrol run names', () => {
  let t: TestHost;
  beforeAll(async () => {
    t = await openTestHost('2026-11-22T02:00:00Z', { seedDemo: true });
  }, 60_000);
  afterAll(() => t.close());

  const names = async () => {
    const runs = await t.call('patrol', 'demo-admin', 'runs', {});
    const routes = await t.call('patrol', 'demo-volunteer', 'myRoutes', {});
    expect(runs.ok && routes.ok).toBe(true);
    return {
      runs: (runs.data as { label: string }[]).map((r) => r.label),
      routes: [...new Set((routes.data as { runLabel: string }[]).map((r) => r.runLabel))],
    };
  };

  it('names the quarter in words, also for a run stored with the quarter in digits', async () => {
    expect(await names()).toEqual({
      runs: ['2026年第四季度入户安全巡查'],
      routes: ['2026年第四季度入户安全巡查'],
    });
    await t.db
      .collection(COLLECTIONS.patrolRuns)
      .doc('q-2026-Q4')
      .update({ label: '2026年第4季度入户安全巡查' });
    const stored = await t.doc<{ label: string }>(COLLECTIONS.patrolRuns, 'q-2026-Q4');
    expect(stored?.label).toBe('2026年第4季度入户安全巡查');
    expect(await names()).toEqual({
      runs: ['2026年第四季度入户安全巡查'],
      routes: ['2026年第四季度入户安全巡查'],
    });
  });
});
