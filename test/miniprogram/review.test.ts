import { COLLECTIONS } from '@shared/collections';
import { createLocalHost, type LocalHost } from '../../cloudfunctions/_local/local-host';
import type { ApplicationDoc } from '../../cloudfunctions/_runtime/documents';
import { loadMiniProgram, type MiniProgram } from './harness';

jest.setTimeout(120_000);

/**
 * The office's review pages work in the compiled mini-program: the community reviewer of the demo district
 * opens the queue of their own stage, opens an application in 社区初审 and approves it (confirmed first); the
 * result goes to its public notice.
 */
describe('mini-program (compiled weapp build): the community review queue', () => {
  let host: LocalHost;
  let mp: MiniProgram;

  beforeAll(async () => {
    host = await createLocalHost({ dataFile: ':memory:', seed: true, now: () => new Date() });
    mp = await loadMiniProgram((name, data) =>
      host.invoke(name, data, { openid: 'demo-reviewer-community' }),
    );
  });
  afterAll(() => host.close());

  it('lists its own stage and approves an application into its notice', async () => {
    const queue = await mp.openPage('pages/review-queue/index');
    await queue.waitForText('社区初审中');
    expect(queue.text()).not.toContain('街道复审中');
    const apps = (
      await host.runtime.db
        .collection(COLLECTIONS.applications)
        .where({ status: 'initial_review' })
        .limit(100)
        .get()
    ).data as ApplicationDoc[];
    const id = apps[0]!._id;
    const page = await mp.openPage('pages/review/index', { id });
    await page.waitForText('审核通过');
    await page.tap('review-approve');
    await page.answerDialog(true);
    await page.waitForText('初审公示中');
    const stored = (await host.runtime.db.collection(COLLECTIONS.applications).doc(id).get())
      .data[0] as ApplicationDoc;
    expect(stored.status).toBe('initial_notice');
    expect(stored.notice?.state).toBe('initial_notice');
  });
});
